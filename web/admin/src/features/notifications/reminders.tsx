/** Reminders in the admin SPA: the header bell, the to-do/notifications page and the county office's settings. */
import { useState } from 'react';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Popover,
  Radio,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { BellOutlined, CheckOutlined, MailOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { formatTime, post, put, type Page } from '../../lib/http.ts';
import { PagedTable, usePaging } from '../../lib/paged-table.tsx';
import { LoadFailed, QueryState, useApi } from '../../lib/query.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import { navigate } from '../../lib/router.ts';
import { kindLabel, whenText } from './labels.ts';
import type { RoleList } from '../org/api.ts';
import type {
  Inbox,
  InboxState,
  NotificationRow,
  PreferencesView,
  ReadAllResult,
  ReminderSettings,
  SettingsView,
  SmtpView,
  EmailRow,
  UnreadCount,
} from './api.ts';

export const STATE_COLOR: Record<InboxState, string> = {
  'due-soon': 'blue',
  overdue: 'red',
  escalated: 'volcano',
  'escalated-county': 'magenta',
  alert: 'gold',
};

/** Links are admin paths (`/admin/…`); inside the SPA they are routes. */
export function openLink(link: string): void {
  // Same-origin paths only ("//host" would leave the site).
  if (!link.startsWith('/') || link.startsWith('//')) return;
  if (link.startsWith('/admin/')) navigate(link.slice('/admin'.length));
  else window.location.assign(link);
}

/** The bell in the header: unread count (refreshed every minute) and the latest notifications. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  // The count is a hint (no error shown here; the page shows errors), refreshed every minute.
  const count = useApi<UnreadCount>(['notifications', 'unread'], '/api/v1/notifications/unread-count', undefined, { refetchInterval: 60_000 });
  const latest = useApi<Inbox>(['notifications', 'list'], open ? '/api/v1/notifications' : null, { limit: 8 }, { staleTime: 0 });
  const unread = latest.data?.unread ?? count.data?.unread ?? 0;
  const items = latest.data?.items ?? null;

  const openItem = async (n: NotificationRow) => {
    setOpen(false);
    if (!n.readAt) {
      try {
        await post(`/api/v1/notifications/${n.id}/read`);
      } catch {
        // Opening the item matters more than the read mark.
      }
    }
    openLink(n.link);
  };

  // The write marks every read stale (lib/http.ts): the count and the list refetch.
  const readAll = useSave({ toast: true });

  const content = (
    <div style={{ width: 360, maxWidth: '80vw' }}>
      {latest.isError ? (
        <LoadFailed query={latest} what="消息提醒" />
      ) : items === null ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无提醒" />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item style={{ cursor: 'pointer', background: n.readAt ? undefined : '#fff7e6', paddingInline: 8 }} onClick={() => void openItem(n)}>
              <List.Item.Meta
                title={
                  <Space size={4} wrap>
                    <Tag color={STATE_COLOR[n.state]} style={{ marginInlineEnd: 0 }}>
                      {n.stateLabel}
                    </Tag>
                    <span>{n.unitName}</span>
                  </Space>
                }
                description={
                  <>
                    <div style={{ color: 'rgba(0,0,0,0.88)' }}>{n.title}</div>
                    <div>
                      {n.state === 'alert'
                        ? `发生于 ${formatTime(n.createdAt)}`
                        : whenText({ overdue: n.overdueWorkingDays > 0, dueDate: n.dueDate, overdueWorkingDays: n.overdueWorkingDays })}
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }}>
        <Button
          size="small"
          icon={<CheckOutlined />}
          disabled={unread === 0}
          loading={readAll.busy}
          onClick={() => void readAll.run(() => post('/api/v1/notifications/read-all'))}
        >
          全部标为已读
        </Button>
        <Button
          size="small"
          type="link"
          onClick={() => {
            setOpen(false);
            navigate('/todo');
          }}
        >
          查看全部待办和提醒
        </Button>
      </Space>
    </div>
  );

  return (
    <Popover trigger="click" placement="bottomRight" title="消息提醒" open={open} onOpenChange={setOpen} content={content}>
      <Button type="text" aria-label={unread ? `消息提醒，${unread} 条未读` : '消息提醒'} style={{ paddingInline: 8 }}>
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}

/** 消息提醒: my notifications, newest first (shown on the 我的待办 page). */
export function InboxTab() {
  const { message } = App.useApp();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const inbox = useApi<Inbox>(
    ['notifications', 'list'],
    '/api/v1/notifications',
    { unread: unreadOnly || undefined, limit: pageSize, offset: (page - 1) * pageSize },
    { keepPrevious: true, staleTime: 0 },
  );
  const data = inbox.data;
  // Each write marks every read stale (lib/http.ts): the list, the count and the bell refetch.
  const marking = useSave({ toast: true });
  const [markingId, setMarkingId] = useState<string | null>(null);
  const markRead = (n: NotificationRow) => {
    setMarkingId(n.id);
    return marking.run(() => post(`/api/v1/notifications/${n.id}/read`));
  };
  const readAll = useSave({ toast: true });
  const markAllRead = async () => {
    let updated = 0;
    const done = await readAll.run(async () => {
      updated = (await post<ReadAllResult>('/api/v1/notifications/read-all')).updated;
    });
    if (done) message.success(updated ? `已将 ${updated} 条提醒标为已读` : '没有未读提醒');
  };

  const columns: TableColumnsType<NotificationRow> = [
    { title: '状态', dataIndex: 'stateLabel', width: 170, render: (v: string, r) => <Tag color={STATE_COLOR[r.state]}>{v}</Tag> },
    { title: '单位', dataIndex: 'unitName', width: 140 },
    {
      title: '事项',
      dataIndex: 'title',
      render: (v: string, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link strong={!r.readAt} onClick={() => openLink(r.link)}>
            {v}
          </Typography.Link>
          <Typography.Text type="secondary">
            {r.state === 'alert'
              ? kindLabel(r.kind)
              : whenText({ overdue: r.overdueWorkingDays > 0, dueDate: r.dueDate, overdueWorkingDays: r.overdueWorkingDays })}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '提醒时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
    {
      title: '',
      key: 'act',
      width: 100,
      render: (_: unknown, r) =>
        r.readAt ? (
          <Typography.Text type="secondary">已读</Typography.Text>
        ) : (
          <Button size="small" loading={marking.busy && markingId === r.id} onClick={() => void markRead(r)}>
            标为已读
          </Button>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Checkbox
          checked={unreadOnly}
          onChange={(e) => {
            setUnreadOnly(e.target.checked);
            setPage(1);
          }}
        >
          只看未读{data ? `（${data.unread}）` : ''}
        </Checkbox>
        <Button icon={<CheckOutlined />} onClick={() => void markAllRead()} loading={readAll.busy} disabled={!data?.unread}>
          全部标为已读
        </Button>
      </Space>
      <LoadFailed query={inbox} what="消息提醒" />
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={inbox.isPending && !inbox.isError}
        scroll={{ x: 760 }}
        locale={{ emptyText: '暂无提醒' }}
        pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
      />
    </Space>
  );
}

/** 邮件提醒设置: my address for the daily digest and whether I want it. */
export function MailPreferencesTab() {
  const prefs = useApi<PreferencesView>(['notifications', 'preferences'], '/api/v1/notifications/preferences');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 560 }}>
      {/* The form appears once the saved values are in, so nothing typed is overwritten by them. */}
      <QueryState query={prefs} what="提醒设置" rows={3}>
        {(p) => <PreferencesForm p={p} />}
      </QueryState>
    </Space>
  );
}

function PreferencesForm({ p }: { p: PreferencesView }) {
  const { message } = App.useApp();
  const save = useSave();
  const submit = async (v: { email: string; emailDigest: boolean }) => {
    if (await save.run(() => put('/api/v1/notifications/preferences', { email: v.email.trim() || null, emailDigest: v.emailDigest })))
      message.success('提醒设置已保存');
  };
  return (
    <>
      {!p.mailAvailable && <Alert type="info" showIcon title="县政府办尚未开通提醒邮件，目前只在系统内提醒。您仍可先填写邮箱。" />}
      {p.mailAvailable && (
        <Alert type="info" showIcon title={`每日约 ${p.digestHour} 点（北京时间）发送一封汇总邮件，列出新增和仍未办理的事项；没有待办时不发。`} />
      )}
      <SaveError save={save} />
      <Form layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ email: p.email ?? '', emailDigest: p.emailDigest }}>
        <Form.Item name="email" label="接收提醒的电子邮箱" extra="只用于发送本系统的提醒邮件。">
          <Input type="email" placeholder="例如 zhangsan@example.gov.cn" maxLength={120} autoComplete="email" />
        </Form.Item>
        <Form.Item name="emailDigest" label="每日提醒邮件" valuePropName="checked">
          <Switch checkedChildren="接收" unCheckedChildren="不接收" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.busy} icon={<MailOutlined />}>
          保存
        </Button>
      </Form>
    </>
  );
}

