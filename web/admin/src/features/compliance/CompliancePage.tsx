import { useEffect, useState, type ReactNode } from 'react';
import { chinaToday } from '../../lib/china-day.ts';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Popconfirm,
  Progress,
  Row,
  Segmented,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { ArrowLeftOutlined, ReloadOutlined, SyncOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { post } from '../../lib/http.ts';
import { LoadFailed, useApi } from '../../lib/query.tsx';
import { useSave } from '../../lib/save.tsx';
import { navigate } from '../../lib/router.ts';
import { useSession } from '../../lib/session.ts';
import type { Static } from 'typebox';
import type {
  FindingSchema,
  ObligationSchema,
  OverviewSchema,
  RecomputeBody as RecomputeBodySchema,
  RecomputeSchema,
  Summary as SummarySchema,
  UnitReportSchema,
  WebsiteSchema,
} from '../../../../../src/modules/compliance/compliance.schemas.ts';
import type { ComplianceStatus } from '../../../../../src/modules/compliance/compliance.evaluate.ts';

/* ---------- API types: the server's response schemas (src/modules/compliance/compliance.schemas.ts) ---------- */

type Summary = Static<typeof SummarySchema>;
type Overview = Static<typeof OverviewSchema>;
type OverviewRow = Overview['own'];
type UnitReport = Omit<Static<typeof UnitReportSchema>, 'obligations'> & { obligations: ObligationView[] };
type WebsiteCheck = Static<typeof WebsiteSchema>;
type Finding = Static<typeof FindingSchema>;
type Recompute = Static<typeof RecomputeSchema>;
type RecomputeBody = Static<typeof RecomputeBodySchema>;

type Status = ComplianceStatus;
/** One obligation; its status narrowed to the server's statuses (the schema sends it as an enumerated string). */
type ObligationView = Omit<Static<typeof ObligationSchema>, 'status'> & { status: Status };

/* ---------- helpers ---------- */

const STATUS_COLOR: Record<Status, string> = {
  upcoming: 'default',
  due_soon: 'gold',
  overdue: 'red',
  on_time: 'green',
  late: 'orange',
  display_short: 'magenta',
  channel_missing: 'purple',
};

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** The query string, kept current: the router re-renders on path changes only, and drill-down changes only the query. */
function useQuery(): URLSearchParams {
  const [search, setSearch] = useState(window.location.search);
  useEffect(() => {
    const update = () => setSearch(window.location.search);
    window.addEventListener('popstate', update);
    window.addEventListener('gk:navigate', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('gk:navigate', update);
    };
  }, []);
  return new URLSearchParams(search);
}

function windowOf(q: URLSearchParams): { from: string; to: string } {
  const year = chinaToday().year();
  return { from: q.get('from') ?? `${year}-01-01`, to: q.get('to') ?? `${year}-12-31` };
}

function qs(params: Record<string, string | undefined>): string {
  const s = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return s ? `?${s}` : '';
}

/** One compliance read through the query cache; a changed path keeps the previous answer shown until the new one arrives. */
/** One of the compliance reads (the previous answer stays shown while a changed window or unit loads). */
const useData = <T,>(path: string | null) => useApi<T>(['compliance'], path, undefined, { keepPrevious: true });

function Link({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Typography.Link
      href={`/admin${to}`}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </Typography.Link>
  );
}

/**
 * What other modules found late (政民互动: 意见箱未按期开箱, 责令更正逾期, 逾期未答复 …), each linked to its record.
 * `withUnit`: the dashboard's list names the unit; the unit page does not.
 */
function FindingsTable({ findings, withUnit, from, to }: { findings: Finding[]; withUnit: boolean; from: string; to: string }) {
  const columns: ColumnsType<Finding> = [
    ...(withUnit
      ? ([
          {
            title: '责任单位',
            key: 'unit',
            render: (_v, f) => <Link to={`/compliance/units/${encodeURIComponent(f.unitCode)}${qs({ from, to })}`}>{f.unitName}</Link>,
          },
          { title: '所属', dataIndex: 'parentName', render: (v: string | null) => v ?? '—' },
        ] as ColumnsType<Finding>)
      : []),
    { title: '类别', key: 'kind', width: 150, render: (_v, f) => <Tag color="red">{f.kindText}</Tag> },
    { title: '情况', key: 'title', render: (_v, f) => (f.url ? <Link to={f.url}>{f.title}</Link> : f.title) },
    { title: '逾期起算', dataIndex: 'since', width: 110 },
    {
      // A provider that counts by working days gives both figures; the others give calendar days, said as such.
      title: '逾期',
      dataIndex: 'daysLate',
      align: 'right',
      width: 110,
      render: (v: number, f) => (
        <Typography.Text type="danger">{f.workingDaysLate === undefined ? `${v} 天` : `${f.workingDaysLate} 个工作日`}</Typography.Text>
      ),
    },
    { title: '来源', dataIndex: 'source', width: 100 },
  ];
  return (
    <Table
      rowKey={(f) => `${f.source}|${f.kind}|${f.unitCode}|${f.ref}`}
      size="middle"
      columns={columns}
      dataSource={findings}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 800 }}
      locale={{ emptyText: '没有发现逾期事项' }}
    />
  );
}

