import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Badge, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { tokenScopes } from '../../../contracts/tokens.ts';
import { createToken, listTokens, revokeToken, type ApiToken, type CreatedToken, type CreateTokenBody } from '../../api/tokens.ts';
import { formatDateTime, isInFuture } from '../../components/format.ts';
import { useProblemReporter } from '../../components/problem.ts';

const scopeLabels: Record<(typeof tokenScopes)[number], string> = { read: '只读', write: '读写' };

function tokenStatus(token: ApiToken) {
  if (token.revokedAt) return <Badge status="default" text="已吊销" />;
  if (token.expiresAt && !isInFuture(token.expiresAt)) return <Badge status="warning" text="已过期" />;
  return <Badge status="success" text="有效" />;
}

export function TokensPage() {
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [loading, setLoading] = useState(true);
  const [creating, setCreating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [form] = Form.useForm<CreateTokenBody>();
  const report = useProblemReporter();
  const { message } = App.useApp();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setTokens(await listTokens());
    } catch (error) {
      report(error);
    } finally {
      setLoading(false);
    }
  }, [report]);

  useEffect(() => { void load(); }, [load]);

  const onCreate = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const token = await createToken({ name: values.name.trim(), scopes: values.scopes, expiresInDays: values.expiresInDays ?? undefined });
      setCreating(false);
      setCreated(token);
      void load();
    } catch (error) {
      report(error, form, ['name', 'scopes', 'expiresInDays']);
    } finally {
      setSaving(false);
    }
  };

  const onRevoke = async (token: ApiToken) => {
    try {
      await revokeToken(token.id);
      void message.success(`已吊销令牌“${token.name}”`);
      void load();
    } catch (error) {
      report(error);
    }
  };

  const columns: TableColumnsType<ApiToken> = [
    { title: '名称', dataIndex: 'name', key: 'name' },
    { title: '权限', dataIndex: 'scopes', key: 'scopes', render: (scopes: ApiToken['scopes']) => scopes.map((s) => <Tag key={s}>{scopeLabels[s]}</Tag>) },
    { title: '状态', key: 'status', render: (_, t) => tokenStatus(t) },
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => formatDateTime(v) },
    { title: '到期时间', dataIndex: 'expiresAt', key: 'expiresAt', render: (v: string | null) => (v ? formatDateTime(v) : '永不过期') },
    { title: '最近使用', dataIndex: 'lastUsedAt', key: 'lastUsedAt', render: (v: string | null) => (v ? formatDateTime(v) : '从未使用') },
    {
      title: '操作', key: 'actions',
      render: (_, t) => (t.revokedAt ? null : (
        <Popconfirm
          title={`吊销令牌“${t.name}”？`}
          description="吊销后使用该令牌的程序将立即无法访问。"
          okText="吊销" cancelText="取消" okButtonProps={{ danger: true }}
          onConfirm={() => onRevoke(t)}
        >
          <Button type="link" danger size="small">吊销</Button>
        </Popconfirm>
      )),
    },
  ];

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>API 令牌</h1>}
      extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setCreating(true); }}>新建令牌</Button>}
    >
      <Typography.Paragraph type="secondary">
        API 令牌供程序（如数据对接、报送脚本）以您的身份访问接口，请求时携带请求头 <Typography.Text code>Authorization: Bearer 令牌</Typography.Text>。
        令牌权限不超过您本人的权限，请妥善保管，不再使用时及时吊销。
      </Typography.Paragraph>
      <Table<ApiToken> rowKey="id" columns={columns} dataSource={tokens} loading={loading} pagination={false} scroll={{ x: 800 }} />

      <Modal
        open={creating}
        title="新建 API 令牌"
        okText="创建"
        cancelText="取消"
        confirmLoading={saving}
        onOk={() => { onCreate().catch(() => undefined); }}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <Form<CreateTokenBody> form={form} layout="vertical" preserve={false} initialValues={{ scopes: ['read'], expiresInDays: 90 }}>
          <Form.Item label="名称" name="name" extra="用途说明，如“统计报送脚本”" rules={[{ required: true, whitespace: true, message: '请输入名称' }, { max: 64, message: '不超过 64 个字' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="权限" name="scopes" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一项权限' }]}>
            <Checkbox.Group options={tokenScopes.map((s) => ({ value: s, label: s === 'read' ? '只读（查询）' : '写入（新增、修改）' }))} />
          </Form.Item>
          <Form.Item label="有效期（天）" name="expiresInDays" extra="留空表示永不过期（不建议）">
            <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={created !== null}
        title="令牌已创建"
        onCancel={() => setCreated(null)}
        footer={<Button type="primary" onClick={() => setCreated(null)}>我已妥善保存</Button>}
        maskClosable={false}
        destroyOnHidden
      >
        {created && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Alert type="warning" showIcon title="令牌只显示这一次，关闭后无法再次查看。请立即复制并妥善保存。" />
            <Typography.Text>名称：{created.name}</Typography.Text>
            <Typography.Paragraph
              copyable={{ text: created.token, tooltips: ['复制', '已复制'] }}
              code
              style={{ wordBreak: 'break-all', marginBottom: 0 }}
              data-testid="created-token"
            >
              {created.token}
            </Typography.Paragraph>
          </Space>
        )}
      </Modal>
    </Card>
  );
}
