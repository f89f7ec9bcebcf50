import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { errorText, formatTime, patch, post, type Page } from '../../lib/http.ts';
import { LoadFailed, useApi } from '../../lib/query.tsx';
import { PagedTable, usePaging } from '../../lib/paged-table.tsx';
import { SecretModal, UnitSelect } from '../../lib/components.tsx';

import type { DeliveryView as Delivery, WebhookView as Webhook } from '../../../../../src/modules/publishing/feeds/webhooks.commands.ts';
import type { DeliveryStatus } from '../../../../../src/modules/publishing/feeds/webhooks.dispatch.ts';
import type { CreateWebhookBody, NewWebhook, WebhookList } from '../../../../../src/modules/publishing/feeds/webhooks.responses.ts';
import type { WebhookEventType } from '../../../../../src/modules/publishing/feeds/webhooks.events.ts';

/**
 * The admin's words for each event an endpoint can subscribe to: one entry per the server's WebhookEventType, so an
 * event added on the server does not compile here until it has its label (the list of events itself is the server's).
 */
const EVENT_TEXT: Record<WebhookEventType, { label: string; hint: string; color: string }> = {
  'disclosure.published': { label: '发布', hint: '新公开的内容（含到点自动发布）', color: 'green' },
  'disclosure.corrected': { label: '更正', hint: '已公开内容更正后', color: 'orange' },
  'disclosure.withdrawn': { label: '撤回', hint: '已公开内容撤回后（接收方应下架）', color: 'red' },
};
const EVENTS = (Object.keys(EVENT_TEXT) as WebhookEventType[]).map((value) => ({ value, ...EVENT_TEXT[value] }));
const EVENT_LABEL: Record<string, string> = { ...Object.fromEntries(EVENTS.map((e) => [e.value, e.label])), ping: '测试' };
const EVENT_COLOR: Record<string, string> = { ...Object.fromEntries(EVENTS.map((e) => [e.value, e.color])), ping: 'default' };

const STATUS: Record<DeliveryStatus, { label: string; color: string }> = {
  pending: { label: '待发送', color: 'default' },
  delivering: { label: '发送中', color: 'processing' },
  delivered: { label: '已送达', color: 'success' },
  failed: { label: '重试中', color: 'warning' },
  dead: { label: '失败', color: 'error' },
};

