/** Reminders in the admin SPA: the header bell, the to-do/notifications page and the county office's settings. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Badge, Button, Card, Checkbox, Empty, Form, Input, InputNumber, List, Popover, Radio, Segmented, Select, Skeleton, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { BellOutlined, CheckOutlined, MailOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { errorText, formatTime, get, post, put } from '../../lib/http.ts';
import { navigate } from '../../lib/router.ts';

export type NotifyState = 'due-soon' | 'overdue' | 'escalated' | 'escalated-county';
/** Inbox rows are reminders or, for the county office, security alerts (state `alert`, e.g. a sign-in alarm). */
type InboxState = NotifyState | 'alert';

export interface NotificationRow {
  id: string;
  itemKey: string;
  state: InboxState;
  stateLabel: string;
  unitCode: string;
  unitName: string;
  kind: string;
  title: string;
  dueDate: string;
  overdueWorkingDays: number;
  link: string;
  createdAt: string;
  readAt: string | null;
}

export interface TodoRow {
  key: string;
  unitCode: string;
  unitName: string;
  kind: string;
  title: string;
  dueDate: string;
  status: 'due-soon' | 'overdue';
  state: NotifyState;
  stateLabel: string;
  overdueWorkingDays: number;
  link: string;
}

const STATE_COLOR: Record<InboxState, string> = { 'due-soon': 'blue', overdue: 'red', escalated: 'volcano', 'escalated-county': 'magenta', alert: 'gold' };

/** Kinds of reminders by module (ReminderItem.kind); unknown kinds show as 其他. */
const KIND_LABEL: Record<string, string> = {
  obligation: '应公开事项',
  'info-request.answer': '依申请公开答复',
  'info-request.clarification': '依申请补正告知',
  rectification: '整改工单',
  security: '安全提醒',
};
const kindLabel = (k: string) => KIND_LABEL[k] ?? KIND_LABEL[k.split('.')[0]] ?? '其他';

/** Links are admin paths (`/admin/…`); inside the SPA they are routes. */
export function openLink(link: string): void {
  // Same-origin paths only ("//host" would leave the site).
  if (!link.startsWith('/') || link.startsWith('//')) return;
  if (link.startsWith('/admin/')) navigate(link.slice('/admin'.length));
  else window.location.assign(link);
}

function whenText(r: { status: string; dueDate: string; overdueWorkingDays: number }): string {
  return r.status === 'overdue' || r.overdueWorkingDays > 0 ? `截止 ${r.dueDate}，已逾期 ${r.overdueWorkingDays} 个工作日` : `截止 ${r.dueDate}`;
}

