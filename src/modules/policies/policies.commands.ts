/**
 * Policy use cases. A policy document, an interpretation (解读) and a response (回应) are each a disclosure, drafted,
 * reviewed and published through the publishing commands (so the 索引号, personal-data gate, versions, search and
 * listings are the same as for every record); the commands here add the policy metadata and links in their own
 * transaction with their audit event.
 */
import './policies.tables.ts';
import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import type { Trx } from '../../platform/db/database.ts';
import { isRealDate } from '../../platform/http/schemas.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { actorCoversPath, type Actor } from '../../platform/auth/roles.ts';
import { bumpPageCacheVersion, notePublicChange } from '../../platform/views/page-cache.ts';
import { readSetting, writeSetting } from '../../platform/db/settings.ts';
import type { Executor } from '../../platform/db/database.ts';
import { findUnit, findUnitsByCodes, listUnits } from '../org/index.ts';
import { providerOf } from '../../platform/module.ts';
import { participationRef } from '../participation/index.ts';
import { createDisclosure, findDisclosureRow, piiRules, refreshPiiRules, scanText, type DisclosureRow, type DraftInput } from '../publishing/index.ts';
import * as repo from './policies.repository.ts';
import {
  checkMediaUrl,
  checkPrefix,
  checkValidityChange,
  INTERPRETATION_FORMS,
  parseDocNo,
  RESPONSE_FORMS,
  VALIDITIES,
  VALIDITY_TEXT,
  type InterpretationSettings,
  type Validity,
  POLICY_STAFF,
} from './policies.rules.ts';
import type { PolicyDocumentTable } from './policies.tables.ts';

const uuid = () => crypto.randomUUID();
export const SETTINGS_KEY = 'policies.settings';

/** 重点公开领域 of the plan (泗政办发〔2023〕72号 二(一)) and 其他 (the seed notice's own 主题分类). */
const PLAN_TOPICS = [
  '户籍管理',
  '安全生产',
  '保障性住房',
  '财政预决算',
  '城市综合执法',
  '城乡规划',
  '公共法律服务',
  '公共文化服务',
  '公共资源服务',
  '国有土地上房屋征收与补偿',
  '救灾生产',
  '就业',
  '农村集体土地',
  '农村危房改造',
  '社会保险',
  '社会救助',
  '涉农补贴',
  '生态环境',
  '食品药品',
  '市政服务',
  '税收管理',
  '卫生健康',
  '乡村振兴',
  '养老服务',
  '义务教育',
  '重大建设项目',
  '其他',
];

export interface PolicySettings {
  /** 分类 (the seed notice: 政府办文件); county choices. */
  categories: string[];
  topics: string[];
  /** 体裁 (the seed notice: 通知); county choices. */
  genres: string[];
  interpretation: InterpretationSettings & {
    /**
     * How long 公开督查 lists a policy whose interpretation came after its deadline (政策解读晚于期限), in months back
     * from the check day. A county choice (县级自定; default 12, the website check's look-back), not a rule.
     */
    lateListedMonths: number;
  };
}

/** What a client sends: lateListedMonths may be left out (then the county's current value stays). */
export type PolicySettingsInput = Omit<PolicySettings, 'interpretation'> & {
  interpretation: InterpretationSettings & { lateListedMonths?: number };
};

/** Defaults are county choices (only 政府办文件, 其他 and 通知 are taken from the seed notice's metadata). */
export const DEFAULT_POLICY_SETTINGS: PolicySettings = {
  categories: ['政府文件', '政府办文件', '部门文件'],
  topics: PLAN_TOPICS,
  genres: ['通知', '意见', '办法', '决定', '方案', '规定', '公告', '通告', '批复'],
  interpretation: { categories: [], workingDays: 3, lateListedMonths: 12 },
};

export async function loadPolicySettings(db: Executor): Promise<PolicySettings> {
  const row = await readSetting(db, SETTINGS_KEY);
  if (!row) return DEFAULT_POLICY_SETTINGS;
  const stored = JSON.parse(row.value_json) as Partial<PolicySettings>;
  // Settings saved before a field existed take its default (县级自定).
  return { ...DEFAULT_POLICY_SETTINGS, ...stored, interpretation: { ...DEFAULT_POLICY_SETTINGS.interpretation, ...stored.interpretation } };
}

async function countyRootPath(db: Trx): Promise<string | null> {
  const { items } = await listUnits(db, { kind: 'county', limit: 10, offset: 0 });
  return items.find((u) => u.parent_code === null)?.path ?? null;
}

