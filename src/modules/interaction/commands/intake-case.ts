/**
 * Intake of a case: online without an account (the public form and POST /api/v1/interaction/cases, behind the
 * same signed human check and rate limit as 依申请公开), through the county app's API token (channel `app`), or
 * entered by staff for what was said in person, by phone, at a meeting, written in a letter or found in the
 * 意见箱 (channel recorded; a slip belongs to a recorded opening). A question (询问) is about a public disclosure —
 * optionally one line of its finance statement or recipient list — and goes to the unit that published it; 咨询 /
 * 建议 / 投诉 go to the unit chosen and wait for screening (审看). The person gets a tracking code and a secret
 * (shown once; only its hash is stored), as for 依申请公开.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.ts';
import { chinaDate } from '../../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../../platform/command.ts';
import { isRealDate } from '../../../platform/http/schemas.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import { getCalendar } from '../../calendar/index.ts';
import { domainMap } from '../../catalog/index.ts';
import { findUnit } from '../../org/index.ts';
import { formatYuan, getDisclosure, type PublicDisclosure } from '../../publishing/index.ts';
import { hashSecret, randomCode, verifyHumanCheck } from '../../requests/index.ts';
import { findBox, findOpening, insertCase, loadSettings, nextCaseSerial, slipsEntered, type CaseRow } from '../interaction.repository.ts';
import { canHandle } from '../interaction.policy.ts';
import { CHANNELS, MAX_CONTENT, STAFF_CHANNELS, isCaseKind, type CaseKind } from '../interaction.types.ts';
import { cleanPhone, cleanText, dueFrom, publicChanged, recordStep, unitOrFail } from './shared.ts';

export interface CaseInput {
  kind: string;
  /** 咨询/建议/投诉: the unit addressed. A question's unit is the disclosure's. */
  unitCode?: string | null;
  disclosureId?: string | null;
  lineKind?: 'finance' | 'recipients' | null;
  lineNo?: number | null;
  domainCode?: string | null;
  subject?: string | null;
  content: string;
  name?: string | null;
  phone?: string | null;
  /** The person agrees that the question and its answer may be published (personal data always masked). */
  publishConsent?: boolean;
}

export interface StaffCaseInput extends CaseInput {
  channel: string;
  receivedOn: string;
  /** channel `box`: the opening the slip came out of. */
  boxOpeningId?: string | null;
}

export interface IntakeResult {
  row: CaseRow;
  trackingCode: string;
  trackingSecret: string;
}

const lineTextOf = (d: PublicDisclosure, kind: 'finance' | 'recipients', n: number): string | null => {
  for (const t of d.tables) {
    if (kind === 'finance' && t.kind === 'finance') {
      const l = t.statement.lines[n];
      if (l)
        return `${l.date} 凭证${l.voucherNo} ${l.summary} ${l.income ? `收入${formatYuan(l.income)}元` : `支出${formatYuan(l.expense)}元`}`.replace(
          /\s+/g,
          ' ',
        );
    }
    if (kind === 'recipients' && t.kind === 'recipients') {
      const r = t.rows[n];
      if (r) return t.columns.map((c, i) => `${c}：${r[i] ?? ''}`).join('；');
    }
  }
  return null;
};

async function prepare(
  ctx: AppContext,
  input: CaseInput,
  receivedOn: string,
): Promise<
  Result<{
    kind: CaseKind;
    unitCode: string;
    disclosure: PublicDisclosure | null;
    lineText: string | null;
    content: string;
    subject: string | null;
    name: string | null;
    phone: string | null;
    /** The case went to the unit responsible for its domain (settings.domainRoutes). */
    routed: { domainCode: string; domainName: string; from: string | null } | null;
  }>