/** Date range of the due dates looked at, with quick choices; changes the URL (so it can be bookmarked and shared). */
function WindowPicker({ from, to, onChange }: { from: string; to: string; onChange: (from: string, to: string) => void }) {
  const y = chinaToday().year();
  const q = Math.floor(chinaToday().month() / 3);
  const qStart = dayjs(`${y}-01-01`).add(q * 3, 'month');
  return (
    <Space wrap>
      <span>到期日期</span>
      <DatePicker.RangePicker
        aria-label="到期日期范围"
        allowClear={false}
        value={[dayjs(from), dayjs(to)]}
        onChange={(v) => {
          const [a, b] = (v ?? []) as [Dayjs | null, Dayjs | null];
          if (a && b) onChange(a.format('YYYY-MM-DD'), b.format('YYYY-MM-DD'));
        }}
      />
      <Button onClick={() => onChange(`${y}-01-01`, `${y}-12-31`)}>今年</Button>
      <Button onClick={() => onChange(qStart.format('YYYY-MM-DD'), qStart.add(3, 'month').subtract(1, 'day').format('YYYY-MM-DD'))}>本季度</Button>
      <Button onClick={() => onChange(`${y - 1}-01-01`, `${y - 1}-12-31`)}>去年</Button>
    </Space>
  );
}

function SummaryCards({ s, units }: { s: Summary; units?: number }) {
  const card = (title: string, value: ReactNode, color?: string, hint?: string) => (
    <Col xs={12} sm={8} md={6} xl={3}>
      <Card size="small">
        <Statistic title={title} value={value as string | number} styles={{ content: { color, fontSize: 22 } }} />
        {hint ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {hint}
          </Typography.Text>
        ) : null}
      </Card>
    </Col>
  );
  return (
    <Row gutter={[12, 12]}>
      {card('按时公开率', pct(s.onTimeRate), s.onTimeRate !== null && s.onTimeRate < 0.8 ? '#cf1322' : '#389e0d', `到期 ${s.due} 项`)}
      {card('按时公开', s.onTime, '#389e0d')}
      {card('逾期公开', s.late, s.late ? '#d46b08' : undefined)}
      {card('逾期未公开', s.overdue, s.overdue ? '#cf1322' : undefined)}
      {card('即将到期', s.dueSoon, s.dueSoon ? '#d48806' : undefined)}
      {card('公示期不足', s.displayShort, s.displayShort ? '#c41d7f' : undefined, '提前撤回')}
      {card('公开栏未留痕', s.missingChannel, s.missingChannel ? '#531dab' : undefined, '缺少张贴照片')}
      {card('事项覆盖', `${s.covered}/${s.applicable}`, undefined, units ? `${units} 个单位` : '期间内有公开记录的事项')}
    </Row>
  );
}

function Svg({ svg, label }: { svg: string; label: string }) {
  // Server-rendered by ECharts (text escaped there); shown as is, scaled to the card.
  return <div role="figure" aria-label={label} className="gk-chart" dangerouslySetInnerHTML={{ __html: svg }} />;
}

/* ---------- 督查总览 (county → town → village) ---------- */

