/**
 * Catalog ⇄ .xlsx in the standard column layout (domain.md §4.2), one worksheet per domain
 * (领域/类别), readable by a person and re-importable without loss:
 *
 *   序号 | 公开事项: 一级事项 | 二级事项 | 公开内容（要素） | 公开依据 | 公开时限 | 公开主体 | 公开渠道和载体 |
 *   公开对象: 全社会 | 特定群体 | 公开方式: 主动 | 依申请公开 | 公开层级: 县级 | 乡级 | 村级 |
 *   then three columns the printed catalogs keep elsewhere: 公示期 | 来源 | 事项编码
 *
 * Lists (要素, 依据, 渠道) are one entry per line inside the cell; tick-box columns carry "√".
 * Pure functions: no database; the routes decide which version the rows go into.
 */
import type ExcelJS from 'exceljs';
import type { Audience, CatalogItem, CatalogKind, DisclosureLevel, DisclosureMode } from './catalog.types.ts';
import { describeDisplayRule, describeTimeRule, formatChannels, parseChannels, parseDisplayRule, parseTimeRule } from './catalog.text.ts';
import { newWorkbook } from '../../platform/lazy-libs.ts';
import type { ImportProblem } from './catalog.schemas.ts';

interface Column {
  key: string;
  group: string | null;
  header: string;
  width: number;
}

const COLUMNS: Column[] = [
  { key: 'seq', group: null, header: '序号', width: 6 },
  { key: 'level1', group: '公开事项', header: '一级事项', width: 14 },
  { key: 'level2', group: '公开事项', header: '二级事项', width: 16 },
  { key: 'elements', group: null, header: '公开内容（要素）', width: 36 },
  { key: 'bases', group: null, header: '公开依据', width: 36 },
  { key: 'timeRule', group: null, header: '公开时限', width: 26 },
  { key: 'subject', group: null, header: '公开主体', width: 20 },
  { key: 'channels', group: null, header: '公开渠道和载体', width: 26 },
  { key: 'audiencePublic', group: '公开对象', header: '全社会', width: 7 },
  { key: 'audienceSpecific', group: '公开对象', header: '特定群体', width: 7 },
  { key: 'modeProactive', group: '公开方式', header: '主动', width: 7 },
  { key: 'modeOnRequest', group: '公开方式', header: '依申请公开', width: 8 },
  { key: 'levelCounty', group: '公开层级', header: '县级', width: 6 },
  { key: 'levelTownship', group: '公开层级', header: '乡级', width: 6 },
  { key: 'levelVillage', group: '公开层级', header: '村级', width: 6 },
  { key: 'display', group: null, header: '公示期', width: 18 },
  { key: 'source', group: null, header: '来源', width: 30 },
  { key: 'key', group: null, header: '事项编码', width: 22 },
];

const TICK = '√';
const TITLE_ROW = 1;
const GROUP_ROW = 2;
const HEADER_ROW = 3;
const FIRST_DATA_ROW = 4;

function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Excel limits sheet names to 31 characters without []:*?/\ — domain names are far shorter. */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, '·').slice(0, 31);
}

export interface ExportOptions {
  /** e.g. "泗阳县基层政务公开标准目录". */
  title: string;
  /** Domains in display order; a sheet is written for each domain that has items. */
  domains: { code: string; name: string }[];
  /** Version label printed in the title row, e.g. "第2版（2026-07-01起施行）". */
  versionLabel?: string;
}

