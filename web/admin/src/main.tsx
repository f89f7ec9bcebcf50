import { StrictMode, useCallback, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
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
  FormOutlined,
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
  DatabaseOutlined,
} from '@ant-design/icons';
import { ApiError, api, isAdmin, post, setCsrfToken, setUnauthorizedHandler, type User } from './api.ts';
import { OfflinePage } from './pages/offline/OfflinePage.tsx';
import { PoliciesPage } from './pages/policies/PoliciesPage.tsx';
import { navigate, useRoute } from './router.ts';
import { SessionContext } from './session.ts';
import { LoginPage } from './pages/LoginPage.tsx';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { OrgPage } from './pages/OrgPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { CalendarPage } from './pages/CalendarPage.tsx';
import { CatalogPage } from './pages/CatalogPage.tsx';
import { UnitCatalogPage } from './pages/UnitCatalogPage.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { PasswordPage } from './pages/PasswordPage.tsx';
import { TokensPage } from './pages/TokensPage.tsx';
import { TodoPage } from './pages/TodoPage.tsx';
import { DisclosuresPage } from './pages/DisclosuresPage.tsx';
import { DisclosureFormPage } from './pages/DisclosureFormPage.tsx';
import { DisclosureDetailPage } from './pages/DisclosureDetailPage.tsx';
import { ReviewPage } from './pages/ReviewPage.tsx';
import { PrintPage } from './pages/PrintPage.tsx';
import { WebhooksPage } from './pages/WebhooksPage.tsx';
import { PiiRulesPage } from './pages/PiiRulesPage.tsx';
import { ComplianceDashboard, ComplianceUnitPage } from './pages/CompliancePage.tsx';
import { AssessmentPage } from './pages/AssessmentPage.tsx';
import { ScoreCardPage } from './pages/ScoreCardPage.tsx';
import { RectificationDetailPage, RectificationsPage } from './pages/RectificationPages.tsx';
import { RolloutPage } from './pages/RolloutPage.tsx';
import { NotificationBell, ReminderSettingsPage, RemindersPage } from './reminders.tsx';
import { RequestsPage } from './pages/RequestsPage.tsx';
import { RequestIntakePage } from './pages/RequestIntakePage.tsx';
import { RequestDetailPage } from './pages/RequestDetailPage.tsx';
import { LetterSettingsPage } from './pages/LetterSettingsPage.tsx';
import { AnnualReportPage } from './pages/AnnualReportPage.tsx';
import { RemediesPage } from './pages/RemediesPage.tsx';
import { BackupPage } from './pages/BackupPage.tsx';

dayjs.locale('zh-cn');

type Locale = NonNullable<ConfigProviderProps['locale']>;
/** antd ships the locale as CommonJS; depending on interop the default import is the locale or its module. */
const zhCN = ((zhCNModule as unknown as { default?: Locale }).default ?? zhCNModule) as Locale;

const { Header, Sider, Content } = Layout;

interface MenuEntry {
  key: string;
  label: string;
  icon: ReactNode;
  adminOnly?: boolean;
  /** Shown under the 公开发布 group. */
  publishing?: boolean;
  /** Shown under the 系统设置 group. */
  settings?: boolean;
}

