import { useEffect, useState } from 'react';
import { Col, DatePicker, Form, Input, Modal, Radio, Row, Select, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  genderLabels, officerCategoryLabels, officerStatusLabels, type Officer,
} from '../../../contracts/officers.ts';
import type { Department } from '../../../contracts/organizations.ts';
import { createOfficer, updateOfficer, type CreateOfficerBody } from '../../api/officers.ts';
import { useProblemReporter } from '../../components/problem.ts';
import { buildDepartmentTree, toTreeData } from '../organizations/department-tree.ts';

interface FormValues {
  name: string;
  category: Officer['category'];
  certificateNo: string | null;
  key: string | null;
  certificateType: string | null;
  validity: [Dayjs | null, Dayjs | null] | null;
  gender: Officer['gender'];
  title: string | null;
  departmentId: string;
  tags: string[];
  status: Officer['status'];
  leave: [Dayjs | null, Dayjs | null] | null;
}

const FIELDS = ['name', 'category', 'certificateNo', 'key', 'certificateType', 'gender', 'title', 'departmentId', 'tags', 'status'] as const;
const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

function iso(d: Dayjs | null | undefined): string | null {
  return d ? d.format('YYYY-MM-DD') : null;
}
function day(text: string | null): Dayjs | null {
  return text ? dayjs(text) : null;
}
function text(value: string | null | undefined): string | null {
  const t = value?.trim() ?? '';
  return t === '' ? null : t;
}

interface Props {
  open: boolean;
  editing?: Officer;
  departments: readonly Department[];
  fixedDepartmentId?: string | null;
  /** Tags already in use, offered as suggestions. */
  tagSuggestions: readonly string[];
  onClose: () => void;
  onSaved: (officer: Officer) => void;
}

export function OfficerFormModal({ open, editing, departments, fixedDepartmentId, tagSuggestions, onClose, onSaved }: Props) {
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const report = useProblemReporter();
  const status = Form.useWatch('status', form);
  const category = Form.useWatch('category', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        name: editing.name, category: editing.category, certificateNo: editing.certificateNo,
        key: editing.certificateNo ? null : editing.key, certificateType: editing.certificateType,
        validity: [day(editing.validFrom), day(editing.validTo)], gender: editing.gender, title: editing.title,
        departmentId: editing.departmentId, tags: editing.tags, status: editing.status, leave: [day(editing.leaveFrom), day(editing.leaveTo)],
      });
    } else {
      form.setFieldsValue({
        category: 'officer', status: 'active', certificateType: '交通运输行政执法证', tags: [], gender: null,
        ...(fixedDepartmentId ? { departmentId: fixedDepartmentId } : {}),
      });
    }
  }, [open, editing, fixedDepartmentId, form]);

  const onOk = async () => {
    const v = await form.validateFields();
    const certificateNo = text(v.certificateNo);
    const key = text(v.key);
    const body: CreateOfficerBody = {
      name: v.name.trim(), category: v.category, certificateNo, ...(certificateNo === null && key ? { key } : {}),
      certificateType: text(v.certificateType), validFrom: iso(v.validity?.[0]), validTo: iso(v.validity?.[1]),
      gender: v.gender ?? null, title: text(v.title), departmentId: v.departmentId, tags: v.tags ?? [], status: v.status,
      leaveFrom: v.status === 'on_leave' ? iso(v.leave?.[0]) : null, leaveTo: v.status === 'on_leave' ? iso(v.leave?.[1]) : null,
    };
    setSaving(true);
    try {
      onSaved(editing ? await updateOfficer(editing.id, body) : await createOfficer({ ...body, userId: null }));
    } catch (error) {
      report(error, form, FIELDS);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open} width={760} title={editing ? `编辑执法人员：${editing.name}` : '登记执法人员'} okText="保存" cancelText="取消"
      confirmLoading={saving} onOk={() => { onOk().catch(() => undefined); }} onCancel={onClose} destroyOnHidden
    >
      <Form<FormValues> form={form} layout="vertical" preserve={false}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="人员类别" name="category" rules={[{ required: true }]}>
              <Radio.Group options={options(officerCategoryLabels)} optionType="button" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="性别" name="gender">
              <Select allowClear options={options(genderLabels)} placeholder="请选择" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              label="执法证号" name="certificateNo"
              rules={[{ pattern: /^[A-Za-z0-9-]{4,32}$/, message: '4–32 位字母、数字或连字符' }]}
              extra={category === 'expert' ? '专家没有执法证件时可不填，填写名录编号' : '名录以执法证号为准'}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="名录编号（无执法证时）" name="key" rules={[{ pattern: /^[A-Za-z0-9-]{2,32}$/, message: '2–32 位字母、数字或连字符' }]}>
              <Input autoComplete="off" placeholder="如 EXP-01" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="执法证件类型" name="certificateType">
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="证件有效期" name="validity">
              <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="所属部门" name="departmentId" rules={[{ required: true, message: '请选择所属部门' }]}>
              <TreeSelect treeData={toTreeData(buildDepartmentTree(departments))} disabled={Boolean(fixedDepartmentId)}
                treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder="请选择所属部门" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="职务" name="title">
              <Input placeholder="如 执法队员" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="执法资质及业务专长" name="tags">
          <Select mode="tags" tokenSeparators={['、', ',', '，']} options={tagSuggestions.map((t) => ({ value: t, label: t }))} placeholder="选择或输入后回车" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="状态" name="status" rules={[{ required: true }]}>
              <Radio.Group options={options(officerStatusLabels)} optionType="button" />
            </Form.Item>
          </Col>
          <Col span={12}>
            {status === 'on_leave' && (
              <Form.Item label="休假期间" name="leave" extra="不填日期表示休假期限未定">
                <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
              </Form.Item>
            )}
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
