/**
 * Every write of the annual report and of the 复议/诉讼 records: one transaction + one audit event each
 * (runCommand); expected failures are fail(status, code, 中文 message) and roll back.
 *
 * Who (deny by default; outside the actor's subtree a unit or record answers 404):
 * - read a report or records: any role covering the unit;
 * - edit a report's text and table 二, enter/edit/delete records: unit_officer, unit_reviewer or
 *   county_admin covering the unit;
 * - publish (hand the report to publishing as a draft): unit_officer covering the unit — the role that
 *   drafts government disclosures; the draft then goes through publishing's 保密审查 like any other;
 * - county settings (table 四 counting, townships' report date): county_admin over the county root.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.ts';
import { chinaDate } from '../../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../../platform/command.ts';
import { fail, ok, type Failure, type Result } from '../../../platform/result.ts';
import { actorCoversPath, type Actor, type Role } from '../../../platform/auth/roles.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { isRealDate } from '../../../platform/http/schemas.ts';
import { findUnit, type OrgUnitRow } from '../../org/index.ts';
import { createDisclosure, findDisclosureRow, updateDraft } from '../../publishing/index.ts';
import { writeSetting } from '../../../platform/db/settings.ts';
import { copyContributions, recordContribution } from '../../../platform/workflow/contributions.repository.ts';
import { loadUnitCatalog } from '../../catalog/index.ts';
import { REMEDY_KINDS, REMEDY_RESULTS } from '../request.types.ts';
import type { AnnualReportTable } from './report.db.ts';
import {
  deleteRemedy,
  findReport,
  findRemedy,
  findRequestUnit,
  insertRemedy,
  insertReport,
  unitKindIsGovernment,
  updateRemedy,
  updateReport,
  type RemedyRow,
} from './report.repository.ts';
import { assembleReport, EMPTY_SECTIONS, type AnnualReportView, type ReportSections } from './report.service.ts';
import { reportBodyHtml } from './report.render.ts';
import { ANNUAL_REPORT_ITEM_KEY, SETTINGS_KEY, checkTownshipDue, loadSettings, type AnnualReportSettings } from './report.settings.ts';
import { REMEDY_COUNTING, validateTable2Entries, type Table2Entries } from './report.tables.ts';
import { REPORT_EDITORS as EDITORS, REPORT_PUBLISHERS as PUBLISHERS } from '../requests.roles.ts';

/** Who drafts the report and records 复议/诉讼, and who publishes it (requests.roles.ts). */
export { EDITORS, PUBLISHERS };
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
export const TEXT_MAX = 20000;

export function isCountyAdminAtRoot(actor: Actor): boolean {
  return actor.grants.some((g) => g.role === 'county_admin' && g.unitPath.split('/').filter(Boolean).length === 1);
}

/** Year in range and not after the current year (a report is about a year that has begun). */
export function checkYear(year: number, today: string): Failure | null {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return fail(400, 'INVALID_YEAR', `年度应为${MIN_YEAR}至${MAX_YEAR}之间的年份`);
  if (year > Number(today.slice(0, 4))) return fail(400, 'YEAR_IN_FUTURE', `${year}年尚未开始，不能编制该年度的报告`);
  return null;
}

/** The unit if the actor covers it with one of `roles` (any role when omitted); 404 otherwise, so existence does not leak. */
export async function unitFor(db: Executor, actor: Actor, code: string, roles?: readonly Role[]): Promise<Result<OrgUnitRow>> {
  const unit = await findUnit(db, code);
  if (!unit || !actorCoversPath(actor, unit.path)) return fail(404, 'UNIT_NOT_FOUND', `单位不存在：${code}`);
  if (roles && !actorCoversPath(actor, unit.path, roles)) return fail(403, 'FORBIDDEN', '您没有修改该单位年度报告或复议诉讼记录的权限');
  return ok(unit);
}