const cleanList = (xs: readonly string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

export async function savePolicySettings(ctx: AppContext, meta: CommandMeta, input: PolicySettingsInput): Promise<Result<PolicySettings>> {
  const actor = meta.actor!;
  const months = input.interpretation.lateListedMonths;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const root = await countyRootPath(trx);
    if (!root || !actorCoversPath(actor, root, ['county_admin'])) return fail(403, 'FORBIDDEN', '政策文件的分类和解读规则由县政府办（县级管理员）设定');
    if (months !== undefined && (!Number.isInteger(months) || months < 1 || months > 60))
      return fail(400, 'INVALID_SETTINGS', '“解读晚于期限”在督查中列出的时间应为 1 到 60 个月');
    const before = await loadPolicySettings(trx);
    const next: PolicySettings = {
      categories: cleanList(input.categories),
      topics: cleanList(input.topics),
      genres: cleanList(input.genres),
      interpretation: {
        categories: cleanList(input.interpretation.categories),
        workingDays: input.interpretation.workingDays,
        lateListedMonths: months ?? before.interpretation.lateListedMonths,
      },
    };
    if (!next.categories.length || !next.topics.length || !next.genres.length) return fail(400, 'INVALID_SETTINGS', '分类、主题和体裁都至少要有一项');
    const unknown = next.interpretation.categories.filter((c) => !next.categories.includes(c));
    if (unknown.length) return fail(400, 'INVALID_SETTINGS', `须解读的分类“${unknown.join('、')}”不在分类列表中`);
    if (!Number.isInteger(next.interpretation.workingDays) || next.interpretation.workingDays < 0 || next.interpretation.workingDays > 60)
      return fail(400, 'INVALID_SETTINGS', '解读期限应为 0 到 60 个工作日（0 表示与文件同日发布）');
    const value = JSON.stringify(next);
    await writeSetting(trx, SETTINGS_KEY, value, now.toISOString());
    // The public list shows the county's topics as filters.
    await bumpPageCacheVersion(trx, now);
    notePublicChange(ctx);
    await audit({
      unitCode: null,
      action: 'policy.settings.update',
      entityType: 'app_settings',
      entityId: SETTINGS_KEY,
      before: { interpretation: before.interpretation },
      after: { interpretation: next.interpretation, categories: next.categories.length, topics: next.topics.length, genres: next.genres.length },
    });
    return ok(next);
  });
}

/** The 机关代字 a unit may use in 文号 (county admin covering the unit). Replaces the unit's list. */
export async function setNumberPrefixes(
  ctx: AppContext,
  meta: CommandMeta,
  unitCode: string,
  raw: string[],
  opts: { demo?: boolean; source?: string } = {},
): Promise<Result<{ unitCode: string; prefixes: string[] }>> {
  const actor = meta.actor!;
  const prefixes: string[] = [];
  for (const r of raw) {
    const p = checkPrefix(r);
    if (!p.ok) return fail(400, 'INVALID_PREFIX', p.message);
    if (!prefixes.includes(p.value)) prefixes.push(p.value);
  }
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await findUnit(trx, unitCode);
    if (!unit || !actorCoversPath(actor, unit.path, ['county_admin'])) return fail(404, 'UNIT_NOT_FOUND', `单位不存在：${unitCode}`);
    const before = await repo.prefixesOf(trx, unitCode);
    const removed = before.filter((p) => !prefixes.includes(p));
    if (removed.length) {
      const used = await repo.docNosOf(trx, unitCode);
      const inUse = removed.filter((p) => used.some((u) => u.startsWith(`${p}〔`)));
      if (inUse.length) return fail(409, 'PREFIX_IN_USE', `机关代字“${inUse.join('、')}”已有文件使用，不能删除`);
      await repo.deletePrefixes(trx, unitCode, removed);
    }
    for (const p of prefixes.filter((x) => !before.includes(x))) {
      await repo.insertPrefix(trx, {
        unit_code: unitCode,
        prefix: p,
        is_demo: opts.demo ? 1 : 0,
        source: opts.source ?? null,
        created_at: now.toISOString(),
        created_by: actor.username,
      });
    }
    await audit({ unitCode, action: 'policy.prefixes.set', entityType: 'org_unit', entityId: unitCode, before: { prefixes: before }, after: { prefixes } });
    return ok({ unitCode, prefixes });
  });
}

