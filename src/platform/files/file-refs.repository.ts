/**
 * Which stored files (platform/files) rows still reference: the columns each module declares on its manifest
 * (`storedFiles`) hold sha256 names. Read by the daily sweep (what may go) and the backup (what to copy).
 */
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

/** A column holding the sha256 of a stored file (declared by the owning module in its manifest). */
export interface StoredFileRef {
  table: string;
  column: string;
}

/** Every sha256 that some declared column references, distinct and sorted (the backup copies exactly these). */
export async function allReferencedShas(db: Executor, refs: readonly StoredFileRef[]): Promise<string[]> {
  const all = new Set<string>();
  for (const ref of refs) {
    const rows = await sql<{
      sha: string | null;
    }>`select distinct ${sql.ref(ref.column)} as sha from ${sql.table(ref.table)} where ${sql.ref(ref.column)} is not null`.execute(db);
    for (const r of rows.rows) if (r.sha) all.add(r.sha);
  }
  return [...all].filter((s) => /^[0-9a-f]{64}$/.test(s)).sort();
}

/** The shas among `shas` that some declared column references. */
export async function referencedShas(db: Executor, refs: readonly StoredFileRef[], shas: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const ref of refs) {
    for (let i = 0; i < shas.length; i += 500) {
      const chunk = shas.slice(i, i + 500);
      const rows = await sql<{
        sha: string;
      }>`select distinct ${sql.ref(ref.column)} as sha from ${sql.table(ref.table)} where ${sql.ref(ref.column)} in (${sql.join(chunk)})`.execute(db);
      for (const r of rows.rows) found.add(r.sha);
    }
  }
  return found;
}
