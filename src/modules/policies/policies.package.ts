/**
 * An import package (.zip): the county's policy sheet with the attachment files of its documents. The sheet is the
 * one .xlsx or .csv at the top level of the package; attachments lie in folders (e.g. 附件/…) and each row lists its
 * files in the 附件 column by name (or by path inside the package, where two files share a name). Every file is read
 * with a running size count (a file is never inflated past the limit, so a zip bomb stops at the limit), its type is
 * sniffed from its bytes as for every upload, and nothing is stored here: the import checks all rows and files first.
 */
import JSZip from 'jszip';
import { fail, ok, type Result } from '../../platform/result.ts';

/** A package's whole unpacked size (a county choice: about a hundred scanned documents). */
export const MAX_PACKAGE_BYTES = 100 * 1024 * 1024;
export const MAX_PACKAGE_FILES = 1000;

export interface PackageFile {
  /** Path inside the package, '/'-separated, NFC. */
  path: string;
  /** The last part of the path. */
  name: string;
  /** The bytes, or null when the file is over `maxFileBytes` (not read further). */
  buffer: Buffer | null;
}

/** Windows zip tools write names in the local code page (GBK) without the UTF-8 flag. */
const decodeName = (bytes: string[] | Uint8Array | Buffer) => {
  const b = Buffer.from(bytes as Uint8Array);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return new TextDecoder('gbk').decode(b);
  }
};

/** Junk that archivers add (macOS resource forks, Finder and Explorer files): skipped. */
const isJunk = (path: string) => path.startsWith('__MACOSX/') || /(^|\/)(\.DS_Store|Thumbs\.db|desktop\.ini)$/i.test(path) || /(^|\/)\._/.test(path);

/** JSZip's streaming reader of one entry (present at run time, missing from its type declarations). */
interface EntryStream {
  on(event: 'data', fn: (chunk: Uint8Array) => void): EntryStream;
  on(event: 'error', fn: (e: Error) => void): EntryStream;
  on(event: 'end', fn: () => void): EntryStream;
  pause(): EntryStream;
  resume(): EntryStream;
}

/** Reads one entry up to `max` bytes; null when it is larger. */
function readCapped(entry: JSZip.JSZipObject, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let done = false;
    const stream = (entry as unknown as { internalStream(type: 'uint8array'): EntryStream }).internalStream('uint8array');
    stream
      .on('data', (chunk) => {
        if (done) return;
        size += chunk.length;
        if (size > max) {
          done = true;
          stream.pause();
          resolve(null);
          return;
        }
        chunks.push(chunk);
      })
      .on('error', (e) => {
        if (!done) reject(e);
        done = true;
      })
      .on('end', () => {
        if (!done) resolve(Buffer.concat(chunks));
        done = true;
      })
      .resume();
  });
}

/** Every file of the package (folders and archiver junk left out), each read up to `maxFileBytes`. */
export async function readPackage(buffer: Buffer, maxFileBytes: number): Promise<Result<PackageFile[]>> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer, { decodeFileName: decodeName });
  } catch {
    return fail(400, 'IMPORT_UNREADABLE', '无法读取压缩包，请重新压缩为 .zip 文件后上传');
  }
  const entries = Object.values(zip.files).filter((e) => !e.dir && !isJunk(e.name));
  if (entries.length > MAX_PACKAGE_FILES) return fail(413, 'PACKAGE_TOO_LARGE', `压缩包中的文件超过 ${MAX_PACKAGE_FILES} 个，请分批导入`);
  const out: PackageFile[] = [];
  let total = 0;
  for (const e of entries) {
    const path = e.name.normalize('NFC').replace(/\\/g, '/');
    if (path.split('/').some((p) => p === '..')) return fail(400, 'IMPORT_UNREADABLE', `压缩包中的路径“${path}”不正确`);
    let content: Buffer | null;
    try {
      content = await readCapped(e, maxFileBytes);
    } catch {
      return fail(400, 'IMPORT_UNREADABLE', `压缩包中的文件“${path}”已损坏，无法读取`);
    }
    total += content?.length ?? maxFileBytes;
    if (total > MAX_PACKAGE_BYTES) return fail(413, 'PACKAGE_TOO_LARGE', `压缩包解压后超过 ${MAX_PACKAGE_BYTES / 1024 / 1024} MB，请分批导入`);
    out.push({ path, name: path.split('/').pop()!, buffer: content });
  }
  return ok(out);
}
