import { useEffect, useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { entityStatuses, type EntityDetail, type UpdateEntityBody } from '../../../contracts/entities.ts';
import { updateEntity } from '../../api/entities.ts';
import { useProblemReporter } from '../../components/problem.ts';
import { entityStatusLabels } from './entity-labels.ts';

export interface EntityEditModalProps {
  entity: EntityDetail | null;
  industries: readonly string[];
  focusAreas: readonly string[];
  tags: readonly string[];
  onClose: () => void;
  onSaved: (entity: EntityDetail) => void;
}

interface FormValues {
  name: string;
  legalRepresentative: string;
  address: string;
  regionCode: string;
  contactName: string;
  contactPhone: string;
  industry: string | undefined;
  focusAreas: string[];
  tags: string[];
  status: EntityDetail['status'];
  statusSince: string;
  foundedOn: string;
}

const fieldNames = ['name', 'legalRepresentative', 'address', 'regionCode', 'contactName', 'contactPhone', 'industry', 'focusAreas', 'tags', 'status', 'statusSince', 'foundedOn'];

const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));
const orNull = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());

/** Edits what staff maintain by hand; the key, USCC and risk class come from registration and imports. */
export function EntityEditModal({ entity, industries, focusAreas, tags, onClose, onSaved }: EntityEditModalProps) {
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const report = useProblemReporter();
  const { message } = App.useApp();

  useEffect(() => {
    if (!entity) return;
    form.setFieldsValue({
      name: entity.name, legalRepresentative: entity.legalRepresentative ?? '', address: entity.address ?? '',
      regionCode: entity.regionCode ?? '', contactName: entity.contactName ?? '', contactPhone: entity.contactPhone ?? '',
      industry: entity.industry ?? undefined, focusAreas: entity.focusAreas, tags: entity.tags, status: entity.status,
      statusSince: entity.statusSince ?? '', foundedOn: entity.foundedOn ?? '',
    });
  }, [entity, form]);

  const save = async () => {
    if (!entity) return;
    const v = await form.validateFields();
    const body: UpdateEntityBody = {
      name: v.name.trim(), legalRepresentative: orNull(v.legalRepresentative), address: orNull(v.address),
      regionCode: orNull(v.regionCode), contactName: orNull(v.contactName), contactPhone: orNull(v.contactPhone),
      industry: orNull(v.industry), focusAreas: v.focusAreas, tags: v.tags, status: v.status,
      statusSince: orNull(v.statusSince), foundedOn: orNull(v.foundedOn),
    };
    setSaving(true);
    try {
      const saved = await updateEntity(entity.id, body);
      void message.success(`已保存“${saved.name}”`);
      onSaved(saved);
    } catch (error) {
      report(error, form, fieldNames);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={entity !== null} title="编辑检查对象" okText="保存" cancelText="取消" confirmLoading={saving}
      onOk={() => void save()} onCancel={onClose} destroyOnHidden width={680} forceRender
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请输入名称' }, { max: 200 }]}><Input /></Form.Item>
        {entity?.kind === 'subject' && (
          <Form.Item name="legalRepresentative" label="法定代表人" rules={[{ max: 64 }]}><Input /></Form.Item>
        )}
        <Form.Item name="address" label="地址" rules={[{ max: 200 }]}><Input /></Form.Item>
        <Form.Item name="regionCode" label="行政区划代码" rules={[{ pattern: /^\d{6}$/, message: '行政区划代码为 6 位数字' }]}><Input maxLength={6} /></Form.Item>
        <Form.Item name="contactName" label="联络人" rules={[{ max: 64 }]}><Input /></Form.Item>
        <Form.Item name="contactPhone" label="联系电话" rules={[{ max: 32 }]}><Input /></Form.Item>
        <Form.Item name="industry" label="行业类别">
          <Select allowClear showSearch options={options(industries)} placeholder="选择行业类别" />
        </Form.Item>
        <Form.Item name="focusAreas" label="重点领域"><Select mode="tags" options={options(focusAreas)} placeholder="选择或输入" /></Form.Item>
        <Form.Item name="tags" label="标签"><Select mode="tags" options={options(tags)} placeholder="选择或输入" /></Form.Item>
        <Form.Item name="status" label="状态" rules={[{ required: true }]}>
          <Select options={entityStatuses.map((s) => ({ value: s, label: entityStatusLabels[s] }))} />
        </Form.Item>
        <Form.Item name="statusSince" label="状态日期"><Input type="date" /></Form.Item>
        {entity?.kind === 'subject' && <Form.Item name="foundedOn" label="成立日期"><Input type="date" /></Form.Item>}
      </Form>
    </Modal>
  );
}
