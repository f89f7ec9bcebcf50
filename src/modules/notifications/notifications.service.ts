/**
 * The reminder service: collects ReminderItems from every module (platform/module.ts), turns them
 * into in-app notifications for the staff of the owing unit (and, when late beyond the county's
 * thresholds, of the parent unit and the county office), records escalations in the audit chain,
 * queues one digest e-mail per user and day, and builds each user's to-do list.
 */
import './notifications.tables.ts';
import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import { registeredModules, type ReminderItem } from '../../platform/module.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { runCommand } from '../../platform/command.ts';
import { lockForUpdate } from '../../platform/db/database.ts';
import { ok } from '../../platform/result.ts';
import { effectiveSmtp, isEmailAddress, loadReminderSettings } from './notifications.settings.ts';
import { composeDigest, planNotifications, sortEntries, type DigestEntry, type NotifyState, type StaffGrant } from './notifications.rules.ts';
import {
  countyRootCode,
  insertDigest,
  insertNewEscalations,
  insertNotifications,
  loadRecipients,
  loadStaff,
  loadUnitInfos,
  notificationsCreatedOn,
  type NotificationInsert,
} from './notifications.repository.ts';
import { dispatchDueEmails, type MailReport } from './notifications.mailer.ts';

const DAILY_RUN_LOCK_KEY = 74_620_001;

export interface Collected {
  items: ReminderItem[];
  /** Modules whose reminders could not be read this time (logged; the others still count). */
  failedModules: string[];
}

/** Every module's reminders as of `asOf`, deduplicated by key (optionally only for some units). */
export async function collectReminders(ctx: AppContext, asOf: string, unitCodes?: readonly string[]): Promise<Collected> {
  // The registered list, not an import of src/modules/index.ts: that imports every module, this one included.
  const modules = registeredModules();
  const seen = new Map<string, ReminderItem>();
  const failedModules: string[] = [];
  for (const m of modules) {
    if (!m.reminders) continue;
    try {
      const wanted = unitCodes ? new Set(unitCodes) : null;
      for (const item of await m.reminders(ctx, asOf, unitCodes ? { unitCodes } : undefined)) {
        if (wanted && !wanted.has(item.unitCode)) continue;
        if (!seen.has(item.key)) seen.set(item.key, item);
      }
    } catch (e) {
      failedModules.push(m.name);
      ctx.logger.error({ module: m.name, err: e instanceof Error ? e.message.slice(0, 200) : 'error' }, 'reminders: a module failed');
    }
  }
  return { items: [...seen.values()], failedModules };
}

export interface DailyResult extends Record<string, number | string | boolean> {
  items: number;
  notificationsCreated: number;
  escalations: number;
  digestsQueued: number;
  usersWithoutAddress: number;
  mailSent: number;
  mailFailed: number;
  failedModules: string;
}

/**
 * The daily run (job `notifications.daily`, run key = the China-local date). Idempotent: the
 * notification, escalation and digest rows have unique keys, so running it twice, late, or in two
 * processes at once creates and sends nothing twice.
 */
export async function runDailyReminders(ctx: AppContext, asOf: string): Promise<DailyResult> {
  const settings = await loadReminderSettings(ctx.db);
  const { items, failedModules } = await collectReminders(ctx, asOf);
  const [units, staff, county, smtp] = await Promise.all([loadUnitInfos(ctx.db), loadStaff(ctx.db), countyRootCode(ctx.db), effectiveSmtp(ctx)]);
  const plan = planNotifications(items, units, staff, settings, county);
  const recipients = await loadRecipients(ctx.db, [...new Set(plan.notifications.map((n) => n.userId))]);
  const mailOn = settings.emailDigest && !!smtp.host && !!smtp.from;

  const r = await runCommand(ctx, { actor: null }, async ({ trx, now, audit }) => {
    // One daily run at a time (PostgreSQL; SQLite serializes writers anyway): the escalation and
    // digest checks below read, then write.
    await lockForUpdate(trx, ctx.dialect, DAILY_RUN_LOCK_KEY);
    const at = now.toISOString();
    const rows: NotificationInsert[] = plan.notifications.map((n) => ({
      id: crypto.randomUUID(),
      user_id: n.userId,
      item_key: n.item.key,
      state: n.state,
      unit_code: n.item.unitCode,
      kind: n.item.kind,
      title: n.item.title.slice(0, 300),
      due_date: n.item.dueDate,
      overdue_working_days: n.item.overdueWorkingDays,
      link: n.item.link,
      created_on: asOf,
      created_at: at,
    }));
    const created = await insertNotifications(trx, rows);
    // Each step is recorded once per item; the audit has one event per owing unit, level and day
    // listing the items (a county's first run escalates thousands of items at once).
    const fresh = new Set(
      (
        await insertNewEscalations(
          trx,
          plan.escalations.map((e) => ({
            item_key: e.item.key,
            level: e.level,
            unit_code: e.item.unitCode,
            escalated_to: e.toUnit,
            overdue_working_days: e.item.overdueWorkingDays,
            escalated_on: asOf,
            created_at: at,
          })),
        )
      ).map((r) => `${r.item_key}|${r.level}`),
    );
    let escalations = 0;
    const steps = new Map<
      string,
      { unitCode: string; level: 1 | 2; toUnit: string; items: { key: string; kind: string; title: string; dueDate: string; overdueWorkingDays: number }[] }
    >();
    for (const e of plan.escalations) {
      if (!fresh.has(`${e.item.key}|${e.level}`)) continue;
      escalations += 1;
      const k = `${e.item.unitCode}|${e.level}|${e.toUnit}`;
      const step = steps.get(k) ?? { unitCode: e.item.unitCode, level: e.level, toUnit: e.toUnit, items: [] };
      step.items.push({
        key: e.item.key,
        kind: e.item.kind,
        title: e.item.title.slice(0, 120),
        dueDate: e.item.dueDate,
        overdueWorkingDays: e.item.overdueWorkingDays,
      });
      steps.set(k, step);
    }
    for (const step of steps.values()) {
      await audit({
        unitCode: step.unitCode,
        action: 'reminder.escalate',
        entityType: 'org_unit',
        entityId: step.unitCode,
        after: {
          level: step.level,
          escalatedTo: step.toUnit,
          threshold: step.level === 1 ? settings.escalateToParentAfter : settings.escalateToCountyAfter,
          asOf,
          items: step.items,
        },
      });
    }
    let digests = 0;
    let withoutAddress = 0;
    if (mailOn) {
      const fresh = await notificationsCreatedOn(trx, asOf);
      const perUser = new Map<string, DigestEntry[]>();
      for (const n of plan.notifications) {
        const list = perUser.get(n.userId) ?? [];
        list.push({
          item: n.item,
          state: n.state,
          unitName: units.get(n.item.unitCode)?.name ?? n.item.unitCode,
          isNew: fresh.has(`${n.userId}\u0000${n.item.key}\u0000${n.state}`),
        });
        perUser.set(n.userId, list);
      }
      for (const [userId, entries] of perUser) {
        const user = recipients.get(userId);
        if (!user || !user.emailDigest) continue;
        if (!user.email || !isEmailAddress(user.email)) {
          withoutAddress += 1;
          continue;
        }
        const digest = composeDigest({ displayName: user.displayName, date: asOf, entries, baseUrl: ctx.config.baseUrl });
        const queued = await insertDigest(trx, {
          id: crypto.randomUUID(),
          user_id: userId,
          digest_date: asOf,
          to_address: user.email,
          subject: digest.subject,
          body_text: digest.text,
          body_html: digest.html,
          item_count: entries.length,
          created_at: at,
        });
        if (queued) digests += 1;
      }
    }
    return ok({ created, escalations, digests, withoutAddress });
  });
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  const mail: MailReport = mailOn ? await dispatchDueEmails(ctx) : { claimed: 0, sent: 0, failed: 0, dead: 0, noSmtp: !smtp.host };
  return {
    items: items.length,
    notificationsCreated: r.value.created,
    escalations: r.value.escalations,
    digestsQueued: r.value.digests,
    usersWithoutAddress: r.value.withoutAddress,
    mailSent: mail.sent,
    mailFailed: mail.failed + mail.dead,
    failedModules: failedModules.join(','),
  };
}

