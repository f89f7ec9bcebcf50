/**
 * Importing a county's existing policy documents (issue 19 §1): an .xlsx or .csv sheet of policy metadata, one
 * document a row, so a county starts with its archive rather than empty. Every row is checked first (required
 * cells, real dates not after today, the county's 分类/主题/体裁, 文号 against the unit's 机关代字 and unique per issuer — in the
 * file and in the database); one bad cell answers 400 with every problem by line and column and nothing is saved.
 * Then all rows become policy drafts in one transaction (inBatch): a failure of any row undoes all of them. The
 * drafts go through the usual review and publication (publishing's workflow), so nothing reaches the public unseen.
 *
 * With attachments, the sheet and the files come as one .zip package (policies.package.ts) and each row lists its
 * files in the 附件 column. Every file is checked with the rows, as the attachment upload route checks one: its real
 * type from its bytes (PDF, Excel, Word, PNG, JPEG), at most 20 MB and 20 files a document; a file listed but missing,
 * named twice or not listed at all is a problem of the import. The files are added to the drafts with publishing's
 * addAttachment in the same batch, so the personal-data gate (text of Excel/Word scanned, PDFs and images checked by a
 * reviewer, file names too) holds them back at submission and publication like any attachment.
 */
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { inBatch, type CommandMeta } from '../../platform/command.ts';
import { isStored, sha256Of } from '../../platform/files/store.ts';
import { discardUnreferenced } from '../../platform/files/sweep.ts';
import { registeredModules } from '../../platform/module.ts';
import { isRealDate } from '../../platform/http/schemas.ts';
import { fail, ok, type Failure, type Result } from '../../platform/result.ts';
import { actorCoversPath, type Actor } from '../../platform/auth/roles.ts';
import { findUnit } from '../org/index.ts';
import { addAttachment, ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, sniffFileType, type AttachmentType } from '../publishing/index.ts';
import { readPackage, type PackageFile } from './policies.package.ts';
import { createPolicy, loadPolicySettings } from './policies.commands.ts';
import { parseDocNo } from './policies.rules.ts';
import { docNoTaken, prefixesOf } from './policies.repository.ts';
import { newWorkbook } from '../../platform/lazy-libs.ts';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 500;

/** The sheet's columns (header row, in this order in the template; the order in a file may differ). */
export const IMPORT_COLUMNS = [
  { key: 'title', header: '标题', required: true, max: 200 },
  { key: 'docNo', header: '文号', required: false, max: 60 },
  { key: 'issuerName', header: '发文机关', required: false, max: 100 },
  { key: 'writtenOn', header: '成文日期', required: true, max: 10 },
  { key: 'category', header: '分类', required: true, max: 40 },
  { key: 'topic', header: '主题', required: true, max: 40 },
  { key: 'genre', header: '体裁', required: true, max: 20 },
  { key: 'keywords', header: '关键词', required: false, max: 240 },
  { key: 'body', header: '正文', required: true, max: 100_000 },
  { key: 'attachments', header: '附件', required: false, max: 4000 },
] as const;

type ColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];
export interface ImportProblem {
  /** The row number in the file (the header is row 1 unless the sheet has a title above it). */
  line: number;
  column: string;
  message: string;
}

type Row = { line: number } & Record<ColumnKey, string>;

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}

async function readSheet(buffer: Buffer): Promise<Result<string[][]>> {
  const type = await sniffFileType(buffer);
  const wb = newWorkbook();
  try {
    if (type === 'xlsx') await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    else if (type === 'unknown') {
      // CSV: UTF-8 text (a BOM is dropped); a file in another encoding shows as replacement characters.
      const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
      if (text.includes('\uFFFD')) return fail(400, 'IMPORT_ENCODING', 'CSV 文件须为 UTF-8 编码（在 Excel 中“另存为 CSV UTF-8”）');
      await wb.csv.read(Readable.from([text]), { parserOptions: { delimiter: ',' } } as never);
    } else return fail(415, 'UNSUPPORTED_FILE_TYPE', '请上传 Excel（.xlsx）或 CSV 文件（按文件内容判断）');
  } catch {
    return fail(400, 'IMPORT_UNREADABLE', '无法读取文件，请用导入模板填写后上传 Excel（.xlsx）或 CSV（UTF-8）文件');
  }
  const ws = wb.worksheets[0];
  if (!ws) return fail(400, 'IMPORT_EMPTY', '文件中没有工作表');
  const rows: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(ws.columnCount, IMPORT_COLUMNS.length); c++) cells.push(cellText(row.getCell(c).value).trim());
    rows.push(cells);
  }
  return ok(rows);
}

