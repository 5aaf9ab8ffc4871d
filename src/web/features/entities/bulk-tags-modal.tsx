import { useEffect, useState } from 'react';
import { App, Form, Modal, Radio, Select, Typography } from 'antd';
import type { EntityFilter } from '../../../contracts/entities.ts';
import { bulkEditTags, cleanFilter } from '../../api/entities.ts';
import { useProblemReporter } from '../../components/problem.ts';

export interface BulkTagsModalProps {
  open: boolean;
  selectedIds: readonly string[];
  filter: EntityFilter;
  /** How many rows the filter matches (and whether that is exact). */
  matching: { total: number; exact: boolean };
  /** A department admin's edits apply to their department's claimed entities only. */
  scopeNote: string | null;
  focusAreas: readonly string[];
  tags: readonly string[];
  onClose: () => void;
  onDone: () => void;
}

interface FormValues {
  target: 'selected' | 'filter';
  addTags: string[];
  removeTags: string[];
  addFocusAreas: string[];
  removeFocusAreas: string[];
}

const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

export function BulkTagsModal({ open, selectedIds, filter, matching, scopeNote, focusAreas, tags, onClose, onDone }: BulkTagsModalProps) {
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const report = useProblemReporter();
  const { message } = App.useApp();

  useEffect(() => {
    if (open) form.setFieldsValue({ target: selectedIds.length > 0 ? 'selected' : 'filter', addTags: [], removeTags: [], addFocusAreas: [], removeFocusAreas: [] });
  }, [open, selectedIds.length, form]);

  const save = async () => {
    const v = await form.validateFields();
    if (v.addTags.length + v.removeTags.length + v.addFocusAreas.length + v.removeFocusAreas.length === 0) {
      void message.warning('请至少添加或移除一个标签或重点领域');
      return;
    }
    setSaving(true);
    try {
      const change = { addTags: v.addTags, removeTags: v.removeTags, addFocusAreas: v.addFocusAreas, removeFocusAreas: v.removeFocusAreas };
      const result = await bulkEditTags(v.target === 'selected' ? { ids: [...selectedIds], ...change } : { filter: cleanFilter(filter), ...change });
      void message.success(`已处理 ${result.matched} 个对象，其中 ${result.updated} 个有变化`);
      onDone();
    } catch (error) {
      report(error);
    } finally {
      setSaving(false);
    }
  };

  const totalText = matching.exact ? `${matching.total}` : `约 ${matching.total}`;
  return (
    <Modal open={open} title="批量修改标签" okText="确定" cancelText="取消" confirmLoading={saving} onOk={() => void save()} onCancel={onClose} destroyOnHidden forceRender>
      <Form form={form} layout="vertical">
        <Form.Item name="target" label="修改范围">
          <Radio.Group>
            <Radio value="selected" disabled={selectedIds.length === 0}>选中的 {selectedIds.length} 个对象</Radio>
            <Radio value="filter">符合当前筛选条件的全部对象（{totalText} 个）</Radio>
          </Radio.Group>
        </Form.Item>
        {scopeNote && <Typography.Paragraph type="secondary">{scopeNote}</Typography.Paragraph>}
        <Form.Item name="addTags" label="添加标签"><Select mode="tags" options={options(tags)} placeholder="选择或输入" /></Form.Item>
        <Form.Item name="removeTags" label="移除标签"><Select mode="multiple" options={options(tags)} placeholder="选择" /></Form.Item>
        <Form.Item name="addFocusAreas" label="添加重点领域"><Select mode="tags" options={options(focusAreas)} placeholder="选择或输入" /></Form.Item>
        <Form.Item name="removeFocusAreas" label="移除重点领域"><Select mode="multiple" options={options(focusAreas)} placeholder="选择" /></Form.Item>
      </Form>
    </Modal>
  );
}
