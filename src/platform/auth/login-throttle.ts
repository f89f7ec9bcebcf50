/**
 * Sign-in throttling as rules (issue 13 §3). No account is ever locked: knowing a user name must not let
 * anyone keep its owner out.
 * - Account + address: after `freeAttempts` failures of one account from one address, each further try from
 *   that address must wait 1 s, 2 s, 4 s, … up to 15 minutes after the previous failure (growing delays).
 *   A success clears it. The same account from another address is not slowed.
 * - Address: `addressLimit` failures from one address within 15 minutes (any accounts) refuse further tries from
 *   it until the window has moved on (a password sprayer).
 * - Account alarm: `alarmAfter` failures of one account within 15 minutes, from any addresses, raise an alarm
 *   (audit event + notification to the county office) — and nothing else.
 * Only hashes of addresses are stored (login_attempts.bucket). Pure: time and counts are arguments.
 */

export interface LoginLimits {
  /** Failures of one account from one address before delays start. */
  freeAttempts: number;
  /** Failures from one address in ADDRESS_WINDOW_MS, whatever the accounts, before the address must wait. */
  addressLimit: number;
  /** Failures of one account in ALARM_WINDOW_MS, from all addresses, that raise the alarm. */
  alarmAfter: number;
}

export const ADDRESS_WINDOW_MS = 15 * 60_000;
export const ALARM_WINDOW_MS = 15 * 60_000;
/** Failures of an account + address pair count for a day (rows older than that are deleted). */
export const PAIR_WINDOW_MS = 24 * 3600_000;
export const MAX_DELAY_SECONDS = 15 * 60;

/** The wait after the `failures`-th failure of an account from one address (0 while within the free attempts). */
export function pairDelaySeconds(failures: number, freeAttempts: number): number {
  if (failures < freeAttempts) return 0;
  return Math.min(2 ** (failures - freeAttempts), MAX_DELAY_SECONDS);
}

export interface ThrottleFacts {
  now: number;
  /** Failures of this account from this address since its last success (within PAIR_WINDOW_MS). */
  pairFailures: number;
  lastPairFailureAt: number | null;
  /** Failures from this address within ADDRESS_WINDOW_MS, newest first (only the first `addressLimit` are needed). */
  addressFailuresNewestFirst: readonly number[];
}

export type ThrottleDecision = { ok: true } | { ok: false; code: 'LOGIN_DELAYED' | 'LOGIN_ADDRESS_LIMIT'; retryAfterSeconds: number; message: string };

export function waitText(seconds: number): string {
  return seconds < 60 ? `${seconds}秒` : `${Math.ceil(seconds / 60)}分钟`;
}

/** May a sign-in be tried now? Checked before the password is verified (a waiting try tests nothing). */
export function decideLogin(f: ThrottleFacts, limits: LoginLimits): ThrottleDecision {
  if (f.addressFailuresNewestFirst.length >= limits.addressLimit) {
    // The address may try again when the limit-th newest failure leaves the window.
    const releaseAt = f.addressFailuresNewestFirst[limits.addressLimit - 1] + ADDRESS_WINDOW_MS;
    const retryAfterSeconds = Math.max(1, Math.ceil((releaseAt - f.now) / 1000));
    return {
      ok: false,
      code: 'LOGIN_ADDRESS_LIMIT',
      retryAfterSeconds,
      message: `从您所在网络地址登录失败的次数过多，请${waitText(retryAfterSeconds)}后再试；如忘记密码，请联系管理员重置`,
    };
  }
  const delay = pairDelaySeconds(f.pairFailures, limits.freeAttempts);
  if (delay > 0 && f.lastPairFailureAt !== null) {
    const retryAt = f.lastPairFailureAt + delay * 1000;
    if (f.now < retryAt) {
      const retryAfterSeconds = Math.max(1, Math.ceil((retryAt - f.now) / 1000));
      return {
        ok: false,
        code: 'LOGIN_DELAYED',
        retryAfterSeconds,
        message: `该账号密码错误次数较多，为保护账号安全，请${waitText(retryAfterSeconds)}后再试；如忘记密码，请联系管理员重置`,
      };
    }
  }
  return { ok: true };
}

/** Whether this failure (the `accountFailures`-th in the window) should raise the alarm, given whether one was raised already. */
export function shouldAlarm(accountFailures: number, limits: LoginLimits, alreadyRaised: boolean): boolean {
  return !alreadyRaised && accountFailures >= limits.alarmAfter;
}
