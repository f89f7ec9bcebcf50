/**
 * The daily reminder run end to end, against a real local SMTP server (smtp-server, parsed with
 * mailparser): digest content per user, escalation (audited), no duplicates when the run is
 * repeated or runs in two "processes" at once, retries after an SMTP failure, dead letters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { runDueJobs } from '../../platform/jobs/index.ts';
import type { ReminderItem } from '../../platform/module.ts';
import { publishingReminders } from '../publishing/disclosure.reminders.ts';
import { jobs, DAILY_JOB, MAIL_JOB } from './index.ts';
import { runDailyReminders } from './notifications.service.ts';
import { requeueEmail } from './notifications.mailer.ts';
import { openFixture, UNITS, type Fixture } from './notifications.fixture.ts';

// Monday 30 November 2026, 09:00 China time (digest hour 8).
const DAY1 = '2026-11-30T01:00:00.000Z';

const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address ?? '';
const itemLines = (m: ParsedMail) => (m.text ?? '').split('\n').filter((l) => /^\d+\. /.test(l));

describe('daily reminders by e-mail (real SMTP)', () => {
  let f: Fixture;
  let items: ReminderItem[];

  beforeAll(async () => {
    f = await openFixture({ start: DAY1 });
    items = await publishingReminders(f.t.rt.ctx, '2026-11-30');
  }, 60_000);
  afterAll(() => f?.close());

  const ofUnit = (code: string) => items.filter((i) => i.unitCode === code);
  const late = (code: string, days: number) => ofUnit(code).filter((i) => i.status === 'overdue' && i.overdueWorkingDays > days);

  it('sends each user one digest listing what their units owe, and the escalated items of units below', async () => {
    expect(ofUnit(UNITS.v1).length).toBeGreaterThan(5);
    expect(ofUnit(UNITS.v1).some((i) => i.status === 'overdue')).toBe(true);
    const before = await runDueJobs(f.t.rt.ctx, jobs, { owner: 'p1' });
    expect(before.find((o) => o.name === DAILY_JOB)).toMatchObject({ outcome: 'ran', runKey: '2026-11-30' });
    // clerk2 opted out, clerk3 has no address, the archivist's role is not a recipient role.
    expect(f.smtp.messages.map(to).sort()).toEqual(['clerk1@example.gov.cn', 'office@example.gov.cn', 'town@example.gov.cn']);
    expect(f.smtp.logins.length).toBeGreaterThan(0);

    const clerk = f.smtp.messages.find((m) => to(m) === 'clerk1@example.gov.cn')!;
    const v1 = ofUnit(UNITS.v1);
    const overdue = v1.filter((i) => i.status === 'overdue').length;
    expect(clerk.subject).toBe(`【公开提醒】2026年11月30日：逾期${overdue}项，即将到期${v1.length - overdue}项`);
    expect(clerk.from?.value[0]).toMatchObject({ address: 'gongkai@example.gov.cn', name: '泗阳县政务公开办' });
    expect(itemLines(clerk)).toHaveLength(v1.length);
    for (const i of v1) expect(clerk.text).toContain(i.title);
    expect(clerk.text).toContain(`http://localhost:3000/admin/disclosures/new?unit=${UNITS.v1}&item=`);
    expect(clerk.text).not.toContain(`unit=${UNITS.v2}`);
    expect(clerk.text).toContain('【新】');
    expect(clerk.html).toContain('<ol>');

    // The town officer: the town's own items plus every village item more than 5 working days late.
    const town = f.smtp.messages.find((m) => to(m) === 'town@example.gov.cn')!;
    const townExpected = ofUnit(UNITS.town).length + late(UNITS.v1, 5).length + late(UNITS.v2, 5).length;
    expect(itemLines(town)).toHaveLength(townExpected);
    expect(town.text).toContain('下级单位逾期，请督促办理');
    expect(town.text).toContain(`unit=${UNITS.v2}`);
    // The county office: its own items, the town's late ones, and village items more than 20 working days late.
    const county = f.smtp.messages.find((m) => to(m) === 'office@example.gov.cn')!;
    expect(itemLines(county)).toHaveLength(ofUnit(UNITS.county).length + late(UNITS.town, 5).length + late(UNITS.v1, 20).length + late(UNITS.v2, 20).length);

    // In-app notifications mirror it, for the opted-out and address-less users too.
    const db = f.t.rt.ctx.db;
    const count = async (userId: string) =>
      Number(
        (
          await db
            .selectFrom('notifications')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('user_id', '=', userId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count(f.users.clerk1.id)).toBe(v1.length);
    expect(await count(f.users.clerk2.id)).toBe(ofUnit(UNITS.v2).length);
    expect(await count(f.users.clerk3.id)).toBe(ofUnit(UNITS.v2).length);
    expect(await count(f.users.town.id)).toBe(townExpected);

    // Every escalation step is recorded once per item, and audited per owing unit and level.
    const steps = await db.selectFrom('reminder_escalations').selectAll().execute();
    const expectedSteps =
      [UNITS.v1, UNITS.v2].reduce((n, u) => n + late(u, 5).length + late(u, 20).length, 0) + late(UNITS.town, 5).length + late(UNITS.town, 20).length;
    expect(steps).toHaveLength(expectedSteps);
    const q2 = `obligation:${UNITS.v1}:vil:szxq:2026-Q2`;
    expect(
      steps
        .filter((e) => e.item_key === q2)
        .map((e) => [e.level, e.escalated_to])
        .sort(),
    ).toEqual([
      [1, UNITS.town],
      [2, UNITS.county],
    ]);
    const audits = await db.selectFrom('audit_events').select(['entity_id', 'after_json', 'unit_code']).where('action', '=', 'reminder.escalate').execute();
    const v1Level1 = audits.map((a) => ({ unit: a.unit_code, after: JSON.parse(a.after_json!) })).find((a) => a.unit === UNITS.v1 && a.after.level === 1)!;
    expect(v1Level1.after).toMatchObject({ escalatedTo: UNITS.town, threshold: 5, asOf: '2026-11-30' });
    expect(v1Level1.after.items.map((i: { key: string }) => i.key).sort()).toEqual(
      late(UNITS.v1, 5)
        .map((i) => i.key)
        .sort(),
    );
    expect(audits.reduce((n, a) => n + JSON.parse(a.after_json!).items.length, 0)).toBe(expectedSteps);
  });

  it('sends nothing twice: the same day again, directly, and from two processes at once', async () => {
    const sent = f.smtp.messages.length;
    const db = f.t.rt.ctx.db;
    const notes = async () =>
      Number(
        (
          await db
            .selectFrom('notifications')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n0 = await notes();
    const again = await runDueJobs(f.t.rt.ctx, jobs, { owner: 'p2' });
    expect(again.find((o) => o.name === DAILY_JOB)?.outcome).toBe('skipped-done');
    // Even bypassing the job's run key (a crashed run retaken), the rows' own keys hold.
    const direct = await Promise.all([runDailyReminders(f.t.rt.ctx, '2026-11-30'), runDailyReminders(f.t.rt.ctx, '2026-11-30')]);
    expect(direct.map((d) => d.notificationsCreated + d.digestsQueued + d.escalations)).toEqual([0, 0]);
    expect(f.smtp.messages.length).toBe(sent);
    expect(await notes()).toBe(n0);

    // Next day, two processes race: each user still gets exactly one digest.
    f.clock.set('2026-12-01T01:30:00.000Z');
    const [a, b] = await Promise.all([runDueJobs(f.t.rt.ctx, jobs, { owner: 'p1' }), runDueJobs(f.t.rt.ctx, jobs, { owner: 'p2' })]);
    const outcomes = [a, b].map((r) => r.find((o) => o.name === DAILY_JOB)!.outcome).sort();
    expect(outcomes[0]).toBe('ran');
    expect(['skipped-claimed', 'skipped-done']).toContain(outcomes[1]);
    const day2 = f.smtp.messages.slice(sent);
    expect(day2.map(to).sort()).toEqual(['clerk1@example.gov.cn', 'office@example.gov.cn', 'town@example.gov.cn']);
    expect(day2[0].subject).toContain('2026年12月1日');
    // Day 2 lists everything still open; only what was first told today is marked new.
    const clerkDay2 = day2.find((m) => to(m) === 'clerk1@example.gov.cn')!;
    const newToday = await db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', f.users.clerk1.id)
      .where('created_on', '=', '2026-12-01')
      .execute();
    expect(itemLines(clerkDay2).filter((l) => l.includes('【新】'))).toHaveLength(newToday.length);
    expect(itemLines(clerkDay2).length).toBeGreaterThanOrEqual(ofUnit(UNITS.v1).length);
    const runs = await db.selectFrom('jobs').select(['name', 'run_key', 'status']).where('name', '=', DAILY_JOB).orderBy('run_key').execute();
    expect(runs).toEqual([
      { name: DAILY_JOB, run_key: '2026-11-30', status: 'done' },
      { name: DAILY_JOB, run_key: '2026-12-01', status: 'done' },
    ]);
  });

  it('before the digest hour nothing runs', async () => {
    f.clock.set('2026-12-01T23:30:00.000Z'); // 07:30 on 2 December in China
    const r = await runDueJobs(f.t.rt.ctx, jobs, { owner: 'p1' });
    expect(r.find((o) => o.name === DAILY_JOB)).toMatchObject({ outcome: 'skipped-not-due', runKey: null });
  });

  it('retries after an SMTP failure, without addresses in the error, and gives up after the last attempt (audited)', async () => {
    const sent = f.smtp.messages.length;
    f.smtp.reject = () => ({ code: 451, message: '451 4.3.0 Mailbox of clerk1@example.gov.cn busy, try later' });
    f.clock.set('2026-12-02T01:00:00.000Z');
    const r = await runDueJobs(f.t.rt.ctx, jobs, { owner: 'p1' });
    expect(r.find((o) => o.name === DAILY_JOB)?.result).toMatchObject({ digestsQueued: 3, mailSent: 0, mailFailed: 3 });
    const db = f.t.rt.ctx.db;
    const rows = await db.selectFrom('notification_emails').selectAll().where('digest_date', '=', '2026-12-02').execute();
    expect(rows.map((x) => [x.status, x.attempts])).toEqual([
      ['failed', 1],
      ['failed', 1],
      ['failed', 1],
    ]);
    expect(rows[0].last_error).toContain('451');
    expect(rows.map((x) => x.last_error).join(' ')).not.toContain('@');

    // Not yet due (first retry after 5 minutes); then the server is back and each goes once.
    f.smtp.reject = null;
    f.clock.advanceMinutes(4);
    expect((await runDueJobs(f.t.rt.ctx, jobs)).find((o) => o.name === MAIL_JOB)?.result).toMatchObject({ claimed: 0 });
    f.clock.advanceMinutes(1);
    expect((await runDueJobs(f.t.rt.ctx, jobs)).find((o) => o.name === MAIL_JOB)?.result).toMatchObject({ claimed: 3, sent: 3 });
    expect(f.smtp.messages.slice(sent).map(to).sort()).toEqual(['clerk1@example.gov.cn', 'office@example.gov.cn', 'town@example.gov.cn']);
    expect((await runDueJobs(f.t.rt.ctx, jobs)).find((o) => o.name === MAIL_JOB)?.result).toMatchObject({ claimed: 0 });

    // A server that keeps refusing: 5 attempts over the retry schedule, then dead and audited; a county admin can requeue.
    f.smtp.reject = () => ({ code: 550, message: '550 5.1.1 User unknown' });
    f.clock.set('2026-12-03T01:00:00.000Z');
    await runDueJobs(f.t.rt.ctx, jobs);
    for (const minutes of [5, 15, 60, 180]) {
      f.clock.advanceMinutes(minutes);
      await runDueJobs(f.t.rt.ctx, jobs);
    }
    const dead = await db.selectFrom('notification_emails').selectAll().where('digest_date', '=', '2026-12-03').execute();
    expect(dead.map((x) => [x.status, x.attempts])).toEqual([
      ['dead', 5],
      ['dead', 5],
      ['dead', 5],
    ]);
    const audited = await db.selectFrom('audit_events').select('entity_id').where('action', '=', 'notification.email.dead').execute();
    expect(audited.map((a) => a.entity_id).sort()).toEqual(dead.map((x) => x.id).sort());
    f.smtp.reject = null;
    const before = f.smtp.messages.length;
    const requeued = await requeueEmail(
      f.t.rt.ctx,
      { actor: { userId: f.users.county.id, username: 'county.admin', displayName: 'x', grants: [], via: 'session' }, requestId: 't' },
      dead[0].id,
    );
    expect(requeued.ok).toBe(true);
    await runDueJobs(f.t.rt.ctx, jobs);
    expect(f.smtp.messages.length).toBe(before + 1);
  });
});