export interface PolicyMetaInput {
  docNo?: string | null;
  issuerName?: string;
  writtenOn: string;
  category: string;
  topic: string;
  genre: string;
  keywords?: string[];
  consultationRef?: string | null;
  /** Demo rows (演示) of the seed; never from the API. */
  demo?: boolean;
}

interface CheckedMeta {
  docNo: ReturnType<typeof parseDocNo> | null;
  keywords: string[];
}

async function checkMeta(db: Executor, unitCode: string, input: PolicyMetaInput, excludeId: string | null): Promise<Result<CheckedMeta>> {
  if (!isRealDate(input.writtenOn)) return fail(400, 'INVALID_DATE', `成文日期“${input.writtenOn}”不是有效日期`);
  const settings = await loadPolicySettings(db);
  if (!settings.categories.includes(input.category))
    return fail(400, 'INVALID_CATEGORY', `分类“${input.category}”不在本县的分类中（${settings.categories.join('、')}）`);
  if (!settings.topics.includes(input.topic)) return fail(400, 'INVALID_TOPIC', `主题“${input.topic}”不在本县的主题分类中`);
  if (!settings.genres.includes(input.genre)) return fail(400, 'INVALID_GENRE', `体裁“${input.genre}”不在本县的体裁分类中（${settings.genres.join('、')}）`);
  const keywords = cleanList(input.keywords ?? []);
  if (keywords.length > 10 || keywords.some((k) => k.length > 20)) return fail(400, 'INVALID_KEYWORDS', '关键词最多10个，每个不超过20字');
  let docNo: CheckedMeta['docNo'] = null;
  if (input.docNo?.trim()) {
    const prefixes = await repo.prefixesOf(db, unitCode);
    docNo = parseDocNo(input.docNo, prefixes, input.writtenOn);
    if (!docNo.ok) return fail(400, docNo.code, docNo.message);
    if (await repo.docNoTaken(db, unitCode, docNo.value.docNo, excludeId))
      return fail(409, 'DOC_NO_TAKEN', `文号“${docNo.value.docNo}”本单位已经使用过，同一发文机关的文号不能重复`);
  }
  return ok({ docNo, keywords });
}

/**
 * A new policy document: the disclosure draft (publishing's createDisclosure, which authorizes the drafter) with
 * the normalised 文号, then its metadata. Everything is checked before the draft is created, and again inside the
 * metadata transaction (a 文号 taken meanwhile answers 409 and the draft stays, without metadata, for the clerk).
 */
export async function createPolicy(
  ctx: AppContext,
  meta: CommandMeta,
  input: Omit<DraftInput, 'docNo'> & PolicyMetaInput,
): Promise<Result<{ disclosure: DisclosureRow; policy: PolicyDocumentTable }>> {
  // Authorize before checking anything against stored data (a draft's 文号 must not leak to other units).
  const actor = meta.actor!;
  const unit = await findUnit(ctx.db, input.unitCode);
  if (!unit || !actorCoversPath(actor, unit.path)) return fail(404, 'UNIT_NOT_FOUND', `单位不存在：${input.unitCode}`);
  if (unit.kind === 'village' || unit.kind === 'community')
    return fail(400, 'NOT_A_GOVERNMENT_UNIT', '政策文件由县政府、县政府部门和乡镇（街道）发布；村（社区）的公开内容请用村（居）务公开');
  if (!actorCoversPath(actor, unit.path, ['unit_officer'])) return fail(403, 'FORBIDDEN', '政策文件由本单位经办人起草');
  const pre = await checkMeta(ctx.db, input.unitCode, input, null);
  if (!pre.ok) return pre;
  const d = await createDisclosure(ctx, meta, {
    unitCode: input.unitCode,
    itemKey: input.itemKey,
    period: input.period,
    eventId: input.eventId,
    title: input.title,
    formedOn: input.formedOn,
    body: input.body,
    channels: input.channels,
    docNo: pre.value.docNo?.ok ? pre.value.docNo.value.docNo : null,
  });
  if (!d.ok) return d;
  const p = await registerPolicy(ctx, meta, d.value.id, input);
  if (!p.ok) return p;
  return ok({ disclosure: d.value, policy: p.value });
}

