import { useEffect, useMemo, useState } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { chinaToday } from '../../lib/china-day.ts';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { TableColumnsType } from 'antd';
import {
  DeleteOutlined,
  DiffOutlined,
  DownloadOutlined,
  EditOutlined,
  FileAddOutlined,
  PlusOutlined,
  ReloadOutlined,
  SendOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ApiError, del, formatTime, patch, post, upload, withQuery } from '../../lib/http.ts';
import type { CatalogImport, ImportProblem } from '../../../../../src/modules/catalog/catalog.schemas.ts';
import { LoadFailed, apiQuery, useApi } from '../../lib/query.tsx';
import { useSave } from '../../lib/save.tsx';
import { isAdmin } from '../auth/api.ts';
import { useSession } from '../../lib/session.ts';
import {
  CATALOG_LABELS,
  CATALOG_OPTIONS,
  Channels,
  FIELD_LABELS,
  ItemDetailDrawer,
  ItemFormDrawer,
  LEVEL_TEXT,
  STATUS_TAG,
  fieldText,
  itemName,
  useDomains,
  type CatalogDomain,
  type CatalogItem,
  type CatalogKind,
  type CatalogVersion,
  type CurrentItems,
  type ItemBody,
  type VersionList,
  type VersionDiff,
} from './shared.tsx';

/** The standard columns of an items table; `actions` adds a last column. */
function itemColumns(actions?: (i: CatalogItem) => React.ReactNode, showDomain = false): TableColumnsType<CatalogItem> {
  const cols: TableColumnsType<CatalogItem> = [
    ...(showDomain ? [{ title: '领域/类别', dataIndex: 'domainName', width: 110 }] : []),
    { title: '一级事项', dataIndex: 'level1', width: 140 },
    { title: '二级事项', dataIndex: 'level2', width: 150, render: (v: string) => v || '—' },
    {
      title: '公开内容（要素）',
      dataIndex: 'elements',
      width: 240,
      render: (v: string[]) => (
        <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ margin: 0 }}>
          {v.join('；') || '—'}
        </Typography.Paragraph>
      ),
    },
    { title: '公开时限', dataIndex: 'timeRuleText', width: 170 },
    { title: '公示期', dataIndex: 'displayRuleText', width: 110, render: (v: string) => v || '—' },
    { title: '公开主体', dataIndex: 'subject', width: 140 },
    { title: '渠道', dataIndex: 'channels', width: 170, render: (_, i) => <Channels channels={i.channels} /> },
    { title: '层级', dataIndex: 'levels', width: 80, render: (v: string[]) => v.map((l) => LEVEL_TEXT[l] ?? l).join('、') || '—' },
  ];
  if (actions) cols.push({ title: '操作', key: 'actions', width: 130, fixed: 'end', render: (_, i) => actions(i) });
  return cols;
}

type VersionItems = { version: CatalogVersion; items: CatalogItem[] };
/** One version's items (the editor's list and the 事项数 column read the same cache entry). */
const versionRead = (id: string) => apiQuery<VersionItems>(['catalog', 'version'], `/api/v1/catalog/versions/${id}`);

