/**
 * Security alerts to the county office (县政府办): an in-app notification (state `alert`, shown in the bell and
 * the inbox) for every enabled county admin of the county root, deduplicated by (user, key). Called inside the
 * caller's transaction, next to the audit event that records what happened (e.g. the sign-in alarm of
 * issue 13 §3). Reminders (due dates) are planned elsewhere (notifications.rules.ts); this is for events.
 */
import './notifications.tables.ts';
import crypto from 'node:crypto';
import type { Executor } from '../../platform/db/database.ts';
import { chinaDate } from '../../platform/context.ts';
import { enabledHoldersOfRoleAt } from '../../platform/auth/auth.repository.ts';
import { countyRootCode, insertNotifications } from './notifications.repository.ts';
import { ALERT_STATE } from './notifications.rules.ts';

export interface CountyAlert {
  /** Stable for one occurrence (the dedupe key), e.g. `security:login-alarm:<userId>:<window start>`. */
  key: string;
  /** Dotted kind, e.g. `security.login-alarm`. */
  kind: string;
  /** One plain Chinese line. */
  title: string;
  /** Where to look in the admin SPA, e.g. `/admin/audit?action=auth.login.alarm`. */
  link: string;
  at: Date;
}

/** Tells the county office; returns how many notifications were new. */
export async function alertCountyOffice(db: Executor, alert: CountyAlert): Promise<number> {
  const root = await countyRootCode(db);
  if (!root) return 0;
  const admins = await enabledHoldersOfRoleAt(db, 'county_admin', root);
  const day = chinaDate(alert.at);
  return insertNotifications(
    db,
    admins.map((userId) => ({
      id: crypto.randomUUID(),
      user_id: userId,
      item_key: alert.key,
      state: ALERT_STATE,
      unit_code: root,
      kind: alert.kind,
      title: alert.title,
      due_date: day,
      overdue_working_days: 0,
      link: alert.link,
      created_on: day,
      created_at: alert.at.toISOString(),
    })),
  );
}
