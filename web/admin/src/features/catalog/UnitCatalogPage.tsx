import { useMemo, useState } from 'react';
import { chinaToday } from '../../lib/china-day.ts';
import {
  Alert,
  App,
  Badge,
  Button,
  Calendar,
  Card,
  Col,
  Collapse,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Switch,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { CalendarOutlined, PlusOutlined, ReloadOutlined, UnorderedListOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { del, formatTime, post, put } from '../../lib/http.ts';
import { LoadFailed, useApi } from '../../lib/query.tsx';
import { useSave } from '../../lib/save.tsx';
import { useSession } from '../../lib/session.ts';
import { OwnUnitPicker } from '../publishing/shared.tsx';
import {
  CATALOG_LABELS,
  Channels,
  EVENT_KINDS,
  ItemDetailDrawer,
  ItemFormDrawer,
  itemName,
  useDomains,
  type CatalogItem,
  type ItemBody,
  type UnitCatalog,
} from './shared.tsx';
import type { Obligation } from '../../../../../src/modules/catalog/obligations.ts';

const EDITOR_ROLES = new Set(['unit_officer', 'unit_reviewer', 'village_clerk', 'county_admin']);
const today = () => chinaToday().format('YYYY-MM-DD');

/** The units the user may pick: for a county admin any unit (search); otherwise the units of their roles and the units directly below. */
export function UnitPicker({ value, onChange }: { value?: string; onChange: (code: string) => void }) {
  return <OwnUnitPicker id="unit-pick" value={value} onChange={(code) => code && onChange(code)} />;
}

function monthTitle(ym: string) {
  return `${Number(ym.slice(0, 4))} 年 ${Number(ym.slice(5, 7))} 月`;
}

function DueDate({ date }: { date: string }) {
  const past = date < today();
  return (
    <Typography.Text type={past ? 'danger' : undefined} strong={past}>
      {date}（{dayjs(date).format('ddd')}）{past ? ' 已过截止日' : ''}
    </Typography.Text>
  );
}

function Provisional({ o }: { o: Obligation }) {
  if (!o.provisional) return null;
  return (
    <Tooltip title={o.reasons.join('；') || '相关年度的节假日安排未录入'}>
      <Tag color="orange">暂定</Tag>
    </Tooltip>
  );
}

function ObligationsPanel({ unit, catalogItems, canEdit }: { unit: UnitCatalog; catalogItems: CatalogItem[]; canEdit: boolean }) {
  const { message } = App.useApp();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [chinaToday().startOf('month'), chinaToday().add(3, 'month').endOf('month')]);
  const read = useApi<Obligation[]>(
    ['catalog', 'obligations'],
    `/api/v1/units/${encodeURIComponent(unit.unitCode)}/obligations`,
    { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') },
    { keepPrevious: true },
  );
  const list = useMemo(() => [...(read.data ?? [])].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.itemName.localeCompare(b.itemName)), [read.data]);
  const [view, setView] = useState<'list' | 'calendar'>('list');
  const [month, setMonth] = useState<Dayjs>(() => chinaToday());
  const [eventForm] = Form.useForm<{ itemId: string; occurredOn: Dayjs; title: string }>();
  const save = useSave({ toast: true });

  const byMonth = useMemo(() => {
    const m = new Map<string, Obligation[]>();
    for (const o of list) m.set(o.dueDate.slice(0, 7), [...(m.get(o.dueDate.slice(0, 7)) ?? []), o]);
    return [...m.entries()];
  }, [list]);
  const byDay = useMemo(() => {
    const m = new Map<string, Obligation[]>();
    for (const o of list) m.set(o.dueDate, [...(m.get(o.dueDate) ?? []), o]);
    return m;
  }, [list]);

  const eventItems = catalogItems.filter((i) => EVENT_KINDS.has(String(i.timeRule.kind)));

  const record = async () => {
    let v;
    try {
      v = await eventForm.validateFields();
    } catch {
      return;
    }
    const body = { itemId: v.itemId, occurredOn: v.occurredOn.format('YYYY-MM-DD'), title: v.title.trim() };
    if (await save.run(() => post(`/api/v1/units/${encodeURIComponent(unit.unitCode)}/events`, body))) {
      message.success('已登记，公开期限已列入下方清单');
      eventForm.resetFields(['title']);
      // The list refetches by itself; a date outside the shown months moves the range to it.
      const d = v.occurredOn;
      if (d.isBefore(range[0]) || d.add(2, 'month').isAfter(range[1])) setRange([d.startOf('month'), d.add(3, 'month').endOf('month')]);
    }
  };

  const columns: TableColumnsType<Obligation> = [
    { title: '事项', dataIndex: 'itemName' },
    { title: '期次 / 事由', dataIndex: 'periodLabel', width: 200 },
    {
      title: '截止日期',
      dataIndex: 'dueDate',
      width: 230,
      render: (d: string, o) => (
        <Space size={4}>
          <DueDate date={d} />
          <Provisional o={o} />
        </Space>
      ),
    },
    { title: '公示至少至', key: 'until', width: 170, render: (_, o) => o.displayUntilAtLeast ?? o.displayUntilText ?? '—' },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {canEdit && (
        <Card size="small" title="登记事项发生">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            “信息形成后××个工作日内”“即时公开”“长期公开”这类事项，要在事情发生（文件形成、批准、会议召开、信息变更）后登记，系统据此算出公开期限。按月、按季度定期公开的事项会自动列出，不用登记。
          </Typography.Paragraph>
          {eventItems.length === 0 ? (
            <Typography.Text type="secondary">本单位目录中没有需要登记的事项。</Typography.Text>
          ) : (
            <Form
              form={eventForm}
              name="event"
              layout="inline"
              initialValues={{ occurredOn: chinaToday() }}
              onFinish={() => void record()}
              style={{ rowGap: 8 }}
            >
              <Form.Item name="itemId" label="事项" rules={[{ required: true, message: '请选择事项' }]} style={{ minWidth: 340 }}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="选择目录中的事项"
                  options={eventItems.map((i) => ({ value: i.id, label: `${itemName(i)}（${i.timeRuleText}）` }))}
                  popupMatchSelectWidth={520}
                />
              </Form.Item>
              <Form.Item name="occurredOn" label="发生日期" rules={[{ required: true, message: '请选择日期' }]}>
                <DatePicker allowClear={false} />
              </Form.Item>
              <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]} style={{ minWidth: 280 }}>
                <Input maxLength={200} placeholder="如：2026年第二批低保审批名单" />
              </Form.Item>
              <Form.Item>
                <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={save.busy}>
                  登记
                </Button>
              </Form.Item>
            </Form>
          )}
        </Card>
      )}
      <Card
        size="small"
        title="应公开事项（期限）"
        extra={
          <Space wrap>
            <DatePicker.RangePicker
              picker="month"
              aria-label="月份范围"
              allowClear={false}
              value={range}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0].startOf('month'), v[1].endOf('month')])}
            />
            <Segmented
              value={view}
              onChange={(v) => setView(v as 'list' | 'calendar')}
              options={[
                { value: 'list', label: '清单', icon: <UnorderedListOutlined /> },
                { value: 'calendar', label: '日历', icon: <CalendarOutlined /> },
              ]}
            />
            <Button icon={<ReloadOutlined />} aria-label="刷新期限" onClick={() => void read.refetch()} />
          </Space>
        }
      >
        <LoadFailed query={read} what="本单位的公开期限" style={{ marginBottom: 12 }} />
        {list.some((o) => o.provisional) && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title="标“暂定”的日期所在年度的节假日安排尚未录入，日期按周末推算，可能会变。鼠标移到“暂定”上可看原因。"
          />
        )}
        {read.isFetching && list.length === 0 ? (
          <Spin />
        ) : view === 'list' ? (
          byMonth.length === 0 ? (
            <Empty description="这段时间没有到期的公开事项" />
          ) : (
            byMonth.map(([ym, rows]) => (
              <div key={ym} style={{ marginBottom: 16 }}>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {monthTitle(ym)}（{rows.length} 项）
                </Typography.Title>
                <Table<Obligation>
                  rowKey={(o) => `${o.itemKey}:${o.period}:${o.eventId ?? ''}`}
                  size="small"
                  columns={columns}
                  dataSource={rows}
                  pagination={false}
                  scroll={{ x: 760 }}
                  expandable={{
                    rowExpandable: (o) => o.reasons.length > 0,
                    expandedRowRender: (o) => <Typography.Text type="secondary">{o.reasons.join('；')}</Typography.Text>,
                  }}
                />
              </div>
            ))
          )
        ) : (
          <Calendar
            value={month}
            onPanelChange={(d) => {
              setMonth(d);
              // Load the shown month when it lies outside the chosen range.
              if (d.endOf('month').isBefore(range[0]) || d.startOf('month').isAfter(range[1])) setRange([d.startOf('month'), d.add(3, 'month').endOf('month')]);
            }}
            onSelect={(d) => setMonth(d)}
            cellRender={(d, info) => {
              if (info.type !== 'date') return info.originNode;
              const rows = byDay.get(d.format('YYYY-MM-DD')) ?? [];
              return (
                <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                  {rows.map((o) => (
                    <li
                      key={`${o.itemKey}:${o.period}:${o.eventId ?? ''}`}
                      style={{ fontSize: 12, lineHeight: 1.4, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
                      title={`${o.itemName} ${o.periodLabel}`}
                    >
                      <Badge status={o.dueDate < today() ? 'error' : o.provisional ? 'warning' : 'processing'} text={o.itemName} />
                    </li>
                  ))}
                </ul>
              );
            }}
          />
        )}
      </Card>
    </Space>
  );
}