export function ComplianceDashboard() {
  const { message } = App.useApp();
  const session = useSession();
  const q = useQuery();
  const unit = q.get('unit') ?? undefined;
  const { from, to } = windowOf(q);
  const read = useData<Overview>(`/api/v1/compliance/overview${qs({ unit, from, to })}`);
  const data = read.data;
  const countyAdmin = !!session.user.roles.some((r) => r.role === 'county_admin' && r.unitCode === data?.root.code && !data?.root.parentCode);
  const recomputing = useSave({ toast: true });
  const go = (params: { unit?: string; from?: string; to?: string }) => navigate(`/compliance${qs({ unit, from, to, ...params })}`);

  const recompute = () =>
    recomputing.run(async () => {
      const r = await post<Recompute>('/api/v1/compliance/recompute', { year: Number(from.slice(0, 4)) } satisfies RecomputeBody);
      message.success(`已重新计算：${r.units} 个单位，${r.obligations} 项公开义务，用时 ${r.ms} 毫秒`);
    });

  if (read.isError) return <LoadFailed query={read} what="督查数据" />;
  if (!data) return <Skeleton active />;

  const rows = data.own.summary.due > 0 ? [{ ...data.own, unitName: `${data.own.unitName}（本级）`, hasChildren: false }, ...data.rows] : data.rows;
  const columns: ColumnsType<OverviewRow> = [
    {
      title: '单位',
      dataIndex: 'unitName',
      render: (_v, r) => (
        <Space orientation="vertical" size={0}>
          {r.hasChildren ? (
            <Link to={`/compliance${qs({ unit: r.unitCode, from, to })}`}>{r.unitName}</Link>
          ) : (
            <Link to={`/compliance/units/${encodeURIComponent(r.unitCode)}${qs({ from, to })}`}>{r.unitName}</Link>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.kindText}
            {r.hasChildren ? ` · 含下属 ${r.units - 1} 个单位` : ''}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '按时公开率',
      key: 'rate',
      width: 180,
      sorter: (a, b) => (a.summary.onTimeRate ?? 2) - (b.summary.onTimeRate ?? 2),
      defaultSortOrder: 'ascend',
      render: (_v, r) =>
        r.summary.onTimeRate === null ? (
          <Typography.Text type="secondary">无到期事项</Typography.Text>
        ) : (
          <Progress
            percent={Math.round(r.summary.onTimeRate * 1000) / 10}
            size="small"
            status={r.summary.onTimeRate < 0.8 ? 'exception' : 'normal'}
            format={(p) => `${p}%`}
          />
        ),
    },
    { title: '到期', key: 'due', align: 'right', render: (_v, r) => r.summary.due },
    { title: '按时', key: 'onTime', align: 'right', render: (_v, r) => r.summary.onTime },
    { title: '逾期公开', key: 'late', align: 'right', render: (_v, r) => r.summary.late || '—' },
    {
      title: '逾期未公开',
      key: 'overdue',
      align: 'right',
      sorter: (a, b) => a.summary.overdue - b.summary.overdue,
      render: (_v, r) => (r.summary.overdue ? <Typography.Text type="danger">{r.summary.overdue}</Typography.Text> : '—'),
    },
    { title: '公示期不足', key: 'short', align: 'right', render: (_v, r) => r.summary.displayShort || '—' },
    { title: '未留痕', key: 'missing', align: 'right', render: (_v, r) => r.summary.missingChannel || '—' },
    ...(data.findingSources.length
      ? ([
          {
            title: '其他发现',
            key: 'findings',
            align: 'right',
            sorter: (a, b) => a.findings - b.findings,
            render: (_v, r) => (r.findings ? <Typography.Text type="danger">{r.findings}</Typography.Text> : '—'),
          },
        ] as ColumnsType<OverviewRow>)
      : []),
    {
      title: '操作',
      key: 'go',
      render: (_v, r) =>
        r.hasChildren ? (
          <Button size="small" type="primary" onClick={() => go({ unit: r.unitCode })}>
            查看下级
          </Button>
        ) : (
          <Button size="small" onClick={() => navigate(`/compliance/units/${encodeURIComponent(r.unitCode)}${qs({ from, to })}`)}>
            逐项明细
          </Button>
        ),
    },
  ];

  const overdueColumns: ColumnsType<Overview['overdue'][number]> = [
    {
      title: '责任单位',
      key: 'unit',
      render: (_v, o) => <Link to={`/compliance/units/${encodeURIComponent(o.unitCode)}${qs({ from, to })}`}>{o.unitName}</Link>,
    },
    { title: '所属', dataIndex: 'parentName', render: (v: string | null) => v ?? '—' },
    { title: '公开事项', dataIndex: 'itemName' },
    { title: '期间', dataIndex: 'periodLabel' },
    { title: '截止日期', dataIndex: 'dueDate', width: 110 },
    {
      title: '逾期（工作日）',
      dataIndex: 'overdueWorkingDays',
      align: 'right',
      width: 120,
      render: (v: number) => <Typography.Text type="danger">{v}</Typography.Text>,
    },
    { title: '联系人 / 电话', key: 'contact', render: (_v, o) => [o.staff.join('、') || '未设经办人', o.phone ?? '无电话'].join(' / ') },
  ];

  const tabs = [
    {
      key: 'units',
      label: '下属单位',
      children: rows.length ? (
        <Table rowKey="unitCode" size="middle" columns={columns} dataSource={rows} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 900 }} />
      ) : (
        <Empty description="没有下属单位" />
      ),
    },
    {
      key: 'charts',
      label: '图表',
      children: (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card size="small" title="按时公开率（按下属单位）">
              <Svg svg={data.charts.byTown} label="按下属单位的按时公开率图表" />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title="按到期月份的公开情况">
              <Svg svg={data.charts.trend} label="按月趋势图表" />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title="最常逾期的公开事项">
              <Svg svg={data.charts.mostMissed} label="最常逾期事项图表" />
            </Card>
          </Col>
        </Row>
      ),
    },
    {
      key: 'overdue',
      label: `逾期未公开（${data.overdueTotal}）`,
      children: (
        <>
          {data.overdueTotal > data.overdue.length ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={`共 ${data.overdueTotal} 项，按逾期天数列出前 ${data.overdue.length} 项；请进入下级单位查看其余事项。`}
            />
          ) : null}
          <Table
            rowKey={(o) => `${o.unitCode}|${o.itemKey}|${o.period}`}
            size="middle"
            columns={overdueColumns}
            dataSource={data.overdue}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 900 }}
            locale={{ emptyText: '没有逾期未公开的事项' }}
          />
        </>
      ),
    },
    ...(data.findingSources.length
      ? [
          {
            key: 'findings',
            label: `其他督查发现（${data.findingsTotal}）`,
            children: (
              <>
                <Typography.Paragraph type="secondary">
                  {`由${data.findingSources.join('、')}发现、截至 ${data.asOf} 仍逾期的事项。`}
                  {data.findingsTotal > data.findings.length
                    ? `共 ${data.findingsTotal} 项，列出逾期最久的 ${data.findings.length} 项；请进入下级单位查看其余事项。`
                    : ''}
                </Typography.Paragraph>
                <FindingsTable findings={data.findings} withUnit from={from} to={to} />
              </>
            ),
          },
        ]
      : []),
    ...(!data.root.parentCode ? [{ key: 'website', label: '网站栏目检查', children: <WebsiteChecks /> }] : []),
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {/* The server renders charts at a fixed size with a viewBox: scale them to the card. */}
      <style>{'.gk-chart svg{width:100%;height:auto;max-width:720px;display:block}'}</style>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space orientation="vertical" size={0}>
          <Breadcrumb items={[{ title: '公开督查' }, { title: data.root.name }]} />
          <Typography.Title level={3} style={{ margin: 0 }}>
            {data.root.name} · 公开督查
          </Typography.Title>
          <Typography.Text type="secondary">
            统计 {data.from} 至 {data.to} 到期的公开义务，状态按 {data.asOf} 计算；共 {data.summary.units} 个单位。
          </Typography.Text>
        </Space>
        <Space wrap>
          {data.root.canGoUp && data.root.parentCode ? (
            <Button icon={<ArrowLeftOutlined />} onClick={() => go({ unit: data.root.parentCode! })}>
              返回上级
            </Button>
          ) : null}
          <Button icon={<ReloadOutlined />} onClick={() => void read.refetch()}>
            刷新
          </Button>
          {countyAdmin ? (
            <Popconfirm
              title={`重新计算全县 ${from.slice(0, 4)} 年的督查结果？`}
              description="结果平时会随发布、更正、撤回自动更新；只在怀疑数据不一致时使用。"
              okText="重新计算"
              cancelText="取消"
              onConfirm={recompute}
            >
              <Button icon={<SyncOutlined />} loading={recomputing.busy}>
                全县重新计算
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      </Space>
      <WindowPicker from={from} to={to} onChange={(f, t) => go({ from: f, to: t })} />
      <SummaryCards s={data.summary} units={data.summary.units} />
      <Card>
        <Tabs items={tabs} />
      </Card>
    </Space>
  );
}

