/**
 * The county the obligation and compliance benchmarks share: the Siyang tree plus generated villages
 * (is_demo, source 'bench') under the towns up to `targetUnits`, busy finance on half of the villages,
 * and 2 recorded events (2026-02-10, 2026-09-30) per unit per event-triggered item applicable to it.
 */
import crypto from 'node:crypto';
import type { Db } from '../../src/platform/db/database.ts';
import { levelOf, seedSiyangOrg } from '../../src/modules/org/index.ts';

export async function seedObligationCounty(db: Db, now: Date, targetUnits: number) {
  await seedSiyangOrg(db, now);
  const towns = await db.selectFrom('org_units').selectAll().where('kind', 'in', ['town', 'township', 'street']).orderBy('code').execute();
  let units = await db.selectFrom('org_units').selectAll().where('active', '=', 1).execute();
  for (let i = 0; units.length + i < targetUnits; i++) {
    const t = towns[i % towns.length];
    const code = `${t.code}-bench${i}`;
    await db
      .insertInto('org_units')
      .values({
        code,
        division_code: null,
        name: `基准测试村${i}`,
        kind: 'village',
        parent_code: t.code,
        path: `${t.path}${code}/`,
        depth: t.depth + 1,
        address: null,
        postal_code: null,
        phone: null,
        email: null,
        office_hours: null,
        active: 1,
        established_on: null,
        abolished_on: null,
        is_demo: 1,
        source: 'bench',
        note: null,
        sort_order: 1000 + i,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
  }
  units = await db.selectFrom('org_units').selectAll().where('active', '=', 1).execute();

  const items = await db.selectFrom('catalog_items').selectAll().execute();
  let vi = 0;
  for (const u of units) {
    const level = levelOf(u.kind);
    if (level === 'village' && vi++ % 2 === 0)
      await db.insertInto('unit_catalog_settings').values({ unit_code: u.code, busy_finance: 1, updated_at: now.toISOString(), updated_by: 'bench' }).execute();
    const catalog = level === 'village' ? 'village' : 'government';
    const triggered = items.filter(
      (i) =>
        (catalog === 'village') === i.domain_code.startsWith('v-') &&
        (JSON.parse(i.levels_json) as string[]).includes(level) &&
        JSON.parse(i.time_rule_json).kind !== 'recurring',
    );
    for (const it of triggered) {
      for (const day of ['2026-02-10', '2026-09-30']) {
        await db
          .insertInto('catalog_events')
          .values({
            id: crypto.randomUUID(),
            unit_code: u.code,
            item_key: it.item_key,
            item_id: it.id,
            occurred_on: day,
            title: `${it.level2} ${day}`,
            created_at: now.toISOString(),
            created_by: 'bench',
          })
          .execute();
      }
    }
  }
  return { units, items };
}
