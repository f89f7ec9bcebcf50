/**
 * Read side of the offline channels: printed matter computed on request from published records (reads never
 * write: the 一封信 and the 办事一本通 keep nothing, so the booklet is always as current as its items). Every text
 * that leaves here is public content already masked by publishing, or typed text masked again with the county's
 * current rules (publishing's maskAll: the one gate).
 */
import './offline.tables.ts';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { actorCoversPath, scopeRoots, type Actor } from '../../platform/auth/roles.ts';
import { findUnit, findUnitsByCodes, listChildren, type OrgUnitRow } from '../org/index.ts';
import {
  bodyToNotice,
  currentNewest,
  findDisclosureRow,
  findDisclosureRows,
  getDisclosure,
  maskAll,
  piiRules,
  readTime,
  refreshPiiRules,
  type PublicDisclosure,
} from '../publishing/index.ts';
import { BOOKLET_DOMAINS, broadcastText, LIMITS, letterSalutation, SERVICE_POINT_KINDS, shorten, type ServicePointKind } from './offline.rules.ts';
import { renderBooklet, renderBroadcast, renderLeaflet, renderLetters, type LetterInput } from './offline-pdf.ts';
import type { OfflineServicePointTable } from './offline.tables.ts';
import { findBroadcast, findLeaflet, findServicePoint, listLeaflets, listServicePointRows } from './offline.repository.ts';
import type { Same } from '../../platform/http/schemas.ts';
import type { Broadcast, Leaflet, ServicePoint } from './offline.schemas.ts';

const RESIDENT_UNITS = new Set(['village', 'community']);

function issuerOf(unit: OrgUnitRow): string {
  if (unit.kind === 'community') return `${unit.name}居民委员会`;
  if (unit.kind === 'village') return `${unit.name}村民委员会`;
  return unit.name;
}

async function gateOut(ctx: AppContext) {
  await refreshPiiRules(ctx.db);
  const today = chinaDate(ctx.clock.now());
  return (text: string) => maskAll(text, piiRules(), { today });
}

async function publicRecord(ctx: AppContext, id: string): Promise<PublicDisclosure | null> {
  const found = await getDisclosure(ctx, null, id);
  const d = found.ok ? found.value.public : null;
  return d && d.status === 'published' ? d : null;
}

const recordUrl = (ctx: AppContext, d: PublicDisclosure) => `${ctx.config.baseUrl}/disclosures/${d.id}`;
const publishedOn = (d: PublicDisclosure) => d.display.start ?? chinaDate(new Date(d.publishedAt));

// ---- 政务公开专区 / 便民服务点 -------------------------------------------------------------------------------------

export interface ServicePointView {
  id: string;
  unit: { code: string; name: string };
  kind: ServicePointKind;
  kindText: string;
  name: string;
  place: string;
  hours: string;
  services: string[];
  phone: string | null;
  photoUrl: string | null;
  isDemo: boolean;
  updatedAt: string;
  retiredAt: string | null;
  retiredReason: string | null;
}

function pointView(p: OfflineServicePointTable, unitName: string, mask: (s: string) => string): ServicePointView {
  return {
    id: p.id,
    unit: { code: p.unit_code, name: unitName },
    kind: p.kind as ServicePointKind,
    kindText: SERVICE_POINT_KINDS[p.kind as ServicePointKind] ?? p.kind,
    name: mask(p.name),
    place: mask(p.place),
    hours: mask(p.hours),
    services: (JSON.parse(p.services_json) as string[]).map(mask),
    phone: p.phone,
    photoUrl: p.photo_sha256 ? `/api/v1/offline/service-points/${p.id}/photo` : null,
    isDemo: p.is_demo === 1,
    updatedAt: p.updated_at,
    retiredAt: p.retired_at,
    retiredReason: p.retired_reason === null ? null : mask(p.retired_reason),
  };
}