function notGovernment(unit: OrgUnitRow): Failure | null {
  return unitKindIsGovernment(unit)
    ? null
    : fail(400, 'NOT_A_GOVERNMENT_UNIT', `${unit.name}是村（居）民委员会，不是行政机关，不编制政府信息公开工作年度报告，也没有复议诉讼记录`);
}

export interface ReportPatch {
  sections?: Partial<ReportSections>;
  /** Cells to set; null removes a cell's entry. */
  table2?: Record<string, { value: number; source: string } | null>;
  /** 信息处理费 collected, 元; null clears it. */
  fees?: { yuan: number; source: string } | null;
}

export async function saveReport(ctx: AppContext, meta: CommandMeta, unitCode: string, year: number, patch: ReportPatch): Promise<Result<AnnualReportView>> {
  const actor = meta.actor!;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const bad = checkYear(year, chinaDate(now));
    if (bad) return bad;
    const unit = await unitFor(trx, actor, unitCode, EDITORS);
    if (!unit.ok) return unit;
    const ng = notGovernment(unit.value);
    if (ng) return ng;
    const existing = await findReport(trx, unit.value.code, year);
    if (existing?.status === 'published')
      return fail(409, 'REPORT_LOCKED', `${year}年度报告已提交发布，不能再修改；公开内容尚未送审时可先“撤回修改”，已发布的请在“公开内容”中更正`);
    const sections: ReportSections = existing ? { ...EMPTY_SECTIONS, ...JSON.parse(existing.sections_json) } : { ...EMPTY_SECTIONS };
    for (const [k, v] of Object.entries(patch.sections ?? {})) {
      if (v === undefined) continue;
      if (v.length > TEXT_MAX) return fail(400, 'TEXT_TOO_LONG', `每一部分正文不能超过${TEXT_MAX}字`);
      sections[k as keyof ReportSections] = v.replace(/\r\n?/g, '\n').trim();
    }
    const entries: Table2Entries = existing ? JSON.parse(existing.table2_json) : {};
    if (patch.table2) {
      const set = Object.fromEntries(Object.entries(patch.table2).filter((e): e is [string, { value: number; source: string }] => e[1] !== null));
      const problems = validateTable2Entries(set);
      if (problems.length) return fail(400, 'INVALID_TABLE2', problems.join('；'), { problems });
      for (const [k, v] of Object.entries(patch.table2)) {
        if (v === null) delete entries[k];
        else entries[k] = { value: v.value, source: v.source.trim() };
      }
    }
    let feesFen = existing?.fees_fen ?? null;
    let feesSource = existing?.fees_source ?? null;
    if (patch.fees !== undefined) {
      if (patch.fees === null) [feesFen, feesSource] = [null, null];
      else {
        const fen = Math.round(patch.fees.yuan * 100);
        if (!Number.isFinite(patch.fees.yuan) || patch.fees.yuan < 0 || Math.abs(patch.fees.yuan * 100 - fen) > 1e-6 || fen > 1e12)
          return fail(400, 'INVALID_FEES', '信息处理费金额应为不小于0的数，以元为单位，最多两位小数');
        const source = patch.fees.source.trim();
        if (!source || source.length > 200) return fail(400, 'INVALID_FEES_SOURCE', '请注明信息处理费金额的来源（200字以内），如“财政非税收入缴款记录”');
        [feesFen, feesSource] = [fen, source];
      }
    }
    const iso = now.toISOString();
    const values = {
      sections_json: JSON.stringify(sections),
      table2_json: JSON.stringify(entries),
      fees_fen: feesFen,
      fees_source: feesSource,
      updated_at: iso,
      updated_by: actor.userId,
    };
    let id: string;
    if (existing) {
      id = existing.id;
      await updateReport(trx, id, values);
    } else {
      id = crypto.randomUUID();
      const row: AnnualReportTable = {
        id,
        unit_code: unit.value.code,
        year,
        status: 'draft',
        ...values,
        disclosure_id: null,
        published_at: null,
        published_by: null,
        created_at: iso,
        created_by: actor.userId,
      };
      await insertReport(trx, row);
    }
    // Whoever wrote the report is a contributor of the disclosure it becomes (two-person sign-off in publishing).
    await recordContribution(trx, {
      entityType: 'annual_report',
      entityId: id,
      revision: 1,
      userId: actor.userId,
      kind: existing ? 'editor' : 'author',
      action: 'annual-report.update',
      at: iso,
    });
    await audit({
      unitCode: unit.value.code,
      action: 'annual-report.update',
      entityType: 'annual_report',
      entityId: id,
      after: {
        year,
        sections: Object.keys(patch.sections ?? {}),
        table2Cells: Object.keys(patch.table2 ?? {}),
        fees: patch.fees === undefined ? undefined : feesFen,
      },
    });
    return ok(await assembleReport(trx, unit.value, year, 'unit'));
  });
}

