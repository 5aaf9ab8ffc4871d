import { useEffect, useState } from 'react';
import { Checkbox, Form, Input, Modal, TreeSelect } from 'antd';
import type { Department } from '../../../contracts/organizations.ts';
import { roleLabels, roles, type Role } from '../../../contracts/roles.ts';
import type { User } from '../../../contracts/users.ts';
import { createUser, updateUser } from '../../api/users.ts';
import { useProblemReporter } from '../../components/problem.ts';
import { buildDepartmentTree, toTreeData } from '../organizations/department-tree.ts';
import { PASSWORD_RULES } from '../account/password-rules.ts';

interface FormValues {
  username: string;
  displayName: string;
  roles: Role[];
  departmentId: string | null;
  password: string;
  confirm: string;
}
const FIELDS = ['username', 'displayName', 'roles', 'departmentId', 'password'] as const;

interface Props {
  open: boolean;
  editing?: User;
  departments: readonly Department[];
  /** Roles the current user may give. */
  assignableRoles: readonly Role[];
  /** Set when the current user may only manage their own department. */
  fixedDepartmentId?: string | null;
  onClose: () => void;
  onSaved: (user: User) => void;
}

export function UserFormModal({ open, editing, departments, assignableRoles, fixedDepartmentId, onClose, onSaved }: Props) {
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const report = useProblemReporter();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({ displayName: editing.displayName, roles: editing.roles, departmentId: editing.departmentId });
    } else {
      form.setFieldsValue({ roles: ['officer'], departmentId: fixedDepartmentId ?? null });
    }
  }, [open, editing, fixedDepartmentId, form]);

  const treeData = toTreeData(buildDepartmentTree(departments));
  // Roles the editor cannot give stay visible (checked, disabled) when the user already has them.
  const roleOptions = roles
    .filter((role) => assignableRoles.includes(role) || editing?.roles.includes(role))
    .map((role) => ({ value: role, label: roleLabels[role], disabled: !assignableRoles.includes(role) }));

  const onOk = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const saved = editing
        ? await updateUser(editing.id, { displayName: values.displayName.trim(), roles: values.roles, departmentId: values.departmentId ?? null })
        : await createUser({
          username: values.username.trim(), displayName: values.displayName.trim(), roles: values.roles,
          departmentId: values.departmentId ?? null, password: values.password,
        });
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
      title={editing ? `编辑用户：${editing.displayName}` : '新建用户'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => { onOk().catch(() => undefined); }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<FormValues> form={form} layout="vertical" preserve={false}>
        {!editing && (
          <Form.Item
            label="用户名" name="username" extra="用于登录，创建后不可修改"
            rules={[
              { required: true, message: '请输入用户名' },
              { pattern: /^[a-z0-9_.-]{3,32}$/, message: '用户名为 3–32 位小写字母、数字、下划线、点或连字符' },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 64, message: '不超过 64 个字' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="角色" name="roles" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个角色' }]}>
          <Checkbox.Group options={roleOptions} />
        </Form.Item>
        <Form.Item label="所属机构" name="departmentId" rules={fixedDepartmentId ? [{ required: true, message: '请选择所属机构' }] : []}>
          <TreeSelect
            treeData={treeData}
            allowClear={!fixedDepartmentId}
            disabled={Boolean(fixedDepartmentId)}
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
            placeholder="请选择所属机构"
          />
        </Form.Item>
        {!editing && (
          <>
            <Form.Item label="初始密码" name="password" rules={PASSWORD_RULES} extra="用户首次登录后须修改密码">
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              label="确认密码" name="confirm" dependencies={['password']}
              rules={[
                { required: true, message: '请再次输入密码' },
                ({ getFieldValue }) => ({
                  validator: (_, value) => (!value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
