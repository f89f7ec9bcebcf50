/** Reads of policy documents. Public reads show only published disclosures and their masked public copies. */
import './policies.tables.ts';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { actorCoversPath, scopeRoots } from '../../platform/auth/roles.ts';
import { getCalendar } from '../calendar/index.ts';
import { getDisclosure, listDisclosures, publishedHeads, type PublicDisclosure } from '../publishing/index.ts';
import { findUnit, findUnitsByCodes } from '../org/index.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { providerOf } from '../../platform/module.ts';
import { participationRef } from '../participation/index.ts';
import * as repo from './policies.repository.ts';
import {
  CURRENT_VALIDITIES,
  evaluateInterpretations,
  INTERPRETATION_FORMS,
  INTERPRETATION_STATUS_TEXT,
  RESPONSE_FORMS,
  VALIDITY_TEXT,
  type InterpretationCheck,
  type Validity,
  POLICY_STAFF,
} from './policies.rules.ts';
import { loadPolicySettings, METADATA_FIELDS, type MetadataField } from './policies.commands.ts';
import type { Same } from '../../platform/http/schemas.ts';
import type * as Schemas from './policies.schemas.ts';

export interface PolicyListItem {
  id: string;
  title: string;
  indexNo: string;
  docNo: string | null;
  issuer: { code: string; name: string };
  writtenOn: string;
  publishedOn: string;
  category: string;
  topic: string;
  genre: string;
  keywords: string[];
  validity: Validity;
  validityText: string;
  validityOn: string | null;
  isDemo: boolean;
}

export interface PolicyFilter {
  issuer?: string;
  year?: number;
  topic?: string;
  /** 'current' (有效 + 已修改, the default), 'all', or one validity. */
  validity?: string;
  limit?: number;
  offset?: number;
}

/** Published policies (public titles), newest 成文日期 first. */
export async function listPolicies(ctx: AppContext, f: PolicyFilter): Promise<{ total: number; items: PolicyListItem[] }> {
  const v = f.validity ?? 'current';
  const validities = v === 'current' ? CURRENT_VALIDITIES : v === 'all' ? undefined : [v];
  const { total, rows } = await repo.listPublishedPolicies(ctx.db, {
    issuer: f.issuer,
    year: f.year,
    topic: f.topic,
    validities,
    limit: Math.min(f.limit ?? 50, 200),
    offset: f.offset ?? 0,
  });
  return {
    total,
    items: rows.map((r) => ({
      id: r.disclosure_id,
      title: r.public_title,
      indexNo: r.index_no ?? '',
      docNo: r.doc_no,
      issuer: { code: r.issuer_unit_code, name: r.issuer_name },
      writtenOn: r.written_on,
      publishedOn: chinaDate(new Date(r.published_at)),
      category: r.category,
      topic: r.topic,
      genre: r.genre,
      keywords: JSON.parse(r.keywords_json) as string[],
      validity: r.validity as Validity,
      validityText: VALIDITY_TEXT[r.validity as Validity],
      validityOn: r.validity_on,
      isDemo: r.is_demo === 1,
    })),
  };
}

export interface LinkedRecord {
  id: string;
  title: string;
  unit: { code: string; name: string };
  publishedOn: string;
  form: string;
  formText: string;
  mediaUrl?: string | null;
  interactionRef?: string | null;
  consultationRef?: string | null;
  /** What a 回应 answers: the interaction case (its number; linked when 选登) and the consultation or 公众参与事项. */
  answers?: AnsweredRecord[];
}

export interface AnsweredRecord {
  kind: 'interaction' | 'consultation' | 'item';
  kindText: string;
  /** Public words only: the case's kind and number; a participation record's title only when it is public. */
  label: string;
  href: string | null;
}

/** The records a 回应 answers, through interaction's and participation's index (reads only). */
async function answersOf(db: AppContext['db'], interactionRef: string | null, consultationRef: string | null): Promise<AnsweredRecord[]> {
  const out: AnsweredRecord[] = [];
  const c = interactionRef ? await providerOf('interactionCases')?.caseRef(db, interactionRef) : undefined;
  if (c) out.push({ kind: 'interaction', kindText: c.kindText, label: `${c.kindText} ${c.caseNo}`, href: c.href });
  const x = consultationRef ? await participationRef(db, consultationRef) : undefined;
  if (x) out.push({ kind: x.kind, kindText: x.kindText, label: x.href ? `${x.kindText}《${x.title}》` : x.kindText, href: x.href });
  return out;
}

export interface ValidityEvent {
  seq: number;
  from: Validity | null;
  to: Validity;
  toText: string;
  effectiveOn: string;
  by: { id: string; title: string; docNo: string | null } | null;
  reason: string | null;
}