> {
  if (!isCaseKind(input.kind)) return fail(400, 'INVALID_KIND', '请选择事项类型：询问、咨询、建议或投诉');
  const content = cleanText(input.content, input.kind === 'question' ? '疑问的内容' : '反映的内容', { max: MAX_CONTENT, min: 5, required: true });
  if (!content.ok) return content;
  const subject = cleanText(input.subject, '标题', { max: 100 });
  if (!subject.ok) return subject;
  const name = cleanText(input.name, '姓名', { max: 50 });
  if (!name.ok) return name;
  const phone = cleanPhone(input.phone);
  if (!phone.ok) return phone;
  let unitCode = input.unitCode?.trim() ?? '';
  let disclosure: PublicDisclosure | null = null;
  let lineText: string | null = null;
  if (input.kind === 'question') {
    if (!input.disclosureId) return fail(400, 'DISCLOSURE_REQUIRED', '询问须针对一条已公开的信息，请从公开信息页面点击“对此有疑问”');
    const d = await getDisclosure(ctx, null, input.disclosureId.slice(0, 64));
    if (!d.ok || !d.value.public) return fail(404, 'DISCLOSURE_NOT_FOUND', '没有找到这条公开信息，可能已撤回或网址有误');
    disclosure = d.value.public;
    if (disclosure.status !== 'published') return fail(409, 'DISCLOSURE_WITHDRAWN', '这条信息已撤回，如有疑问请选择“咨询”向该单位反映');
    if (unitCode && unitCode !== disclosure.unit.code)
      return fail(400, 'WRONG_UNIT', `这条信息由${disclosure.unit.name}公开，询问会交给${disclosure.unit.name}答复`);
    unitCode = disclosure.unit.code;
    if (input.lineKind != null || input.lineNo != null) {
      if (!input.lineKind || input.lineNo == null || !Number.isInteger(input.lineNo) || input.lineNo < 0) return fail(400, 'LINE_INVALID', '请指明是哪一行');
      lineText = lineTextOf(disclosure, input.lineKind, input.lineNo);
      if (!lineText) return fail(400, 'LINE_NOT_FOUND', '这条信息中没有这一行，请回到公开页面重新选择');
    }
  }
  let routed: { domainCode: string; domainName: string; from: string | null } | null = null;
  const domainCode = input.domainCode?.trim() || null;
  if (domainCode) {
    const domain = (await domainMap(ctx.db)).get(domainCode);
    if (!domain) return fail(400, 'DOMAIN_NOT_FOUND', `目录中没有公开领域：${domainCode.slice(0, 64)}`);
    // Sent to no unit or to the county as a whole: the unit responsible for the domain handles it (county rules as data).
    const chosen = unitCode ? await findUnit(ctx.db, unitCode) : undefined;
    if (input.kind !== 'question' && (!unitCode || chosen?.depth === 0)) {
      const rule = (await loadSettings(ctx.db)).domainRoutes.find((r) => r.domainCode === domainCode);
      const target = rule ? await findUnit(ctx.db, rule.unitCode) : undefined;
      if (target && target.active === 1 && target.code !== unitCode) {
        routed = { domainCode, domainName: domain.name, from: unitCode || null };
        unitCode = target.code;
      }
    }
  }
  if (input.kind !== 'question' && !unitCode) return fail(400, 'UNIT_REQUIRED', '请选择向哪个单位反映');
  if (receivedOn > chinaDate(ctx.clock.now())) return fail(400, 'DATE_IN_FUTURE', '收到日期不能晚于今天');
  return ok({
    kind: input.kind,
    unitCode,
    disclosure,
    lineText,
    content: content.value!,
    subject: subject.value,
    name: name.value,
    phone: phone.value,
    routed,
  });
}