export interface TodoEntry {
  key: string;
  unitCode: string;
  unitName: string;
  kind: string;
  title: string;
  dueDate: string;
  status: ReminderItem['status'];
  /** How it concerns this user: their own unit's item, or a subordinate unit's escalated one. */
  state: NotifyState;
  overdueWorkingDays: number;
  link: string;
}

/**
 * What the actor's units owe soon or late, merged across modules. `mine`: the units the actor holds
 * a role over, plus items escalated to them (as in the notifications); `subtree`: every item of
 * every unit within the actor's scope (for supervisors).
 */
export async function todoFor(
  ctx: AppContext,
  actor: Actor,
  asOf: string,
  scope: 'mine' | 'subtree',
): Promise<{ asOf: string; dueSoonWorkingDays: number; items: TodoEntry[]; failedModules: string[] }> {
  const [settings, units, county] = await Promise.all([loadReminderSettings(ctx.db), loadUnitInfos(ctx.db), countyRootCode(ctx.db)]);
  // Only the units that can concern this actor are computed: their own units and, when items
  // escalate, the units directly below them (all units below the county office for level 2).
  const roots = [...new Set(actor.grants.map((g) => g.unitPath))];
  const own = new Set(actor.grants.map((g) => g.unitCode));
  const wanted = [...units.values()]
    .filter((u) =>
      scope === 'subtree'
        ? roots.some((r) => u.path.startsWith(r))
        : own.has(u.code) ||
          (settings.escalateToParentAfter !== null && !!u.parentCode && own.has(u.parentCode)) ||
          (settings.escalateToCountyAfter !== null && !!county && own.has(county)),
    )
    .map((u) => u.code);
  const { items, failedModules } = await collectReminders(ctx, asOf, wanted);
  let entries: { item: ReminderItem; state: NotifyState }[];
  if (scope === 'subtree') {
    entries = items
      .filter((i) => {
        const u = units.get(i.unitCode);
        return !!u && roots.some((r) => u.path.startsWith(r));
      })
      .map((item) => ({ item, state: item.status }));
  } else {
    const staff: StaffGrant[] = actor.grants.map((g) => ({ userId: actor.userId, unitCode: g.unitCode, role: g.role }));
    const plan = planNotifications(items, units, staff, { ...settings, recipientRoles: [...new Set(actor.grants.map((g) => g.role))] }, county);
    entries = plan.notifications.map((n) => ({ item: n.item, state: n.state }));
  }
  const sorted = sortEntries(entries.map((e) => ({ ...e, unitName: units.get(e.item.unitCode)?.name ?? e.item.unitCode, isNew: false })));
  return {
    asOf,
    dueSoonWorkingDays: settings.dueSoonWorkingDays,
    failedModules,
    items: sorted.map((e) => ({
      key: e.item.key,
      unitCode: e.item.unitCode,
      unitName: e.unitName,
      kind: e.item.kind,
      title: e.item.title,
      dueDate: e.item.dueDate,
      status: e.item.status,
      state: e.state,
      overdueWorkingDays: e.item.overdueWorkingDays,
      link: e.item.link,
    })),
  };
}
