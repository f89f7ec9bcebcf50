/**
 * A generator of one year of cases for one unit (tests, demo): every decision type, every applicant
 * kind, carry-overs both ways (received last year and decided this year; received this year and
 * decided next year; received last year and still open), cases decided last year (not carried),
 * cases still awaiting receipt confirmation, and cases received next year. It keeps its own tally of
 * what it made, so a test can compare the built table with an independent count.
 * Deterministic for a given seed (no clock, no Math.random).
 */
import { APPLICANT_KINDS, DECISION_TYPES, type ApplicantKind } from '../request.types.ts';
import type { CaseFact } from './report.tables.ts';
import { seededRandom } from '../../../platform/seeded-random.ts';

function dayOf(year: number, dayIndex: number): string {
  const d = new Date(Date.UTC(year, 0, 1 + dayIndex));
  return d.toISOString().slice(0, 10);
}

export interface GeneratedYear {
  cases: CaseFact[];
  /** Independent tally per applicant kind: new, carried in, decided in the year (by decision type), carried out. */
  tally: Record<ApplicantKind, { new: number; carriedIn: number; decided: Record<string, number>; carriedOut: number }>;
}

export function generateYearOfCases(year: number, opts: { seed?: number; perTypeAndKind?: number } = {}): GeneratedYear {
  const rnd = seededRandom(opts.seed ?? 20261129);
  const per = opts.perTypeAndKind ?? 1;
  const cases: CaseFact[] = [];
  const tally = Object.fromEntries(
    APPLICANT_KINDS.map((k) => [k.code, { new: 0, carriedIn: 0, decided: {} as Record<string, number>, carriedOut: 0 }]),
  ) as GeneratedYear['tally'];
  let n = 0;
  const id = () => `gen-${year}-${++n}`;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const decide = (kind: ApplicantKind, type: string) => {
    const t = tally[kind].decided;
    t[type] = (t[type] ?? 0) + 1;
  };

  for (const k of APPLICANT_KINDS) {
    for (const d of DECISION_TYPES) {
      for (let i = 0; i < per; i++) {
        // Received and decided within the year.
        const r = Math.floor(rnd() * 330);
        cases.push({
          id: id(),
          receivedOn: dayOf(year, r),
          applicantKind: k.code,
          decisionType: d.code,
          decidedOn: dayOf(year, r + 1 + Math.floor(rnd() * 28)),
        });
        tally[k.code].new++;
        decide(k.code, d.code);
        // Received last December, decided this January (carried in).
        const lastDec = 334 + Math.floor(rnd() * 30);
        cases.push({
          id: id(),
          receivedOn: dayOf(year - 1, lastDec),
          applicantKind: k.code,
          decisionType: d.code,
          decidedOn: dayOf(year, Math.floor(rnd() * 30)),
        });
        tally[k.code].carriedIn++;
        decide(k.code, d.code);
        // Received this December, decided next January (carried out).
        const dec = 335 + Math.floor(rnd() * 29);
        cases.push({ id: id(), receivedOn: dayOf(year, dec), applicantKind: k.code, decisionType: d.code, decidedOn: dayOf(year + 1, Math.floor(rnd() * 25)) });
        tally[k.code].new++;
        tally[k.code].carriedOut++;
      }
    }
    // Received and decided last year: in no row of this year's table.
    cases.push({ id: id(), receivedOn: dayOf(year - 1, 100), applicantKind: k.code, decisionType: pick(DECISION_TYPES).code, decidedOn: dayOf(year - 1, 120) });
    // Received last year and still open at the end of this year (e.g. a long consultation): carried in and out.
    cases.push({ id: id(), receivedOn: dayOf(year - 1, 360), applicantKind: k.code, decisionType: null, decidedOn: null });
    tally[k.code].carriedIn++;
    tally[k.code].carriedOut++;
    // Received this year, still open.
    cases.push({ id: id(), receivedOn: dayOf(year, 350), applicantKind: k.code, decisionType: null, decidedOn: null });
    tally[k.code].new++;
    tally[k.code].carriedOut++;
    // Online application whose receipt is not yet confirmed (条例第31条): not received, in no row.
    cases.push({ id: id(), receivedOn: null, applicantKind: k.code, decisionType: null, decidedOn: null });
    // Received next year: in no row.
    cases.push({ id: id(), receivedOn: dayOf(year + 1, 5), applicantKind: k.code, decisionType: null, decidedOn: null });
  }
  // Shuffle, so no builder can depend on the order.
  for (let i = cases.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [cases[i], cases[j]] = [cases[j]!, cases[i]!];
  }
  return { cases, tally };
}
