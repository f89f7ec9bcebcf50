/**
 * 政民互动 for staff: the inbox (filtered by kind, status, unit and 已超期) and one case with the actions the server
 * says this account may take now (`nextActions`: 受理 / 退回 / 转交 / 答复 / 经核实无误 / 提出更正 / 调查核实 / 合并 / 选登).
 * Reminder e-mails link to /admin/interaction/{id}: that route opens the case.
 */
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import type { FormInstance, TableColumnsType } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, PaperClipOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { formatTime, post } from '../../lib/http.ts';
import { navigate } from '../../lib/router.ts';
import { QueryState, useApi } from '../../lib/query.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import { UnitSelect } from '../../lib/components.tsx';
import { htmlToText, textToHtml, type Detail } from '../publishing/shared.tsx';
import type { CaseDetail, CaseList, CaseListItem, Template, Vocabulary } from '../../../../../src/modules/interaction/interaction.schemas.ts';

const STATUS_COLOR: Record<string, string> = {
  screening: 'gold',
  handling: 'blue',
  answered: 'green',
  correcting: 'purple',
  escalated: 'orange',
  ordered: 'red',
  closed: 'default',
  returned: 'default',
  merged: 'default',
};

const FILE_TYPE_TEXT: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG 图片',
  'image/jpeg': 'JPG 图片',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
};

const caseLink = (id: string) => `/interaction/${encodeURIComponent(id)}`;