function ItemsTable({ items, actions, onOpen }: { items: CatalogItem[]; actions?: (i: CatalogItem) => React.ReactNode; onOpen: (i: CatalogItem) => void }) {
  const columns: TableColumnsType<CatalogItem> = [
    { title: '事项', key: 'name', render: (_, i) => itemName(i) },
    { title: '公开时限', dataIndex: 'timeRuleText', width: 220 },
    { title: '公示期', dataIndex: 'displayRuleText', width: 130, render: (v: string) => v || '—' },
    { title: '渠道', key: 'ch', width: 200, render: (_, i) => <Channels channels={i.channels} /> },
  ];
  if (actions) columns.push({ title: '操作', key: 'actions', width: 110, render: (_, i) => actions(i) });
  return (
    <Table<CatalogItem>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      pagination={false}
      scroll={{ x: 700 }}
      onRow={(i) => ({ onClick: (e) => !(e.target as HTMLElement).closest('button') && onOpen(i), style: { cursor: 'pointer' } })}
    />
  );
}

function UnitCatalogView({ code }: { code: string }) {
  const { user } = useSession();
  const { message, modal } = App.useApp();
  const read = useApi<UnitCatalog>(['catalog', 'unit'], `/api/v1/units/${encodeURIComponent(code)}/catalog`);
  const data = read.data;
  const domains = useDomains(data?.catalog ?? null);
  const [detail, setDetail] = useState<CatalogItem | null>(null);
  const [excluding, setExcluding] = useState<CatalogItem | null>(null);
  const [adding, setAdding] = useState(false);
  const save = useSave({ toast: true });
  const busyFinance = useSave({ toast: true });
  const [excludeForm] = Form.useForm<{ reason: string }>();
  const [tab, setTab] = useState('obligations');

  const canEdit = user.roles.some((r) => EDITOR_ROLES.has(r.role));
  // 集体财务往来较多 is decided above the village: a county admin, or a town's officer.
  const canSetBusy = user.roles.some((r) => r.role === 'county_admin' || (r.role === 'unit_officer' && r.unitCode !== code));

  const grouped = useMemo(() => {
    if (!data) return [];
    const m = new Map<string, CatalogItem[]>();
    for (const i of data.items) m.set(i.domainName, [...(m.get(i.domainName) ?? []), i]);
    return [...m.entries()];
  }, [data]);

  if (!data && read.isError) return <LoadFailed query={read} what="本单位目录" />;
  if (!data) return <Spin />;
  const base = `/api/v1/units/${encodeURIComponent(code)}`;

  const exclude = async () => {
    if (!excluding) return;
    let v: { reason: string };
    try {
      v = await excludeForm.validateFields();
    } catch {
      return;
    }
    if (await save.run(() => post(`${base}/exclusions`, { itemKey: excluding.key, reason: v.reason.trim() }))) {
      message.success(`已标记“${itemName(excluding)}”不适用`);
      setExcluding(null);
    }
  };

  const restore = (i: CatalogItem) =>
    modal.confirm({
      title: `恢复“${itemName(i)}”？`,
      content: '恢复后本单位需要按目录公开这一事项。',
      okText: '恢复',
      cancelText: '取消',
      onOk: async () => {
        if (await save.run(() => del(`${base}/exclusions/${encodeURIComponent(i.key)}`))) message.success('已恢复');
      },
    });

  const retire = (i: CatalogItem) =>
    modal.confirm({
      title: `停用本单位事项“${itemName(i)}”？`,
      content: '停用后不再列入本单位目录和期限；历史记录保留，但不能重新启用（需要时请重新添加）。',
      okText: '停用',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        if (await save.run(() => del(`${base}/local-items/${encodeURIComponent(i.key)}`))) message.success('已停用');
      },
    });

  const addLocal = async (body: Partial<ItemBody>) => {
    await post(`${base}/local-items`, body);
    message.success('已添加本单位事项');
    setAdding(false);
  };

  const setBusy = async (on: boolean) => {
    if (await busyFinance.run(() => put(`${base}/catalog-settings`, { busyFinance: on })))
      message.success(on ? '已设为“集体财务往来较多”：财务事项改为每月公开' : '已取消“集体财务往来较多”：财务事项改为每季度公开');
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {data.unitName}
      </Typography.Title>
      <Typography.Text type="secondary">
        适用{CATALOG_LABELS[data.catalog]}
        {data.version ? `（第 ${data.version.number} 版，${data.version.effectiveFrom} 起施行）` : '（尚无现行版本）'}：标准事项 {data.items.length}{' '}
        项，本单位事项 {data.localItems.length} 项，不适用 {data.excluded.length} 项。
      </Typography.Text>
      {data.level === 'village' && (
        <Card size="small">
          <div style={{ display: 'flex', alignItems: 'flex-start', gap: 12 }}>
            <Switch
              checked={data.busyFinance}
              loading={busyFinance.busy}
              disabled={!canSetBusy}
              onChange={(on) => void setBusy(on)}
              aria-label="集体财务往来较多"
            />
            <div>
              <Typography.Text strong>集体财务往来较多</Typography.Text>（现在：{data.busyFinance ? '是，财务事项每月公开' : '否，财务事项每季度公开'}）
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                依据《中华人民共和国村民委员会组织法》第三十条：集体财务往来较多的，财务收支情况应当每月公布一次；其他的至少每季度公布一次。打开后财务类事项按月计算期限，关闭则按季度。
                {!canSetBusy && '此项由镇（街道）经办人或县级管理员设置。'}
              </Typography.Paragraph>
            </div>
          </div>
        </Card>
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'obligations',
            label: '应公开事项（期限）',
            children: <ObligationsPanel unit={data} catalogItems={[...data.items, ...data.localItems]} canEdit={canEdit} />,
          },
          {
            key: 'items',
            label: `适用事项（${data.items.length}）`,
            children: (
              <Collapse
                defaultActiveKey={grouped[0] ? [grouped[0][0]] : []}
                items={grouped.map(([name, items]) => ({
                  key: name,
                  label: `${name}（${items.length}）`,
                  children: (
                    <ItemsTable
                      items={items}
                      onOpen={setDetail}
                      actions={
                        canEdit
                          ? (i) => (
                              <Button
                                size="small"
                                onClick={() => {
                                  excludeForm.resetFields();
                                  setExcluding(i);
                                }}
                              >
                                不适用
                              </Button>
                            )
                          : undefined
                      }
                    />
                  ),
                }))}
              />
            ),
          },
          {
            key: 'local',
            label: `本单位事项（${data.localItems.length}）`,
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text type="secondary">标准目录之外、本单位还要公开的事项。每项都要写明公开依据。</Typography.Text>
                {canEdit && (
                  <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                    新增本单位事项
                  </Button>
                )}
                {data.localItems.length === 0 ? (
                  <Empty description="没有本单位自行增加的事项" />
                ) : (
                  <ItemsTable
                    items={data.localItems}
                    onOpen={setDetail}
                    actions={
                      canEdit
                        ? (i) => (
                            <Button size="small" danger onClick={() => retire(i)}>
                              停用
                            </Button>
                          )
                        : undefined
                    }
                  />
                )}
              </Space>
            ),
          },
          {
            key: 'excluded',
            label: `不适用事项（${data.excluded.length}）`,
            children:
              data.excluded.length === 0 ? (
                <Empty description="没有标记为不适用的事项。在“适用事项”中可以把本单位没有的事项标为不适用。" />
              ) : (
                <Table
                  rowKey={(e) => e.item.key}
                  size="small"
                  dataSource={data.excluded}
                  pagination={false}
                  scroll={{ x: 700 }}
                  columns={[
                    { title: '事项', key: 'name', render: (_, e) => `${e.item.domainName} · ${itemName(e.item)}` },
                    { title: '不适用的原因', dataIndex: 'reason' },
                    { title: '标记', key: 'by', width: 200, render: (_, e) => `${formatTime(e.createdAt)} ${e.createdBy ?? ''}` },
                    ...(canEdit
                      ? [
                          {
                            title: '操作',
                            key: 'actions',
                            width: 90,
                            render: (_: unknown, e: UnitCatalog['excluded'][number]) => (
                              <Button size="small" onClick={() => restore(e.item)}>
                                恢复
                              </Button>
                            ),
                          },
                        ]
                      : []),
                  ]}
                />
              ),
          },
        ]}
      />
      <ItemDetailDrawer item={detail} onClose={() => setDetail(null)} />
      <Modal
        open={!!excluding}
        title={excluding ? `“${itemName(excluding)}”对本单位不适用` : ''}
        okText="确定"
        cancelText="取消"
        onOk={() => void exclude()}
        onCancel={() => setExcluding(null)}
      >
        <Typography.Paragraph type="secondary">标记后，这一事项不再列入本单位的目录和期限。原因会对外公开，请如实填写。</Typography.Paragraph>
        <Form form={excludeForm} layout="vertical">
          <Form.Item name="reason" label="不适用的原因" rules={[{ required: true, whitespace: true, message: '请填写原因' }]}>
            <Input.TextArea rows={3} maxLength={500} placeholder="如：本社区没有集体土地，不涉及土地征收" />
          </Form.Item>
        </Form>
      </Modal>
      <ItemFormDrawer open={adding} title="新增本单位事项" domains={domains} initial={null} local onClose={() => setAdding(false)} onSubmit={addLocal} />
    </Space>
  );
}

export function UnitCatalogPage() {
  const { user } = useSession();
  const [code, setCode] = useState<string | undefined>(() => user.roles[0]?.unitCode);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title="本单位目录与期限">
        <Row gutter={16} align="middle">
          <Col flex="none">
            <label htmlFor="unit-pick">单位：</label>
          </Col>
          <Col flex="auto" style={{ maxWidth: 420 }}>
            <UnitPicker value={code} onChange={setCode} />
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          这里列出本单位要公开哪些事项、每项最晚什么时候公开、至少公示到哪天。
        </Typography.Paragraph>
      </Card>
      {code ? (
        <Card>
          <UnitCatalogView key={code} code={code} />
        </Card>
      ) : (
        <Empty description="请先选择单位" />
      )}
    </Space>
  );
}
