import { StrictMode, useCallback, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './lib/query.tsx';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Result, Space, Spin, Tag, Typography, Grid } from 'antd';
import type { ConfigProviderProps } from 'antd';
import zhCNModule from 'antd/locale/zh_CN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import {
  ApartmentOutlined,
  BankOutlined,
  BarChartOutlined,
  AuditOutlined,
  CalendarOutlined,
  ContainerOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  NotificationOutlined,
  PrinterOutlined,
  SettingOutlined,
  ApiOutlined,
  AlertOutlined,
  EyeInvisibleOutlined,
  SafetyCertificateOutlined,
  KeyOutlined,
  LockOutlined,
  LogoutOutlined,
  TeamOutlined,
  TrophyOutlined,
  ToolOutlined,
  FlagOutlined,
  BellOutlined,
  MailOutlined,
  InboxOutlined,
  CommentOutlined,
  DatabaseOutlined,
  SolutionOutlined,
  FolderOpenOutlined,
  ProfileOutlined,
  ReadOutlined,
  DeleteOutlined,
  SwapOutlined,
  PartitionOutlined,
  LoadingOutlined,
} from '@ant-design/icons';
import { ApiError, api, post, setCsrfToken, setUnauthorizedHandler } from './lib/http.ts';
import type { MeView, User } from './features/auth/api.ts';
import { MENU, ROUTE_ALIASES, canOpen, menuFor, menuKeyOf, type MenuEntry } from './app/menu.ts';
import { navigate, useRoute } from './lib/router.ts';
import { SessionContext } from './lib/session.ts';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { DashboardPage } from './features/dashboard/DashboardPage.tsx';
import { OrgPage } from './features/org/OrgPage.tsx';
import { UsersPage } from './features/org/UsersPage.tsx';
import { CalendarPage } from './features/calendar/CalendarPage.tsx';
import { CatalogPage } from './features/catalog/CatalogPage.tsx';
import { UnitCatalogPage } from './features/catalog/UnitCatalogPage.tsx';
import { AuditPage } from './features/audit/AuditPage.tsx';
import { PasswordPage } from './features/auth/PasswordPage.tsx';
import { TokensPage } from './features/auth/TokensPage.tsx';
import { TodoPage } from './features/todo/TodoPage.tsx';
import { DisclosuresPage } from './features/publishing/DisclosuresPage.tsx';
import { DisclosureFormPage } from './features/publishing/DisclosureFormPage.tsx';
import { DisclosureDetailPage } from './features/publishing/DisclosureDetailPage.tsx';
import { ReviewPage } from './features/publishing/ReviewPage.tsx';
import { PrintPage } from './features/publishing/PrintPage.tsx';
import { WebhooksPage } from './features/publishing/WebhooksPage.tsx';
import { PiiRulesPage } from './features/publishing/PiiRulesPage.tsx';
import { ComplianceDashboard, ComplianceUnitPage } from './features/compliance/CompliancePage.tsx';
import { AssessmentPage } from './features/assessment/AssessmentPage.tsx';
import { ScoreCardPage } from './features/assessment/ScoreCardPage.tsx';
import { RectificationDetailPage, RectificationsPage } from './features/assessment/RectificationPages.tsx';
import { RolloutPage } from './features/assessment/RolloutPage.tsx';
import { NotificationBell, ReminderSettingsPage } from './features/notifications/reminders.tsx';
import { RequestsPage } from './features/requests/RequestsPage.tsx';
import { RequestIntakePage } from './features/requests/RequestIntakePage.tsx';
import { RequestDetailPage } from './features/requests/RequestDetailPage.tsx';
import { LetterSettingsPage } from './features/requests/LetterSettingsPage.tsx';
import { AnnualReportPage } from './features/requests/AnnualReportPage.tsx';
import { RemediesPage } from './features/requests/RemediesPage.tsx';
import { InteractionDetailPage, InteractionListPage } from './features/interaction/InteractionPages.tsx';
import { InteractionBoxesPage } from './features/interaction/BoxesPage.tsx';
import { InteractionIntakePage, InteractionKnowledgePage, InteractionSettingsPage, InteractionTemplatesPage } from './features/interaction/StaffPages.tsx';
import { ParticipationPage } from './features/participation/ParticipationPage.tsx';
import { ConsultationDetailPage } from './features/participation/ConsultationDetailPage.tsx';
import { EventDetailPage } from './features/participation/EventDetailPage.tsx';
import { BackupPage } from './features/backup/BackupPage.tsx';
import { OfflinePage } from './features/offline/OfflinePage.tsx';
import { PoliciesPage } from './features/policies/PoliciesPage.tsx';
import { ArchivesPage } from './features/archives/ArchivesPage.tsx';
import { ArchiveItemPage } from './features/archives/ArchiveItemPage.tsx';
import { BoardDetailPage, BoardsPage } from './features/archives/BoardsPages.tsx';
import { ReadingPage } from './features/archives/ReadingPage.tsx';
import { CustodyPage, DestructionsPage } from './features/archives/RetentionPages.tsx';
import { SchedulePage } from './features/archives/SchedulePage.tsx';

