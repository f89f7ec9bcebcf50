/**
 * Content-addressed file store under `${dataDir}/files/<sha256[0..2]>/<sha256>`. A file is written to a
 * temporary name in the same directory and renamed into place (atomic on one file system), so a reader never
 * sees half a file. The same content is stored once. A file whose database row was rolled back stays on disk
 * unreferenced (harmless; identical content reuses it).
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export const sha256Of = (buf: Buffer) => crypto.createHash('sha256').update(buf).digest('hex');

export function storedPath(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid sha256');
  return path.join(dataDir, 'files', sha256.slice(0, 2), sha256);
}

export async function storeFile(dataDir: string, buf: Buffer): Promise<string> {
  const sha = sha256Of(buf);
  const final = storedPath(dataDir, sha);
  try {
    await fs.access(final);
    return sha;
  } catch {
    // not stored yet
  }
  await fs.mkdir(path.dirname(final), { recursive: true });
  const tmp = `${final}.${crypto.randomUUID()}.tmp`;
  await fs.writeFile(tmp, buf, { flag: 'wx' });
  await fs.rename(tmp, final);
  return sha;
}

export async function readStoredFile(dataDir: string, sha256: string): Promise<Buffer> {
  return fs.readFile(storedPath(dataDir, sha256));
}
