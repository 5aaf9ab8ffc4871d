import { useEffect, useState } from 'react';
import { Form, Input, InputNumber, Modal, Select, TreeSelect } from 'antd';
import type { Department } from '../../../contracts/organizations.ts';
import { departmentKindLabels, departmentKinds } from '../../../contracts/organizations.ts';
import { createDepartment, updateDepartment, type CreateDepartmentBody } from '../../api/organizations.ts';
import { useProblemReporter } from '../../components/problem.ts';
import { buildDepartmentTree, subtreeIds, toTreeData } from './department-tree.ts';

type FormValues = CreateDepartmentBody;
const FIELDS = ['parentId', 'name', 'kind', 'code', 'regionCode', 'sortOrder'] as const;

interface Props {
  open: boolean;
  /** The department to edit; absent to create one. */
  editing?: Department;
  /** Parent suggested for a new department. */
  defaultParentId?: string | null;
  departments: readonly Department[];
  onClose: () => void;
  onSaved: (department: Department) => void;
}

export function DepartmentFormModal({ open, editing, defaultParentId, departments, onClose, onSaved }: Props) {
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const report = useProblemReporter();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        parentId: editing.parentId, name: editing.name, kind: editing.kind,
        code: editing.code, regionCode: editing.regionCode, sortOrder: editing.sortOrder,
      });
    } else {
      const parent = departments.find((d) => d.id === defaultParentId);
      form.setFieldsValue({
        parentId: defaultParentId ?? null, kind: 'section', sortOrder: 0, regionCode: parent?.regionCode ?? '',
      });
    }
  }, [open, editing, defaultParentId, departments, form]);

  const tree = buildDepartmentTree(departments);
  const treeData = toTreeData(tree, editing ? subtreeIds(tree, editing.id) : new Set());

  const onOk = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const body: FormValues = { ...values, parentId: values.parentId ?? null, sortOrder: values.sortOrder ?? 0 };
      const saved = editing ? await updateDepartment(editing.id, body) : await createDepartment(body);
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
      title={editing ? `编辑机构：${editing.name}` : '新建机构'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => { onOk().catch(() => undefined); }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<FormValues> form={form} layout="vertical" preserve={false}>
        <Form.Item label="上级机构" name="parentId" extra="不选则为顶级机构">
          <TreeSelect treeData={treeData} allowClear treeDefaultExpandAll placeholder="（顶级机构）" />
        </Form.Item>
        <Form.Item label="机构名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入机构名称' }, { max: 64, message: '不超过 64 个字' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="机构类型" name="kind" rules={[{ required: true, message: '请选择机构类型' }]}>
          <Select options={departmentKinds.map((kind) => ({ value: kind, label: departmentKindLabels[kind] }))} />
        </Form.Item>
        <Form.Item
          label="机构编码" name="code"
          rules={[{ required: true, message: '请输入机构编码' }, { pattern: /^[A-Za-z0-9-]{1,32}$/, message: '1–32 位字母、数字或连字符' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          label="行政区划代码" name="regionCode"
          rules={[{ required: true, message: '请输入行政区划代码' }, { pattern: /^\d{6}$/, message: '6 位数字，如 110101' }]}
        >
          <Input inputMode="numeric" maxLength={6} />
        </Form.Item>
        <Form.Item label="排序" name="sortOrder" extra="数字越小越靠前">
          <InputNumber precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