/** The bell in the header: unread count (refreshed every minute) and the latest notifications. */
export function NotificationBell() {
  const { message } = App.useApp();
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<NotificationRow[] | null>(null);

  const refreshCount = useCallback(async () => {
    try {
      setUnread((await get<{ unread: number }>('/api/v1/notifications/unread-count')).unread);
    } catch {
      // The count is a hint; the page shows errors.
    }
  }, []);
  useEffect(() => {
    void refreshCount();
    const timer = setInterval(() => void refreshCount(), 60_000);
    return () => clearInterval(timer);
  }, [refreshCount]);

  const loadList = async () => {
    try {
      const res = await get<{ items: NotificationRow[]; unread: number }>('/api/v1/notifications', { limit: 8 });
      setItems(res.items);
      setUnread(res.unread);
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const openItem = async (n: NotificationRow) => {
    setOpen(false);
    if (!n.readAt) {
      try {
        await post(`/api/v1/notifications/${n.id}/read`);
        setUnread((u) => Math.max(0, u - 1));
      } catch {
        // Opening the item matters more than the read mark.
      }
    }
    openLink(n.link);
  };

  const readAll = async () => {
    try {
      await post('/api/v1/notifications/read-all');
      setUnread(0);
      await loadList();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const content = (
    <div style={{ width: 360, maxWidth: '80vw' }}>
      {items === null ? (
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
                    <div>{n.state === 'alert' ? `发生于 ${formatTime(n.createdAt)}` : whenText({ status: n.overdueWorkingDays > 0 ? 'overdue' : 'due-soon', dueDate: n.dueDate, overdueWorkingDays: n.overdueWorkingDays })}</div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }}>
        <Button size="small" icon={<CheckOutlined />} disabled={unread === 0} onClick={() => void readAll()}>
          全部标为已读
        </Button>
        <Button
          size="small"
          type="link"
          onClick={() => {
            setOpen(false);
            navigate('/reminders');
          }}
        >
          查看全部待办和提醒
        </Button>
      </Space>
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title="消息提醒"
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) void loadList();
      }}
      content={content}
    >
      <Button type="text" aria-label={unread ? `消息提醒，${unread} 条未读` : '消息提醒'} style={{ paddingInline: 8 }}>
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}

function TodoTab({ supervisor }: { supervisor: boolean }) {
  const [scope, setScope] = useState<'mine' | 'subtree'>('mine');
  const [data, setData] = useState<{ asOf: string; dueSoonWorkingDays: number; items: TodoRow[]; failedModules: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setError(null);
    setData(null);
    try {
      setData(await get('/api/v1/reminders', { scope }));
    } catch (err) {
      setError(errorText(err));
    }
  }, [scope]);
  useEffect(() => {
    void load();
  }, [load]);

  const groups: { title: string; rows: TodoRow[]; danger?: boolean }[] = data
    ? [
        { title: '下级单位逾期（督办）', rows: data.items.filter((i) => i.state === 'escalated' || i.state === 'escalated-county'), danger: true },
        { title: '已逾期，请尽快办理', rows: data.items.filter((i) => i.state === 'overdue'), danger: true },
        { title: `即将到期（${data.dueSoonWorkingDays} 个工作日内）`, rows: data.items.filter((i) => i.state === 'due-soon') },
      ]
    : [];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        {supervisor ? (
          <Segmented
            value={scope}
            onChange={(v) => setScope(v as 'mine' | 'subtree')}
            options={[
              { value: 'mine', label: '本单位及督办' },
              { value: 'subtree', label: '管辖范围内全部单位' },
            ]}
          />
        ) : (
          <span />
        )}
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          刷新
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {data?.failedModules.length ? <Alert type="warning" showIcon title="部分模块的提醒暂时无法读取，列表可能不完整，请稍后刷新。" /> : null}
      {!data && !error ? <Skeleton active /> : null}
      {data && data.items.length === 0 && <Empty description={`截至 ${data.asOf}，没有即将到期或已逾期的事项`} />}
      {groups
        .filter((g) => g.rows.length > 0)
        .map((g) => (
          <Card
            key={g.title}
            size="small"
            title={
              <Space>
                <span style={{ fontSize: 16, color: g.danger ? '#cf1322' : undefined }}>{g.title}</span>
                <Badge count={g.rows.length} overflowCount={999} color={g.danger ? '#cf1322' : '#1677ff'} />
              </Space>
            }
          >
            <List
              dataSource={g.rows}
              pagination={g.rows.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
              renderItem={(r) => (
                <List.Item
                  actions={[
                    <Button key="go" type="primary" danger={r.status === 'overdue'} onClick={() => openLink(r.link)}>
                      去办理
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap size={6}>
                        <span>{r.title}</span>
                        <Tag>{kindLabel(r.kind)}</Tag>
                      </Space>
                    }
                    description={
                      <Typography.Text type={r.status === 'overdue' ? 'danger' : undefined}>
                        {r.unitName} · {whenText(r)}
                      </Typography.Text>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        ))}
    </Space>
  );
}

function InboxTab() {
  const { message } = App.useApp();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ total: number; unread: number; items: NotificationRow[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pageSize = 20;
  const load = useCallback(async () => {
    setError(null);
    try {
      setData(await get('/api/v1/notifications', { unread: unreadOnly || undefined, limit: pageSize, offset: (page - 1) * pageSize }));
    } catch (err) {
      setError(errorText(err));
    }
  }, [unreadOnly, page]);
  useEffect(() => {
    void load();
  }, [load]);

  const markRead = async (n: NotificationRow) => {
    try {
      await post(`/api/v1/notifications/${n.id}/read`);
      await load();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const readAll = async () => {
    try {
      const r = await post<{ updated: number }>('/api/v1/notifications/read-all');
      message.success(r.updated ? `已将 ${r.updated} 条提醒标为已读` : '没有未读提醒');
      await load();
    } catch (err) {
      message.error(errorText(err));
    }
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
          <Typography.Text type="secondary">{r.state === 'alert' ? kindLabel(r.kind) : whenText({ status: r.overdueWorkingDays > 0 ? 'overdue' : 'due-soon', dueDate: r.dueDate, overdueWorkingDays: r.overdueWorkingDays })}</Typography.Text>
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
          <Button size="small" onClick={() => void markRead(r)}>
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
        <Button icon={<CheckOutlined />} onClick={() => void readAll()} disabled={!data?.unread}>
          全部标为已读
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={!data && !error}
        scroll={{ x: 760 }}
        locale={{ emptyText: '暂无提醒' }}
        pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
      />
    </Space>
  );
}

function MailPreferencesTab() {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ email: string; emailDigest: boolean }>();
  const [info, setInfo] = useState<{ mailAvailable: boolean; digestHour: number } | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void (async () => {
      try {
        const p = await get<{ email: string | null; emailDigest: boolean; mailAvailable: boolean; digestHour: number }>('/api/v1/notifications/preferences');
        form.setFieldsValue({ email: p.email ?? '', emailDigest: p.emailDigest });
        setInfo({ mailAvailable: p.mailAvailable, digestHour: p.digestHour });
      } catch (err) {
        setError(errorText(err));
      }
    })();
  }, [form]);
  const save = async (v: { email: string; emailDigest: boolean }) => {
    setSaving(true);
    setError(null);
    try {
      await put('/api/v1/notifications/preferences', { email: v.email.trim() || null, emailDigest: v.emailDigest });
      message.success('提醒设置已保存');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 560 }}>
      {info && !info.mailAvailable && <Alert type="info" showIcon title="县政府办尚未开通提醒邮件，目前只在系统内提醒。您仍可先填写邮箱。" />}
      {info?.mailAvailable && <Alert type="info" showIcon title={`每日约 ${info.digestHour} 点（北京时间）发送一封汇总邮件，列出新增和仍未办理的事项；没有待办时不发。`} />}
      {error && <Alert type="error" showIcon title={error} />}
      {/* The form appears once the saved values are in, so nothing typed is overwritten by them. */}
      {!info && !error && <Skeleton active paragraph={{ rows: 3 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ email: '', emailDigest: true }} style={info ? undefined : { display: 'none' }}>
        <Form.Item name="email" label="接收提醒的电子邮箱" extra="只用于发送本系统的提醒邮件。">
          <Input type="email" placeholder="例如 zhangsan@example.gov.cn" maxLength={120} autoComplete="email" />
        </Form.Item>
        <Form.Item name="emailDigest" label="每日提醒邮件" valuePropName="checked">
          <Switch checkedChildren="接收" unCheckedChildren="不接收" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} icon={<MailOutlined />}>
          保存
        </Button>
      </Form>
    </Space>
  );
}

/** 待办与提醒: what my units owe soon or late (every module), my notifications, my e-mail settings. */
export function RemindersPage({ supervisor }: { supervisor: boolean }) {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ margin: 0 }}>
          待办与提醒
        </Typography.Title>
        <Typography.Text type="secondary">您所在单位即将到期和已逾期的事项；逾期较久的下级单位事项会提醒上级督办。</Typography.Text>
      </Card>
      <Card>
        <Tabs
          items={[
            { key: 'todo', label: '待办事项', children: <TodoTab supervisor={supervisor} /> },
            { key: 'inbox', label: '消息提醒', children: <InboxTab /> },
            { key: 'mail', label: '邮件提醒设置', children: <MailPreferencesTab /> },
          ]}
        />
      </Card>
    </Space>
  );
}

// ---------------------------------------------------------------- the county office's settings

interface ReminderSettings {
  dueSoonWorkingDays: number;
  escalateToParentAfter: number | null;
  escalateToCountyAfter: number | null;
  digestHour: number;
  emailDigest: boolean;
  recipientRoles: string[];
  updatedAt?: string | null;
}
interface SmtpView {
  host: string | null;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  user: string | null;
  passwordSet: boolean;
  from: string | null;
  source: 'settings' | 'env' | 'none';
  updatedAt: string | null;
}
interface SettingsView {
  settings: ReminderSettings;
  smtp: SmtpView;
  mail: Record<string, number>;
  runs: { name: string; runKey: string; status: string; attempts: number; startedAt: string; finishedAt: string | null; result: Record<string, unknown> | null; lastError: string | null }[];
}
interface EmailRow {
  id: string;
  digestDate: string;
  username: string;
  to: string;
  subject: string;
  itemCount: number;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  sentAt: string | null;
}

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

function RulesCard({ view, roles, onSaved }: { view: SettingsView; roles: { id: string; label: string }[]; onSaved: (v: SettingsView) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ReminderSettings & { parentOn: boolean; countyOn: boolean }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const parentOn = Form.useWatch('parentOn', form);
  const countyOn = Form.useWatch('countyOn', form);
  useEffect(() => {
    const s = view.settings;
    form.setFieldsValue({ ...s, parentOn: s.escalateToParentAfter !== null, countyOn: s.escalateToCountyAfter !== null, escalateToParentAfter: s.escalateToParentAfter ?? 5, escalateToCountyAfter: s.escalateToCountyAfter ?? 20 });
  }, [view, form]);
  const save = async (v: ReminderSettings & { parentOn: boolean; countyOn: boolean }) => {
    setSaving(true);
    setError(null);
    try {
      const body = {
        dueSoonWorkingDays: v.dueSoonWorkingDays,
        escalateToParentAfter: v.parentOn ? v.escalateToParentAfter : null,
        escalateToCountyAfter: v.parentOn && v.countyOn ? v.escalateToCountyAfter : null,
        digestHour: v.digestHour,
        emailDigest: v.emailDigest,
        recipientRoles: v.recipientRoles,
      };
      onSaved(await put<SettingsView>('/api/v1/notifications/settings', body));
      message.success('提醒规则已保存，下次每日提醒起生效');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title="提醒规则" extra={view.settings.updatedAt ? <Typography.Text type="secondary">上次修改 {formatTime(view.settings.updatedAt)}</Typography.Text> : <Typography.Text type="secondary">使用默认值</Typography.Text>}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} style={{ maxWidth: 640 }}>
        <Form.Item label="“即将到期”提醒" required extra="到期日前这么多个工作日起提醒（按法定工作日历计算，默认 3 个工作日）。督查看板上的“即将到期”也按这个天数判断。">
          <Space>
            到期前
            <Form.Item name="dueSoonWorkingDays" noStyle rules={[{ required: true, message: '请填写天数' }]}>
              <InputNumber min={1} max={20} precision={0} style={{ width: 90 }} aria-label="即将到期提前工作日数" />
            </Form.Item>
            个工作日
          </Space>
        </Form.Item>
        <Form.Item label="逾期升级督办" extra="升级天数由县政府办根据本县考核要求确定，并非法定期限。升级后，上级单位（或县政府办）的人员也会收到提醒，并记入审计日志。">
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
                <InputNumber min={1} max={120} precision={0} disabled={!parentOn || !countyOn} style={{ width: 90 }} aria-label="升级到县政府办的逾期工作日数" />
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
        <Button type="primary" htmlType="submit" loading={saving}>
          保存提醒规则
        </Button>
      </Form>
    </Card>
  );
}

function SmtpCard({ view, onSaved }: { view: SettingsView; onSaved: (v: SettingsView) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ host: string; port: number; security: SmtpView['security']; user: string; password: string; clearPassword: boolean; from: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [testTo, setTestTo] = useState('');
  const [testing, setTesting] = useState(false);
  const smtp = view.smtp;
  useEffect(() => {
    form.setFieldsValue({ host: smtp.host ?? '', port: smtp.port, security: smtp.security, user: smtp.user ?? '', password: '', clearPassword: false, from: smtp.from ?? '' });
  }, [smtp, form]);
  const save = async (v: { host: string; port: number; security: SmtpView['security']; user: string; password: string; clearPassword: boolean; from: string }) => {
    setSaving(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { host: v.host.trim() || null, port: v.port, security: v.security, user: v.user.trim() || null, from: v.from.trim() || null };
      if (v.clearPassword) body.password = null;
      else if (v.password) body.password = v.password;
      onSaved(await put<SettingsView>('/api/v1/notifications/smtp', body));
      message.success('邮件服务器设置已保存');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };
  const sendTest = async () => {
    setTesting(true);
    try {
      await post('/api/v1/notifications/smtp/test', { to: testTo.trim() });
      message.success('测试邮件已发出，请到收件箱查看');
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setTesting(false);
    }
  };
  const source = { settings: '本页面保存的设置', env: '服务器环境变量（GONGKAI_SMTP_*）', none: '尚未设置' }[smtp.source];
  return (
    <Card title="发信邮件服务器（SMTP）" extra={<Typography.Text type="secondary">当前使用：{source}</Typography.Text>}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} style={{ maxWidth: 640 }}>
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
        <Button type="primary" htmlType="submit" loading={saving}>
          保存服务器设置
        </Button>
      </Form>
      <Space.Compact style={{ marginTop: 16, width: '100%', maxWidth: 480 }}>
        <Input placeholder="测试收件地址" value={testTo} onChange={(e) => setTestTo(e.target.value)} aria-label="测试收件地址" />
        <Button icon={<SendOutlined />} loading={testing} disabled={!testTo.trim()} onClick={() => void sendTest()}>
          发送测试邮件
        </Button>
      </Space.Compact>
    </Card>
  );
}

function DeliveryCard({ view, onChanged }: { view: SettingsView; onChanged: () => void }) {
  const { message } = App.useApp();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ total: number; items: EmailRow[] } | null>(null);
  const pageSize = 10;
  const load = useCallback(async () => {
    try {
      setData(await get('/api/v1/notifications/emails', { status, limit: pageSize, offset: (page - 1) * pageSize }));
    } catch (err) {
      message.error(errorText(err));
    }
  }, [status, page, message]);
  useEffect(() => {
    void load();
  }, [load]);
  const retry = async (id: string) => {
    try {
      await post(`/api/v1/notifications/emails/${id}/retry`);
      message.success('已重新排队，将在一分钟内发送');
      await load();
      onChanged();
    } catch (err) {
      message.error(errorText(err));
    }
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
        r.status === 'sent' ? `发送于 ${formatTime(r.sentAt)}` : r.lastError ? <Typography.Text type="danger">{r.lastError}{r.nextAttemptAt ? `（下次 ${formatTime(r.nextAttemptAt)}）` : ''}</Typography.Text> : r.nextAttemptAt ? `计划 ${formatTime(r.nextAttemptAt)}` : '—',
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
            setPage(1);
          }}
          options={Object.entries(MAIL_STATUS).map(([value, s]) => ({ value, label: s.label }))}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          刷新
        </Button>
      </Space>
      <Table rowKey="id" size="small" columns={columns} dataSource={data?.items ?? []} loading={!data} scroll={{ x: 900 }} locale={{ emptyText: '尚无提醒邮件' }} pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage }} />
    </Card>
  );
}

