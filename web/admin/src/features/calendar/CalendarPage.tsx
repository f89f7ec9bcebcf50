import { useState } from 'react';
import { chinaToday } from '../../lib/china-day.ts';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, formatTime, post, put } from '../../lib/http.ts';
import { LoadFailed, apiQuery, queryClient, useApi } from '../../lib/query.tsx';
import { useSave } from '../../lib/save.tsx';
import {
  calendarError,
  calendarProblems,
  type AddWorkingDays,
  type CalendarDay,
  type CalendarYear,
  type ReplaceResult,
  type YearDetail,
  type YearList,
} from './api.ts';
import { isAdmin } from '../auth/api.ts';
import { useSession } from '../../lib/session.ts';

const KIND_LABEL: Record<string, string> = { holiday: '放假', adjusted_workday: '调休上班' };
const MISSING_TEXT = '未录入：相关期限按周末规则推算，标记为暂定';

const yearPath = (year: number) => `/api/v1/calendar/years/${year}`;
const yearRead = (year: number) => apiQuery<YearDetail>(['calendar', 'year'], yearPath(year));

function describeRecomputed(n: number): string {
  return `已按新日历重新计算 ${n} 个期限。`;
}

function MonthList({ days }: { days: CalendarDay[] }) {
  if (days.length === 0) return <Empty description="本年度没有录入节假日或调休" />;
  const byMonth = new Map<number, CalendarDay[]>();
  for (const d of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
    const m = Number(d.date.slice(5, 7));
    byMonth.set(m, [...(byMonth.get(m) ?? []), d]);
  }
  return (
    <Row gutter={[12, 12]}>
      {[...byMonth.entries()].map(([m, list]) => (
        <Col xs={24} sm={12} key={m}>
          <Card size="small" title={`${m} 月`}>
            {list.map((d) => (
              <div key={d.date} style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '2px 0' }}>
                <span style={{ fontVariantNumeric: 'tabular-nums', minWidth: 92 }}>
                  {d.date.slice(5)} {dayjs(d.date).format('ddd')}
                </span>
                <Tag color={d.kind === 'holiday' ? 'red' : 'blue'}>{KIND_LABEL[d.kind] ?? d.kind}</Tag>
                <span>{d.name}</span>
              </div>
            ))}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

interface EditRow {
  key: number;
  date: string;
  kind: CalendarDay['kind'];
  name: string;
}

/**
 * Runs one calendar write: the server's message (or 日历功能尚未启用 on an older server) stays shown until the next try;
 * refused data is shown as one list, a short summary above a line per problem (calendarProblems), not the server's
 * sentence that repeats them.
 */
function useCalendarSave() {
  const save = useSave();
  const [problems, setProblems] = useState<string[]>([]);
  const run = (write: () => Promise<unknown>) => {
    setProblems([]);
    return save.run(() =>
      write().catch((err: unknown) => {
        const found = calendarProblems(err);
        setProblems(found?.lines ?? []);
        throw new Error(found ? found.summary : calendarError(err));
      }),
    );
  };
  const fail = (message: string) => {
    setProblems([]);
    save.fail(message);
  };
  const clear = () => {
    setProblems([]);
    save.clear();
  };
  return { busy: save.busy, error: save.error, problems, run, fail, clear };
}

/** The lines of refused data under the summary, in the order the server found them. */
function ProblemList({ lines }: { lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <ol aria-label="需要改正的地方" style={{ margin: 0, paddingInlineStart: 22, maxHeight: 320, overflowY: 'auto' }}>
      {lines.map((line, n) => (
        <li key={n}>{line}</li>
      ))}
    </ol>
  );
}

function YearEditor({ year, initial, onClose }: { year: number; initial: YearDetail | null; onClose: () => void }) {
  const { message, modal } = App.useApp();
  const [notice, setNotice] = useState(initial?.sourceNotice ?? '');
  const [rows, setRows] = useState<EditRow[]>(() => (initial?.days ?? []).map((d, i) => ({ key: i, ...d })));
  const [nextKey, setNextKey] = useState(rows.length);
  const save = useCalendarSave();
  const { error, problems } = save;

  const update = (key: number, patch: Partial<EditRow>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = async () => {
    if (!notice.trim()) {
      save.fail('请填写依据文件（如国务院办公厅关于某年部分节假日安排的通知）');
      return;
    }
    const bad = rows.find((r) => !r.date || !r.name.trim() || !r.date.startsWith(`${year}-`));
    if (bad) {
      save.fail(bad.date && !bad.date.startsWith(`${year}-`) ? `日期 ${bad.date} 不在 ${year} 年` : '每一行都要填日期和名称');
      return;
    }
    const body = {
      sourceNotice: notice.trim(),
      days: [...rows].sort((a, b) => a.date.localeCompare(b.date)).map((r) => ({ date: r.date, kind: r.kind, name: r.name.trim() })),
    };
    let recomputed = 0;
    const saved = await save.run(async () => {
      recomputed = (await put<ReplaceResult>(yearPath(year), body)).recomputedDeadlines;
    });
    if (saved) {
      message.success(`${year} 年工作日历已保存`);
      modal.info({ title: `${year} 年工作日历已保存`, content: describeRecomputed(recomputed), okText: '知道了' });
      onClose();
    }
  };

  const columns: TableColumnsType<EditRow> = [
    {
      title: '日期',
      dataIndex: 'date',
      width: 160,
      render: (_, r) => (
        <DatePicker
          aria-label="日期"
          value={r.date ? dayjs(r.date) : null}
          onChange={(d: Dayjs | null) => update(r.key, { date: d ? d.format('YYYY-MM-DD') : '' })}
          defaultPickerValue={dayjs(`${year}-01-01`)}
          allowClear={false}
          style={{ width: '100%' }}
        />
      ),
    },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 130,
      render: (_, r) => (
        <Select
          aria-label="类型"
          value={r.kind}
          onChange={(k) => update(r.key, { kind: k })}
          options={[
            { value: 'holiday', label: '放假' },
            { value: 'adjusted_workday', label: '调休上班' },
          ]}
          style={{ width: '100%' }}
        />
      ),
    },
    {
      title: '名称',
      dataIndex: 'name',
      render: (_, r) => (
        <Input aria-label="名称" value={r.name} maxLength={40} placeholder="如：春节" onChange={(e) => update(r.key, { name: e.target.value })} />
      ),
    },
    {
      title: '删除',
      key: 'del',
      width: 64,
      render: (_, r) => (
        <Button type="text" danger aria-label={`删除 ${r.date}`} icon={<DeleteOutlined />} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} />
      ),
    },
  ];

  return (
    <Drawer
      open
      title={`编辑 ${year} 年工作日历`}
      size="large"
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={save.busy} onClick={() => void submit()}>
            保存
          </Button>
        </Space>
      }
    >
      <Form layout="vertical">
        <Form.Item label="依据文件" required extra="填写国务院办公厅当年节假日安排通知的文号或标题">
          <Input.TextArea
            value={notice}
            onChange={(e) => setNotice(e.target.value)}
            rows={2}
            maxLength={200}
            placeholder="如：国务院办公厅关于2026年部分节假日安排的通知（填写通知名称和文号）"
          />
        </Form.Item>
      </Form>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          description={problems.length > 0 ? <ProblemList lines={problems} /> : undefined}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<EditRow> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} locale={{ emptyText: '还没有日期，点击下方按钮添加' }} />
      <Button
        type="dashed"
        block
        icon={<PlusOutlined />}
        style={{ marginTop: 8 }}
        onClick={() => {
          setRows((rs) => [...rs, { key: nextKey, date: '', kind: 'holiday', name: '' }]);
          setNextKey((k) => k + 1);
        }}
      >
        添加一天
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        “放假”指法定节假日及调休放假的日子；“调休上班”指周末需要上班的日子。普通周末不用填写。
      </Typography.Paragraph>
    </Drawer>
  );
}

