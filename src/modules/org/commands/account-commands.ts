import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.ts';
import type { Executor, Trx } from '../../../platform/db/database.ts';
import { runCommand, type CommandMeta, type CommandScope } from '../../../platform/command.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import { isRole, ROLES, type Actor, type Role } from '../../../platform/auth/roles.ts';
import { generatePassword, hashPassword, passwordProblem, sha256, verifyPassword } from '../../../platform/auth/passwords.ts';
import { createSession, deleteUserSessions, issueApiToken, loadGrants, type CreatedSession } from '../../../platform/auth/sessions.ts';
import { findUnit } from '../org.repository.ts';
import { findEventSince } from '../../../platform/audit/audit.repository.ts';
import {
  countActiveApiTokens,
  countFailedAttempts,
  countFailedBucketsLike,
  deleteLoginAttemptsBefore,
  deleteLoginAttemptsLike,
  deleteLoginAttemptsOf,
  deleteRoleAssignment,
  deleteSessionByHash,
  failedAttemptTimes,
  findPasswordHashOrThrow,
  findRoleAssignment,
  findRoleAssignmentId,
  findUser,
  findUserApiToken,
  findUserByName,
  findUserIdByName,
  insertLoginAttempt,
  insertRoleAssignment,
  insertUser,
  revokeApiTokenRow,
  revokeUserApiTokens,
  updateUser,
} from '../../../platform/auth/auth.repository.ts';
import { ADDRESS_WINDOW_MS, ALARM_WINDOW_MS, PAIR_WINDOW_MS, decideLogin, shouldAlarm, type LoginLimits } from '../../../platform/auth/login-throttle.ts';
import { alertCountyOffice } from '../../notifications/index.ts';
import { canManageUser } from '../org.policy.ts';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/;

async function grantPathsOf(db: Executor, userId: string): Promise<string[]> {
  return (await loadGrants(db, userId)).map((g) => g.unitPath);
}

async function checkAssignable(db: Executor, actor: Actor | null, role: string, unitCode: string) {
  if (!isRole(role)) return fail(400, 'UNKNOWN_ROLE', `未知的角色：${role}（可选：${Object.keys(ROLES).join('、')}）`);
  const unit = await findUnit(db, unitCode);
  if (!unit) return fail(404, 'UNIT_NOT_FOUND', `单位不存在：${unitCode}`);
  if (!unit.active) return fail(409, 'UNIT_ABOLISHED', `单位“${unit.name}”已撤销，不能再分配角色`);
  if (actor && !canManageUser(actor, [unit.path])) return fail(403, 'FORBIDDEN', '您只能为本单位及下级单位分配角色');
  return ok(unit);
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  password?: string;
  phone?: string | null;
  email?: string | null;
  roles: { role: string; unitCode: string }[];
}

/** Creates an account; without a password a random one is generated and returned once. */
export async function createUser(ctx: AppContext, meta: CommandMeta, input: CreateUserInput): Promise<Result<{ id: string; initialPassword: string | null }>> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME_PATTERN.test(username)) return fail(400, 'INVALID_USERNAME', '用户名需为3–40位小写字母、数字或 . _ -，并以字母或数字开头');
  if (!input.displayName.trim()) return fail(400, 'INVALID_DISPLAY_NAME', '请填写姓名');
  if (input.roles.length === 0) return fail(400, 'ROLE_REQUIRED', '至少需要分配一个角色');
  const password = input.password ?? generatePassword();
  const problem = passwordProblem(password);
  if (problem) return fail(400, 'WEAK_PASSWORD', problem);
  const passwordHash = await hashPassword(password);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const taken = await findUserIdByName(trx, username);
    if (taken) return fail(409, 'USERNAME_TAKEN', `用户名“${username}”已被使用`);
    const units = [];
    for (const r of input.roles) {
      const checked = await checkAssignable(trx, meta.actor, r.role, r.unitCode);
      if (!checked.ok) return checked;
      units.push(checked.value);
    }
    const id = crypto.randomUUID();
    const iso = now.toISOString();
    await insertUser(trx, {
      id,
      username,
      display_name: input.displayName.trim(),
      password_hash: passwordHash,
      disabled: 0,
      must_change_password: input.password ? 0 : 1,
      phone: input.phone ?? null,
      email: input.email ?? null,
      created_at: iso,
      updated_at: iso,
      last_login_at: null,
    });
    const seen = new Set<string>();
    for (const r of input.roles) {
      const key = `${r.role}@${r.unitCode}`;
      if (seen.has(key)) continue;
      seen.add(key);
      await insertRoleAssignment(trx, { id: crypto.randomUUID(), user_id: id, role: r.role, unit_code: r.unitCode, created_at: iso });
    }
    await audit({
      unitCode: units[0].code,
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      after: { username, displayName: input.displayName.trim(), roles: [...seen] },
    });
    return ok({ id, initialPassword: input.password ? null : password });
  });
}

