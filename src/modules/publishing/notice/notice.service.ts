/**
 * From a published disclosure (its public, masked content) to the notice-board PDF: the body's
 * paragraphs and first table, the 公示期, where to ask, the supervision committee's sign-off taken
 * from the workflow history, the issuer and a QR code to the online record.
 */
import type { AppContext } from '../../../platform/context.ts';
import { chinaDate } from '../../../platform/context.ts';
import { fail, ok, type Result } from '../../../platform/result.ts';
import { findAncestors, findUnit, type OrgUnitRow } from '../../org/index.ts';
import { getDisclosure, type PublicDisclosure } from '../disclosure.queries.ts';
import { currentNewest, readTime } from '../disclosure-listing.repository.ts';
import { latestSupervisorApproval } from '../disclosure.repository.ts';

/** Notices per batch PDF. */
export const NOTICE_BATCH_MAX = 200;
import { htmlToText } from '../disclosure.content.ts';
import { renderNoticeBatch, renderNoticePdf, type NoticeInput, type NoticeSize, type NoticeTable } from './notice-pdf.ts';
import { formatYuan } from '../finance/finance-statement.ts';
import type { DisclosureData } from '../data/structured.ts';

/**
 * The printed table of a structured disclosure (already masked): a finance statement as
 * 日期 | 凭证号 | 摘要 | 科目 | 收入金额（元） | 支出金额（元） with totals, or a recipient list as stored.
 */
export function structuredNoticeTable(tables: readonly DisclosureData[]): NoticeTable | undefined {
  const fin = tables.find((t) => t.kind === 'finance');
  if (fin && fin.kind === 'finance') {
    const st = fin.statement;
    return {
      caption: `期初余额 ${formatYuan(st.openingBalance)} 元\u3000收入合计 ${formatYuan(st.totals.income)} 元\u3000支出合计 ${formatYuan(st.totals.expense)} 元\u3000期末余额 ${formatYuan(st.closingBalance)} 元`,
      columns: [
        { header: '日期', width: 1.3 },
        { header: '凭证号', width: 1 },
        { header: '摘要', width: 3 },
        { header: '科目', width: 1.5 },
        { header: '收入金额（元）', align: 'right', width: 1.5 },
        { header: '支出金额（元）', align: 'right', width: 1.5 },
      ],
      rows: st.lines.map((l) => [l.date, l.voucherNo, l.summary, l.subject, l.income ? formatYuan(l.income) : '', l.expense ? formatYuan(l.expense) : '']),
      totals: ['合计', '', '', '', formatYuan(st.totals.income), formatYuan(st.totals.expense)],
    };
  }
  const list = tables.find((t) => t.kind === 'recipients');
  if (list && list.kind === 'recipients') {
    return {
      caption: `${list.label}名单（共 ${list.rows.length} 条）`,
      columns: list.columns.map((c) => ({ header: c, align: /（元）|（亩）|人数/.test(c) ? ('right' as const) : undefined })),
      rows: list.rows,
    };
  }
  return undefined;
}

/** One line of plain text from an HTML fragment (entities decoded, whitespace collapsed). */
function stripTags(html: string): string {
  return htmlToText(html).replace(/\s+/g, ' ').trim();
}

/**
 * The sanitized body HTML (only p, br, lists, h3/h4, tables, strong/em, a) as print paragraphs and
 * its first table. Later tables are printed as lines of text so nothing is lost.
 */
export function bodyToNotice(html: string): { paragraphs: string[]; table?: NoticeInput['table'] } {
  let table: NoticeInput['table'];
  const rest = html.replace(/<table[\s\S]*?<\/table>/gi, (t) => {
    const rows = [...t.matchAll(/<tr[\s\S]*?<\/tr>/gi)].map((r) =>
      [...r[0].matchAll(/<(t[hd])[^>]*>([\s\S]*?)<\/t[hd]>/gi)].map((c) => ({ head: c[1].toLowerCase() === 'th', text: stripTags(c[2]) })),
    );
    if (rows.length === 0) return '';
    if (!table) {
      const header = rows[0].every((c) => c.head) || /<thead/i.test(t) ? rows[0] : null;
      const width = Math.max(...rows.map((r) => r.length));
      const columns = (header ?? rows[0]).map((c, i) => ({ header: header ? c.text : `第${i + 1}列` }));
      while (columns.length < width) columns.push({ header: `第${columns.length + 1}列` });
      const body = (header ? rows.slice(1) : rows).map((r) => Array.from({ length: width }, (_, i) => r[i]?.text ?? ''));
      table = { columns, rows: body };
      return '';
    }
    return rows.map((r) => `<p>${r.map((c) => c.text).join('　')}</p>`).join('');
  });
  const paragraphs = rest
    .split(/<\/p>|<br\s*\/?>|<\/li>|<\/h[34]>/i)
    .map(stripTags)
    .filter(Boolean);
  return { paragraphs, table };
}

