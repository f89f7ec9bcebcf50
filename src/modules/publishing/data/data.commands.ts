/**
 * Writes of a disclosure's structured data (issue #4): attachments, the 村级财务收支明细 statement, recipient
 * lists and the 公开栏 photo evidence. Every write goes through runCommand (one transaction + audit event);
 * drafts only (the workflow's 'edit' transition) except the reviewer's file check and the evidence.
 * Files are judged by content (sniffFileType) in the route before anything reaches these commands.
 */
import { bumpPageCacheVersion, notePublicChange } from '../../../platform/views/page-cache.ts';
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.ts';
import { chinaDate } from '../../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../../platform/command.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import { actorCoversPath } from '../../../platform/auth/roles.ts';
import { isRealDate } from '../../../platform/http/schemas.ts';
import { findUnit } from '../../org/index.ts';
import { CHANNELS } from '../../catalog/index.ts';
import { extractDocx, extractPdf, extractXlsx, MIN_PDF_TEXT_PER_PAGE } from '../pii/attachments.ts';
import { maskAll } from '../pii/pii-scan.ts';
import { piiRules } from '../pii-config.ts';
import { parseFinanceStatement, type FinanceProblem } from '../finance/finance-statement.ts';
import { decisionsOf, settleDue, loadForCommand, tablesOf, transition } from '../disclosure.commands.ts';
import { DRAFTERS, REVIEWERS, type CatalogKind } from '../disclosure.workflow.ts';
import type { DisclosureAttachmentTable, DisclosureEvidenceTable } from '../disclosure.tables.ts';
import {
  attachmentSeqs,
  deleteAttachmentRow,
  findAttachment,
  insertAttachment,
  insertEvidence,
  listEvidenceOf,
  updateAttachment,
  updateDisclosure,
} from '../disclosure.repository.ts';
import { TYPE_TEXT, type FileReview, attachmentHits, extractedFromDocx, extractedFromPdf, extractedFromXlsx, periodRange, sanitizeFileName, type DisclosureData, type ExtractedText } from './structured.ts';
import { parseRecipientList, recipientListType, RECIPIENT_LIST_TYPES } from './recipient-lists.ts';
import { storeFile } from './files.ts';

export { TYPE_TEXT, REVIEW_TEXT, originalIsPublic, type FileReview } from './structured.ts';

export const ATTACHMENT_TYPES = ['pdf', 'xlsx', 'docx', 'png', 'jpeg'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
export const PDF_NOTE = '未能从 PDF 中提取文字（可能是扫描件），请人工核对个人信息';
export const IMAGE_NOTE = '图片中的文字无法自动识别，请人工核对个人信息';
export const BOARD_CHANNEL = '社区/企事业单位/村公示栏（电子屏）';
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;

const uuid = () => crypto.randomUUID();
/** A file name as the audit log keeps it: personal data in it masked (no personal data in logs). */
const logName = (name: string, now: Date) => maskAll(name, piiRules(), { today: chinaDate(now) });

export interface Upload {
  buffer: Buffer;
  filename: string | undefined;
  type: AttachmentType;
}

export async function addAttachment(ctx: AppContext, meta: CommandMeta, id: string, file: Upload): Promise<Result<DisclosureAttachmentTable>> {
  const actor = meta.actor!;
  let extracted: ExtractedText | null = null;
  let note: string | null = null;
  try {
    if (file.type === 'xlsx') extracted = extractedFromXlsx(await extractXlsx(file.buffer));
    else if (file.type === 'docx') extracted = extractedFromDocx(await extractDocx(file.buffer));
    else if (file.type === 'pdf') {
      // A PDF pdf.js cannot read is handled like a scan: a reviewer must check it by eye.
      const pdf = await extractPdf(file.buffer).catch(() => ({ pages: [] as string[], annotations: [] }));
      const visible = pdf.pages.join('').replace(/\s/g, '').length;
      if (pdf.pages.length > 0 && visible >= MIN_PDF_TEXT_PER_PAGE * pdf.pages.length) extracted = extractedFromPdf(pdf);
      else note = PDF_NOTE;
    } else note = IMAGE_NOTE;
  } catch {
    return fail(400, 'UNREADABLE_FILE', `无法读取该${TYPE_TEXT[file.type]}，文件可能已损坏；请重新保存后上传`);
  }
  await settleDue(ctx, id);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const tr = await transition(trx, actor, id, 'edit', ctx.dialect, now);
    if (!tr.ok) return tr;
    const { row } = tr.value;
    const n = await attachmentSeqs(trx, id);
    if (n.length >= MAX_ATTACHMENTS) return fail(409, 'TOO_MANY_ATTACHMENTS', `每条公开内容最多 ${MAX_ATTACHMENTS} 个附件`);
    const ext = { pdf: '.pdf', xlsx: '.xlsx', docx: '.docx', png: '.png', jpeg: '.jpg' }[file.type];
    const sha256 = await storeFile(ctx.config.dataDir, file.buffer);
    const att: DisclosureAttachmentTable = {
      id: uuid(),
      disclosure_id: id,
      seq: (n.at(-1)?.seq ?? 0) + 1,
      name: sanitizeFileName(file.filename, `附件${n.length + 1}${ext}`),
      type: file.type,
      size: file.buffer.length,
      sha256,
      extracted_text: extracted ? JSON.stringify(extracted) : null,
      extraction_note: note,
      review_action: null,
      review_reason: null,
      reviewed_by: null,
      reviewed_at: null,
      created_at: now.toISOString(),
      created_by: actor.userId,
    };
    await insertAttachment(trx, att);
    await updateDisclosure(trx, id, { updated_at: att.created_at });
    await audit({ unitCode: row.unit_code, action: 'disclosure.attachment.add', entityType: 'disclosure', entityId: id, after: { attachmentId: att.id, name: logName(att.name, now), type: att.type, size: att.size, sha256 } });
    return ok(att);
  });
}