/* ---------- 网站栏目检查 ---------- */

function WebsiteChecks() {
  const read = useData<WebsiteCheck>('/api/v1/compliance/website');
  const data = read.data;
  if (read.isError) return <LoadFailed query={read} what="网站栏目检查" />;
  if (!data) return <Skeleton active />;
  const color = { ok: 'green', stale: 'orange', empty: 'red' } as const;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Alert
        type={data.veto.stale || data.veto.empty || data.veto.unanswered ? 'error' : 'success'}
        showIcon
        title={data.veto.stale || data.veto.empty || data.veto.unanswered ? '按检查指标将被单项否决' : '未触及单项否决'}
        description={`未按时更新的栏目 ${data.staleCount} 个（满 ${data.thresholds.vetoStaleColumns} 个即否决）；空白栏目 ${data.emptyCount} 个（满 ${data.thresholds.vetoEmptyColumns} 个即否决）；超过3个月未答复的留言 ${data.unansweredMessages.cases.length} 件（有即否决）。依据《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）；栏目分类可由县级管理员调整。`}
      />
      <Alert
        type={data.lateRequests.late > 0 ? 'warning' : 'success'}
        showIcon
        title={data.lateRequests.late > 0 ? `依申请公开逾期答复 ${data.lateRequests.late} 件` : '依申请公开未发现逾期答复'}
        description={
          <>
            {`${data.lateRequests.from} 至 ${data.lateRequests.to}，到期应答复 ${data.lateRequests.due} 件（含逾期仍未答复的）。`}
            {data.lateRequests.units.map((u) => (
              <div key={u.code}>
                <a onClick={() => navigate(`/requests?unit=${encodeURIComponent(u.code)}`)}>{u.name}</a>：逾期 {u.late} 件 / 应答复 {u.due} 件
              </div>
            ))}
          </>
        }
      />
      {data.notAvailable.length === 0 ? (
        <Alert
          type={data.unansweredMessages.cases.length > 0 ? 'error' : 'success'}
          showIcon
          title={data.unansweredMessages.cases.length > 0 ? `留言超过3个月未答复 ${data.unansweredMessages.cases.length} 件` : '未发现超过3个月未答复的留言'}
          description={
            <>
              {`${data.unansweredMessages.from} 至 ${data.unansweredMessages.to}，共收到有效留言 ${data.unansweredMessages.received} 件（政民互动的询问、咨询、建议、投诉，不含退回的）。`}
              {data.unansweredMessages.cases.slice(0, 50).map((c) => (
                <div key={c.id}>
                  <a onClick={() => navigate(`/interaction/${encodeURIComponent(c.id)}`)}>{c.caseNo}</a>：{c.unitName}，{c.receivedOn} 收到，
                  {c.answeredOn ? `${c.answeredOn} 才答复` : '至今未答复'}
                </div>
              ))}
              {data.unansweredMessages.cases.length > 50 ? (
                <div>另有 {data.unansweredMessages.cases.length - 50} 件，请在政民互动中按“已超期”筛选查看。</div>
              ) : null}
            </>
          }
        />
      ) : null}
      {data.notAvailable.map((n) => (
        <Alert key={n.check} type="info" showIcon title={`暂不能检查：${n.check}`} description={n.reason} />
      ))}
      <Table
        rowKey="id"
        size="small"
        dataSource={data.columns}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 800 }}
        columns={[
          {
            title: '栏目',
            dataIndex: 'name',
            render: (v: string, c) => (
              <a href={c.href} target="_blank" rel="noreferrer">
                {v}
              </a>
            ),
          },
          { title: '类型', dataIndex: 'clsText' },
          { title: '最近更新', dataIndex: 'lastUpdated', render: (v: string | null) => v ?? '从未更新' },
          { title: '应在此日后更新', dataIndex: 'updateDueBy', render: (v: string | null) => v ?? '—' },
          { title: '条数', dataIndex: 'count', align: 'right' },
          {
            title: '结果',
            dataIndex: 'resultText',
            filters: [
              { text: '正常', value: 'ok' },
              { text: '未按时更新', value: 'stale' },
              { text: '空白栏目', value: 'empty' },
            ],
            onFilter: (v, c) => c.result === v,
            render: (v: string, c) => <Tag color={color[c.result as keyof typeof color]}>{v}</Tag>,
          },
        ]}
      />
    </Space>
  );
}

