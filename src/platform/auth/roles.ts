/** Role ids are part of the public API; labels are what users read. */
export const ROLES = {
  county_admin: { label: '县级管理员（县政府办）' },
  unit_officer: { label: '单位经办人' },
  unit_reviewer: { label: '单位审核人（保密审查）' },
  village_clerk: { label: '村（居）务公开经办人' },
  /** 村务监督委员会成员 */
  village_supervisor: { label: '村务监督委员会成员' },
  archivist: { label: '档案管理员' },
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_IDS = Object.keys(ROLES) as Role[];

export function isRole(value: string): value is Role {
  return Object.prototype.hasOwnProperty.call(ROLES, value);
}

/** One role held over one unit and everything below it. */
export interface RoleGrant {
  role: Role;
  unitCode: string;
  /** Materialized path of the unit, for subtree checks without a query. */
  unitPath: string;
}

/** The authenticated caller, resolved once per request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  grants: RoleGrant[];
  /** How the request authenticated: a browser session (CSRF applies) or a personal API token. */
  via: 'session' | 'token';
}

export function actorHasRole(actor: Actor, role: Role): boolean {
  return actor.grants.some((g) => g.role === role);
}

/** True when `unitPath` is inside the subtree of one of the actor's grants (optionally of given roles). */
export function actorCoversPath(actor: Actor, unitPath: string, roles?: readonly Role[]): boolean {
  return actor.grants.some((g) => (!roles || roles.includes(g.role)) && unitPath.startsWith(g.unitPath));
}

/** The subtree roots the actor may see (deduplicated: a root inside another root is dropped). */
export function scopeRoots(actor: Actor, roles?: readonly Role[]): string[] {
  const paths = [...new Set(actor.grants.filter((g) => !roles || roles.includes(g.role)).map((g) => g.unitPath))].sort();
  return paths.filter((p, i) => !paths.slice(0, i).some((q) => p.startsWith(q)));
}
