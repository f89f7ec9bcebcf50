/**
 * Test fixture: a small county (county → town → two villages) with staff, a real local SMTP
 * server and a movable clock, so the whole county's reminders are computed in milliseconds.
 */
import { openTestApp, makeUser, type TestApp } from '../../../test/helpers/test-app.ts';
import { createUnit, createUser } from '../org/index.ts';
import { unwrap } from '../../platform/result.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { saveReminderSettings, savePreferences, saveSmtp } from './notifications.commands.ts';
import { DEFAULT_SETTINGS, type ReminderSettings } from './notifications.settings.ts';
import { startTestSmtp, type TestSmtp } from './test-smtp.ts';

export const UNITS = { county: '321323', town: '321323002', v1: '321323002-t1', v2: '321323002-t2' } as const;
export const PASSWORD = 'Test-password-2026';

export interface Fixture {
  t: TestApp;
  smtp: TestSmtp;
  clock: { now(): Date; set(iso: string): void; advanceMinutes(m: number): void };
  users: Record<'clerk1' | 'clerk2' | 'clerk3' | 'town' | 'county', { id: string; username: string; email: string | null }>;
  close(): Promise<void>;
}

export async function openFixture(opts: { start: string; settings?: Partial<ReminderSettings> }): Promise<Fixture> {
  let now = new Date(opts.start).getTime();
  const clock = {
    now: () => new Date(now),
    set: (iso: string) => void (now = new Date(iso).getTime()),
    advanceMinutes: (m: number) => void (now += m * 60_000),
  };
  const smtp = await startTestSmtp({ user: 'mailer', password: 'smtp-secret-1' });
  const t = await openTestApp({ clock, demo: false });
  const ctx = t.rt.ctx;
  unwrap(await createUnit(ctx, { actor: null }, { code: UNITS.county, name: '泗阳县', kind: 'county', parentCode: null }));
  unwrap(await createUnit(ctx, { actor: null }, { code: UNITS.town, name: '众兴街道', kind: 'street', parentCode: UNITS.county }));
  unwrap(await createUnit(ctx, { actor: null }, { code: UNITS.v1, name: '甲村', kind: 'village', parentCode: UNITS.town }));
  unwrap(await createUnit(ctx, { actor: null }, { code: UNITS.v2, name: '乙村', kind: 'village', parentCode: UNITS.town }));
  const user = async (username: string, role: string, unit: string, email: string | null) => {
    const u = unwrap(await createUser(ctx, { actor: null }, { username, displayName: username, password: PASSWORD, email, roles: [{ role, unitCode: unit }] }));
    return { id: u.id, username, email };
  };
  const users = {
    clerk1: await user('clerk1', 'village_clerk', UNITS.v1, 'clerk1@example.gov.cn'),
    clerk2: await user('clerk2', 'village_clerk', UNITS.v2, 'clerk2@example.gov.cn'),
    clerk3: await user('clerk3', 'village_clerk', UNITS.v2, null),
    town: await user('town.officer', 'unit_officer', UNITS.town, 'town@example.gov.cn'),
    county: await user('county.admin', 'county_admin', UNITS.county, 'office@example.gov.cn'),
  };
  // Not a recipient role by default: never told.
  await makeUser(t.rt, 'archivist', UNITS.v1, 'archivist1');
  const actorOf = (u: { id: string; username: string }): Actor => ({ userId: u.id, username: u.username, displayName: u.username, grants: [], via: 'session' });
  unwrap(await savePreferences(ctx, { actor: actorOf(users.clerk2) }, { email: users.clerk2.email, emailDigest: false }));
  unwrap(await saveReminderSettings(ctx, { actor: null }, { ...DEFAULT_SETTINGS, escalateToParentAfter: 5, escalateToCountyAfter: 20, ...opts.settings }));
  unwrap(
    await saveSmtp(
      ctx,
      { actor: null },
      { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'mailer', password: 'smtp-secret-1', from: '泗阳县政务公开办 <gongkai@example.gov.cn>' },
    ),
  );
  return {
    t,
    smtp,
    clock,
    users,
    close: async () => {
      await t.close();
      await smtp.close();
    },
  };
}
