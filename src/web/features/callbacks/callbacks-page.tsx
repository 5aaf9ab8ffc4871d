import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Space, Statistic, Switch, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { Callback } from '../../../contracts/callbacks.ts';
import {
  callbackChannelLabels, callbackChannels, satisfactionLabels, satisfactionLevels, type CallbackChannel, type Satisfaction,
} from '../../../domain/oversight/callbacks.ts';
import { formatRatio } from '../../../domain/oversight/indicators.ts';
import { getCallbackSummary, listCallbacks, recordCallback, type CallbackPage, type CallbackQuery, type CallbackSummary } from '../../api/callbacks.ts';
import { listEntities } from '../../api/entities.ts';
import { useCurrentUser } from '../../app/session-context.tsx';
import { ContrastTag } from '../../components/contrast-tag.tsx';
import { useProblemReporter } from '../../components/problem.ts';

/** 回访记录: oversight's calls to inspected entities, with the year's summary. */
export function CallbacksPage() {
  const me = useCurrentUser();
  const canRecord = me.roles.includes('oversight') || me.roles.includes('system_admin');
  const [year, setYear] = useState(() => dayjs().year());
  const [query, setQuery] = useState<CallbackQuery>({ page: 1, pageSize: 20 });
  const [data, setData] = useState<CallbackPage | null>(null);
  const [summary, setSummary] = useState<CallbackSummary | null>(null);
  const [loading, setLoading] = useState(false);
  const [recording, setRecording] = useState(false);
  const report = useProblemReporter();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [page, sum] = await Promise.all([listCallbacks({ ...query, year }), getCallbackSummary(year)]);
      setData(page);
      setSummary(sum);
    } catch (error) {
      report(error);
    } finally {
      setLoading(false);
    }
  }, [query, year, report]);
  useEffect(() => { void load(); }, [load]);

  const columns: TableColumnsType<Callback> = [
    { title: '回访日期', dataIndex: 'calledOn', key: 'calledOn', width: 110 },
    { title: '检查对象', key: 'entity', render: (_, c) => <span>{c.entity.name}<br /><Typography.Text type="secondary">{c.entity.uscc ?? ''}</Typography.Text></span> },
    { title: '抽查任务', key: 'task', render: (_, c) => (c.task ? `${c.task.code} ${c.task.name}` : '—') },
    { title: '方式', dataIndex: 'channel', key: 'channel', width: 70, render: (v: CallbackChannel) => callbackChannelLabels[v] },
    { title: '事先告知', dataIndex: 'announcedInAdvance', key: 'announced', width: 90, render: (v: boolean) => (v ? <ContrastTag color="red">是</ContrastTag> : '否') },
    { title: '出示证件', dataIndex: 'certificatesShown', key: 'certificates', width: 90, render: (v: boolean) => (v ? '是' : <ContrastTag color="red">否</ContrastTag>) },
    { title: '不当要求', dataIndex: 'improperRequests', key: 'improper', width: 90, render: (v: boolean) => (v ? <ContrastTag color="red">有</ContrastTag> : '无') },
    { title: '满意度', dataIndex: 'satisfaction', key: 'satisfaction', width: 100, render: (v: Satisfaction) => <ContrastTag color={v === 'dissatisfied' ? 'red' : 'green'}>{satisfactionLabels[v]}</ContrastTag> },
    { title: '情况摘要', dataIndex: 'summary', key: 'summary' },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>回访记录</Typography.Title>
      <Space wrap>
        <label htmlFor="callback-year">年度</label>
        <Select id="callback-year" value={year} style={{ width: 110 }} onChange={(v) => { setYear(v); setQuery((q) => ({ ...q, page: 1 })); }}
          options={[0, 1, 2, 3].map((d) => ({ value: dayjs().year() - d, label: `${dayjs().year() - d} 年` }))} />
        <Checkbox checked={query.concernsOnly === 'true'}
          onChange={(e) => setQuery((q) => { const { concernsOnly: _drop, ...rest } = q; return e.target.checked ? { ...rest, page: 1, concernsOnly: 'true' } : { ...rest, page: 1 }; })}>
          只看需关注的回访
        </Checkbox>
        {canRecord ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>记录回访</Button> : null}
      </Space>
      {summary ? (
        <Row gutter={16}>
          <Col xs={12} md={4}><Card><Statistic title="回访次数" value={summary.total} /></Card></Col>
          <Col xs={12} md={5}><Card><Statistic title="满意率（含基本满意）" value={formatRatio(summary.satisfactionRate)} /></Card></Col>
          <Col xs={12} md={5}><Card><Statistic title="检查前被告知" value={summary.announcedInAdvance} /></Card></Col>
          <Col xs={12} md={5}><Card><Statistic title="未出示执法证件" value={summary.certificatesNotShown} /></Card></Col>
          <Col xs={12} md={5}><Card><Statistic title="反映不当要求" value={summary.improperRequests} /></Card></Col>
        </Row>
      ) : null}
      <Table<Callback>
        rowKey="id" size="middle" loading={loading} columns={columns} dataSource={data?.items ?? []}
        pagination={{ current: query.page, pageSize: query.pageSize, total: data?.total ?? 0, showTotal: (n) => `共 ${n} 条`,
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })) }}
        locale={{ emptyText: '本年度尚无回访记录' }}
      />
      <RecordCallbackModal open={recording} onClose={() => setRecording(false)} onRecorded={() => { setRecording(false); void load(); }} />
    </Space>
  );
}