export async function registerPolicy(ctx: AppContext, meta: CommandMeta, disclosureId: string, input: PolicyMetaInput): Promise<Result<PolicyDocumentTable>> {
  const actor = meta.actor!;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const d = await findDisclosureRow(trx, disclosureId);
    const unit = d ? await findUnit(trx, d.unit_code) : undefined;
    if (!d || !unit || !actorCoversPath(actor, unit.path, ['unit_officer', 'county_admin'])) return fail(404, 'DISCLOSURE_NOT_FOUND', '公开内容不存在');
    if (d.catalog !== 'government') return fail(400, 'NOT_A_GOVERNMENT_UNIT', '政策文件由政府机关发布');
    if (!['draft', 'returned'].includes(d.status)) return fail(409, 'NOT_A_DRAFT', '只有草稿可以登记为政策文件');
    if (await repo.findPolicy(trx, disclosureId)) return fail(409, 'ALREADY_A_POLICY', '该内容已登记为政策文件');
    const checked = await checkMeta(trx, d.unit_code, { ...input, docNo: input.docNo ?? d.doc_no }, disclosureId);
    if (!checked.ok) return checked;
    const doc = checked.value.docNo?.ok ? checked.value.docNo.value : null;
    if (doc && d.doc_no !== doc.docNo)
      return fail(409, 'DOC_NO_MISMATCH', `草稿中的文号（${d.doc_no ?? '空'}）与登记的文号（${doc.docNo}）不一致，请先修改草稿的文号`);
    const at = now.toISOString();
    const row: PolicyDocumentTable = {
      disclosure_id: disclosureId,
      issuer_unit_code: d.unit_code,
      issuer_name: input.issuerName?.trim() || unit.name,
      doc_no: doc?.docNo ?? null,
      doc_year: doc?.year ?? null,
      doc_serial: doc?.serial ?? null,
      written_on: input.writtenOn,
      category: input.category,
      topic: input.topic,
      genre: input.genre,
      keywords_json: JSON.stringify(checked.value.keywords),
      validity: 'valid',
      validity_on: null,
      validity_by: null,
      consultation_ref: input.consultationRef?.trim() || null,
      is_demo: input.demo ? 1 : 0,
      created_at: at,
      created_by: actor.userId,
      updated_at: at,
    };
    await repo.insertPolicy(trx, row);
    await repo.insertValidityEvent(trx, {
      id: uuid(),
      policy_id: disclosureId,
      seq: 1,
      from_validity: null,
      to_validity: 'valid',
      effective_on: input.writtenOn,
      by_policy_id: null,
      reason: null,
      actor_user_id: actor.userId,
      actor_name: actor.displayName,
      at,
    });
    await audit({
      unitCode: d.unit_code,
      action: 'policy.register',
      entityType: 'disclosure',
      entityId: disclosureId,
      after: { docNo: row.doc_no, category: row.category, topic: row.topic, genre: row.genre, writtenOn: row.written_on },
    });
    return ok(row);
  });
}

/** The policy row and its disclosure, if the actor's scope covers the issuer (else 404). */
async function policyInScope(trx: Trx, actor: Actor, id: string, roles?: Parameters<typeof actorCoversPath>[2]) {
  const p = await repo.findPolicy(trx, id);
  const unit = p ? await findUnit(trx, p.issuer_unit_code) : undefined;
  if (!p || !unit || !actorCoversPath(actor, unit.path, roles)) return null;
  return { p, unit };
}

async function isPublic(trx: Trx, disclosureId: string): Promise<boolean> {
  const d = await findDisclosureRow(trx, disclosureId);
  return d?.status === 'published';
}