/** The inbox: every case of the account's units and below (村务监督委员会: its village's questions). */
export function InteractionListPage() {
  const params = new URLSearchParams(window.location.search);
  const [kind, setKind] = useState<string | undefined>(params.get('kind') ?? undefined);
  const [status, setStatus] = useState<string | undefined>(params.get('status') ?? undefined);
  const [overdue, setOverdue] = useState(params.get('overdue') === '1');
  // 考评 and 公开督查 link here with ?unit=CODE.
  const [unit, setUnit] = useState<string | undefined>(params.get('unit') ?? undefined);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const vocab = useApi<Vocabulary>(['interaction', 'vocabulary'], '/api/v1/interaction/vocabulary');
  const list = useApi<CaseList>(
    ['interaction', 'cases'],
    '/api/v1/interaction/cases',
    { kind, status, unit, overdue: overdue || undefined, q: q.trim() || undefined, limit: pageSize, offset: (page - 1) * pageSize },
    { keepPrevious: true },
  );
  const columns: TableColumnsType<CaseListItem> = [
    {
      title: '编号',
      dataIndex: 'caseNo',
      width: 130,
      render: (v: string, r) => (
        <Typography.Link
          href={`/admin${caseLink(r.id)}`}
          onClick={(e) => {
            e.preventDefault();
            navigate(caseLink(r.id));
          }}
        >
          {v}
        </Typography.Link>
      ),
    },
    { title: '类型', dataIndex: 'kindText', width: 70 },
    {
      title: '内容',
      dataIndex: 'excerpt',
      render: (v: string, r) => (
        <>
          {r.subject ? <Typography.Text strong>{r.subject}：</Typography.Text> : null}
          {v}
        </>
      ),
    },
    {
      title: '办理单位',
      width: 150,
      render: (_: unknown, r) => (
        <>
          {r.unit.name}
          {r.originUnit.code !== r.unit.code ? (
            <>
              <br />
              <Typography.Text type="secondary">原收件：{r.originUnit.name}</Typography.Text>
            </>
          ) : null}
        </>
      ),
    },
    { title: '渠道', dataIndex: 'channelText', width: 100 },
    {
      title: '状态',
      dataIndex: 'statusText',
      width: 150,
      render: (v: string, r) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLOR[r.status]}>{v}</Tag>
          {r.overdue && <Tag color="red">已超期</Tag>}
          {r.isDemo && <Tag>演示</Tag>}
        </Space>
      ),
    },
    { title: '收到', dataIndex: 'receivedOn', width: 110 },
    { title: '答复期限', dataIndex: 'dueOn', width: 110, render: (v: string | null) => v ?? '—' },
  ];
  const reset = () => setPage(1);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ margin: 0 }}>
          政民互动
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          群众对公开内容的询问，以及咨询、建议、投诉（含意见箱、电话、当面反映等登记的）。
        </Typography.Paragraph>
        <Form layout="inline" style={{ marginTop: 16, rowGap: 8 }}>
          <Form.Item label="类型">
            <Select
              aria-label="类型"
              allowClear
              placeholder="全部类型"
              style={{ width: 120 }}
              value={kind}
              onChange={(v: string | undefined) => {
                setKind(v);
                reset();
              }}
              options={(vocab.data?.kinds ?? []).map((k) => ({ value: k.code, label: k.label }))}
            />
          </Form.Item>
          <Form.Item label="状态">
            <Select
              aria-label="状态"
              allowClear
              placeholder="全部状态"
              style={{ width: 200 }}
              value={status}
              onChange={(v: string | undefined) => {
                setStatus(v);
                reset();
              }}
              options={(vocab.data?.statuses ?? []).map((s) => ({ value: s.code, label: s.label }))}
            />
          </Form.Item>
          <Form.Item label="单位">
            <div style={{ width: 220 }}>
              <UnitSelect
                value={unit}
                onChange={(v) => {
                  setUnit(v || undefined);
                  reset();
                }}
              />
            </div>
          </Form.Item>
          <Form.Item label="查找">
            <Input.Search
              aria-label="查找"
              placeholder="编号或内容"
              allowClear
              onSearch={(v) => {
                setQ(v);
                reset();
              }}
              style={{ width: 220 }}
            />
          </Form.Item>
          <Form.Item label="只看已超期">
            <Switch
              aria-label="只看已超期"
              checked={overdue}
              onChange={(v) => {
                setOverdue(v);
                reset();
              }}
            />
          </Form.Item>
          <Form.Item>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
              刷新
            </Button>
          </Form.Item>
          <Form.Item>
            <Button onClick={() => navigate('/interaction/boxes')}>意见箱</Button>
          </Form.Item>
          <Form.Item>
            <Button onClick={() => navigate('/interaction/intake')}>登记来件</Button>
          </Form.Item>
          <Form.Item>
            <Button onClick={() => navigate('/interaction/knowledge')}>知识清单</Button>
          </Form.Item>
          <Form.Item>
            <Button onClick={() => navigate('/interaction/templates')}>答复模板</Button>
          </Form.Item>
        </Form>
      </Card>
      {unit && (
        <Alert
          type="info"
          showIcon
          title={`只显示单位 ${list.data?.items[0]?.originUnit.name ?? unit} 及下级的事项`}
          action={
            <Button
              size="small"
              onClick={() => {
                setUnit(undefined);
                reset();
                navigate('/interaction');
              }}
            >
              显示全部
            </Button>
          }
        />
      )}
      <Card>
        <QueryState query={list} what="政民互动事项">
          {(data) => (
            <Table<CaseListItem>
              rowKey="id"
              loading={list.isFetching}
              columns={columns}
              dataSource={data.items}
              scroll={{ x: 1100 }}
              pagination={{ current: page, pageSize, total: data.total, onChange: setPage, showTotal: (t) => `共 ${t} 件`, showSizeChanger: false }}
              locale={{ emptyText: '没有符合条件的事项' }}
            />
          )}
        </QueryState>
      </Card>
    </Space>
  );
}

type ActionKey =
  'accept' | 'return' | 'transfer' | 'answer' | 'verify' | 'correct' | 'investigate' | 'merge' | 'publish' | 'correct-publication' | 'withdraw-publication';
const ACTION_TEXT: Record<ActionKey, string> = {
  accept: '受理',
  return: '退回',
  transfer: '转交其他单位',
  answer: '答复',
  verify: '经核实无误',
  correct: '内容确有问题，提出更正',
  investigate: '登记调查核实',
  merge: '合并到相同事项',
  publish: '选登（公开这件事项）',
  'correct-publication': '更正选登的答复',
  'withdraw-publication': '撤回选登',
};