/**
 * Hands the report to publishing as a draft (type: the statutory item 政府信息公开工作年度报告 where it
 * applies to the unit, period = the year), with the six sections as its body, and locks the report.
 * Refused while any check fails, text sections 一 or 五 are empty, or the year has not ended.
 * (Two transactions: publishing's own command creates the draft; the report is then locked. If the
 * lock finds the report already published by someone else meanwhile, the new draft stays in
 * publishing as an ordinary draft, which its drafter can delete.)
 */
export async function publishReport(
  ctx: AppContext,
  meta: CommandMeta,
  unitCode: string,
  year: number,
): Promise<Result<AnnualReportView & { disclosureId: string }>> {
  const actor = meta.actor!;
  const today = chinaDate(ctx.clock.now());
  const bad = checkYear(year, today);
  if (bad) return bad;
  if (today <= `${year}-12-31`) return fail(400, 'YEAR_NOT_OVER', `${year}年尚未结束，年度报告须在年度结束后发布`);
  const unit = await unitFor(ctx.db, actor, unitCode);
  if (!unit.ok) return unit;
  if (!actorCoversPath(actor, unit.value.path, PUBLISHERS))
    return fail(403, 'FORBIDDEN', '年度报告由本单位经办人（unit_officer）提交发布，随后按公开流程进行保密审查');
  const ng = notGovernment(unit.value);
  if (ng) return ng;
  const row = await findReport(ctx.db, unit.value.code, year);
  if (row?.status === 'published') return fail(409, 'REPORT_LOCKED', `${year}年度报告已提交发布`);
  const view = await assembleReport(ctx.db, unit.value, year, 'unit');
  if (!view.sections.overview || !view.sections.problems) return fail(400, 'SECTIONS_MISSING', '请先填写“一、总体情况”和“五、存在的主要问题及改进情况”');
  if (view.checks.length)
    return fail(400, 'REPORT_INCONSISTENT', `年度报告还有${view.checks.length}项一致性检查未通过：${view.checks.map((c) => c.message).join('；')}`, {
      checks: view.checks,
    });
  const catalog = await loadUnitCatalog(ctx.db, unit.value, today);
  const linked = catalog.items.some((i) => i.key === ANNUAL_REPORT_ITEM_KEY);
  // A report reopened while its draft was still unpublished goes back into the same draft.
  const previous = row?.disclosure_id ? await findDisclosureRow(ctx.db, row.disclosure_id) : undefined;
  const draft =
    previous && EDITABLE_DRAFT.includes(previous.status)
      ? await updateDraft(ctx, meta, previous.id, { title: view.title, body: reportBodyHtml(view), formedOn: today })
      : await createDisclosure(ctx, meta, {
          unitCode: unit.value.code,
          ...(linked ? { itemKey: ANNUAL_REPORT_ITEM_KEY, period: String(year) } : {}),
          title: view.title,
          formedOn: today,
          body: reportBodyHtml(view),
          channels: ['政府网站'],
        });
  if (!draft.ok) return draft;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const current = await findReport(trx, unit.value.code, year);
    if (!current) return fail(409, 'REPORT_CHANGED', '年度报告已被删除或更改，请刷新后重试');
    if (current.status === 'published') return fail(409, 'REPORT_LOCKED', `${year}年度报告已由他人提交发布`);
    if (current.updated_at !== row!.updated_at) return fail(409, 'REPORT_CHANGED', '年度报告在提交期间被修改，请刷新核对后重新提交');
    await updateReport(trx, current.id, {
      status: 'published',
      disclosure_id: draft.value.id,
      published_at: now.toISOString(),
      published_by: actor.userId,
      updated_at: now.toISOString(),
      updated_by: actor.userId,
    });
    // The report's writers edited the draft's content: none of them may do its 保密审查.
    await copyContributions(
      trx,
      { entityType: 'annual_report', entityId: current.id, revision: 1 },
      { entityType: 'disclosure', entityId: draft.value.id, revision: 1 },
      'editor',
      'annual-report.update',
      now.toISOString(),
    );
    await audit({
      unitCode: unit.value.code,
      action: 'annual-report.publish',
      entityType: 'annual_report',
      entityId: current.id,
      after: { year, disclosureId: draft.value.id },
    });
    const out = await assembleReport(trx, unit.value, year, 'unit');
    return ok({ ...out, disclosureId: draft.value.id });
  });
}

