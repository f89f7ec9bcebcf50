import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { VocabularyEntry } from './analyze.ts';

// The vocabulary kept at index time (table search_vocabulary, both databases): every jieba word
// of the indexed titles and every indexed unit name, with its pinyin, initials and the number of
// documents it occurs in. "Did you mean" (底保 → 低保, dbmd → 低保名单) and the type-ahead's unit
// names read it through its indexes instead of segmenting titles or scanning documents.

type Delta = VocabularyEntry & { docs: number };

/** Counts vocabulary changes of a batch; `flush` writes them in a few statements. */
export class VocabularyDeltas {
  readonly #deltas = new Map<string, Delta>();

  add(entries: VocabularyEntry[], by: 1 | -1): void {
    const seen = new Set<string>();
    for (const e of entries) {
      const key = `${e.kind}\u0001${e.word}`;
      // A word twice in one title is one document.
      if (seen.has(key)) continue;
      seen.add(key);
      const d = this.#deltas.get(key);
      if (d) d.docs += by;
      else this.#deltas.set(key, { ...e, docs: by });
    }
  }

  async flush(trx: Executor): Promise<void> {
    const all = [...this.#deltas.values()].filter((d) => d.docs !== 0);
    this.#deltas.clear();
    const up = all.filter((d) => d.docs > 0);
    for (let i = 0; i < up.length; i += 200) {
      await trx
        .insertInto('search_vocabulary')
        .values(up.slice(i, i + 200).map((d) => ({ kind: d.kind, word: d.word, pinyin: d.pinyin, initials: d.initials, docs: d.docs })))
        .onConflict((oc) => oc.columns(['kind', 'word']).doUpdateSet({ docs: sql<number>`search_vocabulary.docs + excluded.docs` }))
        .execute();
    }
    for (const d of all.filter((x) => x.docs < 0)) {
      await trx
        .updateTable('search_vocabulary')
        .set({ docs: sql<number>`docs + ${d.docs}` })
        .where('kind', '=', d.kind)
        .where('word', '=', d.word)
        .execute();
    }
    if (all.some((d) => d.docs < 0)) await trx.deleteFrom('search_vocabulary').where('docs', '<=', 0).execute();
  }
}

export interface VocabularyWord {
  word: string;
  pinyin: string;
  initials: string;
  docs: number;
}

/** Words spelled exactly by this pinyin or these initials (did you mean). */
export async function wordsSpelled(db: Executor, key: string, limit = 6): Promise<VocabularyWord[]> {
  return db
    .selectFrom('search_vocabulary')
    .select(['word', 'pinyin', 'initials', 'docs'])
    .where('kind', '=', 'word')
    .where((eb) => eb.or([eb('pinyin', '=', key), eb('initials', '=', key)]))
    .orderBy('docs', 'desc')
    .limit(limit)
    .execute();
}

/** The most frequent words (the near-miss candidates of did-you-mean), read once per public version. */
export async function commonWords(db: Executor, limit: number): Promise<VocabularyWord[]> {
  return db
    .selectFrom('search_vocabulary')
    .select(['word', 'pinyin', 'initials', 'docs'])
    .where('kind', '=', 'word')
    .orderBy('docs', 'desc')
    .limit(limit)
    .execute();
}

/** Indexed unit names (a few hundred in a county), read once per public version. */
export async function indexedUnits(db: Executor): Promise<VocabularyWord[]> {
  return db.selectFrom('search_vocabulary').select(['word', 'pinyin', 'initials', 'docs']).where('kind', '=', 'unit').orderBy('word').execute();
}

/** Unit names starting with a Chinese prefix, or whose pinyin or initials start with letters: index ranges, no LIKE. */
export async function unitsStartingWith(db: Executor, prefix: string, han: boolean, limit: number): Promise<string[]> {
  // '\uffff' sorts after every character a unit name can continue with; '{' after every letter.
  const end = han ? `${prefix}\uffff` : `${prefix}{`;
  let q = db.selectFrom('search_vocabulary').select('word').where('kind', '=', 'unit');
  q = han
    ? q.where('word', '>=', prefix).where('word', '<', end)
    : q.where((eb) => eb.or([eb.and([eb('pinyin', '>=', prefix), eb('pinyin', '<', end)]), eb.and([eb('initials', '>=', prefix), eb('initials', '<', end)])]));
  const rows = await q.orderBy('word').limit(limit).execute();
  return rows.map((r) => r.word);
}

/** Title words spelled by any of these pinyin or initials keys, per key, most frequent first (one indexed read). */
export async function indexedSpellings(db: Executor, keys: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!keys.length) return out;
  const rows = await db
    .selectFrom('search_vocabulary')
    .select(['word', 'pinyin', 'initials'])
    .where('kind', '=', 'word')
    .where((eb) => eb.or([eb('pinyin', 'in', keys), eb('initials', 'in', keys)]))
    .orderBy('docs', 'desc')
    .limit(500)
    .execute();
  const wanted = new Set(keys);
  for (const r of rows) {
    for (const k of new Set([r.pinyin, r.initials])) {
      if (!wanted.has(k)) continue;
      const list = out.get(k) ?? [];
      if (list.length < 4) list.push(r.word);
      out.set(k, list);
    }
  }
  return out;
}
