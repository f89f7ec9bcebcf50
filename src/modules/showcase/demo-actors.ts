/**
 * Demo people (演示) of the living county and the clock the demo runs its commands at. Every record the demo
 * adds goes through the same commands staff use; only the time is an argument: a command run "on 2026-03-10"
 * gets a context whose clock says so, exactly as `ctx.clock` is meant to be passed (ARCHITECTURE convention 1).
 */
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { loadGrants } from '../../platform/auth/sessions.ts';
import { generatePassword } from '../../platform/auth/passwords.ts';
import type { DemoSeedOutput } from '../../platform/module.ts';
import { unwrap } from '../../platform/result.ts';
import { createUser } from '../org/index.ts';
import { findUserByUsername, unitExists } from './showcase.repository.ts';

/** Accounts the living county needs beyond org's demo accounts (created once, random passwords). */
export const SHOWCASE_ACCOUNTS: { username: string; displayName: string; role: string; unit: string }[] = [
  { username: 'wangsanzhuang.supervisor', displayName: '王三庄村村务监督委员会委员（演示）', role: 'village_supervisor', unit: '321323106211' },
  { username: 'shuangdu.clerk', displayName: '双渡社区经办人（演示）', role: 'village_clerk', unit: '321323111005' },
  { username: 'shuangdu.supervisor', displayName: '双渡社区居务监督委员会委员（演示）', role: 'village_supervisor', unit: '321323111005' },
  { username: 'zfb.officer', displayName: '县政府办经办人（演示）', role: 'unit_officer', unit: 'dept-zfb' },
  { username: 'zfb.reviewer', displayName: '县政府办审核人（演示）', role: 'unit_reviewer', unit: 'dept-zfb' },
  { username: 'nyncj.officer', displayName: '农业农村局经办人（演示）', role: 'unit_officer', unit: 'dept-nyncj' },
  { username: 'nyncj.reviewer', displayName: '农业农村局审核人（演示）', role: 'unit_reviewer', unit: 'dept-nyncj' },
];

export async function ensureShowcaseAccounts(ctx: AppContext, out: DemoSeedOutput): Promise<void> {
  for (const a of SHOWCASE_ACCOUNTS) {
    const exists = await findUserByUsername(ctx.db, a.username);
    if (exists) continue;
    if (!(await unitExists(ctx.db, a.unit))) continue;
    const password = generatePassword();
    unwrap(await createUser(ctx, { actor: null }, { username: a.username, displayName: a.displayName, password, roles: [{ role: a.role, unitCode: a.unit }] }));
    out.accounts.push({ username: a.username, password, role: a.role, unit: a.unit, displayName: a.displayName });
  }
}

export async function demoActor(ctx: AppContext, username: string): Promise<Actor | null> {
  const u = await findUserByUsername(ctx.db, username);
  return u ? { userId: u.id, username: u.username, displayName: u.display_name, grants: await loadGrants(ctx.db, u.id), via: 'session' } : null;
}

/** The same context with its clock at `iso` (commands take their time from the clock). */
export function at(ctx: AppContext, iso: string): AppContext {
  const t = new Date(iso);
  return { ...ctx, clock: { now: () => t } };
}

const DAY = 86_400_000;
export const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** A China-local time of day on `date` as an ISO instant. */
export const chinaTime = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();
