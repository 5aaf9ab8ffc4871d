import { useEffect, useState } from 'react';
import { Col, Form, Input, InputNumber, Modal, Radio, Row, Select, TreeSelect } from 'antd';
import {
  itemCategoryLabels, itemObjectTypeLabels, itemSourceLabels, supervisionLevelLabels, type Item,
} from '../../../contracts/items.ts';
import type { Department } from '../../../contracts/organizations.ts';
import { verificationMethodLabels, verificationMethods } from '../../../domain/result/result-codes.ts';
import { createItem, updateItem, type CreateItemBody } from '../../api/items.ts';
import { useProblemReporter } from '../../components/problem.ts';
import { buildDepartmentTree, toTreeData } from '../organizations/department-tree.ts';

interface FormValues {
  code: string;
  category: Item['category'];
  groupName: string;
  name: string;
  legalBasis: string;
  responsibleDepartmentId: string | null;
  supervisionLevel: Item['supervisionLevel'];
  objectType: Item['objectType'];
  content: string;
  methods: Item['methods'];
  ratioPercent: number | null;
  frequency: string | null;
  requiredTags: string[];
  industries: string[];
  remarks: string | null;
  source: Item['source'];
  reason: string;
}

const FIELDS = [
  'code', 'category', 'groupName', 'name', 'legalBasis', 'responsibleDepartmentId', 'supervisionLevel', 'objectType', 'content',
  'methods', 'frequency', 'requiredTags', 'industries', 'remarks', 'source', 'reason',
] as const;

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

interface Props {
  open: boolean;
  editing?: Item;
  departments: readonly Department[];
  /** Set when the user may only create items for their own department. */
  fixedDepartmentId?: string | null;
  onClose: () => void;
  onSaved: (item: Item) => void;
}

function emptyToNull(text: string | null | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

export function ItemFormModal({ open, editing, departments, fixedDepartmentId, onClose, onSaved }: Props) {
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const report = useProblemReporter();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        ...editing, ratioPercent: editing.defaultRatioBp === null ? null : editing.defaultRatioBp / 100, reason: '',
      });
    } else {
      form.setFieldsValue({
        category: 'general', supervisionLevel: 'county', objectType: 'entity', source: 'own', methods: ['on_site'],
        responsibleDepartmentId: fixedDepartmentId ?? null, requiredTags: [], industries: [],
      });
    }
  }, [open, editing, fixedDepartmentId, form]);

  const onOk = async () => {
    const v = await form.validateFields();
    const body: CreateItemBody = {
      code: v.code.trim(), category: v.category, groupName: v.groupName.trim(), name: v.name.trim(), legalBasis: v.legalBasis.trim(),
      responsibleDepartmentId: v.responsibleDepartmentId ?? null, supervisionLevel: v.supervisionLevel, objectType: v.objectType,
      content: v.content.trim(), methods: v.methods ?? [],
      defaultRatioBp: v.ratioPercent === null || v.ratioPercent === undefined ? null : Math.round(v.ratioPercent * 100),
      frequency: emptyToNull(v.frequency), requiredTags: v.requiredTags ?? [], industries: v.industries ?? [],
      remarks: emptyToNull(v.remarks), source: v.source,
    };
    setSaving(true);
    try {
      const saved = editing ? await updateItem(editing.id, { ...body, reason: v.reason.trim() }) : await createItem(body);
      onSaved(saved);
    } catch (error) {
      report(error, form, FIELDS);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      width={820}
      title={editing ? `编辑抽查事项：${editing.code}` : '新建抽查事项'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => { onOk().catch(() => undefined); }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<FormValues> form={form} layout="vertical" preserve={false}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="事项编码" name="code" rules={[{ required: true, whitespace: true, message: '请输入事项编码' }, { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, message: '字母、数字、点、下划线或连字符' }]}>
              <Input autoComplete="off" placeholder="如 QXJT-SX-001" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="抽查类别" name="groupName" rules={[{ required: true, whitespace: true, message: '请输入抽查类别' }]}>
              <Input placeholder="如 道路运输经营" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="事项类别" name="category" rules={[{ required: true }]}>
              <Radio.Group options={options(itemCategoryLabels)} optionType="button" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="抽查事项名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入抽查事项名称' }, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item label="抽查依据" name="legalBasis" rules={[{ required: true, whitespace: true, message: '请输入抽查依据' }]} extra="法律法规名称及条款，如《中华人民共和国行政许可法》第六十一条">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="监管层级" name="supervisionLevel" rules={[{ required: true }]}>
              <Select options={options(supervisionLevelLabels)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="抽查对象" name="objectType" rules={[{ required: true }]}>
              <Select options={options(itemObjectTypeLabels)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="来源" name="source" rules={[{ required: true }]}>
              <Select options={options(itemSourceLabels)} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="责任部门" name="responsibleDepartmentId">
          <TreeSelect
            treeData={toTreeData(buildDepartmentTree(departments))}
            allowClear={!fixedDepartmentId}
            disabled={Boolean(fixedDepartmentId)}
            treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder="请选择责任部门"
          />
        </Form.Item>
        <Form.Item label="抽查内容" name="content" rules={[{ required: true, whitespace: true, message: '请输入抽查内容' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item label="抽查方式" name="methods">
          <Select mode="multiple" options={verificationMethods.map((m) => ({ value: m, label: verificationMethodLabels[m] }))} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="抽查比例（%）" name="ratioPercent">
              <InputNumber min={0.01} max={100} step={0.5} style={{ width: '100%' }} placeholder="如 5" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item label="抽查频次" name="frequency">
              <Input placeholder="如 1次/年" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="检查人员要求（资质/专长）" name="requiredTags">
              <Select mode="tags" tokenSeparators={['、', ',', '，']} placeholder="输入后回车" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="适用行业" name="industries">
              <Select mode="tags" tokenSeparators={['、', ',', '，']} placeholder="输入后回车" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="备注" name="remarks">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="如 属地负责、分级监管" />
        </Form.Item>
        {editing && (
          <Form.Item label="变更理由" name="reason" rules={[{ required: true, whitespace: true, message: '每次修改都会生成新版本，请填写变更理由' }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