// ---------------------------------------------------------------- the county office's settings

const MAIL_STATUS: Record<string, { label: string; color: string }> = {
  pending: { label: '待发送', color: 'default' },
  sending: { label: '发送中', color: 'processing' },
  sent: { label: '已发送', color: 'success' },
  failed: { label: '重试中', color: 'warning' },
  dead: { label: '发送失败', color: 'error' },
  superseded: { label: '已被次日提醒取代', color: 'default' },
};
const RUN_STATUS: Record<string, { label: string; color: string }> = {
  running: { label: '进行中', color: 'processing' },
  done: { label: '完成', color: 'success' },
  failed: { label: '失败，稍后重试', color: 'warning' },
  dead: { label: '失败', color: 'error' },
};

/** The rules as saved; keyed by their `updatedAt`, so a save starts the form again from what was saved. */
function RulesCard({ view, roles }: { view: SettingsView; roles: { id: string; label: string }[] }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ReminderSettings & { parentOn: boolean; countyOn: boolean }>();
  const save = useSave();
  const parentOn = Form.useWatch('parentOn', form);
  const countyOn = Form.useWatch('countyOn', form);
  const s = view.settings;
  const initial = {
    ...s,
    parentOn: s.escalateToParentAfter !== null,
    countyOn: s.escalateToCountyAfter !== null,
    escalateToParentAfter: s.escalateToParentAfter ?? 5,
    escalateToCountyAfter: s.escalateToCountyAfter ?? 20,
  };
  const submit = async (v: ReminderSettings & { parentOn: boolean; countyOn: boolean }) => {
    const body = {
      dueSoonWorkingDays: v.dueSoonWorkingDays,
      escalateToParentAfter: v.parentOn ? v.escalateToParentAfter : null,
      escalateToCountyAfter: v.parentOn && v.countyOn ? v.escalateToCountyAfter : null,
      digestHour: v.digestHour,
      emailDigest: v.emailDigest,
      recipientRoles: v.recipientRoles,
    };
    if (await save.run(() => put<SettingsView>('/api/v1/notifications/settings', body))) message.success('提醒规则已保存，下次每日提醒起生效');
  };
  return (
    <Card
      title="提醒规则"
      extra={
        view.settings.updatedAt ? (
          <Typography.Text type="secondary">上次修改 {formatTime(view.settings.updatedAt)}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">使用默认值</Typography.Text>
        )
      }
    >
      <SaveError save={save} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={initial} style={{ maxWidth: 640 }}>
        <Form.Item
          label="“即将到期”提醒"
          required
          extra="到期日前这么多个工作日起提醒（按法定工作日历计算，默认 3 个工作日）。督查看板上的“即将到期”也按这个天数判断。"
        >
          <Space>
            到期前
            <Form.Item name="dueSoonWorkingDays" noStyle rules={[{ required: true, message: '请填写天数' }]}>
              <InputNumber min={1} max={20} precision={0} style={{ width: 90 }} aria-label="即将到期提前工作日数" />
            </Form.Item>
            个工作日
          </Space>
        </Form.Item>
        <Form.Item
          label="逾期升级督办"
          extra="升级天数由县政府办根据本县考核要求确定，并非法定期限。升级后，上级单位（或县政府办）的人员也会收到提醒，并记入审计日志。"
        >
          <Space orientation="vertical">
            <Space wrap>
              <Form.Item name="parentOn" valuePropName="checked" noStyle>
                <Checkbox>逾期超过</Checkbox>
              </Form.Item>
              <Form.Item name="escalateToParentAfter" noStyle>
                <InputNumber min={1} max={120} precision={0} disabled={!parentOn} style={{ width: 90 }} aria-label="升级到上级单位的逾期工作日数" />
              </Form.Item>
              个工作日，提醒上级单位（村居 → 镇街，部门/镇街 → 县）
            </Space>
            <Space wrap>
              <Form.Item name="countyOn" valuePropName="checked" noStyle>
                <Checkbox disabled={!parentOn}>逾期超过</Checkbox>
              </Form.Item>
              <Form.Item name="escalateToCountyAfter" noStyle>
                <InputNumber
                  min={1}
                  max={120}
                  precision={0}
                  disabled={!parentOn || !countyOn}
                  style={{ width: 90 }}
                  aria-label="升级到县政府办的逾期工作日数"
                />
              </Form.Item>
              个工作日，同时提醒县政府办
            </Space>
          </Space>
        </Form.Item>
        <Form.Item label="每日提醒时间（北京时间）" required>
          <Space>
            每天
            <Form.Item name="digestHour" noStyle rules={[{ required: true, message: '请填写时间' }]}>
              <InputNumber min={0} max={23} precision={0} style={{ width: 90 }} aria-label="每日提醒的整点" />
            </Form.Item>
            点生成提醒并发送汇总邮件
          </Space>
        </Form.Item>
        <Form.Item name="emailDigest" label="每日汇总邮件" valuePropName="checked" extra="关闭后只在系统内提醒；每位用户也可以自行关闭。">
          <Switch checkedChildren="发送" unCheckedChildren="不发送" />
        </Form.Item>
        <Form.Item name="recipientRoles" label="接收本单位提醒的角色" rules={[{ required: true, message: '请至少选择一个角色' }]}>
          <Checkbox.Group options={roles.map((r) => ({ value: r.id, label: r.label }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.busy}>
          保存提醒规则
        </Button>
      </Form>
    </Card>
  );
}

interface SmtpForm {
  host: string;
  port: number;
  security: SmtpView['security'];
  user: string;
  password: string;
  clearPassword: boolean;
  from: string;
}

/** The mail server as saved; keyed by its `updatedAt` like the rules. */
function SmtpCard({ view }: { view: SettingsView }) {
  const { message } = App.useApp();
  const save = useSave();
  const test = useSave({ toast: true });
  const [testTo, setTestTo] = useState('');
  const smtp = view.smtp;
  const initial: SmtpForm = {
    host: smtp.host ?? '',
    port: smtp.port,
    security: smtp.security,
    user: smtp.user ?? '',
    password: '',
    clearPassword: false,
    from: smtp.from ?? '',
  };
  const submit = async (v: SmtpForm) => {
    const body: Record<string, unknown> = {
      host: v.host.trim() || null,
      port: v.port,
      security: v.security,
      user: v.user.trim() || null,
      from: v.from.trim() || null,
    };
    if (v.clearPassword) body.password = null;
    else if (v.password) body.password = v.password;
    if (await save.run(() => put<SettingsView>('/api/v1/notifications/smtp', body))) message.success('邮件服务器设置已保存');
  };
  const sendTest = async () => {
    if (await test.run(() => post('/api/v1/notifications/smtp/test', { to: testTo.trim() }))) message.success('测试邮件已发出，请到收件箱查看');
  };
  const source = { settings: '本页面保存的设置', env: '服务器环境变量（GONGKAI_SMTP_*）', none: '尚未设置' }[smtp.source];
  return (
    <Card title="发信邮件服务器（SMTP）" extra={<Typography.Text type="secondary">当前使用：{source}</Typography.Text>}>
      <SaveError save={save} style={{ marginBottom: 12 }} />
      <Form<SmtpForm> layout="vertical" onFinish={(v) => void submit(v)} initialValues={initial} style={{ maxWidth: 640 }}>
        <Space wrap align="start">
          <Form.Item name="host" label="服务器地址" style={{ width: 300 }} extra="留空则不发送邮件">
            <Input placeholder="例如 smtp.example.gov.cn" maxLength={253} />
          </Form.Item>
          <Form.Item name="port" label="端口" rules={[{ required: true, message: '请填写端口' }]}>
            <InputNumber min={1} max={65535} precision={0} style={{ width: 110 }} />
          </Form.Item>
        </Space>
        <Form.Item name="security" label="加密方式">
          <Radio.Group
            options={[
              { value: 'tls', label: 'SSL/TLS（通常 465 端口）' },
              { value: 'starttls', label: 'STARTTLS（通常 587 端口）' },
              { value: 'none', label: '不加密（仅限内网中继）' },
            ]}
          />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="user" label="登录用户名" style={{ width: 260 }}>
            <Input autoComplete="off" maxLength={200} />
          </Form.Item>
          <Form.Item name="password" label="登录密码" style={{ width: 260 }} extra={smtp.passwordSet ? '已设置；留空则保持不变' : '尚未设置'}>
            <Input.Password autoComplete="new-password" placeholder={smtp.passwordSet ? '••••••（不显示）' : ''} maxLength={200} />
          </Form.Item>
        </Space>
        {smtp.passwordSet && (
          <Form.Item name="clearPassword" valuePropName="checked">
            <Checkbox>清除已保存的密码</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="from" label="发件人" extra="例如：泗阳县政务公开办 <gongkai@example.gov.cn>">
          <Input maxLength={200} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.busy}>
          保存服务器设置
        </Button>
      </Form>
      <Space.Compact style={{ marginTop: 16, width: '100%', maxWidth: 480 }}>
        <Input placeholder="测试收件地址" value={testTo} onChange={(e) => setTestTo(e.target.value)} aria-label="测试收件地址" />
        <Button icon={<SendOutlined />} loading={test.busy} disabled={!testTo.trim()} onClick={() => void sendTest()}>
          发送测试邮件
        </Button>
      </Space.Compact>
    </Card>
  );
}

function DeliveryCard({ view }: { view: SettingsView }) {
  const { message } = App.useApp();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const paging = usePaging(10);
  const emails = useApi<Page<EmailRow>>(['notifications', 'emails'], '/api/v1/notifications/emails', { status, ...paging.limits }, { keepPrevious: true });
  const save = useSave({ toast: true });
  const retry = async (id: string) => {
    if (await save.run(() => post(`/api/v1/notifications/emails/${id}/retry`))) message.success('已重新排队，将在一分钟内发送');
  };
  const columns: TableColumnsType<EmailRow> = [
    { title: '日期', dataIndex: 'digestDate', width: 110 },
    { title: '用户', dataIndex: 'username', width: 130 },
    { title: '收件地址', dataIndex: 'to', width: 190 },
    { title: '事项', dataIndex: 'itemCount', width: 70 },
    { title: '状态', dataIndex: 'status', width: 150, render: (v: string) => <Tag color={MAIL_STATUS[v]?.color}>{MAIL_STATUS[v]?.label ?? v}</Tag> },
    { title: '尝试', dataIndex: 'attempts', width: 60 },
    {
      title: '说明',
      key: 'info',
      render: (_: unknown, r) =>
        r.status === 'sent' ? (
          `发送于 ${formatTime(r.sentAt)}`
        ) : r.lastError ? (
          <Typography.Text type="danger">
            {r.lastError}
            {r.nextAttemptAt ? `（下次 ${formatTime(r.nextAttemptAt)}）` : ''}
          </Typography.Text>
        ) : r.nextAttemptAt ? (
          `计划 ${formatTime(r.nextAttemptAt)}`
        ) : (
          '—'
        ),
    },
    {
      title: '',
      key: 'act',
      width: 90,
      render: (_: unknown, r) =>
        r.status === 'failed' || r.status === 'dead' ? (
          <Button size="small" onClick={() => void retry(r.id)}>
            重发
          </Button>
        ) : null,
    },
  ];
  const counts = Object.entries(view.mail)
    .map(([k, n]) => `${MAIL_STATUS[k]?.label ?? k} ${n}`)
    .join('，');
  return (
    <Card title="提醒邮件发送记录" extra={<Typography.Text type="secondary">{counts || '尚无邮件'}</Typography.Text>}>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 180 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            paging.setPage(1);
          }}
          options={Object.entries(MAIL_STATUS).map(([value, s]) => ({ value, label: s.label }))}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void emails.refetch()}>
          刷新
        </Button>
      </Space>
      <PagedTable<EmailRow>
        query={emails}
        what="提醒邮件发送记录"
        paging={paging}
        sizeChanger={false}
        rowKey="id"
        size="small"
        columns={columns}
        scroll={{ x: 900 }}
        empty="尚无提醒邮件"
      />
    </Card>
  );
}

