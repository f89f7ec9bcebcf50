/**
 * Test-only generators with their OWN check-digit arithmetic (written from the standards' definitions, not
 * imported from pii-patterns.ts), so a bug in the production validators cannot hide behind the same bug here.
 */

/** Deterministic PRNG (the platform's mulberry32). */
export { seededRandom as prng } from '../../../platform/seeded-random.ts';

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

function digits(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(rand() * 10));
  return s;
}

/** GB 11643 defines W_i = 2^(i-1) mod 11 (i counted from the right, check position i = 1) and a_1 = (12 - S mod 11) mod 11. */
export function refIdCheck(first17: string): string {
  let s = 0;
  for (let pos = 0; pos < 17; pos++) {
    const i = 18 - pos; // position counted from the right
    s += Number(first17[pos]) * (2 ** (i - 1) % 11);
  }
  const a1 = (12 - (s % 11)) % 11;
  return a1 === 10 ? 'X' : String(a1);
}

/** Luhn check digit to append, computed the "double every second digit from the right of the payload" way. */
export function refLuhnCheck(payload: string): string {
  let s = 0;
  const rev = payload.split('').reverse();
  rev.forEach((ch, i) => {
    const d = Number(ch) * (i % 2 === 0 ? 2 : 1);
    s += Math.floor(d / 10) + (d % 10);
  });
  return String((10 - (s % 10)) % 10);
}

const AREAS = ['321323', '321302', '320102', '110105', '440106', '510104', '650102', '820000', '370202'];

export function randomId(rand: () => number): string {
  const year = 1900 + Math.floor(rand() * 124); // up to 2023
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  const first17 = `${pick(rand, AREAS)}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${digits(rand, 3)}`;
  return first17 + refIdCheck(first17);
}

export function randomMobile(rand: () => number): string {
  return `1${pick(rand, ['3', '4', '5', '6', '7', '8', '9'])}${digits(rand, 9)}`;
}

/** A UnionPay-style card ("62" is no province code, so it can never also be a resident ID). */
export function randomCard(rand: () => number, length = 16 + Math.floor(rand() * 4)): string {
  const payload = `62${digits(rand, length - 3)}`;
  return payload + refLuhnCheck(payload);
}

export function groupBy4(s: string, sep: string): string {
  return s.match(/.{1,4}/g)!.join(sep);
}

export function toFullWidth(s: string): string {
  return s.replace(/[0-9Xx+\-()]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}
