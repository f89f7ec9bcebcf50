/** The one query of the site header and footer (site.ts): the county at the root of the tree. */
import type { Executor } from '../db/database.ts';

export async function findCountyContact(db: Executor) {
  return db
    .selectFrom('org_units')
    .select(['code', 'name', 'address', 'postal_code', 'phone'])
    .where('kind', '=', 'county')
    .where('parent_code', 'is', null)
    .orderBy('code')
    .executeTakeFirst();
}
