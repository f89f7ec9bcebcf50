import crypto from 'node:crypto';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { runCommand, type CommandMeta } from '../command.ts';
import { fail, ok, type Result } from '../result.ts';
import { normalizeText, runsOf } from './segment.ts';
import { bumpPageCacheVersion, notePublicChange } from '../views/page-cache.ts';
import { allSynonymRows, deleteSynonymRow, findSynonymRow, insertSynonymRow, updateSynonymRow } from './synonyms.repository.ts';

// Admin-editable synonym groups (official ↔ everyday wording). Seeded by the search migration;
// read on every uncached query (a small table). An edit bumps the portal's public version stamp
// in its transaction, which empties the search result cache (search-cache.ts): it takes effect at
// once in this process and within a second in others.

export interface SynonymGroup {
  id: string;
  terms: string[];
  note: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

export interface SynonymInput {
  terms: string[];
  note?: string | null;
}

export const MAX_TERMS_PER_GROUP = 20;
export const MAX_TERM_CHARS = 20;
const MAX_NOTE_CHARS = 200;

function toGroup(r: { id: string; terms_json: string; note: string | null; updated_at: string; updated_by: string | null }): SynonymGroup {
  return { id: r.id, terms: JSON.parse(r.terms_json) as string[], note: r.note, updatedAt: r.updated_at, updatedBy: r.updated_by };
}

export async function listSynonymGroups(db: Executor): Promise<SynonymGroup[]> {
  const rows = await allSynonymRows(db);
  return rows.map(toGroup);
}

/** Normalized term lists for query expansion. */
export async function loadSynonymTerms(db: Executor): Promise<string[][]> {
  return (await listSynonymGroups(db)).map((g) => g.terms.map(normalizeText));
}

/** Validates and normalizes a group; messages are for the administrator, in Chinese. */
export function validateSynonymInput(input: SynonymInput): Result<{ terms: string[]; note: string | null }> {
  if (!Array.isArray(input.terms)) return fail(400, 'SYNONYM_INVALID', '同义词组应为词语列表');
  const terms: string[] = [];
  for (const raw of input.terms) {
    if (typeof raw !== 'string') return fail(400, 'SYNONYM_INVALID', '同义词组中的每一项都应是文字');
    const t = normalizeText(raw).trim().replace(/\s+/g, ' ');
    if (!t) continue;
    if (Array.from(t).length > MAX_TERM_CHARS) return fail(400, 'SYNONYM_TERM_TOO_LONG', `“${raw.trim().slice(0, 30)}”超过 ${MAX_TERM_CHARS} 个字，请缩短`);
    if (runsOf(t).length === 0) return fail(400, 'SYNONYM_TERM_INVALID', `“${raw.trim()}”不含可搜索的文字（汉字、字母或数字）`);
    if (!terms.includes(t)) terms.push(t);
  }
  if (terms.length < 2) return fail(400, 'SYNONYM_TOO_FEW', '同义词组至少需要两个不同的词');
  if (terms.length > MAX_TERMS_PER_GROUP) return fail(400, 'SYNONYM_TOO_MANY', `同义词组最多 ${MAX_TERMS_PER_GROUP} 个词，请拆分`);
  const note = input.note?.trim() || null;
  if (note && note.length > MAX_NOTE_CHARS) return fail(400, 'SYNONYM_NOTE_TOO_LONG', `说明不能超过 ${MAX_NOTE_CHARS} 个字`);
  return ok({ terms, note });
}

/** Synonyms change search results: cached results must go (search-cache.ts). */
async function publicChange(ctx: AppContext, trx: Executor, now: Date): Promise<void> {
  await bumpPageCacheVersion(trx, now);
  notePublicChange(ctx);
}

export async function addSynonymGroup(ctx: AppContext, meta: CommandMeta, input: SynonymInput): Promise<Result<SynonymGroup>> {
  const v = validateSynonymInput(input);
  if (!v.ok) return v;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const row = {
      id: crypto.randomUUID(),
      terms_json: JSON.stringify(v.value.terms),
      note: v.value.note,
      updated_at: now.toISOString(),
      updated_by: meta.actor?.username ?? null,
    };
    await insertSynonymRow(trx, row);
    await publicChange(ctx, trx, now);
    await audit({ unitCode: null, action: 'search.synonym.create', entityType: 'search_synonym', entityId: row.id, after: { terms: v.value.terms } });
    return ok(toGroup(row));
  });
}

export async function updateSynonymGroup(ctx: AppContext, meta: CommandMeta, id: string, input: SynonymInput): Promise<Result<SynonymGroup>> {
  const v = validateSynonymInput(input);
  if (!v.ok) return v;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const before = await findSynonymRow(trx, id);
    if (!before) return fail(404, 'SYNONYM_NOT_FOUND', '同义词组不存在或已被删除');
    const row = { id, terms_json: JSON.stringify(v.value.terms), note: v.value.note, updated_at: now.toISOString(), updated_by: meta.actor?.username ?? null };
    await updateSynonymRow(trx, id, row);
    await publicChange(ctx, trx, now);
    await audit({
      unitCode: null,
      action: 'search.synonym.update',
      entityType: 'search_synonym',
      entityId: id,
      before: { terms: JSON.parse(before.terms_json) },
      after: { terms: v.value.terms },
    });
    return ok(toGroup(row));
  });
}

export async function deleteSynonymGroup(ctx: AppContext, meta: CommandMeta, id: string): Promise<Result<{ id: string }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const before = await findSynonymRow(trx, id);
    if (!before) return fail(404, 'SYNONYM_NOT_FOUND', '同义词组不存在或已被删除');
    await deleteSynonymRow(trx, id);
    await publicChange(ctx, trx, now);
    await audit({
      unitCode: null,
      action: 'search.synonym.delete',
      entityType: 'search_synonym',
      entityId: id,
      before: { terms: JSON.parse(before.terms_json) },
    });
    return ok({ id });
  });
}
