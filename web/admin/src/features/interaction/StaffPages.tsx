/**
 * The staff screens of 政民互动 beside the inbox and the case page:
 * - 登记来件 (/admin/interaction/intake): a question, 咨询, 建议 or 投诉 received in person, by phone, at a meeting, by letter,
 *   or a slip found in the 意见箱 (the box and its opening chosen; no more slips than the opening counted);
 * - 知识清单 (/admin/interaction/knowledge): entries drafted (also from a handled case), published, confirmed after review,
 *   edited and withdrawn with a reason, those due for review flagged;
 * - 答复模板 (/admin/interaction/templates): a unit's reply templates per kind, saved together;
 * - 政民互动设置 (/admin/interaction/settings): the county's time limits with their source, the 意见箱 and 知识清单 periods,
 *   and the routing table by the catalog's 公开领域 (chosen from the government catalog's domains).
 * Every write goes to the module's commands; the server's refusal is shown in its own words.
 */
import { useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { post, put, type Page } from '../../lib/http.ts';
import { navigate } from '../../lib/router.ts';
import { QueryState, useApi } from '../../lib/query.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import { PagedTable, usePaging } from '../../lib/paged-table.tsx';
import { UnitSelect } from '../../lib/components.tsx';
import { chinaToday, chinaTodayString } from '../../lib/china-day.ts';
import type {
  Box,
  BoxDetail,
  Knowledge,
  KnowledgeList,
  Settings,
  SettingsView,
  Template,
  Vocabulary,
} from '../../../../../src/modules/interaction/interaction.schemas.ts';
import type { PolicyList } from '../../../../../src/modules/policies/policies.schemas.ts';
import type { DomainList } from '../../../../../src/modules/catalog/catalog.schemas.ts';
import type { ListItem } from '../../../../../src/modules/publishing/disclosure.queries.ts';

const back = (
  <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/interaction')}>
    返回政民互动
  </Button>
);
const required = (what: string) => [{ required: true, whitespace: true, message: `请填写${what}` }];

function Head({ title, help }: { title: string; help: string }) {
  return (
    <Card>
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {back}
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {help}
        </Typography.Paragraph>
      </Space>
    </Card>
  );
}

// ── 登记来件 ──────────────────────────────────────────────────────────────────────────────────────────

interface IntakeValues {
  kind?: string;
  channel?: string;
  unitCode?: string;
  disclosureId?: string;
  boxId?: string;
  boxOpeningId?: string;
  receivedOn?: Dayjs;
  subject?: string;
  content?: string;
  name?: string;
  phone?: string;
  publishConsent?: boolean;
}

/** A published record to answer from: the publishing list's row (disclosure.responses.ts ListItemSchema). */
type DisclosureOption = ListItem;

/** The openings of one box that still have slips to enter (entered < counted). */
function OpeningSelect({ boxId, value, onChange }: { boxId?: string; value?: string; onChange?: (v: string) => void }) {
  const box = useApi<BoxDetail>(['interaction', 'box', boxId], boxId ? `/api/v1/interaction/boxes/${encodeURIComponent(boxId)}` : null);
  const open = (box.data?.openingsList ?? []).filter((o) => o.entered < o.slipCount);
  return (
    <Select
      aria-label="开箱记录"
      disabled={!boxId}
      loading={box.isLoading}
      value={value}
      onChange={onChange}
      placeholder={!boxId ? '请先选择意见箱' : '选择开箱记录'}
      notFoundContent="这个意见箱没有尚未登记完的开箱记录（请先在“意见箱”中记录开箱）"
      options={open.map((o) => ({ value: o.id, label: `${o.openedOn} 开箱（${o.witnesses.join('、')}在场）：共${o.slipCount}张，已登记${o.entered}张` }))}
    />
  );
}

function DisclosureSelect({ unitCode, value, onChange }: { unitCode?: string; value?: string; onChange?: (v: string) => void }) {
  const list = useApi<Page<DisclosureOption>>(['disclosures', 'published', unitCode], unitCode ? '/api/v1/disclosures' : null, {
    unit: unitCode,
    status: 'published',
    limit: 100,
  });
  return (
    <Select
      aria-label="所问的公开信息"
      showSearch={{ optionFilterProp: 'label' }}
      disabled={!unitCode}
      loading={list.isLoading}
      value={value}
      onChange={onChange}
      placeholder={!unitCode ? '请先选择发布单位' : '选择所问的公开信息（可输入标题查找）'}
      notFoundContent="这个单位没有已发布的公开信息"
      options={(list.data?.items ?? []).map((d) => ({ value: d.id, label: d.title }))}
    />
  );
}

export function InteractionIntakePage() {
  const { message, modal } = App.useApp();
  const vocab = useApi<Vocabulary>(['interaction', 'vocabulary'], '/api/v1/interaction/vocabulary');
  const boxes = useApi<Box[]>(['interaction', 'boxes'], '/api/v1/interaction/boxes');
  const [form] = Form.useForm<IntakeValues>();
  const save = useSave();
  const kind = Form.useWatch('kind', form);
  const channel = Form.useWatch('channel', form);
  const unitCode = Form.useWatch('unitCode', form);
  const boxId = Form.useWatch('boxId', form);
  const params = new URLSearchParams(window.location.search);
  const channels = (vocab.data?.channels ?? []).filter((c) => c.code === 'box' || (vocab.data?.staffChannels ?? []).includes(c.code));
  const submit = async () => {
    let v: IntakeValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const box = boxes.data?.find((b) => b.id === v.boxId);
    let created: { caseNo: string; trackingCode: string; trackingSecret: string; dueOn: string | null; id: string } | null = null;
    const ok = await save.run(async () => {
      created = await post('/api/v1/interaction/cases/intake', {
        kind: v.kind,
        channel: v.channel,
        unitCode: v.channel === 'box' ? (box?.unit.code ?? null) : v.kind === 'question' ? null : (v.unitCode ?? null),
        disclosureId: v.kind === 'question' ? (v.disclosureId ?? null) : null,
        boxOpeningId: v.channel === 'box' ? (v.boxOpeningId ?? null) : null,
        receivedOn: v.receivedOn!.format('YYYY-MM-DD'),
        subject: v.subject?.trim() || null,
        content: v.content,
        name: v.name?.trim() || null,
        phone: v.phone?.trim() || null,
        publishConsent: !!v.publishConsent,
      });
    });
    if (!ok || !created) return;
    const c = created as { caseNo: string; trackingCode: string; trackingSecret: string; dueOn: string | null; id: string };
    message.success(`已登记：${c.caseNo}`);
    modal.info({
      title: `已登记 ${c.caseNo}`,
      content: (
        <Space orientation="vertical">
          <span>{c.dueOn ? `答复期限：${c.dueOn}` : '审看后起算答复期限。'}</span>
          <span>
            请把查询码和查询密码告诉提出人（密码只显示这一次），凭它们可以在网上查看答复：查询码 <Typography.Text code>{c.trackingCode}</Typography.Text>{' '}
            查询密码 <Typography.Text code>{c.trackingSecret}</Typography.Text>
          </span>
        </Space>
      ),
      okText: '打开这件事项',
      onOk: () => navigate(`/interaction/${encodeURIComponent(c.id)}`),
    });
    form.resetFields(['subject', 'content', 'name', 'phone', 'publishConsent']);
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Head title="登记来件" help="登记当面、电话、会议上提出、信件收到的询问和咨询、建议、投诉，以及意见箱开箱取出的意见条（每张意见条登记一件）。" />
      <Card>
        <QueryState query={vocab} what="政民互动的分类">
          {() => (
            <Form
              form={form}
              layout="vertical"
              style={{ maxWidth: 720 }}
              initialValues={{
                kind: 'suggestion',
                channel: params.get('box') ? 'box' : 'in-person',
                boxId: params.get('box') ?? undefined,
                boxOpeningId: params.get('opening') ?? undefined,
                receivedOn: chinaToday(),
              }}
              onValuesChange={() => save.clear()}
            >
              <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
                <Select aria-label="类型" options={(vocab.data?.kinds ?? []).map((k) => ({ value: k.code, label: k.label }))} />
              </Form.Item>
              <Form.Item name="channel" label="渠道" rules={[{ required: true, message: '请选择渠道' }]}>
                <Select aria-label="渠道" options={channels.map((c) => ({ value: c.code, label: c.label }))} />
              </Form.Item>
              {channel === 'box' ? (
                <>
                  <Form.Item name="boxId" label="意见箱" rules={[{ required: true, message: '请选择意见箱' }]}>
                    <Select
                      aria-label="意见箱"
                      loading={boxes.isLoading}
                      onChange={() => form.setFieldValue('boxOpeningId', undefined)}
                      options={(boxes.data ?? []).filter((b) => b.active).map((b) => ({ value: b.id, label: `${b.unit.name}：${b.location}` }))}
                    />
                  </Form.Item>
                  <Form.Item name="boxOpeningId" label="开箱记录" rules={[{ required: true, message: '请选择这张意见条是哪次开箱取出的' }]}>
                    <OpeningSelect boxId={boxId} />
                  </Form.Item>
                </>
              ) : null}
              {channel !== 'box' || kind === 'question' ? (
                <Form.Item
                  name="unitCode"
                  label={kind === 'question' ? '发布这条信息的单位' : '向哪个单位反映'}
                  rules={[{ required: channel !== 'box', message: '请选择单位' }]}
                >
                  <UnitSelect />
                </Form.Item>
              ) : null}
              {kind === 'question' ? (
                <Form.Item name="disclosureId" label="所问的公开信息" rules={[{ required: true, message: '请选择所问的公开信息' }]}>
                  <DisclosureSelect unitCode={unitCode} />
                </Form.Item>
              ) : null}
              <Form.Item name="receivedOn" label="收到日期" rules={[{ required: true, message: '请选择收到日期' }]}>
                <DatePicker aria-label="收到日期" disabledDate={(d) => d.format('YYYY-MM-DD') > chinaTodayString()} />
              </Form.Item>
              <Form.Item name="subject" label="标题（可不填）">
                <Input maxLength={100} showCount />
              </Form.Item>
              <Form.Item name="content" label="内容（照原意记录，5至2000字）" rules={[...required('内容'), { min: 5, message: '内容至少写5个字' }]}>
                <Input.TextArea rows={5} maxLength={2000} showCount />
              </Form.Item>
              <Form.Item name="name" label="姓名（可不填，不公开）">
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="phone" label="联系电话（可不填，不公开）">
                <Input maxLength={30} />
              </Form.Item>
              <Form.Item name="publishConsent" label="提出人同意公开提问和答复（个人信息会被遮盖）" valuePropName="checked">
                <Switch aria-label="同意公开" />
              </Form.Item>
              <SaveError save={save} style={{ marginBottom: 16 }} />
              <Button type="primary" loading={save.busy} onClick={() => void submit()}>
                登记
              </Button>
            </Form>
          )}
        </QueryState>
      </Card>
    </Space>
  );
}

// ── 知识清单 ──────────────────────────────────────────────────────────────────────────────────────────

interface KnowledgeValues {
  unitCode?: string;
  question?: string;
  answer?: string;
  legalBasis?: string;
  itemKey?: string;
  policyId?: string | null;
  reason?: string;
}

/** The public policy documents in force, to cite one (a correction, validity change or withdrawal flags the entry). */
function PolicySelect({ value, onChange }: { value?: string | null; onChange?: (v: string | null) => void }) {
  const list = useApi<PolicyList>(['policies', 'current'], '/api/v1/policies', { limit: 200 });
  return (
    <Select
      aria-label="所引用的政策文件"
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={list.isLoading}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      placeholder={list.isError ? '无法读取政策文件' : '不引用政策文件（可输入标题或文号查找）'}
      options={(list.data?.items ?? []).map((p) => ({ value: p.id, label: p.docNo ? `${p.title}（${p.docNo}）` : p.title }))}
    />
  );
}

type KnowledgeEditing = { mode: 'new' } | { mode: 'edit'; k: Knowledge } | { mode: 'withdraw'; k: Knowledge };

function KnowledgeModal({ editing, onClose }: { editing: KnowledgeEditing; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<KnowledgeValues>();
  const save = useSave();
  const k = editing.mode === 'new' ? null : editing.k;
  const submit = async () => {
    let v: KnowledgeValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body = {
      question: v.question,
      answer: v.answer,
      legalBasis: v.legalBasis?.trim() || null,
      itemKey: v.itemKey?.trim() || null,
      policyId: v.policyId ?? null,
    };
    const ok = await save.run(() =>
      editing.mode === 'new'
        ? post('/api/v1/interaction/knowledge', { ...body, unitCode: v.unitCode })
        : editing.mode === 'edit'
          ? post(`/api/v1/interaction/knowledge/${encodeURIComponent(k!.id)}/edit`, body)
          : post(`/api/v1/interaction/knowledge/${encodeURIComponent(k!.id)}/withdraw`, { reason: v.reason }),
    );
    if (!ok) return;
    message.success(editing.mode === 'withdraw' ? '已撤下' : '已保存');
    onClose();
  };
  return (
    <Modal
      open
      title={editing.mode === 'new' ? '新建知识清单条目' : editing.mode === 'edit' ? '修改知识清单条目（保存即复核）' : '撤下知识清单条目'}
      okText={editing.mode === 'withdraw' ? '撤下' : '保存'}
      okButtonProps={{ danger: editing.mode === 'withdraw' }}
      cancelText="取消"
      confirmLoading={save.busy}
      onOk={() => void submit()}
      onCancel={onClose}
      width={680}
      destroyOnHidden
    >
      <SaveError save={save} style={{ marginBottom: 12 }} />
      <Form
        form={form}
        layout="vertical"
        initialValues={
          k ? { question: k.question, answer: k.answer, legalBasis: k.legalBasis ?? '', itemKey: k.itemKey ?? '', policyId: k.policy?.id ?? null } : {}
        }
      >
        {editing.mode === 'withdraw' ? (
          <Form.Item name="reason" label="撤下理由" rules={[...required('撤下理由'), { min: 4, message: '撤下理由至少写4个字' }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        ) : (
          <>
            {editing.mode === 'new' && (
              <Form.Item name="unitCode" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
                <UnitSelect />
              </Form.Item>
            )}
            <Form.Item name="question" label="问题（用群众的话）" rules={required('问题')}>
              <Input.TextArea rows={2} maxLength={500} showCount />
            </Form.Item>
            <Form.Item name="answer" label="答复（公开；不要写身份证号、电话等个人信息）" rules={required('答复')}>
              <Input.TextArea rows={5} maxLength={4000} showCount />
            </Form.Item>
            <Form.Item name="legalBasis" label="依据（可不填，如《村民委员会组织法》第三十条）">
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name="itemKey" label="对应的公开目录事项编码（可不填）">
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="policyId" label="所引用的政策文件（可不填；文件更正、废止或撤回后本条标为待复核）">
              <PolicySelect />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

export function InteractionKnowledgePage() {
  const { message } = App.useApp();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const paging = usePaging(20);
  const list = useApi<KnowledgeList>(['interaction', 'knowledge'], '/api/v1/interaction/knowledge', { status, ...paging.limits }, { keepPrevious: true });
  const [editing, setEditing] = useState<KnowledgeEditing | null>(null);
  const save = useSave({ toast: true });
  const act = async (k: Knowledge, path: 'publish' | 'confirm', done: string) => {
    if (await save.run(() => post(`/api/v1/interaction/knowledge/${encodeURIComponent(k.id)}/${path}`, {}))) message.success(done);
  };
  const columns: TableColumnsType<Knowledge> = [
    {
      title: '问题',
      dataIndex: 'question',
      render: (q: string, k) => (
        <Space orientation="vertical" size={2}>
          <span>{q}</span>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 520 }}>
            {k.answer}
          </Typography.Text>
          {k.policy ? <Typography.Text type="secondary">{`依据：${k.policy.title}（${k.policy.validityText}）`}</Typography.Text> : null}
          {k.needsReview.map((n) => (
            <Typography.Text key={n} type="warning">
              {n}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    { title: '单位', dataIndex: ['unit', 'name'], width: 140 },
    {
      title: '状态',
      dataIndex: 'statusText',
      width: 150,
      render: (t: string, k) => (
        <Space size={4} wrap>
          <Tag color={k.status === 'published' ? 'green' : k.status === 'withdrawn' ? 'default' : 'blue'}>{t}</Tag>
          {k.needsReview.length ? (
            <Tag color="orange" title={k.needsReview.join('；')}>
              待复核
            </Tag>
          ) : null}
          {k.isDemo ? <Tag>演示</Tag> : null}
        </Space>
      ),
    },
    { title: '复核日期', dataIndex: 'reviewedOn', width: 110 },
    {
      title: '操作',
      key: 'actions',
      width: 230,
      render: (_: unknown, k) =>
        k.status === 'withdrawn' ? null : (
          <Space size={4} wrap>
            <Button size="small" onClick={() => setEditing({ mode: 'edit', k })}>
              修改
            </Button>
            {k.status === 'draft' ? (
              <Button size="small" type="primary" loading={save.busy} onClick={() => void act(k, 'publish', '已公布')}>
                公布
              </Button>
            ) : (
              <Button size="small" loading={save.busy} onClick={() => void act(k, 'confirm', '已复核')}>
                复核无误
              </Button>
            )}
            <Button size="small" danger onClick={() => setEditing({ mode: 'withdraw', k })}>
              撤下
            </Button>
          </Space>
        ),
    },
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Head
        title="知识清单"
        help="把群众常问的问题和答复整理成条目，公布后在门户网站“知识清单”和搜索中可以查到。超过复核周期或所引目录事项、政策文件有变化的条目标为“待复核”。"
      />
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Select
            aria-label="状态"
            allowClear
            placeholder="全部状态"
            style={{ width: 140 }}
            value={status}
            onChange={(v: string | undefined) => {
              setStatus(v);
              paging.setPage(1);
            }}
            options={[
              { value: 'draft', label: '草稿' },
              { value: 'published', label: '已公布' },
              { value: 'withdrawn', label: '已撤下' },
            ]}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'new' })}>
            新建条目
          </Button>
        </Space>
        <PagedTable<Knowledge> query={list} what="知识清单" paging={paging} rowKey="id" columns={columns} empty="还没有知识清单条目" />
      </Card>
      {editing && <KnowledgeModal editing={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

// ── 答复模板 ──────────────────────────────────────────────────────────────────────────────────────────

interface TemplateRow {
  kind: string;
  title: string;
  body: string;
}

function TemplatesEditor({ unitCode, kinds }: { unitCode: string; kinds: { code: string; label: string }[] }) {
  const { message } = App.useApp();
  const query = useApi<Template[]>(['interaction', 'templates', unitCode], `/api/v1/interaction/units/${encodeURIComponent(unitCode)}/templates`);
  const [rows, setRows] = useState<TemplateRow[] | null>(null);
  const save = useSave();
  useEffect(() => setRows(null), [unitCode]);
  const shown = rows ?? (query.data ?? []).map((t) => ({ kind: t.kind, title: t.title, body: t.body }));
  const change = (i: number, patch: Partial<TemplateRow>) => {
    save.clear();
    setRows(shown.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  const submit = async () => {
    if (await save.run(() => put(`/api/v1/interaction/units/${encodeURIComponent(unitCode)}/templates`, { templates: shown }))) {
      message.success('答复模板已保存');
      setRows(null);
    }
  };
  return (
    <QueryState query={query} what="答复模板">
      {() => (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {shown.length === 0 && <Typography.Text type="secondary">这个单位还没有答复模板。</Typography.Text>}
          {shown.map((t, i) => (
            <Card
              key={i}
              size="small"
              title={`模板 ${i + 1}`}
              extra={
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`删除模板 ${i + 1}`}
                  onClick={() => setRows(shown.filter((_, j) => j !== i))}
                />
              }
            >
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <Select
                    aria-label={`模板 ${i + 1} 的类型`}
                    style={{ width: 120 }}
                    value={t.kind}
                    onChange={(v: string) => change(i, { kind: v })}
                    options={kinds.map((k) => ({ value: k.code, label: k.label }))}
                  />
                  <Input
                    aria-label={`模板 ${i + 1} 的名称`}
                    placeholder="名称，如：经核实无误"
                    style={{ width: 320 }}
                    maxLength={50}
                    value={t.title}
                    onChange={(e) => change(i, { title: e.target.value })}
                  />
                </Space>
                <Input.TextArea
                  aria-label={`模板 ${i + 1} 的内容`}
                  rows={3}
                  maxLength={4000}
                  showCount
                  value={t.body}
                  placeholder="答复的内容（不要写身份证号、电话等个人信息）"
                  onChange={(e) => change(i, { body: e.target.value })}
                />
              </Space>
            </Card>
          ))}
          <SaveError save={save} />
          <Space>
            <Button icon={<PlusOutlined />} onClick={() => setRows([...shown, { kind: kinds[0]?.code ?? 'question', title: '', body: '' }])}>
              添加模板
            </Button>
            <Button type="primary" loading={save.busy} onClick={() => void submit()} disabled={rows === null}>
              保存模板
            </Button>
          </Space>
        </Space>
      )}
    </QueryState>
  );
}

export function InteractionTemplatesPage() {
  const vocab = useApi<Vocabulary>(['interaction', 'vocabulary'], '/api/v1/interaction/vocabulary');
  const [unitCode, setUnitCode] = useState<string | undefined>(undefined);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Head title="答复模板" help="每个单位可以按类型准备常用答复，答复时选用后再按实际情况修改。" />
      <Card>
        <Form layout="inline" style={{ marginBottom: 16 }}>
          <Form.Item label="单位">
            <div style={{ width: 260 }}>
              <UnitSelect value={unitCode} onChange={(v) => setUnitCode(v || undefined)} />
            </div>
          </Form.Item>
        </Form>
        {unitCode ? (
          <TemplatesEditor key={unitCode} unitCode={unitCode} kinds={(vocab.data?.kinds ?? []).map((k) => ({ code: k.code, label: k.label }))} />
        ) : (
          <Typography.Text type="secondary">请先选择单位。</Typography.Text>
        )}
      </Card>
    </Space>
  );
}

// ── 设置 ──────────────────────────────────────────────────────────────────────────────────────────────

const LIMITS: { path: (string | number)[]; label: string }[] = [
  { path: ['limits', 'question'], label: '询问（针对公开信息）' },
  { path: ['limits', 'consult'], label: '咨询' },
  { path: ['limits', 'suggestion'], label: '建议' },
  { path: ['limits', 'complaint'], label: '投诉' },
  { path: ['investigation'], label: '乡镇（街道）调查核实' },
];

export function InteractionSettingsPage() {
  const { message } = App.useApp();
  const query = useApi<SettingsView>(['interaction', 'settings'], '/api/v1/interaction/settings');
  // Routing by domain concerns the county's departments: the government catalog's 公开领域.
  const domains = useApi<DomainList>(['catalog', 'domains', 'government'], '/api/v1/catalog/domains', {
    catalog: 'government',
  });
  const [form] = Form.useForm<Settings>();
  const save = useSave();
  const submit = async () => {
    let v: Settings;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (await save.run(() => put('/api/v1/interaction/settings', v))) message.success('设置已保存');
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Head
        title="政民互动设置"
        help="答复和调查核实的期限、责令更正的默认期限、意见箱开箱间隔和知识清单复核周期。每个期限写明依据；没有上位依据的是县级自定，可以修改。"
      />
      <Card>
        <QueryState query={query} what="政民互动设置">
          {(data) => (
            <Form form={form} layout="vertical" style={{ maxWidth: 820 }} initialValues={data.settings} onValuesChange={() => save.clear()}>
              {LIMITS.map((l) => (
                <Card key={l.label} size="small" title={`${l.label}的期限`} style={{ marginBottom: 12 }}>
                  <Space wrap align="start">
                    <Form.Item name={[...l.path, 'days']} label="天数" rules={[{ required: true, message: '请填写天数' }]}>
                      <InputNumber aria-label={`${l.label}的天数`} min={1} max={120} precision={0} />
                    </Form.Item>
                    <Form.Item name={[...l.path, 'unit']} label="按">
                      <Select
                        aria-label={`${l.label}的天数单位`}
                        style={{ width: 120 }}
                        options={[
                          { value: 'working', label: '工作日' },
                          { value: 'calendar', label: '自然日' },
                        ]}
                      />
                    </Form.Item>
                  </Space>
                  <Form.Item name={[...l.path, 'source']} label="依据" rules={required('依据')} style={{ marginBottom: 0 }}>
                    <Input.TextArea aria-label={`${l.label}期限的依据`} rows={2} maxLength={300} showCount />
                  </Form.Item>
                </Card>
              ))}
              <Form.Item name="orderWorkingDays" label="责令村（居）更正的默认期限（工作日，县级自定）" rules={[{ required: true, message: '请填写' }]}>
                <InputNumber aria-label="责令更正期限" min={1} max={60} precision={0} />
              </Form.Item>
              <Form.Item
                name="boxOpeningMaxDays"
                label="意见箱至少多少天开箱一次（超过的在督查中列出，县级自定）"
                rules={[{ required: true, message: '请填写' }]}
              >
                <InputNumber aria-label="开箱间隔" min={1} max={366} precision={0} />
              </Form.Item>
              <Form.Item name="knowledgeReviewDays" label="知识清单复核周期（天，县级自定）" rules={[{ required: true, message: '请填写' }]}>
                <InputNumber aria-label="复核周期" min={30} max={3660} precision={0} />
              </Form.Item>
              <Form.Item name="misconductNotice" label="表单上说明违纪违法举报去向的文字" rules={required('说明文字')}>
                <Input.TextArea rows={2} maxLength={500} showCount />
              </Form.Item>
              <Card size="small" title="按公开领域分派（未指定单位或向县政府反映的咨询、建议、投诉，交给负责该领域的单位）" style={{ marginBottom: 16 }}>
                <Form.List name="domainRoutes">
                  {(fields, { add, remove }) => (
                    <Space orientation="vertical" style={{ width: '100%' }}>
                      {fields.map((field, i) => (
                        <Space key={field.key} wrap align="start">
                          <Form.Item name={[field.name, 'domainCode']} rules={[{ required: true, message: '请选择公开领域' }]} style={{ marginBottom: 0 }}>
                            <Select
                              aria-label={`第${i + 1}条的公开领域`}
                              placeholder="公开领域"
                              showSearch={{ optionFilterProp: 'label' }}
                              loading={domains.isLoading}
                              style={{ width: 200 }}
                              options={(domains.data?.items ?? []).map((d) => ({ value: d.code, label: d.name }))}
                            />
                          </Form.Item>
                          <div style={{ width: 220 }}>
                            <Form.Item name={[field.name, 'unitCode']} rules={[{ required: true, message: '请选择单位' }]} style={{ marginBottom: 0 }}>
                              <UnitSelect />
                            </Form.Item>
                          </div>
                          <Form.Item name={[field.name, 'source']} rules={required('依据')} style={{ marginBottom: 0 }}>
                            <Input aria-label={`第${i + 1}条的依据`} placeholder="依据" style={{ width: 320 }} maxLength={300} />
                          </Form.Item>
                          <Button danger icon={<DeleteOutlined />} aria-label={`删除第${i + 1}条`} onClick={() => remove(field.name)} />
                        </Space>
                      ))}
                      <Button icon={<PlusOutlined />} onClick={() => add({ domainCode: '', unitCode: undefined, source: '县级自定' })}>
                        添加分派规则
                      </Button>
                    </Space>
                  )}
                </Form.List>
              </Card>
              <SaveError save={save} style={{ marginBottom: 16 }} />
              <Space>
                <Button type="primary" loading={save.busy} onClick={() => void submit()}>
                  保存设置
                </Button>
                <Button onClick={() => form.setFieldsValue(data.defaults)}>恢复默认值（需再保存）</Button>
              </Space>
            </Form>
          )}
        </QueryState>
      </Card>
    </Space>
  );
}
