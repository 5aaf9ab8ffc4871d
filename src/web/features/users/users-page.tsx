import { useCallback, useEffect, useState } from 'react';
import { App, Badge, Button, Card, Input, Popconfirm, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Department } from '../../../contracts/organizations.ts';
import { roleLabels, roles as allRoles, type Role } from '../../../contracts/roles.ts';
import type { User } from '../../../contracts/users.ts';
import { listDepartments } from '../../api/organizations.ts';
import { listUsers, updateUser, type UserPage } from '../../api/users.ts';
import { useCurrentUser } from '../../app/session-context.tsx';
import { formatDateTime, isInFuture } from '../../components/format.ts';
import { useProblemReporter } from '../../components/problem.ts';
import { buildDepartmentTree, toTreeData } from '../organizations/department-tree.ts';
import { ResetPasswordModal } from './reset-password-modal.tsx';
import { UserFormModal } from './user-form-modal.tsx';

const systemAdminOnlyRoles: readonly Role[] = ['system_admin', 'oversight'];

interface Query { page: number; pageSize: number; q: string; departmentId: string | undefined }

type ModalState = { mode: 'closed' } | { mode: 'create' } | { mode: 'edit'; user: User };

export function UsersPage() {
  const me = useCurrentUser();
  const isSystemAdmin = me.roles.includes('system_admin');
  // A department admin manages their own department's users and may neither grant nor touch
  // system_admin or oversight (src/server/modules/users/users.policy.ts enforces it; the UI follows).
  const assignableRoles: readonly Role[] = isSystemAdmin ? allRoles : allRoles.filter((r) => !systemAdminOnlyRoles.includes(r));
  const fixedDepartmentId = isSystemAdmin ? undefined : me.departmentId;

  const [query, setQuery] = useState<Query>({ page: 1, pageSize: 20, q: '', departmentId: undefined });
  const [data, setData] = useState<UserPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [modal, setModal] = useState<ModalState>({ mode: 'closed' });
  const [resetting, setResetting] = useState<User | null>(null);
  const report = useProblemReporter();
  const { message } = App.useApp();

  const load = useCallback(async (q: Query) => {
    setLoading(true);
    try {
      setData(await listUsers({ page: q.page, pageSize: q.pageSize, q: q.q || undefined, departmentId: q.departmentId }));
    } catch (error) {
      report(error);
    } finally {
      setLoading(false);
    }
  }, [report]);

  useEffect(() => { void load(query); }, [load, query]);
  useEffect(() => {
    listDepartments().then(setDepartments).catch((error: unknown) => report(error));
  }, [report]);

  const setActive = async (user: User, active: boolean) => {
    try {
      await updateUser(user.id, { active });
      void message.success(active ? `已启用用户“${user.displayName}”` : `已停用用户“${user.displayName}”`);
      void load(query);
    } catch (error) {
      report(error);
    }
  };

  const canManage = (user: User) => isSystemAdmin
    || (user.departmentId === me.departmentId && !user.roles.some((r) => systemAdminOnlyRoles.includes(r)));

  const columns: TableColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', key: 'username', width: 140 },
    { title: '姓名', dataIndex: 'displayName', key: 'displayName', width: 160 },
    { title: '所属机构', dataIndex: 'departmentName', key: 'departmentName', width: 170, render: (v: string | null) => v ?? '—' },
    {
      title: '角色', dataIndex: 'roles', key: 'roles',
      render: (rs: Role[]) => <Space size={4} wrap>{rs.map((r) => <Tag key={r} color="blue">{roleLabels[r]}</Tag>)}</Space>,
    },
    {
      title: '状态', key: 'status', width: 110,
      render: (_, user) => (
        <Space size={4} wrap>
          {user.active ? <Badge status="success" text="启用" /> : <Badge status="default" text="已停用" />}
          {isInFuture(user.lockedUntil) && <Tag color="red" title={`锁定至 ${formatDateTime(user.lockedUntil)}`}>已锁定</Tag>}
        </Space>
      ),
    },
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: '操作', key: 'actions', width: 200,
      render: (_, user) => (canManage(user) ? (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setModal({ mode: 'edit', user })}>编辑</Button>
          <Button type="link" size="small" onClick={() => setResetting(user)}>重置密码</Button>
          {user.id !== me.id && (user.active ? (
            <Popconfirm
              title={`停用用户“${user.displayName}”？`}
              description="停用后该用户无法登录，已有会话立即失效。"
              okText="停用" cancelText="取消" okButtonProps={{ danger: true }}
              onConfirm={() => setActive(user, false)}
            >
              <Button type="link" size="small" danger>停用</Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => void setActive(user, true)}>启用</Button>
          ))}
        </Space>
      ) : <Typography.Text type="secondary">—</Typography.Text>),
    },
  ];

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>用户管理</h1>}
      extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ mode: 'create' })}>新建用户</Button>}
    >
      {!isSystemAdmin && (
        <Typography.Paragraph type="secondary">您是机构管理员，仅能管理{me.departmentName ? `“${me.departmentName}”` : '本机构'}的用户。</Typography.Paragraph>
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label="搜索用户"
          placeholder="搜索用户名或姓名"
          allowClear
          enterButton="搜索"
          style={{ width: 280 }}
          onSearch={(q) => setQuery((prev) => ({ ...prev, q: q.trim(), page: 1 }))}
        />
        {isSystemAdmin && (
          <TreeSelect
            aria-label="按机构筛选"
            style={{ width: 240 }}
            treeData={toTreeData(buildDepartmentTree(departments))}
            placeholder="全部机构"
            allowClear
            treeDefaultExpandAll
            value={query.departmentId}
            onChange={(value: string | undefined) => setQuery((prev) => ({ ...prev, departmentId: value ?? undefined, page: 1 }))}
          />
        )}
        <Button icon={<ReloadOutlined />} onClick={() => void load(query)}>刷新</Button>
      </Space>
      <Table<User>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        scroll={{ x: 1000 }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => `共 ${total} 个用户`,
          onChange: (page, pageSize) => setQuery((prev) => ({ ...prev, page: pageSize === prev.pageSize ? page : 1, pageSize })),
        }}
      />
      <UserFormModal
        open={modal.mode !== 'closed'}
        editing={modal.mode === 'edit' ? modal.user : undefined}
        departments={departments}
        assignableRoles={assignableRoles}
        fixedDepartmentId={fixedDepartmentId}
        onClose={() => setModal({ mode: 'closed' })}
        onSaved={(user) => {
          setModal({ mode: 'closed' });
          void message.success(`已保存用户“${user.displayName}”`);
          void load(query);
        }}
      />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={(user) => {
          setResetting(null);
          void message.success(`已重置“${user.displayName}”的密码`);
        }}
      />
    </Card>
  );
}