/** One case: what was asked, the history, and the actions this account may take now. */
export function InteractionDetailPage({ id }: { id: string }) {
  const detail = useApi<CaseDetail>(['interaction', 'case', id], `/api/v1/interaction/cases/${encodeURIComponent(id)}`);
  const vocab = useApi<Vocabulary>(['interaction', 'vocabulary'], '/api/v1/interaction/vocabulary');
  const statusText = (code: string) => vocab.data?.statuses.find((s) => s.code === code)?.label ?? code;
  const [action, setAction] = useState<ActionKey | null>(null);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/interaction')}>
        返回政民互动
      </Button>
      <QueryState query={detail} what="这件事项" rows={8}>
        {(c) => (
          <>
            <Card
              title={
                <Space wrap>
                  <span>{`${c.caseNo} ${c.kindText}`}</span>
                  <Tag color={STATUS_COLOR[c.status]}>{c.statusText}</Tag>
                  {c.overdue && <Tag color="red">已超期</Tag>}
                  {c.published && <Tag color="green">已选登</Tag>}
                  {c.publicationWithdrawn && <Tag>选登已撤回</Tag>}
                </Space>
              }
            >
              <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
                <Descriptions.Item label="办理单位">{c.unit.name}</Descriptions.Item>
                <Descriptions.Item label="原收件单位">{c.originUnit.name}</Descriptions.Item>
                <Descriptions.Item label="渠道">{c.channelText}</Descriptions.Item>
                <Descriptions.Item label="收到日期">{c.receivedOn}</Descriptions.Item>
                <Descriptions.Item label="答复期限">{c.dueOn ? `${c.dueOn}${c.dueProvisional ? '（暂定）' : ''}` : '—'}</Descriptions.Item>
                <Descriptions.Item label="提出人（仅工作人员可见）">{[c.asker.name, c.asker.phone].filter(Boolean).join('，') || '未留姓名'}</Descriptions.Item>
                <Descriptions.Item label="同意公开">{c.publishConsent ? '同意' : '不同意'}</Descriptions.Item>
                {c.disclosure && (
                  <Descriptions.Item label="所询问的公开内容">
                    <a href={c.disclosure.url} target="_blank" rel="noreferrer">
                      查看公开页面
                    </a>
                    {c.disclosure.line ? `：${c.disclosure.line.text}` : ''}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label="内容" span={2}>
                  {c.subject ? (
                    <Typography.Text strong>
                      {c.subject}
                      <br />
                    </Typography.Text>
                  ) : null}
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.content}</Typography.Paragraph>
                </Descriptions.Item>
                {c.answer && (
                  <Descriptions.Item label={`答复（${c.answeredOn ?? ''}${c.answeredBy ? `，${c.answeredBy}` : ''}）`} span={2}>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.answer}</Typography.Paragraph>
                    {c.facts ? (
                      <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                        核实情况：{c.facts}
                      </Typography.Paragraph>
                    ) : null}
                  </Descriptions.Item>
                )}
                {c.outcomeText && <Descriptions.Item label="办理结果">{c.outcomeText}</Descriptions.Item>}
                {c.publicationWithdrawn && (
                  <Descriptions.Item label={`选登已撤回（${c.publicationWithdrawn.on}）`} span={2}>
                    公开的撤回理由：{c.publicationWithdrawn.reason}
                  </Descriptions.Item>
                )}
                {c.ratingText && (
                  <Descriptions.Item label="提出人评价">
                    {c.ratingText}
                    {c.ratingReason ? `：${c.ratingReason}` : ''}
                  </Descriptions.Item>
                )}
                {c.correction && (
                  <Descriptions.Item label="更正">
                    {c.correction.statusText}（
                    <a href={c.correction.disclosureUrl} target="_blank" rel="noreferrer">
                      第 {c.correction.version} 版
                    </a>
                    ）
                    {c.correction.status === 'pending' && c.disclosure ? (
                      <>
                        {' '}
                        <Typography.Link
                          href={`/admin/disclosures/${encodeURIComponent(c.disclosure.id)}`}
                          onClick={(e) => {
                            e.preventDefault();
                            navigate(`/disclosures/${encodeURIComponent(c.disclosure!.id)}`);
                          }}
                        >
                          到公开内容中审核这项更正
                        </Typography.Link>
                      </>
                    ) : null}
                  </Descriptions.Item>
                )}
                {c.mergedInto && (
                  <Descriptions.Item label="已合并到">
                    <a onClick={() => navigate(caseLink(c.mergedInto!))}>合并办理的事项</a>
                  </Descriptions.Item>
                )}
                {c.merged.length > 0 && (
                  <Descriptions.Item label="一并答复的事项">
                    {c.merged.map((m) => (
                      <a key={m.id} style={{ marginInlineEnd: 8 }} onClick={() => navigate(caseLink(m.id))}>
                        {m.caseNo}
                      </a>
                    ))}
                  </Descriptions.Item>
                )}
              </Descriptions>
              <Space wrap style={{ marginTop: 16 }}>
                {(c.nextActions as ActionKey[])
                  .filter((a) => a in ACTION_TEXT)
                  .map((a) => (
                    <Button
                      key={a}
                      type={a === 'answer' || a === 'accept' ? 'primary' : 'default'}
                      danger={a === 'return' || a === 'withdraw-publication'}
                      size="large"
                      onClick={() => setAction(a)}
                    >
                      {ACTION_TEXT[a]}
                    </Button>
                  ))}
                {c.nextActions.length === 0 && <Typography.Text type="secondary">您现在没有需要办理的操作。</Typography.Text>}
              </Space>
            </Card>
            {c.duplicates.length > 0 && (
              <Card title="可能相同的事项（可合并办理）">
                {c.duplicates.map((d) => (
                  <div key={d.id}>
                    <a onClick={() => navigate(caseLink(d.id))}>{d.caseNo}</a>（相似度 {Math.round(d.similarity * 100)}%，{d.status}）：{d.excerpt}
                  </div>
                ))}
              </Card>
            )}
            {c.investigations.length > 0 && (
              <Card title="调查核实">
                {c.investigations.map((i) => (
                  <Descriptions key={i.id} size="small" column={1} style={{ marginBottom: 12 }}>
                    <Descriptions.Item label="调查人员">
                      {i.investigators}（{i.investigatedOn}）
                    </Descriptions.Item>
                    <Descriptions.Item label="调查情况">{i.findings}</Descriptions.Item>
                    <Descriptions.Item label="处理">
                      {i.order === 'correct' ? `责令限期更正（${i.orderDueOn ?? ''}前${i.orderDoneOn ? `，已于${i.orderDoneOn}提出更正` : ''}）` : '内容无误'}
                    </Descriptions.Item>
                  </Descriptions>
                ))}
                {c.files.length > 0 && <Typography.Text strong>证据材料</Typography.Text>}
                {c.files.map((f) => (
                  <div key={f.id} className="stored-evidence">
                    <PaperClipOutlined /> <a href={`/api/v1/interaction/cases/${encodeURIComponent(c.id)}/files/${encodeURIComponent(f.id)}`}>{f.name}</a>{' '}
                    <Typography.Text type="secondary">
                      （{FILE_TYPE_TEXT[f.type] ?? f.type}，{sizeText(f.size)}）
                    </Typography.Text>
                  </div>
                ))}
              </Card>
            )}
            <Card title="办理记录">
              <Timeline
                items={c.steps.map((s) => ({
                  content: (
                    <>
                      <Typography.Text strong>{statusText(s.toStatus)}</Typography.Text> {formatTime(s.at)} {s.unit}
                      {s.actor ? `，${s.actor}` : ''}
                      {s.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{s.note}</div> : null}
                      {s.detail?.toUnitName ? <div>转交给：{s.detail.toUnitName}</div> : null}
                      {s.detail?.reason ? <div>理由：{s.detail.reason}</div> : null}
                    </>
                  ),
                }))}
              />
            </Card>
            {action === 'correct' ? (
              <CorrectDisclosureModal c={c} onClose={() => setAction(null)} />
            ) : (
              action && <ActionModal c={c} action={action} onClose={() => setAction(null)} />
            )}
          </>
        )}
      </QueryState>
    </Space>
  );
}

