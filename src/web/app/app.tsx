import { lazy, Suspense, type ComponentType } from 'react';
import { App as AntdApp, ConfigProvider, Spin, type ThemeConfig } from 'antd';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { ForbiddenPage, NotFoundPage, UnderConstructionPage } from '../components/status-pages.tsx';
import { DashboardPage } from '../features/dashboard/dashboard-page.tsx';
import { LoginPage } from '../features/login/login-page.tsx';
import { AppLayout } from './layout.tsx';
import { zhCN } from './locale.ts';
import { allLeaves, canSee, type MenuLeaf } from './menu.ts';
import { SessionProvider, useSession } from './session-context.tsx';

// Feature pages load on first use, so the login page and the dashboard come up fast.
const UsersPage = lazy(() => import('../features/users/users-page.tsx').then((m) => ({ default: m.UsersPage })));
const OrganizationsPage = lazy(() => import('../features/organizations/organizations-page.tsx').then((m) => ({ default: m.OrganizationsPage })));
const AuditPage = lazy(() => import('../features/audit/audit-page.tsx').then((m) => ({ default: m.AuditPage })));
const ChangePasswordPage = lazy(() => import('../features/account/change-password-page.tsx').then((m) => ({ default: m.ChangePasswordPage })));
const TokensPage = lazy(() => import('../features/account/tokens-page.tsx').then((m) => ({ default: m.TokensPage })));
const EntitiesPage = lazy(() => import('../features/entities/entities-page.tsx').then((m) => ({ default: m.EntitiesPage })));
const ItemsPage = lazy(() => import('../features/items/items-page.tsx').then((m) => ({ default: m.ItemsPage })));
const GuidelinesPage = lazy(() => import('../features/guidelines/guidelines-page.tsx').then((m) => ({ default: m.GuidelinesPage })));
const OfficersPage = lazy(() => import('../features/officers/officers-page.tsx').then((m) => ({ default: m.OfficersPage })));

/** Pages that work now, by menu key; every other menu entry shows 建设中. */
const readyPages: Record<string, ComponentType> = {
  dashboard: DashboardPage,
  users: UsersPage,
  organizations: OrganizationsPage,
  audit: AuditPage,
  password: ChangePasswordPage,
  tokens: TokensPage,
  entities: EntitiesPage,
  items: ItemsPage,
  guidelines: GuidelinesPage,
  officers: OfficersPage,
};

function PageSpin() {
  return <div style={{ padding: 48, textAlign: 'center' }}><Spin tip="正在加载…"><div style={{ height: 40 }} /></Spin></div>;
}

function FullPageSpin() {
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" tip="正在加载…"><div style={{ width: 120, height: 60 }} /></Spin>
    </div>
  );
}

function RequireAuth() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'anonymous') {
    const from = location.pathname === '/' ? undefined : `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  return <Outlet />;
}

function LoginRoute() {
  const { state } = useSession();
  return state.status === 'loading' ? <FullPageSpin /> : <LoginPage />;
}

function LeafPage({ leaf }: { leaf: MenuLeaf }) {
  const { state } = useSession();
  if (state.status !== 'authenticated') return null;
  if (!canSee(leaf, state.session.user.roles)) return <ForbiddenPage />;
  const Page = readyPages[leaf.key];
  if (leaf.status !== 'ready' || !Page) return <UnderConstructionPage leaf={leaf} />;
  return <Suspense fallback={<PageSpin />}><Page /></Suspense>;
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginRoute /> },
  {
    element: <RequireAuth />,
    children: [{
      element: <AppLayout />,
      children: [
        ...allLeaves().map((leaf) => (leaf.path === '/'
          ? { index: true, element: <LeafPage leaf={leaf} /> }
          : { path: leaf.path, element: <LeafPage leaf={leaf} /> })),
        { path: '/403', element: <ForbiddenPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    }],
  },
]);

// Secondary texts, placeholders and links darker than antd's defaults (#8c8c8c is 3.4:1 on
// white) to meet WCAG AA contrast.
const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1554b8',
    borderRadius: 4,
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorLink: '#1554b8',
  },
  // A compact side menu, so that all entries fit on a laptop screen.
  components: { Menu: { itemHeight: 36, itemMarginBlock: 2 } },
};

export function StaffApp() {
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntdApp>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </AntdApp>
    </ConfigProvider>
  );
}