function DeadlineCalculator() {
  const [from, setFrom] = useState<Dayjs | null>(chinaToday());
  const [days, setDays] = useState<number | null>(20);
  // The question 计算 was pressed for: its answer is a read like any other.
  const [asked, setAsked] = useState<{ from: string; days: number } | null>(null);
  const read = useApi<AddWorkingDays>(['calendar', 'add-working-days'], asked && '/api/v1/calendar/add-working-days', asked ?? undefined);
  const result = read.data;
  const calc = () => {
    if (from && days) setAsked({ from: from.format('YYYY-MM-DD'), days });
  };

  const due = result?.date;
  const provisional = result?.provisional === true;

  return (
    <Card title="期限计算器" size="small">
      <Form layout="inline" onFinish={calc} style={{ rowGap: 8 }}>
        <Form.Item label="起算日期" htmlFor="calc-from">
          <DatePicker id="calc-from" value={from} onChange={setFrom} allowClear={false} />
        </Form.Item>
        <Form.Item label="工作日数" htmlFor="calc-days">
          <InputNumber
            id="calc-days"
            min={1}
            max={1000}
            value={days}
            onChange={(v) => setDays(typeof v === 'number' ? v : null)}
            suffix="个工作日"
            style={{ width: 160 }}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={read.isFetching}>
            计算
          </Button>
        </Form.Item>
      </Form>
      <LoadFailed query={read} what="计算结果" title={read.isError ? calendarError(read.error) : undefined} style={{ marginTop: 12 }} />
      {result && (
        <div style={{ marginTop: 12 }} aria-live="polite">
          <Typography.Paragraph style={{ fontSize: 16, marginBottom: 8 }}>
            截止日期：<Typography.Text strong>{due ? `${String(due)}（${dayjs(String(due)).format('dddd')}）` : '—'}</Typography.Text>
            {provisional && (
              <Tag color="orange" style={{ marginInlineStart: 8 }}>
                暂定
              </Tag>
            )}
          </Typography.Paragraph>
          {provisional && <Alert type="warning" showIcon title={result.reason ?? '相关年度的节假日安排未录入，期限按周末规则推算，仅供参考。'} />}
        </div>
      )}
    </Card>
  );
}

