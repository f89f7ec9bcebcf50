import path from 'node:path';

/** Typed runtime configuration, read from the environment and CLI flags and validated once at start. */
export interface AppConfig {
  port: number;
  /** Listening address: 127.0.0.1 (this computer only) unless `--host`/`HOST` says otherwise, e.g. 0.0.0.0. */
  host: string;
  /** Folder for the embedded SQLite file, attachments and generated demo credentials. */
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; otherwise SQLite in `dataDir`. */
  databaseUrl: string | null;
  /** Seed the Siyang demo on first start. */
  demo: boolean;
  /** Public base URL used in links, QR codes and feeds. */
  baseUrl: string;
  /** Cookies carry the Secure flag (on behind HTTPS). */
  secureCookies: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Session lifetime in hours (sliding). */
  sessionHours: number;
  /**
   * Sign-in throttling (platform/auth/login-throttle.ts; no account is ever locked): failures of one account
   * from one address before growing delays start (`GONGKAI_LOGIN_ATTEMPTS`, default 5), failures from one
   * address in 15 minutes before it must wait (`GONGKAI_LOGIN_ADDRESS_ATTEMPTS`, default 100), failures of one
   * account in 15 minutes from any addresses that alert the county office (`GONGKAI_LOGIN_ALARM`, default 20).
   */
  login: { freeAttempts: number; addressLimit: number; alarmAfter: number };
  /** Background jobs in this process (webhook dispatcher); `GONGKAI_JOBS=0` turns them off. */
  jobs: boolean;
  /**
   * Webhook receivers on loopback addresses (127.0.0.0/8, ::1, localhost) are refused unless
   * `GONGKAI_WEBHOOK_ALLOW_LOOPBACK=1` (local integrations, tests). Private ranges are always refused.
   */
  webhookAllowLoopback: boolean;
  /**
   * Outgoing mail for reminder digests (GONGKAI_SMTP_*). The county admin can override it in the
   * admin settings page; null host = no mail until configured.
   */
  smtp: SmtpConfig;
  /** Defaults of the daily backup (GONGKAI_BACKUP*); the county admin's saved settings take precedence. */
  backup: BackupDefaults;
  /**
   * How often (ms) each process re-reads the public page cache's stamp (platform/views/page-cache.ts), i.e. how
   * soon a change made by another process or straight in the database shows: `GONGKAI_PAGE_CACHE_CHECK_MS`,
   * default 1000. The browser tests set 0 (every public request re-reads it) instead of waiting a second.
   */
  pageCacheCheckMs?: number;
}

export interface BackupDefaults {
  /** GONGKAI_BACKUP=0 turns the daily backup off until the county admin turns it on. Default on. */
  enabled: boolean;
  /** GONGKAI_BACKUP_DIR, default `<data dir>/backups` (absolute). */
  directory: string;
  /** GONGKAI_BACKUP_KEEP: archives kept in the directory, default 7. */
  keep: number;
  /** GONGKAI_BACKUP_HOUR: China-local hour of the daily run, default 2 (02:00). */
  hour: number;
}

/** tls = implicit TLS (usually port 465); starttls = plain connect then STARTTLS, required (587/25); none = no encryption (local relays only). */
export type SmtpSecurity = 'tls' | 'starttls' | 'none';
export const SMTP_SECURITY: readonly SmtpSecurity[] = ['tls', 'starttls', 'none'];

export interface SmtpConfig {
  host: string | null;
  port: number;
  security: SmtpSecurity;
  user: string | null;
  password: string | null;
  from: string | null;
}

export class ConfigError extends Error {}

function parseIntStrict(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<AppConfig> = {}): AppConfig {
  const port = overrides.port ?? parseIntStrict('PORT', env.PORT ?? '3000', 0, 65535);
  const host = overrides.host ?? (env.HOST || '127.0.0.1');
  const dataDir = path.resolve(overrides.dataDir ?? env.GONGKAI_DATA_DIR ?? 'data');
  const databaseUrl = overrides.databaseUrl !== undefined ? overrides.databaseUrl : env.DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://, got "${databaseUrl.split(':')[0]}:…"`);
  }
  const logLevel = (overrides.logLevel ?? env.LOG_LEVEL ?? 'info') as AppConfig['logLevel'];
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of fatal,error,warn,info,debug,silent, got "${logLevel}"`);
  }
  const baseUrl = (overrides.baseUrl ?? env.GONGKAI_BASE_URL ?? `http://localhost:${port || 3000}`).replace(/\/$/, '');
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    demo: overrides.demo ?? env.GONGKAI_DEMO !== '0',
    baseUrl,
    secureCookies: overrides.secureCookies ?? env.GONGKAI_SECURE_COOKIES === '1',
    logLevel,
    sessionHours: overrides.sessionHours ?? parseIntStrict('GONGKAI_SESSION_HOURS', env.GONGKAI_SESSION_HOURS ?? '12', 1, 24 * 30),
    login: overrides.login ?? {
      freeAttempts: parseIntStrict('GONGKAI_LOGIN_ATTEMPTS', env.GONGKAI_LOGIN_ATTEMPTS ?? '5', 1, 1000),
      addressLimit: parseIntStrict('GONGKAI_LOGIN_ADDRESS_ATTEMPTS', env.GONGKAI_LOGIN_ADDRESS_ATTEMPTS ?? '100', 1, 100_000),
      alarmAfter: parseIntStrict('GONGKAI_LOGIN_ALARM', env.GONGKAI_LOGIN_ALARM ?? '20', 1, 100_000),
    },
    jobs: overrides.jobs ?? env.GONGKAI_JOBS !== '0',
    webhookAllowLoopback: overrides.webhookAllowLoopback ?? env.GONGKAI_WEBHOOK_ALLOW_LOOPBACK === '1',
    smtp: overrides.smtp ?? smtpFromEnv(env),
    backup: overrides.backup ?? {
      enabled: env.GONGKAI_BACKUP !== '0',
      directory: path.resolve(env.GONGKAI_BACKUP_DIR || path.join(dataDir, 'backups')),
      keep: parseIntStrict('GONGKAI_BACKUP_KEEP', env.GONGKAI_BACKUP_KEEP || '7', 1, 365),
      hour: parseIntStrict('GONGKAI_BACKUP_HOUR', env.GONGKAI_BACKUP_HOUR || '2', 0, 23),
    },
    pageCacheCheckMs: overrides.pageCacheCheckMs ?? parseIntStrict('GONGKAI_PAGE_CACHE_CHECK_MS', env.GONGKAI_PAGE_CACHE_CHECK_MS || '1000', 0, 60_000),
  };
}

function smtpFromEnv(env: NodeJS.ProcessEnv): SmtpConfig {
  const security = (env.GONGKAI_SMTP_SECURITY || 'starttls') as SmtpSecurity;
  if (!SMTP_SECURITY.includes(security)) throw new ConfigError(`GONGKAI_SMTP_SECURITY must be one of ${SMTP_SECURITY.join(',')}, got "${security}"`);
  const port = parseIntStrict('GONGKAI_SMTP_PORT', env.GONGKAI_SMTP_PORT || (security === 'tls' ? '465' : '587'), 1, 65535);
  return {
    host: env.GONGKAI_SMTP_HOST || null,
    port,
    security,
    user: env.GONGKAI_SMTP_USER || null,
    password: env.GONGKAI_SMTP_PASSWORD || null,
    from: env.GONGKAI_SMTP_FROM || null,
  };
}
