/**
 * 档案管理: the archive of the units in the user's scope — browse items (volume = unit × year × class), the yearly
 * volumes, the filing queue (records whose display period has ended) and registering a non-disclosed paper record.
 * Every read and write is decided by the server (archives.policy.ts); the buttons only follow the user's roles.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, InputNumber, Select, Space, Switch, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { post } from '../../lib/http.ts';
import { navigate } from '../../lib/router.ts';
import { useSession } from '../../lib/session.ts';
import { useApi } from '../../lib/query.tsx';
import { PagedTable, usePaging } from '../../lib/paged-table.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import { UnitSelect } from '../../lib/components.tsx';
import { UnitFilter } from './UnitFilter.tsx';
import {
  KIND_TEXT,
  STATUS_TEXT,
  isKeeper,
  type Browse,
  type ItemView,
  type QueueEntry,
  type QueueList,
  type ScheduleView,
  type Volume,
  type VolumeList,
} from './api.ts';

const thisYear = new Date().getFullYear();

const useSchedule = () => useApi<ScheduleView>(['archives', 'schedule'], '/api/v1/archives/schedule', undefined, { staleTime: 300_000 });

function ItemLink({ item }: { item: Pick<ItemView, 'id' | 'archivalCode'> }) {
  return (
    <Typography.Link
      href={`/admin/archives/items/${item.id}`}
      onClick={(e) => {
        e.preventDefault();
        navigate(`/archives/items/${item.id}`);
      }}
    >
      {item.archivalCode}
    </Typography.Link>
  );
}

function BrowseTab({ initialUnit }: { initialUnit?: string }) {
  const schedule = useSchedule();
  const [unit, setUnit] = useState<string | undefined>(initialUnit);
  const [year, setYear] = useState<number | undefined>();
  const [classCode, setClassCode] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>('filed');
  const [appraisal, setAppraisal] = useState(false);
  const [q, setQ] = useState('');
  const paging = usePaging(20);
  const list = useApi<Browse>(
    ['archives', 'items'],
    '/api/v1/archives/items',
    { unitCode: unit, year, classCode, status, q: q.trim() || undefined, dueForAppraisal: appraisal || undefined, ...paging.limits },
    { keepPrevious: true },
  );
  const columns: TableColumnsType<ItemView> = [
    { title: '档号', dataIndex: 'archivalCode', width: 190, render: (_: string, r) => <ItemLink item={r} /> },
    {
      title: '题名',
      dataIndex: 'title',
      render: (v: string, r) => (
        <Space size={4} wrap>
          {v}
          {r.isDemo && <Tag>演示</Tag>}
          {r.legalHold && <Tag color="purple">法律保全</Tag>}
          {r.dueForAppraisal && <Tag color="orange">保管期满待鉴定</Tag>}
          {r.inCustody && <Tag color="blue">{`代管：${r.custody.name}`}</Tag>}
        </Space>
      ),
    },
    { title: '单位', dataIndex: ['unit', 'name'], width: 130 },
    { title: '类别', dataIndex: 'className', width: 120 },
    { title: '保管期限', dataIndex: 'retentionLabel', width: 90 },
    {
      title: '来源',
      dataIndex: 'kind',
      width: 120,
      render: (v: string, r) => (
        <>
          {KIND_TEXT[v] ?? v}
          {r.paperLocation && (
            <>
              <br />
              <Typography.Text type="secondary">存放：{r.paperLocation}</Typography.Text>
            </>
          )}
        </>
      ),
    },
    { title: '状态', dataIndex: 'status', width: 80, render: (v: string) => <Tag color={v === 'filed' ? 'green' : 'default'}>{STATUS_TEXT[v] ?? v}</Tag> },
  ];
  const reset = () => paging.setPage(1);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Form layout="inline" style={{ rowGap: 8 }}>
        <UnitFilter
          unit={unit}
          onChange={(v) => {
            setUnit(v);
            reset();
          }}
        />
        <Form.Item label="年度">
          <InputNumber
            aria-label="年度"
            min={1990}
            max={thisYear + 1}
            value={year}
            onChange={(v) => {
              setYear(v ?? undefined);
              reset();
            }}
            placeholder="全部"
          />
        </Form.Item>
        <Form.Item label="类别">
          <Select
            aria-label="类别"
            allowClear
            placeholder="全部类别"
            style={{ width: 180 }}
            value={classCode}
            onChange={(v: string | undefined) => {
              setClassCode(v);
              reset();
            }}
            options={(schedule.data?.classes ?? []).map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))}
          />
        </Form.Item>
        <Form.Item label="状态">
          <Select
            aria-label="状态"
            allowClear
            placeholder="全部"
            style={{ width: 110 }}
            value={status}
            onChange={(v: string | undefined) => {
              setStatus(v);
              reset();
            }}
            options={[
              { value: 'filed', label: '在库' },
              { value: 'destroyed', label: '已销毁' },
            ]}
          />
        </Form.Item>
        <Form.Item label="只看保管期满待鉴定">
          <Switch
            checked={appraisal}
            onChange={(v) => {
              setAppraisal(v);
              reset();
            }}
          />
        </Form.Item>
        <Form.Item label="查找">
          <Input.Search
            aria-label="查找"
            allowClear
            placeholder="题名或档号"
            onSearch={(v) => {
              setQ(v);
              reset();
            }}
            style={{ width: 220 }}
          />
        </Form.Item>
        <Form.Item>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
            刷新
          </Button>
        </Form.Item>
      </Form>
      <PagedTable<ItemView>
        query={list}
        what="档案"
        paging={paging}
        unit="件"
        rowKey="id"
        size="middle"
        columns={columns}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description="没有符合条件的档案" /> }}
      />
    </Space>
  );
}

function VolumesTab() {
  const { user } = useSession();
  const [unit, setUnit] = useState<string | undefined>(user.roles[0]?.unitCode);
  const paging = usePaging(20);
  const volumes = useApi<VolumeList>(['archives', 'volumes'], unit ? `/api/v1/archives/units/${encodeURIComponent(unit)}/volumes` : null, paging.limits, {
    keepPrevious: true,
  });
  const columns: TableColumnsType<Volume> = [
    { title: '年度', dataIndex: 'year', width: 80 },
    { title: '类别', dataIndex: 'className', render: (v: string, r) => `${r.classCode} ${v}` },
    { title: '保管期限', dataIndex: 'retentionLabel', width: 100 },
    { title: '件数', dataIndex: 'items', width: 80 },
    { title: '已销毁', dataIndex: 'destroyed', width: 80 },
  ];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Form layout="inline">
        <Form.Item label="单位" style={{ minWidth: 300 }}>
          <UnitSelect
            value={unit}
            onChange={(v) => {
              setUnit(v);
              paging.setPage(1);
            }}
          />
        </Form.Item>
        {unit && (
          <Form.Item>
            <Space wrap>
              <Button icon={<PrinterOutlined />} href={`/api/v1/archives/units/${encodeURIComponent(unit)}/signs/storage`} target="_blank">
                打印档案库房标识牌（A4）
              </Button>
              <Button icon={<PrinterOutlined />} href={`/api/v1/archives/units/${encodeURIComponent(unit)}/signs/reading`} target="_blank">
                打印查阅点标识牌（A4）
              </Button>
            </Space>
          </Form.Item>
        )}
      </Form>
      {!unit ? (
        <Empty description="请选择单位" />
      ) : (
        <PagedTable<Volume>
          query={volumes}
          what="年度卷"
          paging={paging}
          unit="卷"
          rowKey={(r) => `${r.unitCode}-${r.year}-${r.classCode}`}
          size="middle"
          columns={columns}
          locale={{ emptyText: <Empty description="该单位还没有归档的档案" /> }}
        />
      )}
    </Space>
  );
}

function QueueTab({ keeper }: { keeper: boolean }) {
  const { message } = App.useApp();
  const [unit, setUnit] = useState<string | undefined>();
  const paging = usePaging(20);
  const queue = useApi<QueueList>(['archives', 'queue'], '/api/v1/archives/queue', { unitCode: unit, ...paging.limits }, { keepPrevious: true });
  const pickUnit = (v: string | undefined) => {
    setUnit(v);
    paging.setPage(1);
  };
  const save = useSave({ toast: true });
  // The row being filed (its button spins).
  const [filing, setFiling] = useState<string | null>(null);
  const file = async (e: QueueEntry) => {
    setFiling(e.disclosureId);
    await save.run(async () => {
      const item = await post<ItemView>('/api/v1/archives/items/file', { disclosureId: e.disclosureId });
      message.success(`已归档，档号 ${item.archivalCode}`);
    });
  };
  const columns: TableColumnsType<QueueEntry> = [
    {
      title: '公开记录',
      dataIndex: 'title',
      render: (v: string, r) => (
        <>
          {v}
          <br />
          <Typography.Text type="secondary">{r.indexNo ?? ''}</Typography.Text>
        </>
      ),
    },
    { title: '单位', dataIndex: ['unit', 'name'], width: 130 },
    { title: '公示期满', dataIndex: 'displayEnd', width: 110 },
    {
      title: '建议类别（县级表）',
      dataIndex: 'proposedClass',
      width: 200,
      render: (c: QueueEntry['proposedClass'], r) =>
        c ? `${r.year} 年 · ${c.code} ${c.name}（${c.retentionLabel}）` : <Typography.Text type="warning">县级表未覆盖，请档案管理员选类别</Typography.Text>,
    },
    ...(keeper
      ? [
          {
            title: '操作',
            key: 'op',
            width: 110,
            render: (_: unknown, r: QueueEntry) => (
              <Button type="primary" disabled={!r.proposedClass} loading={save.busy && filing === r.disclosureId} onClick={() => void file(r)}>
                归档
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Form layout="inline">
        <UnitFilter unit={unit} onChange={pickUnit} />
      </Form>
      <PagedTable<QueueEntry>
        query={queue}
        what="待归档记录"
        paging={paging}
        unit="条"
        rowKey="disclosureId"
        size="middle"
        columns={columns}
        locale={{ emptyText: <Empty description="没有公示期满待归档的记录" /> }}
      />
    </Space>
  );
}

interface RecordForm {
  unitCode: string;
  classCode: string;
  year: number;
  title: string;
  recordType: string;
  formedOn: Dayjs;
  paperLocation: string;
  pages?: number;
  note?: string;
}

function RecordTab() {
  const { message } = App.useApp();
  const schedule = useSchedule();
  const [form] = Form.useForm<RecordForm>();
  const save = useSave();
  const submit = (v: RecordForm) =>
    save.run(async () => {
      const item = await post<ItemView>('/api/v1/archives/items/records', { ...v, formedOn: v.formedOn.format('YYYY-MM-DD'), note: v.note || null });
      message.success(`已登记，档号 ${item.archivalCode}`);
      navigate(`/archives/items/${item.id}`);
    });
  return (
    <Form<RecordForm> form={form} layout="vertical" style={{ maxWidth: 640 }} onFinish={(v) => void submit(v)} initialValues={{ year: thisYear }}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="会议记录、合同、财务凭证等不公开的纸质档案在这里登记，写明存放位置；登记后可上传扫描件。"
      />
      <Form.Item name="unitCode" label="所属单位" rules={[{ required: true, message: '请选择单位' }]}>
        <UnitSelect />
      </Form.Item>
      <Form.Item name="classCode" label="档案类别" rules={[{ required: true, message: '请选择类别' }]}>
        <Select
          options={(schedule.data?.classes ?? []).filter((c) => c.active).map((c) => ({ value: c.code, label: `${c.code} ${c.name}（${c.retentionLabel}）` }))}
        />
      </Form.Item>
      <Space size={16} wrap>
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={1990} max={thisYear + 1} />
        </Form.Item>
        <Form.Item name="formedOn" label="形成日期" rules={[{ required: true, message: '请选择形成日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="pages" label="页数">
          <InputNumber min={1} max={100000} />
        </Form.Item>
      </Space>
      <Form.Item name="title" label="题名" rules={[{ required: true, whitespace: true, message: '请填写题名' }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="recordType" label="档案形式" rules={[{ required: true, whitespace: true, message: '请填写档案形式' }]}>
        <Input maxLength={40} placeholder="例如：会议记录、合同、凭证" />
      </Form.Item>
      <Form.Item name="paperLocation" label="存放位置" rules={[{ required: true, whitespace: true, message: '请填写存放位置' }]}>
        <Input maxLength={200} placeholder="例如：村档案室 2 号柜第 3 层" />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
      <SaveError save={save} style={{ marginBottom: 16 }} />
      <Button type="primary" htmlType="submit" size="large" loading={save.busy}>
        登记
      </Button>
    </Form>
  );
}

export function ArchivesPage() {
  const { user } = useSession();
  const keeper = isKeeper(user.roles);
  const initialUnit = new URLSearchParams(window.location.search).get('unit') ?? undefined;
  const items = [
    { key: 'browse', label: '档案检索', children: <BrowseTab initialUnit={initialUnit} /> },
    { key: 'volumes', label: '年度卷', children: <VolumesTab /> },
    { key: 'queue', label: '待归档', children: <QueueTab keeper={keeper} /> },
    ...(keeper ? [{ key: 'record', label: '登记纸质档案', children: <RecordTab /> }] : []),
  ];
  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          档案管理
        </Typography.Title>
        <Button onClick={() => navigate('/archives/boards')}>公开栏与巡查</Button>
      </Space>
      <Tabs items={items} style={{ marginTop: 8 }} destroyOnHidden />
    </Card>
  );
}