/** Publishing statuses in which the report's draft can still be rewritten (disclosure.workflow.ts). */
const EDITABLE_DRAFT = ['draft', 'returned'];

/**
 * Reopens a report handed to publishing, while its draft is not yet under review or published (e.g. a late
 * case changed table 三, or the 保密审查 returned the draft). Publishing it again rewrites the same draft.
 * Once the draft is under review or published, changes go through publishing (审核退回 / 更正).
 */
export async function reopenReport(ctx: AppContext, meta: CommandMeta, unitCode: string, year: number): Promise<Result<AnnualReportView>> {
  const actor = meta.actor!;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const bad = checkYear(year, chinaDate(now));
    if (bad) return bad;
    const unit = await unitFor(trx, actor, unitCode, EDITORS);
    if (!unit.ok) return unit;
    const row = await findReport(trx, unit.value.code, year);
    if (!row || row.status !== 'published') return fail(409, 'REPORT_NOT_PUBLISHED', `${year}年度报告尚未提交发布，可以直接修改`);
    const d = row.disclosure_id ? await findDisclosureRow(trx, row.disclosure_id) : undefined;
    if (d && !EDITABLE_DRAFT.includes(d.status)) {
      return fail(
        409,
        'DRAFT_IN_WORKFLOW',
        d.status === 'published' ? '年度报告已经发布，如需修改请在“公开内容”中更正' : '年度报告的公开内容正在审核中，请先由审核人退回后再修改',
      );
    }
    await updateReport(trx, row.id, { status: 'draft', updated_at: now.toISOString(), updated_by: actor.userId });
    await audit({
      unitCode: unit.value.code,
      action: 'annual-report.reopen',
      entityType: 'annual_report',
      entityId: row.id,
      after: { year, disclosureId: row.disclosure_id },
    });
    return ok(await assembleReport(trx, unit.value, year, 'unit'));
  });
}

export async function saveSettings(ctx: AppContext, meta: CommandMeta, patch: Partial<AnnualReportSettings>): Promise<Result<AnnualReportSettings>> {
  const actor = meta.actor!;
  if (!isCountyAdminAtRoot(actor)) return fail(403, 'FORBIDDEN', '年度报告的全县设置由县级管理员（县政府办）修改');
  if (patch.remedyCounting !== undefined && !REMEDY_COUNTING.some((c) => c.code === patch.remedyCounting))
    return fail(400, 'INVALID_COUNTING', `表四统计口径应为：${REMEDY_COUNTING.map((c) => c.code).join('、')}`);
  if (patch.townshipDue) {
    const msg = checkTownshipDue(patch.townshipDue);
    if (msg) return fail(400, 'INVALID_TOWNSHIP_DUE', msg);
  }
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const before = await loadSettings(trx);
    const next: AnnualReportSettings = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    const value = JSON.stringify(next);
    await writeSetting(trx, SETTINGS_KEY, value, now.toISOString());
    await audit({ unitCode: null, action: 'annual-report.settings', entityType: 'app_setting', entityId: SETTINGS_KEY, before, after: next });
    return ok(next);
  });
}

