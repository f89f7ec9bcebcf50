import type { ModuleManifest } from '../../platform/module.ts';
import { registerOrgRoutes } from './org.routes.ts';
import { registerAccountRoutes } from './account.routes.ts';
import { generatePassword } from '../../platform/auth/passwords.ts';
import { unwrap } from '../../platform/result.ts';
import { findUserIdByName } from '../../platform/auth/auth.repository.ts';
import { seedSiyangOrg } from './org.seed.ts';
import { createUser } from './commands/account-commands.ts';
import { DEMO_ACCOUNTS } from './seed/siyang.ts';

export {
  actorByUsername,
  findUnit,
  findUnitsByCodes,
  findAncestors,
  findRootUnit,
  listActiveUnits,
  listActiveUnitsOfKinds,
  listChildren,
  listSubtree,
  listUnits,
  setUnitIndexPrefix,
  toUnitView,
  type OrgUnitRow,
  type OrgUnitView,
} from './org.repository.ts';
export { UNIT_KINDS, UNIT_KIND_IDS, LEVEL_LABELS, levelOf, type UnitKind, type UnitLevel } from './org.kinds.ts';
export { seedSiyangOrg } from './org.seed.ts';
export { createUser } from './commands/account-commands.ts';
export { createUnit } from './commands/unit-commands.ts';
export { DEMO_ACCOUNTS } from './seed/siyang.ts';

export const manifest: ModuleManifest = {
  name: 'org',
  register(app, ctx) {
    registerOrgRoutes(app, ctx);
    registerAccountRoutes(app, ctx);
  },
  async seedDemo(ctx, out) {
    const added = await seedSiyangOrg(ctx.db, ctx.clock.now());
    if (added > 0) out.notes.push(`已导入泗阳县组织机构 ${added} 个`);
    for (const a of DEMO_ACCOUNTS) {
      const exists = await findUserIdByName(ctx.db, a.username);
      if (exists) continue;
      const password = generatePassword();
      unwrap(
        await createUser(ctx, { actor: null }, { username: a.username, displayName: a.displayName, password, roles: [{ role: a.role, unitCode: a.unit }] }),
      );
      out.accounts.push({ username: a.username, password, role: a.role, unit: a.unit, displayName: a.displayName });
    }
  },
};