export interface PublicPolicy {
  disclosure: PublicDisclosure;
  policy: PolicyListItem;
  consultationRef: string | null;
  history: ValidityEvent[];
  /** Documents this one amended or repealed. */
  changed: { id: string; title: string; docNo: string | null; to: Validity; toText: string; effectiveOn: string }[];
  interpretations: LinkedRecord[];
  responses: LinkedRecord[];
  /** Metadata corrections made while the policy was approved or public, oldest first (never silent). */
  corrections: MetadataCorrection[];
}

export interface MetadataCorrection {
  seq: number;
  on: string;
  reason: string;
  fields: { field: string; label: string; before: string; after: string }[];
}

const shown = (v: unknown): string => (Array.isArray(v) ? v.join('、') : v == null || v === '' ? '无' : String(v));

function correctionsOf(rows: Awaited<ReturnType<typeof repo.metadataChangesOf>>): MetadataCorrection[] {
  return rows.map((r) => {
    const b = JSON.parse(r.before_json) as Record<string, unknown>;
    const a = JSON.parse(r.after_json) as Record<string, unknown>;
    return {
      seq: r.seq,
      on: chinaDate(new Date(r.at)),
      reason: r.reason ?? '',
      fields: Object.keys(a).map((k) => ({ field: k, label: METADATA_FIELDS[k as MetadataField] ?? k, before: shown(b[k]), after: shown(a[k]) })),
    };
  });
}

async function publicTitles(ctx: AppContext, ids: string[]) {
  if (!ids.length) return new Map<string, { title: string; docNo: string | null; unitCode: string; unitName: string; publishedAt: string }>();
  const heads = await publishedHeads(ctx.db, ids);
  const units = new Map((await findUnitsByCodes(ctx.db, [...new Set(heads.map((h) => h.unit_code))])).map((u) => [u.code, u.name]));
  return new Map(
    heads.map((r) => [
      r.id,
      { title: r.public_title, docNo: r.doc_no, unitCode: r.unit_code, unitName: units.get(r.unit_code) ?? r.unit_code, publishedAt: r.published_at },
    ]),
  );
}

/** The policy page's data: the public disclosure, metadata, validity history and the chain; null unless public. */
export async function getPublicPolicy(ctx: AppContext, id: string): Promise<PublicPolicy | null> {
  const p = await repo.findPolicy(ctx.db, id);
  if (!p) return null;
  const r = await getDisclosure(ctx, null, id);
  if (!r.ok || !r.value.public || r.value.public.status !== 'published') return null;
  const disclosure = r.value.public;
  const events = await repo.validityEventsOf(ctx.db, id);
  const changedEvents = await repo.validityEventsBy(ctx.db, id);
  const interps = await repo.interpretationsOf(ctx.db, id);
  const resps = await repo.responsesOf(ctx.db, id);
  const answers = new Map(
    await Promise.all(resps.map(async (x) => [x.disclosure_id, await answersOf(ctx.db, x.interaction_ref, x.consultation_ref)] as const)),
  );
  const corrections = correctionsOf(await repo.metadataChangesOf(ctx.db, id, true));
  const titles = await publicTitles(ctx, [
    ...events.map((e) => e.by_policy_id).filter((x): x is string => !!x),
    ...changedEvents.map((e) => e.policy_id),
    ...interps.map((i) => i.disclosure_id),
    ...resps.map((x) => x.disclosure_id),
  ]);
  const linked = (did: string, form: string, formText: string, extra: Partial<LinkedRecord>): LinkedRecord[] => {
    const t = titles.get(did);
    return t
      ? [{ id: did, title: t.title, unit: { code: t.unitCode, name: t.unitName }, publishedOn: chinaDate(new Date(t.publishedAt)), form, formText, ...extra }]
      : [];
  };
  return {
    disclosure,
    policy: {
      id,
      title: disclosure.title,
      indexNo: disclosure.indexNo,
      docNo: disclosure.docNo,
      issuer: { code: p.issuer_unit_code, name: p.issuer_name },
      writtenOn: p.written_on,
      publishedOn: chinaDate(new Date(disclosure.publishedAt)),
      category: p.category,
      topic: p.topic,
      genre: p.genre,
      keywords: JSON.parse(p.keywords_json) as string[],
      validity: p.validity as Validity,
      validityText: VALIDITY_TEXT[p.validity as Validity],
      validityOn: p.validity_on,
      isDemo: p.is_demo === 1,
    },
    consultationRef: p.consultation_ref,
    history: events.map((e) => {
      const b = e.by_policy_id ? titles.get(e.by_policy_id) : undefined;
      return {
        seq: e.seq,
        from: e.from_validity as Validity | null,
        to: e.to_validity as Validity,
        toText: VALIDITY_TEXT[e.to_validity as Validity],
        effectiveOn: e.effective_on,
        by: b && e.by_policy_id ? { id: e.by_policy_id, title: b.title, docNo: b.docNo } : null,
        reason: e.reason,
      };
    }),
    changed: changedEvents.flatMap((e) => {
      const t = titles.get(e.policy_id);
      return t
        ? [
            {
              id: e.policy_id,
              title: t.title,
              docNo: t.docNo,
              to: e.to_validity as Validity,
              toText: VALIDITY_TEXT[e.to_validity as Validity],
              effectiveOn: e.effective_on,
            },
          ]
        : [];
    }),
    interpretations: interps
      .flatMap((i) => linked(i.disclosure_id, i.form, INTERPRETATION_FORMS[i.form as keyof typeof INTERPRETATION_FORMS] ?? i.form, { mediaUrl: i.media_url }))
      .sort((a, b) => a.publishedOn.localeCompare(b.publishedOn)),
    responses: resps
      .flatMap((x) =>
        linked(x.disclosure_id, x.form, RESPONSE_FORMS[x.form as keyof typeof RESPONSE_FORMS] ?? x.form, {
          interactionRef: x.interaction_ref,
          consultationRef: x.consultation_ref,
          answers: answers.get(x.disclosure_id) ?? [],
        }),
      )
      .sort((a, b) => a.publishedOn.localeCompare(b.publishedOn)),
    corrections,
  };
}