dayjs.locale('zh-cn');

type Locale = NonNullable<ConfigProviderProps['locale']>;
/** antd ships the locale as CommonJS; depending on interop the default import is the locale or its module. */
const zhCN = ((zhCNModule as unknown as { default?: Locale }).default ?? zhCNModule) as Locale;

/**
 * Whoever has asked their system for less motion (prefers-reduced-motion: the setting for people whom moving
 * things make dizzy or distract) gets the admin without antd's animations: dialogs, dropdowns and messages appear at
 * once. The browser tests run Chromium with that setting (test/e2e/harness.ts), so no click meets a moving target.
 */
const REDUCED_MOTION = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

const { Header, Sider, Content } = Layout;

/** Menu icons by entry key (the entries themselves, with their roles, are data in app/menu.ts). */
const ICONS: Record<string, ReactNode> = {
  '/': <DashboardOutlined />,
  '/todo': <BellOutlined />,
  '/compliance': <AlertOutlined />,
  '/unit-catalog': <FieldTimeOutlined />,
  '/catalog': <ContainerOutlined />,
  '/disclosures': <FileTextOutlined />,
  '/review': <SafetyCertificateOutlined />,
  '/print': <PrinterOutlined />,
  '/offline': <PrinterOutlined />,
  '/policies': <FileTextOutlined />,
  '/assessments': <TrophyOutlined />,
  '/rectifications': <ToolOutlined />,
  '/rollout': <FlagOutlined />,
  '/requests': <InboxOutlined />,
  '/interaction': <CommentOutlined />,
  '/interaction/knowledge': <ReadOutlined />,
  '/annual-reports': <BarChartOutlined />,
  '/remedies': <BankOutlined />,
  '/participation': <SolutionOutlined />,
  '/archives': <FolderOpenOutlined />,
  '/archives/boards': <ProfileOutlined />,
  '/archives/reading': <ReadOutlined />,
  '/archives/destructions': <DeleteOutlined />,
  '/archives/custody': <SwapOutlined />,
  '/archives/schedule': <PartitionOutlined />,
  '/org': <ApartmentOutlined />,
  '/users': <TeamOutlined />,
  '/calendar': <CalendarOutlined />,
  '/audit': <AuditOutlined />,
  '/webhooks': <ApiOutlined />,
  '/pii-rules': <EyeInvisibleOutlined />,
  '/reminder-settings': <MailOutlined />,
  '/letter-settings': <FileTextOutlined />,
  '/backup': <DatabaseOutlined />,
  '/password': <LockOutlined />,
  '/tokens': <KeyOutlined />,
};

