import { useEffect, useMemo, useState } from 'react';
import {
  Alert, App, Button, Checkbox, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Switch, Table, TreeSelect,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Department } from '../../../contracts/organizations.ts';
import type { Plan, PlanVersion } from '../../../contracts/plans.ts';
import type { OneIndustryTemplate, Task } from '../../../contracts/tasks.ts';
import { riskClasses, riskClassLabels, type RiskClass } from '../../../domain/directory/risk-class.ts';
import { entityStatusLabels } from '../../../domain/task/candidate-pool.ts';
import type { EntityFacets } from '../../../contracts/entities.ts';
import { getEntityFacets } from '../../api/entities.ts';
import { listItems } from '../../api/items.ts';
import { createTask, getPlanVersion, listPlans, updateTask } from '../../api/tasks.ts';
import { useCurrentUser } from '../../app/session-context.tsx';
import { useProblemReporter } from '../../components/problem.ts';
import { buildDepartmentTree, toTreeData } from '../organizations/department-tree.ts';
import { OneIndustryModal } from './one-industry-modal.tsx';
import {
  bpToPercent, emptyScope, newTaskValues, StrataMissingError, taskToValues, valuesToCreateBody, valuesToUpdateBody, type TaskFormValues,
} from './task-form.ts';

/** Top-level form fields: server field errors naming them are shown on the field. */
const FIELDS = [
  'code', 'name', 'planId', 'organizerDepartmentId', 'participatingDepartmentIds', 'itemIds', 'scope', 'strata', 'exclusions', 'team',
  'periodFrom', 'periodTo', 'description',
] as const;

const statusOptions = Object.entries(entityStatusLabels).map(([value, label]) => ({ value, label }));
const tagsSelect = { mode: 'tags' as const, tokenSeparators: ['、', ',', '，'], placeholder: '输入后回车，可多个' };

interface Props {
  open: boolean;
  /** The task being edited; a frozen one is shown read-only. */
  editing?: Task | undefined;
  departments: readonly Department[];
  onClose: () => void;
  onSaved: (task: Task) => void;
}

function dateField() {
  return {
    getValueProps: (value: string | undefined) => ({ value: value ? dayjs(value) : null }),
    normalize: (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : ''),
  };
}

/** One quota row: ratio (%) or count, and the value. */
function QuotaInputs({ name, label, disabled }: { name: (string | number)[]; label: string; disabled?: boolean }) {
  return (
    <Space.Compact>
      <Form.Item name={[...name, 'mode']} noStyle>
        <Select aria-label={`${label}抽取方式`} style={{ width: 90 }} disabled={disabled} options={[{ value: 'ratio', label: '比例' }, { value: 'count', label: '户数' }]} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate>
        {({ getFieldValue }) => {
          const mode = getFieldValue([...name, 'mode']) as 'ratio' | 'count' | undefined;
          return (
            <Form.Item name={[...name, 'value']} noStyle>
              <InputNumber
                aria-label={label} style={{ width: 140 }} disabled={disabled} min={0} max={mode === 'count' ? 1_000_000 : 100}
                precision={mode === 'count' ? 0 : undefined} suffix={mode === 'count' ? '户' : '%'}
              />
            </Form.Item>
          );
        }}
      </Form.Item>
    </Space.Compact>
  );
}

