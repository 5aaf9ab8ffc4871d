import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { problemText } from '../../components/problem-text.ts';
import { useSession } from '../../app/session-context.tsx';

interface LoginForm {
  username: string;
  password: string;
}

function loginErrorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return problemText(error);
    if (error.status === 401 && !error.problem.detail && /unauthori[sz]ed/i.test(error.problem.title)) {
      return '用户名或密码错误';
    }
    return problemText(error);
  }
  return '登录失败，请稍后重试';
}

export function LoginPage() {
  const { state, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;

  if (state.status === 'authenticated') return <Navigate to={from ?? '/'} replace />;

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
      void navigate(from ?? '/', { replace: true });
    } catch (e) {
      setError(loginErrorText(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center',
        background: 'linear-gradient(160deg, #0b3d91 0%, #1554b8 45%, #e8eef8 45%)', padding: 16,
      }}
    >
      <main style={{ width: '100%', maxWidth: 400 }}>
        <header style={{ textAlign: 'center', color: '#fff', marginBottom: 24 }}>
          <h1 style={{ color: '#fff', fontSize: 30, margin: 0, letterSpacing: 2 }}>随机 Suiji</h1>
          <p style={{ color: '#fff', fontSize: 16, margin: '8px 0 0' }}>双随机、一公开监管平台</p>
        </header>
        <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>工作人员登录</h2>} variant="borderless" style={{ boxShadow: '0 8px 24px rgba(0,0,0,.12)' }}>
          {state.status === 'anonymous' && state.reason === 'expired' && !error && (
            <Alert type="info" showIcon title="登录已失效，请重新登录。" style={{ marginBottom: 16 }} />
          )}
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
          <Form<LoginForm> layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false} disabled={submitting}>
            <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
              <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={submitting}>登录</Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
            连续多次输入错误密码，账号将被临时锁定。忘记密码请联系本单位机构管理员重置。
          </Typography.Paragraph>
        </Card>
        <p style={{ textAlign: 'center', marginTop: 16 }}>
          <a href="/portal/" style={{ color: '#0b3d91' }}>访问信息公开门户（无需登录）</a>
        </p>
      </main>
    </div>
  );
}