/** The form's values once every rule passes; null when one fails (the form shows what is missing beside each field; nothing is sent). */
async function filledIn<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}

interface CorrectValues {
  title?: string;
  docNo?: string;
  text?: string;
  note?: string;
}

/**
 * 经核实内容有遗漏或不真实 (also how a village carries out the town's order): the corrected title, 文号 and text of the
 * disclosure itself, sent as the case's `correct` command, which proposes the correction in publishing's correction
 * workflow with the question as its public reason; another reviewer approves it there before it is republished.
 */
function CorrectDisclosureModal({ c, onClose }: { c: CaseDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<CorrectValues>();
  const save = useSave();
  const disclosureId = c.disclosure?.id ?? null;
  const current = useApi<Detail>(['disclosure', disclosureId], disclosureId ? `/api/v1/disclosures/${encodeURIComponent(disclosureId)}` : null);
  const s = current.data?.staff ?? null;
  const submit = async () => {
    const v = await filledIn(form);
    if (!v) return;
    const body = {
      title: v.title!.trim(),
      docNo: v.docNo?.trim() || null,
      body: textToHtml(v.text!),
      note: v.note?.trim() || null,
    };
    if (await save.run(() => post(`/api/v1/interaction/cases/${encodeURIComponent(c.id)}/correct`, body))) {
      message.success('更正已提交，经另一名审核人员同意后重新公布');
      onClose();
    }
  };
  return (
    <Modal
      open
      title={`提出更正：${c.caseNo}`}
      okText="提交更正审核"
      cancelText="取消"
      confirmLoading={save.busy}
      okButtonProps={{ disabled: !s }}
      onOk={() => void submit()}
      onCancel={onClose}
      width={760}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="更正须由另一名审核人员审核同意后才生效。生效后公开页面显示“已更正”，原来的版本保留在历史中；提出人在查询页面看到更正后的信息。"
      />
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label="更正理由（公开，按这件询问自动填写，个人信息会被遮盖）">{`根据群众询问（${c.caseNo}）更正：${c.content}`}</Descriptions.Item>
        {c.disclosure?.line && <Descriptions.Item label="所问的一行">{c.disclosure.line.text}</Descriptions.Item>}
      </Descriptions>
      <QueryState query={current} what="所询问的公开信息" rows={6}>
        {(d) =>
          d.staff ? (
            <Form
              form={form}
              layout="vertical"
              initialValues={{ title: d.staff.title, docNo: d.staff.docNo ?? '', text: htmlToText(d.staff.bodyHtml) }}
              onValuesChange={() => save.clear()}
            >
              <Form.Item name="title" label="更正后的标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
                <Input maxLength={200} />
              </Form.Item>
              {d.staff.docNo ? (
                <Form.Item name="docNo" label="文号">
                  <Input maxLength={100} />
                </Form.Item>
              ) : null}
              <Form.Item
                name="text"
                label="更正后的正文（每行一段；补上遗漏的、改正不真实的内容）"
                rules={[{ required: true, whitespace: true, message: '请填写正文' }]}
              >
                <Input.TextArea rows={10} />
              </Form.Item>
              <Form.Item name="note" label="告知提出人的说明（可不填；不要写身份证号、电话等个人信息）">
                <Input.TextArea rows={3} maxLength={2000} showCount />
              </Form.Item>
            </Form>
          ) : (
            <Alert type="warning" showIcon title="您不能查看这条公开信息的工作稿，请由发布单位的工作人员提出更正。" />
          )
        }
      </QueryState>
      <SaveError save={save} style={{ marginTop: 12 }} />
    </Modal>
  );
}

/** The investigation's evidence files: the types and limits the server checks (investigate-case.ts), checked here first. */
const EVIDENCE_KINDS: Record<string, string> = { pdf: 'PDF', png: 'PNG 图片', jpg: 'JPG 图片', jpeg: 'JPG 图片', docx: 'Word', xlsx: 'Excel' };
const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
const EVIDENCE_MAX_TOTAL = 20 * 1024 * 1024;
const EVIDENCE_MAX_FILES = 10;
const extOf = (name: string) => (/\.([A-Za-z0-9]+)$/.exec(name)?.[1] ?? '').toLowerCase();
const sizeText = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** Why a file cannot be added to the evidence (null: it can). */
function evidenceProblem(file: { name: string; size: number }, chosen: { size: number }[]): string | null {
  if (!EVIDENCE_KINDS[extOf(file.name)]) return `“${file.name}”不是 PDF、JPG、PNG、Word（docx）或 Excel（xlsx）文件`;
  if (file.size === 0) return `“${file.name}”是空文件`;
  if (file.size > EVIDENCE_MAX_BYTES) return `“${file.name}”有 ${sizeText(file.size)}，每个文件不能超过 10 MB`;
  if (chosen.length >= EVIDENCE_MAX_FILES) return `证据材料最多 ${EVIDENCE_MAX_FILES} 个文件`;
  if (chosen.reduce((a, f) => a + f.size, 0) + file.size > EVIDENCE_MAX_TOTAL) return '证据材料合计不能超过 20 MB，请压缩或分次登记';
  return null;
}

const toBase64 = async (file: File): Promise<string> => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
};