interface FormValues {
  entityId: string;
  calledOn: Dayjs;
  channel: CallbackChannel;
  contactPerson?: string;
  announcedInAdvance: boolean;
  certificatesShown: boolean;
  improperRequests: boolean;
  satisfaction: Satisfaction;
  summary?: string;
}

const fieldNames = ['entityId', 'calledOn', 'channel', 'contactPerson', 'satisfaction', 'summary'] as const;

function RecordCallbackModal({ open, onClose, onRecorded }: { open: boolean; onClose: () => void; onRecorded: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const [entityOptions, setEntityOptions] = useState<Array<{ value: string; label: string }>>([]);
  const [saving, setSaving] = useState(false);
  const report = useProblemReporter();
  const { message } = App.useApp();

  const search = useCallback((q: string) => {
    if (q.trim().length === 0) return;
    listEntities({ q, page: 1, pageSize: 20 })
      .then((page) => setEntityOptions(page.items.map((e) => ({ value: e.id, label: `${e.name}（${e.key}）` }))))
      .catch((error: unknown) => report(error));
  }, [report]);

  const submit = async (values: FormValues) => {
    setSaving(true);
    try {
      await recordCallback({ ...values, calledOn: values.calledOn.format('YYYY-MM-DD') });
      void message.success('回访已记录');
      form.resetFields();
      onRecorded();
    } catch (error) {
      report(error, form, fieldNames);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal title="记录回访" open={open} onCancel={onClose} onOk={() => form.submit()} okText="保存" confirmLoading={saving} destroyOnHidden width={640}>
      <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void submit(v)}
        initialValues={{ channel: 'phone', calledOn: dayjs(), announcedInAdvance: false, certificatesShown: true, improperRequests: false, satisfaction: 'satisfied' }}>
        <Form.Item name="entityId" label="被回访的检查对象" rules={[{ required: true, message: '请选择检查对象' }]}>
          <Select showSearch={{ filterOption: false, onSearch: search }} options={entityOptions} placeholder="输入名称或统一社会信用代码搜索" />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="calledOn" label="回访日期" rules={[{ required: true, message: '请选择回访日期' }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="channel" label="回访方式">
            <Select style={{ width: 120 }} options={callbackChannels.map((c) => ({ value: c, label: callbackChannelLabels[c] }))} />
          </Form.Item>
          <Form.Item name="contactPerson" label="受访人">
            <Input maxLength={64} />
          </Form.Item>
        </Space>
        <Space size="large" wrap>
          <Form.Item name="announcedInAdvance" label="检查前是否被告知" valuePropName="checked"><Switch checkedChildren="是" unCheckedChildren="否" /></Form.Item>
          <Form.Item name="certificatesShown" label="执法人员是否出示证件" valuePropName="checked"><Switch checkedChildren="是" unCheckedChildren="否" /></Form.Item>
          <Form.Item name="improperRequests" label="是否有不当要求" valuePropName="checked"><Switch checkedChildren="有" unCheckedChildren="无" /></Form.Item>
        </Space>
        <Form.Item name="satisfaction" label="满意度">
          <Radio.Group options={satisfactionLevels.map((s) => ({ value: s, label: satisfactionLabels[s] }))} />
        </Form.Item>
        <Form.Item name="summary" label="情况摘要">
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Typography.Text type="secondary">“是否被告知”：双随机抽查原则上不事先告知；选“是”、未出示证件、有不当要求或不满意的回访会列为需关注。</Typography.Text>
      </Form>
    </Modal>
  );
}
