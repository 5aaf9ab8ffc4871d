import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Descriptions, Form, Input, Radio, Row, Select, Space, Spin, Timeline, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { followUpMeasureLabels, followUpMeasures, type FollowUpMeasure } from '../../../contracts/followups.ts';
import type { Department } from '../../../contracts/organizations.ts';
import {
  addFollowUpMeasure, closeFollowUp, getFollowUp, recordFollowUpProgress, setFollowUpMeasure, transferFollowUp, type FollowUpDetail,
} from '../../api/followups.ts';
import { listDepartments } from '../../api/organizations.ts';
import { useProblemReporter } from '../../components/problem.ts';
import { ContrastTag } from '../../components/contrast-tag.tsx';
import { statusColor, transferText } from './followup-format.ts';

const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const eventLabels: Record<FollowUpDetail['events'][number]['type'], string> = {
  created: '新增措施', measure: '确定措施', progress: '处置进展', transfer: '移送', close: '完结',
};
const measureOptions = followUpMeasures.map((m) => ({ value: m, label: followUpMeasureLabels[m] }));

/** What an event decided, from its recorded data: the measure and deadline, or where it was transferred. */
function eventDetail(e: FollowUpDetail['events'][number], departments: readonly Department[]): string {
  const d = e.data;
  if ((e.type === 'measure' || e.type === 'created') && typeof d.measure === 'string') {
    const label = followUpMeasureLabels[d.measure as FollowUpMeasure];
    return typeof d.dueOn === 'string' ? `${label}，改正期限 ${d.dueOn}` : label;
  }
  if (e.type === 'transfer' && typeof d.target === 'object' && d.target !== null) {
    const t = d.target as { kind?: string; departmentId?: string; body?: string; documentNo?: string; documentDate?: string };
    if (t.kind === 'department') return `移送 ${departments.find((x) => x.id === t.departmentId)?.name ?? '平台内部门'}`;
    return `移送 ${t.body ?? ''}（${t.documentNo ?? ''}，${t.documentDate ?? ''}）`;
  }
  return '';
}

interface MeasureValues { measure: FollowUpMeasure; dueOn?: Dayjs; note?: string }

