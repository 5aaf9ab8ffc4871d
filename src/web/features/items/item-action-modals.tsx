import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, TreeSelect, Typography } from 'antd';
import { supervisionLevelLabels, type Item } from '../../../contracts/items.ts';
import type { Department } from '../../../contracts/organizations.ts';
import { claimItem, retireItem } from '../../api/items.ts';
import { useProblemReporter } from '../../components/problem.ts';
import { buildDepartmentTree, toTreeData } from '../organizations/department-tree.ts';

interface ClaimProps {
  item: Item | null;
  departments: readonly Department[];
  /** A department admin claims for their own department only. */
  fixedDepartmentId?: string | null;
  onClose: () => void;
  onDone: (item: Item) => void;
}

/** 认领: a department takes the item into its responsibility, at the item's supervision level. */
export function ClaimItemModal({ item, departments, fixedDepartmentId, onClose, onDone }: ClaimProps) {
  const [form] = Form.useForm<{ departmentId: string | undefined; reason: string }>();
  const [saving, setSaving] = useState(false);
  const report = useProblemReporter();
  useEffect(() => {
    if (item) form.setFieldsValue({ departmentId: fixedDepartmentId ?? undefined, reason: '' });
  }, [item, fixedDepartmentId, form]);

  const onOk = async () => {
    if (!item) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      const body = { ...(v.departmentId ? { departmentId: v.departmentId } : {}), ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) };
      onDone(await claimItem(item.id, body));
    } catch (error) {
      report(error, form, ['departmentId', 'reason']);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={item !== null} title={item ? `认领抽查事项：${item.name}` : '认领抽查事项'} okText="认领" cancelText="取消"
      confirmLoading={saving} onOk={() => { onOk().catch(() => undefined); }} onCancel={onClose} destroyOnHidden
    >
      {item && (
        <Typography.Paragraph type="secondary">
          该事项的监管层级为{supervisionLevelLabels[item.supervisionLevel]}，只有同一层级的机构可以认领。认领后事项即可用于抽查任务。
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item label="认领机构" name="departmentId" rules={[{ required: true, message: '请选择认领机构' }]}>
          <TreeSelect
            treeData={toTreeData(buildDepartmentTree(departments))} disabled={Boolean(fixedDepartmentId)}
            treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder="请选择认领机构"
          />
        </Form.Item>
        <Form.Item label="说明（可选）" name="reason">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RetireProps {
  item: Item | null;
  onClose: () => void;
  onDone: (item: Item) => void;
}

/** 退役: the item leaves the list (kept, with its history), with a required reason. */
export function RetireItemModal({ item, onClose, onDone }: RetireProps) {
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const report = useProblemReporter();
  useEffect(() => {
    if (item) form.resetFields();
  }, [item, form]);

  const onOk = async () => {
    if (!item) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      onDone(await retireItem(item.id, v.reason.trim()));
    } catch (error) {
      report(error, form, ['reason']);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={item !== null} title={item ? `退役抽查事项：${item.name}` : '退役抽查事项'} okText="退役" cancelText="取消"
      okButtonProps={{ danger: true }} confirmLoading={saving} onOk={() => { onOk().catch(() => undefined); }} onCancel={onClose} destroyOnHidden
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="退役后该事项不能再用于抽查任务，也不在公示清单中显示；历史版本保留可查。" />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item label="退役理由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写退役理由' }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} placeholder="如 依据的规章已废止" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