export function CalendarPage() {
  const { user } = useSession();
  const admin = isAdmin(user);
  const { message } = App.useApp();
  const read = useApi<YearList>(['calendar', 'years'], '/api/v1/calendar/years');
  const list = read.data;
  const [viewYear, setViewYear] = useState<number | null>(null);
  const detailRead = useApi<YearDetail>(['calendar', 'year'], viewYear === null ? null : yearPath(viewYear));
  const detail = detailRead.data;
  const [editing, setEditing] = useState<{ year: number; initial: YearDetail | null } | null>(null);
  const importing = useCalendarSave();
  const [newYear, setNewYear] = useState<number | null>(null);

  const startEdit = async (year: number) => {
    let initial: YearDetail | null = null;
    try {
      initial = await queryClient.fetchQuery(yearRead(year));
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404 && err.code !== 'NOT_FOUND')) {
        message.error(calendarError(err));
        return;
      }
    }
    setEditing({ year, initial });
  };

  const importFile = async (file: File) => {
    importing.clear();
    let body: unknown;
    try {
      const parsed: unknown = JSON.parse(await file.text());
      body = Array.isArray(parsed) ? { years: parsed } : parsed;
    } catch {
      importing.fail(`文件“${file.name}”不是有效的 JSON 文件`);
      return;
    }
    if (!body || typeof body !== 'object' || !Array.isArray((body as { years?: unknown }).years)) {
      importing.fail('文件格式不对：应为 {"years":[{"year":2026,"sourceNotice":"…","days":[…]}]}');
      return;
    }
    const n = (body as { years: unknown[] }).years.length;
    await importing.run(async () => {
      const res = await post<ReplaceResult>('/api/v1/calendar/import', body);
      message.success(`已导入 ${n} 个年度。${describeRecomputed(res.recomputedDeadlines)}`);
    });
  };

  const columns: TableColumnsType<CalendarYear> = [
    { title: '年度', dataIndex: 'year', width: 80, render: (y: number) => <Typography.Text strong>{y}</Typography.Text> },
    {
      title: '状态',
      dataIndex: 'status',
      render: (_, r) => (r.status === 'official' ? <Tag color="green">已录入官方安排</Tag> : <Typography.Text type="danger">{MISSING_TEXT}</Typography.Text>),
    },
    { title: '放假天数', dataIndex: 'holidayCount', width: 90 },
    { title: '调休上班', dataIndex: 'adjustedWorkdayCount', width: 90 },
    { title: '依据文件', dataIndex: 'sourceNotice', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '更新',
      dataIndex: 'updatedAt',
      width: 170,
      render: (_, r) => (r.updatedAt ? `${formatTime(r.updatedAt)}${r.updatedBy ? ` ${r.updatedBy}` : ''}` : '—'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_, r) => (
        <Space size={4}>
          <Button size="small" onClick={() => setViewYear(r.year)}>
            查看
          </Button>
          {admin && (
            <Button size="small" icon={<EditOutlined />} onClick={() => void startEdit(r.year)}>
              {r.status === 'missing' ? '录入' : '编辑'}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="工作日历"
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              void read.refetch();
              if (viewYear !== null) void detailRead.refetch();
            }}
          >
            刷新
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          依法计算答复期限、公开时限时，按国务院公布的节假日安排扣除放假日、计入调休上班日。
          {admin ? '每年国务院通知发布后请及时录入。' : '日历由县政府办维护。'}
        </Typography.Paragraph>
        {read.isError ? (
          <LoadFailed query={read} what="工作日历" title={`无法读取工作日历：${calendarError(read.error)}`} />
        ) : (
          <>
            {list && list.missingYears.length > 0 && (
              <Alert type="error" showIcon title={`未录入年度：${list.missingYears.join('、')}`} description={MISSING_TEXT} style={{ marginBottom: 12 }} />
            )}
            <Table<CalendarYear>
              rowKey="year"
              size="small"
              columns={columns}
              dataSource={list?.items ?? []}
              loading={read.isFetching}
              pagination={false}
              scroll={{ x: 820 }}
              onRow={(r) => (r.status === 'missing' ? { style: { background: '#fff1f0' } } : {})}
              locale={{ emptyText: '暂无日历数据' }}
            />
          </>
        )}
        {admin && (
          <Space wrap style={{ marginTop: 16 }}>
            <Upload accept=".json,application/json" showUploadList={false} beforeUpload={(file) => (void importFile(file), false)}>
              <Button icon={<UploadOutlined />} loading={importing.busy}>
                导入 JSON 文件
              </Button>
            </Upload>
            <Space.Compact>
              <InputNumber
                aria-label="其他年度"
                placeholder="其他年度"
                min={2000}
                max={2100}
                value={newYear}
                onChange={(v) => setNewYear(typeof v === 'number' ? v : null)}
              />
              <Button icon={<PlusOutlined />} disabled={!newYear} onClick={() => newYear && void startEdit(newYear)}>
                录入该年度
              </Button>
            </Space.Compact>
          </Space>
        )}
        {importing.error && (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: importing.clear }}
            title={`导入失败：${importing.error}`}
            description={importing.problems.length > 0 ? <ProblemList lines={importing.problems} /> : undefined}
            style={{ marginTop: 12 }}
          />
        )}
      </Card>

      {viewYear !== null && (
        <Card title={`${viewYear} 年节假日与调休`} extra={<Button onClick={() => setViewYear(null)}>收起</Button>}>
          {detailRead.isError ? (
            <LoadFailed query={detailRead} what="这一年的日历" title={detailRead.isError ? calendarError(detailRead.error) : undefined} />
          ) : detailRead.isFetching || !detail ? (
            <Spin />
          ) : (
            <>
              <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
                <Descriptions.Item label="状态">
                  {detail.status === 'official' ? <Tag color="green">已录入官方安排</Tag> : <Typography.Text type="danger">{MISSING_TEXT}</Typography.Text>}
                </Descriptions.Item>
                <Descriptions.Item label="依据文件">{detail.sourceNotice ?? '—'}</Descriptions.Item>
              </Descriptions>
              <MonthList days={detail.days} />
            </>
          )}
        </Card>
      )}

      <DeadlineCalculator />

      {editing && <YearEditor year={editing.year} initial={editing.initial} onClose={() => setEditing(null)} />}
    </Space>
  );
}