/** Published 回应 of a unit (and, with subtree, the units below), newest first. */
export async function listResponses(ctx: AppContext, unitCode: string | null): Promise<LinkedRecord[]> {
  const rows = await repo.publishedResponses(ctx.db, unitCode);
  const answers = new Map(await Promise.all(rows.map(async (x) => [x.disclosure_id, await answersOf(ctx.db, x.interaction_ref, x.consultation_ref)] as const)));
  const titles = await publicTitles(
    ctx,
    rows.map((r) => r.disclosure_id),
  );
  return rows
    .flatMap((r) => {
      const t = titles.get(r.disclosure_id);
      return t
        ? [
            {
              id: r.disclosure_id,
              title: t.title,
              unit: { code: t.unitCode, name: t.unitName },
              publishedOn: chinaDate(new Date(t.publishedAt)),
              form: r.form,
              formText: RESPONSE_FORMS[r.form as keyof typeof RESPONSE_FORMS] ?? r.form,
              interactionRef: r.interaction_ref,
              consultationRef: r.consultation_ref,
              answers: answers.get(r.disclosure_id) ?? [],
            },
          ]
        : [];
    })
    .sort((a, b) => b.publishedOn.localeCompare(a.publishedOn));
}

export interface InterpretationComplianceRow extends InterpretationCheck {
  title: string;
  docNo: string | null;
  issuer: { code: string; name: string };
  category: string;
  statusText: string;
}

/**
 * 解读 compliance for the policies in the actor's scope (staff): each published policy of a category the county
 * marks, its deadline on the working-day calendar and whether its first public interpretation came in time.
 */
export async function interpretationCompliance(
  ctx: AppContext,
  actor: Actor,
): Promise<{ settings: Awaited<ReturnType<typeof loadPolicySettings>>['interpretation']; items: InterpretationComplianceRow[] }> {
  const roots = scopeRoots(actor);
  return interpretationChecks(ctx, (path) => roots.some((root) => path.startsWith(root)), chinaDate(ctx.clock.now()));
}

/**
 * The 解读 check of every published policy whose issuer's path `inScope` keeps, as of the China date `asOf`: policies
 * and interpretations published after `asOf` are not counted (a check of an earlier day sees what was public then).
 */
export async function interpretationChecks(
  ctx: AppContext,
  inScope: (unitPath: string) => boolean,
  asOf: string,
): Promise<{ settings: Awaited<ReturnType<typeof loadPolicySettings>>['interpretation']; items: InterpretationComplianceRow[] }> {
  const settings = await loadPolicySettings(ctx.db);
  if (!settings.interpretation.categories.length) return { settings: settings.interpretation, items: [] };
  const rows = (await repo.allPublishedPolicies(ctx.db)).filter((r) => chinaDate(new Date(r.published_at)) <= asOf);
  const paths = new Map((await findUnitsByCodes(ctx.db, [...new Set(rows.map((r) => r.issuer_unit_code))])).map((u) => [u.code, u.path]));
  const mine = rows.filter((r) => {
    const path = paths.get(r.issuer_unit_code);
    return path !== undefined && inScope(path);
  });
  const interps = (
    await repo.publishedInterpretationsOf(
      ctx.db,
      mine.map((r) => r.disclosure_id),
    )
  )
    .map((i) => ({ policyId: i.policy_id, publishedOn: chinaDate(new Date(i.published_at)) }))
    .filter((i) => i.publishedOn <= asOf);
  const calendar = await getCalendar(ctx);
  const checks = evaluateInterpretations(
    mine.map((r) => ({ id: r.disclosure_id, category: r.category, publishedOn: chinaDate(new Date(r.published_at)) })),
    interps,
    settings.interpretation,
    calendar,
    asOf,
  );
  const byId = new Map(mine.map((r) => [r.disclosure_id, r]));
  return {
    settings: settings.interpretation,
    items: checks.map((c) => {
      const r = byId.get(c.policyId)!;
      return {
        ...c,
        title: r.public_title,
        docNo: r.doc_no,
        issuer: { code: r.issuer_unit_code, name: r.issuer_name },
        category: r.category,
        statusText: INTERPRETATION_STATUS_TEXT[c.status],
      };
    }),
  };
}