function DeliveryDrawer({ hook, onClose, onChanged }: { hook: Webhook | null; onClose: () => void; onChanged: () => void }) {
  const { message } = App.useApp();
  const [status, setStatus] = useState<DeliveryStatus | undefined>(undefined);
  const paging = usePaging();
  const setPage = paging.setPage;
  const id = hook?.id;
  const deliveries = useApi<Page<Delivery>>(
    ['publishing', 'webhook-deliveries'],
    id ? `/api/v1/webhooks/${id}/deliveries` : null,
    { status, ...paging.limits },
    { keepPrevious: true },
  );
  const load = deliveries.refetch;

  useEffect(() => {
    setStatus(undefined);
    setPage(1);
  }, [id]);

  const retry = async (d: Delivery) => {
    try {
      await post<Delivery>(`/api/v1/webhooks/${id}/deliveries/${d.id}/retry`);
      message.success('已重新排队，稍后自动发送');
      onChanged();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const columns: TableColumnsType<Delivery> = [
    { title: '时间', dataIndex: 'createdAt', width: 140, render: (v: string) => formatTime(v) },
    { title: '事件', dataIndex: 'eventType', width: 70, render: (v: string) => <Tag color={EVENT_COLOR[v]}>{EVENT_LABEL[v] ?? v}</Tag> },
    { title: '状态', dataIndex: 'status', width: 80, render: (v: DeliveryStatus) => <Tag color={STATUS[v]?.color}>{STATUS[v]?.label ?? v}</Tag> },
    { title: '次数', dataIndex: 'attempts', width: 56, align: 'right' },
    { title: '状态码', dataIndex: 'lastStatusCode', width: 70, render: (v: number | null) => v ?? '—' },
    {
      title: '最近错误',
      dataIndex: 'lastError',
      render: (v: string | null) =>
        v ? (
          <Typography.Text type="danger" style={{ wordBreak: 'break-all' }}>
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: '下次发送',
      dataIndex: 'nextAttemptAt',
      width: 140,
      render: (v: string | null, d) => (d.status === 'failed' || d.status === 'pending' ? formatTime(v) : '—'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, d) =>
        d.status === 'failed' || d.status === 'dead' ? (
          <Button size="small" onClick={() => void retry(d)}>
            重新发送
          </Button>
        ) : null,
    },
  ];

  return (
    <Drawer open={!!hook} onClose={onClose} title={hook ? `推送记录 · ${hook.name}` : '推送记录'} size={960} destroyOnHidden>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label="按状态筛选"
          allowClear
          placeholder="全部状态"
          value={status}
          onChange={(v: DeliveryStatus | undefined) => {
            setPage(1);
            setStatus(v);
          }}
          options={(Object.keys(STATUS) as DeliveryStatus[]).map((s) => ({ value: s, label: STATUS[s].label }))}
          style={{ width: 140 }}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          刷新
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">
        每条公开内容的发布、更正、撤回各推送一次；对方没有成功接收（未返回 2xx）时系统会自动重试，多次仍失败的记为“失败”，可点“重新发送”。
      </Typography.Paragraph>
      <PagedTable<Delivery>
        query={deliveries}
        what="推送记录"
        paging={paging}
        rowKey="id"
        size="small"
        columns={columns}
        locale={{ emptyText: '还没有推送记录' }}
      />
    </Drawer>
  );
}

export function WebhooksPage() {
  const { message, modal } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [logFor, setLogFor] = useState<Webhook | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const [form] = Form.useForm<CreateWebhookBody>();

  const hooks = useApi<WebhookList>(['publishing', 'webhooks'], '/api/v1/webhooks');
  const items = hooks.data?.items ?? [];
  const load = hooks.refetch;

  const openCreate = () => {
    form.resetFields();
    form.setFieldsValue({ events: EVENTS.map((e) => e.value) });
    setCreating(true);
  };

  const submitCreate = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const body: CreateWebhookBody = {
        name: v.name.trim(),
        url: v.url.trim(),
        events: v.events,
        unitScope: v.unitScope,
      };
      const res = await post<NewWebhook>('/api/v1/webhooks', body);
      setCreating(false);
      setSecret({ name: res.webhook.name, value: res.secret });
      message.success(`已新增推送地址：${res.webhook.name}`);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const toggleActive = (w: Webhook) => {
    const stopping = w.active;
    modal.confirm({
      title: stopping ? `停用推送地址「${w.name}」？` : `启用推送地址「${w.name}」？`,
      content: stopping
        ? '停用后不再向该地址推送，也不再产生新的推送记录；已有推送记录保留。'
        : '启用后，之后发布、更正、撤回的内容会推送到该地址（停用期间的事件不会补发）。',
      okText: stopping ? '停用' : '启用',
      okButtonProps: { danger: stopping },
      cancelText: '取消',
      onOk: async () => {
        try {
          await patch<Webhook>(`/api/v1/webhooks/${w.id}`, { active: !stopping });
          message.success(stopping ? '已停用' : '已启用');
        } catch (err) {
          message.error(errorText(err));
        }
      },
    });
  };

  const sendTest = async (w: Webhook) => {
    setTesting(w.id);
    try {
      const d = await post<Delivery>(`/api/v1/webhooks/${w.id}/test`);
      const okay = d.status === 'delivered';
      const body = (
        <Space orientation="vertical" size={4}>
          <span>接收地址：{w.url}</span>
          <span>对方返回的状态码：{d.lastStatusCode ?? '无（未连上）'}</span>
          {d.lastError && <Typography.Text type="danger">错误：{d.lastError}</Typography.Text>}
          <Typography.Text type="secondary">这次测试已记入推送记录。</Typography.Text>
        </Space>
      );
      if (okay) modal.success({ title: '测试推送已送达', content: body, okText: '知道了' });
      else modal.error({ title: '测试推送没有送达', content: body, okText: '知道了' });
      void load();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setTesting(null);
    }
  };

  const columns: TableColumnsType<Webhook> = [
    {
      title: '名称 / 接收地址',
      dataIndex: 'name',
      render: (_, w) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{w.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
            {w.url}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '推送事件',
      dataIndex: 'events',
      width: 170,
      render: (events: string[]) => (
        <Space wrap size={[4, 4]}>
          {events.map((e) => (
            <Tag key={e} color={EVENT_COLOR[e]}>
              {EVENT_LABEL[e] ?? e}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: '推送范围', dataIndex: 'unitScope', width: 150, render: (s: Webhook['unitScope']) => <span>{s.name}及下级单位</span> },
    { title: '状态', dataIndex: 'active', width: 80, render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>) },
    {
      title: '推送情况',
      dataIndex: 'deliveries',
      width: 130,
      render: (d: Webhook['deliveries']) => (
        <Space wrap size={[4, 4]}>
          <Tag color="success">已送达 {d.delivered}</Tag>
          {d.pending + d.delivering > 0 && <Tag>待发送 {d.pending + d.delivering}</Tag>}
          {d.failed > 0 && <Tag color="warning">重试中 {d.failed}</Tag>}
          {d.dead > 0 && <Tag color="error">失败 {d.dead}</Tag>}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 240,
      render: (_, w) => (
        <Space wrap size={4}>
          <Button size="small" onClick={() => setLogFor(w)}>
            推送记录
          </Button>
          <Button size="small" disabled={!w.active} loading={testing === w.id} onClick={() => void sendTest(w)}>
            发送测试
          </Button>
          <Button size="small" danger={w.active} onClick={() => toggleActive(w)}>
            {w.active ? '停用' : '启用'}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title="数据推送（Webhook）"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            刷新
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={openCreate}>
            新增推送地址
          </Button>
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="什么是数据推送"
        description={
          <>
            内容一经发布、更正或撤回，系统就自动把公开版本（已遮盖个人信息）发送到这里登记的接收地址，例如同步到“我的泗阳APP”数字乡村模块、微信公众号工具等，对方不必反复来网站抓取。每次推送都带有签名，对方用新增时显示的签名密钥核对来源。
          </>
        }
      />
      <LoadFailed query={hooks} what="推送地址" style={{ marginBottom: 16 }} />
      <Table<Webhook>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={hooks.isFetching}
        pagination={false}
        locale={{ emptyText: '还没有登记推送地址' }}
        scroll={{ x: 900 }}
      />

      <Modal
        open={creating}
        title="新增推送地址"
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void submitCreate()}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" requiredMark="optional">
          <Form.Item
            name="name"
            label="名称"
            rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 200 }]}
            extra="便于识别，如“我的泗阳APP·数字乡村”"
          >
            <Input placeholder="接收系统的名称" />
          </Form.Item>
          <Form.Item
            name="url"
            label="接收地址"
            rules={[
              { required: true, whitespace: true, message: '请填写接收地址' },
              { pattern: /^https?:\/\/\S+$/i, message: '须以 http:// 或 https:// 开头' },
            ]}
            extra="由接收方提供；建议使用 https。内网地址不能使用。"
          >
            <Input placeholder="https://" inputMode="url" />
          </Form.Item>
          <Form.Item name="events" label="推送哪些事件" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个事件' }]}>
            <Checkbox.Group>
              <Space orientation="vertical" size={4}>
                {EVENTS.map((e) => (
                  <Checkbox key={e.value} value={e.value}>
                    {e.label} <Typography.Text type="secondary">（{e.hint}）</Typography.Text>
                  </Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
          </Form.Item>
          <Form.Item
            name="unitScope"
            label="推送范围"
            rules={[{ required: true, message: '请选择单位' }]}
            extra="只推送该单位及其下级单位的内容；选县政府即全县。"
          >
            <UnitSelect />
          </Form.Item>
        </Form>
      </Modal>

      <SecretModal
        open={!!secret}
        title={`「${secret?.name ?? ''}」的签名密钥`}
        label="请交给接收方的技术人员，用于核对每次推送的 x-gongkai-signature 签名"
        secret={secret?.value ?? null}
        warning="签名密钥只显示这一次，关闭后无法再次查看。请立即复制，通过安全方式交给接收方，不要发到群聊里。"
        onClose={() => setSecret(null)}
      />
      <DeliveryDrawer hook={logFor} onClose={() => setLogFor(null)} onChanged={() => void load()} />
    </Card>
  );
}
