/**
 * 依申请公开按期答复: how many answers fell due in a window and how many were given on time, per unit —
 * the figure the assessment's `request_timeliness` indicator reads (issue 7) and the "information
 * requests answered late" check of the website-inspection rules (domain.md §3).
 *
 * A case counts as due in [from, to] when its answer deadline (`due_on`, kept by the statutory clock)
 * falls in the window and on or before `asOf`, or when it was answered in the window. It is on time
 * when it was answered (`decided_on`) on or before its deadline. A case still open past its deadline
 * counts as due and late. Cases without a deadline (awaiting receipt confirmation or a correction) and
 * cases closed because the applicant did not correct or pay (第30条; 国办函〔2020〕109号) are not the
 * agency's answers and are left out.
 */
import type { Executor } from '../../platform/db/database.ts';
import './request.tables.ts';
import { requestsDueOrAnsweredIn } from './requests.repository.ts';

const APPLICANT_CLOSINGS = ['other.no-correction', 'other.fee-unpaid'];

export interface RequestTimeliness {
  unitCode: string;
  due: number;
  onTime: number;
  late: number;
  /** Registration numbers and ids of late cases (evidence). */
  lateCases: { id: string; regNo: string; dueOn: string; decidedOn: string | null }[];
}

/** Pure rule over one case: null = not counted in the window. */
export function classifyAnswer(
  c: { due_on: string | null; decided_on: string | null; decision_type: string | null },
  from: string,
  to: string,
  asOf: string,
): 'on-time' | 'late' | null {
  if (!c.due_on) return null;
  if (c.decision_type && APPLICANT_CLOSINGS.includes(c.decision_type)) return null;
  const end = asOf < to ? asOf : to;
  if (c.decided_on) {
    const answeredInWindow = c.decided_on >= from && c.decided_on <= end;
    const dueInWindow = c.due_on >= from && c.due_on <= end;
    if (!answeredInWindow && !dueInWindow) return null;
    // Answered after the window closed but due inside it: late as at the window's end.
    if (c.decided_on > end) return c.due_on < end ? 'late' : null;
    return c.decided_on <= c.due_on ? 'on-time' : 'late';
  }
  // Still open: late once the deadline has passed (and it passed inside the window).
  return c.due_on >= from && c.due_on < end ? 'late' : null;
}

/** Per unit in the subtree of `rootPath` (a materialized org path, e.g. `/321323/`). */
export async function requestTimeliness(
  ctx: { db: Executor },
  q: { rootPath: string; from: string; to: string; asOf: string },
): Promise<Map<string, RequestTimeliness>> {
  const rows = await requestsDueOrAnsweredIn(ctx.db, q);
  const out = new Map<string, RequestTimeliness>();
  for (const r of rows) {
    const status = classifyAnswer(r, q.from, q.to, q.asOf);
    if (!status) continue;
    const t = out.get(r.unit_code) ?? { unitCode: r.unit_code, due: 0, onTime: 0, late: 0, lateCases: [] };
    t.due += 1;
    if (status === 'on-time') t.onTime += 1;
    else {
      t.late += 1;
      t.lateCases.push({ id: r.id, regNo: r.reg_no, dueOn: r.due_on!, decidedOn: r.decided_on });
    }
    out.set(r.unit_code, t);
  }
  return out;
}