async function loadManagedUser(db: Executor, actor: Actor | null, userId: string) {
  const user = await findUser(db, userId);
  if (!user) return fail(404, 'USER_NOT_FOUND', '用户不存在');
  if (actor && !canManageUser(actor, await grantPathsOf(db, userId))) return fail(404, 'USER_NOT_FOUND', '用户不存在');
  return ok(user);
}

export async function assignRole(ctx: AppContext, meta: CommandMeta, userId: string, role: string, unitCode: string): Promise<Result<{ id: string }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const user = await loadManagedUser(trx, meta.actor, userId);
    if (!user.ok) return user;
    const unit = await checkAssignable(trx, meta.actor, role, unitCode);
    if (!unit.ok) return unit;
    const exists = await findRoleAssignmentId(trx, userId, role, unitCode);
    if (exists) return fail(409, 'ROLE_EXISTS', '该用户已拥有此角色');
    const id = crypto.randomUUID();
    await insertRoleAssignment(trx, { id, user_id: userId, role, unit_code: unitCode, created_at: now.toISOString() });
    await audit({ unitCode, action: 'user.role.assign', entityType: 'user', entityId: userId, after: { role, unitCode } });
    return ok({ id });
  });
}

export async function removeRole(ctx: AppContext, meta: CommandMeta, userId: string, assignmentId: string): Promise<Result<{ removed: true }>> {
  return runCommand(ctx, meta, async ({ trx, audit }) => {
    const user = await loadManagedUser(trx, meta.actor, userId);
    if (!user.ok) return user;
    const a = await findRoleAssignment(trx, assignmentId, userId);
    if (!a) return fail(404, 'ROLE_NOT_FOUND', '角色分配不存在');
    if (meta.actor && a.user_id === meta.actor.userId && a.role === 'county_admin') {
      return fail(409, 'CANNOT_REMOVE_OWN_ADMIN', '不能移除自己的县级管理员角色');
    }
    await deleteRoleAssignment(trx, assignmentId);
    await audit({ unitCode: a.unit_code, action: 'user.role.remove', entityType: 'user', entityId: userId, before: { role: a.role, unitCode: a.unit_code } });
    return ok({ removed: true });
  });
}

export async function setUserDisabled(ctx: AppContext, meta: CommandMeta, userId: string, disabled: boolean): Promise<Result<{ disabled: boolean }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const user = await loadManagedUser(trx, meta.actor, userId);
    if (!user.ok) return user;
    if (meta.actor && userId === meta.actor.userId && disabled) return fail(409, 'CANNOT_DISABLE_SELF', '不能停用自己的账号');
    await updateUser(trx, userId, { disabled: disabled ? 1 : 0, updated_at: now.toISOString() });
    if (disabled) {
      await deleteUserSessions(trx, userId);
      await revokeUserApiTokens(trx, userId, now.toISOString());
    }
    await audit({
      unitCode: null,
      action: disabled ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: userId,
      before: { disabled: user.value.disabled === 1 },
      after: { disabled },
    });
    return ok({ disabled });
  });
}

/** Admin reset: a new random password, returned once; the user must change it at next login. */
export async function resetPassword(ctx: AppContext, meta: CommandMeta, userId: string): Promise<Result<{ temporaryPassword: string }>> {
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const user = await loadManagedUser(trx, meta.actor, userId);
    if (!user.ok) return user;
    await updateUser(trx, userId, { password_hash: passwordHash, must_change_password: 1, updated_at: now.toISOString() });
    await deleteUserSessions(trx, userId);
    // The owner signs in with the new password at once, from wherever they tried before.
    await deleteLoginAttemptsLike(trx, `${pairPrefix(user.value.username)}%`);
    await audit({ unitCode: null, action: 'user.password.reset', entityType: 'user', entityId: userId });
    return ok({ temporaryPassword });
  });
}

