import { useMemo, useState, type ReactNode } from 'react';
import { App, Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  AppstoreOutlined, AuditOutlined, BarChartOutlined, CalendarOutlined, DashboardOutlined,
  FileSearchOutlined, LogoutOutlined, SafetyCertificateOutlined, SettingOutlined, UserOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { roleLabels } from '../../contracts/roles.ts';
import { isGroup, visibleMenu, type MenuIcon } from './menu.ts';
import { useCurrentUser, useSession } from './session-context.tsx';
import { problemText } from '../components/problem-text.ts';

const icons: Record<MenuIcon, ReactNode> = {
  dashboard: <DashboardOutlined />,
  directories: <AppstoreOutlined />,
  plans: <CalendarOutlined />,
  inspections: <FileSearchOutlined />,
  review: <SafetyCertificateOutlined />,
  followups: <ToolOutlined />,
  oversight: <BarChartOutlined />,
  admin: <SettingOutlined />,
  account: <UserOutlined />,
};

export const PASSWORD_PATH = '/account/password';

export function AppLayout() {
  const user = useCurrentUser();
  const { logout } = useSession();
  const { message } = App.useApp();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);

  const entries = useMemo(() => visibleMenu(user.roles), [user.roles]);
  const items: MenuProps['items'] = useMemo(() => entries.map((entry) => {
    if (isGroup(entry)) {
      return {
        key: entry.key,
        label: entry.label,
        icon: icons[entry.icon],
        children: entry.children.map((leaf) => ({ key: leaf.path, label: <Link to={leaf.path}>{leaf.label}</Link> })),
      };
    }
    return { key: entry.path, label: <Link to={entry.path}>{entry.label}</Link>, icon: entry.icon ? icons[entry.icon] : undefined };
  }), [entries]);
  const [openKeys, setOpenKeys] = useState<string[]>(() => entries.filter(isGroup).map((g) => g.key));

  if (user.mustChangePassword && location.pathname !== PASSWORD_PATH) {
    return <Navigate to={PASSWORD_PATH} replace />;
  }

  const onLogout = () => {
    logout().catch((error: unknown) => { void message.error(problemText(error)); });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={224}
        breakpoint="lg"
        theme="dark"
        style={{ position: 'sticky', top: 0, height: '100vh', overflowY: 'auto', paddingBottom: 48 }}
      >
        <Link
          to="/"
          aria-label="随机 Suiji 工作台"
          style={{ display: 'flex', alignItems: 'center', gap: 8, height: 64, padding: '0 20px', color: '#fff', overflow: 'hidden', whiteSpace: 'nowrap' }}
        >
          <AuditOutlined style={{ fontSize: 22 }} aria-hidden />
          {!collapsed && <span style={{ fontSize: 17, fontWeight: 600 }}>随机 Suiji</span>}
        </Link>
        <nav aria-label="主菜单">
          <Menu
            theme="dark"
            mode="inline"
            items={items}
            selectedKeys={[location.pathname]}
            openKeys={collapsed ? undefined : openKeys}
            onOpenChange={setOpenKeys}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0' }}
        >
          <Typography.Text strong style={{ fontSize: 16 }}>双随机、一公开监管平台</Typography.Text>
          <Space size="middle" aria-label="当前用户">
            <Space size={4}>
              <UserOutlined aria-hidden />
              <Typography.Text data-testid="current-user">{user.displayName}</Typography.Text>
            </Space>
            {user.departmentName && <Typography.Text style={{ color: '#595959' }} data-testid="current-department">{user.departmentName}</Typography.Text>}
            <span data-testid="current-roles" style={{ display: 'inline-flex', gap: 4 }}>
              {user.roles.map((role) => <Tag key={role} color="blue" style={{ marginInlineEnd: 0 }}>{roleLabels[role]}</Tag>)}
            </span>
            <Button icon={<LogoutOutlined />} onClick={onLogout}>退出登录</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <Outlet />
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', color: '#595959' }}>
          随机 Suiji · 开源的双随机、一公开监管平台
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