/** The places of units (public: the ones in use; staff with `includeRetired` also the closed ones, in their scope). */
export async function listServicePoints(
  ctx: AppContext,
  opts: { unitCodes?: string[]; includeRetired?: boolean; actor?: Actor | null },
): Promise<ServicePointView[]> {
  const rows = await listServicePointRows(ctx.db, opts);
  const units = new Map((await findUnitsByCodes(ctx.db, [...new Set(rows.map((r) => r.unit_code))])).map((u) => [u.code, u]));
  const roots = opts.actor ? scopeRoots(opts.actor) : null;
  const mask = await gateOut(ctx);
  return rows
    .flatMap((r) => {
      const u = units.get(r.unit_code);
      return u ? [{ r, u }] : [];
    })
    .filter(({ u }) => !opts.includeRetired || (roots && roots.some((p) => u.path.startsWith(p))))
    .sort((a, b) => (a.u.path < b.u.path ? -1 : a.u.path > b.u.path ? 1 : 0))
    .map(({ r, u }) => pointView(r, u.name, mask));
}

export async function servicePointPhoto(ctx: AppContext, id: string): Promise<{ sha256: string; type: string } | null> {
  const p = await findServicePoint(ctx.db, id);
  if (!p || !p.photo_sha256 || !p.photo_type || p.retired_at) return null;
  return { sha256: p.photo_sha256, type: p.photo_type };
}

// ---- 致村(居)民一封信 ------------------------------------------------------------------------------------------

/**
 * Letters from one signing unit to the residents of villages (communities) in its subtree, about one or more published
 * records (a policy is one). Staff of the signing unit only; villages outside its subtree answer 404.
 */
export async function letterBatch(
  ctx: AppContext,
  actor: Actor,
  input: { signerCode: string; sourceIds: string[]; villageCodes?: string[] },
): Promise<Result<{ pdf: Buffer; count: number; signer: string }>> {
  const signer = await findUnit(ctx.db, input.signerCode);
  if (!signer || !actorCoversPath(actor, signer.path)) return fail(404, 'UNIT_NOT_FOUND', '单位不存在');
  const ids = [...new Set(input.sourceIds.map((s) => s.trim()).filter(Boolean))];
  if (ids.length === 0) return fail(400, 'NO_SOURCE', '请选择至少一条已发布的公开内容或政策文件');
  if (ids.length > LIMITS.letterSources) return fail(400, 'TOO_MANY_SOURCES', `一封信最多写${LIMITS.letterSources}件事，请分几封信`);
  const sources: PublicDisclosure[] = [];
  for (const id of ids) {
    const d = await publicRecord(ctx, id);
    if (!d) return fail(404, 'DISCLOSURE_NOT_FOUND', `公开内容 ${id} 不存在或未发布（已撤回的内容不能写进信里）`);
    sources.push(d);
  }
  let villages: OrgUnitRow[];
  if (input.villageCodes?.length) {
    villages = [];
    for (const code of [...new Set(input.villageCodes)]) {
      const v = await findUnit(ctx.db, code);
      if (!v || !v.path.startsWith(signer.path)) return fail(404, 'UNIT_NOT_FOUND', `单位 ${code} 不存在或不在${signer.name}辖区内`);
      if (!RESIDENT_UNITS.has(v.kind)) return fail(400, 'NOT_A_VILLAGE', `${v.name}不是村或社区，一封信按村（社区）印发`);
      villages.push(v);
    }
  } else if (RESIDENT_UNITS.has(signer.kind)) villages = [signer];
  else villages = (await listChildren(ctx.db, signer.code)).filter((u) => RESIDENT_UNITS.has(u.kind));
  if (villages.length === 0) return fail(400, 'NO_VILLAGE', `${signer.name}下没有村或社区，请选择要印发的村（社区）`);
  if (villages.length > LIMITS.letterVillages) return fail(400, 'TOO_MANY_VILLAGES', `一次最多印发${LIMITS.letterVillages}个村（社区）`);
  const today = chinaDate(ctx.clock.now());
  // Public content was masked when published; printing masks again with today's rules (a rule added since then).
  const mask = await gateOut(ctx);
  const letterSources = sources.map((d) => {
    const paragraphs = bodyToNotice(d.bodyHtml).paragraphs.map(mask);
    // Large type: the gist of each record, the whole text is one scan away.
    const gist = shorten(paragraphs.join(''), sources.length > 1 ? 220 : 520);
    return {
      title: mask(d.title),
      docNo: d.docNo,
      indexNo: d.indexNo,
      publishedOn: publishedOn(d),
      paragraphs: gist ? [gist] : ['（内容见网上公开原文）'],
      url: recordUrl(ctx, d),
    };
  });
  const contact = signer.phone ? `如有疑问，请联系${issuerOf(signer)}，电话：${signer.phone}。` : null;
  const letters: LetterInput[] = villages.map((v) => ({
    ...letterSalutation(v.name, v.kind),
    sources: letterSources,
    signer: issuerOf(signer),
    date: today,
    contact,
  }));
  return ok({ pdf: await renderLetters(letters, { author: signer.name, date: today }), count: letters.length, signer: signer.name });
}