// ---------------------------------------------------------------------------------------------
// 复议/诉讼 records (table 四).

export interface RemedyInput {
  unitCode: string;
  requestId?: string | null;
  kind: string;
  caseRef: string;
  body: string;
  filedOn: string;
  result: string;
  concludedOn?: string | null;
  note?: string | null;
}

function checkRemedy(v: Omit<RemedyInput, 'unitCode' | 'requestId'>, today: string): Failure | null {
  if (!REMEDY_KINDS.some((k) => k.code === v.kind))
    return fail(400, 'INVALID_KIND', `案件类型应为：${REMEDY_KINDS.map((k) => `${k.code}（${k.label}）`).join('、')}`);
  if (!REMEDY_RESULTS.some((k) => k.code === v.result))
    return fail(400, 'INVALID_RESULT', `审理结果应为：${REMEDY_RESULTS.map((k) => `${k.code}（${k.label}）`).join('、')}`);
  const caseRef = v.caseRef.trim();
  if (!caseRef || caseRef.length > 100) return fail(400, 'INVALID_CASE_REF', '请填写复议或诉讼案号（100字以内）');
  const body = v.body.trim();
  if (!body || body.length > 100) return fail(400, 'INVALID_BODY', '请填写复议机关或审理法院（100字以内）');
  if (!isRealDate(v.filedOn)) return fail(400, 'INVALID_DATE', `申请（起诉）日期“${v.filedOn}”不是有效日期，应为 YYYY-MM-DD`);
  if (v.filedOn > today) return fail(400, 'INVALID_DATE', '申请（起诉）日期不能晚于今天');
  if (v.result === 'pending') {
    if (v.concludedOn) return fail(400, 'CONCLUDED_ON_NOT_ALLOWED', '尚未审结的案件不填写审结日期');
  } else {
    if (!v.concludedOn) return fail(400, 'CONCLUDED_ON_REQUIRED', '已审结的案件请填写审结日期');
    if (!isRealDate(v.concludedOn)) return fail(400, 'INVALID_DATE', `审结日期“${v.concludedOn}”不是有效日期，应为 YYYY-MM-DD`);
    if (v.concludedOn < v.filedOn) return fail(400, 'INVALID_DATE', '审结日期不能早于申请（起诉）日期');
    if (v.concludedOn > today) return fail(400, 'INVALID_DATE', '审结日期不能晚于今天');
  }
  if (v.note && v.note.length > 500) return fail(400, 'NOTE_TOO_LONG', '备注不能超过500字');
  return null;
}

async function checkRequestLink(trx: Executor, requestId: string | null | undefined, unitCode: string): Promise<Failure | null> {
  if (!requestId) return null;
  const r = await findRequestUnit(trx, requestId);
  if (!r || r.unit_code !== unitCode) return fail(400, 'REQUEST_NOT_FOUND', '关联的政府信息公开申请不存在或不是向该单位提出的');
  return null;
}

export async function createRemedy(ctx: AppContext, meta: CommandMeta, input: RemedyInput): Promise<Result<RemedyRow>> {
  const actor = meta.actor!;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await unitFor(trx, actor, input.unitCode, EDITORS);
    if (!unit.ok) return unit;
    const ng = notGovernment(unit.value);
    if (ng) return ng;
    const bad = checkRemedy(input, chinaDate(now)) ?? (await checkRequestLink(trx, input.requestId, unit.value.code));
    if (bad) return bad;
    const iso = now.toISOString();
    const row: RemedyRow = {
      id: crypto.randomUUID(),
      unit_code: unit.value.code,
      request_id: input.requestId || null,
      kind: input.kind,
      case_ref: input.caseRef.trim(),
      body: input.body.trim(),
      filed_on: input.filedOn,
      result: input.result,
      concluded_on: input.result === 'pending' ? null : input.concludedOn!,
      note: input.note?.trim() || null,
      created_at: iso,
      created_by: actor.userId,
      updated_at: iso,
    };
    await insertRemedy(trx, row);
    await audit({
      unitCode: row.unit_code,
      action: 'remedy.create',
      entityType: 'info_request_remedy',
      entityId: row.id,
      after: { kind: row.kind, caseRef: row.case_ref, filedOn: row.filed_on, result: row.result, requestId: row.request_id },
    });
    return ok(row);
  });
}

