/**
 * Reading a multipart/form-data upload (one file plus text fields), with every way it can go wrong answered
 * as a 4xx with a plain Chinese message — never a 500 and never a misleading 413 (issue 13 §5):
 * - not multipart at all (a JSON or urlencoded body): 415 MULTIPART_REQUIRED;
 * - the file over the route's limit: 413 FILE_TOO_LARGE; more than one file, or too many fields: 413;
 * - a broken body (no boundary, truncated, malformed part headers): 400 MULTIPART_INVALID.
 * Size is checked while streaming (the file is never read past the limit).
 */
import type { FastifyRequest } from 'fastify';
import { fail, ok, type Result } from '../result.ts';

export interface UploadedFile {
  buffer: Buffer;
  filename: string | undefined;
}

export interface ReadUploadOptions {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** What is being uploaded, for the messages: 「附件」, 「身份证明文件」, 「.xlsx 文件」. */
  what: string;
  /** The form field of the file (default `file`); files under other names are read and dropped. */
  fileField?: string;
  /** Filled with the text fields as they are read, also when the upload then fails (a form page shows them again). */
  fields?: Record<string, string>;
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** One file (or none) and the text fields of a multipart request. */
export async function readUpload(
  request: FastifyRequest,
  opts: ReadUploadOptions,
): Promise<Result<{ file: UploadedFile | null; fields: Record<string, string> }>> {
  const field = opts.fileField ?? 'file';
  if (!request.isMultipart()) {
    return fail(
      415,
      'MULTIPART_REQUIRED',
      `请以 multipart/form-data 表单上传${opts.what}（文件字段 ${field}）；收到的请求内容类型是“${request.headers['content-type'] ?? '未注明'}”`,
    );
  }
  let file: UploadedFile | null = null;
  const fields: Record<string, string> = opts.fields ?? {};
  try {
    for await (const part of request.parts({ limits: { fileSize: opts.maxBytes } })) {
      if (part.type === 'file') {
        const buffer = await part.toBuffer();
        if (part.file.truncated) return fail(413, 'FILE_TOO_LARGE', `${opts.what}超过 ${mb(opts.maxBytes)}，请压缩或拆分后上传`);
        if (part.fieldname === field) file = { buffer, filename: part.filename };
      } else fields[part.fieldname] = String(part.value ?? '');
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') return fail(413, 'FILE_TOO_LARGE', `${opts.what}超过 ${mb(opts.maxBytes)}，请压缩或拆分后上传`);
    if (code === 'FST_FILES_LIMIT') return fail(413, 'TOO_MANY_FILES', `一次只能上传一个文件（${opts.what}）`);
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') return fail(413, 'FORM_TOO_LARGE', '表单中的字段过多，请检查后重新提交');
    // Anything else while parsing is a broken body: missing boundary, truncated upload, malformed part headers.
    return fail(400, 'MULTIPART_INVALID', `上传的表单数据不完整或格式有误，请重新选择${opts.what}后再提交`);
  }
  return ok({ file, fields });
}
