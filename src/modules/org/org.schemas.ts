/**
 * TypeBox schemas of the org and account API (a unit and its detail, the role list, the signed-in user, the user list
 * and a user's role grants), shared by the routes and (type-only) the admin SPA. Pure: imports TypeBox and plain data
 * (the unit kinds of org.kinds.ts, the role ids of platform/auth/roles.ts).
 */
import { Type, type Static } from 'typebox';
import { ROLE_IDS } from '../../platform/auth/roles.ts';
import { UNIT_KIND_IDS } from './org.kinds.ts';

const Contact = Type.Object({
  address: Type.Union([Type.String(), Type.Null()]),
  postalCode: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  officeHours: Type.Union([Type.String(), Type.Null()]),
});

export const OrgUnitSchema = Type.Object({
  code: Type.String({ description: '稳定的单位编码；有官方区划代码的与区划代码相同' }),
  divisionCode: Type.Union([Type.String(), Type.Null()], { description: '统计用区划代码；没有官方代码时为 null' }),
  name: Type.String(),
  kind: Type.String({ enum: UNIT_KIND_IDS }),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  depth: Type.Integer(),
  active: Type.Boolean(),
  abolishedOn: Type.Union([Type.String(), Type.Null()]),
  establishedOn: Type.Union([Type.String(), Type.Null()]),
  isDemo: Type.Boolean({ description: '名称未经核实的演示单位' }),
  contact: Contact,
  source: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  childCount: Type.Optional(Type.Integer()),
});

/** GET /api/v1/org-units/:code: the unit, its chain of parents and its children. */
export const UnitDetailSchema = Type.Object({
  unit: OrgUnitSchema,
  ancestors: Type.Array(OrgUnitSchema),
  children: Type.Array(OrgUnitSchema),
  kindLabel: Type.String(),
});
export type UnitDetailView = Static<typeof UnitDetailSchema>;

/** GET /api/v1/roles: every role id with its Chinese label. */
export const RoleListSchema = Type.Object({ items: Type.Array(Type.Object({ id: Type.String({ enum: [...ROLE_IDS] }), label: Type.String() })) });
export type RoleListView = Static<typeof RoleListSchema>;

/** GET /api/v1/tokens: the signed-in user's personal access tokens (never the secret). */
export const TokenListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      prefix: Type.String(),
      createdAt: Type.String(),
      lastUsedAt: Type.Union([Type.String(), Type.Null()]),
      revokedAt: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
export type TokenListView = Static<typeof TokenListSchema>;
/** POST /api/v1/tokens: the new token, whose secret is shown this once. */
export const NewTokenSchema = Type.Object({ id: Type.String(), token: Type.String(), prefix: Type.String() });
export type NewTokenView = Static<typeof NewTokenSchema>;

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

/** POST /api/v1/auth/login: the body (user name and password). */
export const LoginBodySchema = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 60 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;
/** POST /api/v1/auth/login: the signed-in user and the session's CSRF token. */
export const LoginAnswerSchema = Type.Object({ user: UserSchema, csrfToken: Type.String() });
export type LoginAnswer = Static<typeof LoginAnswerSchema>;

/** GET /api/v1/me: the signed-in user and the request's CSRF token, or null. */
export const MeSchema = Type.Object({ user: UserSchema, csrfToken: Type.Union([Type.String(), Type.Null()]) });
export type MeView = Static<typeof MeSchema>;

/** POST /api/v1/users: the new user and, when no password was given, the generated initial one (shown this once). */
export const NewUserSchema = Type.Object({ user: UserSchema, initialPassword: Type.Union([Type.String(), Type.Null()]) });
export type NewUserView = Static<typeof NewUserSchema>;

/** POST /api/v1/users/:id/reset-password: the one-time temporary password. */
export const TemporaryPasswordSchema = Type.Object({ temporaryPassword: Type.String() });
export type TemporaryPasswordView = Static<typeof TemporaryPasswordSchema>;