/** Choose evidence files (kept in the browser until the investigation is sent): name, type and size of each. */
function EvidencePicker({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Upload
        multiple
        showUploadList={false}
        accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx"
        beforeUpload={(file, batch) => {
          // antd calls this once per file of a batch: take the whole batch at its first file, in order.
          if (file !== batch[0]) return false;
          let next = [...files];
          let why: string | null = null;
          for (const f of batch) {
            const p = evidenceProblem(f, next);
            if (p) why ??= p;
            else next = [...next, f];
          }
          setProblem(why);
          onChange(next);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />}>选择证据材料</Button>
      </Upload>
      <Typography.Text type="secondary">PDF、JPG、PNG、Word（docx）、Excel（xlsx），每个不超过 10 MB，最多 10 个，合计不超过 20 MB。</Typography.Text>
      {problem && <Alert type="error" showIcon title={problem} />}
      {files.map((f, i) => (
        <Space key={`${f.name}-${i}`} className="evidence-file">
          <PaperClipOutlined />
          <span>{f.name}</span>
          <Tag>{EVIDENCE_KINDS[extOf(f.name)]}</Tag>
          <Typography.Text type="secondary">{sizeText(f.size)}</Typography.Text>
          <Button
            type="text"
            danger
            size="small"
            icon={<DeleteOutlined />}
            aria-label={`移除 ${f.name}`}
            onClick={() => {
              setProblem(null);
              onChange(files.filter((_, k) => k !== i));
            }}
          />
        </Space>
      ))}
    </Space>
  );
}

interface ActionValues {
  reason?: string;
  toUnitCode?: string;
  answer?: string;
  facts?: string;
  intoId?: string;
  investigators?: string;
  investigatedOn?: Dayjs;
  findings?: string;
  conclusion?: string;
  order?: 'none' | 'correct';
  orderWorkingDays?: number;
}

/** The handling unit's reply templates for this kind (答复模板): choosing one fills the answer, which stays editable. */
function TemplatePicker({ c, onPick }: { c: CaseDetail; onPick: (body: string) => void }) {
  const list = useApi<Template[]>(['interaction', 'templates', c.unit.code], `/api/v1/interaction/units/${encodeURIComponent(c.unit.code)}/templates`);
  const mine = (list.data ?? []).filter((t) => t.kind === c.kind);
  if (!mine.length) return null;
  return (
    <Form.Item label="选用答复模板（选用后请按实际情况修改）">
      <Select
        aria-label="选用答复模板"
        placeholder={`${c.unit.name}的${c.kindText}答复模板`}
        options={mine.map((t) => ({ value: t.id, label: t.title }))}
        onChange={(id: string) => onPick(mine.find((t) => t.id === id)?.body ?? '')}
      />
    </Form.Item>
  );
}

/** The form of one action, sent as the module's command; the server's refusal is shown as it says it. */
function ActionModal({ c, action, onClose }: { c: CaseDetail; action: ActionKey; onClose: () => void }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ActionValues>();
  const save = useSave();
  const [evidence, setEvidence] = useState<File[]>([]);
  const base = `/api/v1/interaction/cases/${encodeURIComponent(c.id)}`;
  const submit = async () => {
    const v = await filledIn(form);
    if (!v) return;
    // Taking a published case off the portal is seen by the public: ask once more, naming what they will read.
    if (
      action === 'withdraw-publication' &&
      !(await modal.confirm({
        title: '确定撤回这件事项的选登吗？',
        content: `撤回后公众不再看到提问和答复，只看到撤回日期和理由：“${v.reason?.trim() ?? ''}”。办理记录保留。`,
        okText: '撤回选登',
        okButtonProps: { danger: true },
        cancelText: '再想想',
      }))
    )
      return;
    await save.run(async () => {
      if (action === 'accept' || action === 'return' || action === 'transfer')
        await post(`${base}/screen`, { decision: action, reason: v.reason ?? null, toUnitCode: v.toUnitCode ?? null });
      else if (action === 'answer') await post(`${base}/answer`, { answer: v.answer });
      else if (action === 'verify') await post(`${base}/verify`, { answer: v.answer, facts: v.facts ?? null });
      else if (action === 'merge') await post(`${base}/merge`, { intoId: v.intoId });
      else if (action === 'publish') await post(`${base}/publish`, {});
      else if (action === 'withdraw-publication') await post(`${base}/withdraw-publication`, { reason: v.reason });
      else if (action === 'correct-publication') await post(`${base}/correct-publication`, { answer: v.answer, reason: v.reason });
      else if (action === 'investigate')
        await post(`${base}/investigate`, {
          investigators: v.investigators,
          investigatedOn: v.investigatedOn!.format('YYYY-MM-DD'),
          findings: v.findings,
          conclusion: v.conclusion,
          order: v.order ?? 'none',
          orderWorkingDays: v.order === 'correct' ? (v.orderWorkingDays ?? null) : null,
          evidence: await Promise.all(evidence.map(async (f) => ({ name: f.name, contentBase64: await toBase64(f) }))),
        });
      message.success(`已${ACTION_TEXT[action]}`);
      onClose();
    });
  };
  const required = (what: string) => [{ required: true, whitespace: true, message: `请填写${what}` }];
  return (
    <Modal
      open
      title={`${ACTION_TEXT[action]}：${c.caseNo}`}
      okText="确定"
      cancelText="取消"
      confirmLoading={save.busy}
      onOk={() => void submit()}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      <SaveError save={save} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" initialValues={{ order: 'none', ...(action === 'correct-publication' ? { answer: c.answer ?? '' } : {}) }}>
        {action === 'accept' && <Typography.Paragraph>受理后按期限答复（{c.dueOn ? `${c.dueOn}前` : '期限由受理日起算'}）。</Typography.Paragraph>}
        {action === 'return' && (
          <Form.Item name="reason" label="退回理由（提出人可以看到）" rules={required('退回理由')}>
            <Input.TextArea rows={3} maxLength={4000} showCount />
          </Form.Item>
        )}
        {action === 'transfer' && (
          <>
            <Form.Item name="toUnitCode" label="转交给" rules={[{ required: true, message: '请选择接收单位' }]}>
              <UnitSelect />
            </Form.Item>
            <Form.Item name="reason" label="转交理由" rules={required('转交理由')}>
              <Input.TextArea rows={3} maxLength={4000} showCount />
            </Form.Item>
          </>
        )}
        {(action === 'answer' || action === 'verify') && <TemplatePicker c={c} onPick={(body) => form.setFieldValue('answer', body)} />}
        {(action === 'answer' || action === 'verify') && (
          <Form.Item name="answer" label="答复（提出人可以看到，选登时公开；不要写身份证号、电话等个人信息）" rules={required('答复')}>
            <Input.TextArea rows={6} maxLength={4000} showCount />
          </Form.Item>
        )}
        {action === 'verify' && (
          <Form.Item name="facts" label="核实情况（核实了什么、怎样核实的）">
            <Input.TextArea rows={3} maxLength={4000} showCount />
          </Form.Item>
        )}
        {action === 'merge' && (
          <Form.Item name="intoId" label="合并到（本单位相同的事项，一并答复）" rules={[{ required: true, message: '请选择要合并到的事项' }]}>
            <Select
              options={c.duplicates.map((d) => ({ value: d.id, label: `${d.caseNo}（相似度 ${Math.round(d.similarity * 100)}%）${d.excerpt}` }))}
              placeholder={c.duplicates.length ? '选择事项' : '没有找到可能相同的事项'}
            />
          </Form.Item>
        )}
        {action === 'withdraw-publication' && (
          <>
            <Typography.Paragraph>
              撤回后，门户网站“选登”中不再显示这件事项的提问和答复，改为显示撤回日期和下面的理由。请写明为什么撤回（至少4个字，不要写身份证号、电话等个人信息）。
            </Typography.Paragraph>
            <Form.Item name="reason" label="撤回理由（公众可以看到）" rules={[...required('撤回理由'), { min: 4, message: '撤回理由至少写4个字' }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
          </>
        )}
        {action === 'correct-publication' && (
          <>
            <Typography.Paragraph>
              已公开的答复不能直接修改。更正后，门户网站显示新的答复，并标明“已更正”、更正理由和更正前的答复；办理记录保留每一版。
            </Typography.Paragraph>
            <Form.Item name="answer" label="更正后的答复（公开；不要写身份证号、电话等个人信息）" rules={required('更正后的答复')}>
              <Input.TextArea rows={6} maxLength={4000} showCount />
            </Form.Item>
            <Form.Item name="reason" label="更正理由（公众可以看到）" rules={[...required('更正理由'), { min: 4, message: '更正理由至少写4个字' }]}>
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
          </>
        )}
        {action === 'publish' && <Typography.Paragraph>提出人已同意公开。公开时姓名、电话不公开，内容和答复中的个人信息会被遮盖。</Typography.Paragraph>}
        {action === 'investigate' && (
          <>
            <Form.Item name="investigators" label="调查人员" rules={required('调查人员')}>
              <Input maxLength={4000} />
            </Form.Item>
            <Form.Item name="investigatedOn" label="调查日期" rules={[{ required: true, message: '请选择调查日期' }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="findings" label="调查情况" rules={required('调查情况')}>
              <Input.TextArea rows={3} maxLength={4000} showCount />
            </Form.Item>
            <Form.Item name="conclusion" label="给提出人的结论" rules={required('结论')}>
              <Input.TextArea rows={3} maxLength={4000} showCount />
            </Form.Item>
            <Form.Item label="证据材料（仅工作人员可见）">
              <EvidencePicker files={evidence} onChange={setEvidence} />
            </Form.Item>
            <Form.Item name="order" label="处理">
              <Radio.Group
                options={[
                  { value: 'none', label: '内容无误' },
                  { value: 'correct', label: '责令村（居）限期更正' },
                ]}
              />
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {() =>
                form.getFieldValue('order') === 'correct' ? (
                  <Form.Item name="orderWorkingDays" label="更正期限（工作日，不填按县里的设置）">
                    <InputNumber min={1} max={60} />
                  </Form.Item>
                ) : null
              }
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