/** 有效 → 已修改 / 已废止 / 已失效 (transition table in policies.rules.ts), with its public history. Reviewer-level. */
export async function changeValidity(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: { to: string; effectiveOn: string; byPolicyId?: string | null; reason?: string | null },
): Promise<Result<PolicyDocumentTable>> {
  const actor = meta.actor!;
  if (!(VALIDITIES as readonly string[]).includes(input.to))
    return fail(400, 'INVALID_VALIDITY', `时效只能是：${VALIDITIES.map((v) => VALIDITY_TEXT[v]).join('、')}`);
  if (!isRealDate(input.effectiveOn)) return fail(400, 'INVALID_DATE', `变更日期“${input.effectiveOn}”不是有效日期`);
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > 500) return fail(400, 'INVALID_REASON', '说明不超过500字');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const found = await policyInScope(trx, actor, id);
    if (!found) return fail(404, 'POLICY_NOT_FOUND', '政策文件不存在');
    const { p, unit } = found;
    if (!actorCoversPath(actor, unit.path, ['unit_reviewer', 'county_admin'])) return fail(403, 'FORBIDDEN', '文件时效的变更由本单位审核人或县级管理员登记');
    if (!(await isPublic(trx, id))) return fail(409, 'POLICY_NOT_PUBLISHED', '文件公开后才能登记时效变更');
    let by = null;
    if (input.byPolicyId) {
      const b = await repo.findPolicy(trx, input.byPolicyId);
      if (!b) return fail(400, 'CHANGING_DOCUMENT_NOT_FOUND', '所关联的修改或废止文件不存在（须是已登记的政策文件）');
      by = { id: b.disclosure_id, writtenOn: b.written_on, published: await isPublic(trx, b.disclosure_id), validity: b.validity as Validity };
    }
    const check = checkValidityChange({
      current: p.validity as Validity,
      to: input.to as Validity,
      effectiveOn: input.effectiveOn,
      today: chinaDate(now),
      target: { id, writtenOn: p.written_on },
      by: by,
    });
    if (!check.ok) return fail(check.status, check.code, check.message);
    const at = now.toISOString();
    const last = await repo.lastValiditySeq(trx, id);
    await repo.insertValidityEvent(trx, {
      id: uuid(),
      policy_id: id,
      seq: last + 1,
      from_validity: p.validity,
      to_validity: input.to,
      effective_on: input.effectiveOn,
      by_policy_id: by?.id ?? null,
      reason,
      actor_user_id: actor.userId,
      actor_name: actor.displayName,
      at,
    });
    const next = { ...p, validity: input.to, validity_on: input.effectiveOn, validity_by: by?.id ?? null, updated_at: at };
    await repo.updatePolicyValidity(trx, id, { validity: next.validity, validity_on: next.validity_on, validity_by: next.validity_by, updated_at: at });
    // The policy page, the 现行有效 list and unit pages show the validity: cached public pages are stale now.
    await bumpPageCacheVersion(trx, now);
    notePublicChange(ctx);
    await audit({
      unitCode: p.issuer_unit_code,
      action: 'policy.validity',
      entityType: 'disclosure',
      entityId: id,
      before: { validity: p.validity },
      after: { validity: input.to, effectiveOn: input.effectiveOn, byPolicyId: by?.id ?? null, reason },
    });
    return ok(next);
  });
}

/**
 * The linked disclosure, if the actor is staff (drafter, reviewer or county admin) of its unit (else 404) and it is
 * published (409: a draft may still change or never be published, a withdrawn record is no longer public).
 */
async function linkableDisclosure(trx: Trx, actor: Actor, disclosureId: string): Promise<Result<DisclosureRow>> {
  const d = await findDisclosureRow(trx, disclosureId);
  const unit = d ? await findUnit(trx, d.unit_code) : undefined;
  if (!d || !unit || !actorCoversPath(actor, unit.path, POLICY_STAFF)) return fail(404, 'DISCLOSURE_NOT_FOUND', '公开内容不存在');
  if (d.status !== 'published')
    return fail(
      409,
      'DISCLOSURE_NOT_PUBLISHED',
      d.status === 'withdrawn' ? '这条内容已撤回，不能再作为解读或回应关联' : '只能关联已公开的内容：请先送审、发布这条内容，再作为解读或回应关联',
    );
  return ok(d);
}

/** Links a disclosure of the actor's unit to a public policy as its 解读 (one policy per interpretation). */
export async function addInterpretation(
  ctx: AppContext,
  meta: CommandMeta,
  policyId: string,
  input: { disclosureId: string; form: string; mediaUrl?: string | null },
): Promise<Result<{ policyId: string; disclosureId: string }>> {
  const actor = meta.actor!;
  if (!(input.form in INTERPRETATION_FORMS)) return fail(400, 'INVALID_FORM', `解读形式只能是：${Object.values(INTERPRETATION_FORMS).join('、')}`);
  const media = checkMediaUrl(input.mediaUrl);
  if (!media.ok) return fail(400, 'INVALID_URL', media.message);
  if ((input.form === 'audio' || input.form === 'video') && !media.value) return fail(400, 'MEDIA_URL_REQUIRED', '音频、视频解读须填写播放链接');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const p = await repo.findPolicy(trx, policyId);
    if (!p || !(await isPublic(trx, policyId))) return fail(404, 'POLICY_NOT_FOUND', '政策文件不存在或尚未公开');
    const linkable = await linkableDisclosure(trx, actor, input.disclosureId);
    if (!linkable.ok) return linkable;
    const d = linkable.value;
    if (d.id === policyId || (await repo.findPolicy(trx, d.id))) return fail(400, 'NOT_AN_INTERPRETATION', '政策文件本身不能作为解读');
    if (await repo.findInterpretation(trx, d.id)) return fail(409, 'ALREADY_LINKED', '该内容已作为解读关联到一份政策文件');
    await repo.insertInterpretation(trx, {
      disclosure_id: d.id,
      policy_id: policyId,
      form: input.form,
      media_url: media.value,
      created_at: now.toISOString(),
      created_by: actor.userId,
    });
    await bumpPageCacheVersion(trx, now);
    notePublicChange(ctx);
    await audit({
      unitCode: d.unit_code,
      action: 'policy.interpretation.link',
      entityType: 'disclosure',
      entityId: d.id,
      after: { policyId, form: input.form },
    });
    return ok({ policyId, disclosureId: d.id });
  });
}

