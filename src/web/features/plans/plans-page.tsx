import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import type { Plan } from '../../../contracts/plans.ts';
import type { Department } from '../../../contracts/organizations.ts';
import { listDepartments } from '../../api/organizations.ts';
import { createPlan, listPlans, plansOverview, type PlansOverview } from '../../api/plans.ts';
import { useCurrentUser } from '../../app/session-context.tsx';
import { useProblemReporter } from '../../components/problem.ts';
import {
  canCreatePlan, coverageVerdict, defaultPlanTitle, formatBp, formatCoverage, planStatusColors, planStatusLabel, publicationLabel, yearOptions,
  type CoverageFigures, type Publication,
} from './plan-format.ts';
import { ContrastTag } from '../../components/contrast-tag.tsx';

const linkCell = { padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' } as const;

export function CoverageTag({ coverage }: { coverage: CoverageFigures }) {
  const verdict = coverageVerdict(coverage);
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text style={{ color: verdict.ok ? '#135200' : '#a8071a' }}>{formatCoverage(coverage)}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{verdict.text}</Typography.Text>
    </Space>
  );
}

export function PublicationTag({ publication }: { publication: Publication }) {
  const p = publicationLabel(publication);
  return (
    <Space orientation="vertical" size={0}>
      <ContrastTag color={p.color}>{p.label}</ContrastTag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.detail}</Typography.Text>
    </Space>
  );
}

interface CreateValues { departmentId: string; year: number; title: string }