export interface PolicyValidityTag {
  code: Validity;
  text: string;
  on: string | null;
}

/** The validity of those of the given disclosures that are policy documents (search results show it). */
export async function policyValidityOf(db: AppContext['db'], disclosureIds: readonly string[]): Promise<Map<string, PolicyValidityTag>> {
  if (disclosureIds.length === 0) return new Map();
  const rows = await repo.policyValidities(db, disclosureIds);
  return new Map(rows.map((r) => [r.disclosure_id, { code: r.validity as Validity, text: VALIDITY_TEXT[r.validity as Validity], on: r.validity_on }]));
}

export interface PolicyMetadataCorrectionTag {
  /** The correction's number in the policy's metadata history (rises with each change). */
  seq: number;
  /** China date of the correction. */
  on: string;
  /** The fields it changed, by their names on the policy page (文号, 主题, …). */
  labels: string[];
}

/**
 * The last public correction of the metadata (文号, 发文机关, 成文日期, 分类, 主题, 体裁, 关键词, 来源征集) of those of the given
 * disclosures that are policy documents and have one. Reads only.
 */
export async function lastMetadataCorrectionOf(db: AppContext['db'], disclosureIds: readonly string[]): Promise<Map<string, PolicyMetadataCorrectionTag>> {
  const out = new Map<string, PolicyMetadataCorrectionTag>();
  for (const r of await repo.publicMetadataChangesOf(db, disclosureIds)) {
    const fields = Object.keys(JSON.parse(r.after_json) as Record<string, unknown>);
    out.set(r.policy_id, { seq: r.seq, on: chinaDate(new Date(r.at)), labels: fields.map((k) => METADATA_FIELDS[k as MetadataField] ?? k) });
  }
  return out;
}

export type LinkState = 'policy' | 'interpretation' | 'response';
export interface LinkableDisclosure {
  id: string;
  title: string;
  indexNo: string | null;
  publishedAt: string | null;
  /** What the record already is here: a policy (cannot be a 解读/回应), a 解读 or a 回应 (each linked once); null = free. */
  linkedAs: LinkState | null;
}

/**
 * The unit's published records for the staff's 关联解读/回应 form, newest first and paged, each with what it already is
 * in this module. Staff of the unit only (officer, reviewer, county admin over it; else 404 as if it did not exist).
 */
export async function linkableDisclosures(
  ctx: AppContext,
  actor: Actor,
  q: { unit: string; limit: number; offset: number },
): Promise<Result<{ total: number; items: LinkableDisclosure[] }>> {
  const unit = await findUnit(ctx.db, q.unit);
  if (!unit || !actorCoversPath(actor, unit.path, POLICY_STAFF)) return fail(404, 'UNIT_NOT_FOUND', `单位“${q.unit}”不存在或不在您的管理范围内`);
  const list = await listDisclosures(ctx, actor, { unit: unit.code, status: 'published', limit: q.limit, offset: q.offset });
  const states = await repo.linkStates(
    ctx.db,
    list.items.map((i) => i.id),
  );
  return ok({
    total: list.total,
    items: list.items.map((i) => ({ id: i.id, title: i.title, indexNo: i.indexNo, publishedAt: i.publishedAt, linkedAs: states.get(i.id) ?? null })),
  });
}

/**
 * The views the admin SPA reads are exactly the routes' response schemas (policies.schemas.ts, which the SPA takes
 * type-only): a field added on one side only fails the type check instead of being dropped by the serializer.
 */
export const viewsMatchSchemas: [
  Same<Schemas.PolicyListItem, PolicyListItem>,
  Same<Schemas.InterpretationCompliance, Awaited<ReturnType<typeof interpretationCompliance>>>,
  Same<Schemas.LinkableList, Extract<Awaited<ReturnType<typeof linkableDisclosures>>, { ok: true }>['value']>,
] = [true, true, true];