/** The measure form: 责令改正 asks for the correction deadline. Used to decide and to add a measure. */
function MeasureForm({ name, submitText, onSubmit }: { name: string; submitText: string; onSubmit: (v: MeasureValues) => Promise<boolean> }) {
  const [form] = Form.useForm<MeasureValues>();
  const measure = Form.useWatch('measure', form);
  const [busy, setBusy] = useState(false);
  return (
    <Form form={form} name={name} layout="vertical" onFinish={async (v) => { setBusy(true); if (await onSubmit(v)) form.resetFields(); setBusy(false); }}>
      <Form.Item name="measure" label="处置措施" rules={[{ required: true, message: '请选择处置措施' }]}>
        <Select options={measureOptions} placeholder="请选择" />
      </Form.Item>
      {measure === 'order_correction' ? (
        <Form.Item name="dueOn" label="改正期限" rules={[{ required: true, message: '责令改正须填写改正期限' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      ) : null}
      <Form.Item name="note" label="说明"><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>{submitText}</Button>
    </Form>
  );
}

/** A date (today by default) and a required text: the forms of 登记进展 and 完结. */
function DatedTextForm({ name, dateLabel, textLabel, textRequired, submitText, primary = false, onSubmit }: {
  name: string; dateLabel: string; textLabel: string; textRequired: string; submitText: string; primary?: boolean;
  onSubmit: (date: string, text: string) => unknown;
}) {
  return (
    <Form name={name} layout="vertical" initialValues={{ date: dayjs() }} onFinish={(v: { date: Dayjs; text: string }) => onSubmit(day(v.date), v.text)}>
      <Form.Item name="date" label={dateLabel} rules={[{ required: true, message: '请选择日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
      <Form.Item name="text" label={textLabel} rules={[{ required: true, whitespace: true, message: textRequired }]}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      <Button {...(primary ? { type: 'primary' as const } : {})} htmlType="submit">{submitText}</Button>
    </Form>
  );
}

/** 后续处置详情: what was decided and done, the timeline, and the forms for the next step. */
export function FollowUpDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const report = useProblemReporter();
  const [data, setData] = useState<FollowUpDetail | null>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [transferForm] = Form.useForm();
  const transferKind = Form.useWatch<'department' | 'external' | undefined>('kind', transferForm);

  const load = useCallback(async () => {
    try {
      setData(await getFollowUp(id));
    } catch (error) {
      report(error);
    }
  }, [id, report]);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => { listDepartments().then(setDepartments, report); }, [report]);

  /** Runs one change; the answer is the new state of the follow-up. */
  const change = async (run: () => Promise<FollowUpDetail>, done: string): Promise<boolean> => {
    try {
      setData(await run());
      void message.success(done);
      return true;
    } catch (error) {
      report(error);
      return false;
    }
  };

  if (!data) return <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;
  const open = data.status !== 'closed';
  const decided = data.measure !== null;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 1100 }}>
      <Space wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>后续处置：{data.object.name || data.object.key}</Typography.Title>
        <ContrastTag color={statusColor(data.status)}>{data.statusLabel}</ContrastTag>
        {data.overdue ? <ContrastTag color="red">逾期</ContrastTag> : null}
        <Link to="/followups">返回后续处置清单</Link>
      </Space>
      <Card size="small" title="处置情况">
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
          { key: 'task', label: '抽查任务', children: `${data.task.code} ${data.task.name}` },
          { key: 'inspection', label: '检查结果', children: <Link to={`/inspections/${data.inspectionId}`}>{data.resultCodes.join('、')}（查看检查记录）</Link> },
          { key: 'measure', label: '处置措施', children: data.measureLabel ?? '待确定' },
          { key: 'note', label: '措施说明', children: data.measureNote || '—' },
          { key: 'due', label: '改正期限', children: data.dueOn ?? '—' },
          { key: 'owner', label: '负责部门', children: data.ownerDepartment?.name ?? '—' },
          { key: 'transfer', label: '移送', children: transferText(data.transfer) },
          { key: 'closedOn', label: '完结日期', children: data.closedOn ?? '—' },
          { key: 'outcome', label: '处置结果', children: data.outcome ?? '—' },
        ]} />
      </Card>
      <Card size="small" title="同一检查结果的全部措施" extra={data.closedLoop ? <ContrastTag color="green">已闭环</ContrastTag> : <ContrastTag color="default">未闭环</ContrastTag>}>
        <Space direction="vertical">
          {data.siblings.map((s) => (
            <Space key={s.id}>
              {s.id === data.id ? <Typography.Text strong>{s.measureLabel ?? '待确定措施'}</Typography.Text>
                : <Link to={`/followups/${s.id}`}>{s.measureLabel ?? '待确定措施'}</Link>}
              <ContrastTag color={statusColor(s.status)}>{s.statusLabel}</ContrastTag>
            </Space>
          ))}
        </Space>
      </Card>
      <Card size="small" title="处置记录">
        {data.events.length === 0 ? <Typography.Text type="secondary">尚无处置记录</Typography.Text> : (
          <Timeline items={data.events.map((e, i) => ({
            key: i,
            color: e.type === 'close' ? 'green' : 'blue',
            children: (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{e.on} {eventLabels[e.type]}</Typography.Text>
                {eventDetail(e, departments) ? <Typography.Text>{eventDetail(e, departments)}</Typography.Text> : null}
                {e.note ? <Typography.Text>{e.note}</Typography.Text> : null}
                <Typography.Text type="secondary">{e.actorName} 记录于 {e.at.slice(0, 16).replace('T', ' ')}</Typography.Text>
              </Space>
            ),
          }))} />
        )}
      </Card>
      {open ? (
        <Row gutter={[16, 16]}>
          {data.canManage && data.status === 'open' ? (
            <Col xs={24} lg={12}>
              <Card size="small" title={decided ? '更改处置措施' : '确定处置措施'}>
                <MeasureForm name="measure" submitText="保存措施" onSubmit={(v) => change(() => setFollowUpMeasure(id, {
                  measure: v.measure, dueOn: v.dueOn ? day(v.dueOn) : null, note: v.note ?? '',
                }), '处置措施已保存')} />
              </Card>
            </Col>
          ) : null}
          {data.canManage && decided ? (
            <Col xs={24} lg={12}>
              <Card size="small" title="移送 / 抄告">
                <Form form={transferForm} name="transfer" layout="vertical" initialValues={{ kind: 'external', on: dayjs(), documentDate: dayjs() }}
                  onFinish={(v: { kind: 'department' | 'external'; departmentId?: string; body?: string; documentNo?: string; documentDate?: Dayjs; on: Dayjs; note?: string }) => change(() => transferFollowUp(id, {
                    on: day(v.on), note: v.note ?? '',
                    target: v.kind === 'department'
                      ? { kind: 'department', departmentId: v.departmentId ?? '' }
                      : { kind: 'external', body: v.body ?? '', documentNo: v.documentNo ?? '', documentDate: day(v.documentDate ?? dayjs()) },
                  }), '移送已登记')}>
                  <Form.Item name="kind" label="移送对象">
                    <Radio.Group options={[{ value: 'department', label: '平台内部门' }, { value: 'external', label: '外部机关' }]} />
                  </Form.Item>
                  {transferKind === 'department' ? (
                    <Form.Item name="departmentId" label="接收部门" rules={[{ required: true, message: '请选择接收部门' }]}>
                      <Select showSearch optionFilterProp="label" options={departments.map((d) => ({ value: d.id, label: d.name }))} />
                    </Form.Item>
                  ) : (
                    <>
                      <Form.Item name="body" label="接收机关" rules={[{ required: true, whitespace: true, message: '请填写接收机关' }]}><Input maxLength={200} /></Form.Item>
                      <Form.Item name="documentNo" label="文书编号" rules={[{ required: true, whitespace: true, message: '请填写文书编号' }]}><Input maxLength={100} /></Form.Item>
                      <Form.Item name="documentDate" label="文书日期" rules={[{ required: true, message: '请选择文书日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
                    </>
                  )}
                  <Form.Item name="on" label="移送日期" rules={[{ required: true, message: '请选择移送日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
                  <Form.Item name="note" label="说明"><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
                  <Button type="primary" htmlType="submit">登记移送</Button>
                </Form>
              </Card>
            </Col>
          ) : null}
          {data.canHandle && decided ? (
            <Col xs={24} lg={12}>
              <Card size="small" title="登记处置进展">
                <DatedTextForm name="progress" dateLabel="进展日期" textLabel="进展情况" textRequired="请填写处置进展" submitText="登记进展"
                  onSubmit={(on, note) => change(() => recordFollowUpProgress(id, { on, note }), '进展已登记')} />
              </Card>
            </Col>
          ) : null}
          {data.canHandle && decided ? (
            <Col xs={24} lg={12}>
              <Card size="small" title="完结">
                <DatedTextForm name="close" dateLabel="完结日期" textLabel="处置结果" textRequired="完结时须填写处置结果" submitText="完结" primary
                  onSubmit={(closedOn, outcome) => change(() => closeFollowUp(id, { closedOn, outcome }), '后续处置已完结')} />
              </Card>
            </Col>
          ) : null}
        </Row>
      ) : null}
      {data.canManage ? (
        <Card size="small" title="为该检查结果新增处置措施">
          <MeasureForm name="add-measure" submitText="新增措施" onSubmit={async (v) => {
            try {
              const created = await addFollowUpMeasure(id, { measure: v.measure, dueOn: v.dueOn ? day(v.dueOn) : null, note: v.note ?? '' });
              void message.success('已新增处置措施');
              void navigate(`/followups/${created.id}`);
              return true;
            } catch (error) {
              report(error);
              return false;
            }
          }} />
        </Card>
      ) : null}
    </Space>
  );
}