function RunsCard({ view }: { view: SettingsView }) {
  const resultText = (r: Record<string, unknown> | null) =>
    r ? [`事项 ${r.items ?? 0}`, `新提醒 ${r.notificationsCreated ?? 0}`, `升级 ${r.escalations ?? 0}`, `邮件 ${r.digestsQueued ?? 0}`, r.usersWithoutAddress ? `${String(r.usersWithoutAddress)} 人未填邮箱` : ''].filter(Boolean).join('，') : '—';
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
          { title: '结果', key: 'r', render: (_: unknown, r) => (r.lastError ? <Typography.Text type="danger">{r.lastError}</Typography.Text> : resultText(r.result)) },
        ]}
      />
    </Card>
  );
}

/** 提醒与邮件设置 (county office): rules, SMTP server, runs and the delivery log. */
export function ReminderSettingsPage() {
  const [view, setView] = useState<SettingsView | null>(null);
  const [roles, setRoles] = useState<{ id: string; label: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const [v, r] = await Promise.all([get<SettingsView>('/api/v1/notifications/settings'), get<{ items: { id: string; label: string }[] }>('/api/v1/roles')]);
      setView(v);
      setRoles(r.items);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!view) return <Skeleton active />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ margin: 0 }}>
          提醒与邮件设置
        </Typography.Title>
        <Typography.Text type="secondary">到期提醒、逾期升级督办和每日汇总邮件的规则，由县政府办统一设定。</Typography.Text>
      </Card>
      <RulesCard view={view} roles={roles} onSaved={setView} />
      <SmtpCard view={view} onSaved={setView} />
      <RunsCard view={view} />
      <DeliveryCard view={view} onChanged={() => void load()} />
    </Space>
  );
}
