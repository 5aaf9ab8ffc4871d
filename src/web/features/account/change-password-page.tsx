import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { changePassword } from '../../api/session.ts';
import { useCurrentUser, useSession } from '../../app/session-context.tsx';
import { useProblemReporter } from '../../components/problem.ts';
import { PASSWORD_RULES } from './password-rules.ts';
import { PASSWORD_RULE_TEXT } from '../../../contracts/password.ts';

interface FormValues { currentPassword: string; newPassword: string; confirm: string }

export function ChangePasswordPage() {
  const user = useCurrentUser();
  const { refresh } = useSession();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const report = useProblemReporter();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const forced = user.mustChangePassword;

  const onFinish = async (values: FormValues) => {
    setSaving(true);
    try {
      await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      void message.success('密码已修改');
      form.resetFields();
      await refresh();
      if (forced) void navigate('/', { replace: true });
    } catch (error) {
      report(error, form, ['currentPassword', 'newPassword']);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>修改密码</h1>} style={{ maxWidth: 560 }}>
      {forced && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 24 }}
          title="请先修改密码"
          description="您正在使用初始密码或管理员重置的密码，为保障账号安全，修改密码后才能使用其他功能。"
        />
      )}
      <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} disabled={saving}>
        <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="新密码" name="newPassword" dependencies={['currentPassword']}
          extra={PASSWORD_RULE_TEXT}
          rules={[
            ...PASSWORD_RULES,
            ({ getFieldValue }) => ({
              validator: (_, value) => (value && value === getFieldValue('currentPassword')
                ? Promise.reject(new Error('新密码不能与当前密码相同')) : Promise.resolve()),
            }),
          ]}
        >
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
        <Button type="primary" htmlType="submit" loading={saving}>修改密码</Button>
      </Form>
    </Card>
  );
}
