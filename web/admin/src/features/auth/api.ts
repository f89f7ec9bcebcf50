/** API types of this feature, taken type-only from the server's schemas (src/modules/org/org.schemas.ts). */
import type { LoginAnswer, LoginBody, MeView, RoleGrantView as RoleGrant, UserView as User } from '../../../../../src/modules/org/org.schemas.ts';

export type { LoginAnswer, LoginBody, MeView, RoleGrant, User };

export function isAdmin(user: User | null): boolean {
  return !!user?.roles.some((r) => r.role === 'county_admin');
}
