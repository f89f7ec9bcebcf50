/**
 * Reads of the 公众参与事项目录: the staff view (the working list of the units in the actor's subtree, each item with
 * the consultation that took it up, or flagged when its planned time has passed without one) and the public view
 * (each unit's newest published version, every text through the personal-data gate). Reads never write.
 */
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { scopeRoots, type Actor } from '../../platform/auth/roles.ts';
import { ok } from '../../platform/result.ts';
import { getCalendar } from '../calendar/index.ts';
import * as repo from './participation.repository.ts';
import { gate, loadGate } from './participation.gate.ts';
import { unitFor } from './participation.policy.ts';
import { PARTICIPATION_METHODS, PARTICIPATION_RULES } from './participation.rules.ts';
import { publishedIds, snapshotOf, type ItemSnapshot } from './item.commands.ts';

const methodLabel = (code: string) => PARTICIPATION_METHODS.find((m) => m.code === code)?.label ?? code;

/** The day after which an item with no consultation is overdue (planned day + the county's grace in working days). */
async function overdueAfter(ctx: AppContext): Promise<(plannedOn: string) => string> {
  const calendar = await getCalendar(ctx);
  return (plannedOn) =>
    PARTICIPATION_RULES.itemGraceWorkingDays ? calendar.addWorkingDays(plannedOn, PARTICIPATION_RULES.itemGraceWorkingDays).date : plannedOn;
}

export async function staffItemList(ctx: AppContext, actor: Actor, unitCode?: string) {
  if (unitCode) {
    const unit = await unitFor(ctx.db, actor, unitCode, 'read');
    if (!unit.ok) return unit;
  }
  const roots = scopeRoots(actor);
  const rows = roots.length ? (await repo.listItemsInScope(ctx.db, roots)).filter((r) => !unitCode || r.unit_code === unitCode) : [];
  const consulted = await repo.consultedItemIds(ctx.db);
  const graceEnd = await overdueAfter(ctx);
  const today = chinaDate(ctx.clock.now());
  const units = [...new Set(rows.map((r) => r.unit_code))];
  const lists = await Promise.all(
    units.map(async (code) => {
      const versions = await repo.listItemVersions(ctx.db, code);
      const own = rows.filter((r) => r.unit_code === code);
      const draft = JSON.stringify(snapshotOf(own, publishedIds(versions)));
      const latest = versions[0];
      return {
        unitCode: code,
        unitName: own[0]!.unit_name,
        version: latest?.version ?? null,
        publishedAt: latest?.published_at ?? null,
        unpublishedChanges: !latest || latest.items_json !== draft,
      };
    }),
  );
  return ok({
    items: rows.map((r) => {
      const consultedOn = consulted.get(r.id) ?? null;
      return {
        id: r.id,
        unitCode: r.unit_code,
        unitName: r.unit_name,
        name: r.name,
        reason: r.reason,
        methods: JSON.parse(r.methods_json) as string[],
        methodsText: (JSON.parse(r.methods_json) as string[]).map(methodLabel).join('、'),
        plannedOn: r.planned_on,
        withdrawnAt: r.withdrawn_at,
        withdrawnReason: r.withdrawn_reason,
        consultedOn,
        overdue: !r.withdrawn_at && !consultedOn && today > graceEnd(r.planned_on),
        isDemo: r.is_demo === 1,
      };
    }),
    lists,
  });
}

export async function staffItemVersions(ctx: AppContext, actor: Actor, unitCode: string) {
  const unit = await unitFor(ctx.db, actor, unitCode, 'read');
  if (!unit.ok) return unit;
  const versions = await repo.listItemVersions(ctx.db, unit.value.code);
  return ok({
    unitCode: unit.value.code,
    unitName: unit.value.name,
    versions: versions.map((v) => ({ version: v.version, note: v.note, publishedAt: v.published_at, publishedBy: v.published_by, items: present(v) })),
  });
}

function present(v: repo.ItemVersionRow) {
  return (JSON.parse(v.items_json) as ItemSnapshot[]).map((i) => ({ ...i, methodsText: i.methods.map(methodLabel).join('、') }));
}

export interface PublicItemList {
  unitCode: string;
  unitName: string;
  version: number;
  publishedOn: string;
  note: string | null;
  items: {
    id: string;
    name: string;
    reason: string;
    methodsText: string;
    plannedOn: string;
    withdrawnReason: string | null;
    isDemo: boolean;
    consultation: { id: string; startOn: string } | null;
  }[];
}

/** Each unit's newest published list (optionally one unit's), through the personal-data gate. */
export async function publicItemLists(ctx: AppContext, unitCode?: string): Promise<PublicItemList[]> {
  await loadGate(ctx.db);
  const today = chinaDate(ctx.clock.now());
  const lists = (await repo.latestItemVersionsAll(ctx.db)).filter((v) => !unitCode || v.unit_code === unitCode);
  const consultations = await repo.consultationsForItems(ctx.db);
  return lists.map((v) => ({
    unitCode: v.unit_code,
    unitName: v.unit_name,
    version: v.version,
    publishedOn: chinaDate(new Date(v.published_at)),
    note: v.note === null ? null : gate(v.note, today),
    items: present(v).map((i) => ({
      id: i.id,
      name: gate(i.name, today),
      reason: gate(i.reason, today),
      methodsText: i.methodsText,
      plannedOn: i.plannedOn,
      withdrawnReason: i.withdrawnReason === null ? null : gate(i.withdrawnReason, today),
      isDemo: i.isDemo,
      consultation: consultations.get(i.id) ?? null,
    })),
  }));
}
