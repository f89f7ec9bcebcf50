import { useEffect, useState, type ReactNode } from 'react';
import { chinaToday } from '../../lib/china-day.ts';
import { CaseLetters } from './CaseLetters.tsx';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { post } from '../../lib/http.ts';
import { QueryState, useApi } from '../../lib/query.tsx';
import { useSave } from '../../lib/save.tsx';
import { FormDialog } from '../../lib/form-dialog.tsx';
import { navigate } from '../../lib/router.ts';
import { CLOCK_STATE_TEXT, useVocabulary, type RequestDetail, type Vocabulary } from './shared.ts';

type Values = Record<string, unknown>;
const day = (v: unknown) => (v ? (v as Dayjs).format('YYYY-MM-DD') : undefined);
// Dates of steps are China-local (the server's rule), whatever the browser's time zone.
const today = chinaToday;
const notFuture = (d: Dayjs) => d.isAfter(today(), 'day');

interface ActionSpec {
  label: string;
  path: string;
  danger?: boolean;
  primary?: boolean;
  form: (v: Vocabulary, d: RequestDetail, watch: Values) => ReactNode;
  initial?: (d: RequestDetail) => Values;
  body: (v: Values) => unknown;
}

const DateItem = ({ name, label }: { name: string; label: string }) => (
  <Form.Item name={name} label={label} rules={[{ required: true, message: `请选择${label}` }]}>
    <DatePicker disabledDate={notFuture} />
  </Form.Item>
);

