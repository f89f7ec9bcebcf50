/**
 * Re-scan of already-published records under the county's current personal-data rules (issue 13 §1): which
 * records' public text now has hits that are neither masked nor explicitly allowed, so the county can correct them
 * through the ordinary correction (更正, with its public reason).
 *
 * What is public and frozen at publication is checked: the current version's public title, body and tables (they
 * feed the page, the API, feeds, search, webhooks and the notice PDF; fixed by a correction), and attachment
 * originals the public may download, re-read with today's extractor (older uploads were read without headers,
 * hidden sheets or comments; fixed by 原件不公开). Attachment names, their online views, earlier versions in the
 * history and public reasons are masked with the current rules whenever they are shown, so they are not listed.
 *
 * `scanPublished` only reads. `runPiiRescan` (the CLI `gongkai pii rescan` and the county admin's 立即复查) stores
 * its result in app_settings with an audit event; reads show the stored result and never write.
 */
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import { ok, type Result } from '../../platform/result.ts';
import { KIND_TEXT, SCAN_CELL_BREAK, htmlTextMap } from './disclosure.content.ts';
import { hitsToMask, maskAll, scanText, type PiiDecision, type PiiHit } from './pii/pii-scan.ts';
import { PII_RULES_KEY, piiRules, refreshPiiRules } from './pii-config.ts';
import { readSetting, writeSetting } from '../../platform/db/settings.ts';
import { clearedAttachmentsOf, publishedVersionsAfter } from './disclosure.repository.ts';
import {
  attachmentHits,
  extractedFromDocx,
  extractedFromPdf,
  extractedFromXlsx,
  scanData,
  type DisclosureData,
  type ExtractedText,
} from './data/structured.ts';
import { decisionsAsOf } from './data/data.queries.ts';
import { originalIsPublic } from './data/data.commands.ts';
import { readStoredFile } from './data/files.ts';
import { extractDocx, extractPdf, extractXlsx } from './pii/attachments.ts';

export const PII_RESCAN_KEY = 'publishing.piiRescan';
const BATCH = 500;

/** Where in a record the open hits are. */
export type RescanPlace = 'title' | 'body' | 'tables' | 'attachment_original';
export const PLACE_TEXT: Record<RescanPlace, string> = {
  title: '标题',
  body: '正文',
  tables: '表格（财务收支、名单）',
  attachment_original: '可下载的附件原件',
};

/** One record to correct. Never carries the values themselves. */
export interface RescanFinding {
  disclosureId: string;
  unitCode: string;
  unitName: string;
  /** The public title with the current rules applied (so the list never shows a value either). */
  title: string;
  indexNo: string;
  status: 'published' | 'withdrawn';
  version: number;
  /** Open hits per kind, e.g. [{ kind: 'id', text: '身份证号', count: 2 }]. */
  kinds: { kind: string; text: string; count: number }[];
  places: { place: RescanPlace; text: string; count: number }[];
  /** Attachments whose public original has open hits (fix: 原件不公开). */
  attachments: { id: string; name: string; count: number }[];
  count: number;
}

export interface RescanResult {
  /** ISO instant of the run. */
  runAt: string;
  /** `updated_at` of the county's rules row when the run started (null: built-in defaults). */
  rulesVersion: string | null;
  /** Published or withdrawn records looked at. */
  scanned: number;
  findings: RescanFinding[];
  durationMs: number;
}

function kindText(h: PiiHit): string {
  return h.kind === 'custom' ? h.label : (KIND_TEXT[h.kind] ?? h.label);
}

/** The open hits of one current public version (pure). */
export function openPublicHits(
  v: { public_title: string; public_body_html: string; public_tables_json?: string | null },
  decisions: readonly PiiDecision[],
  today: string,
): { place: RescanPlace; hit: PiiHit }[] {
  const rules = piiRules();
  const tables = v.public_tables_json ? (JSON.parse(v.public_tables_json) as DisclosureData[]) : [];
  const found: { place: RescanPlace; hits: PiiHit[] }[] = [
    { place: 'title', hits: scanText(v.public_title, rules, { today }) },
    { place: 'body', hits: scanText(htmlTextMap(v.public_body_html, SCAN_CELL_BREAK).text, rules, { today }) },
    { place: 'tables', hits: scanData(tables, today) },
  ];
  return found.flatMap(({ place, hits }) => hitsToMask(hits, decisions).map((hit) => ({ place, hit })));
}

/** Text of a stored original read again with today's extractor (null when it cannot be read). */
async function reExtract(ctx: AppContext, type: string, sha256: string): Promise<string | null> {
  try {
    const buf = await readStoredFile(ctx.config.dataDir, sha256);
    let x: ExtractedText | null = null;
    if (type === 'xlsx') x = extractedFromXlsx(await extractXlsx(buf));
    else if (type === 'docx') x = extractedFromDocx(await extractDocx(buf));
    else if (type === 'pdf') {
      const pdf = await extractPdf(buf);
      if (pdf.pages.join('').trim()) x = extractedFromPdf(pdf);
    }
    return x ? JSON.stringify(x) : null;
  } catch {
    return null;
  }
}