export async function deleteAttachment(ctx: AppContext, meta: CommandMeta, id: string, aid: string): Promise<Result<{ deleted: string }>> {
  const actor = meta.actor!;
  await settleDue(ctx, id);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const tr = await transition(trx, actor, id, 'edit', ctx.dialect, now);
    if (!tr.ok) return tr;
    const att = await findAttachment(trx, id, aid);
    if (!att) return fail(404, 'ATTACHMENT_NOT_FOUND', '附件不存在');
    await deleteAttachmentRow(trx, aid);
    await updateDisclosure(trx, id, { updated_at: now.toISOString() });
    // The stored file stays (content-addressed; another record may use the same bytes).
    await audit({ unitCode: tr.value.row.unit_code, action: 'disclosure.attachment.delete', entityType: 'disclosure', entityId: id, before: { attachmentId: aid, name: logName(att.name, now), sha256: att.sha256 } });
    return ok({ deleted: aid });
  });
}


/**
 * The reviewer's check of the file itself (村务监督委员会成员 / 单位审核人 / 县级管理员). Required before publication
 * for PDFs and images; for xlsx/docx it decides whether the original may be downloaded (the masked online view is
 * always shown). After publication only 'withhold' (the safer direction) is accepted.
 */
export async function reviewAttachment(ctx: AppContext, meta: CommandMeta, id: string, aid: string, input: { action: FileReview; reason?: string }): Promise<Result<DisclosureAttachmentTable>> {
  const actor = meta.actor!;
  const reason = input.reason?.trim() || null;
  if (input.action === 'allow' && !reason) return fail(400, 'REASON_REQUIRED', '允许公开含个人信息的附件须填写理由');
  await settleDue(ctx, id);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const tr = await transition(trx, actor, id, 'pii_allow', ctx.dialect);
    if (!tr.ok) return tr.status === 403 ? fail(403, 'FORBIDDEN', '附件的个人信息核对须由审核人员（村务监督委员会成员、单位审核人或县级管理员）完成') : tr;
    const { row } = tr.value;
    if (['published', 'withdrawn', 'scheduled'].includes(row.status) && input.action !== 'withhold') return fail(409, 'ALREADY_PUBLISHED', '已发布的内容只能把附件改为“原件不公开”');
    const att = await findAttachment(trx, id, aid);
    if (!att) return fail(404, 'ATTACHMENT_NOT_FOUND', '附件不存在');
    if (input.action === 'no_personal_data') {
      const hits = attachmentHits(att, chinaDate(now));
      if (hits.length) return fail(409, 'PII_FOUND', `系统在附件“${att.name}”中发现 ${hits.length} 处个人信息，不能记为“不含个人信息”；请选择原件不公开，或说明理由后允许公开`);
    }
    const next = { ...att, review_action: input.action, review_reason: reason, reviewed_by: actor.userId, reviewed_at: now.toISOString() };
    await updateAttachment(trx, aid, next);
    await audit({ unitCode: row.unit_code, action: 'disclosure.attachment.review', entityType: 'disclosure', entityId: id, before: { attachmentId: aid, action: att.review_action }, after: { attachmentId: aid, action: input.action, reason } });
    // The public page says whether the original may be downloaded.
    if (row.current_version > 0) {
      await bumpPageCacheVersion(trx, now);
      notePublicChange(ctx);
    }
    return ok(next);
  });
}