function CreatePlanModal({ open, year, departments, fixedDepartmentId, onClose, onCreated }: {
  open: boolean; year: number; departments: readonly Department[]; fixedDepartmentId: string | null;
  onClose: () => void; onCreated: (plan: Plan) => void;
}) {
  const [form] = Form.useForm<CreateValues>();
  const [saving, setSaving] = useState(false);
  const report = useProblemReporter();
  const nameOf = useCallback((id: string | undefined) => departments.find((d) => d.id === id)?.name ?? '', [departments]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const departmentId = fixedDepartmentId ?? undefined;
    form.setFieldsValue({ departmentId, year, title: departmentId ? defaultPlanTitle(nameOf(departmentId), year) : '' });
  }, [open, year, fixedDepartmentId, form, nameOf]);

  // The title follows department and year until the user types one of their own.
  const onValuesChange = (changed: Partial<CreateValues>, all: CreateValues) => {
    if ('title' in changed || !all.departmentId || !all.year) return;
    form.setFieldValue('title', defaultPlanTitle(nameOf(all.departmentId), all.year));
  };

  const onOk = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      onCreated(await createPlan({ departmentId: v.departmentId, year: v.year, title: v.title.trim() }));
    } catch (error) {
      report(error, form, ['departmentId', 'year', 'title']);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title="编制年度抽查计划" okText="创建" cancelText="取消" confirmLoading={saving}
      onOk={() => { onOk().catch(() => undefined); }} onCancel={onClose} destroyOnHidden>
      <Form<CreateValues> form={form} layout="vertical" preserve={false} onValuesChange={onValuesChange}>
        <Form.Item label="编制部门" name="departmentId" rules={[{ required: true, message: '请选择编制部门' }]}>
          <Select disabled={fixedDepartmentId !== null} showSearch optionFilterProp="label" placeholder="请选择部门"
            options={departments.map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item label="计划年度" name="year" rules={[{ required: true, message: '请输入计划年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="计划标题" name="title" rules={[{ required: true, whitespace: true, message: '请输入计划标题' }, { max: 200 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type OverviewRow = PlansOverview['departments'][number];

export function PlansPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const report = useProblemReporter();
  const thisYear = new Date().getFullYear();
  // The year is in the address (?year=2027), so a link or a reload keeps it.
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
  const setYear = (y: number) => setParams({ year: String(y) }, { replace: true });
  const [overview, setOverview] = useState<PlansOverview | null>(null);
  const [plans, setPlans] = useState<Plan[]>([]);
  const [loading, setLoading] = useState(false);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [creating, setCreating] = useState(false);
  const fixedDepartmentId = me.roles.includes('system_admin') ? null : me.departmentId;

  const load = useCallback(async (y: number) => {
    setLoading(true);
    try {
      const [o, p] = await Promise.all([plansOverview(y), listPlans({ year: y })]);
      setOverview(o);
      setPlans(p);
    } catch (error) {
      report(error);
    } finally {
      setLoading(false);
    }
  }, [report]);

  useEffect(() => { void load(year); }, [load, year]);
  useEffect(() => {
    if (!canCreatePlan(me)) return;
    listDepartments().then(setDepartments).catch((error: unknown) => report(error));
  }, [me, report]);

  const open = (id: string) => { void navigate(`/plans/${id}`); };

  const overviewColumns: TableColumnsType<OverviewRow> = [
    {
      title: '部门', key: 'department',
      render: (_, r) => <Button type="link" size="small" style={linkCell} onClick={() => open(r.planId)}>{r.department.name}</Button>,
    },
    { title: '计划状态', key: 'status', width: 130, render: (_, r) => <ContrastTag color={planStatusColors[r.status]}>{planStatusLabel(r.status)}（第 {r.version} 版）</ContrastTag> },
    { title: '抽查任务', dataIndex: 'lineCount', key: 'lines', width: 90, render: (n: number) => `${n} 项` },
    { title: '覆盖率（对照目标）', key: 'coverage', render: (_, r) => <CoverageTag coverage={r.coverage} /> },
    { title: '公开期限', key: 'publication', width: 260, render: (_, r) => <PublicationTag publication={r.publication} /> },
  ];

  const planColumns: TableColumnsType<Plan> = [
    {
      title: '计划标题', key: 'title',
      render: (_, p) => <Button type="link" size="small" style={linkCell} onClick={() => open(p.id)}>{p.current.title}</Button>,
    },
    { title: '部门', key: 'department', width: 160, render: (_, p) => p.department.name },
    { title: '当前版本', key: 'version', width: 160, render: (_, p) => <ContrastTag color={planStatusColors[p.current.status]}>第 {p.currentVersion} 版 · {planStatusLabel(p.current.status)}</ContrastTag> },
    { title: '已公开版本', key: 'published', width: 110, render: (_, p) => (p.publishedVersion === null ? '—' : `第 ${p.publishedVersion} 版`) },
    { title: '已建任务', dataIndex: 'taskCount', key: 'tasks', width: 90 },
    { title: '操作', key: 'op', width: 90, render: (_, p) => <Button type="link" size="small" onClick={() => open(p.id)}>打开</Button> },
  ];

  const years = yearOptions(thisYear);

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>年度抽查计划</h1>}
      extra={(
        <Space>
          <Select aria-label="计划年度" style={{ width: 120 }} value={year} onChange={setYear}
            options={(years.includes(year) ? years : [...years, year]).map((y) => ({ value: y, label: `${y} 年度` }))} />
          <Button icon={<ReloadOutlined />} onClick={() => void load(year)}>刷新</Button>
          {canCreatePlan(me) && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>编制计划</Button>}
        </Space>
      )}
    >
      <Typography.Paragraph type="secondary">
        各部门每年编制一份年度抽查计划，经领导批准后向社会公开；已公开的计划只能通过“计划调整”形成新版本。
        覆盖率 = 计划抽查户数 / 范围内名录户数，应不低于目标比例；计划须在次年 1 月 31 日前公开。
      </Typography.Paragraph>
      {overview && (
        <section aria-label="全局计划汇总" style={{ marginBottom: 24 }}>
          <Typography.Title level={2} style={{ fontSize: 16 }}>{overview.year} 年度全局汇总</Typography.Title>
          <Space wrap style={{ marginBottom: 12 }}>
            <Typography.Text>全局覆盖率：</Typography.Text>
            <CoverageTag coverage={overview.overall} />
            <Typography.Text type="secondary">目标比例 {formatBp(overview.targetBp)}</Typography.Text>
          </Space>
          <Table<OverviewRow> rowKey="planId" size="small" pagination={false} loading={loading} columns={overviewColumns}
            dataSource={overview.departments} aria-label="各部门计划汇总"
            locale={{ emptyText: `${overview.year} 年度还没有部门编制计划` }} />
        </section>
      )}
      <section aria-label="计划列表">
        <Typography.Title level={2} style={{ fontSize: 16 }}>计划列表</Typography.Title>
        {!canCreatePlan(me) && me.roles.includes('leader') && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title="已报审的计划请打开后批准。" />
        )}
        <Table<Plan> rowKey="id" size="small" pagination={false} loading={loading} columns={planColumns} dataSource={plans}
          locale={{ emptyText: '暂无计划' }} />
      </section>
      <CreatePlanModal
        open={creating} year={year} departments={departments} fixedDepartmentId={fixedDepartmentId}
        onClose={() => setCreating(false)}
        onCreated={(plan) => { setCreating(false); open(plan.id); }}
      />
    </Card>
  );
}