/** Rows of the sheet under the header row (the first row, within 10, naming at least 标题 and 成文日期). */
export async function readImportRows(buffer: Buffer): Promise<Result<{ rows: Row[]; problems: ImportProblem[] }>> {
  const sheet = await readSheet(buffer);
  if (!sheet.ok) return sheet;
  const headerIndex = sheet.value.slice(0, 10).findIndex((r) => r.includes('标题') && r.includes('成文日期'));
  if (headerIndex < 0)
    return fail(400, 'IMPORT_NO_HEADER', `没有找到表头：第一行应为 ${IMPORT_COLUMNS.map((c) => c.header).join('、')}（带“标题”和“成文日期”）`);
  const header = sheet.value[headerIndex]!;
  const problems: ImportProblem[] = [];
  const colOf = new Map<ColumnKey, number>();
  for (const c of IMPORT_COLUMNS) {
    const i = header.indexOf(c.header);
    if (i >= 0) colOf.set(c.key, i);
    else if (c.required) problems.push({ line: headerIndex + 1, column: c.header, message: `第${headerIndex + 1}行 表头缺少“${c.header}”列` });
  }
  const rows: Row[] = [];
  sheet.value.slice(headerIndex + 1).forEach((cells, i) => {
    if (cells.every((x) => !x)) return; // blank lines are skipped
    const row = { line: headerIndex + 2 + i } as Row;
    for (const c of IMPORT_COLUMNS) row[c.key] = colOf.has(c.key) ? (cells[colOf.get(c.key)!] ?? '') : '';
    rows.push(row);
  });
  if (rows.length > MAX_IMPORT_ROWS) return fail(400, 'IMPORT_TOO_MANY_ROWS', `一次最多导入${MAX_IMPORT_ROWS}份文件（本文件有${rows.length}行），请分批导入`);
  return ok({ rows, problems });
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const bodyHtml = (text: string) =>
  text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('');
const keywordsOf = (s: string) =>
  s
    .split(/[、,，;；\s]+/)
    .map((k) => k.trim())
    .filter(Boolean);

/** Checks every row against the county's lists and the unit's 文号 rules; no database write. */
async function checkRows(ctx: AppContext, unitCode: string, rows: Row[], problems: ImportProblem[]): Promise<void> {
  const settings = await loadPolicySettings(ctx.db);
  const prefixes = await prefixesOf(ctx.db, unitCode);
  const seen = new Map<string, number>();
  const today = chinaDate(ctx.clock.now());
  const add = (r: Row, column: string, message: string) => problems.push({ line: r.line, column, message: `第${r.line}行 ${column}：${message}` });
  for (const r of rows) {
    for (const c of IMPORT_COLUMNS) {
      const v = r[c.key];
      if (c.required && !v) add(r, c.header, '不能为空');
      else if (v.length > c.max) add(r, c.header, `不超过${c.max}字（现有${v.length}字）`);
    }
    if (r.writtenOn && !isRealDate(r.writtenOn)) add(r, '成文日期', `“${r.writtenOn}”不是有效日期，请写成 2023-12-05 的形式`);
    else if (r.writtenOn > today) add(r, '成文日期', `“${r.writtenOn}”晚于今天，已有文件的成文日期不能在将来`);
    if (r.category && !settings.categories.includes(r.category)) add(r, '分类', `“${r.category}”不在本县的分类中（${settings.categories.join('、')}）`);
    if (r.topic && !settings.topics.includes(r.topic)) add(r, '主题', `“${r.topic}”不在本县的主题分类中`);
    if (r.genre && !settings.genres.includes(r.genre)) add(r, '体裁', `“${r.genre}”不在本县的体裁分类中（${settings.genres.join('、')}）`);
    const kws = keywordsOf(r.keywords);
    if (kws.length > 10 || kws.some((k) => k.length > 20)) add(r, '关键词', '最多10个，每个不超过20字，用顿号分隔');
    if (r.docNo && isRealDate(r.writtenOn)) {
      const d = parseDocNo(r.docNo, prefixes, r.writtenOn);
      if (!d.ok) add(r, '文号', d.message);
      else {
        const first = seen.get(d.value.docNo);
        if (first) add(r, '文号', `“${d.value.docNo}”与第${first}行重复`);
        else if (await docNoTaken(ctx.db, unitCode, d.value.docNo, null)) add(r, '文号', `“${d.value.docNo}”本单位已经使用过，同一发文机关的文号不能重复`);
        seen.set(d.value.docNo, r.line);
      }
    }
  }
}

const ATTACHMENT_TYPE_NAMES = 'PDF、Excel（.xlsx）、Word（.docx）、PNG、JPEG';
const MB = (n: number) => `${n / 1024 / 1024} MB`;

interface RowAttachment {
  buffer: Buffer;
  filename: string;
  type: AttachmentType;
}

/**
 * The files each row lists in 附件, found in the package and checked (type from the bytes, size, count); problems for
 * missing, ambiguous, oversized or unsupported files and for files of the package no row lists.
 */
async function checkAttachments(rows: Row[], files: PackageFile[] | null, problems: ImportProblem[]): Promise<Map<number, RowAttachment[]>> {
  const out = new Map<number, RowAttachment[]>();
  const used = new Set<string>();
  const add = (r: Row, message: string) => problems.push({ line: r.line, column: '附件', message: `第${r.line}行 附件：${message}` });
  for (const r of rows) {
    const names = r.attachments
      .split(/[、;；\r\n]+/)
      .map((n) => n.trim().normalize('NFC').replace(/\\/g, '/'))
      .filter(Boolean);
    if (!names.length) continue;
    if (!files) {
      add(r, '只上传表格时不能带附件；请把表格和附件文件一起压缩成一个 .zip 导入包上传');
      continue;
    }
    if (names.length > MAX_ATTACHMENTS) add(r, `每份文件最多 ${MAX_ATTACHMENTS} 个附件（列了 ${names.length} 个）`);
    const list: RowAttachment[] = [];
    const mine = new Set<string>();
    for (const n of names) {
      const byPath = files.filter((f) => f.path === n);
      const found = byPath.length ? byPath : files.filter((f) => f.name === n);
      if (found.length === 0) {
        add(r, `压缩包中没有文件“${n}”`);
        continue;
      }
      if (found.length > 1) {
        for (const x of found) used.add(x.path);
        add(r, `压缩包中有 ${found.length} 个名为“${n}”的文件，请写出文件夹路径（如 ${found[0]!.path}）`);
        continue;
      }
      const file = found[0]!;
      if (mine.has(file.path)) {
        add(r, `“${n}”列了两次`);
        continue;
      }
      mine.add(file.path);
      used.add(file.path);
      if (!file.buffer) {
        add(r, `“${n}”超过 ${MB(MAX_ATTACHMENT_BYTES)}，请压缩或拆分`);
        continue;
      }
      const type = await sniffFileType(file.buffer);
      if (!(ATTACHMENT_TYPES as readonly string[]).includes(type)) {
        add(r, `“${n}”不是可上传的文件类型（按文件内容判断，与文件名无关）；只能是 ${ATTACHMENT_TYPE_NAMES}`);
        continue;
      }
      list.push({ buffer: file.buffer, filename: file.name, type: type as AttachmentType });
    }
    out.set(r.line, list);
  }
  for (const f of files ?? [])
    if (!used.has(f.path)) problems.push({ line: 0, column: '附件', message: `压缩包中的文件“${f.path}”没有在任何一行的“附件”列中列出（多余的文件请删除）` });
  return out;
}

/** The sheet (and the package's files when it is a .zip import package). */
async function unpack(buffer: Buffer): Promise<Result<{ sheet: Buffer; files: PackageFile[] | null }>> {
  if ((await sniffFileType(buffer)) !== 'zip') {
    if (buffer.length > MAX_IMPORT_BYTES)
      return fail(413, 'FILE_TOO_LARGE', `导入表超过 ${MB(MAX_IMPORT_BYTES)}；带附件导入时请把表格和附件一起压缩成 .zip 导入包`);
    return ok({ sheet: buffer, files: null });
  }
  const pkg = await readPackage(buffer, MAX_ATTACHMENT_BYTES);
  if (!pkg.ok) return pkg;
  const sheets = pkg.value.filter((f) => !f.path.includes('/') && /\.(xlsx|csv)$/i.test(f.name));
  if (sheets.length !== 1)
    return fail(
      400,
      'IMPORT_PACKAGE_SHEET',
      sheets.length
        ? `压缩包最外层有 ${sheets.length} 个表格（${sheets.map((s) => s.name).join('、')}）；最外层只放一个导入表，附件放在文件夹里`
        : '压缩包最外层没有导入表：请把填好的导入表（.xlsx 或 .csv）放在最外层，附件放在文件夹里（如“附件/”）',
    );
  const sheet = sheets[0]!;
  if (!sheet.buffer || sheet.buffer.length > MAX_IMPORT_BYTES) return fail(413, 'FILE_TOO_LARGE', `导入表超过 ${MB(MAX_IMPORT_BYTES)}`);
  return ok({ sheet: sheet.buffer, files: pkg.value.filter((f) => f !== sheet) });
}

class RowFailure extends Error {
  constructor(
    readonly line: number,
    readonly failure: Failure,
  ) {
    super(failure.message);
  }
}

/** Who may import for the unit (its officer); checked before the file is read (outside the scope: 404). */
export async function authorizeImport(ctx: AppContext, actor: Actor, unitCode: string): Promise<Result<void>> {
  const unit = await findUnit(ctx.db, unitCode);
  if (!unit || !actorCoversPath(actor, unit.path)) return fail(404, 'UNIT_NOT_FOUND', `单位不存在：${unitCode}`);
  if (!actorCoversPath(actor, unit.path, ['unit_officer'])) return fail(403, 'FORBIDDEN', '政策文件由本单位经办人导入');
  if (unit.kind === 'village' || unit.kind === 'community')
    return fail(400, 'NOT_A_GOVERNMENT_UNIT', '政策文件由县政府、县政府部门和乡镇（街道）发布；村（社区）不导入政策文件');
  return ok(undefined);
}

/** Imports the sheet as policy drafts of the unit (its officer), all or nothing. */
export async function importPolicies(
  ctx: AppContext,
  meta: CommandMeta,
  unitCode: string,
  buffer: Buffer,
): Promise<Result<{ imported: number; ids: string[] }>> {
  const auth = await authorizeImport(ctx, meta.actor!, unitCode);
  if (!auth.ok) return auth;
  const unpacked = await unpack(buffer);
  if (!unpacked.ok) return unpacked;
  const read = await readImportRows(unpacked.value.sheet);
  if (!read.ok) return read;
  const { rows, problems } = read.value;
  if (rows.length === 0 && problems.length === 0) return fail(400, 'IMPORT_EMPTY', '表中没有要导入的文件（表头下面是空的）');
  await checkRows(ctx, unitCode, rows, problems);
  const attachments = await checkAttachments(rows, unpacked.value.files, problems);
  if (problems.length) {
    const first = problems.slice(0, 5).map((p) => p.message);
    return fail(400, 'IMPORT_INVALID', `导入文件有 ${problems.length} 处问题，未导入任何文件：${first.join('；')}${problems.length > 5 ? '；……' : ''}`, {
      problems,
    });
  }
  // Attachments new to the file store: a failed batch removes them at once (the daily sweep would, a day later).
  const contents = [...new Set([...attachments.values()].flat().map((a) => sha256Of(a.buffer)))];
  const fresh = (await Promise.all(contents.map(async (sha) => ((await isStored(ctx.config.dataDir, sha)) ? null : sha)))).filter((x) => x !== null);
  try {
    const ids = await inBatch(ctx, async (batch) => {
      const out: string[] = [];
      for (const r of rows) {
        const created = await createPolicy(batch, meta, {
          unitCode,
          title: r.title,
          formedOn: r.writtenOn,
          body: bodyHtml(r.body),
          docNo: r.docNo || null,
          issuerName: r.issuerName || undefined,
          writtenOn: r.writtenOn,
          category: r.category,
          topic: r.topic,
          genre: r.genre,
          keywords: keywordsOf(r.keywords),
        });
        if (!created.ok) throw new RowFailure(r.line, created);
        const id = created.value.disclosure.id;
        for (const a of attachments.get(r.line) ?? []) {
          const added = await addAttachment(batch, meta, id, a);
          if (!added.ok) throw new RowFailure(r.line, { ...added, message: `附件“${a.filename}”：${added.message}` });
        }
        out.push(id);
      }
      return out;
    });
    return ok({ imported: ids.length, ids });
  } catch (e) {
    if (fresh.length)
      await discardUnreferenced(
        ctx,
        registeredModules().flatMap((m) => m.storedFiles ?? []),
        fresh,
        'policy.import.failed',
      ).catch(() => undefined); // the answer stays the import's own failure; the daily sweep still removes what is left
    if (e instanceof RowFailure)
      return fail(e.failure.status, e.failure.code, `第${e.line}行：${e.failure.message}。未导入任何文件`, {
        problems: [{ line: e.line, column: '', message: `第${e.line}行：${e.failure.message}` }],
      });
    throw e;
  }
}

/** The template: the header row and one example row (a county choice of example, labelled as such). */
export async function importTemplate(): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet('政策文件');
  ws.addRow(IMPORT_COLUMNS.map((c) => c.header));
  ws.addRow([
    '（示例，导入前请删除本行）关于印发某某工作方案的通知',
    '某政办发〔2023〕1号',
    '',
    '2023-01-05',
    '政府办文件',
    '其他',
    '通知',
    '政务公开、标准化',
    '正文每段一行。',
    '（不带附件时留空；带附件时把本表和附件一起压缩成 .zip，附件放在“附件”文件夹，这里写文件名，多个用顿号分隔）',
  ]);
  ws.columns.forEach((c, i) => (c.width = i === 0 || i === 8 || i === 9 ? 48 : 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
