/**
 * The real type of an uploaded file from its first bytes: the file name and the browser's MIME type are never
 * trusted. Used by every route that takes an upload (attachments, 公开栏 photos, Excel imports, identity proofs,
 * 考评 evidence). Pure: a buffer in, a type out.
 */
import JSZip from 'jszip';

export type SniffedType = 'pdf' | 'xlsx' | 'docx' | 'png' | 'jpeg' | 'zip' | 'unknown';

function startsWith(buf: Buffer, bytes: readonly number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

/**
 * The file's real type from its first bytes. Office files are zips: a zip with `xl/workbook.xml` is xlsx, with
 * `word/document.xml` docx, any other readable zip is 'zip'; a file that starts like a zip but cannot be read is 'unknown'.
 */
export async function sniffFileType(buffer: Buffer): Promise<SniffedType> {
  if (startsWith(buffer, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(buffer, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(buffer, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(buffer, [0x50, 0x4b, 0x03, 0x04]) || startsWith(buffer, [0x50, 0x4b, 0x05, 0x06])) {
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(buffer);
    } catch {
      return 'unknown';
    }
    if (zip.file('xl/workbook.xml')) return 'xlsx';
    if (zip.file('word/document.xml')) return 'docx';
    return 'zip';
  }
  return 'unknown';
}