export async function changeOwnPassword(
  ctx: AppContext,
  meta: CommandMeta & { actor: Actor },
  current: string,
  next: string,
): Promise<Result<{ changed: true }>> {
  const problem = passwordProblem(next);
  if (problem) return fail(400, 'WEAK_PASSWORD', problem);
  if (current === next) return fail(400, 'SAME_PASSWORD', '新密码不能与原密码相同');
  const row = await findPasswordHashOrThrow(ctx.db, meta.actor.userId);
  if (!(await verifyPassword(row.password_hash, current))) return fail(400, 'WRONG_PASSWORD', '原密码不正确');
  const passwordHash = await hashPassword(next);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    await updateUser(trx, meta.actor.userId, { password_hash: passwordHash, must_change_password: 0, updated_at: now.toISOString() });
    await audit({ unitCode: null, action: 'user.password.change', entityType: 'user', entityId: meta.actor.userId });
    return ok({ changed: true });
  });
}

export interface LoginInput {
  username: string;
  password: string;
  /** Client address; only its hash is stored. */
  address: string;
  requestId: string;
}

export interface LoginResult {
  session: CreatedSession;
  userId: string;
  mustChangePassword: boolean;
}

/** Throttle buckets in login_attempts: hashes only (an account's name is hashed too in the pair bucket). */
const pairPrefix = (username: string) => `pair:${sha256(`gongkai-login:${username}`).slice(0, 32)}:`;
const buckets = (username: string, address: string) => ({
  pair: `${pairPrefix(username)}${sha256(address)}`,
  address: `ip:${sha256(address)}`,
  account: `user:${username}`,
});

async function failuresSince(db: Executor, bucket: string, since: Date, limit?: number): Promise<string[]> {
  return failedAttemptTimes(db, bucket, since.toISOString(), limit);
}

/**
 * Password login with throttling instead of lockout (platform/auth/login-throttle.ts): growing delays per
 * account + address, a per-address limit, and an alarm per account (audit `auth.login.alarm` and a notification
 * to the county office) — the real user signing in from another address always gets in. Counts live in the
 * database (every process shares them). The response never tells whether the account exists.
 */
export async function login(ctx: AppContext, input: LoginInput): Promise<Result<LoginResult>> {
  const now = ctx.clock.now();
  const limits = ctx.config.login;
  const username = input.username.trim().toLowerCase();
  const b = buckets(username, input.address);
  const pairFailures = await failuresSince(ctx.db, b.pair, new Date(now.getTime() - PAIR_WINDOW_MS));
  const addressFailures = await failuresSince(ctx.db, b.address, new Date(now.getTime() - ADDRESS_WINDOW_MS), limits.addressLimit);
  const decision = decideLogin(
    {
      now: now.getTime(),
      pairFailures: pairFailures.length,
      lastPairFailureAt: pairFailures[0] ? Date.parse(pairFailures[0]) : null,
      addressFailuresNewestFirst: addressFailures.map((t) => Date.parse(t)),
    },
    limits,
  );
  if (!decision.ok) return fail(429, decision.code, decision.message, { retryAfterSeconds: decision.retryAfterSeconds });
  const user = await findUserByName(ctx.db, username);
  const valid = user ? await verifyPassword(user.password_hash, input.password) : (await hashPassword(input.password), false);
  const succeeded = !!user && valid && !user.disabled;
  return runCommand(ctx, { actor: null, requestId: input.requestId }, async ({ trx, audit }) => {
    await deleteLoginAttemptsBefore(trx, new Date(now.getTime() - PAIR_WINDOW_MS).toISOString());
    if (!succeeded || !user) {
      // A failed attempt is recorded by the throttle table; the audit log records the alarm, not every failure.
      const at = now.toISOString();
      for (const bucket of [b.pair, b.address, b.account]) await insertLoginAttempt(trx, { id: crypto.randomUUID(), bucket, attempted_at: at, succeeded: 0 });
      if (user) await raiseAlarmIfDue(trx, user, username, now, limits, audit);
      return ok(null);
    }
    // The owner got in from this address: its delays end here (other addresses keep theirs).
    await deleteLoginAttemptsOf(trx, b.pair);
    const session = await createSession(ctx, trx, user.id);
    await updateUser(trx, user.id, { last_login_at: now.toISOString() });
    await audit({ actor: { userId: user.id, username: user.username }, unitCode: null, action: 'auth.login', entityType: 'user', entityId: user.id });
    return ok({ session, userId: user.id, mustChangePassword: user.must_change_password === 1 });
  }).then((r) => {
    if (!r.ok) return r;
    if (!r.value) {
      return fail(
        401,
        user?.disabled && valid ? 'ACCOUNT_DISABLED' : 'INVALID_CREDENTIALS',
        user?.disabled && valid ? '该账号已停用，请联系管理员' : '用户名或密码不正确',
      );
    }
    return ok(r.value);
  });
}

