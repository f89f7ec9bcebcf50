/**
 * Read models of the 意见箱: each box with its last opening and whether it is overdue for one (not opened for
 * longer than the county's period — compliance shows these), a box with its openings and slips entered, and a unit's
 * boxes as the public sees them on its portal page (every text through the personal-data gate).
 */
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { addCalendarDays } from '../calendar/index.ts';
import { noticeBoardRef } from '../archives/index.ts';
import { maskAll, piiRules } from '../publishing/index.ts';
import { activeBoxesOfUnit, findBox, listBoxes, loadSettings, openingsOf } from './interaction.repository.ts';
import { canHandle, canView, viewRoots } from './interaction.policy.ts';

export interface BoxView {
  id: string;
  unit: { code: string; name: string };
  boardId: string | null;
  /** The 公开栏 it hangs beside (archives' notice board): its name and place; null when none is named or it is gone. */
  board: { id: string; name: string; place: string; active: boolean } | null;
  location: string;
  active: boolean;
  installedOn: string;
  lastOpenedOn: string | null;
  openings: number;
  /** Not opened for longer than the county's period (since the last opening, or since it was set up). */
  overdue: boolean;
  overdueSince: string | null;
  isDemo: boolean;
}

export function boxOverdue(lastOpenedOn: string | null, installedOn: string, asOf: string, maxDays: number): { overdue: boolean; since: string } {
  const since = addCalendarDays(lastOpenedOn ?? installedOn, maxDays);
  return { overdue: since < asOf, since };
}

export async function boxesFor(ctx: AppContext, actor: Actor, opts: { asOf?: string; roots?: string[] } = {}): Promise<BoxView[]> {
  const asOf = opts.asOf ?? chinaDate(ctx.clock.now());
  const settings = await loadSettings(ctx.db);
  const rows = await listBoxes(ctx.db, opts.roots ?? viewRoots(actor));
  const boards = new Map<string, BoxView['board']>();
  for (const b of rows)
    if (b.board_id && !boards.has(b.board_id)) {
      const ref = await noticeBoardRef(ctx.db, b.board_id);
      boards.set(b.board_id, ref ? { id: ref.id, name: ref.name, place: ref.place, active: ref.active } : null);
    }
  return rows.map((b) => {
    const o = boxOverdue(b.last_opened_on, b.installed_on, asOf, settings.boxOpeningMaxDays);
    return {
      id: b.id,
      unit: { code: b.unit_code, name: b.unit_name },
      boardId: b.board_id,
      board: b.board_id ? (boards.get(b.board_id) ?? null) : null,
      location: b.location,
      active: b.active === 1,
      installedOn: b.installed_on,
      lastOpenedOn: b.last_opened_on,
      openings: b.openings,
      overdue: b.active === 1 && o.overdue,
      overdueSince: b.active === 1 && o.overdue ? o.since : null,
      isDemo: b.is_demo === 1,
    };
  });
}

export async function boxDetail(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<
  Result<
    BoxView & {
      canRecord: boolean;
      openingsList: { id: string; openedOn: string; witnesses: string[]; slipCount: number; entered: number; note: string | null }[];
    }
  >
> {
  const b = await findBox(ctx.db, id);
  if (!b || !canView(actor, [b.unit_path])) return fail(404, 'BOX_NOT_FOUND', '没有找到这个意见箱');
  const view = (await boxesFor(ctx, actor, { roots: [b.unit_path] })).find((x) => x.id === id)!;
  const openings = await openingsOf(ctx.db, id);
  return ok({
    ...view,
    canRecord: canHandle(actor, { kind: b.unit_kind, path: b.unit_path }),
    openingsList: openings.map((o) => ({
      id: o.id,
      openedOn: o.opened_on,
      witnesses: [o.witness1, o.witness2],
      slipCount: o.slip_count,
      entered: o.entered,
      note: o.note,
    })),
  });
}

/** A unit's box in use as its portal page shows it: where it is, the 公开栏 beside it, when it is opened. */
export interface PublicBoxView {
  id: string;
  location: string;
  /** The 公开栏 it hangs beside (its name and place), when one is named and still in use. */
  board: { name: string; place: string } | null;
  installedOn: string;
  lastOpenedOn: string | null;
  /** The county's period: the box is opened at least once every this many days. */
  openingEveryDays: number;
  /** The date by which the next opening is due (from the last opening, or from when it was set up). */
  nextOpeningBy: string;
  isDemo: boolean;
}

/** The boxes in use of one unit (not its sub-units'), for the public. Reads only; texts masked by the gate. */
export async function publicBoxesOf(ctx: AppContext, unit: { code: string; path: string }): Promise<PublicBoxView[]> {
  const today = chinaDate(ctx.clock.now());
  const settings = await loadSettings(ctx.db);
  const rows = await activeBoxesOfUnit(ctx.db, unit.code);
  const mask = (t: string) => maskAll(t, piiRules(), { today });
  const out: PublicBoxView[] = [];
  for (const b of rows) {
    const ref = b.board_id ? await noticeBoardRef(ctx.db, b.board_id) : undefined;
    out.push({
      id: b.id,
      location: mask(b.location),
      board: ref && ref.active ? { name: mask(ref.name), place: mask(ref.place) } : null,
      installedOn: b.installed_on,
      lastOpenedOn: b.last_opened_on,
      openingEveryDays: settings.boxOpeningMaxDays,
      nextOpeningBy: boxOverdue(b.last_opened_on, b.installed_on, today, settings.boxOpeningMaxDays).since,
      isDemo: b.is_demo === 1,
    });
  }
  return out;
}
