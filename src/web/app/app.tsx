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
const OversightDashboardPage = lazy(() => import('../features/oversight/oversight-dashboard-page.tsx').then((m) => ({ default: m.OversightDashboardPage })));
const AssessmentPrintPage = lazy(() => import('../features/oversight/assessment-print-page.tsx').then((m) => ({ default: m.AssessmentPrintPage })));
const CallbacksPage = lazy(() => import('../features/callbacks/callbacks-page.tsx').then((m) => ({ default: m.CallbacksPage })));
const OfficersPage = lazy(() => import('../features/officers/officers-page.tsx').then((m) => ({ default: m.OfficersPage })));
const MyInspectionsPage = lazy(() => import('../features/inspections/inspection-list-page.tsx').then((m) => ({ default: m.MyInspectionsPage })));
const ReviewResultsPage = lazy(() => import('../features/inspections/inspection-list-page.tsx').then((m) => ({ default: m.ReviewResultsPage })));
const InspectionPage = lazy(() => import('../features/inspections/inspection-page.tsx').then((m) => ({ default: m.InspectionPage })));
const PlansPage = lazy(() => import('../features/plans/plans-page.tsx').then((m) => ({ default: m.PlansPage })));
const PlanDetailPage = lazy(() => import('../features/plans/plan-detail-page.tsx').then((m) => ({ default: m.PlanDetailPage })));
const TasksPage = lazy(() => import('../features/tasks/tasks-page.tsx').then((m) => ({ default: m.TasksPage })));
const TaskDetailPage = lazy(() => import('../features/tasks/task-detail-page.tsx').then((m) => ({ default: m.TaskDetailPage })));
const FollowUpsPage = lazy(() => import('../features/followups/followups-page.tsx').then((m) => ({ default: m.FollowUpsPage })));
const FollowUpDetailPage = lazy(() => import('../features/followups/followup-detail-page.tsx').then((m) => ({ default: m.FollowUpDetailPage })));
const JointRecordPage = lazy(() => import('../features/draws/joint-record-page.tsx').then((m) => ({ default: m.JointRecordPage })));

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
  callbacks: CallbacksPage,
  'oversight-dashboard': OversightDashboardPage,
  'my-inspections': MyInspectionsPage,
  review: ReviewResultsPage,
  plans: PlansPage,
  tasks: TasksPage,
  followups: FollowUpsPage,
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

/** A page below a menu entry (e.g. /plans/:id): whoever may see any of the given entries may open it. */
function DetailPage({ leafKey, page: Page }: { leafKey: string | readonly string[]; page: ComponentType }) {
  const { state } = useSession();
  const keys: readonly string[] = typeof leafKey === 'string' ? [leafKey] : leafKey;
  const leaves = allLeaves().filter((l) => keys.includes(l.key));
  if (state.status !== 'authenticated' || leaves.length === 0) return null;
  const roles = state.session.user.roles;
  if (!leaves.some((leaf) => canSee(leaf, roles))) return <ForbiddenPage />;
  return <Suspense fallback={<PageSpin />}><Page /></Suspense>;
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginRoute /> },
  {
    element: <RequireAuth />,
    children: [{
      // 一企一表 prints without the app's menu and header.
      path: '/draws/:id/forms/:object', element: <Suspense fallback={<FullPageSpin />}><JointRecordPage /></Suspense>,
    }, {
      // 年度考核 prints without the app's menu and header.
      path: '/oversight/assessment/:year', element: <Suspense fallback={<FullPageSpin />}><AssessmentPrintPage /></Suspense>,
    }, {
      element: <AppLayout />,
      children: [
        ...allLeaves().map((leaf) => (leaf.path === '/'
          ? { index: true, element: <LeafPage leaf={leaf} /> }
          : { path: leaf.path, element: <LeafPage leaf={leaf} /> })),
        { path: '/plans/:id', element: <DetailPage leafKey="plans" page={PlanDetailPage} /> },
        { path: '/inspections/:id', element: <DetailPage leafKey={['my-inspections', 'review', 'oversight-dashboard']} page={InspectionPage} /> },
        { path: '/tasks/:id', element: <DetailPage leafKey="tasks" page={TaskDetailPage} /> },
        { path: '/followups/:id', element: <DetailPage leafKey="followups" page={FollowUpDetailPage} /> },
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
    // Danger buttons and error texts: antd's #ff4d4f is 3.9:1 on white.
    colorError: '#cf1322',
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
