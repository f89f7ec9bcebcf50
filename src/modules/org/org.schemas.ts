/**
 * TypeBox schemas of the account API (the signed-in user, the user list and a user's role grants), shared by the
 * routes and (type-only) the admin SPA. Pure: imports nothing but TypeBox.
 */
import { Type, type Static } from 'typebox';

/** One role grant of a user, with the role's and the unit's names. */
export const RoleGrantSchema = Type.Object({
  id: Type.Optional(Type.String()),
  role: Type.String(),
  roleLabel: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
});
export type RoleGrantView = Static<typeof RoleGrantSchema>;

/** A user as every account route answers it (never the password hash). */
export const UserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  disabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(RoleGrantSchema),
});
export type UserView = Static<typeof UserSchema>;
