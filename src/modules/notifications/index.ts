/**
 * Notifications: reminders collected from every module's `reminders()` (platform/module.ts), in-app
 * notifications, the to-do list, daily e-mail digests through the configured SMTP server, and
 * escalation of long-overdue items to the parent unit and the county office. See README.md.
 */
import type { ModuleManifest } from '../../platform/module.ts';
import type { JobDefinition } from '../../platform/jobs/index.ts';
import { registerNotificationRoutes } from './notifications.routes.ts';
import { loadReminderSettings } from './notifications.settings.ts';
import { runDailyReminders } from './notifications.service.ts';
import { dispatchDueEmails } from './notifications.mailer.ts';

export { dueSoonUntil, loadReminderSettings, DEFAULT_SETTINGS, type ReminderSettings } from './notifications.settings.ts';
export { collectReminders, runDailyReminders, todoFor as remindersTodoFor } from './notifications.service.ts';
export { dispatchDueEmails } from './notifications.mailer.ts';
export { countyRootPath } from './notifications.repository.ts';
export { alertCountyOffice, type CountyAlert } from './notifications.alerts.ts';

export const DAILY_JOB = 'notifications.daily';
export const MAIL_JOB = 'notifications.mail';

export const jobs: JobDefinition[] = [
  {
    name: DAILY_JOB,
    schedule: { kind: 'daily', hour: async (ctx) => (await loadReminderSettings(ctx.db)).digestHour },
    run: (ctx, run) => runDailyReminders(ctx, run.asOf),
  },
  // Retries of digests that failed (the daily run sends the new ones itself).
  {
    name: MAIL_JOB,
    schedule: { kind: 'interval', seconds: 60 },
    run: async (ctx) => {
      const r = await dispatchDueEmails(ctx);
      return { claimed: r.claimed, sent: r.sent, failed: r.failed, dead: r.dead, noSmtp: r.noSmtp };
    },
  },
];

export const manifest: ModuleManifest = {
  name: 'notifications',
  register(app, ctx) {
    registerNotificationRoutes(app, ctx);
  },
  jobs,
};