function pageFor(route: string, roles: readonly string[], supervisor: boolean): ReactNode {
  if (!canOpen(route, roles)) {
    return (
      <Result
        status="403"
        title="没有权限"
        subTitle="您的角色不使用此功能。如需使用，请联系县政府办为您分配相应角色。"
        extra={<Button onClick={() => navigate('/')}>返回工作台</Button>}
      />
    );
  }
  if (route === '/disclosures/new') return <DisclosureFormPage key={window.location.search} />;
  if (route === '/requests/new') return <RequestIntakePage />;
  const req = /^\/requests\/([^/]+)$/.exec(route);
  if (req) return <RequestDetailPage key={req[1]} id={decodeURIComponent(req[1])} />;
  if (route === '/interaction/boxes') return <InteractionBoxesPage />;
  if (route === '/interaction/intake') return <InteractionIntakePage key={window.location.search} />;
  if (route === '/interaction/knowledge') return <InteractionKnowledgePage />;
  if (route === '/interaction/templates') return <InteractionTemplatesPage />;
  if (route === '/interaction/settings') return <InteractionSettingsPage />;
  const talk = /^\/interaction\/([^/]+)$/.exec(route);
  if (talk) return <InteractionDetailPage key={talk[1]} id={decodeURIComponent(talk[1])} />;
  const detail = /^\/disclosures\/([^/]+)$/.exec(route);
  if (detail) return <DisclosureDetailPage key={detail[1]} id={decodeURIComponent(detail[1])} />;
  const complianceUnit = /^\/compliance\/units\/([^/]+)$/.exec(route);
  if (complianceUnit) return <ComplianceUnitPage key={route} code={decodeURIComponent(complianceUnit[1])} />;
  if (route === '/compliance') return <ComplianceDashboard />;
  const card = /^\/assessments\/([^/]+)\/units\/([^/]+)$/.exec(route);
  if (card) return <ScoreCardPage key={route} periodId={decodeURIComponent(card[1])} code={decodeURIComponent(card[2])} />;
  const consultation = /^\/participation\/consultations\/([^/]+)$/.exec(route);
  if (consultation) return <ConsultationDetailPage key={consultation[1]} id={decodeURIComponent(consultation[1])} />;
  const participationEvent = /^\/participation\/events\/([^/]+)$/.exec(route);
  if (participationEvent) return <EventDetailPage key={participationEvent[1]} id={decodeURIComponent(participationEvent[1])} />;
  const archiveItem = /^\/archives\/items\/([^/]+)$/.exec(route);
  if (archiveItem) return <ArchiveItemPage key={archiveItem[1]} id={decodeURIComponent(archiveItem[1])} />;
  const boardPage = /^\/archives\/boards\/([^/]+)$/.exec(route);
  if (boardPage) return <BoardDetailPage key={boardPage[1]} id={decodeURIComponent(boardPage[1])} />;
  const order = /^\/rectifications\/([^/]+)$/.exec(route);
  if (order) return <RectificationDetailPage key={order[1]} id={decodeURIComponent(order[1])} />;
  switch (ROUTE_ALIASES[route] ?? route) {
    case '/':
      return <DashboardPage />;
    case '/catalog':
      return <CatalogPage />;
    case '/unit-catalog':
      return <UnitCatalogPage />;
    case '/todo':
      return <TodoPage supervisor={supervisor} />;
    case '/disclosures':
      return <DisclosuresPage />;
    case '/review':
      return <ReviewPage />;
    case '/print':
      return <PrintPage />;
    case '/offline':
      return <OfflinePage />;
    case '/policies':
      return <PoliciesPage />;
    case '/requests':
      return <RequestsPage />;
    case '/interaction':
      return <InteractionListPage key={window.location.search} />;
    case '/org':
      return <OrgPage />;
    case '/users':
      return <UsersPage />;
    case '/calendar':
      return <CalendarPage />;
    case '/audit':
      return <AuditPage />;
    case '/password':
      return <PasswordPage />;
    case '/tokens':
      return <TokensPage />;
    case '/webhooks':
      return <WebhooksPage />;
    case '/pii-rules':
      return <PiiRulesPage />;
    case '/assessments':
      return <AssessmentPage />;
    case '/rectifications':
      return <RectificationsPage />;
    case '/rollout':
      return <RolloutPage />;
    case '/reminder-settings':
      return <ReminderSettingsPage />;
    case '/letter-settings':
      return <LetterSettingsPage />;
    case '/backup':
      return <BackupPage />;
    case '/archives':
      return <ArchivesPage />;
    case '/archives/boards':
      return <BoardsPage />;
    case '/archives/reading':
      return <ReadingPage />;
    case '/archives/destructions':
      return <DestructionsPage />;
    case '/archives/custody':
      return <CustodyPage />;
    case '/archives/schedule':
      return <SchedulePage />;
    case '/annual-reports':
      return <AnnualReportPage />;
    case '/remedies':
      return <RemediesPage />;
    case '/participation':
      return <ParticipationPage />;
    default:
      return (
        <Result
          status="404"
          title="页面不存在"
          extra={
            <Button type="primary" onClick={() => navigate('/')}>
              返回工作台
            </Button>
          }
        />
      );
  }
}

