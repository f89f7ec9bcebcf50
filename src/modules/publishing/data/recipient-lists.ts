/**
 * Recipient lists (低保, 特困供养, 补贴 …): which columns may be published, per list type (configuration as data).
 *
 * Legal basis (domain.md §6): 《社会救助暂行办法》第11条 (低保 results are published in the village), 第61条 (keep
 * personal information confidential except what must be published); 《个人信息保护法》第25条/第28条. Practice for
 * 低保 lists: publish only 户主（持证人）姓名、保障人口、家庭月保障金额、所在地 — no address, ID number, phone,
 * property or income. Every other column of an uploaded list is DROPPED before anything is stored.
 *
 * Names are published as written (domain.md: the 低保 list names the household head); the personal-data
 * scanner still runs on every remaining cell, so an ID number typed into an allowed column blocks the gate.
 */
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../../platform/lazy-libs.ts';

export interface RecipientColumn {
  /** The published header. */
  header: string;
  /** Other headers clerks use for the same column. */
  aliases: readonly string[];
  required: boolean;
}

export interface RecipientListType {
  key: string;
  label: string;
  /** Where the column set comes from. */
  source: string;
  columns: readonly RecipientColumn[];
}

const col = (header: string, aliases: string[] = [], required = true): RecipientColumn => ({ header, aliases, required });

export const RECIPIENT_LIST_TYPES: readonly RecipientListType[] = [
  {
    key: 'dibao',
    label: '最低生活保障',
    // domain.md §6: 持证人姓名、保障人口、家庭月保障金额、所在地 (北京 2013 rule; 台州 practice).
    source: 'domain.md §6',
    columns: [col('户主姓名', ['持证人姓名', '户主', '姓名']), col('保障人数', ['保障人口', '家庭保障人数']), col('月保障金额（元）', ['月保障金额', '家庭月保障金额', '保障金额']), col('所在村（居）', ['所在村', '所在社区', '村（居）', '村居'])],
  },
  {
    key: 'tekun',
    label: '特困人员供养',
    // Configurable default (not given by domain.md): mirrors the 低保 allow-list.
    source: '可配置的默认值',
    columns: [col('姓名', ['供养人员姓名']), col('供养方式', ['供养形式'], false), col('月供养金额（元）', ['月供养金额', '供养金额']), col('所在村（居）', ['所在村', '所在社区', '村（居）', '村居'])],
  },
  {
    key: 'butie',
    label: '惠农补贴发放',
    // Configurable default (not given by domain.md).
    source: '可配置的默认值',
    columns: [col('姓名', ['农户姓名', '户主姓名']), col('补贴项目', ['补贴类别', '项目'], false), col('补贴面积（亩）', ['补贴面积', '面积（亩）', '面积'], false), col('补贴金额（元）', ['补贴金额', '金额（元）', '金额']), col('所在村（居）', ['所在村', '所在社区', '村（居）', '村居'])],
  },
];

export function recipientListType(key: string): RecipientListType | undefined {
  return RECIPIENT_LIST_TYPES.find((t) => t.key === key);
}

/** Header comparison: spaces (also full-width) removed, full-width brackets → ASCII, 元/亩 units kept. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/[\s\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\*/g, '')
    .toLowerCase();
}

export interface RecipientParseProblem {
  row: number;
  column: string;
  message: string;
}

export type RecipientParseResult =
  | { ok: true; columns: string[]; rows: string[][]; dropped: string[] }
  | { ok: false; problems: RecipientParseProblem[] };

export const MAX_RECIPIENT_ROWS = 10_000;

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result);
    if ('text' in v) return String(v.text);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
  }
  return String(v).trim();
}

/**
 * The first worksheet: the header row is the first of the first 20 rows naming at least two allowed columns.
 * Allowed columns are kept (in the configured order, under the configured header); every other column is dropped
 * and reported by its header text. Blank rows are ignored.
 */
export async function parseRecipientList(buffer: Buffer, type: RecipientListType): Promise<RecipientParseResult> {
  const wb = newWorkbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problems: [{ row: 0, column: '', message: '无法读取该 Excel 文件，请另存为 .xlsx 后重新上传' }] };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { ok: false, problems: [{ row: 0, column: '', message: '工作簿中没有工作表' }] };
  const wanted = type.columns.map((c) => ({ c, names: [c.header, ...c.aliases].map(normalizeHeader) }));
  let headerRow = 0;
  let mapping: (number | null)[] = [];
  let headers: string[] = [];
  for (let r = 1; r <= Math.min(20, ws.rowCount); r++) {
    const cells = (ws.getRow(r).values as ExcelJS.CellValue[]).slice(1).map(text);
    const map = cells.map((h) => {
      const n = normalizeHeader(h);
      const i = n ? wanted.findIndex((w) => w.names.includes(n)) : -1;
      return i >= 0 ? i : null;
    });
    if (map.filter((m) => m !== null).length >= 2) {
      headerRow = r;
      mapping = map;
      headers = cells;
      break;
    }
  }
  const allowed = type.columns.map((c) => c.header).join('、');
  if (!headerRow) return { ok: false, problems: [{ row: 0, column: '', message: `没有找到表头行：前20行中应有“${allowed}”等栏目名称` }] };
  const missing = wanted.filter((w, i) => w.c.required && !mapping.includes(i)).map((w) => w.c.header);
  if (missing.length) return { ok: false, problems: [{ row: headerRow, column: '', message: `第${headerRow}行表头缺少必填栏目：${missing.join('、')}` }] };
  const dup = wanted.find((_w, i) => mapping.filter((m) => m === i).length > 1);
  if (dup) return { ok: false, problems: [{ row: headerRow, column: '', message: `第${headerRow}行表头中“${dup.c.header}”出现了不止一次` }] };
  const present = type.columns.map((_c, i) => i).filter((i) => mapping.includes(i));
  const dropped = headers.filter((h, i) => h.trim() !== '' && mapping[i] === null);
  const rows: string[][] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const cells = (ws.getRow(r).values as ExcelJS.CellValue[]).slice(1).map(text);
    const kept = present.map((ci) => cells[mapping.indexOf(ci)] ?? '');
    if (kept.every((v) => v === '')) continue;
    rows.push(kept);
    if (rows.length > MAX_RECIPIENT_ROWS) return { ok: false, problems: [{ row: r, column: '', message: `名单超过 ${MAX_RECIPIENT_ROWS} 行，请分批公开` }] };
  }
  if (rows.length === 0) return { ok: false, problems: [{ row: headerRow, column: '', message: '表头下方没有任何数据行' }] };
  return { ok: true, columns: present.map((i) => type.columns[i].header), rows, dropped };
}
