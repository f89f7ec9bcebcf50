/**
 * What other modules keep in step with a record's reviewed text without publishing depending on them: e.g. policies
 * keeps a policy document's 文号 in its metadata equal to the record's — when a draft is edited and when a published
 * record is corrected (更正). A follower may refuse a correction that would break its own rules for that record
 * (checked when the correction is proposed and again, inside the approval's transaction, when it is approved), and
 * writes its own rows, with its own audit event, in the approval's transaction (a refusal there undoes the whole
 * approval). Likewise for a draft: `draftEdited` runs in the edit's transaction and may refuse it (nothing of the edit
 * is saved then). Registered by name (a module registers once per app build; the same name replaces the earlier entry).
 */
import type { CommandScope } from '../../platform/command.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import type { Trx } from '../../platform/db/database.ts';
import { ok, type Result } from '../../platform/result.ts';
import type { DisclosureTable as DisclosureRow } from './disclosure.tables.ts';

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
  /** Keeps the follower's rows in step with an edited draft (draft or returned), in the edit's transaction; may refuse it. */
  draftEdited?(scope: Pick<CommandScope, 'trx' | 'now' | 'audit'>, actor: Actor, before: DisclosureRow, after: CorrectedText): Promise<Result<null>>;
}

const followers = new Map<string, CorrectionFollower>();

export function registerCorrectionFollower(f: CorrectionFollower): void {
  followers.set(f.name, f);
}

/** Runs `step` for every follower in registration order; the first refusal, or ok. */
async function firstRefusal(step: (f: CorrectionFollower) => Promise<Result<null>> | undefined): Promise<Result<null>> {
  for (const f of followers.values()) {
    const r = (await step(f)) ?? ok(null);
    if (!r.ok) return r;
  }
  return ok(null);
}

/** The first follower's refusal of `next` for `row`, or ok. */
export async function checkCorrectionFollowers(trx: Trx, row: DisclosureRow, next: CorrectedText): Promise<Result<null>> {
  return firstRefusal((f) => f.check?.(trx, row, next));
}

/** Every follower's update for an approved correction; the first refusal is returned (the caller rolls back). */
export async function followApprovedCorrection(
  scope: Pick<CommandScope, 'trx' | 'now' | 'audit'>,
  actor: Actor,
  row: DisclosureRow,
  c: ApprovedCorrection,
): Promise<Result<null>> {
  return firstRefusal((f) => f.approved?.(scope, actor, row, c));
}

/** Every follower's update for an edited draft whose working text changed; the first refusal is returned (the caller rolls back). */
export async function followDraftEdit(
  scope: Pick<CommandScope, 'trx' | 'now' | 'audit'>,
  actor: Actor,
  before: DisclosureRow,
  after: CorrectedText,
): Promise<Result<null>> {
  if (after.title === before.title && after.doc_no === before.doc_no && after.body_html === before.body_html) return ok(null);
  return firstRefusal((f) => f.draftEdited?.(scope, actor, before, after));
}
