/**
 * A human check that needs no third-party service: an addition question whose operands and expiry are
 * signed with an HMAC key kept in app_settings (shared by every process). The answer is checked against
 * the signed operands; nothing is stored per question.
 */
import crypto from 'node:crypto';
import type { Executor } from '../../platform/db/database.ts';
import { insertSettingIfAbsent, readSetting } from '../../platform/db/settings.ts';

export const HUMAN_CHECK_KEY = 'requests.humanCheckKey';
const VALID_MS = 30 * 60_000;

/**
 * Creates the signing key if there is none (the module's baseline seed, at every start: reads never
 * write). Two processes starting at once keep whichever key was stored first.
 */
export async function ensureHumanCheckKey(db: Executor, now: Date): Promise<void> {
  const fresh = crypto.randomBytes(32).toString('hex');
  await insertSettingIfAbsent(db, HUMAN_CHECK_KEY, JSON.stringify(fresh), now.toISOString());
}

async function key(db: Executor, now: Date): Promise<Buffer> {
  const row = await readSetting(db, HUMAN_CHECK_KEY);
  if (!row) throw new Error(`app setting ${HUMAN_CHECK_KEY} missing (created by the requests module's baseline seed at start; now ${now.toISOString()})`);
  return Buffer.from(JSON.parse(row.value_json) as string, 'hex');
}

const sign = (k: Buffer, payload: string) => crypto.createHmac('sha256', k).update(payload).digest('base64url');

export interface HumanCheck {
  token: string;
  question: string;
}

export async function issueHumanCheck(db: Executor, now: Date): Promise<HumanCheck> {
  const k = await key(db, now);
  const a = 2 + crypto.randomInt(18);
  const b = 1 + crypto.randomInt(9);
  const payload = `${a}.${b}.${now.getTime() + VALID_MS}.${crypto.randomBytes(6).toString('base64url')}`;
  return { token: `${payload}.${sign(k, payload)}`, question: `${a} 加 ${b} 等于几？` };
}

export async function verifyHumanCheck(db: Executor, now: Date, token: string, answer: string): Promise<'ok' | 'wrong' | 'expired'> {
  const parts = token.split('.');
  if (parts.length !== 5) return 'wrong';
  const payload = parts.slice(0, 4).join('.');
  const k = await key(db, now);
  const expected = Buffer.from(sign(k, payload));
  const given = Buffer.from(parts[4]);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return 'wrong';
  if (Number(parts[2]) < now.getTime()) return 'expired';
  return Number(answer.trim()) === Number(parts[0]) + Number(parts[1]) && /^\d+$/.test(answer.trim()) ? 'ok' : 'wrong';
}