/** Left: domains with counts; right: the items of the selected domain. */
function DomainBrowser({
  domains,
  items,
  loading,
  actions,
  extra,
}: {
  domains: CatalogDomain[];
  items: CatalogItem[];
  loading: boolean;
  actions?: (i: CatalogItem) => React.ReactNode;
  extra?: (domain: string | null) => React.ReactNode;
}) {
  const [domain, setDomain] = useState<string | null>(null);
  const [detail, setDetail] = useState<CatalogItem | null>(null);
  const [q, setQ] = useState('');
  useEffect(() => setDomain(null), [domains]);
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const i of items) m.set(i.domainCode, (m.get(i.domainCode) ?? 0) + 1);
    return m;
  }, [items]);
  const needle = q.trim();
  const shown = items.filter(
    (i) => (!domain || i.domainCode === domain) && (!needle || `${i.level1}${i.level2}${i.elements.join('')}${i.subject}`.includes(needle)),
  );
  const domainName = domains.find((d) => d.code === domain)?.name;
  const entries = [
    { code: null as string | null, name: '全部', count: items.length },
    ...domains.map((d) => ({ code: d.code as string | null, name: d.name, count: counts.get(d.code) ?? 0 })),
  ];

  return (
    <Row gutter={16}>
      <Col xs={24} md={7} lg={6} xl={5}>
        <nav aria-label="领域列表" style={{ maxHeight: 640, overflowY: 'auto', border: '1px solid #f0f0f0', borderRadius: 4 }}>
          {entries.map((d) => (
            <button
              key={d.code ?? 'all'}
              type="button"
              aria-current={domain === d.code ? 'true' : undefined}
              onClick={() => setDomain(d.code)}
              style={{
                display: 'flex',
                width: '100%',
                justifyContent: 'space-between',
                gap: 8,
                padding: '7px 12px',
                border: 'none',
                borderBottom: '1px solid #f5f5f5',
                background: domain === d.code ? '#fbeae8' : 'transparent',
                color: domain === d.code ? '#b8322a' : undefined,
                fontWeight: domain === d.code ? 600 : undefined,
                cursor: 'pointer',
                textAlign: 'left',
                fontSize: 14,
              }}
            >
              <span>{d.name}</span>
              <span style={{ color: '#8c8c8c' }}>{d.count}</span>
            </button>
          ))}
        </nav>
      </Col>
      <Col xs={24} md={17} lg={18} xl={19}>
        <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text strong>
            {domainName ?? '全部领域'}（{shown.length} 项）
          </Typography.Text>
          <Space wrap>
            <Input.Search allowClear placeholder="搜索事项、内容或主体" onSearch={setQ} onChange={(e) => !e.target.value && setQ('')} style={{ width: 240 }} />
            {extra?.(domain)}
          </Space>
        </Space>
        <Table<CatalogItem>
          rowKey="id"
          size="small"
          loading={loading}
          columns={itemColumns(actions, !domain)}
          dataSource={shown}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: actions ? 1450 : 1320 }}
          onRow={(i) => ({ onClick: (e) => !(e.target as HTMLElement).closest('button') && setDetail(i), style: { cursor: 'pointer' } })}
          locale={{ emptyText: '没有事项' }}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          点击一行查看全部内容（含公开依据和来源）。渠道：■ 必选 □ 可选。
        </Typography.Text>
      </Col>
      <ItemDetailDrawer item={detail} onClose={() => setDetail(null)} />
    </Row>
  );
}

function exportUrl(q: { catalog?: string; domain?: string | null; version?: string }) {
  return withQuery('/api/v1/catalog/export.xlsx', { catalog: q.catalog, domain: q.domain ?? undefined, version: q.version });
}

function StandardCatalog() {
  const [catalog, setCatalog] = useState<CatalogKind>('government');
  const domains = useDomains(catalog);
  const read = useApi<CurrentItems>(['catalog', 'items'], '/api/v1/catalog/items', { catalog });
  const data = read.data;
  const version = data?.versions[0];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented aria-label="选择目录" value={catalog} onChange={(v) => setCatalog(v as CatalogKind)} options={CATALOG_OPTIONS} />
        {version && (
          <Typography.Text type="secondary">
            现行第 {version.number} 版{version.effectiveFrom ? `，${version.effectiveFrom} 起施行` : ''}
          </Typography.Text>
        )}
      </Space>
      {read.isError ? (
        <LoadFailed query={read} what="目录" />
      ) : (
        <DomainBrowser
          domains={domains}
          items={data?.items ?? []}
          loading={read.isFetching}
          extra={(domain) => (
            <Button icon={<DownloadOutlined />} href={exportUrl({ catalog, domain })} download>
              {domain ? '导出本领域 Excel' : '导出 Excel'}
            </Button>
          )}
        />
      )}
    </>
  );
}

