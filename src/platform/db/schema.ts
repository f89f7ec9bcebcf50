/**
 * Table types for Kysely. Conventions that keep SQLite and PostgreSQL identical:
 * - timestamps are ISO-8601 UTC strings (`2026-11-26T08:00:00.000Z`), dates are `YYYY-MM-DD` strings;
 * - flags are integers 0/1;
 * - structured values are JSON text (`*_json` columns);
 * - ids are text (random UUIDs) except the audit log's gap-free `seq`.
 * Each module adds its own tables by declaration merging on `Database` in its own `*.tables.ts`.
 */
export interface Database {
  org_units: OrgUnitTable;
  users: UserTable;
  role_assignments: RoleAssignmentTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_attempts: LoginAttemptTable;
  audit_events: AuditEventTable;
  calendar_years: CalendarYearTable;
  calendar_days: CalendarDayTable;
  calendar_deadlines: CalendarDeadlineTable;
  app_settings: AppSettingTable;
}

export interface OrgUnitTable {
  code: string;
  division_code: string | null;
  name: string;
  kind: string;
  parent_code: string | null;
  /** Materialized path of codes, `/321323/321323002/…/`, for subtree queries. */
  path: string;
  depth: number;
  address: string | null;
  postal_code: string | null;
  phone: string | null;
  email: string | null;
  office_hours: string | null;
  active: number;
  established_on: string | null;
  abolished_on: string | null;
  is_demo: number;
  source: string | null;
  note: string | null;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  disabled: number;
  must_change_password: number;
  phone: string | null;
  email: string | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface RoleAssignmentTable {
  id: string;
  user_id: string;
  role: string;
  unit_code: string;
  created_at: string;
}

export interface SessionTable {
  /** sha256 of the cookie value; the raw token is never stored. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  /** First characters of the token so a user can recognise it in a list. */
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LoginAttemptTable {
  id: string;
  /** `user:<username>` or `ip:<hash of address>`: addresses are stored hashed, never in clear. */
  bucket: string;
  attempted_at: string;
  succeeded: number;
}

export interface AuditEventTable {
  seq: number;
  id: string;
  occurred_at: string;
  actor_user_id: string | null;
  actor_username: string | null;
  unit_code: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface CalendarYearTable {
  year: number;
  /** Name and number of the State Council notice the year's data follows. */
  source_notice: string;
  updated_at: string;
  updated_by: string | null;
}

export interface CalendarDayTable {
  date: string;
  year: number;
  /** `holiday` (法定节假日/休息日) or `adjusted_workday` (调休上班的周末). */
  kind: 'holiday' | 'adjusted_workday';
  name: string;
}

export interface CalendarDeadlineTable {
  id: string;
  /** Which module and row owns it, e.g. `info_request:…:answer`. */
  owner_type: string;
  owner_id: string;
  from_date: string;
  working_days: number;
  due_date: string;
  provisional: number;
  /** Comma-separated years the computation touched, for recomputation when a year changes. */
  years: string;
  updated_at: string;
}

export interface AppSettingTable {
  key: string;
  value_json: string;
  updated_at: string;
}