/** One short form per action, in plain Chinese; the server checks every rule again. */
const ACTIONS: Record<string, ActionSpec> = {
  assign: {
    label: '分配承办人',
    path: 'assign',
    initial: (d) => ({ on: today(), userId: d.assignee?.id }),
    form: (_v, d) => (
      <>
        <Form.Item name="userId" label="承办人（本机关政府信息公开工作人员）" rules={[{ required: true, message: '请选择承办人' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder="选择承办人"
            options={d.assignees.map((u) => ({ value: u.id, label: u.displayName }))}
            notFoundContent="本机关还没有政府信息公开工作人员账号，请县政府办先开设"
          />
        </Form.Item>
        <DateItem name="on" label="分配日期" />
      </>
    ),
    body: (v) => ({ userId: v.userId, on: day(v.on) }),
  },
  'confirm-receipt': {
    label: '确认收到申请',
    primary: true,
    path: 'confirm-receipt',
    initial: () => ({ receivedOn: today() }),
    form: () => (
      <>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="网上、传真申请以与申请人双方确认之日为收到申请之日（条例第三十一条）。" />
        <DateItem name="receivedOn" label="确认日期" />
      </>
    ),
    body: (v) => ({ receivedOn: day(v.receivedOn) }),
  },
  'clarification-request': {
    label: '补正告知',
    path: 'clarification-request',
    initial: () => ({ on: today(), reasons: ['description'] }),
    form: (v, d) => (
      <>
        {d.clock.clarificationDueBy && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`补正告知应在 ${d.clock.clarificationDueBy} 前一次性发出（条例第三十条）`} />
        )}
        <DateItem name="on" label="告知日期" />
        <Form.Item name="reasons" label="需要补正的事项" rules={[{ required: true, message: '请选择需要补正的事项' }]}>
          <Checkbox.Group options={v.clarificationReasons.map((r) => ({ value: r.code, label: r.label }))} style={{ display: 'grid', gap: 6 }} />
        </Form.Item>
        <Form.Item name="details" label="具体说明（一次性告知）" rules={[{ required: true, message: '请写明需要补正的具体内容' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="correctionDueOn" label="补正期限" rules={[{ required: true, message: '请选择补正期限' }]}>
          <DatePicker />
        </Form.Item>
      </>
    ),
    body: (v) => ({ on: day(v.on), reasons: v.reasons, details: v.details, correctionDueOn: day(v.correctionDueOn) }),
  },
  'clarification-received': {
    label: '登记收到补正',
    primary: true,
    path: 'clarification-received',
    initial: () => ({ receivedOn: today() }),
    form: () => (
      <>
        <DateItem name="receivedOn" label="收到补正后申请的日期" />
        <Form.Item name="note" label="备注">
          <Input maxLength={1000} />
        </Form.Item>
      </>
    ),
    body: (v) => ({ receivedOn: day(v.receivedOn), note: v.note || null }),
  },
  'close-no-correction': {
    label: '逾期不补正，终止办理',
    danger: true,
    path: 'close-no-correction',
    initial: () => ({ on: today() }),
    form: () => (
      <>
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="申请人无正当理由逾期不补正的，视为放弃申请（条例第三十条）。系统会核对补正期限。" />
        <DateItem name="on" label="终止日期" />
      </>
    ),
    body: (v) => ({ on: day(v.on) }),
  },
  consult: {
    label: '征求意见 / 协办',
    path: 'consultations',
    initial: () => ({ kind: 'third-party', sentOn: today() }),
    form: (v, _d, w) => (
      <>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Radio.Group options={v.consultationKinds.map((k) => ({ value: k.code, label: `${k.label}（${k.article}）` }))} style={{ display: 'grid', gap: 6 }} />
        </Form.Item>
        <Form.Item name="partyName" label="对方名称" rules={[{ required: true, message: '请填写对方名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="partyContact" label="对方联系方式" rules={[{ required: true, message: '请填写联系方式' }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="subject" label="征求意见的内容">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <DateItem name="sentOn" label="发函日期" />
        {w.kind === 'assisting' && (
          <Form.Item name="replyDueOn" label="协办回复期限" rules={[{ required: true, message: '协办没有法定期限，请填写回复期限' }]}>
            <DatePicker />
          </Form.Item>
        )}
        <Typography.Text type="secondary">征求意见期间不计入答复期限（条例第三十三条第三款）；第三方、共同制作机关应在15个工作日内回复。</Typography.Text>
      </>
    ),
    body: (v) => ({
      kind: v.kind,
      partyName: v.partyName,
      partyContact: v.partyContact,
      subject: v.subject || null,
      sentOn: day(v.sentOn),
      replyDueOn: day(v.replyDueOn) ?? null,
    }),
  },
  extend: {
    label: '延期答复',
    path: 'extension',
    initial: () => ({ on: today(), workingDays: 20 }),
    form: () => (
      <>
        <DateItem name="on" label="告知申请人日期" />
        <Form.Item name="workingDays" label="延长工作日数（最长20个）" rules={[{ required: true }]}>
          <InputNumber min={1} max={20} />
        </Form.Item>
        <Form.Item name="approvedBy" label="同意延期的政府信息公开工作机构负责人" rules={[{ required: true, message: '请填写负责人姓名' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="reason" label="延期理由" rules={[{ required: true, message: '请填写延期理由' }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </>
    ),
    body: (v) => ({ on: day(v.on), workingDays: v.workingDays, approvedBy: v.approvedBy, reason: v.reason }),
  },
  'reasons-request': {
    label: '要求说明理由（第三十五条）',
    path: 'reasons-request',
    initial: () => ({ on: today() }),
    form: () => (
      <>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="申请公开政府信息的数量、频次明显超过合理范围的，可以要求申请人说明理由（条例第三十五条）。系统会生成《说明理由告知书》；答复期限不因此中止。"
        />
        <DateItem name="on" label="告知日期" />
        <Form.Item name="reasonsDeadline" label="说明理由的期限" rules={[{ required: true, message: '请选择说明理由的期限' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="details" label="明显超过合理范围的具体情况" rules={[{ required: true, message: '请写明具体情况' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </>
    ),
    body: (v) => ({ on: day(v.on), reasonsDeadline: day(v.reasonsDeadline), details: v.details }),
  },
  delay: {
    label: '延迟答复（第三十五条）',
    path: 'delay',
    initial: () => ({ on: today() }),
    form: () => (
      <>
        <DateItem name="on" label="告知申请人日期" />
        <Form.Item name="dueOn" label="新的答复期限" rules={[{ required: true, message: '请选择新的答复期限' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="reason" label="理由（申请数量、频次明显超过合理范围）" rules={[{ required: true, message: '请填写理由' }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </>
    ),
    body: (v) => ({ on: day(v.on), dueOn: day(v.dueOn), reason: v.reason }),
  },
  'fee-notice': {
    label: '收费通知',
    path: 'fee-notice',
    initial: () => ({ on: today(), mode: 'per-item' }),
    form: (_v, _d, w) => (
      <>
        <DateItem name="on" label="通知日期" />
        <Form.Item name="mode" label="计收方式（只能选一种）" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'per-item', label: '按件（同一申请人本月累计）' },
              { value: 'per-volume', label: '按量（页数）' },
            ]}
          />
        </Form.Item>
        {w.mode === 'per-volume' && (
          <Form.Item name="pages" label="页数" rules={[{ required: true, message: '请填写页数' }]}>
            <InputNumber min={1} />
          </Form.Item>
        )}
      </>
    ),
    body: (v) => ({ on: day(v.on), mode: v.mode, pages: v.pages ?? null }),
  },
  'fee-paid': {
    label: '登记缴费',
    primary: true,
    path: 'fee-payment',
    initial: () => ({ paidOn: today() }),
    form: () => (
      <>
        <DateItem name="paidOn" label="缴费日期" />
        <Form.Item name="receiptNo" label="财政票据号码" rules={[{ required: true, message: '请填写票据号码' }]}>
          <Input maxLength={100} />
        </Form.Item>
      </>
    ),
    body: (v) => ({ paidOn: day(v.paidOn), receiptNo: v.receiptNo }),
  },
  'close-fee-unpaid': {
    label: '逾期未缴费，终止办理',
    danger: true,
    path: 'close-fee-unpaid',
    initial: () => ({ on: today() }),
    form: () => <DateItem name="on" label="终止日期" />,
    body: (v) => ({ on: day(v.on) }),
  },
  'propose-decision': {
    label: '拟定答复',
    primary: true,
    path: 'decision',
    initial: () => ({ on: today() }),
    form: (v, _d, w) => {
      const type = v.decisionTypes.find((t) => t.code === w.type);
      const req = type?.requires ?? [];
      return (
        <>
          <DateItem name="on" label="拟定日期" />
          <Form.Item name="type" label="答复类型（对应年度报告表三）" rules={[{ required: true, message: '请选择答复类型' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={v.decisionTypes
                .filter((t) => t.code !== 'other.no-correction' && t.code !== 'other.fee-unpaid')
                .map((t) => ({ value: t.code, label: t.label }))}
            />
          </Form.Item>
          {type && (
            <Form.Item
              name="legalBasis"
              label="法律依据"
              rules={[{ required: true, message: '请填写法律依据' }]}
              extra={type.legalBasis ? null : '我们的资料中没有该情形的条文，请填写所依据的法律法规。'}
            >
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          )}
          {req.includes('provision') && (
            <Form.Item name="provision" label="提供信息的方式、途径和时间" rules={[{ required: true, message: '请填写' }]}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          )}
          {req.includes('withheld') && (
            <Form.Item name="withheld" label="不予公开的部分及其理由" rules={[{ required: true, message: '请填写' }]}>
              <Input.TextArea rows={2} maxLength={4000} />
            </Form.Item>
          )}
          {req.includes('reasons') && (
            <Form.Item name="reasons" label="理由" rules={[{ required: true, message: '请填写理由' }]}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          )}
          {req.includes('responsibleAgency') && (
            <>
              <Form.Item name="agencyName" label="负责公开该信息的机关名称" rules={[{ required: true, message: '请填写机关名称（条例第三十六条第（五）项）' }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="agencyContact" label="该机关的联系方式" rules={[{ required: true, message: '请填写联系方式' }]}>
                <Input maxLength={300} />
              </Form.Item>
            </>
          )}
        </>
      );
    },
    body: (v) => ({
      on: day(v.on),
      type: v.type,
      legalBasis: v.legalBasis || null,
      reasons: v.reasons || null,
      provision: v.provision || null,
      withheld: v.withheld || null,
      responsibleAgency: v.agencyName || v.agencyContact ? { name: v.agencyName || null, contact: v.agencyContact || null } : null,
    }),
  },
  approve: {
    label: '审核通过，作出答复',
    primary: true,
    path: 'review',
    initial: () => ({ on: today() }),
    form: () => (
      <>
        <DateItem name="on" label="审核日期（答复日期）" />
        <Form.Item name="comment" label="审核意见">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </>
    ),
    body: (v) => ({ decision: 'approve', on: day(v.on), comment: v.comment || null }),
  },
  return: {
    label: '审核退回',
    danger: true,
    path: 'review',
    initial: () => ({ on: today() }),
    form: () => (
      <>
        <DateItem name="on" label="退回日期" />
        <Form.Item name="comment" label="退回意见" rules={[{ required: true, message: '请写明需要修改的意见' }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </>
    ),
    body: (v) => ({ decision: 'return', on: day(v.on), comment: v.comment }),
  },
  deliver: {
    label: '登记送达',
    primary: true,
    path: 'delivery',
    initial: (d) => ({ on: today(), method: d.deliveryMethod }),
    form: (v) => (
      <>
        <Form.Item name="method" label="送达方式" rules={[{ required: true }]}>
          <Select options={v.deliveryMethods.map((m) => ({ value: m.code, label: m.label }))} />
        </Form.Item>
        <DateItem name="on" label="送达日期" />
        <Form.Item name="proof" label="送达凭证（邮件单号、签收人、发送记录等）" rules={[{ required: true, message: '请填写送达凭证' }]}>
          <Input maxLength={500} />
        </Form.Item>
      </>
    ),
    body: (v) => ({ method: v.method, on: day(v.on), proof: v.proof }),
  },
  archive: {
    label: '归档',
    path: 'archive',
    initial: () => ({ on: today() }),
    form: () => (
      <>
        <DateItem name="on" label="归档日期" />
        <Form.Item name="note" label="备注">
          <Input maxLength={1000} />
        </Form.Item>
      </>
    ),
    body: (v) => ({ on: day(v.on), note: v.note || null }),
  },
  'convert-proactive': {
    label: '转为主动公开（第四十四条）',
    path: 'proactive-disclosure',
    initial: (d) => ({ title: d.infoDescription.slice(0, 100), body: '' }),
    form: () => (
      <>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="多个申请人申请相同信息、且可以公开的，可以纳入主动公开（条例第四十四条）。此操作生成一条公开草稿，按公开发布流程审核后发布。"
        />
        <Form.Item name="title" label="公开标题" rules={[{ required: true, message: '请填写标题' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="body" label="正文" rules={[{ required: true, message: '请填写正文' }]}>
          <Input.TextArea rows={5} />
        </Form.Item>
      </>
    ),
    body: (v) => ({
      title: v.title,
      body: `<p>${String(v.body)
        .replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
        .replace(/\n+/g, '</p><p>')}</p>`,
    }),
  },
};

function ActionModal({ action, detail, vocab, onClose }: { action: string; detail: RequestDetail; vocab: Vocabulary; onClose: (saved: boolean) => void }) {
  const spec = ACTIONS[action];
  const [form] = Form.useForm();
  const watch = (Form.useWatch([], form) ?? {}) as Values;
  const save = useSave();
  useEffect(() => {
    if (action !== 'propose-decision' || !watch.type) return;
    const t = vocab.decisionTypes.find((x) => x.code === watch.type);
    form.setFieldValue('legalBasis', t?.legalBasis ?? '');
  }, [action, watch.type, vocab, form]);
  const submit = async (v: Values) => {
    // The dialog closes on the server's yes; the case itself is read again (every write marks the reads stale).
    if (await save.run(() => post(`/api/v1/info-requests/${detail.id}/${spec.path}`, spec.body(v)))) onClose(true);
  };
  return (
    // 确定 submits the form; the server's refusal shows above it and the dialog stays open.
    <FormDialog title={spec.label} form={form} save={save} onSubmit={submit} onClose={() => onClose(false)} width={640}>
      <Form form={form} layout="vertical" initialValues={spec.initial?.(detail)}>
        {spec.form(vocab, detail, watch)}
      </Form>
    </FormDialog>
  );
}

function ReplyModal({ detail, cid, vocab, onClose }: { detail: RequestDetail; cid: string; vocab: Vocabulary; onClose: (saved: boolean) => void }) {
  const [form] = Form.useForm();
  const save = useSave();
  const c = detail.consultations.find((x) => x.id === cid)!;
  const submit = async (v: Values) => {
    const body = { receivedOn: day(v.receivedOn), stance: v.stance, note: v.note || null };
    if (await save.run(() => post(`/api/v1/info-requests/${detail.id}/consultations/${cid}/reply`, body))) onClose(true);
  };
  return (
    <FormDialog title={`登记回复：${c.partyName}`} form={form} save={save} onSubmit={submit} onClose={() => onClose(false)}>
      <Form form={form} layout="vertical" initialValues={{ receivedOn: today(), stance: 'consent' }}>
        <DateItem name="receivedOn" label="收到回复日期" />
        <Form.Item name="stance" label="对方意见" rules={[{ required: true }]}>
          <Radio.Group options={vocab.consultationStances.map((s) => ({ value: s.code, label: s.label }))} />
        </Form.Item>
        <Form.Item name="note" label="意见内容或理由">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Typography.Text type="secondary">{`回复期限：${c.replyDueOn ?? '—'}。逾期未回复的，期限届满后登记为“逾期未回复”。`}</Typography.Text>
      </Form>
    </FormDialog>
  );
}

/** One case: facts, the clock with its explanation, the timeline, consultations, letters, and every next step. */
export function RequestDetailPage({ id }: { id: string }) {
  const detail = useApi<RequestDetail>(['requests', 'case'], `/api/v1/info-requests/${encodeURIComponent(id)}`);
  const vocab = useVocabulary();
  return (
    <QueryState query={detail} what="该申请">
      {(d) => (
        <QueryState query={vocab} what="依申请公开的代码表">
          {(v) => <CaseView d={d} vocab={v} />}
        </QueryState>
      )}
    </QueryState>
  );
}

function CaseView({ d, vocab }: { d: RequestDetail; vocab: Vocabulary }) {
  const { message } = App.useApp();
  const [action, setAction] = useState<string | null>(null);
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const closed = (saved: boolean) => {
    setAction(null);
    setReplyTo(null);
    if (saved) void message.success('已保存');
  };
  const buttons = d.nextActions.filter((a) => a !== 'consultation-reply' && ACTIONS[a]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {`申请 ${d.regNo}`}{' '}
            <Tag color="blue" id="case-status">
              {d.statusText}
            </Tag>
          </Typography.Title>
          <Button onClick={() => navigate('/requests')}>返回列表</Button>
        </Space>
        {buttons.length > 0 && (
          <Space wrap style={{ marginTop: 16 }} aria-label="可办理的操作">
            {buttons.map((a) => (
              <Button key={a} type={ACTIONS[a].primary ? 'primary' : 'default'} danger={ACTIONS[a].danger} onClick={() => setAction(a)}>
                {ACTIONS[a].label}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title="申请信息">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="受理机关">{d.unit.name}</Descriptions.Item>
              <Descriptions.Item label="申请方式">{`${d.channelText}${d.filledByStaff ? '（工作人员代填）' : ''}`}</Descriptions.Item>
              <Descriptions.Item label="收到日期">{d.receivedOn ?? '待确认收到'}</Descriptions.Item>
              <Descriptions.Item label="承办人">{d.assignee?.displayName ?? '未分配'}</Descriptions.Item>
              <Descriptions.Item label="申请人">{`${d.applicant.name}（${d.applicantKindText}）`}</Descriptions.Item>
              <Descriptions.Item label="身份证明">
                {`${d.applicant.idType} ${d.applicant.idNumber}`}
                {d.identityProof && (
                  <>
                    {' · '}
                    <a href={d.identityProof.url}>下载证明文件</a>
                  </>
                )}
              </Descriptions.Item>
              <Descriptions.Item label="联系方式">{[d.applicant.phone, d.applicant.email, d.applicant.address].filter(Boolean).join('；')}</Descriptions.Item>
              <Descriptions.Item label="所需信息">
                {d.infoDescription}
                {d.infoDocNumber ? `（文号：${d.infoDocNumber}）` : ''}
              </Descriptions.Item>
              <Descriptions.Item label="形式与获取方式">{`${d.infoFormText}；${d.deliveryMethodText}`}</Descriptions.Item>
              {d.needsAssistance && <Descriptions.Item label="需要帮助">申请人有阅读困难或视听障碍（条例第四十三条）</Descriptions.Item>}
              <Descriptions.Item label="查询码">{d.trackingCode}</Descriptions.Item>
              {d.decision && (
                <Descriptions.Item label="答复">
                  <div>{`${d.decision.label}${d.decision.decidedOn ? `（${d.decision.decidedOn}）` : '（待审核）'}`}</div>
                  {d.decision.legalBasis && <div>{`依据：${d.decision.legalBasis}`}</div>}
                  {d.decision.reasons && <div>{`理由：${d.decision.reasons}`}</div>}
                  {d.decision.provision && <div>{`提供方式：${d.decision.provision}`}</div>}
                  {d.decision.withheld && <div>{`不予公开部分：${d.decision.withheld}`}</div>}
                  {d.decision.responsibleAgency && <div>{`负责机关：${d.decision.responsibleAgency.name}（${d.decision.responsibleAgency.contact}）`}</div>}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="答复期限" id="clock">
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {d.decision?.decidedOn ? `已于 ${d.decision.decidedOn} 答复` : (d.clock.dueDate ?? '—')}
              {d.clock.provisional && (
                <Tag color="orange" style={{ marginLeft: 8 }}>
                  暂定
                </Tag>
              )}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{`${CLOCK_STATE_TEXT[d.clock.state] ?? d.clock.state}；不计入期限的工作日：${d.clock.pausedWorkingDays}天`}</Typography.Paragraph>
            {d.clock.warnings.map((w) => (
              <Alert key={w.code} type={w.code.endsWith('overdue') ? 'error' : 'warning'} showIcon title={w.message} style={{ marginBottom: 8 }} />
            ))}
            <ol style={{ paddingLeft: 20 }}>
              {d.clock.explanation.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ol>
          </Card>
        </Col>
      </Row>
      <Card title="办理记录">
        <Timeline
          items={d.steps.map((s) => ({
            color: s.late ? 'red' : 'blue',
            content: (
              <div>
                <Typography.Text strong>{`${s.on} ${s.actionText}`}</Typography.Text>
                {s.late && (
                  <Tag color="red" style={{ marginLeft: 8 }}>
                    超过法定期限
                  </Tag>
                )}
                <div>
                  <Typography.Text type="secondary">{[s.actorName, s.comment].filter(Boolean).join('：')}</Typography.Text>
                </div>
              </div>
            ),
          }))}
        />
      </Card>
      {d.consultations.length > 0 && (
        <Card title="征求意见与协办">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={d.consultations}
            scroll={{ x: 800 }}
            columns={[
              { title: '类型', dataIndex: 'kindText' },
              {
                title: '对方',
                dataIndex: 'partyName',
                render: (v: string, r) => (
                  <>
                    {v}
                    <br />
                    <Typography.Text type="secondary">{r.partyContact}</Typography.Text>
                  </>
                ),
              },
              { title: '发函', dataIndex: 'sentOn' },
              { title: '回复期限', dataIndex: 'replyDueOn' },
              {
                title: '回复',
                dataIndex: 'repliedOn',
                render: (v: string | null, r) =>
                  v ? (
                    `${v} ${r.stanceText ?? ''}${r.note ? `：${r.note}` : ''}`
                  ) : d.nextActions.includes('consultation-reply') ? (
                    <Button size="small" onClick={() => setReplyTo(r.id)}>
                      登记回复
                    </Button>
                  ) : (
                    '未回复'
                  ),
              },
              { title: '文号', dataIndex: 'letterNo' },
            ]}
          />
        </Card>
      )}
      {d.fees.length > 0 && (
        <Card title="信息处理费">
          {d.fees.map((f) => (
            <p
              key={f.id}
            >{`${f.noticeOn} 通知收费 ${f.amountYuan} 元（${f.calculation}），缴费期限 ${f.payBy}；${f.paidOn ? `已于 ${f.paidOn} 缴纳，票据号 ${f.receiptNo ?? ''}` : '未缴纳'}`}</p>
          ))}
        </Card>
      )}
      <CaseLetters requestId={d.id} />
      {action && <ActionModal action={action} detail={d} vocab={vocab} onClose={closed} />}
      {replyTo && <ReplyModal detail={d} cid={replyTo} vocab={vocab} onClose={closed} />}
    </Space>
  );
}