/**
 * Marks a disclosure of the actor's unit as a 回应 (回应关切 / 辟谣), optionally about a policy, the interaction case it
 * answers (by id or 编号, through interaction's index) and the consultation or 公众参与事项 (participation's index). A
 * linked case or participation record must lie in the actor's scope (else 404, as if it did not exist).
 */
export async function addResponse(
  ctx: AppContext,
  meta: CommandMeta,
  input: { disclosureId: string; form: string; policyId?: string | null; interactionRef?: string | null; consultationRef?: string | null },
): Promise<Result<{ disclosureId: string }>> {
  const actor = meta.actor!;
  if (!(input.form in RESPONSE_FORMS)) return fail(400, 'INVALID_FORM', `回应形式只能是：${Object.values(RESPONSE_FORMS).join('、')}`);
  const ref = (v: string | null | undefined, label: string): Result<string | null> => {
    const s = v?.trim() || null;
    if (s && (s.length > 100 || !/^[\w.:/\u4e00-\u9fff-]+$/.test(s))) return fail(400, 'INVALID_REFERENCE', `${label}编号格式不正确`);
    return ok(s);
  };
  const inter = ref(input.interactionRef, '互动事项');
  if (!inter.ok) return inter;
  const cons = ref(input.consultationRef, '公众参与事项');
  if (!cons.ok) return cons;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const linkable = await linkableDisclosure(trx, actor, input.disclosureId);
    if (!linkable.ok) return linkable;
    const d = linkable.value;
    if (input.policyId) {
      const p = await repo.findPolicy(trx, input.policyId);
      if (!p || !(await isPublic(trx, input.policyId))) return fail(404, 'POLICY_NOT_FOUND', '政策文件不存在或尚未公开');
      if (input.policyId === d.id) return fail(400, 'NOT_A_RESPONSE', '政策文件本身不能作为回应');
    }
    let caseId: string | null = null;
    if (inter.value) {
      const c = await providerOf('interactionCases')?.caseRef(trx, inter.value);
      const paths = c ? (await findUnitsByCodes(trx, c.unitCodes)).map((u) => u.path) : [];
      if (!c || !paths.some((p) => actorCoversPath(actor, p)))
        return fail(404, 'INTERACTION_CASE_NOT_FOUND', `没有找到互动事项“${inter.value}”（须是本单位办理的事项）`);
      caseId = c.id;
    }
    let participationId: string | null = null;
    if (cons.value) {
      const x = await participationRef(trx, cons.value);
      if (!x || !actorCoversPath(actor, x.unitPath)) return fail(404, 'PARTICIPATION_NOT_FOUND', '没有找到所回应的意见征集或公众参与事项（须是本单位的）');
      participationId = x.id;
    }
    if (await repo.findResponse(trx, d.id)) return fail(409, 'ALREADY_LINKED', '该内容已登记为回应');
    await repo.insertResponse(trx, {
      disclosure_id: d.id,
      form: input.form,
      policy_id: input.policyId ?? null,
      interaction_ref: caseId,
      consultation_ref: participationId,
      created_at: now.toISOString(),
      created_by: actor.userId,
    });
    await bumpPageCacheVersion(trx, now);
    notePublicChange(ctx);
    await audit({
      unitCode: d.unit_code,
      action: 'policy.response.link',
      entityType: 'disclosure',
      entityId: d.id,
      after: { form: input.form, policyId: input.policyId ?? null, interactionCaseId: caseId, participationId },
    });
    return ok({ disclosureId: d.id });
  });
}

