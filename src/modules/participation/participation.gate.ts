/**
 * Every public output of this module passes the one personal-data gate of publishing (scanner + masks + the
 * county's rules): comments when they are published, and every text shown on a public page, API or export when it
 * is shown (masking is idempotent, so a text masked at publication stays the same).
 */
import { maskAll, piiRules, refreshPiiRules, scanText, type PiiHit } from '../publishing/index.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { AppContext } from '../../platform/context.ts';
import { bumpPageCacheVersion, notePublicChange } from '../../platform/views/page-cache.ts';

export async function loadGate(db: Executor): Promise<void> {
  await refreshPiiRules(db);
}

export function gate(text: string, today: string): string {
  return maskAll(text, piiRules(), { today });
}

export function gateOrNull(text: string | null, today: string): string | null {
  return text === null ? null : gate(text, today);
}

/** What the gate finds (kinds and masked values only, never the original digits). */
export function findings(text: string, today: string): { kind: string; label: string; masked: string }[] {
  return scanText(text, piiRules(), { today }).map((h: PiiHit) => ({ kind: h.kind, label: h.label, masked: h.masked }));
}

/** A change the public sees (a page of this module, a unit's portal page): cached pages are stale once it commits. */
export async function publicChanged(ctx: AppContext, trx: Executor, now: Date): Promise<void> {
  await bumpPageCacheVersion(trx, now);
  notePublicChange(ctx);
}