/* ---------- 单位逐项明细 ---------- */

function Evidence({ o }: { o: ObligationView }) {
  const p = o.evidence.publication;
  if (!p) {
    return (
      <Typography.Text type={o.status === 'overdue' ? 'danger' : 'secondary'}>
        {o.status === 'overdue' ? `截至今日没有公开记录，已逾期 ${o.overdueWorkingDays} 个工作日。` : `尚未公开；距截止还有 ${o.workingDaysLeft} 个工作日。`}
      </Typography.Text>
    );
  }
  const pubs = [p, ...o.evidence.otherPublications];
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {pubs.map((x, i) => (
        <Descriptions
          key={x.disclosureId}
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          title={i === 0 ? '据以判断的公开记录' : '其他公开记录'}
          items={[
            { key: 't', label: '标题', children: <Link to={`/disclosures/${x.disclosureId}`}>{x.title || '（无标题）'}</Link> },
            { key: 'i', label: '索引号', children: x.indexNo ?? '—' },
            {
              key: 'p',
              label: '公开日期',
              children: `${x.publishedOn}${i === 0 && o.evidence.timeliness === 'late' ? `（晚于截止日 ${o.overdueWorkingDays} 个工作日）` : ''}`,
            },
            { key: 'v', label: '版本', children: x.version > 1 ? `第 ${x.version} 版（已更正）` : '第 1 版' },
            {
              key: 'd',
              label: '公示期',
              children: x.displayMinEnd
                ? `至少公示到 ${x.displayMinEnd}${x.displayPlannedEnd ? `，计划到 ${x.displayPlannedEnd}` : ''}`
                : (o.evidence.displayRuleText ?? '无公示期要求'),
            },
            {
              key: 'w',
              label: '撤回',
              children: x.withdrawnOn ? (
                <Typography.Text
                  type={x.displayMinEnd && x.withdrawnOn < x.displayMinEnd ? 'danger' : undefined}
                >{`${x.withdrawnOn} 撤回：${x.withdrawnReason ?? ''}`}</Typography.Text>
              ) : (
                '未撤回'
              ),
            },
            {
              key: 'ph',
              label: '公开栏照片',
              children: x.photoDates.length ? (
                `已拍照存证（${x.photoDates.join('、')}）`
              ) : o.evidence.requiredChannels.length ? (
                <Typography.Text type="danger">没有张贴照片</Typography.Text>
              ) : (
                '—'
              ),
            },
            { key: 'c', label: '必选渠道', children: o.evidence.requiredChannels.join('、') || '—' },
          ]}
        />
      ))}
    </Space>
  );
}