export async function exportCatalogXlsx(items: CatalogItem[], opts: ExportOptions): Promise<Buffer> {
  const wb = newWorkbook();
  wb.creator = 'Gongkai 公开';
  for (const domain of opts.domains) {
    const rows = items.filter((i) => i.domainCode === domain.code).sort((a, b) => a.sort - b.sort);
    if (rows.length === 0) continue;
    const ws = wb.addWorksheet(sheetName(domain.name), { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
    ws.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));
    const last = columnLetter(COLUMNS.length - 1);
    ws.mergeCells(`A${TITLE_ROW}:${last}${TITLE_ROW}`);
    const title = ws.getCell(`A${TITLE_ROW}`);
    title.value = `${opts.title}（${domain.name}）${opts.versionLabel ? ` ${opts.versionLabel}` : ''}`;
    title.font = { bold: true, size: 14 };
    title.alignment = { horizontal: 'center' };
    // Two header rows: groups (公开事项, 公开对象, 公开方式, 公开层级) over their sub-columns.
    COLUMNS.forEach((c, i) => {
      const letter = columnLetter(i);
      if (!c.group) {
        ws.mergeCells(`${letter}${GROUP_ROW}:${letter}${HEADER_ROW}`);
        ws.getCell(`${letter}${GROUP_ROW}`).value = c.header;
      } else {
        ws.getCell(`${letter}${HEADER_ROW}`).value = c.header;
      }
    });
    for (const group of ['公开事项', '公开对象', '公开方式', '公开层级']) {
      const idx = COLUMNS.map((c, i) => (c.group === group ? i : -1)).filter((i) => i >= 0);
      ws.mergeCells(`${columnLetter(idx[0])}${GROUP_ROW}:${columnLetter(idx[idx.length - 1])}${GROUP_ROW}`);
      ws.getCell(`${columnLetter(idx[0])}${GROUP_ROW}`).value = group;
    }
    for (const r of [GROUP_ROW, HEADER_ROW]) {
      const row = ws.getRow(r);
      row.font = { bold: true };
      row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    }
    rows.forEach((item, n) => {
      const row = ws.getRow(FIRST_DATA_ROW + n);
      row.values = {
        seq: n + 1,
        level1: item.level1,
        level2: item.level2,
        elements: item.elements.join('\n'),
        bases: item.bases.join('\n'),
        timeRule: describeTimeRule(item.timeRule),
        subject: item.subject,
        channels: formatChannels(item.channels),
        audiencePublic: item.audience === 'public' ? TICK : '',
        audienceSpecific: item.audience === 'specific' ? TICK : '',
        modeProactive: item.mode === 'proactive' ? TICK : '',
        modeOnRequest: item.mode === 'on_request' ? TICK : '',
        levelCounty: item.levels.includes('county') ? TICK : '',
        levelTownship: item.levels.includes('township') ? TICK : '',
        levelVillage: item.levels.includes('village') ? TICK : '',
        display: describeDisplayRule(item.displayRule),
        source: item.source,
        key: item.key,
      };
      row.alignment = { vertical: 'top', wrapText: true };
    });
    const lastRow = FIRST_DATA_ROW + rows.length - 1;
    for (let r = GROUP_ROW; r <= lastRow; r++) {
      for (let c = 0; c < COLUMNS.length; c++) {
        ws.getCell(`${columnLetter(c)}${r}`).border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
      }
    }
    ws.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  }
  if (wb.worksheets.length === 0) {
    const ws = wb.addWorksheet('目录');
    ws.getCell('A1').value = `${opts.title}：没有符合条件的事项`;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An item read from a file: everything but the row id (the import decides the version). */
export type ImportedItem = Omit<CatalogItem, 'id' | 'key'> & { key: string | null; sheet: string; row: number };

/** One problem of the file (catalog.schemas.ts: row 0 is a sheet-level problem, an empty column a row's). */
export type { ImportProblem };

export type ParseResult = { ok: true; items: ImportedItem[] } | { ok: false; problems: ImportProblem[] };

/** Plain text of a cell (rich text, formulas with cached results, numbers). */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v)
    return v.richText
      .map((p) => p.text)
      .join('')
      .trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  return String(cell.text ?? '').trim();
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n|；|;/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const MAX_ROWS = 5000;

/**
 * Reads every worksheet. Any problem anywhere (unknown domain, missing column, unparseable time
 * limit, duplicate item…) is collected; the caller imports nothing unless the list is empty.
 */
export async function parseCatalogXlsx(buffer: Buffer, opts: { catalog: CatalogKind; domains: { code: string; name: string }[] }): Promise<ParseResult> {
  const wb = newWorkbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problems: [{ sheet: '', row: 0, column: '', message: '文件无法读取：不是有效的 .xlsx 工作簿' }] };
  }
  const problems: ImportProblem[] = [];
  const items: ImportedItem[] = [];
  const byName = new Map(opts.domains.map((d) => [sheetName(d.name), d]));
  const seenKeys = new Map<string, string>();
  const seenNames = new Map<string, string>();
  let rowsRead = 0;
  if (wb.worksheets.length === 0) problems.push({ sheet: '', row: 0, column: '', message: '工作簿中没有工作表' });
  for (const ws of wb.worksheets) {
    const domain = byName.get(ws.name.trim());
    if (!domain) {
      problems.push({
        sheet: ws.name,
        row: 0,
        column: '',
        message: `未知的领域/类别“${ws.name}”：工作表名称须为目录中的领域名称（${opts.domains.map((d) => d.name).join('、')}）`,
      });
      continue;
    }
    // Header check: every expected column under its expected label.
    let headerOk = true;
    COLUMNS.forEach((c, i) => {
      const letter = columnLetter(i);
      const found = c.group
        ? cellText(ws.getCell(`${letter}${HEADER_ROW}`))
        : cellText(ws.getCell(`${letter}${GROUP_ROW}`)) || cellText(ws.getCell(`${letter}${HEADER_ROW}`));
      if (found !== c.header) {
        headerOk = false;
        problems.push({
          sheet: ws.name,
          row: c.group ? HEADER_ROW : GROUP_ROW,
          column: `${letter} ${c.header}`,
          message: found ? `第${letter}列应为“${c.header}”，实际为“${found}”` : `缺少“${c.header}”列（应在第${letter}列）`,
        });
      }
    });
    if (!headerOk) continue;
    for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r++) {
      const get = (key: string) => {
        const i = COLUMNS.findIndex((c) => c.key === key);
        return { text: cellText(ws.getCell(`${columnLetter(i)}${r}`)), where: `${columnLetter(i)} ${COLUMNS[i].header}` };
      };
      const texts = COLUMNS.map((c) => get(c.key).text);
      if (texts.every((t) => t === '')) continue;
      rowsRead += 1;
      if (rowsRead > MAX_ROWS) {
        problems.push({ sheet: ws.name, row: r, column: '', message: `事项超过${MAX_ROWS}行，请拆分后导入` });
        break;
      }
      const bad = (key: string, message: string) => problems.push({ sheet: ws.name, row: r, column: get(key).where, message });
      const level1 = get('level1').text;
      const level2 = get('level2').text;
      if (!level1) bad('level1', '一级事项不能为空');
      if (!level2) bad('level2', '二级事项不能为空');
      const time = parseTimeRule(get('timeRule').text);
      if (!time.ok) bad('timeRule', time.message);
      const display = parseDisplayRule(get('display').text);
      if (!display.ok) bad('display', display.message);
      const channels = parseChannels(get('channels').text);
      if (!channels.ok) bad('channels', channels.message);
      const tick = (key: string) => {
        const t = get(key).text;
        if (t !== '' && t !== TICK && t !== '✓' && t !== '✔') bad(key, `请填写“√”或留空，不能填写“${t}”`);
        return t !== '';
      };
      const pub = tick('audiencePublic');
      const spec = tick('audienceSpecific');
      if (pub === spec) bad('audiencePublic', '公开对象须且只能勾选“全社会”或“特定群体”之一');
      const pro = tick('modeProactive');
      const req = tick('modeOnRequest');
      if (pro === req) bad('modeProactive', '公开方式须且只能勾选“主动”或“依申请公开”之一');
      const levels: DisclosureLevel[] = [];
      if (tick('levelCounty')) levels.push('county');
      if (tick('levelTownship')) levels.push('township');
      if (tick('levelVillage')) levels.push('village');
      if (levels.length === 0) bad('levelCounty', '公开层级至少勾选一项');
      const elements = lines(get('elements').text);
      if (elements.length === 0) bad('elements', '公开内容（要素）不能为空');
      const bases = lines(get('bases').text);
      if (bases.length === 0) bad('bases', '公开依据不能为空');
      const subject = get('subject').text;
      if (!subject) bad('subject', '公开主体不能为空');
      const key = get('key').text || null;
      if (key && !/^[A-Za-z0-9:._-]{1,80}$/.test(key)) bad('key', '事项编码只能包含字母、数字和 : . _ -');
      if (key) {
        const prev = seenKeys.get(key);
        if (prev) bad('key', `事项编码“${key}”重复（与${prev}相同）`);
        else seenKeys.set(key, `工作表“${ws.name}”第${r}行`);
      }
      const nameKey = `${domain.code}|${level1}|${level2}`;
      const prevName = seenNames.get(nameKey);
      if (level1 && level2 && prevName) bad('level2', `事项“${level1} / ${level2}”重复（与${prevName}相同）`);
      else seenNames.set(nameKey, `第${r}行`);
      if (time.ok && display.ok && channels.ok) {
        items.push({
          key,
          catalog: opts.catalog,
          domainCode: domain.code,
          domainName: domain.name,
          level1,
          level2,
          elements,
          bases,
          timeRule: time.rule,
          displayRule: display.rule,
          subject,
          channels: channels.rule,
          audience: (spec ? 'specific' : 'public') as Audience,
          mode: (req ? 'on_request' : 'proactive') as DisclosureMode,
          levels,
          source: get('source').text || '表格导入',
          sort: items.filter((i) => i.domainCode === domain.code).length + 1,
          sheet: ws.name,
          row: r,
        });
      }
    }
  }
  if (problems.length === 0 && items.length === 0) problems.push({ sheet: '', row: 0, column: '', message: '文件中没有任何事项' });
  return problems.length ? { ok: false, problems } : { ok: true, items };
}