// ---- 办事一本通 ------------------------------------------------------------------------------------------------

/** The unit's current 服务公开 records (BOOKLET_DOMAINS) and its registered places, as a booklet. Public. */
export async function booklet(ctx: AppContext, unitCode: string): Promise<Result<{ pdf: Buffer; unitName: string; items: number }>> {
  const unit = await findUnit(ctx.db, unitCode);
  if (!unit || unit.active !== 1) return fail(404, 'UNIT_NOT_FOUND', '单位不存在');
  const t = readTime(ctx.clock.now());
  const rows = (await Promise.all(BOOKLET_DOMAINS.map((domain) => currentNewest(ctx.db, unit.path, 100, t, domain)))).flat();
  const items = [];
  const mask = await gateOut(ctx);
  let updated = '';
  for (const r of rows) {
    const d = await publicRecord(ctx, r.disclosure_id);
    if (!d) continue;
    const { paragraphs, table } = bodyToNotice(d.bodyHtml);
    const last = d.versions.at(-1);
    const changed = last ? chinaDate(new Date(last.at)) : publishedOn(d);
    if (changed > updated) updated = changed;
    items.push({
      title: mask(d.title),
      indexNo: d.indexNo,
      publishedOn: publishedOn(d),
      paragraphs: paragraphs.length ? paragraphs.map(mask) : ['（内容见网上公开原文）'],
      table: table ? { columns: table.columns.map((c) => mask(c.header)), rows: table.rows.map((r) => r.map(mask)) } : undefined,
      url: recordUrl(ctx, d),
    });
  }
  const points = await listServicePoints(ctx, { unitCodes: [unit.code] });
  for (const p of points) if (chinaDate(new Date(p.updatedAt)) > updated) updated = chinaDate(new Date(p.updatedAt));
  if (items.length === 0 && points.length === 0) return fail(404, 'NOTHING_TO_PRINT', `${unit.name}还没有公开办事服务事项，暂不能生成办事一本通`);
  const pdf = await renderBooklet({
    unitName: unit.name,
    updatedOn: updated || t.today,
    items,
    contacts: points.map((p) => ({ kind: p.kindText, name: p.name, place: p.place, hours: p.hours, phone: p.phone, services: p.services })),
    unitContact: { phone: unit.phone, address: unit.address },
    url: `${ctx.config.baseUrl}/units/${encodeURIComponent(unit.code)}`,
  });
  return ok({ pdf, unitName: unit.name, items: items.length });
}

// ---- 明白纸 and 广播稿 -------------------------------------------------------------------------------------------

async function recordForStaff(ctx: AppContext, actor: Actor, disclosureId: string): Promise<Result<{ d: PublicDisclosure; unit: OrgUnitRow }>> {
  const row = await findDisclosureRow(ctx.db, disclosureId);
  const unit = row ? await findUnit(ctx.db, row.unit_code) : undefined;
  if (!unit || !actorCoversPath(actor, unit.path)) return fail(404, 'DISCLOSURE_NOT_FOUND', '公开内容不存在');
  const d = await publicRecord(ctx, disclosureId);
  if (!d) return fail(409, 'NOT_PUBLISHED', '只有已发布的内容才有明白纸和广播稿');
  return ok({ d, unit });
}

export interface LeafletView {
  id: string;
  disclosureId: string;
  unit: { code: string; name: string };
  title: string;
  body: string;
  source: { title: string; indexNo: string; docNo: string | null };
  isDemo: boolean;
  updatedAt: string;
}