async function replaceTable(ctx: AppContext, meta: CommandMeta, id: string, data: DisclosureData, auditAfter: Record<string, unknown>): Promise<Result<{ unitCode: string }>> {
  const actor = meta.actor!;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const tr = await transition(trx, actor, id, 'edit', ctx.dialect, now);
    if (!tr.ok) return tr;
    const { row } = tr.value;
    const tables = [...tablesOf(row).filter((t) => t.kind !== data.kind), data];
    await updateDisclosure(trx, id, { tables_json: JSON.stringify(tables), updated_at: now.toISOString() });
    await audit({ unitCode: row.unit_code, action: `disclosure.table.${data.kind}`, entityType: 'disclosure', entityId: id, after: auditAfter });
    return ok({ unitCode: row.unit_code });
  });
}

/** Reads the record's period first (outside the write transaction) to parse against it. */
async function draftPeriod(ctx: AppContext, meta: CommandMeta, id: string): Promise<Result<string | null>> {
  const loaded = await loadForCommand(ctx.db, meta.actor!, id);
  if (!loaded.ok) return loaded;
  return ok(loaded.value.row.period);
}

export async function uploadFinanceStatement(ctx: AppContext, meta: CommandMeta, id: string, buffer: Buffer): Promise<Result<{ lines: number; totals: { income: number; expense: number }; openingBalance: number; closingBalance: number }>> {
  await settleDue(ctx, id);
  const p = await draftPeriod(ctx, meta, id);
  if (!p.ok) return p;
  const range = periodRange(p.value);
  if (!range) return fail(400, 'PERIOD_REQUIRED', '请先在公开内容中填写公开期间（月份如 2026-10，季度如 2026-Q4），财务收支明细按该期间核对日期');
  const parsed = await parseFinanceStatement(buffer, { periodStart: range.start, periodEnd: range.end });
  if (!parsed.ok) return fail(400, 'INVALID_STATEMENT', statementMessage(parsed.problems), parsed.problems);
  const st = parsed.statement;
  const r = await replaceTable(ctx, meta, id, { kind: 'finance', statement: st }, { lines: st.lines.length, periodStart: st.periodStart, periodEnd: st.periodEnd, income: st.totals.income, expense: st.totals.expense });
  if (!r.ok) return r;
  return ok({ lines: st.lines.length, totals: st.totals, openingBalance: st.openingBalance, closingBalance: st.closingBalance });
}

function statementMessage(problems: FinanceProblem[]): string {
  const first = problems.slice(0, 3).map((p) => p.message);
  return `财务收支明细有 ${problems.length} 处问题，未保存：${first.join('；')}${problems.length > 3 ? '；……' : ''}`;
}

export async function uploadRecipientList(ctx: AppContext, meta: CommandMeta, id: string, listType: string | undefined, buffer: Buffer): Promise<Result<{ listType: string; columns: string[]; rows: number; dropped: string[] }>> {
  const type = listType ? recipientListType(listType) : undefined;
  if (!type) return fail(400, 'UNKNOWN_LIST_TYPE', `请选择名单类型（listType）：${RECIPIENT_LIST_TYPES.map((t) => `${t.key}（${t.label}）`).join('、')}`);
  await settleDue(ctx, id);
  const parsed = await parseRecipientList(buffer, type);
  if (!parsed.ok) return fail(400, 'INVALID_RECIPIENT_LIST', parsed.problems.map((p) => p.message).join('；'), parsed.problems);
  const r = await replaceTable(ctx, meta, id, { kind: 'recipients', listType: type.key, label: type.label, columns: parsed.columns, rows: parsed.rows }, { listType: type.key, rows: parsed.rows.length, columns: parsed.columns, dropped: parsed.dropped });
  if (!r.ok) return r;
  return ok({ listType: type.key, columns: parsed.columns, rows: parsed.rows.length, dropped: parsed.dropped });
}