/** The rows of a refused import (400 IMPORT_INVALID: `error.details` is the server's list of problems). */
function problemsOf(err: unknown): ImportProblem[] {
  if (!(err instanceof ApiError) || err.code !== 'IMPORT_INVALID' || !Array.isArray(err.details)) return [];
  return err.details as ImportProblem[];
}

function DiffView({ versions, catalog }: { versions: CatalogVersion[]; catalog: CatalogKind }) {
  const [from, setFrom] = useState<string | undefined>();
  const [to, setTo] = useState<string | undefined>();
  // The pair 对比 was pressed for: its diff is a read like any other.
  const [compared, setCompared] = useState<{ from: string; to: string } | null>(null);
  const diffRead = useApi<VersionDiff>(['catalog', 'diff'], compared ? `/api/v1/catalog/versions/${compared.from}/diff/${compared.to}` : null);
  const diff = diffRead.data;

  useEffect(() => {
    // Default: the version in force against the newest other one.
    const sorted = [...versions].sort((a, b) => b.number - a.number);
    setFrom(sorted[1]?.id);
    setTo(sorted[0]?.id);
    setCompared(null);
  }, [versions, catalog]);

  const options = [...versions].sort((a, b) => b.number - a.number).map((v) => ({ value: v.id, label: `第 ${v.number} 版（${STATUS_TAG[v.status].text}）` }));
  return (
    <Card size="small" title="对比两个版本">
      <Space wrap>
        <Select aria-label="原版本" placeholder="原版本" value={from} onChange={setFrom} options={options} style={{ width: 180 }} />
        <span>→</span>
        <Select aria-label="新版本" placeholder="新版本" value={to} onChange={setTo} options={options} style={{ width: 180 }} />
        <Button
          type="primary"
          icon={<DiffOutlined />}
          disabled={!from || !to || from === to}
          loading={diffRead.isFetching}
          onClick={() => from && to && setCompared({ from, to })}
        >
          对比
        </Button>
      </Space>
      <LoadFailed query={diffRead} what="两版的对比" style={{ marginTop: 12 }} />
      {diff && (
        <div style={{ marginTop: 12 }} aria-label="对比结果">
          <Typography.Paragraph>
            第 {diff.from.number} 版 → 第 {diff.to.number} 版：新增 <Typography.Text strong>{diff.added.length}</Typography.Text> 项，删除{' '}
            <Typography.Text strong>{diff.removed.length}</Typography.Text> 项，修改 <Typography.Text strong>{diff.changed.length}</Typography.Text> 项，未变{' '}
            {diff.unchanged} 项。
          </Typography.Paragraph>
          {diff.added.length > 0 && (
            <>
              <Typography.Title level={5}>新增</Typography.Title>
              <List
                size="small"
                dataSource={diff.added}
                renderItem={(i) => (
                  <List.Item>
                    <Tag color="green">新增</Tag>
                    {i.domainName} · {itemName(i)}
                  </List.Item>
                )}
              />
            </>
          )}
          {diff.removed.length > 0 && (
            <>
              <Typography.Title level={5}>删除</Typography.Title>
              <List
                size="small"
                dataSource={diff.removed}
                renderItem={(i) => (
                  <List.Item>
                    <Tag color="red">删除</Tag>
                    {i.domainName} · {itemName(i)}
                  </List.Item>
                )}
              />
            </>
          )}
          {diff.changed.length > 0 && (
            <>
              <Typography.Title level={5}>修改</Typography.Title>
              <Table
                rowKey={(r) => `${r.key}:${r.field}`}
                size="small"
                pagination={false}
                dataSource={diff.changed.flatMap((c) =>
                  c.fields.map((f, n) => ({ key: c.key, field: f, first: n === 0, span: c.fields.length, before: c.before, after: c.after })),
                )}
                columns={[
                  {
                    title: '事项',
                    key: 'item',
                    width: 200,
                    onCell: (r) => ({ rowSpan: r.first ? r.span : 0 }),
                    render: (_, r) => `${r.after.domainName} · ${itemName(r.after)}`,
                  },
                  { title: '修改的内容', dataIndex: 'field', width: 130, render: (f: string) => <Tag color="blue">{FIELD_LABELS[f] ?? f}</Tag> },
                  { title: '修改前', key: 'before', render: (_, r) => <span style={{ whiteSpace: 'pre-wrap' }}>{fieldText(r.before, r.field)}</span> },
                  { title: '修改后', key: 'after', render: (_, r) => <span style={{ whiteSpace: 'pre-wrap' }}>{fieldText(r.after, r.field)}</span> },
                ]}
              />
            </>
          )}
          {diff.added.length + diff.removed.length + diff.changed.length === 0 && <Empty description="两个版本的事项完全相同" />}
        </div>
      )}
    </Card>
  );
}

