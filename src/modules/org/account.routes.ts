import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { requireActor, requireRole } from '../../platform/http/auth-hooks.ts';
import { MANAGERS } from './org.roles.ts';
import { Paging, errors } from '../../platform/http/schemas.ts';
import { fail, unwrap } from '../../platform/result.ts';
import { ROLE_IDS, ROLES } from '../../platform/auth/roles.ts';
import { SESSION_COOKIE, loadGrants } from '../../platform/auth/sessions.ts';
import { findUserId, findUserOrThrow, listUserApiTokens, listUserRoles, searchUsersInScope } from '../../platform/auth/auth.repository.ts';
import { listUnitCodesUnder } from './org.repository.ts';
import { searchAuditEvents, verifyAuditChain } from '../../platform/audit/audit-log.ts';
import { AuditEventPage } from '../../platform/audit/audit.schemas.ts';
import {
  LoginAnswerSchema,
  LoginBodySchema,
  MeSchema,
  NewTokenSchema,
  NewUserSchema,
  RoleListSchema,
  TemporaryPasswordSchema,
  TokenListSchema,
  UserSchema,
  type UserView,
} from './org.schemas.ts';
import {
  assignRole,
  changeOwnPassword,
  createApiToken,
  createUser,
  login,
  logout,
  removeRole,
  resetPassword,
  revokeApiToken,
  setUserDisabled,
} from './commands/account-commands.ts';
import { managerRoots } from './org.policy.ts';

/** The user as the account routes answer it, typed as the schema's static type (a missing field or a wrong type fails the type check). */
async function userView(ctx: AppContext, userId: string): Promise<UserView> {
  const user = await findUserOrThrow(ctx.db, userId);
  const roles = await listUserRoles(ctx.db, userId);
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    disabled: user.disabled === 1,
    mustChangePassword: user.must_change_password === 1,
    lastLoginAt: user.last_login_at,
    roles: roles.map((r) => ({
      id: r.id,
      role: r.role,
      roleLabel: ROLES[r.role as keyof typeof ROLES]?.label ?? r.role,
      unitCode: r.unit_code,
      unitName: r.name,
    })),
  };
}

/** Sign-in requests per minute from one address to one server process before 429 (flood guard, not the throttle). */
export const LOGIN_FLOOD_PER_MINUTE = 120;

