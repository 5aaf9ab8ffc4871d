import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { Plan } from '../../../contracts/plans.ts';
import type { Department } from '../../../contracts/organizations.ts';
import type { EntityFacets } from '../../../contracts/entities.ts';
import { entityStatusLabels } from '../../../domain/task/candidate-pool.ts';
import { ApiError } from '../../api/client.ts';
import { getEntityFacets } from '../../api/entities.ts';
import { listItems } from '../../api/items.ts';
import { listDepartments } from '../../api/organizations.ts';
import { updatePlan } from '../../api/plans.ts';
import { problemText } from '../../components/problem.ts';
import { editorFieldOf, lineToBody, lineToForm, type LineFormValues } from './plan-format.ts';

type LineRow = Omit<LineFormValues, 'periodFrom' | 'periodTo'> & { period?: [Dayjs | null, Dayjs | null] | null };
interface EditorValues { title: string; lines: LineRow[] }

/** How long the editor waits after the last keystroke before saving the draft and refreshing the coverage. */
const AUTOSAVE_DELAY_MS = 800;

const toRow = (line: Plan['current']['lines'][number]): LineRow => {
  const { periodFrom, periodTo, ...rest } = lineToForm(line);
  return { ...rest, period: [periodFrom ? dayjs(periodFrom) : null, periodTo ? dayjs(periodTo) : null] };
};

const fromRow = ({ period, ...rest }: LineRow) => lineToBody({
  ...rest, periodFrom: period?.[0]?.format('YYYY-MM-DD') ?? '', periodTo: period?.[1]?.format('YYYY-MM-DD') ?? '',
});

type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'incomplete' | 'failed';
const saveStateText: Record<SaveState, string> = {
  idle: '', pending: '有未保存的修改…', saving: '正在保存…', saved: '已自动保存，覆盖率已更新', incomplete: '有未填写完整的内容，暂未保存', failed: '保存失败',
};

interface Props {
  plan: Plan;
  /** Called after each save with the plan the server returned (the page refreshes the coverage). */
  onSaved: (plan: Plan) => void;
  /** Whether the form holds changes the server does not have yet (the page holds back 报审 meanwhile). */
  onUnsavedChange?: (unsaved: boolean) => void;
}

const facetOptions = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

/**
 * The editor of a draft version: title and lines. Every change is saved after a short pause
 * (when the form is complete), so that the coverage panel, computed by the server from the
 * saved draft, follows the editing.
 */