export async function leafletsOf(ctx: AppContext, actor: Actor, unitCode?: string): Promise<LeafletView[]> {
  const roots = scopeRoots(actor);
  const leaflets = await listLeaflets(ctx.db, unitCode, 500);
  const units = new Map((await findUnitsByCodes(ctx.db, [...new Set(leaflets.map((l) => l.unit_code))])).map((u) => [u.code, u]));
  const sources = new Map(
    (
      await findDisclosureRows(
        ctx.db,
        leaflets.map((l) => l.disclosure_id),
      )
    ).map((d) => [d.id, d]),
  );
  const mask = await gateOut(ctx);
  return leaflets.flatMap((r) => {
    const u = units.get(r.unit_code);
    const d = sources.get(r.disclosure_id);
    if (!u || !d || !roots.some((p) => u.path.startsWith(p))) return [];
    return [
      {
        id: r.id,
        disclosureId: r.disclosure_id,
        unit: { code: r.unit_code, name: u.name },
        title: mask(r.title),
        body: mask(r.body),
        source: { title: mask(d.title), indexNo: d.index_no ?? '', docNo: d.doc_no },
        isDemo: r.is_demo === 1,
        updatedAt: r.updated_at,
      },
    ];
  });
}

export async function leafletPdf(ctx: AppContext, actor: Actor, disclosureId: string): Promise<Result<{ pdf: Buffer; title: string }>> {
  const found = await recordForStaff(ctx, actor, disclosureId);
  if (!found.ok) return found;
  const l = await findLeaflet(ctx.db, disclosureId);
  if (!l) return fail(404, 'LEAFLET_NOT_FOUND', '这条公开内容还没有明白纸，请先编写');
  const mask = await gateOut(ctx);
  const { d, unit } = found.value;
  return ok({
    pdf: await renderLeaflet({
      unitName: issuerOf(unit),
      title: mask(l.title),
      body: mask(l.body),
      source: { title: mask(d.title), indexNo: d.indexNo, docNo: d.docNo, url: recordUrl(ctx, d) },
      updatedOn: chinaDate(new Date(l.updated_at)),
    }),
    title: l.title,
  });
}

export interface BroadcastView {
  disclosureId: string;
  title: string;
  text: string;
  /** The text generated from the notice (what the clerk started from, or starts again from). */
  generated: string;
  edited: boolean;
  updatedAt: string | null;
}

export async function broadcastOf(ctx: AppContext, actor: Actor, disclosureId: string): Promise<Result<BroadcastView & { unit: OrgUnitRow }>> {
  const found = await recordForStaff(ctx, actor, disclosureId);
  if (!found.ok) return found;
  const { d, unit } = found.value;
  const points = await listServicePoints(ctx, { unitCodes: [unit.code] });
  const mask = await gateOut(ctx);
  const generated = mask(
    broadcastText({
      unitName: issuerOf(unit),
      title: d.title,
      paragraphs: bodyToNotice(d.bodyHtml).paragraphs,
      displayFrom: d.display.start,
      displayTo: d.display.end,
      places: [RESIDENT_UNITS.has(unit.kind) ? (unit.kind === 'community' ? '居务公开栏' : '村务公开栏') : '政务公开栏', ...points.map((p) => p.name)],
      office: issuerOf(unit),
      phone: unit.phone,
      today: chinaDate(ctx.clock.now()),
    }),
  );
  const saved = await findBroadcast(ctx.db, disclosureId);
  return ok({
    disclosureId,
    title: mask(d.title),
    text: saved ? mask(saved.text) : generated,
    generated,
    edited: !!saved,
    updatedAt: saved?.updated_at ?? null,
    unit,
  });
}

export async function broadcastPdf(ctx: AppContext, actor: Actor, disclosureId: string): Promise<Result<{ pdf: Buffer; title: string }>> {
  const b = await broadcastOf(ctx, actor, disclosureId);
  if (!b.ok) return b;
  return ok({
    pdf: await renderBroadcast({ unitName: issuerOf(b.value.unit), title: b.value.title, text: b.value.text, date: chinaDate(ctx.clock.now()) }),
    title: b.value.title,
  });
}

/**
 * The views are exactly the routes' response schemas (offline.schemas.ts, which the admin SPA takes type-only): a
 * field added on one side only fails the type check instead of being dropped by the serializer.
 */
export const viewsMatchSchemas: [Same<ServicePointView, ServicePoint>, Same<LeafletView, Leaflet>, Same<BroadcastView, Broadcast>] = [true, true, true];