const MENU: MenuEntry[] = [
  { key: '/', label: '工作台', icon: <DashboardOutlined /> },
  { key: '/compliance', label: '公开督查', icon: <AlertOutlined /> },
  { key: '/reminders', label: '待办与提醒', icon: <BellOutlined /> },
  { key: '/unit-catalog', label: '本单位目录与期限', icon: <FieldTimeOutlined /> },
  { key: '/catalog', label: '公开目录', icon: <ContainerOutlined /> },
  { key: '/todo', label: '我的待办', icon: <FormOutlined />, publishing: true },
  { key: '/disclosures', label: '公开内容', icon: <FileTextOutlined />, publishing: true },
  { key: '/review', label: '审核队列', icon: <SafetyCertificateOutlined />, publishing: true },
  { key: '/print', label: '打印中心', icon: <PrinterOutlined />, publishing: true },
  // issue 19: offline channels and policies, each one self-contained page (web/admin/src/pages/offline/, pages/policies/)
  { key: '/offline', label: '线下公开', icon: <PrinterOutlined />, publishing: true },
  { key: '/policies', label: '政策文件', icon: <FileTextOutlined />, publishing: true },
  { key: '/assessments', label: '考评', icon: <TrophyOutlined /> },
  { key: '/rectifications', label: '整改通知', icon: <ToolOutlined /> },
  { key: '/rollout', label: '标准化推进', icon: <FlagOutlined /> },
  { key: '/requests', label: '依申请公开', icon: <InboxOutlined /> },
  { key: '/annual-reports', label: '年度报告', icon: <BarChartOutlined /> },
  { key: '/remedies', label: '复议诉讼', icon: <BankOutlined /> },
  { key: '/org', label: '组织机构', icon: <ApartmentOutlined /> },
  { key: '/users', label: '用户与角色', icon: <TeamOutlined />, adminOnly: true },
  { key: '/calendar', label: '工作日历', icon: <CalendarOutlined /> },
  { key: '/audit', label: '审计日志', icon: <AuditOutlined />, adminOnly: true },
  { key: '/webhooks', label: '数据推送（Webhook）', icon: <ApiOutlined />, adminOnly: true, settings: true },
  { key: '/pii-rules', label: '个人信息识别规则', icon: <EyeInvisibleOutlined />, adminOnly: true, settings: true },
  { key: '/reminder-settings', label: '提醒与邮件设置', icon: <MailOutlined />, adminOnly: true, settings: true },
  { key: '/letter-settings', label: '依申请公开文书设置', icon: <FileTextOutlined />, settings: true },
  { key: '/backup', label: '数据备份', icon: <DatabaseOutlined />, adminOnly: true, settings: true },
  { key: '/password', label: '修改密码', icon: <LockOutlined /> },
  { key: '/tokens', label: '访问令牌', icon: <KeyOutlined /> },
];

/** The menu key a route belongs to (detail pages highlight their list). */
function menuKeyOf(route: string): string {
  if (route.startsWith('/compliance')) return '/compliance';
  if (route.startsWith('/assessments')) return '/assessments';
  if (route.startsWith('/rectifications')) return '/rectifications';
  if (route.startsWith('/requests')) return '/requests';
  return route.startsWith('/disclosures') ? '/disclosures' : route;
}

function pageFor(route: string, admin: boolean, supervisor: boolean): ReactNode {
  if (route === '/disclosures/new') return <DisclosureFormPage key={window.location.search} />;
  if (route === '/requests/new') return <RequestIntakePage />;
  const req = /^\/requests\/([^/]+)$/.exec(route);
  if (req) return <RequestDetailPage key={req[1]} id={decodeURIComponent(req[1])} />;
  const detail = /^\/disclosures\/([^/]+)$/.exec(route);
  if (detail) return <DisclosureDetailPage key={detail[1]} id={decodeURIComponent(detail[1])} />;
  const complianceUnit = /^\/compliance\/units\/([^/]+)$/.exec(route);
  if (complianceUnit) return <ComplianceUnitPage key={route} code={decodeURIComponent(complianceUnit[1])} />;
  if (route === '/compliance') return <ComplianceDashboard />;
  const card = /^\/assessments\/([^/]+)\/units\/([^/]+)$/.exec(route);
  if (card) return <ScoreCardPage key={route} periodId={decodeURIComponent(card[1])} code={decodeURIComponent(card[2])} />;
  const order = /^\/rectifications\/([^/]+)$/.exec(route);
  if (order) return <RectificationDetailPage key={order[1]} id={decodeURIComponent(order[1])} />;
  const entry = MENU.find((m) => m.key === route);
  if (!entry) {
    return <Result status="404" title="页面不存在" extra={<Button type="primary" onClick={() => navigate('/')}>返回工作台</Button>} />;
  }
  if (entry.adminOnly && !admin) {
    return <Result status="403" title="没有权限" subTitle="此功能仅县级管理员可用。" extra={<Button onClick={() => navigate('/')}>返回工作台</Button>} />;
  }
  switch (route) {
    case '/':
      return <DashboardPage />;
    case '/catalog':
      return <CatalogPage />;
    case '/unit-catalog':
      return <UnitCatalogPage />;
    case '/todo':
      return <TodoPage />;
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
    case '/reminders':
      return <RemindersPage supervisor={supervisor} />;
    case '/reminder-settings':
      return <ReminderSettingsPage />;
    case '/letter-settings':
      return <LetterSettingsPage />;
    case '/backup':
      return <BackupPage />;
    case '/annual-reports':
      return <AnnualReportPage />;
    case '/remedies':
      return <RemediesPage />;
    default:
      return null;
  }
}