export function registerAccountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: ctx.config.secureCookies };

  r.post(
    '/api/v1/auth/login',
    {
      // A flood guard per address and process (a shared office connection signs in many people at 8:30);
      // the real throttling (delays, address limit, alarm) is in the database: platform/auth/login-throttle.ts.
      config: { public: true, rateLimit: { max: LOGIN_FLOOD_PER_MINUTE, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '登录（设置会话 Cookie，返回 CSRF 令牌）',
        body: LoginBodySchema,
        response: { 200: LoginAnswerSchema, ...errors(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const attempt = await login(ctx, { ...request.body, address: request.ip, requestId: request.id });
      if (!attempt.ok && attempt.status === 429) reply.header('retry-after', String((attempt.details as { retryAfterSeconds: number }).retryAfterSeconds));
      const result = unwrap(attempt);
      reply.setCookie(SESSION_COOKIE, result.session.token, { ...cookieOptions, expires: result.session.expiresAt });
      return { user: await userView(ctx, result.userId), csrfToken: result.session.csrfToken };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: '退出登录', response: { 200: Type.Object({ loggedOut: Type.Boolean() }), ...errors(401, 403) } } },
    async (request, reply) => {
      const actor = requireActor(request);
      if (request.sessionToken) unwrap(await logout(ctx, { actor, requestId: request.id }, request.sessionToken));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { loggedOut: true };
    },
  );

  r.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['auth'],
        summary: '当前用户',
        response: { 200: MeSchema, ...errors(401) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return { user: await userView(ctx, actor.userId), csrfToken: request.csrfToken };
    },
  );

  r.post(
    '/api/v1/me/password',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '修改本人密码',
        body: Type.Object(
          { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ changed: Type.Boolean() }), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return unwrap(await changeOwnPassword(ctx, { actor, requestId: request.id }, request.body.currentPassword, request.body.newPassword));
    },
  );

  r.post(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: '创建个人访问令牌（令牌只显示一次）',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 80 }) }, { additionalProperties: false }),
        response: { 201: NewTokenSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply.status(201).send(unwrap(await createApiToken(ctx, { actor, requestId: request.id }, request.body.name)));
    },
  );

  r.get(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: '本人的访问令牌',
        response: { 200: TokenListSchema, ...errors(401) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const rows = await listUserApiTokens(ctx.db, actor.userId);
      return {
        items: rows.map((t) => ({ id: t.id, name: t.name, prefix: t.prefix, createdAt: t.created_at, lastUsedAt: t.last_used_at, revokedAt: t.revoked_at })),
      };
    },
  );

  r.delete(
    '/api/v1/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: '撤销访问令牌',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: Type.Object({ revoked: Type.Boolean() }), ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return unwrap(await revokeApiToken(ctx, { actor, requestId: request.id }, request.params.id));
    },
  );

  r.get(
    '/api/v1/roles',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: '角色列表',
        response: { 200: RoleListSchema },
      },
    },
    async () => ({
      items: ROLE_IDS.map((id) => ({ id, label: ROLES[id].label })),
    }),
  );

  // ---- user administration (county admins, within their subtree) ----

  r.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: '用户列表（县级管理员，仅本级及下级单位的用户）',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 50 })), unit: Type.Optional(Type.String({ maxLength: 64 })), ...Paging }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(UserSchema) }), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const actor = requireRole(request, MANAGERS);
      const roots = managerRoots(actor);
      const { q, unit } = request.query;
      // Users having at least one role inside the manager's subtrees.
      const { total, ids } = await searchUsersInScope(ctx.db, { roots, unit, q, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 });
      return { total, items: await Promise.all(ids.map((id) => userView(ctx, id))) };
    },
  );

  r.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: '新增用户（不填密码则生成随机初始密码，仅返回一次）',
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 40 }),
            displayName: Type.String({ minLength: 1, maxLength: 40 }),
            password: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            phone: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
            email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 120 }), Type.Null()])),
            roles: Type.Array(
              Type.Object({ role: Type.String({ enum: ROLE_IDS }), unitCode: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
              { minItems: 1, maxItems: 20 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: NewUserSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, MANAGERS);
      const created = unwrap(await createUser(ctx, { actor, requestId: request.id }, request.body));
      return reply.status(201).send({ user: await userView(ctx, created.id), initialPassword: created.initialPassword });
    },
  );

  const UserIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

  r.get(
    '/api/v1/users/:id',
    { schema: { tags: ['users'], summary: '用户详情', params: UserIdParams, response: { 200: UserSchema, ...errors(401, 403, 404) } } },
    async (request) => {
      const actor = requireRole(request, MANAGERS);
      const exists = await findUserId(ctx.db, request.params.id);
      const grants = exists ? await loadGrants(ctx.db, request.params.id) : [];
      const roots = managerRoots(actor);
      if (!exists || !grants.every((g) => roots.some((r) => g.unitPath.startsWith(r)))) return unwrap(fail(404, 'USER_NOT_FOUND', '用户不存在'));
      return userView(ctx, request.params.id);
    },
  );

  r.post(
    '/api/v1/users/:id/roles',
    {
      schema: {
        tags: ['users'],
        summary: '分配角色',
        params: UserIdParams,
        body: Type.Object({ role: Type.String({ enum: ROLE_IDS }), unitCode: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
        response: { 201: UserSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, MANAGERS);
      unwrap(await assignRole(ctx, { actor, requestId: request.id }, request.params.id, request.body.role, request.body.unitCode));
      return reply.status(201).send(await userView(ctx, request.params.id));
    },
  );

  r.delete(
    '/api/v1/users/:id/roles/:assignmentId',
    {
      schema: {
        tags: ['users'],
        summary: '移除角色',
        params: Type.Object({ id: Type.String({ maxLength: 64 }), assignmentId: Type.String({ maxLength: 64 }) }),
        response: { 200: UserSchema, ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = requireRole(request, MANAGERS);
      unwrap(await removeRole(ctx, { actor, requestId: request.id }, request.params.id, request.params.assignmentId));
      return userView(ctx, request.params.id);
    },
  );

  r.post(
    '/api/v1/users/:id/disable',
    {
      schema: {
        tags: ['users'],
        summary: '停用账号（同时注销会话、撤销令牌）',
        params: UserIdParams,
        response: { 200: UserSchema, ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = requireRole(request, MANAGERS);
      unwrap(await setUserDisabled(ctx, { actor, requestId: request.id }, request.params.id, true));
      return userView(ctx, request.params.id);
    },
  );

  r.post(
    '/api/v1/users/:id/enable',
    { schema: { tags: ['users'], summary: '启用账号', params: UserIdParams, response: { 200: UserSchema, ...errors(401, 403, 404, 409) } } },
    async (request) => {
      const actor = requireRole(request, MANAGERS);
      unwrap(await setUserDisabled(ctx, { actor, requestId: request.id }, request.params.id, false));
      return userView(ctx, request.params.id);
    },
  );

  r.post(
    '/api/v1/users/:id/reset-password',
    {
      schema: {
        tags: ['users'],
        summary: '重置密码（返回一次性临时密码，用户下次登录须修改）',
        params: UserIdParams,
        response: { 200: TemporaryPasswordSchema, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireRole(request, MANAGERS);
      return unwrap(await resetPassword(ctx, { actor, requestId: request.id }, request.params.id));
    },
  );

  // ---- audit log ----

  r.get(
    '/api/v1/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: '校验审计日志哈希链',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            count: Type.Integer(),
            firstBroken: Type.Optional(Type.Object({ seq: Type.Integer(), id: Type.String(), reason: Type.String() })),
          }),
          ...errors(401, 403),
        },
      },
    },
    async (request) => {
      requireRole(request, MANAGERS);
      return verifyAuditChain(ctx.db);
    },
  );

  r.get(
    '/api/v1/audit/events',
    {
      schema: {
        tags: ['audit'],
        summary: '检索审计日志（县级管理员）',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 60 })),
          action: Type.Optional(Type.String({ maxLength: 60 })),
          entityType: Type.Optional(Type.String({ maxLength: 60 })),
          entityId: Type.Optional(Type.String({ maxLength: 100 })),
          from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}' })),
          to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}' })),
          ...Paging,
        }),
        response: {
          200: AuditEventPage,
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      const actor = requireRole(request, MANAGERS);
      const roots = managerRoots(actor);
      // A county admin at the root sees everything, including events not tied to a unit.
      const isRoot = roots.some((p) => p.split('/').filter(Boolean).length === 1);
      let unitCodes: string[] | undefined;
      if (!isRoot) {
        unitCodes = await listUnitCodesUnder(ctx.db, roots);
      }
      const q = request.query;
      const { total, items } = await searchAuditEvents(ctx.db, {
        q: q.q,
        action: q.action,
        entityType: q.entityType,
        entityId: q.entityId,
        from: q.from,
        to: q.to,
        unitCodes,
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
      return {
        total,
        items: items.map((e) => ({
          seq: e.seq,
          occurredAt: e.occurred_at,
          actorUsername: e.actor_username,
          unitCode: e.unit_code,
          action: e.action,
          entityType: e.entity_type,
          entityId: e.entity_id,
          // Each command's own snapshot (a JSON object, audit.schemas.ts): free by design.
          before: e.before_json ? JSON.parse(e.before_json) : null,
          after: e.after_json ? JSON.parse(e.after_json) : null,
          requestId: e.request_id,
          hash: e.hash,
        })),
      };
    },
  );
}