/**
 * The account alarm: many failures of one account within the window, from any addresses. Audited once per window
 * and told to the county office; the account stays usable.
 */
async function raiseAlarmIfDue(
  trx: Trx,
  user: { id: string; username: string },
  username: string,
  now: Date,
  limits: LoginLimits,
  audit: CommandScope['audit'],
): Promise<void> {
  const since = new Date(now.getTime() - ALARM_WINDOW_MS).toISOString();
  const failures = { n: await countFailedAttempts(trx, `user:${username}`, since) };
  if (Number(failures.n) < limits.alarmAfter) return;
  const raised = await findEventSince(trx, 'user', user.id, 'auth.login.alarm', since);
  if (!shouldAlarm(Number(failures.n), limits, !!raised)) return;
  const addresses = { n: await countFailedBucketsLike(trx, `${pairPrefix(username)}%`, since) };
  const minutes = ALARM_WINDOW_MS / 60_000;
  await audit({
    actor: null,
    unitCode: null,
    action: 'auth.login.alarm',
    entityType: 'user',
    entityId: user.id,
    after: { username: user.username, failures: Number(failures.n), addresses: Number(addresses.n), windowMinutes: minutes, locked: false },
  });
  await alertCountyOffice(trx, {
    key: `security:login-alarm:${user.id}:${since}`,
    kind: 'security.login-alarm',
    title: `账号 ${user.username} 在${minutes}分钟内登录失败${Number(failures.n)}次（来自${Number(addresses.n)}个网络地址）。账号未被锁定，本人仍可正常登录；请核实是否有人冒用，必要时重置密码。`,
    link: '/admin/audit?action=auth.login.alarm',
    at: now,
  });
}

export async function logout(ctx: AppContext, meta: CommandMeta & { actor: Actor }, sessionToken: string): Promise<Result<{ loggedOut: true }>> {
  return runCommand(ctx, meta, async ({ trx, audit }) => {
    await deleteSessionByHash(trx, sha256(sessionToken));
    await audit({ unitCode: null, action: 'auth.logout', entityType: 'user', entityId: meta.actor.userId });
    return ok({ loggedOut: true });
  });
}

export async function createApiToken(
  ctx: AppContext,
  meta: CommandMeta & { actor: Actor },
  name: string,
): Promise<Result<{ id: string; token: string; prefix: string }>> {
  const trimmed = name.trim();
  if (!trimmed) return fail(400, 'INVALID_TOKEN_NAME', '请为令牌填写用途说明（例如“我的泗阳APP同步”）');
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    if ((await countActiveApiTokens(trx, meta.actor.userId)) >= 20) return fail(409, 'TOO_MANY_TOKENS', '有效令牌已达20个，请先撤销不再使用的令牌');
    const issued = await issueApiToken(trx, meta.actor.userId, trimmed, now);
    await audit({ unitCode: null, action: 'token.create', entityType: 'api_token', entityId: issued.id, after: { name: trimmed, prefix: issued.prefix } });
    return ok(issued);
  });
}

export async function revokeApiToken(ctx: AppContext, meta: CommandMeta & { actor: Actor }, tokenId: string): Promise<Result<{ revoked: true }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const row = await findUserApiToken(trx, tokenId, meta.actor.userId);
    if (!row) return fail(404, 'TOKEN_NOT_FOUND', '令牌不存在');
    if (row.revoked_at) return fail(409, 'TOKEN_REVOKED', '该令牌已撤销');
    await revokeApiTokenRow(trx, tokenId, now.toISOString());
    await audit({ unitCode: null, action: 'token.revoke', entityType: 'api_token', entityId: tokenId });
    return ok({ revoked: true });
  });
}

export type { Role };
