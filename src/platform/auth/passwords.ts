import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP-recommended parameters (19 MiB, 2 iterations, 1 lane).
// algorithm 2 = Argon2id (the package's const enum cannot be imported under isolatedModules).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Rules shown to users when they choose a password. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return '密码至少需要10个字符';
  if (password.length > 200) return '密码不能超过200个字符';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码需同时包含字母和数字';
  return null;
}

/** A random password that satisfies `passwordProblem` (for seeded demo accounts and resets): 16 characters, ≈90 bits. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  for (;;) {
    let out = '';
    // Rejection sampling keeps every character equally likely.
    while (out.length < 16) {
      const b = crypto.randomBytes(1)[0];
      if (b < 256 - (256 % alphabet.length)) out += alphabet[b % alphabet.length];
    }
    const candidate = `${out.slice(0, 8)}-${out.slice(8)}`;
    if (passwordProblem(candidate) === null) return candidate;
  }
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