/** 居民委员会 for a community, 村民委员会 for a village; the unit's own name otherwise. */
function issuerOf(unit: OrgUnitRow): string {
  if (unit.kind === 'community') return `${unit.name}居民委员会`;
  if (unit.kind === 'village') return `${unit.name}村民委员会`;
  return unit.name;
}

function committeeOf(unit: OrgUnitRow): string {
  return unit.kind === 'community' ? `${unit.name}居务监督委员会` : `${unit.name}村务监督委员会`;
}

export async function noticeInputFor(ctx: AppContext, d: PublicDisclosure): Promise<NoticeInput> {
  const unit = (await findUnit(ctx.db, d.unit.code))!;
  const parent = (await findAncestors(ctx.db, unit)).pop();
  // The committee's sign-off: the latest approval by a 村(居)务监督委员会 member.
  const approval = await latestSupervisorApproval(ctx.db, d.id);
  const fromBody = bodyToNotice(d.bodyHtml);
  const structured = structuredNoticeTable(d.tables);
  // A stored statement or list is the notice's table; a table written in the body is then printed as lines.
  const paragraphs =
    structured && fromBody.table
      ? [...fromBody.paragraphs, ...[fromBody.table.columns.map((c) => c.header), ...fromBody.table.rows].map((r) => r.join('　'))]
      : fromBody.paragraphs;
  const table = structured ?? fromBody.table;
  const publishedOn = d.display.start ?? chinaDate(new Date(d.publishedAt));
  const status = d.status === 'withdrawn' ? 'withdrawn' : d.corrected ? 'corrected' : undefined;
  const latest = d.versions[d.versions.length - 1];
  return {
    unitName: unit.name,
    parentName: parent && parent.depth > 0 ? parent.name : undefined,
    title: d.title,
    documentNumber: d.docNo ?? undefined,
    indexNumber: d.indexNo,
    paragraphs: paragraphs.length ? paragraphs : ['（正文见网上公开原文）'],
    table,
    displayFrom: publishedOn,
    displayTo: d.display.end ?? undefined,
    displayUntilText: d.display.end ? undefined : d.display.ruleText?.replace(/^公示至/, '') || undefined,
    publishedOn,
    contact: { office: issuerOf(unit), phone: unit.phone ?? undefined, address: unit.address ?? undefined },
    supervision: approval?.actor_name
      ? { committee: committeeOf(unit), signedBy: [approval.actor_name], signedAt: chinaDate(new Date(approval.at)) }
      : undefined,
    issuer: issuerOf(unit),
    qrUrl: `${ctx.config.baseUrl}/disclosures/${d.id}`,
    status,
    statusNote: status === 'withdrawn' ? (d.withdrawal?.reason ?? undefined) : status === 'corrected' ? (latest?.reason ?? undefined) : undefined,
  };
}

export async function disclosureNotice(ctx: AppContext, id: string, size: NoticeSize): Promise<Result<{ pdf: Buffer; title: string }>> {
  const found = await getDisclosure(ctx, null, id);
  const d = found.ok ? found.value.public : null;
  if (!d) return fail(404, 'DISCLOSURE_NOT_FOUND', '公开记录不存在或尚未发布，未发布的内容不能打印公告');
  return ok({ pdf: await renderNoticePdf(await noticeInputFor(ctx, d), { size }), title: d.title });
}

/** Every notice a unit must currently post on its board (公示中), in one PDF for printing. */
export async function unitNoticeBatch(ctx: AppContext, unitCode: string, size: NoticeSize): Promise<Result<{ pdf: Buffer; count: number; unitName: string }>> {
  const unit = await findUnit(ctx.db, unitCode);
  if (!unit) return fail(404, 'UNIT_NOT_FOUND', `单位不存在：${unitCode}`);
  // The newest current notices, at most NOTICE_BATCH_MAX in one PDF (a board rarely holds more).
  const t = readTime(ctx.clock.now());
  const current = await currentNewest(ctx.db, unit.path, NOTICE_BATCH_MAX, t);
  if (current.length === 0) return fail(404, 'NOTHING_TO_PRINT', `${unit.name}目前没有正在公示的内容`);
  const inputs: NoticeInput[] = [];
  for (const item of current) {
    const found = await getDisclosure(ctx, null, item.disclosure_id);
    if (found.ok && found.value.public) inputs.push(await noticeInputFor(ctx, found.value.public));
  }
  return ok({ pdf: await renderNoticeBatch(inputs, { size }), count: inputs.length, unitName: unit.name });
}