/** Every public record with open hits under the current rules. Reads only. */
export async function scanPublished(ctx: AppContext, now: Date): Promise<Omit<RescanResult, 'runAt' | 'rulesVersion' | 'durationMs'>> {
  await refreshPiiRules(ctx.db);
  const today = chinaDate(now);
  const findings: RescanFinding[] = [];
  let scanned = 0;
  let after = '';
  for (;;) {
    const rows = await publishedVersionsAfter(ctx.db, after, BATCH);
    if (!rows.length) break;
    after = rows[rows.length - 1].id;
    const atts = await clearedAttachmentsOf(
      ctx.db,
      rows.map((r) => r.id),
    );
    for (const r of rows) {
      scanned++;
      const decisions = decisionsAsOf(JSON.parse(r.pii_decisions_json) as PiiDecision[], r.version_at);
      const open = openPublicHits(r, decisions, today);
      const attachmentFindings: RescanFinding['attachments'] = [];
      for (const a of atts.filter((x) => x.disclosure_id === r.id)) {
        if (!originalIsPublic(a, decisions, today)) continue;
        const text = await reExtract(ctx, a.type, a.sha256);
        if (!text) continue;
        const hits = hitsToMask(attachmentHits({ name: a.name, extracted_text: text }, today), decisions);
        if (hits.length) {
          attachmentFindings.push({ id: a.id, name: maskAll(a.name, piiRules(), { today, decisions }), count: hits.length });
          for (const hit of hits) open.push({ place: 'attachment_original', hit });
        }
      }
      if (!open.length) continue;
      const kinds = new Map<string, { kind: string; text: string; count: number }>();
      const places = new Map<RescanPlace, number>();
      for (const { place, hit } of open) {
        const k = hit.kind === 'custom' ? `custom:${hit.ruleId}` : hit.kind;
        const e = kinds.get(k) ?? { kind: hit.kind, text: kindText(hit), count: 0 };
        e.count++;
        kinds.set(k, e);
        places.set(place, (places.get(place) ?? 0) + 1);
      }
      findings.push({
        disclosureId: r.id,
        unitCode: r.unit_code,
        unitName: r.unit_name,
        title: maskAll(r.public_title, piiRules(), { today, decisions: [] }),
        indexNo: r.index_no ?? '',
        status: r.status === 'withdrawn' ? 'withdrawn' : 'published',
        version: r.current_version,
        kinds: [...kinds.values()],
        places: [...places.entries()].map(([place, count]) => ({ place, text: PLACE_TEXT[place], count })),
        attachments: attachmentFindings,
        count: open.length,
      });
    }
  }
  findings.sort((a, b) => a.unitCode.localeCompare(b.unitCode) || a.indexNo.localeCompare(b.indexNo));
  return { scanned, findings };
}

async function rulesVersion(db: Executor): Promise<string | null> {
  return (await readSetting(db, PII_RULES_KEY))?.updated_at ?? null;
}

/** Runs the re-scan and stores its result (one row in app_settings) with an audit event. Authorization is the caller's. */
export async function runPiiRescan(ctx: AppContext, meta: CommandMeta): Promise<Result<RescanResult>> {
  const started = ctx.clock.now();
  const t0 = performance.now();
  const version = await rulesVersion(ctx.db);
  const { scanned, findings } = await scanPublished(ctx, started);
  const result: RescanResult = { runAt: started.toISOString(), rulesVersion: version, scanned, findings, durationMs: Math.round(performance.now() - t0) };
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const value = JSON.stringify(result);
    const at = now.toISOString();
    await writeSetting(trx, PII_RESCAN_KEY, value, at);
    // Counts only: the audit log never holds the values (nor titles that might).
    await audit({
      unitCode: null,
      action: 'publishing.pii_rescan',
      entityType: 'app_setting',
      entityId: PII_RESCAN_KEY,
      after: { scanned, records: findings.length, hits: findings.reduce((n, f) => n + f.count, 0), rulesVersion: version },
    });
    return ok(result);
  });
}

export interface RescanView {
  last: RescanResult | null;
  /** The county's rules changed after the last run (or there was none): run it again. */
  rulesChanged: boolean;
  rulesUpdatedAt: string | null;
}

/** The stored result of the last run. Reads only. */
export async function lastPiiRescan(db: Executor): Promise<RescanView> {
  const row = await readSetting(db, PII_RESCAN_KEY);
  const last = row ? (JSON.parse(row.value_json) as RescanResult) : null;
  const version = await rulesVersion(db);
  return { last, rulesChanged: !last || last.rulesVersion !== version, rulesUpdatedAt: version };
}