function Shell({ user, onLogout }: { user: User; onLogout: () => void }) {
  const route = useRoute();
  const roles = user.roles.map((r) => r.role);
  // Supervisors (anyone holding a role over units below their own) may list their whole subtree's to-do.
  const supervisor = user.roles.some((r) => ['county_admin', 'unit_officer', 'unit_reviewer'].includes(r.role));
  // Grid.useBreakpoint() is empty on the first render; reading the media query directly keeps a wide
  // screen from starting (and, in a race with the breakpoint's first report, staying) collapsed.
  const screens = Grid.useBreakpoint();
  const narrow = screens.lg === undefined ? !window.matchMedia('(min-width: 992px)').matches : !screens.lg;
  const [collapsed, setCollapsed] = useState(narrow);
  useEffect(() => setCollapsed(narrow), [narrow]);
  // The 公开发布 group starts open; kept closed while the sider is collapsed (no popup over the page on phones).
  const [openKeys, setOpenKeys] = useState<string[]>(() =>
    MENU.some((m) => m.group === 'settings' && m.key === route) ? ['publishing', 'settings'] : ['publishing'],
  );

  // Someone with a temporary password must change it before anything else.
  const forced = user.mustChangePassword;
  useEffect(() => {
    if (forced && route !== '/password') navigate('/password', true);
  }, [forced, route]);

  const roleNames = [...new Set(user.roles.map((r) => r.roleLabel))];
  const entry = (m: MenuEntry) => ({ key: m.key, icon: ICONS[m.key], label: m.label, disabled: forced && m.key !== '/password' });
  const visible = menuFor(roles);
  const top = visible.filter((m) => !m.group);
  const publishing = visible.filter((m) => m.group === 'publishing');
  const settings = visible.filter((m) => m.group === 'settings');
  // 工作台 and 我的待办 first, then 公开发布, the other entries, 系统设置.
  const items = [
    ...top.slice(0, 2).map(entry),
    ...(publishing.length ? [{ key: 'publishing', icon: <NotificationOutlined />, label: '公开发布', children: publishing.map(entry) }] : []),
    ...top.slice(2).map(entry),
    ...(settings.length ? [{ key: 'settings', icon: <SettingOutlined />, label: '系统设置', children: settings.map(entry) }] : []),
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        collapsedWidth={0}
        collapsible={narrow}
        trigger={narrow ? undefined : null}
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={232}
        theme="dark"
        style={narrow ? { position: 'fixed', height: '100vh', zIndex: 20, left: 0, top: 0 } : undefined}
        aria-label="侧边导航"
      >
        <div style={{ color: '#fff', padding: '16px 20px', fontSize: 16, fontWeight: 600, whiteSpace: 'nowrap' }}>Gongkai 公开</div>
        <Menu
          aria-label="主菜单"
          theme="dark"
          mode="inline"
          inlineIndent={12}
          selectedKeys={[menuKeyOf(route) ?? route]}
          openKeys={collapsed ? [] : openKeys}
          onOpenChange={setOpenKeys}
          items={items}
          onClick={({ key }) => {
            navigate(key);
            if (narrow) setCollapsed(true);
          }}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: narrow ? '0 12px 0 56px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 12,
            borderBottom: '1px solid #f0f0f0',
            height: 'auto',
            minHeight: 64,
            lineHeight: 1.4,
            flexWrap: 'wrap',
          }}
        >
          <Typography.Text strong style={{ fontSize: 16 }}>
            {narrow ? '管理后台' : '政务公开与村（居）务公开 · 管理后台'}
          </Typography.Text>
          <Space wrap size={8} style={{ padding: '8px 0' }}>
            <span>
              <Typography.Text strong>{user.displayName}</Typography.Text> <Typography.Text type="secondary">（{user.username}）</Typography.Text>
            </span>
            <NotificationBell />
            {roleNames.slice(0, narrow ? 1 : 3).map((r) => (
              <Tag key={r} color="blue" style={{ marginInlineEnd: 0 }}>
                {r}
              </Tag>
            ))}
            <Button icon={<LogoutOutlined />} onClick={onLogout}>
              退出
            </Button>
          </Space>
        </Header>
        <Content style={{ margin: narrow ? 12 : 24 }} id="main">
          {forced && route !== '/password' ? null : pageFor(route, roles, supervisor)}
        </Content>
      </Layout>
    </Layout>
  );
}