async function intake(
  ctx: AppContext,
  meta: CommandMeta,
  input: CaseInput,
  channel: string,
  receivedOn: string,
  boxOpeningId: string | null,
  isDemo = false,
): Promise<Result<IntakeResult>> {
  const p = await prepare(ctx, input, receivedOn);
  if (!p.ok) return p;
  const calendar = await getCalendar(ctx);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await unitOrFail(trx, p.value.unitCode, '受理单位');
    if (!unit.ok) return unit;
    if (meta.actor && !canHandle(meta.actor, unit.value)) return fail(404, 'UNIT_NOT_FOUND', `没有找到受理单位：${p.value.unitCode}`);
    const settings = await loadSettings(trx);
    const kind = p.value.kind;
    const due = dueFrom(calendar, receivedOn, settings.limits[kind]);
    const year = Number(receivedOn.slice(0, 4));
    const serial = await nextCaseSerial(trx, ctx.dialect, year);
    const trackingCode = randomCode(10);
    const trackingSecret = randomCode(12);
    const at = now.toISOString();
    const status = kind === 'question' ? 'handling' : 'screening';
    const row: CaseRow = {
      id: crypto.randomUUID(),
      kind,
      case_no: `互${year}-${String(serial).padStart(5, '0')}`,
      tracking_code: trackingCode,
      tracking_secret_hash: hashSecret(trackingSecret),
      unit_code: unit.value.code,
      origin_unit_code: unit.value.code,
      domain_code: input.domainCode?.trim() || null,
      disclosure_id: p.value.disclosure?.id ?? null,
      disclosure_version: p.value.disclosure?.version ?? null,
      line_kind: p.value.lineText ? (input.lineKind ?? null) : null,
      line_no: p.value.lineText ? (input.lineNo ?? null) : null,
      line_text: p.value.lineText,
      channel,
      box_opening_id: boxOpeningId,
      subject: p.value.subject ?? (p.value.disclosure ? p.value.disclosure.title : null),
      content: p.value.content,
      asker_name: p.value.name,
      asker_phone: p.value.phone,
      publish_consent: input.publishConsent ? 1 : 0,
      status,
      received_on: receivedOn,
      due_on: due.date,
      due_provisional: due.provisional ? 1 : 0,
      answer: null,
      outcome: null,
      facts: null,
      answered_on: null,
      answered_by: null,
      answered_unit_code: null,
      correction_id: null,
      rating: null,
      rating_reason: null,
      rated_at: null,
      reopen_count: 0,
      escalation_level: 0,
      published: 0,
      publication_withdrawn_on: null,
      publication_withdrawn_reason: null,
      merged_into: null,
      closed_on: null,
      is_demo: isDemo ? 1 : 0,
      created_by: meta.actor?.userId ?? null,
      created_at: at,
      updated_at: at,
    };
    if (boxOpeningId) {
      const opening = await findOpening(trx, boxOpeningId);
      const box = opening ? await findBox(trx, opening.box_id) : undefined;
      if (!opening || !box || box.unit_code !== unit.value.code) return fail(404, 'OPENING_NOT_FOUND', '没有找到这次开箱记录');
      if ((await slipsEntered(trx, opening.id)) >= opening.slip_count)
        return fail(409, 'SLIPS_ALL_ENTERED', `这次开箱共${opening.slip_count}张意见条，已全部录入`);
    }
    await insertCase(trx, row);
    await recordStep(trx, row, {
      action: 'intake',
      from: null,
      to: status,
      unitCode: unit.value.code,
      actor: meta.actor,
      actorName: meta.actor ? undefined : '本人',
      note: [
        CHANNELS.find((c) => c.code === channel)?.label ?? channel,
        p.value.routed ? `按公开领域“${p.value.routed.domainName}”交由${unit.value.name}办理` : null,
      ]
        .filter(Boolean)
        .join('；'),
      detail: p.value.routed
        ? { routedBy: 'domain', domainCode: p.value.routed.domainCode, ...(p.value.routed.from ? { from: p.value.routed.from } : {}) }
        : undefined,
      at,
    });
    // No personal data in the audit event: the kind, unit, channel and dates only.
    await publicChanged(ctx, { trx, now });
    await audit({
      unitCode: unit.value.code,
      action: 'interaction.intake',
      entityType: 'interaction_case',
      entityId: row.id,
      after: {
        caseNo: row.case_no,
        kind,
        channel,
        receivedOn,
        dueOn: row.due_on,
        disclosureId: row.disclosure_id,
        line: row.line_no,
        domainCode: row.domain_code,
        routedByDomain: !!p.value.routed,
      },
    });
    return ok({ row, trackingCode, trackingSecret });
  });
}

/** The public form / API without an account: the human check first, then the case as received today. */
export async function submitPublicCase(
  ctx: AppContext,
  input: CaseInput,
  check: { token: string; answer: string },
  requestId: string,
): Promise<Result<IntakeResult>> {
  const now = ctx.clock.now();
  const human = await verifyHumanCheck(ctx.db, now, check.token, check.answer);
  if (human === 'expired') return fail(400, 'HUMAN_CHECK_EXPIRED', '验证题已过期，请刷新页面后重新作答');
  if (human !== 'ok') return fail(400, 'HUMAN_CHECK_FAILED', '验证题答案不正确，请重新计算后填写');
  return intake(ctx, { actor: null, requestId }, input, 'online', chinaDate(now), null);
}

/** Staff entry of an offline case (or the county app through its API token: channel `app`). */
export async function intakeCase(ctx: AppContext, meta: CommandMeta, input: StaffCaseInput, opts: { demo?: boolean } = {}): Promise<Result<IntakeResult>> {
  const channel = input.channel;
  if (channel === 'online') return fail(400, 'ONLINE_NOT_INTAKE', '网上提交的事项由本人在网站上填写，工作人员请选择实际的渠道');
  if (channel === 'box' && !input.boxOpeningId) return fail(400, 'OPENING_REQUIRED', '意见箱的意见条请在开箱记录中逐条录入');
  if (channel !== 'box' && !(STAFF_CHANNELS as readonly string[]).includes(channel)) return fail(400, 'INVALID_CHANNEL', '请选择收到的渠道');
  if (!isRealDate(input.receivedOn)) return fail(400, 'INVALID_DATE', '请填写正确的收到日期');
  return intake(ctx, meta, input, channel, input.receivedOn, channel === 'box' ? input.boxOpeningId! : null, opts.demo);
}