export function TaskEditor({ open, editing, departments, onClose, onSaved }: Props) {
  const me = useCurrentUser();
  const [form] = Form.useForm<TaskFormValues>();
  const [saving, setSaving] = useState(false);
  const [itemOptions, setItemOptions] = useState<{ value: string; label: string }[]>([]);
  const [plans, setPlans] = useState<Plan[]>([]);
  const [planVersion, setPlanVersion] = useState<PlanVersion | null>(null);
  const [facets, setFacets] = useState<EntityFacets | null>(null);
  const [templateOpen, setTemplateOpen] = useState(false);
  const report = useProblemReporter();
  const { message } = App.useApp();

  const readOnly = editing !== undefined && editing.status !== 'draft';
  const isSystemAdmin = me.roles.includes('system_admin');
  const treeData = useMemo(() => toTreeData(buildDepartmentTree(departments)), [departments]);
  const departmentName = useMemo(() => new Map(departments.map((d) => [d.id, d.name])), [departments]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setPlanVersion(null);
    form.setFieldsValue(editing ? taskToValues(editing) : newTaskValues(isSystemAdmin ? '' : me.departmentId ?? '', new Date().getFullYear()));
    // Only usable items (in use and claimed) may be chosen; the server refuses any other.
    listItems({ status: 'active', claimed: 'claimed', page: 1, pageSize: 500 })
      .then((page) => {
        const usable = page.items.map((i) => ({ value: i.id, label: `${i.code} ${i.name}（${i.claimedByDepartmentName ?? ''}）` }));
        const known = new Set(usable.map((o) => o.value));
        const current = (editing?.items ?? []).filter((i) => !known.has(i.id)).map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }));
        setItemOptions([...usable, ...current]);
      })
      .catch((error: unknown) => report(error));
    listPlans().then((list) => setPlans(list.filter((p) => p.publishedVersion !== null))).catch(() => setPlans([]));
    getEntityFacets().then(setFacets).catch(() => setFacets(null));
  }, [open, editing, form, isSystemAdmin, me.departmentId, report]);

  const choosePlan = async (planId: string | null) => {
    setPlanVersion(null);
    const plan = plans.find((p) => p.id === planId);
    if (!plan || plan.publishedVersion === null) return;
    try {
      setPlanVersion(await getPlanVersion(plan.id, plan.publishedVersion));
    } catch (error) {
      report(error);
    }
  };

  /** Prefills items, departments, scope, ratio and period from a line of the published plan. */
  const chooseLine = (index: number) => {
    const line = planVersion?.lines[index];
    const plan = plans.find((p) => p.id === form.getFieldValue('planId'));
    if (!line || !plan) return;
    const scope = { ...emptyScope(), ...line.scope };
    form.setFieldsValue({
      name: form.getFieldValue('name') || line.name,
      participatingDepartmentIds: [...new Set([plan.department.id, ...line.departments.map((d) => d.id)])],
      itemIds: line.items.map((i) => i.id),
      targeted: Object.values(scope).some((list) => list.length > 0), scope,
      strataKind: 'single', single: { mode: 'ratio', value: bpToPercent(line.ratioBp) },
      periodFrom: line.periodFrom, periodTo: line.periodTo,
    });
  };

  const applyTemplate = (template: OneIndustryTemplate) => {
    const body = template.body;
    const organizer = (form.getFieldValue('organizerDepartmentId') as string) || body.organizerDepartmentId || '';
    form.setFieldsValue({
      name: form.getFieldValue('name') || body.name,
      organizerDepartmentId: organizer,
      participatingDepartmentIds: [...new Set([organizer, ...body.participatingDepartmentIds].filter((d) => d !== ''))],
      itemIds: body.itemIds, targeted: true, scope: body.scope, team: body.team,
    });
    setTemplateOpen(false);
    void message.success(`已按“一业一查”填入 ${body.itemIds.length} 个事项、${template.departments.length} 个部门`);
  };

  const onOk = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const full = { ...form.getFieldsValue(true) as TaskFormValues, ...values };
      const saved = editing ? await updateTask(editing.id, valuesToUpdateBody(full)) : await createTask(valuesToCreateBody(full));
      onSaved(saved);
    } catch (error) {
      if (error instanceof StrataMissingError) void message.error(error.message);
      else report(error, form, FIELDS);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open} width={1000} destroyOnHidden
      title={editing ? `${readOnly ? '查看' : '编辑'}抽查任务：${editing.code}` : '新建抽查任务（实施方案）'}
      okText="保存" cancelText={readOnly ? '关闭' : '取消'} confirmLoading={saving}
      okButtonProps={{ style: readOnly ? { display: 'none' } : undefined }}
      onOk={() => { onOk().catch(() => undefined); }} onCancel={onClose}
    >
      {readOnly && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }}
          title="任务已冻结，候选名单和规则已公布，不能修改；如确需修改，请先作废当前抽取并说明原因。" />
      )}
      <Form<TaskFormValues> form={form} layout="vertical" disabled={readOnly} preserve>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="任务编号" name="code" extra="即公开的抽取编号，如 QXJT-2026-007"
              rules={[{ required: true, whitespace: true, message: '请输入任务编号' }, { pattern: /^\s*[A-Za-z0-9][A-Za-z0-9-]*\s*$/, message: '只能包含字母、数字和连字符' }]}>
              <Input autoComplete="off" disabled={readOnly || editing !== undefined} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item label="任务名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入任务名称' }, { max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="任务来源" name="source">
              <Radio.Group optionType="button" disabled={readOnly || editing !== undefined}
                options={[{ value: 'ad_hoc', label: '临时任务' }, { value: 'plan', label: '年度计划' }]}
                onChange={() => { form.setFieldValue('planId', null); setPlanVersion(null); }} />
            </Form.Item>
          </Col>
          <Form.Item noStyle shouldUpdate={(a: TaskFormValues, b: TaskFormValues) => a.source !== b.source}>
            {({ getFieldValue }) => (getFieldValue('source') === 'plan' ? (
              <>
                <Col span={8}>
                  <Form.Item label="年度抽查计划（已公开）" name="planId" rules={[{ required: true, message: '请选择年度抽查计划' }]}>
                    <Select disabled={readOnly || editing !== undefined} placeholder="选择计划"
                      options={plans.map((p) => ({ value: p.id, label: `${p.year} 年 ${p.department.name}：${p.current.title}` }))}
                      onChange={(id: string) => void choosePlan(id)} />
                  </Form.Item>
                </Col>
                {!editing && (
                  <Col span={8}>
                    <Form.Item label="计划中的抽查" extra="选择后预填事项、部门、范围、比例和期间">
                      <Select aria-label="计划中的抽查" placeholder={planVersion ? '选择一项' : '先选择计划'} disabled={!planVersion}
                        options={(planVersion?.lines ?? []).map((l, i) => ({ value: i, label: l.name }))} onChange={chooseLine} />
                    </Form.Item>
                  </Col>
                )}
              </>
            ) : null)}
          </Form.Item>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="组织部门" name="organizerDepartmentId" rules={[{ required: true, message: '请选择组织部门' }]}
              extra={isSystemAdmin ? undefined : '机构管理员以本机构为组织部门'}>
              <TreeSelect treeData={treeData} treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder="请选择"
                disabled={readOnly || editing !== undefined || !isSystemAdmin} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item label="参与部门" name="participatingDepartmentIds" extra="两个及以上部门即为联合抽查（跨部门）"
              rules={[{ required: true, type: 'array', min: 1, message: '请选择参与部门' }]}>
              <TreeSelect treeData={treeData} multiple treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder="请选择" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={(
          <Space>
            <span>抽查事项</span>
            {!readOnly && <Button size="small" onClick={() => setTemplateOpen(true)}>一业一查</Button>}
          </Space>
        )} name="itemIds" extra="只能选择在用且已认领的事项" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个抽查事项' }]}>
          <Select mode="multiple" aria-label="抽查事项" options={itemOptions} optionFilterProp="label" placeholder="选择事项" />
        </Form.Item>

        <Divider titlePlacement="start">抽查范围</Divider>
        <Form.Item name="targeted" label="抽查方式">
          <Radio.Group optionType="button" options={[{ value: false, label: '不定向（名录全部对象）' }, { value: true, label: '定向（按条件筛选）' }]} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a: TaskFormValues, b: TaskFormValues) => a.targeted !== b.targeted}>
          {({ getFieldValue }) => (getFieldValue('targeted') === true ? (
            <Row gutter={16}>
              <Col span={8}><Form.Item label="行业类别" name={['scope', 'industries']}><Select {...tagsSelect} options={(facets?.industries ?? []).map((v) => ({ value: v }))} /></Form.Item></Col>
              <Col span={8}><Form.Item label="重点领域" name={['scope', 'focusAreas']}><Select {...tagsSelect} options={(facets?.focusAreas ?? []).map((v) => ({ value: v }))} /></Form.Item></Col>
              <Col span={8}><Form.Item label="行政区划代码" name={['scope', 'regionCodes']}><Select {...tagsSelect} /></Form.Item></Col>
              <Col span={8}>
                <Form.Item label="对象类型" name={['scope', 'kinds']}>
                  <Select mode="multiple" placeholder="不限" options={[{ value: 'subject', label: '主体类' }, { value: 'object', label: '非主体类' }]} />
                </Form.Item>
              </Col>
              <Col span={8}><Form.Item label="登记状态" name={['scope', 'statuses']}><Select mode="multiple" placeholder="不限" options={statusOptions} /></Form.Item></Col>
              <Col span={8}><Form.Item label="标签" name={['scope', 'tags']}><Select {...tagsSelect} options={(facets?.tags ?? []).map((v) => ({ value: v }))} /></Form.Item></Col>
            </Row>
          ) : null)}
        </Form.Item>

        <Divider titlePlacement="start">分层与抽取比例</Divider>
        <Form.Item name="strataKind" label="分层方式">
          <Radio.Group optionType="button" options={[{ value: 'single', label: '统一比例（不分层）' }, { value: 'by_risk_class', label: '按信用风险分类（差异化）' }]} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a: TaskFormValues, b: TaskFormValues) => a.strataKind !== b.strataKind}>
          {({ getFieldValue }) => (getFieldValue('strataKind') === 'single'
            ? <Form.Item label="抽取比例或户数"><QuotaInputs name={['single']} label="统一抽取" disabled={readOnly} /></Form.Item>
            : (
              <Table<{ riskClass: RiskClass }>
                size="small" pagination={false} rowKey="riskClass" style={{ marginBottom: 16 }}
                dataSource={riskClasses.map((riskClass) => ({ riskClass }))}
                columns={[
                  { title: '信用风险分类', dataIndex: 'riskClass', render: (c: RiskClass) => riskClassLabels[c] },
                  {
                    title: '参与抽取', dataIndex: 'riskClass', key: 'enabled', width: 100,
                    render: (c: RiskClass) => (
                      <Form.Item name={['classes', c, 'enabled']} valuePropName="checked" noStyle>
                        <Checkbox aria-label={`${riskClassLabels[c]}参与抽取`} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '抽取比例（%）或户数', dataIndex: 'riskClass', key: 'quota',
                    render: (c: RiskClass) => (
                      // A class switched off takes no quota: its inputs are disabled (the value is kept for switching back on).
                      <Form.Item noStyle shouldUpdate>
                        {({ getFieldValue }) => (
                          <QuotaInputs name={['classes', c]} label={riskClassLabels[c]} disabled={readOnly || getFieldValue(['classes', c, 'enabled']) !== true} />
                        )}
                      </Form.Item>
                    ),
                  },
                ]}
              />
            ))}
        </Form.Item>

        <Divider titlePlacement="start">排除规则</Divider>
        <Form.Item label="排除以下登记状态的对象" name={['exclusions', 'excludedStatuses']}>
          <Checkbox.Group options={statusOptions} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="排除近 N 天内已被抽查的对象" name={['exclusions', 'inspectedWithinDays']} extra="留空表示不限">
              <InputNumber min={1} max={3660} precision={0} suffix="天" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="同一对象每年最多被抽查次数" name={['exclusions', 'yearlyCap']} extra="留空表示不限">
              <InputNumber min={1} max={100} precision={0} suffix="次" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="A 类对象当年已抽查的不再抽取" name={['exclusions', 'classANotAgainSameYear']} valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">检查组规则</Divider>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item label="每组人数" name={['team', 'teamSize']} extra="不少于 2 人" rules={[{ required: true, message: '请填写每组人数' }]}>
              {/* The minimum of 2 is the server's rule: its refusal is shown on this field. */}
              <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item noStyle shouldUpdate={(a: TaskFormValues, b: TaskFormValues) => a.participatingDepartmentIds !== b.participatingDepartmentIds || a.organizerDepartmentId !== b.organizerDepartmentId}>
              {({ getFieldValue }) => {
                const ids = [...new Set([getFieldValue('organizerDepartmentId') as string, ...(getFieldValue('participatingDepartmentIds') as string[] | undefined ?? [])])].filter(Boolean);
                return (
                  <Form.Item label="每组须有以下部门各 1 人" name={['team', 'requiredDepartmentIds']} extra="应为参与部门">
                    <Select mode="multiple" placeholder="不要求" options={ids.map((id) => ({ value: id, label: departmentName.get(id) ?? id }))} />
                  </Form.Item>
                );
              }}
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item label="须具备的资质或专长" name={['team', 'requiredTags']}><Select {...tagsSelect} /></Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="开始日期" name="periodFrom" rules={[{ required: true, message: '请选择开始日期' }]} {...dateField()}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="结束日期" name="periodTo" rules={[{ required: true, message: '请选择结束日期' }]} {...dateField()}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="说明" name="description">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
        </Form.Item>
      </Form>
      <OneIndustryModal open={templateOpen} onClose={() => setTemplateOpen(false)} onApply={applyTemplate} />
    </Modal>
  );
}