export function ComplianceUnitPage({ code }: { code: string }) {
  const { from, to } = windowOf(useQuery());
  const read = useData<UnitReport>(`/api/v1/compliance/units/${encodeURIComponent(code)}${qs({ from, to })}`);
  const data = read.data;
  const [filter, setFilter] = useState<'all' | 'problem' | 'pending'>('problem');
  if (read.isError) return <LoadFailed query={read} what="该单位的督查明细" />;
  if (!data) return <Skeleton active />;
  const problem = (o: ObligationView) => ['overdue', 'late', 'display_short', 'channel_missing', 'due_soon'].includes(o.status);
  const shown = data.obligations.filter((o) =>
    filter === 'all' ? true : filter === 'problem' ? problem(o) : o.status === 'upcoming' || o.status === 'due_soon',
  );
  const columns: ColumnsType<ObligationView> = [
    { title: '公开事项', dataIndex: 'itemName' },
    { title: '期间', dataIndex: 'periodLabel', width: 160 },
    {
      title: '截止日期',
      dataIndex: 'dueDate',
      width: 120,
      sorter: (a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0),
      defaultSortOrder: 'descend',
      render: (v: string, o) => `${v}${o.provisional ? '（暂定）' : ''}`,
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 190,
      filters: Object.entries(STATUS_COLOR).map(([value]) => ({ text: data.obligations.find((o) => o.status === value)?.statusText ?? value, value })),
      onFilter: (v, o) => o.status === v,
      render: (_v, o) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS_COLOR[o.status]}>{o.statusText}</Tag>
          {o.status === 'overdue' ? (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              逾期 {o.overdueWorkingDays} 个工作日
            </Typography.Text>
          ) : null}
          {o.status !== 'overdue' && o.evidence.timeliness === 'late' ? (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              晚 {o.overdueWorkingDays} 个工作日公开
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: '公开记录',
      key: 'd',
      render: (_v, o) =>
        o.evidence.publication ? <Link to={`/disclosures/${o.evidence.publication.disclosureId}`}>{o.evidence.publication.publishedOn} 公开</Link> : '—',
    },
  ];
  const go = (f: string, t: string) => navigate(`/compliance/units/${encodeURIComponent(code)}${qs({ from: f, to: t })}`);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space orientation="vertical" size={0}>
          <Breadcrumb
            items={[
              { title: <Link to={`/compliance${qs({ from, to })}`}>公开督查</Link> },
              ...(data.unit.parentCode ? [{ title: <Link to={`/compliance${qs({ unit: data.unit.parentCode, from, to })}`}>上级单位</Link> }] : []),
              { title: data.unit.name },
            ]}
          />
          <Typography.Title level={3} style={{ margin: 0 }}>
            {data.unit.name} · 逐项明细
          </Typography.Title>
          <Typography.Text type="secondary">
            {data.unit.kindText} · 经办人：{data.unit.staff.join('、') || '未设'} · 电话：{data.unit.phone ?? '未填'} · 状态按 {data.asOf} 计算
          </Typography.Text>
        </Space>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/compliance${qs({ unit: data.unit.parentCode ?? undefined, from, to })}`)}>
          返回
        </Button>
      </Space>
      <WindowPicker from={from} to={to} onChange={go} />
      <SummaryCards s={data.summary} />
      <Card
        title="每项公开义务及其佐证"
        extra={
          <Segmented
            aria-label="筛选"
            value={filter}
            onChange={(v) => setFilter(v as typeof filter)}
            options={[
              { label: `需要处理（${data.obligations.filter(problem).length}）`, value: 'problem' },
              { label: '未到期', value: 'pending' },
              { label: `全部（${data.obligations.length}）`, value: 'all' },
            ]}
          />
        }
      >
        <Table
          rowKey={(o) => `${o.itemKey}|${o.period}`}
          size="middle"
          columns={columns}
          dataSource={shown}
          expandable={{ expandedRowRender: (o) => <Evidence o={o} />, expandRowByClick: true }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 800 }}
          locale={{ emptyText: filter === 'problem' ? '没有需要处理的事项' : '没有事项' }}
        />
      </Card>
      {data.findingSources.length ? (
        <Card size="small" title={`其他督查发现（${data.findings.length}）`} className="compliance-findings">
          <Typography.Paragraph type="secondary">{`由${data.findingSources.join('、')}发现、截至 ${data.asOf} 仍逾期的事项。`}</Typography.Paragraph>
          <FindingsTable findings={data.findings} withUnit={false} from={from} to={to} />
        </Card>
      ) : null}
      {data.uncoveredItems.length ? (
        <Card size="small" title={`期间内尚无公开记录的适用事项（${data.uncoveredItems.length}）`}>
          <Space wrap>
            {data.uncoveredItems.map((i) => (
              <Tag key={i.key}>{i.name}</Tag>
            ))}
          </Space>
        </Card>
      ) : null}
    </Space>
  );
}