export function PlanEditor({ plan, onSaved, onUnsavedChange }: Props) {
  const [form] = Form.useForm<EditorValues>();
  const { message } = App.useApp();
  const [items, setItems] = useState<{ value: string; label: string }[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [facets, setFacets] = useState<EntityFacets>({ industries: [], focusAreas: [], tags: [], objectKinds: [] });
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const sequence = useRef(0);

  useEffect(() => {
    form.setFieldsValue({ title: plan.current.title, lines: plan.current.lines.map(toRow) });
    // Only when another version is opened: a save must not overwrite what the user typed meanwhile.
  }, [plan.id, plan.currentVersion, form]);

  useEffect(() => {
    // Usable items only (claimed, not retired): the server refuses any other.
    listItems({ status: 'active', claimed: 'claimed', page: 1, pageSize: 500 })
      .then((page) => setItems(page.items.filter((i) => i.usableInTask).map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))))
      .catch((error: unknown) => { void message.error(problemText(error)); });
    listDepartments().then(setDepartments).catch((error: unknown) => { void message.error(problemText(error)); });
    getEntityFacets().then(setFacets).catch((error: unknown) => { void message.error(problemText(error)); });
  }, [message]);

  const save = useCallback(async (quiet: boolean) => {
    const mine = ++sequence.current;
    let values: EditorValues;
    try {
      values = await form.validateFields();
    } catch {
      if (mine === sequence.current) setSaveState('incomplete');
      return;
    }
    setSaveState('saving');
    try {
      const saved = await updatePlan(plan.id, { title: values.title.trim(), lines: values.lines.map(fromRow) });
      if (mine !== sequence.current) return;
      setSaveState('saved');
      onSaved(saved);
      if (!quiet) void message.success('计划已保存');
    } catch (error) {
      if (mine !== sequence.current) return;
      setSaveState('failed');
      if (error instanceof ApiError) {
        const fields = error.fieldErrors.flatMap((e) => {
          const name = editorFieldOf(e.path);
          return name ? [{ name, errors: [e.message] }] : [];
        });
        // The paths are built at run time from the server's answer, so the form is used untyped here.
        if (fields.length > 0) (form as FormInstance).setFields(fields);
      }
      void message.error(problemText(error));
    }
  }, [form, plan.id, onSaved, message]);

  const schedule = () => {
    setSaveState('pending');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => { void save(true); }, AUTOSAVE_DELAY_MS);
  };
  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);
  useEffect(() => { onUnsavedChange?.(saveState !== 'idle' && saveState !== 'saved'); }, [saveState, onUnsavedChange]);

  const otherDepartments = departments.filter((d) => d.id !== plan.department.id).map((d) => ({ value: d.id, label: d.name }));
  const nextYear = plan.year;

  return (
    <Form<EditorValues> form={form} layout="vertical" onValuesChange={schedule} aria-label="编辑计划">
      <Form.Item label="计划标题" name="title" rules={[{ required: true, whitespace: true, message: '请输入计划标题' }, { max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Card key={field.key} size="small" style={{ marginBottom: 12 }}
                title={`抽查任务 ${index + 1}`}
                extra={<Button type="link" size="small" style={{ color: '#a8071a' }} icon={<DeleteOutlined />} aria-label={`删除抽查任务 ${index + 1}`}
                  onClick={() => { remove(field.name); schedule(); }}>删除</Button>}>
                <Row gutter={12}>
                  <Col span={24}>
                    <Form.Item label="抽查任务名称" name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: '请输入抽查任务名称' }, { max: 200 }]}>
                      <Input placeholder="如 道路货运企业抽查" />
                    </Form.Item>
                  </Col>
                  <Col span={24}>
                    <Form.Item label="抽查事项" name={[field.name, 'itemIds']} rules={[{ required: true, message: '至少选择一个抽查事项' }]}
                      extra="只能选择已认领且在用的事项">
                      <Select mode="multiple" showSearch optionFilterProp="label" options={items} placeholder="搜索事项编码或名称" />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item label="抽查比例（%）" name={[field.name, 'ratioPercent']} rules={[{ required: true, message: '请输入抽查比例' }]}>
                      <InputNumber min={0.01} max={100} step={0.5} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item label="实施期间" name={[field.name, 'period']} required
                      rules={[{ validator: (_, v: LineRow['period']) => (v?.[0] && v[1] ? Promise.resolve() : Promise.reject(new Error('请选择开始和结束日期'))) }]}>
                      <DatePicker.RangePicker style={{ width: '100%' }} aria-label="实施期间" />
                    </Form.Item>
                  </Col>
                  <Col span={24}>
                    <Form.Item label="联合抽查部门" name={[field.name, 'departmentIds']} extra="本部门始终参加；可另选参加联合抽查的部门">
                      <Select mode="multiple" showSearch optionFilterProp="label" options={otherDepartments} placeholder="不选则由本部门单独抽查" />
                    </Form.Item>
                  </Col>
                </Row>
                <Typography.Text strong>抽查范围</Typography.Text>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>都不选即不定向（全部名录对象）；同一条件内任一即可，不同条件须同时满足。</Typography.Paragraph>
                <Row gutter={12}>
                  <Col span={12}>
                    <Form.Item label="行业" name={[field.name, 'industries']}>
                      <Select mode="tags" options={facetOptions(facets.industries)} placeholder="全部行业" />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item label="重点领域" name={[field.name, 'focusAreas']}>
                      <Select mode="tags" options={facetOptions(facets.focusAreas)} placeholder="全部领域" />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item label="行政区划代码" name={[field.name, 'regionCodes']}
                      rules={[{ validator: (_, v: string[] | undefined) => ((v ?? []).every((c) => /^\d{6}$/.test(c)) ? Promise.resolve() : Promise.reject(new Error('行政区划代码为 6 位数字'))) }]}>
                      <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder="如 130227" />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item label="对象类别" name={[field.name, 'kinds']}>
                      <Select mode="multiple" options={[{ value: 'subject', label: '主体类' }, { value: 'object', label: '非主体类' }]} placeholder="全部类别" />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item label="非主体类对象类型" name={[field.name, 'objectKinds']}>
                      <Select mode="tags" options={facetOptions(facets.objectKinds)} placeholder="全部类型" />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item label="经营状态" name={[field.name, 'statuses']}>
                      <Select mode="multiple" options={Object.entries(entityStatusLabels).map(([value, label]) => ({ value, label }))} placeholder="全部状态" />
                    </Form.Item>
                  </Col>
                  <Col span={24}>
                    <Form.Item label="标签" name={[field.name, 'tags']}>
                      <Select mode="tags" options={facetOptions(facets.tags)} placeholder="不限标签" />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))}
            <Space wrap>
              <Button icon={<PlusOutlined />} onClick={() => {
                add({ ratioPercent: 5, period: [dayjs(`${nextYear}-03-01`), dayjs(`${nextYear}-11-30`)], itemIds: [], departmentIds: [] });
                schedule();
              }}>添加抽查任务</Button>
              <Button type="primary" icon={<SaveOutlined />} loading={saveState === 'saving'}
                onClick={() => { if (timer.current) clearTimeout(timer.current); void save(false); }}>保存</Button>
              <Typography.Text type={saveState === 'failed' || saveState === 'incomplete' ? 'danger' : 'secondary'} role="status">
                {saveStateText[saveState]}
              </Typography.Text>
            </Space>
          </>
        )}
      </Form.List>
    </Form>
  );
}