function RunsCard({ view }: { view: SettingsView }) {
  const resultText = (r: Record<string, unknown> | null) =>
    r
      ? [
          `事项 ${r.items ?? 0}`,
          `新提醒 ${r.notificationsCreated ?? 0}`,
          `升级 ${r.escalations ?? 0}`,
          `邮件 ${r.digestsQueued ?? 0}`,
          r.usersWithoutAddress ? `${String(r.usersWithoutAddress)} 人未填邮箱` : '',
        ]
          .filter(Boolean)
          .join('，')
      : '—';
  return (
    <Card title="每日提醒执行记录">
      <Table
        rowKey={(r) => `${r.name}:${r.runKey}`}
        size="small"
        pagination={false}
        locale={{ emptyText: '尚未执行（到每日提醒时间后自动执行）' }}
        dataSource={view.runs.filter((r) => r.name === 'notifications.daily')}
        columns={[
          { title: '日期', dataIndex: 'runKey', width: 110 },
          { title: '状态', dataIndex: 'status', width: 130, render: (v: string) => <Tag color={RUN_STATUS[v]?.color}>{RUN_STATUS[v]?.label ?? v}</Tag> },
          { title: '开始', dataIndex: 'startedAt', width: 150, render: (v: string) => formatTime(v) },
          {
            title: '结果',
            key: 'r',
            render: (_: unknown, r) => (r.lastError ? <Typography.Text type="danger">{r.lastError}</Typography.Text> : resultText(r.result)),
          },
        ]}
      />
    </Card>
  );
}

/** 提醒与邮件设置 (county office): rules, SMTP server, runs and the delivery log. */
export function ReminderSettingsPage() {
  const settings = useApi<SettingsView>(['notifications', 'settings'], '/api/v1/notifications/settings');
  const roles = useApi<RoleList>(['org', 'roles'], '/api/v1/roles');
  return (
    <QueryState query={settings} what="提醒与邮件设置">
      {(view) => (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card>
            <Typography.Title level={3} style={{ margin: 0 }}>
              提醒与邮件设置
            </Typography.Title>
            <Typography.Text type="secondary">到期提醒、逾期升级督办和每日汇总邮件的规则，由县政府办统一设定。</Typography.Text>
          </Card>
          <LoadFailed query={roles} what="角色列表" />
          <RulesCard key={view.settings.updatedAt ?? 'default'} view={view} roles={roles.data?.items ?? []} />
          <SmtpCard key={view.smtp.updatedAt ?? 'default'} view={view} />
          <RunsCard view={view} />
          <DeliveryCard view={view} />
        </Space>
      )}
    </QueryState>
  );
}