/** The metadata fields an edit may change, with their names on the policy page. */
export const METADATA_FIELDS = {
  docNo: '文号',
  issuerName: '发文机关',
  writtenOn: '成文日期',
  category: '分类',
  topic: '主题',
  genre: '体裁',
  keywords: '关键词',
  consultationRef: '来源意见征集',
} as const;
export type MetadataField = keyof typeof METADATA_FIELDS;
type MetadataValues = { [K in MetadataField]: K extends 'keywords' ? string[] : string | null };

export interface PolicyMetadataEdit {
  docNo?: string | null;
  issuerName?: string;
  writtenOn?: string;
  category?: string;
  topic?: string;
  genre?: string;
  keywords?: string[];
  consultationRef?: string | null;
  /** Required once the policy is approved or public: shown publicly with the correction. */
  reason?: string | null;
}

const metadataOf = (p: PolicyDocumentTable): MetadataValues => ({
  docNo: p.doc_no,
  issuerName: p.issuer_name,
  writtenOn: p.written_on,
  category: p.category,
  topic: p.topic,
  genre: p.genre,
  keywords: JSON.parse(p.keywords_json) as string[],
  consultationRef: p.consultation_ref,
});

/** Drafts are edited by the drafter; once approved (scheduled, published) a change is a public correction with a reason. */
const EDITABLE_DRAFT = ['draft', 'returned'];
const EDITABLE_AS_CORRECTION = ['approved', 'scheduled', 'published'];

/**
 * Changes a registered policy's metadata (文号, 发文机关, 成文日期, 分类, 主题, 体裁, 关键词, 来源征集), checked by the same
 * rules as at registration. Each edit keeps its before/after in policy_metadata_changes; an edit of an approved or
 * public policy needs the unit's reviewer (or county admin) and a reason, and is listed on the policy page as a
 * 更正. The 文号 is part of the disclosure's reviewed text, so it changes through the disclosure (the draft, or a
 * correction of the published record) first; this command then records it in the metadata (409 DOC_NO_MISMATCH
 * otherwise). Validity changes have their own command (changeValidity).
 */