function VersionEditor({ version, catalog, onClose }: { version: CatalogVersion; catalog: CatalogKind; onClose: () => void }) {
  const { message, modal } = App.useApp();
  const domains = useDomains(catalog);
  const read = useQuery(versionRead(version.id));
  const items = read.data?.items ?? [];
  const [editing, setEditing] = useState<{ item: CatalogItem | null } | null>(null);
  const save = useSave({ toast: true });
  // An import's failure stays shown with the rows the server found wrong.
  const importing = useSave();
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const [publishing, setPublishing] = useState(false);
  const [publishForm] = Form.useForm<{ reason: string; effectiveFrom: Dayjs }>();
  const draft = version.status === 'draft';

  const submit = async (body: Partial<ItemBody>) => {
    if (editing?.item) {
      await patch(`/api/v1/catalog/versions/${version.id}/items/${editing.item.id}`, body);
      message.success('事项已保存');
    } else {
      await post(`/api/v1/catalog/versions/${version.id}/items`, body);
      message.success('事项已添加');
    }
    setEditing(null);
  };

  const remove = (i: CatalogItem) =>
    modal.confirm({
      title: `从草稿中删除“${itemName(i)}”？`,
      content: '只影响这份草稿，已发布的版本不受影响。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        if (await save.run(() => del(`/api/v1/catalog/versions/${version.id}/items/${i.id}`))) message.success('已删除');
      },
    });

  const importFile = async (file: File) => {
    setProblems([]);
    const form = new FormData();
    form.append('catalog', catalog);
    form.append('file', file);
    await importing.run(async () => {
      const res = await upload<CatalogImport>('/api/v1/catalog/import', form).catch((err: unknown) => {
        setProblems(problemsOf(err));
        throw err;
      });
      message.success(`已导入 ${res.items} 个事项到第 ${res.versionNumber} 版草稿`);
    });
  };

  const openPublish = () => {
    publishForm.resetFields();
    publishForm.setFieldsValue({ effectiveFrom: chinaToday() });
    setPublishing(true);
  };

  const publish = async () => {
    let v: { reason: string; effectiveFrom: Dayjs };
    try {
      v = await publishForm.validateFields();
    } catch {
      return;
    }
    modal.confirm({
      title: `确认发布第 ${version.number} 版？`,
      content: `发布后这一版将从 ${v.effectiveFrom.format('YYYY-MM-DD')} 起施行，并且不能再修改；以后如需调整，要新建草稿再发布。`,
      okText: '确认发布',
      cancelText: '再看看',
      onOk: async () => {
        const body = { reason: v.reason.trim(), effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD') };
        if (await save.run(() => post(`/api/v1/catalog/versions/${version.id}/publish`, body))) {
          message.success(`第 ${version.number} 版已发布`);
          setPublishing(false);
          onClose();
        }
      },
    });
  };

  return (
    <Card
      size="small"
      title={
        <Space>
          <span>
            {CATALOG_LABELS[catalog]} 第 {version.number} 版
          </span>
          <Tag color={STATUS_TAG[version.status].color}>{STATUS_TAG[version.status].text}</Tag>
        </Space>
      }
      extra={<Button onClick={onClose}>收起</Button>}
    >
      {draft ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="这是草稿：可以增加、修改、删除事项或从 Excel 导入；各单位看到的仍是现行版本，直到发布。"
          action={
            <Space wrap>
              <Button icon={<PlusOutlined />} onClick={() => setEditing({ item: null })}>
                新增事项
              </Button>
              <Upload
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                showUploadList={false}
                beforeUpload={(f) => (void importFile(f), false)}
              >
                <Button icon={<UploadOutlined />} loading={importing.busy}>
                  导入 Excel
                </Button>
              </Upload>
              <Button type="primary" icon={<SendOutlined />} onClick={openPublish}>
                发布
              </Button>
            </Space>
          }
        />
      ) : (
        <Typography.Paragraph type="secondary">{version.reason ? `调整原因：${version.reason}` : ''} 已发布的版本不能修改。</Typography.Paragraph>
      )}
      <LoadFailed query={read} what="这一版的事项" style={{ marginBottom: 12 }} />
      {importing.error && (
        <Alert
          type="error"
          showIcon
          closable={{
            onClose: () => {
              importing.clear();
              setProblems([]);
            },
          }}
          title={/导入/.test(importing.error) ? importing.error : `导入失败，什么也没有导入：${importing.error}`}
          description={
            problems.length > 0 ? (
              <Table<ImportProblem>
                rowKey={(_, n) => String(n)}
                size="small"
                pagination={problems.length > 20 ? { pageSize: 20 } : false}
                dataSource={problems}
                columns={[
                  { title: '工作表', dataIndex: 'sheet', width: 140, render: (v: string) => v || '—' },
                  { title: '行', dataIndex: 'row', width: 60, render: (v: number) => v || '—' },
                  { title: '列', dataIndex: 'column', width: 120, render: (v: string) => v || '—' },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            ) : undefined
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <DomainBrowser
        domains={domains}
        items={items}
        loading={read.isFetching}
        actions={
          draft
            ? (i) => (
                <Space size={4}>
                  <Button size="small" icon={<EditOutlined />} aria-label={`修改 ${itemName(i)}`} onClick={() => setEditing({ item: i })}>
                    修改
                  </Button>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={`删除 ${itemName(i)}`} onClick={() => remove(i)} />
                </Space>
              )
            : undefined
        }
        extra={(domain) => (
          <Button icon={<DownloadOutlined />} href={exportUrl({ version: version.id, domain })} download>
            导出 Excel
          </Button>
        )}
      />
      <ItemFormDrawer
        open={!!editing}
        title={editing?.item ? `修改事项：${itemName(editing.item)}` : '新增事项'}
        domains={domains}
        initial={editing?.item ?? null}
        onClose={() => setEditing(null)}
        onSubmit={submit}
      />
      <Modal
        open={publishing}
        title={`发布第 ${version.number} 版`}
        okText="发布"
        cancelText="取消"
        onOk={() => void publish()}
        onCancel={() => setPublishing(false)}
      >
        <Form form={publishForm} layout="vertical">
          <Form.Item
            name="reason"
            label="调整原因"
            rules={[{ required: true, whitespace: true, message: '请写明这次调整的原因' }]}
            extra="将向社会公开，如：根据某文件调整社会救助事项的公开时限"
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
          <Form.Item name="effectiveFrom" label="施行日期" rules={[{ required: true, message: '请选择施行日期' }]}>
            <DatePicker allowClear={false} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function VersionManager() {
  const { message } = App.useApp();
  const [catalog, setCatalog] = useState<CatalogKind>('government');
  const read = useApi<VersionList>(['catalog', 'versions'], '/api/v1/catalog/versions', { catalog });
  const versions = useMemo(() => (read.data ? [...read.data.items].sort((a, b) => b.number - a.number) : []), [read.data]);
  const itemReads = useQueries({ queries: versions.map((v) => versionRead(v.id)) });
  const counts: Record<string, number> = {};
  versions.forEach((v, n) => {
    const items = itemReads[n]?.data?.items;
    if (items) counts[v.id] = items.length;
  });
  const [open, setOpen] = useState<string | null>(null);
  const save = useSave({ toast: true });

  const chooseCatalog = (c: CatalogKind) => {
    setCatalog(c);
    setOpen(null);
  };
  const refresh = () => {
    void read.refetch();
    for (const r of itemReads) void r.refetch();
  };

  const draft = versions.find((v) => v.status === 'draft');
  const newDraft = async () => {
    if (draft) {
      setOpen(draft.id);
      return;
    }
    await save.run(async () => {
      try {
        const v = await post<CatalogVersion>('/api/v1/catalog/versions', { catalog });
        message.success(`已新建第 ${v.number} 版草稿（复制自现行版本）`);
        setOpen(v.id);
      } catch (err) {
        // Someone else opened a draft meanwhile: open theirs.
        const draftId = err instanceof ApiError && err.status === 409 ? (err.details as { draftId?: string } | null)?.draftId : undefined;
        if (!draftId) throw err;
        message.info('已有草稿，已为你打开');
        void read.refetch();
        setOpen(draftId);
      }
    });
  };

  const columns: TableColumnsType<CatalogVersion> = [
    { title: '版本', dataIndex: 'number', width: 80, render: (n: number) => <Typography.Text strong>第 {n} 版</Typography.Text> },
    { title: '状态', dataIndex: 'status', width: 80, render: (s: CatalogVersion['status']) => <Tag color={STATUS_TAG[s].color}>{STATUS_TAG[s].text}</Tag> },
    { title: '施行日期', dataIndex: 'effectiveFrom', width: 110, render: (v: string | null) => v ?? '—' },
    { title: '调整原因', dataIndex: 'reason', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: '发布', key: 'pub', width: 200, render: (_, v) => (v.publishedAt ? `${formatTime(v.publishedAt)} ${v.publishedBy ?? ''}` : '—') },
    { title: '事项数', key: 'count', width: 80, render: (_, v) => counts[v.id] ?? '…' },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_, v) => (
        <Button size="small" type={v.status === 'draft' ? 'primary' : 'default'} onClick={() => setOpen(open === v.id ? null : v.id)}>
          {v.status === 'draft' ? '编辑草稿' : '查看'}
        </Button>
      ),
    },
  ];

  const opened = versions.find((v) => v.id === open);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <Segmented aria-label="选择目录" value={catalog} onChange={(v) => chooseCatalog(v as CatalogKind)} options={CATALOG_OPTIONS} />
        <Button type="primary" icon={<FileAddOutlined />} loading={save.busy} onClick={() => void newDraft()}>
          {draft ? `打开草稿（第 ${draft.number} 版）` : '新建草稿'}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={refresh}>
          刷新
        </Button>
      </Space>
      <Typography.Text type="secondary">
        修改目录的步骤：新建草稿（复制现行版本）→ 修改事项或导入 Excel → 填写调整原因并发布。发布后的版本不能再修改。
      </Typography.Text>
      <LoadFailed query={read} what="目录版本" />
      <Table<CatalogVersion>
        rowKey="id"
        size="small"
        loading={read.isFetching}
        columns={columns}
        dataSource={versions}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: '还没有版本' }}
      />
      {opened && <VersionEditor key={opened.id} version={opened} catalog={catalog} onClose={() => setOpen(null)} />}
      {versions.length > 1 && <DiffView versions={versions} catalog={catalog} />}
    </Space>
  );
}

export function CatalogPage() {
  const { user } = useSession();
  const admin = isAdmin(user);
  const [tab, setTab] = useState('browse');
  return (
    <Card title="公开目录">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'browse', label: '标准目录', children: <StandardCatalog /> },
          ...(admin ? [{ key: 'versions', label: '版本管理', children: <VersionManager /> }] : []),
        ]}
      />
    </Card>
  );
}
