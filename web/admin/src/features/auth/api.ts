/** API types of this feature (to be replaced by type-only imports of the server schemas at src/modules/org/org.schemas.ts). */

export interface RoleGrant {
  id?: string;
  role: string;
  roleLabel: string;
  unitCode: string;
  unitName: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  roles: RoleGrant[];
}

export function isAdmin(user: User | null): boolean {
  return !!user?.roles.some((r) => r.role === 'county_admin');
}
