import { useState } from 'react';
import { chinaToday } from '../../lib/china-day.ts';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined, EditOutlined, FilePdfOutlined, LockOutlined, PlusOutlined, ReloadOutlined, UnlockOutlined } from '@ant-design/icons';
import { post, put } from '../../lib/http.ts';
import { LoadFailed, useApi } from '../../lib/query.tsx';
import { useSave } from '../../lib/save.tsx';
import { isAdmin } from '../auth/api.ts';
import { RouteLink } from './shared.tsx';
import { useSession } from '../../lib/session.ts';

import type { Indicator, IndicatorSet, UnitGroup as Group } from '../../../../../src/modules/assessment/assessment.rules.ts';
import type { AssessmentView as View, PeriodView as Period, RankRow } from '../../../../../src/modules/assessment/assessment.service.ts';
import type { AssessmentMeta } from '../../../../../src/modules/assessment/assessment.responses.ts';
/** GET /api/v1/assessments (assessment.responses.ts AssessmentMetaSchema). */
type Meta = AssessmentMeta;

export const cardRoute = (periodId: string, code: string) => `/assessments/${encodeURIComponent(periodId)}/units/${encodeURIComponent(code)}`;

function gradeTag(r: Pick<RankRow, 'grade' | 'passed' | 'vetoed'>) {
  return <Tag color={r.vetoed ? 'red' : r.passed ? 'green' : 'orange'}>{r.grade}</Tag>;
}