/** A record the actor may see (404 otherwise) and, for writes, may edit (403). */
export async function remedyFor(db: Executor, actor: Actor, id: string, roles?: readonly Role[]): Promise<Result<{ row: RemedyRow; unit: OrgUnitRow }>> {
  const row = await findRemedy(db, id);
  if (!row) return fail(404, 'REMEDY_NOT_FOUND', '复议诉讼记录不存在');
  const unit = await unitFor(db, actor, row.unit_code, roles);
  if (!unit.ok) return unit.status === 404 ? fail(404, 'REMEDY_NOT_FOUND', '复议诉讼记录不存在') : unit;
  return ok({ row, unit: unit.value });
}

export async function updateRemedyRecord(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  patch: Partial<Omit<RemedyInput, 'unitCode'>>,
): Promise<Result<RemedyRow>> {
  const actor = meta.actor!;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const found = await remedyFor(trx, actor, id, EDITORS);
    if (!found.ok) return found;
    const { row } = found.value;
    const next = {
      kind: patch.kind ?? row.kind,
      caseRef: patch.caseRef ?? row.case_ref,
      body: patch.body ?? row.body,
      filedOn: patch.filedOn ?? row.filed_on,
      result: patch.result ?? row.result,
      // Switching to 尚未审结 clears the date unless one is sent.
      concludedOn: patch.concludedOn !== undefined ? patch.concludedOn : (patch.result ?? row.result) === 'pending' ? null : row.concluded_on,
      note: patch.note !== undefined ? patch.note : row.note,
      requestId: patch.requestId !== undefined ? patch.requestId : row.request_id,
    };
    const bad = checkRemedy(next, chinaDate(now)) ?? (patch.requestId !== undefined ? await checkRequestLink(trx, next.requestId, row.unit_code) : null);
    if (bad) return bad;
    const changes: Partial<RemedyRow> = {
      kind: next.kind,
      case_ref: next.caseRef.trim(),
      body: next.body.trim(),
      filed_on: next.filedOn,
      result: next.result,
      concluded_on: next.result === 'pending' ? null : next.concludedOn!,
      note: next.note?.trim() || null,
      request_id: next.requestId || null,
      updated_at: now.toISOString(),
    };
    await updateRemedy(trx, id, changes);
    await audit({
      unitCode: row.unit_code,
      action: 'remedy.update',
      entityType: 'info_request_remedy',
      entityId: id,
      before: { kind: row.kind, result: row.result, filedOn: row.filed_on, concludedOn: row.concluded_on },
      after: { kind: changes.kind, result: changes.result, filedOn: changes.filed_on, concludedOn: changes.concluded_on },
    });
    return ok({ ...row, ...changes } as RemedyRow);
  });
}

export async function deleteRemedyRecord(ctx: AppContext, meta: CommandMeta, id: string): Promise<Result<{ id: string }>> {
  const actor = meta.actor!;
  return runCommand(ctx, meta, async ({ trx, audit }) => {
    const found = await remedyFor(trx, actor, id, EDITORS);
    if (!found.ok) return found;
    const { row } = found.value;
    await deleteRemedy(trx, id);
    await audit({
      unitCode: row.unit_code,
      action: 'remedy.delete',
      entityType: 'info_request_remedy',
      entityId: id,
      before: { kind: row.kind, caseRef: row.case_ref, filedOn: row.filed_on, result: row.result },
    });
    return ok({ id });
  });
}