export async function removeTable(ctx: AppContext, meta: CommandMeta, id: string, kind: DisclosureData['kind']): Promise<Result<{ removed: string }>> {
  const actor = meta.actor!;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const tr = await transition(trx, actor, id, 'edit', ctx.dialect, now);
    if (!tr.ok) return tr;
    const { row } = tr.value;
    const rest = tablesOf(row).filter((t) => t.kind !== kind);
    await updateDisclosure(trx, id, { tables_json: rest.length ? JSON.stringify(rest) : null, updated_at: now.toISOString() });
    await audit({ unitCode: row.unit_code, action: `disclosure.table.${kind}.remove`, entityType: 'disclosure', entityId: id });
    return ok({ removed: kind });
  });
}

/** 公开栏 photo evidence: the record was posted on the notice board. Staff of the unit; published records only. */
export async function addEvidence(ctx: AppContext, meta: CommandMeta, id: string, input: { buffer: Buffer; type: 'png' | 'jpeg'; takenOn: string | undefined }): Promise<Result<DisclosureEvidenceTable>> {
  const actor = meta.actor!;
  if (!input.takenOn || !isRealDate(input.takenOn)) return fail(400, 'INVALID_DATE', '请填写拍照日期 takenOn（YYYY-MM-DD）');
  await settleDue(ctx, id);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const loaded = await loadForCommand(trx, actor, id);
    if (!loaded.ok) return loaded;
    const { row, unit } = loaded.value;
    const c = row.catalog as CatalogKind;
    if (!actorCoversPath(actor, unit.path, [...DRAFTERS[c], ...REVIEWERS[c], 'county_admin'])) return fail(403, 'FORBIDDEN', '公开栏张贴存证由本单位经办人或审核人员上传');
    if (row.status !== 'published' || !row.published_at) return fail(409, 'NOT_PUBLISHED', '只有已发布的内容才能上传公开栏张贴照片');
    const pubDate = chinaDate(new Date(row.published_at));
    if (input.takenOn! < pubDate) return fail(400, 'INVALID_DATE', `拍照日期不能早于发布日期（${pubDate}）`);
    if (input.takenOn! > chinaDate(now)) return fail(400, 'INVALID_DATE', '拍照日期不能晚于今天');
    if (!(CHANNELS as readonly string[]).includes(BOARD_CHANNEL)) return fail(409, 'NO_BOARD_CHANNEL', '公开渠道目录中没有公示栏');
    const sha256 = await storeFile(ctx.config.dataDir, input.buffer);
    const ev: DisclosureEvidenceTable = { id: uuid(), disclosure_id: id, channel: BOARD_CHANNEL, taken_on: input.takenOn!, type: input.type, size: input.buffer.length, sha256, note: null, created_at: now.toISOString(), created_by: actor.userId };
    await insertEvidence(trx, ev);
    await audit({ unitCode: row.unit_code, action: 'disclosure.evidence.add', entityType: 'disclosure', entityId: id, after: { evidenceId: ev.id, channel: ev.channel, takenOn: ev.taken_on, sha256 } });
    // The public page shows 已在公开栏张贴 with the earliest photo date.
    await bumpPageCacheVersion(trx, now);
    notePublicChange(ctx);
    return ok(ev);
  });
}

export async function listEvidence(ctx: AppContext, meta: CommandMeta, id: string): Promise<Result<DisclosureEvidenceTable[]>> {
  const loaded = await loadForCommand(ctx.db, meta.actor!, id);
  if (!loaded.ok) return loaded;
  return ok(await listEvidenceOf(ctx.db, id));
}

/** Staff of the unit (any role covering it) may read originals. */
export async function staffCanRead(ctx: AppContext, actor: Parameters<typeof loadForCommand>[1] | null, unitCode: string): Promise<boolean> {
  if (!actor) return false;
  const unit = await findUnit(ctx.db, unitCode);
  return !!unit && actor.grants.some((g) => unit.path.startsWith(g.unitPath));
}

export { decisionsOf };
