/**
 * What other modules keep in step with a correction (更正) of a published record without publishing depending on
 * them: e.g. policies keeps a policy document's 文号 in its metadata equal to the corrected record's. A follower may
 * refuse a correction that would break its own rules for that record (checked when the correction is proposed and
 * again, inside the approval's transaction, when it is approved), and writes its own rows, with its own audit
 * event, in the approval's transaction (a refusal there undoes the whole approval). Registered by name (a module
 * registers once per app build; the same name replaces the earlier entry).
 */
import type { CommandScope } from '../../platform/command.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import type { Trx } from '../../platform/db/database.ts';
import { ok, type Result } from '../../platform/result.ts';
import type { DisclosureRow } from './disclosure.commands.ts';

/** The record's working text as the correction makes it. */
export interface CorrectedText {
  title: string;
  doc_no: string | null;
  body_html: string;
}

export interface ApprovedCorrection extends CorrectedText {
  correctionId: string;
  /** The public reason of the correction (shown with the new version). */
  reason: string;
  /** The public version the correction became. */
  versionNo: number;
}

export interface CorrectionFollower {
  name: string;
  /** Refuses (4xx, 中文 message) a correction the follower's rules do not allow for this record; reads only. */
  check?(trx: Trx, row: DisclosureRow, next: CorrectedText): Promise<Result<null>>;
  /** Keeps the follower's rows in step once the correction is approved, in the approval's transaction. */
  approved?(scope: Pick<CommandScope, 'trx' | 'now' | 'audit'>, actor: Actor, row: DisclosureRow, c: ApprovedCorrection): Promise<Result<null>>;
}

const followers = new Map<string, CorrectionFollower>();

export function registerCorrectionFollower(f: CorrectionFollower): void {
  followers.set(f.name, f);
}

/** The first follower's refusal of `next` for `row`, or ok. */
export async function checkCorrectionFollowers(trx: Trx, row: DisclosureRow, next: CorrectedText): Promise<Result<null>> {
  for (const f of followers.values()) {
    const r = f.check ? await f.check(trx, row, next) : ok(null);
    if (!r.ok) return r;
  }
  return ok(null);
}

/** Every follower's update for an approved correction; the first refusal is returned (the caller rolls back). */
export async function followApprovedCorrection(
  scope: Pick<CommandScope, 'trx' | 'now' | 'audit'>,
  actor: Actor,
  row: DisclosureRow,
  c: ApprovedCorrection,
): Promise<Result<null>> {
  for (const f of followers.values()) {
    const r = f.approved ? await f.approved(scope, actor, row, c) : ok(null);
    if (!r.ok) return r;
  }
  return ok(null);
}