function RankTable({ rows, periodId, townColumn, rankLabel = '排名' }: { rows: RankRow[]; periodId: string; townColumn?: boolean; rankLabel?: string }) {
  return (
    <Table<RankRow>
      size="small"
      rowKey="code"
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      columns={[
        { title: rankLabel, dataIndex: 'rank', width: 70 },
        { title: '单位', dataIndex: 'name', render: (n: string, r) => <RouteLink to={cardRoute(periodId, r.code)}>{n}</RouteLink> },
        ...(townColumn ? [{ title: '所属乡镇（街道）', dataIndex: 'parentName' }] : []),
        { title: '总分', dataIndex: 'total', width: 90, align: 'right' as const, render: (t: number) => t.toFixed(2) },
        {
          title: '等次',
          key: 'grade',
          width: 180,
          render: (_: unknown, r: RankRow) => (
            <Space size={4}>
              {gradeTag(r)}
              {r.incomplete ? <Tag>有待录入项</Tag> : null}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** The indicator-set editor (rules as data): one row per indicator. */
function SetEditor({ value, onChange, meta }: { value: IndicatorSet; onChange: (s: IndicatorSet) => void; meta: Meta }) {
  const set = (i: number, patch: Partial<Indicator>) => onChange({ ...value, indicators: value.indicators.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
  const sums = meta.groups.map((g) => ({
    ...g,
    sum: value.indicators.filter((i) => i.kind !== 'veto' && i.appliesTo.includes(g.key)).reduce((s, i) => s + (i.weight || 0), 0),
  }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>合格线</span>
        <InputNumber aria-label="合格线" min={1} max={100} value={value.passMark} onChange={(v) => onChange({ ...value, passMark: Number(v ?? 60) })} />
        <Typography.Text type="secondary">分；触发任一单项否决指标即为不合格。</Typography.Text>
        {sums.map((g) => (
          <Tag key={g.key} color={g.sum === 100 || g.sum === 0 ? 'green' : 'red'}>
            {g.label}合计 {Math.round(g.sum * 100) / 100} 分
          </Tag>
        ))}
      </Space>
      <Table<Indicator & { i: number }>
        size="small"
        rowKey="i"
        pagination={false}
        scroll={{ x: 1100 }}
        dataSource={value.indicators.map((x, i) => ({ ...x, i }))}
        columns={[
          {
            title: '指标名称',
            width: 190,
            render: (_, r) => <Input aria-label="指标名称" value={r.name} onChange={(e) => set(r.i, { name: e.target.value })} />,
          },
          { title: '标识', width: 120, render: (_, r) => <Input aria-label="指标标识" value={r.key} onChange={(e) => set(r.i, { key: e.target.value })} /> },
          {
            title: '计算方式',
            width: 200,
            render: (_, r) => (
              <Select
                aria-label="计算方式"
                style={{ width: '100%' }}
                value={r.kind}
                onChange={(kind) =>
                  set(r.i, kind === 'veto' ? { kind, weight: 0, veto: { figure: 'manual', atLeast: 1 } } : { kind, veto: undefined, weight: r.weight || 10 })
                }
                options={meta.kinds.map((k) => ({ value: k.kind, label: k.label }))}
              />
            ),
          },
          {
            title: '分值 / 否决条件',
            width: 250,
            render: (_, r) =>
              r.kind === 'veto' ? (
                <Space.Compact>
                  <Select
                    aria-label="否决依据"
                    style={{ width: 170 }}
                    value={r.veto?.figure ?? 'manual'}
                    onChange={(figure) => set(r.i, { veto: { figure, atLeast: r.veto?.atLeast ?? 1 } })}
                    options={meta.vetoFigures.map((f) => ({ value: f.key, label: f.label }))}
                  />
                  {r.veto?.figure !== 'manual' ? (
                    <InputNumber
                      aria-label="否决线"
                      min={1}
                      value={r.veto?.atLeast ?? 1}
                      onChange={(v) => set(r.i, { veto: { figure: r.veto?.figure ?? 'overdue', atLeast: Number(v ?? 1) } })}
                      addonAfter="项"
                    />
                  ) : null}
                </Space.Compact>
              ) : (
                <InputNumber
                  aria-label="分值"
                  min={0.01}
                  max={100}
                  step={1}
                  value={r.weight}
                  onChange={(v) => set(r.i, { weight: Number(v ?? 0) })}
                  addonAfter="分"
                />
              ),
          },
          {
            title: '适用对象',
            width: 260,
            render: (_, r) => (
              <Checkbox.Group
                value={r.appliesTo}
                onChange={(v) => set(r.i, { appliesTo: v as Group[] })}
                options={meta.groups.map((g) => ({ value: g.key, label: g.label }))}
              />
            ),
          },
          {
            title: '',
            width: 60,
            render: (_, r) => (
              <Button type="link" danger onClick={() => onChange({ ...value, indicators: value.indicators.filter((_, k) => k !== r.i) })}>
                删除
              </Button>
            ),
          },
        ]}
      />
      <Button
        icon={<PlusOutlined />}
        onClick={() =>
          onChange({
            ...value,
            indicators: [...value.indicators, { key: `item_${value.indicators.length + 1}`, name: '', kind: 'manual', weight: 10, appliesTo: ['village'] }],
          })
        }
      >
        添加指标
      </Button>
      <Typography.Text type="secondary">
        “依申请公开按期答复率”“投诉处理”“群众满意度”在相应功能提供统计前显示“暂无数据”，不计入总分（总分按其余指标折算为百分制）。
      </Typography.Text>
    </Space>
  );
}

export function AssessmentPage() {
  const { message } = AntApp.useApp();
  const { user } = useSession();
  const admin = isAdmin(user);
  const [chosen, setSelected] = useState<string | null>(() => new URLSearchParams(window.location.search).get('period'));
  const metaRead = useApi<Meta>(['assessment', 'periods'], '/api/v1/assessments');
  const meta = metaRead.data ?? null;
  // The period shown: the one chosen (or linked), else the newest.
  const selected = chosen ?? meta?.items[0]?.id ?? null;
  const viewRead = useApi<View>(['assessment', 'period'], selected ? `/api/v1/assessments/${encodeURIComponent(selected)}` : null, undefined, {
    keepPrevious: true,
  });
  const view = viewRead.data ?? null;
  const saving = useSave({ toast: true });
  const [editing, setEditing] = useState<{
    mode: 'create' | 'edit';
    set: IndicatorSet;
    kind: 'quarter' | 'year';
    year: number;
    quarter: number;
    name: string;
  } | null>(null);
  const [reopenReason, setReopenReason] = useState('');
  const [reopenOpen, setReopenOpen] = useState(false);

  const save = async () => {
    if (!editing) return;
    await saving.run(async () => {
      if (editing.mode === 'create') {
        const p = await post<Period>('/api/v1/assessments', {
          kind: editing.kind,
          year: editing.year,
          ...(editing.kind === 'quarter' ? { quarter: editing.quarter } : {}),
          name: editing.name || undefined,
          set: editing.set,
        });
        setSelected(p.id);
        message.success('已新建考评');
      } else if (selected) {
        await put(`/api/v1/assessments/${encodeURIComponent(selected)}`, { name: editing.name || undefined, set: editing.set });
        message.success('指标体系已保存');
      }
      setEditing(null);
    });
  };

  const act = async (path: string, body: unknown, ok: string) => {
    if (await saving.run(() => post(`/api/v1/assessments/${encodeURIComponent(selected!)}/${path}`, body))) message.success(ok);
  };

  const p = view?.period;
  const thisYear = chinaToday().year();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="考评"
        extra={
          <Space wrap>
            {meta && meta.items.length > 0 ? (
              <Select
                aria-label="选择考评期"
                style={{ minWidth: 320 }}
                value={selected ?? undefined}
                onChange={(v) => setSelected(v)}
                options={meta.items.map((x) => ({ value: x.id, label: `${x.name}（${x.statusLabel}）` }))}
              />
            ) : null}
            {admin && meta ? (
              <Button
                icon={<PlusOutlined />}
                onClick={() =>
                  setEditing({
                    mode: 'create',
                    set: meta.template,
                    kind: 'quarter',
                    year: thisYear,
                    quarter: Math.floor(chinaToday().month() / 3) + 1,
                    name: '',
                  })
                }
              >
                新建考评
              </Button>
            ) : null}
            <Button icon={<ReloadOutlined />} aria-label="刷新" loading={viewRead.isFetching} onClick={() => void viewRead.refetch()} />
          </Space>
        }
      >
        <LoadFailed query={metaRead} what="考评期" />
        <LoadFailed query={viewRead} what="考评结果" />
        {meta && meta.items.length === 0 ? <Empty description={admin ? '还没有考评，请点击“新建考评”' : '县政府办尚未设置考评'} /> : null}
        {view && p ? (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label="考评期">{`${p.startDate} 至 ${p.endDate}`}</Descriptions.Item>
              <Descriptions.Item label="状态">
                {view.frozen ? (
                  <Tag icon={<LockOutlined />} color="blue">
                    {p.statusLabel}
                  </Tag>
                ) : (
                  <Tag color="green">{p.statusLabel}</Tag>
                )}
              </Descriptions.Item>
              <Descriptions.Item label="数据截至">{view.asOf}</Descriptions.Item>
              <Descriptions.Item label="合格线">{p.set.passMark} 分（触发单项否决即不合格）</Descriptions.Item>
              <Descriptions.Item label="指标">{p.set.indicators.map((i) => i.name).join('、')}</Descriptions.Item>
              {p.reopenCount ? <Descriptions.Item label="重新开启">{p.reopenCount} 次（见审计日志）</Descriptions.Item> : null}
            </Descriptions>
            {view.frozen ? (
              <Alert type="info" showIcon title={`结果已于 ${view.computedAt.slice(0, 10)} 固定：此后的发布、更正和撤回不再改变本期得分和排名。`} />
            ) : (
              <Alert type="warning" showIcon title="考评进行中：得分随监测数据实时变化，结束考评后才固定。" />
            )}
            {view.notes.map((n) => (
              <Alert key={n} type="info" title={n} />
            ))}
            <Space wrap>
              <Button icon={<DownloadOutlined />} href={`/api/v1/assessments/${encodeURIComponent(p.id)}/export.xlsx`}>
                导出 Excel
              </Button>
              <Button icon={<FilePdfOutlined />} href={`/api/v1/assessments/${encodeURIComponent(p.id)}/report.pdf`} target="_blank">
                打印报告（PDF）
              </Button>
              {view.canManage && p.status === 'open' ? (
                <>
                  <Button
                    icon={<EditOutlined />}
                    onClick={() => setEditing({ mode: 'edit', set: p.set, kind: p.kind, year: Number(p.startDate.slice(0, 4)), quarter: 1, name: p.name })}
                  >
                    修改指标
                  </Button>
                  <Popconfirm
                    title="结束考评并固定结果？"
                    description="考评期未满或人工评分未录完时，未录入项按0分计。"
                    okText="结束并固定"
                    cancelText="取消"
                    onConfirm={() => act('close', { allowIncomplete: true }, '考评已结束，结果已固定')}
                  >
                    <Button type="primary" icon={<LockOutlined />}>
                      结束考评
                    </Button>
                  </Popconfirm>
                </>
              ) : null}
              {view.canManage && p.status === 'closed' ? (
                <Button icon={<UnlockOutlined />} onClick={() => setReopenOpen(true)}>
                  重新开启
                </Button>
              ) : null}
            </Space>
          </Space>
        ) : null}
      </Card>

      {view ? (
        <>
          <Row gutter={[16, 16]}>
            {view.summary
              .filter((s) => s.units > 0)
              .map((s) => (
                <Col key={s.group} xs={24} md={8}>
                  <Card size="small" title={s.label}>
                    <Space size={24} wrap>
                      <Statistic title="单位" value={s.units} />
                      <Statistic title="合格" value={s.passed} styles={{ content: { color: '#2e7d32' } }} />
                      <Statistic title="不合格" value={s.failed} styles={{ content: { color: s.failed ? '#c62828' : undefined } }} />
                      <Statistic title="单项否决" value={s.vetoed} />
                      <Statistic title="平均分" value={s.average ?? '—'} precision={s.average === null ? undefined : 2} />
                    </Space>
                  </Card>
                </Col>
              ))}
          </Row>
          <Card size="small" title="考评结果分布">
            <img src={`/api/v1/assessments/${encodeURIComponent(view.period.id)}/charts/grades.svg`} alt="考评结果分布图" style={{ maxWidth: '100%' }} />
          </Card>
          <Card size="small" title="排名">
            <Tabs
              items={[
                ...view.rankings
                  .filter((r) => r.items.length > 0)
                  .map((r) => ({
                    key: r.group,
                    label: r.group === 'village' ? '村（社区）全县排名' : `${r.label}排名`,
                    children: (
                      <Space orientation="vertical" style={{ width: '100%' }}>
                        {r.group !== 'village' ? (
                          <img
                            src={`/api/v1/assessments/${encodeURIComponent(view.period.id)}/charts/${r.group}.svg`}
                            alt={`${r.label}得分图`}
                            style={{ maxWidth: '100%' }}
                          />
                        ) : null}
                        <RankTable rows={r.items} periodId={view.period.id} townColumn={r.group === 'village'} />
                      </Space>
                    ),
                  })),
                ...(view.villagesByTown.length
                  ? [
                      {
                        key: 'by-town',
                        label: '村（社区）镇内排名',
                        children: (
                          <Space orientation="vertical" style={{ width: '100%' }}>
                            {view.villagesByTown.map((t) => (
                              <Card key={t.town.code} size="small" type="inner" title={t.town.name}>
                                <RankTable rows={t.items} periodId={view.period.id} rankLabel="镇内排名" />
                              </Card>
                            ))}
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </>
      ) : null}

      <Modal
        open={!!editing}
        width={1200}
        title={editing?.mode === 'create' ? '新建考评' : '修改指标体系'}
        okText="保存"
        cancelText="取消"
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        {editing && meta ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {editing.mode === 'create' ? (
              <Form layout="inline">
                <Form.Item label="类型">
                  <Select
                    style={{ width: 110 }}
                    value={editing.kind}
                    onChange={(kind) => setEditing({ ...editing, kind })}
                    options={[
                      { value: 'quarter', label: '季度考评' },
                      { value: 'year', label: '年度考评' },
                    ]}
                  />
                </Form.Item>
                <Form.Item label="年份">
                  <InputNumber min={2023} max={2100} value={editing.year} onChange={(v) => setEditing({ ...editing, year: Number(v ?? thisYear) })} />
                </Form.Item>
                {editing.kind === 'quarter' ? (
                  <Form.Item label="季度">
                    <Select
                      style={{ width: 110 }}
                      value={editing.quarter}
                      onChange={(quarter) => setEditing({ ...editing, quarter })}
                      options={[1, 2, 3, 4].map((q) => ({ value: q, label: `第${q}季度` }))}
                    />
                  </Form.Item>
                ) : null}
              </Form>
            ) : null}
            <Input
              aria-label="考评名称"
              placeholder="考评名称（留空按期间自动生成）"
              value={editing.name}
              onChange={(e) => setEditing({ ...editing, name: e.target.value })}
            />
            <SetEditor value={editing.set} meta={meta} onChange={(set) => setEditing({ ...editing, set })} />
          </Space>
        ) : null}
      </Modal>
      <Modal
        open={reopenOpen}
        title="重新开启考评"
        okText="重新开启"
        cancelText="取消"
        okButtonProps={{ disabled: !reopenReason.trim() }}
        onOk={async () => {
          await act('reopen', { reason: reopenReason }, '考评已重新开启');
          setReopenOpen(false);
          setReopenReason('');
        }}
        onCancel={() => setReopenOpen(false)}
      >
        <Typography.Paragraph>重新开启后，得分将按最新数据重新计算；原固定结果保留为历史，原因记入审计日志。</Typography.Paragraph>
        <Input.TextArea
          aria-label="重新开启的原因"
          rows={3}
          value={reopenReason}
          onChange={(e) => setReopenReason(e.target.value)}
          placeholder="请写明原因，如：某单位申请复核"
        />
      </Modal>
    </Space>
  );
}
