/**
 * What another module may say about an interaction case it links to (policies: the 回应 that answers a question or
 * complaint): its number, kind, the units that handled it and its public address when 选登. Never the writer's
 * words or contact. Reads only.
 */
import type { Executor } from '../../platform/db/database.ts';
import { findCase, findCaseByNo } from './interaction.repository.ts';
import { CASE_KIND_TEXT } from './interaction.types.ts';
import type { InteractionCaseRef } from '../../platform/provided-figures.ts';

export type { InteractionCaseRef } from '../../platform/provided-figures.ts';

/** The case with this id or 编号 (e.g. 互2026-00012), or undefined. */
export async function interactionCaseRef(db: Executor, ref: string): Promise<InteractionCaseRef | undefined> {
  const c = (await findCase(db, ref)) ?? (await findCaseByNo(db, ref));
  if (!c) return undefined;
  return {
    id: c.id,
    caseNo: c.case_no,
    kind: c.kind,
    kindText: CASE_KIND_TEXT[c.kind] ?? c.kind,
    unitCodes: [...new Set([c.unit_code, c.origin_unit_code, c.answered_unit_code].filter((x): x is string => !!x))],
    href: c.published === 1 ? `/interaction/cases/${encodeURIComponent(c.id)}` : null,
  };
}