function Shell({ user, onLogout }: { user: User; onLogout: () => void }) {
  const route = useRoute();
  const admin = isAdmin(user);
  // Supervisors (anyone holding a role over units below their own) may list their whole subtree's to-do.
  const supervisor = user.roles.some((r) => ['county_admin', 'unit_officer', 'unit_reviewer'].includes(r.role));
  // Grid.useBreakpoint() is empty on the first render; reading the media query directly keeps a wide
  // screen from starting (and, in a race with the breakpoint's first report, staying) collapsed.
  const screens = Grid.useBreakpoint();
  const narrow = screens.lg === undefined ? !window.matchMedia('(min-width: 992px)').matches : !screens.lg;
  const [collapsed, setCollapsed] = useState(narrow);
  useEffect(() => setCollapsed(narrow), [narrow]);
  // The 公开发布 group starts open; kept closed while the sider is collapsed (no popup over the page on phones).
  const [openKeys, setOpenKeys] = useState<string[]>(() => (MENU.some((m) => m.settings && m.key === route) ? ['publishing', 'settings'] : ['publishing']));

  // Someone with a temporary password must change it before anything else.
  const forced = user.mustChangePassword;
  useEffect(() => {
    if (forced && route !== '/password') navigate('/password', true);
  }, [forced, route]);

  const roleNames = [...new Set(user.roles.map((r) => r.roleLabel))];
  const entry = (m: MenuEntry) => ({ key: m.key, icon: m.icon, label: m.label, disabled: forced && m.key !== '/password' });
  const visible = MENU.filter((m) => !m.adminOnly || admin);
  const items = [
    entry(visible[0]),
    { key: 'publishing', icon: <NotificationOutlined />, label: '公开发布', children: visible.filter((m) => m.publishing).map(entry) },
    ...visible.slice(1).filter((m) => !m.publishing && !m.settings).map(entry),
  ];
  const settings = visible.filter((m) => m.settings);
  if (settings.length) items.push({ key: 'settings', icon: <SettingOutlined />, label: '系统设置', children: settings.map(entry) });

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
          selectedKeys={[menuKeyOf(route)]}
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
              <Typography.Text strong>{user.displayName}</Typography.Text>{' '}
              <Typography.Text type="secondary">（{user.username}）</Typography.Text>
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
          {forced && route !== '/password' ? null : pageFor(route, admin, supervisor)}
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
      const me = await api<{ user: User; csrfToken: string | null }>('GET', '/api/v1/me', undefined, { quiet401: true });
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
    setUser(null);
    setCsrfToken(null);
    navigate('/login', true);
  };

  if (loading) {
    return (
      <div style={{ display: 'flex', height: '100vh', alignItems: 'center', justifyContent: 'center' }}>
        <Space orientation="vertical" align="center"><Spin size="large" /><span>正在加载…</span></Space>
      </div>
    );
  }
  if (!user) {
    return (
      <LoginPage
        onLogin={(u, token) => {
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

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#b8322a', borderRadius: 4 } }}>
      <AntApp>
        <Root />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