export async function editPolicyMetadata(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: PolicyMetadataEdit,
): Promise<Result<{ policy: PolicyDocumentTable; changed: MetadataField[]; correction: boolean }>> {
  const actor = meta.actor!;
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > 500) return fail(400, 'INVALID_REASON', '更正说明不超过500字');
  if (input.issuerName !== undefined && (!input.issuerName.trim() || input.issuerName.trim().length > 100))
    return fail(400, 'INVALID_ISSUER', '发文机关名称不能为空，且不超过100字');
  const consultationRef = input.consultationRef === undefined ? undefined : input.consultationRef?.trim() || null;
  if (consultationRef && (consultationRef.length > 100 || !/^[\w.:/-]+$/.test(consultationRef)))
    return fail(400, 'INVALID_REFERENCE', '意见征集编号格式不正确');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const found = await policyInScope(trx, actor, id);
    if (!found) return fail(404, 'POLICY_NOT_FOUND', '政策文件不存在');
    const { p, unit } = found;
    const d = await findDisclosureRow(trx, id);
    if (!d) return fail(404, 'POLICY_NOT_FOUND', '政策文件不存在');
    const correction = EDITABLE_AS_CORRECTION.includes(d.status);
    if (!correction && !EDITABLE_DRAFT.includes(d.status))
      return fail(
        409,
        d.status === 'withdrawn' ? 'POLICY_WITHDRAWN' : 'UNDER_REVIEW',
        d.status === 'withdrawn' ? '已撤回的文件不能修改' : '文件正在审核中，不能修改；请等审核结果出来后再改',
      );
    if (correction) {
      if (!actorCoversPath(actor, unit.path, ['unit_reviewer', 'county_admin']))
        return fail(403, 'FORBIDDEN', '文件审核通过后，信息的更正由本单位审核人或县级管理员登记');
      if (!reason || reason.length < 4) return fail(400, 'REASON_REQUIRED', '文件已审核通过或已公开，更正须写明原因（至少4个字），原因会随更正记录一起公开');
    } else if (!actorCoversPath(actor, unit.path, POLICY_STAFF)) {
      return fail(403, 'FORBIDDEN', '草稿的信息由本单位经办人修改');
    }
    const before = metadataOf(p);
    const wanted = {
      docNo: input.docNo === undefined ? before.docNo : input.docNo?.trim() || null,
      issuerName: input.issuerName?.trim() ?? p.issuer_name,
      writtenOn: input.writtenOn ?? before.writtenOn!,
      category: input.category ?? before.category!,
      topic: input.topic ?? before.topic!,
      genre: input.genre ?? before.genre!,
      keywords: input.keywords ?? before.keywords,
      consultationRef: consultationRef === undefined ? before.consultationRef : consultationRef,
    };
    const checked = await checkMeta(trx, p.issuer_unit_code, wanted, id);
    if (!checked.ok) return checked;
    const doc = checked.value.docNo?.ok ? checked.value.docNo.value : null;
    const after: MetadataValues = { ...wanted, docNo: doc?.docNo ?? null, keywords: checked.value.keywords };
    if ((doc?.docNo ?? null) !== (d.doc_no ?? null))
      return fail(
        409,
        'DOC_NO_MISMATCH',
        correction
          ? `公开内容中的文号（${d.doc_no ?? '空'}）与要登记的文号（${doc?.docNo ?? '空'}）不一致：文号属于已公开的正文信息，请先通过“更正”修改公开内容的文号并经审核发布`
          : `草稿中的文号（${d.doc_no ?? '空'}）与要登记的文号（${doc?.docNo ?? '空'}）不一致，请先修改草稿的文号`,
      );
    // A 成文日期 later than a recorded validity change (of this document, or one it made) would make the history wrong.
    if (after.writtenOn !== before.writtenOn) {
      const dates = [
        ...(await repo.validityEventsOf(trx, id)).filter((e) => e.seq > 1).map((e) => e.effective_on),
        ...(await repo.validityEventsBy(trx, id)).map((e) => e.effective_on),
      ];
      const earliest = dates.sort()[0];
      if (earliest && after.writtenOn! > earliest) return fail(409, 'DATE_AFTER_VALIDITY_CHANGE', `成文日期不能晚于已登记的时效变更日期（${earliest}）`);
      if (after.writtenOn! > chinaDate(now)) return fail(400, 'INVALID_DATE', '成文日期不能晚于今天');
    }
    const changed = (Object.keys(METADATA_FIELDS) as MetadataField[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (!changed.length) return fail(400, 'NO_CHANGE', '没有修改任何信息');
    // The reason and the typed fields are shown publicly: the personal-data gate refuses them (kinds only, never values).
    await refreshPiiRules(trx);
    const typed = { 更正原因: reason ?? '', 发文机关: after.issuerName ?? '', 关键词: after.keywords.join(' ') };
    const piiFields = Object.entries(typed)
      .filter(([, v]) => scanText(v, piiRules(), { today: chinaDate(now) }).length > 0)
      .map(([k]) => k);
    if (piiFields.length) return fail(400, 'PERSONAL_DATA', `${piiFields.join('、')}中有身份证号、手机号等个人信息，这些内容会在网上公开，请删除后再保存`);
    const at = now.toISOString();
    const pick = (v: MetadataValues) => Object.fromEntries(changed.map((k) => [k, v[k]]));
    await repo.insertMetadataChange(trx, {
      id: uuid(),
      policy_id: id,
      seq: (await repo.lastMetadataSeq(trx, id)) + 1,
      before_json: JSON.stringify(pick(before)),
      after_json: JSON.stringify(pick(after)),
      reason,
      is_public: correction ? 1 : 0,
      actor_user_id: actor.userId,
      actor_name: actor.displayName,
      at,
    });
    const next: PolicyDocumentTable = {
      ...p,
      doc_no: doc?.docNo ?? null,
      doc_year: doc?.year ?? null,
      doc_serial: doc?.serial ?? null,
      issuer_name: after.issuerName!,
      written_on: after.writtenOn!,
      category: after.category!,
      topic: after.topic!,
      genre: after.genre!,
      keywords_json: JSON.stringify(after.keywords),
      consultation_ref: after.consultationRef,
      updated_at: at,
    };
    await repo.updatePolicyMetadata(trx, id, {
      doc_no: next.doc_no,
      doc_year: next.doc_year,
      doc_serial: next.doc_serial,
      issuer_name: next.issuer_name,
      written_on: next.written_on,
      category: next.category,
      topic: next.topic,
      genre: next.genre,
      keywords_json: next.keywords_json,
      consultation_ref: next.consultation_ref,
      updated_at: at,
    });
    if (correction) {
      await bumpPageCacheVersion(trx, now);
      notePublicChange(ctx);
    }
    await audit({
      unitCode: p.issuer_unit_code,
      action: correction ? 'policy.metadata.correct' : 'policy.metadata.edit',
      entityType: 'disclosure',
      entityId: id,
      before: pick(before),
      after: { ...pick(after), reason },
    });
    return ok({ policy: next, changed, correction });
  });
}
