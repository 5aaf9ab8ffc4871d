import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import type { User } from '../../../contracts/users.ts';
import { resetUserPassword } from '../../api/users.ts';
import { useProblemReporter } from '../../components/problem.ts';
import { PASSWORD_RULES } from '../account/password-rules.ts';

interface FormValues { newPassword: string; confirm: string }

export function ResetPasswordModal({ user, onClose, onDone }: { user: User | null; onClose: () => void; onDone: (user: User) => void }) {
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const report = useProblemReporter();

  const onOk = async () => {
    if (!user) return;
    const values = await form.validateFields();
    setSaving(true);
    try {
      await resetUserPassword(user.id, { newPassword: values.newPassword });
      onDone(user);
    } catch (error) {
      report(error, form, ['newPassword']);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={user ? `重置密码：${user.displayName}（${user.username}）` : '重置密码'}
      okText="重置"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => { onOk().catch(() => undefined); }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title="重置后该用户的现有会话将失效，下次登录须修改密码。请通过安全渠道告知新密码。" style={{ marginBottom: 16 }} />
      <Form<FormValues> form={form} layout="vertical" preserve={false}>
        <Form.Item label="新密码" name="newPassword" rules={PASSWORD_RULES}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码" name="confirm" dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
