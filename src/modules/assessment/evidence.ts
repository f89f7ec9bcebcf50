/**
 * Evidence (佐证材料) attached to manual scores, work-order responses and checklist items: an uploaded
 * file (type judged by content, size limited) or a link (http/https, or a path inside this system such as
 * `/disclosures/…` or `/admin/…`). Stored as JSON on the row that cites it.
 */
import type { Executor } from '../../platform/db/database.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { findFiles } from './assessment.repository.ts';

export const EVIDENCE_FILE_TYPES = ['pdf', 'png', 'jpeg', 'docx', 'xlsx'] as const;
export type EvidenceFileType = (typeof EVIDENCE_FILE_TYPES)[number];
export const EVIDENCE_TYPE_NAMES = 'PDF、PNG 图片、JPEG 图片、Word（.docx）、Excel（.xlsx）';
/** Photos of a notice board or a scanned ledger page fit well under this. */
export const MAX_EVIDENCE_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_EVIDENCE_ITEMS = 20;

export type Evidence = { kind: 'file'; fileId: string; name: string; type: string; size: number; url: string } | { kind: 'link'; url: string; label: string };

/** What a client sends: a file id from the upload endpoint, or a link with a label. */
export interface EvidenceInput {
  fileId?: string;
  url?: string;
  label?: string;
}

export const fileUrl = (id: string) => `/api/v1/assessments/evidence-files/${id}`;

/** A link must be http(s) or a path of this system; nothing else (javascript:, data:, …) is accepted. */
export function checkLink(url: string): boolean {
  if (url.length > 500) return false;
  if (/^\/(?!\/)[\x21-\x7e]*$/.test(url)) return true;
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !/\s/.test(url);
  } catch {
    return false;
  }
}

/**
 * Resolves evidence input into stored evidence. A file must have been uploaded for the unit the evidence is
 * about (`unitPath`) or a unit below it.
 */
export async function resolveEvidence(db: Executor, input: EvidenceInput[], unitPath: string, required: boolean): Promise<Result<Evidence[]>> {
  if (required && input.length === 0) return fail(400, 'EVIDENCE_REQUIRED', '请至少附上一项佐证材料（上传文件或填写链接）');
  if (input.length > MAX_EVIDENCE_ITEMS) return fail(400, 'TOO_MANY_EVIDENCE', `佐证材料最多${MAX_EVIDENCE_ITEMS}项`);
  const ids = input.filter((e) => e.fileId).map((e) => e.fileId!);
  const files = new Map((await findFiles(db, ids)).map((f) => [f.id, f]));
  const out: Evidence[] = [];
  for (const [i, e] of input.entries()) {
    if (e.fileId && e.url) return fail(400, 'INVALID_EVIDENCE', `第${i + 1}项佐证材料只能是文件或链接之一`);
    if (e.fileId) {
      const f = files.get(e.fileId);
      if (!f || !f.unit_path.startsWith(unitPath)) return fail(400, 'EVIDENCE_FILE_NOT_FOUND', `第${i + 1}项佐证文件不存在或不属于本单位，请重新上传`);
      out.push({ kind: 'file', fileId: f.id, name: f.name, type: f.type, size: f.size, url: fileUrl(f.id) });
    } else if (e.url) {
      const url = e.url.trim();
      if (!checkLink(url)) return fail(400, 'INVALID_LINK', `第${i + 1}项链接无效：只接受 http(s) 网址或本系统内以 / 开头的地址，最长500个字符`);
      const label = (e.label ?? '').trim();
      if (label.length > 100) return fail(400, 'INVALID_LINK', `第${i + 1}项链接的说明不能超过100个字符`);
      out.push({ kind: 'link', url, label: label || url });
    } else return fail(400, 'INVALID_EVIDENCE', `第${i + 1}项佐证材料是空的：请上传文件或填写链接`);
  }
  return ok(out);
}

export function parseEvidence(json: string): Evidence[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as Evidence[]) : [];
  } catch {
    return [];
  }
}