function Root() {
  const { message } = AntApp.useApp();
  const route = useRoute();
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    try {
      const me = await api<MeView>('GET', '/api/v1/me', undefined, { quiet401: true });
      setCsrfToken(me.csrfToken);
      setUser(me.user);
    } catch (err) {
      setUser(null);
      setCsrfToken(null);
      if (!(err instanceof ApiError && err.status === 401)) message.error(err instanceof Error ? err.message : '无法读取登录状态');
    } finally {
      setLoading(false);
    }
  }, [message]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      queryClient.clear();
      setUser(null);
      setCsrfToken(null);
      message.warning('登录已过期，请重新登录');
    });
    return () => setUnauthorizedHandler(null);
  }, [message]);

  // Keep the address bar in step with the login state.
  useEffect(() => {
    if (loading) return;
    if (!user && route !== '/login') navigate('/login', true);
    if (user && route === '/login') navigate('/', true);
  }, [user, route, loading]);

  const logout = async () => {
    try {
      await post('/api/v1/auth/logout');
    } catch {
      // Already logged out on the server: nothing to do.
    }
    // Nothing one account read stays in the cache for the next one.
    queryClient.clear();
    setUser(null);
    setCsrfToken(null);
    navigate('/login', true);
  };

  if (loading) {
    return (
      <div style={{ display: 'flex', height: '100vh', alignItems: 'center', justifyContent: 'center' }}>
        <Space orientation="vertical" align="center">
          <Spin size="large" />
          <span>正在加载…</span>
        </Space>
      </div>
    );
  }
  if (!user) {
    return (
      <LoginPage
        onLogin={(u, token) => {
          queryClient.clear();
          setCsrfToken(token);
          setUser(u);
          navigate(u.mustChangePassword ? '/password' : '/', true);
        }}
      />
    );
  }
  return (
    <SessionContext.Provider value={{ user, refresh }}>
      <Shell user={user} onLogout={logout} />
    </SessionContext.Provider>
  );
}

/**
 * Every busy button (`loading`) shows this spinner only while busy. antd's own one collapses with a motion when the
 * busy state ends; after a short save (a refusal answered at once) that motion can stay unfinished, leaving the hidden
 * spinner — `<span role="img" aria-label="loading">` — inside the idle button, which screen readers then read as
 * “loading 保存” (and a browser test looking for the button 保存 never finds it: the “second 保存 never fires” of the
 * participation schedule dialog). A loading icon from the config is rendered without that motion.
 */
const BUTTON_CONFIG = { loadingIcon: <LoadingOutlined /> };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#b8322a', borderRadius: 4, motion: !REDUCED_MOTION } }} button={BUTTON_CONFIG}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <Root />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
