import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Descriptions, Drawer, Form, Input, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  genderLabels, officerCategoryLabels, officerStatusLabels, type Officer, type OfficerConflict,
} from '../../../contracts/officers.ts';
import { createConflict, endConflict, listConflicts } from '../../api/officers.ts';
import { useProblemReporter } from '../../components/problem.ts';
import { EligibilityTag } from './eligibility-tag.tsx';

interface Props {
  officer: Officer | null;
  canManage: boolean;
  onClose: () => void;
  onChanged: () => void;
}

interface ConflictForm { entityKey: string; reason: string; period: [Dayjs | null, Dayjs | null] }

/** An officer's record and their conflicts of interest (回避). */
export function OfficerDrawer({ officer, canManage, onClose, onChanged }: Props) {
  const [conflicts, setConflicts] = useState<OfficerConflict[]>([]);
  const [loading, setLoading] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<ConflictForm>();
  const report = useProblemReporter();
  const { message } = App.useApp();

  const load = useCallback(async (id: string) => {
    setLoading(true);
    try {
      setConflicts(await listConflicts(id));
    } catch (error) {
      report(error);
    } finally {
      setLoading(false);
    }
  }, [report]);
  useEffect(() => { if (officer) void load(officer.id); }, [officer, load]);

  const add = async () => {
    if (!officer) return;
    const v = await form.validateFields();
    const from = v.period[0];
    if (!from) return;
    setSaving(true);
    try {
      await createConflict(officer.id, {
        entityKey: v.entityKey.trim(), reason: v.reason.trim(), validFrom: from.format('YYYY-MM-DD'),
        validTo: v.period[1] ? v.period[1].format('YYYY-MM-DD') : null,
      });
      void message.success('已登记回避');
      form.resetFields();
      onChanged();
      await load(officer.id);
    } catch (error) {
      report(error, form, ['entityKey', 'reason']);
    } finally {
      setSaving(false);
    }
  };

  const end = async (conflict: OfficerConflict) => {
    if (!officer) return;
    try {
      await endConflict(officer.id, conflict.id);
      void message.success('已结束回避（截至今日）');
      onChanged();
      await load(officer.id);
    } catch (error) {
      report(error);
    }
  };

  return (
    <Drawer open={officer !== null} onClose={onClose} size="large" destroyOnHidden title={officer ? `${officer.name}（${officer.key}）` : '执法人员'}>
      {officer && (
        <Tabs items={[
          {
            key: 'info', label: '基本信息',
            children: (
              <Descriptions column={1} size="small" bordered items={[
                { key: 'eligible', label: `${officer.eligibilityDate} 是否可抽取`, children: <EligibilityTag officer={officer} /> },
                { key: 'name', label: '姓名', children: officer.name },
                { key: 'gender', label: '性别', children: officer.gender ? genderLabels[officer.gender] : '—' },
                { key: 'category', label: '人员类别', children: officerCategoryLabels[officer.category] },
                { key: 'cert', label: '执法证号', children: officer.certificateNo ?? '—' },
                { key: 'key', label: '名录编号', children: officer.key },
                { key: 'type', label: '执法证件类型', children: officer.certificateType ?? '—' },
                { key: 'valid', label: '证件有效期', children: `${officer.validFrom ?? '—'} 至 ${officer.validTo ?? '—'}` },
                { key: 'dept', label: '所属部门', children: officer.departmentName },
                { key: 'title', label: '职务', children: officer.title ?? '—' },
                { key: 'tags', label: '执法资质及业务专长', children: officer.tags.length ? officer.tags.map((t) => <Tag key={t}>{t}</Tag>) : '—' },
                { key: 'status', label: '状态', children: officerStatusLabels[officer.status] + (officer.status === 'on_leave' ? `（${officer.leaveFrom ?? '—'} 至 ${officer.leaveTo ?? '—'}）` : '') },
                { key: 'user', label: '关联用户', children: officer.userDisplayName ?? '—' },
              ]} />
            ),
          },
          {
            key: 'conflicts', label: `回避登记（${conflicts.length}）`,
            children: (
              <>
                <Typography.Paragraph type="secondary">在回避期间，该人员不会被匹配去检查对应的检查对象。</Typography.Paragraph>
                <Table<OfficerConflict>
                  size="small" rowKey="id" loading={loading} pagination={false} dataSource={conflicts}
                  columns={[
                    { title: '检查对象', key: 'entity', render: (_, c) => <span>{c.entityName}<br /><Typography.Text type="secondary">{c.entityKey}</Typography.Text></span> },
                    { title: '回避理由', dataIndex: 'reason' },
                    { title: '期间', key: 'period', width: 200, render: (_, c) => `${c.validFrom} 至 ${c.validTo ?? '长期'}` },
                    { title: '状态', key: 'active', width: 80, render: (_, c) => (c.active ? <Tag color="red">生效中</Tag> : <Tag>未生效</Tag>) },
                    {
                      title: '操作', key: 'op', width: 90,
                      render: (_, c) => (canManage && c.active ? (
                        <Popconfirm title="结束该回避？" description="回避将截至今日。" okText="结束" cancelText="取消" onConfirm={() => end(c)}>
                          <Button type="link" size="small">结束</Button>
                        </Popconfirm>
                      ) : null),
                    },
                  ]}
                />
                {canManage && (
                  <Form<ConflictForm> form={form} layout="vertical" style={{ marginTop: 24 }}>
                    <Typography.Title level={5}>登记回避</Typography.Title>
                    <Form.Item label="检查对象（统一社会信用代码或名录编号）" name="entityKey" rules={[{ required: true, whitespace: true, message: '请输入检查对象的代码' }]}>
                      <Input autoComplete="off" />
                    </Form.Item>
                    <Form.Item label="回避理由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写回避理由' }]}>
                      <Input placeholder="如 配偶在该企业任职" />
                    </Form.Item>
                    <Form.Item label="回避期间" name="period" rules={[{ required: true, message: '请选择开始日期' }]} extra="结束日期可不填（长期回避）">
                      <DatePicker.RangePicker allowEmpty={[false, true]} />
                    </Form.Item>
                    <Space><Button type="primary" loading={saving} onClick={() => { add().catch(() => undefined); }}>登记</Button></Space>
                  </Form>
                )}
              </>
            ),
          },
        ]} />
      )}
    </Drawer>
  );
}
