/**
 * Content-addressed file store under `${dataDir}/files/<sha256[0..2]>/<sha256>`. A file is written to a
 * temporary name in the same directory and renamed into place (atomic on one file system), so a reader never
 * sees half a file. The same content is stored once. Storing content that is already there renews its
 * modification time: the daily sweep (sweep.ts) removes only files that no row references and that are older
 * than a day, so a file being stored for a row still in its transaction is never taken away underneath it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export const sha256Of = (buf: Buffer) => crypto.createHash('sha256').update(buf).digest('hex');

export const STORE_DIR = 'files';
export const SHA256_NAME = /^[0-9a-f]{64}$/;

export function storedPath(dataDir: string, sha256: string): string {
  if (!SHA256_NAME.test(sha256)) throw new Error('invalid sha256');
  return path.join(dataDir, STORE_DIR, sha256.slice(0, 2), sha256);
}

export async function storeFile(dataDir: string, buf: Buffer): Promise<string> {
  const sha = sha256Of(buf);
  const final = storedPath(dataDir, sha);
  try {
    // Already stored: mark it as just used. If a sweep moved it away a moment ago, this fails and it is written anew.
    const at = new Date();
    await fs.utimes(final, at, at);
    return sha;
  } catch {
    // not stored (or being swept): write it
  }
  await fs.mkdir(path.dirname(final), { recursive: true });
  const tmp = `${final}.${crypto.randomUUID()}.tmp`;
  await fs.writeFile(tmp, buf, { flag: 'wx' });
  await fs.rename(tmp, final);
  return sha;
}

/** Whether the store holds this content now (a caller that will discard what it stored new checks this first). */
export async function isStored(dataDir: string, sha256: string): Promise<boolean> {
  return fs.stat(storedPath(dataDir, sha256)).then(
    (st) => st.isFile(),
    () => false,
  );
}

export async function readStoredFile(dataDir: string, sha256: string): Promise<Buffer> {
  return fs.readFile(storedPath(dataDir, sha256));
}
