import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, type Session } from '../../../../test/helpers/test-app.ts';
import { api, openFixture, VILLAGE, type Fixture } from '../disclosure.fixture.ts';
import { docx, JPEG, multipart, PDF, PNG, statementXlsx, xlsx, type StatementLine } from './test-files.ts';

const ID = '11010519491231002X';
const MOBILE = '13812345678';
const CARD = '6222021001234567896';
const ID2 = '110105194912310021'; // wrong check character → possible_id (still blocked)
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gk-data-')), 'n.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \u3000]+/g, '');
}

const GOOD_LINES: StatementLine[] = [
  ['2026-07-03', '记-001', '收到村集体厂房租金', '经营收入', 3500, null],
  ['2026-08-12', '记-002', '修建村道材料费', '公益支出', null, 2000],
  ['2026-09-20', '记-003', '办公用品', '管理费用', null, 100.5],
];

describe('disclosure data: attachments, finance statements, recipient lists, evidence', () => {
  let f: Fixture;
  let call: ReturnType<typeof api>;
  beforeAll(async () => {
    f = await openFixture();
    call = api(f);
  }, 60_000);
  afterAll(() => f?.t.close());

  const db = () => f.t.rt.ctx.db;
  const upload = (who: Session | null, url: string, file?: { name: string; content: Buffer; type?: string }, fields: Record<string, string> = {}, headers?: Record<string, string>) => {
    const m = multipart(fields, file);
    return f.t.app.inject({ method: 'POST', url, payload: m.payload, headers: { ...(headers ?? (who ? who.headers() : {})), ...m.headers } });
  };
  async function draft(extra: Record<string, unknown> = {}): Promise<string> {
    const d = await call(f.s.clerk, 'POST', '/api/v1/disclosures', { unitCode: VILLAGE, itemKey: 'vil:szxq', period: '2026-Q3', title: '2026年第三季度财务收支公开', formedOn: '2026-11-20', body: '<p>现将本社区财务收支情况公开如下。</p>', ...extra });
    expect(d.statusCode, d.body).toBe(201);
    return d.json().id;
  }
  async function maskAllHits(id: string) {
    const scan = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-scan`, {});
    for (const h of scan.json().hits as { fingerprint: string }[]) await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-decisions`, { fingerprint: h.fingerprint, action: 'mask' });
    return scan.json().hits as { fingerprint: string; location: string; kind: string; field: string }[];
  }
  async function submitApprove(id: string) {
    const s = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {});
    expect(s.statusCode, s.body).toBe(200);
    expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve', comment: '同意' })).statusCode).toBe(200);
  }
  const publish = (id: string) => call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/publish`, {});
  const snapshot = async (id: string) => ({
    atts: (await db().selectFrom('disclosure_attachments').select('id').where('disclosure_id', '=', id).execute()).length,
    ev: (await db().selectFrom('disclosure_evidence').select('id').where('disclosure_id', '=', id).execute()).length,
    row: await db().selectFrom('disclosures').select(['status', 'tables_json', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow(),
    audit: (await db().selectFrom('audit_events').select('seq').execute()).length,
  });

  it('attachments: judged by content, size-limited, drafts of the unit only; stored content-addressed', async () => {
    const id = await draft();
    const before = await snapshot(id);
    // A PNG renamed to .xlsx is a PNG; a text file named .xlsx is refused with the allowed types.
    const fake = await upload(f.s.clerk, `/api/v1/disclosures/${id}/attachments`, { name: '名单.xlsx', content: Buffer.from('姓名,身份证\n张三,1101'), type: XLSX_MIME });
    expect(fake.statusCode).toBe(415);
    expect(errorOf(fake).message).toContain('PDF、Excel（.xlsx）、Word（.docx）、PNG 图片、JPEG 图片');
    const big = await upload(f.s.clerk, `/api/v1/disclosures/${id}/attachments`, { name: 'big.pdf', content: Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]) });
    expect(big.statusCode).toBe(413);
    expect((await upload(null, `/api/v1/disclosures/${id}/attachments`, { name: 'a.pdf', content: PDF })).statusCode).toBe(401);
    expect((await upload(f.s.otherClerk, `/api/v1/disclosures/${id}/attachments`, { name: 'a.pdf', content: PDF })).statusCode).toBe(404);
    expect((await upload(f.s.clerk, `/api/v1/disclosures/${id}/attachments`, { name: 'a.pdf', content: PDF }, {}, { cookie: f.s.clerk.cookie })).statusCode).toBe(403);
    expect((await upload(f.s.supervisor, `/api/v1/disclosures/${id}/attachments`, { name: 'a.pdf', content: PDF })).statusCode).toBe(403);
    expect(await snapshot(id)).toEqual(before);

    const book = await xlsx([['项目', '金额'], ['道路', 1200]]);
    const ok = await upload(f.s.clerk, `/api/v1/disclosures/${id}/attachments`, { name: '../../工程/预算表.png', content: book });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ name: '预算表.png', type: 'xlsx', size: book.length, extractionNote: null, review: null });
    const sha = ok.json().sha256 as string;
    expect(fs.readFileSync(path.join(f.t.rt.ctx.config.dataDir, 'files', sha.slice(0, 2), sha)).equals(book)).toBe(true);
    const pdf = await upload(f.s.clerk, `/api/v1/disclosures/${id}/attachments`, { name: '会议纪要.pdf', content: PDF });
    expect(pdf.json().extractionNote).toBe('未能从 PDF 中提取文字（可能是扫描件），请人工核对个人信息');
    // Staff can download the original; the public cannot see anything of a draft.
    const dl = await call(f.s.supervisor, 'GET', `/api/v1/disclosures/${id}/attachments/${ok.json().id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(book)).toBe(true);
    expect((await call(null, 'GET', `/api/v1/disclosures/${id}/attachments/${ok.json().id}`)).statusCode).toBe(404);
    const staff = (await call(f.s.clerk, 'GET', `/api/v1/disclosures/${id}`)).json().staff;
    expect(staff.attachments.map((a: { name: string }) => a.name)).toEqual(['预算表.png', '会议纪要.pdf']);

    expect((await call(f.s.clerk, 'DELETE' as 'GET', `/api/v1/disclosures/${id}/attachments/${pdf.json().id}`)).statusCode).toBe(200);
    await submitApprove(id);
    // Not a draft any more: no uploads, no deletions.
    const late = await upload(f.s.clerk, `/api/v1/disclosures/${id}/attachments`, { name: 'b.pdf', content: PDF });
    expect(late.statusCode).toBe(409);
    expect((await call(f.s.clerk, 'DELETE' as 'GET', `/api/v1/disclosures/${id}/attachments/${ok.json().id}`)).statusCode).toBe(409);
    const actions = (await db().selectFrom('audit_events').select('action').where('entity_id', '=', id).execute()).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith('disclosure.attachment'))).toEqual(['disclosure.attachment.add', 'disclosure.attachment.add', 'disclosure.attachment.delete']);
  });

  it('a PDF or image attachment without the reviewer’s check blocks publication; originals are public only when cleared', async () => {
    const id = await draft();
    const pdf = (await upload(f.s.clerk, `/api/v1/disclosures/${id}/attachments`, { name: '签到表.pdf', content: PDF })).json();
    const img = (await upload(f.s.clerk, `/api/v1/disclosures/${id}/attachments`, { name: '现场照片.jpg', content: JPEG })).json();
    await submitApprove(id);
    const blocked = await publish(id);
    expect(blocked.statusCode).toBe(409);
    expect(errorOf(blocked).code).toBe('ATTACHMENT_REVIEW_REQUIRED');
    expect(errorOf(blocked).message).toContain('签到表.pdf');
    expect((await db().selectFrom('disclosures').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('approved');
    // Only reviewer-level roles record the check; 'allow' needs a reason.
    expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/attachments/${pdf.id}/review`, { action: 'no_personal_data' })).statusCode).toBe(403);
    expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/attachments/${pdf.id}/review`, { action: 'allow' })).statusCode).toBe(400);
    expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/attachments/${pdf.id}/review`, { action: 'withhold' })).statusCode).toBe(200);
    expect((await publish(id)).statusCode).toBe(409);
    expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/attachments/${img.id}/review`, { action: 'no_personal_data' })).statusCode).toBe(200);
    expect((await publish(id)).statusCode).toBe(200);
    expect((await call(null, 'GET', `/api/v1/disclosures/${id}/attachments/${pdf.id}`)).statusCode).toBe(403);
    const photo = await call(null, 'GET', `/api/v1/disclosures/${id}/attachments/${img.id}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    const pub = (await call(null, 'GET', `/api/v1/disclosures/${id}`)).json().public;
    expect(pub.attachments).toEqual([
      expect.objectContaining({ name: '签到表.pdf', downloadUrl: null, viewUrl: null, note: '原件不公开' }),
      expect.objectContaining({ name: '现场照片.jpg', downloadUrl: `/api/v1/disclosures/${id}/attachments/${img.id}` }),
    ]);
    // After publication the check can only become stricter.
    expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/attachments/${pdf.id}/review`, { action: 'no_personal_data' })).statusCode).toBe(409);
    expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/attachments/${img.id}/review`, { action: 'withhold' })).statusCode).toBe(200);
    expect((await call(null, 'GET', `/api/v1/disclosures/${id}/attachments/${img.id}`)).statusCode).toBe(403);
  });

  it('finance template: staff of the unit, Chinese file name', async () => {
    const t = await call(f.s.clerk, 'GET', `/api/v1/publishing/templates/finance.xlsx?unit=${VILLAGE}&period=2026-10`);
    expect(t.statusCode).toBe(200);
    expect(t.headers['content-type']).toBe(XLSX_MIME);
    expect(decodeURIComponent(String(t.headers['content-disposition']).split("UTF-8''")[1])).toBe('卜湖社区2026年10月村级财务收支明细.xlsx');
    expect((await call(null, 'GET', `/api/v1/publishing/templates/finance.xlsx?unit=${VILLAGE}&period=2026-10`)).statusCode).toBe(401);
    expect((await call(f.s.otherClerk, 'GET', `/api/v1/publishing/templates/finance.xlsx?unit=${VILLAGE}&period=2026-10`)).statusCode).toBe(404);
    expect((await call(f.s.clerk, 'GET', `/api/v1/publishing/templates/finance.xlsx?unit=${VILLAGE}&period=2026`)).statusCode).toBe(400);
  });

  it('finance statement: refused with exact problems (nothing stored), then shown, charted and printed', async () => {
    const id = await draft();
    const url = `/api/v1/disclosures/${id}/finance-statement`;
    const before = await snapshot(id);
    const unbalanced = await upload(f.s.clerk, url, { name: 's.xlsx', content: await statementXlsx(GOOD_LINES, 12000, 13400) });
    expect(unbalanced.statusCode).toBe(400);
    const mismatch = '期初余额 12,000.00 元 + 收入 3,500.00 元 − 支出 2,100.50 元 = 13,399.50 元，与期末余额 13,400.00 元不符（相差 0.50 元）';
    expect(unbalanced.json().error.details).toEqual([{ row: 3, column: 'B', message: `第3行 期末余额（B3）：${mismatch}` }]);
    expect(errorOf(unbalanced).message).toContain(mismatch);
    const outside = await upload(f.s.clerk, url, { name: 's.xlsx', content: await statementXlsx([['2026-10-01', '记-9', '超期', '管理费用', null, 100.5], ...GOOD_LINES.slice(0, 2)], 12000, 13400) });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details[0]).toMatchObject({ row: 5, column: 'A', message: expect.stringContaining('不在本期（2026-07-01 至 2026-09-30）之内') });
    const notXlsx = await upload(f.s.clerk, url, { name: 's.xlsx', content: PNG });
    expect(notXlsx.statusCode).toBe(415);
    expect(await snapshot(id)).toEqual(before);
    // No period on the record → 400.
    const free = (await call(f.s.clerk, 'POST', '/api/v1/disclosures', { unitCode: VILLAGE, title: '无期间', formedOn: '2026-11-20', body: '<p>x</p>' })).json().id;
    const noPeriod = await upload(f.s.clerk, `/api/v1/disclosures/${free}/finance-statement`, { name: 's.xlsx', content: await statementXlsx(GOOD_LINES, 12000, 13399.5) });
    expect(noPeriod.statusCode).toBe(400);
    expect(errorOf(noPeriod).code).toBe('PERIOD_REQUIRED');
    expect((await upload(null, url, { name: 's.xlsx', content: await statementXlsx(GOOD_LINES, 12000, 13399.5) })).statusCode).toBe(401);
    expect((await upload(f.s.otherClerk, url, { name: 's.xlsx', content: await statementXlsx(GOOD_LINES, 12000, 13399.5) })).statusCode).toBe(404);

    const lines: StatementLine[] = [...GOOD_LINES, ['2026-09-25', '记-004', `退还张某押金（电话${MOBILE}）`, '其他支出', null, 0.5]];
    const good = await upload(f.s.clerk, url, { name: 's.xlsx', content: await statementXlsx(lines, 12000, 13399) });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toEqual({ lines: 4, totals: { income: 350000, expense: 210100 }, openingBalance: 1200000, closingBalance: 1339900 });
    // 摘要 is scanned: the phone blocks submission until handled.
    const blocked = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {});
    expect(blocked.statusCode).toBe(409);
    expect(errorOf(blocked).message).toContain('手机号码');
    const hits = await maskAllHits(id);
    expect(hits.map((h) => h.location)).toEqual(['财务收支明细Excel第8行 摘要']);
    await submitApprove(id);
    expect((await publish(id)).statusCode).toBe(200);

    const page = (await call(null, 'GET', `/disclosures/${id}`)).body;
    for (const s of ['期初余额', '12,000.00 元', '收入合计', '3,500.00 元', '支出合计', '2,101.00 元', '期末余额', '13,399.00 元', '记-002', '修建村道材料费', '<title id="chart-month-title">各月收入与支出（元）</title>', 'chart-subject-desc', '公益支出：2,000.00 元', '图表数据', '138****5678']) {
      expect(page, s).toContain(s);
    }
    expect(page).not.toContain(MOBILE);
    const api1 = (await call(null, 'GET', `/api/v1/disclosures/${id}`)).json().public;
    expect(api1.tables[0].kind).toBe('finance');
    expect(api1.tables[0].statement.lines[3].summary).toBe('退还张某押金（电话138****5678）');
    // The content hash covers the public tables and verifies.
    expect((await call(null, 'GET', `/api/v1/disclosures/${id}/verify`)).json().matches).toBe(true);
    const pdf = await call(null, 'GET', `/api/v1/disclosures/${id}/notice.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    for (const s of ['凭证号', '收入金额', '支出金额', '修建村道材料费', '合计', '3,500.00', '2,101.00', '现将本社区财务收支情况公开如下']) expect(text, s).toContain(s);
    expect(text).not.toContain(MOBILE);
  });

  it('recipient lists: only allowed columns are kept (dropped ones listed); an ID in an allowed column blocks the gate', async () => {
    const id = await draft({ itemKey: undefined, period: undefined, title: '2026年11月最低生活保障对象公示' });
    const url = `/api/v1/disclosures/${id}/recipient-list`;
    const book = await xlsx([
      ['泗阳县卜湖社区最低生活保障对象名单'],
      ['序号', '户主 姓名', '身份证号码', '保障人数', '月保障金额(元)', '联系电话', '家庭住址', '所在村（居）'],
      [1, '张三', ID, 3, 1560, MOBILE, '卜湖社区3组12号', '卜湖社区'],
      [2, '李四', ID2, 1, 620, '13912345678', '卜湖社区5组2号', '卜湖社区'],
    ]);
    const before = await snapshot(id);
    const unknown = await upload(f.s.clerk, url, { name: 'l.xlsx', content: book }, { listType: 'wubao' });
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown).code).toBe('UNKNOWN_LIST_TYPE');
    expect((await upload(f.s.clerk, url, { name: 'l.xlsx', content: PDF }, { listType: 'dibao' })).statusCode).toBe(415);
    expect((await upload(f.s.clerk, url, { name: 'l.xlsx', content: await xlsx([['姓名', '住址'], ['张三', 'x']]) }, { listType: 'dibao' })).statusCode).toBe(400);
    expect(await snapshot(id)).toEqual(before);

    const res = await upload(f.s.clerk, url, { name: 'l.xlsx', content: book }, { listType: 'dibao' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ listType: 'dibao', columns: ['户主姓名', '保障人数', '月保障金额（元）', '所在村（居）'], rows: 2, dropped: ['序号', '身份证号码', '联系电话', '家庭住址'] });
    const stored = JSON.stringify((await call(f.s.clerk, 'GET', `/api/v1/disclosures/${id}`)).json().staff.tables);
    for (const gone of [ID, MOBILE, '卜湖社区3组12号']) expect(stored).not.toContain(gone);
    expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {})).statusCode).toBe(200);

    // The same list with an ID typed into the name column: the scanner runs on every kept cell.
    const leak = await draft({ itemKey: undefined, period: undefined, title: '特困人员名单' });
    const leaky = await xlsx([
      ['姓名', '供养方式', '月供养金额（元）', '所在村（居）', '身份证'],
      [`王五${ID}`, '分散供养', 900, '卜湖社区', ID],
    ]);
    const r2 = await upload(f.s.clerk, `/api/v1/disclosures/${leak}/recipient-list`, { name: 'l.xlsx', content: leaky }, { listType: 'tekun' });
    expect(r2.json().dropped).toEqual(['身份证']);
    const gate = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${leak}/submit`, {});
    expect(gate.statusCode).toBe(409);
    expect(errorOf(gate).message).toContain('1 处个人信息尚未处理（身份证号）');
    expect((await db().selectFrom('disclosures').select('status').where('id', '=', leak).executeTakeFirstOrThrow()).status).toBe('draft');
  });

  it('公开栏 evidence: image by content, date not before publication nor in the future; photo never public', async () => {
    const id = await draft({ itemKey: 'vil:hyjd', period: undefined, formedOn: '2026-11-25', title: '村民代表会议决定' });
    const url = `/api/v1/disclosures/${id}/evidence`;
    expect((await upload(f.s.clerk, url, { name: 'p.png', content: PNG }, { takenOn: '2026-11-26' })).statusCode).toBe(409);
    await submitApprove(id);
    expect((await publish(id)).statusCode).toBe(200);
    const before = await snapshot(id);
    const future = await upload(f.s.clerk, url, { name: 'p.png', content: PNG }, { takenOn: '2026-11-27' });
    expect(future.statusCode).toBe(400);
    expect(errorOf(future).message).toContain('不能晚于今天');
    expect((await upload(f.s.clerk, url, { name: 'p.png', content: PNG }, { takenOn: '2026-11-25' })).statusCode).toBe(400);
    expect((await upload(f.s.clerk, url, { name: 'p.png', content: PNG }, {})).statusCode).toBe(400);
    expect((await upload(f.s.clerk, url, { name: 'p.png', content: PDF }, { takenOn: '2026-11-26' })).statusCode).toBe(415);
    expect((await upload(f.s.clerk, url, { name: 'p.png', content: Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]) }, { takenOn: '2026-11-26' })).statusCode).toBe(413);
    expect((await upload(null, url, { name: 'p.png', content: PNG }, { takenOn: '2026-11-26' })).statusCode).toBe(401);
    expect((await upload(f.s.otherClerk, url, { name: 'p.png', content: PNG }, { takenOn: '2026-11-26' })).statusCode).toBe(404);
    expect((await upload(f.s.clerk, url, { name: 'p.png', content: PNG }, { takenOn: '2026-11-26' }, { cookie: f.s.clerk.cookie })).statusCode).toBe(403);
    expect(await snapshot(id)).toEqual(before);

    const ok = await upload(f.s.clerk, url, { name: 'p.png', content: PNG }, { takenOn: '2026-11-26' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ channel: '社区/企事业单位/村公示栏（电子屏）', takenOn: '2026-11-26', type: 'png' });
    const list = await call(f.s.supervisor, 'GET', url);
    expect(list.json()).toHaveLength(1);
    expect((await call(null, 'GET', url)).statusCode).toBe(401);
    expect((await call(f.s.otherClerk, 'GET', url)).statusCode).toBe(404);
    expect((await call(f.s.clerk, 'GET', `${url}/${ok.json().id}`)).rawPayload.equals(PNG)).toBe(true);
    const page = (await call(null, 'GET', `/disclosures/${id}`)).body;
    expect(page).toContain('已在公开栏张贴（2026年11月26日拍照存证）');
    expect(page).not.toContain(ok.json().id);
    expect((await call(null, 'GET', `/api/v1/disclosures/${id}`)).json().public.boardPostedOn).toBe('2026-11-26');
    const audit = await db().selectFrom('audit_events').select('action').where('entity_id', '=', id).where('action', '=', 'disclosure.evidence.add').execute();
    expect(audit).toHaveLength(1);
  });

  it('no unmasked identifier reaches any public output (page, API, notice PDF, attachment view)', async () => {
    const CARD2 = '6222021001234567888';
    const body = `<p>经办人手机${MOBILE}，身份证${ID}，收款卡号${CARD}。</p>`;
    const id = await draft({ body });
    const url = `/api/v1/disclosures/${id}`;
    expect((await upload(f.s.clerk, `${url}/finance-statement`, { name: 's.xlsx', content: await statementXlsx([...GOOD_LINES.slice(0, 2), ['2026-09-20', '记-003', `补助款转入卡号${CARD2}（身份证${ID}）`, '管理费用', null, 100.5]], 12000, 13399.5) })).statusCode).toBe(200);
    const list = await xlsx([
      ['户主姓名', '保障人数', '月保障金额（元）', '所在村（居）', '身份证号码'],
      [`张三（${MOBILE}）`, 2, 1000, '卜湖社区', ID],
    ]);
    expect((await upload(f.s.clerk, `${url}/recipient-list`, { name: 'l.xlsx', content: list }, { listType: 'dibao' })).statusCode).toBe(200);
    const att = await upload(f.s.clerk, `${url}/attachments`, { name: `名单${MOBILE}.xlsx`, content: await xlsx([['姓名', '身份证', '电话', '卡号'], ['赵六', ID, MOBILE, CARD]]) });
    expect(att.statusCode).toBe(201);
    const word = await upload(f.s.clerk, `${url}/attachments`, { name: '说明.docx', content: await docx(['情况说明', `联系人电话 ${MOBILE}，卡号 ${CARD}`]) });
    expect(word.statusCode).toBe(201);
    const hits = await maskAllHits(id);
    expect(new Set(hits.map((h) => h.field))).toEqual(new Set(['body', 'table', 'attachment']));
    // A reviewer cannot mark a file with hits as "no personal data".
    expect((await call(f.s.supervisor, 'POST', `${url}/attachments/${att.json().id}/review`, { action: 'no_personal_data' })).statusCode).toBe(409);
    await submitApprove(id);
    expect((await publish(id)).statusCode).toBe(200);

    const outputs: [string, string][] = [
      ['page', (await call(null, 'GET', `/disclosures/${id}`)).body],
      ['api', (await call(null, 'GET', url)).body],
      ['list', (await call(null, 'GET', `/api/v1/disclosures?unit=${VILLAGE}`)).body],
      ['notice', pdfText((await call(null, 'GET', `${url}/notice.pdf`)).rawPayload)],
      ['xlsx view', (await call(null, 'GET', `/disclosures/${id}/attachments/${att.json().id}`)).body],
      ['docx view', (await call(null, 'GET', `/disclosures/${id}/attachments/${word.json().id}`)).body],
    ];
    expect(outputs[4][1]).toContain('赵六');
    expect(outputs[4][1]).toContain('138****5678');
    expect(outputs[5][1]).toContain('情况说明');
    expect(outputs[0][1]).toContain('在线查看');
    for (const [name, text] of outputs) for (const raw of [ID, MOBILE, CARD, CARD2]) expect(text.includes(raw), `${name} leaks ${raw}`).toBe(false);
    // Originals with personal data stay private.
    expect((await call(null, 'GET', `${url}/attachments/${att.json().id}`)).statusCode).toBe(403);
    expect((await call(null, 'GET', `${url}/attachments/${word.json().id}`)).statusCode).toBe(403);
    expect((await call(f.s.clerk, 'GET', `${url}/attachments/${att.json().id}`)).statusCode).toBe(200);
  });
});

describe('PDF attachments with a text layer', () => {
  it('are scanned like other documents: hits must be masked, the online view is masked, no manual check needed', async () => {
    const { openFixture, api } = await import('../disclosure.fixture.ts');
    const { renderNoticePdf } = await import('../notice/notice-pdf.ts');
    const f = await openFixture();
    try {
      const call = api(f);
      const pdf = await renderNoticePdf(
        { unitName: '卜湖社区', title: '签到表', paragraphs: ['联系人手机13812345678。'], displayFrom: '2026-11-26', displayTo: '2026-12-07', publishedOn: '2026-11-26', contact: { office: '卜湖社区居民委员会' }, issuer: '卜湖社区居民委员会', qrUrl: 'http://localhost/x' },
        { size: 'A4' },
      );
      const d = await call(f.s.clerk, 'POST', '/api/v1/disclosures', { unitCode: '321323002-buhu', itemKey: 'vil:hyjd', title: '会议签到情况', formedOn: '2026-11-25', body: '<p>见附件。</p>' });
      const id = d.json().id as string;
      const boundary = '----gk';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="签到表.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        pdf,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const up = await f.t.app.inject({ method: 'POST', url: `/api/v1/disclosures/${id}/attachments`, headers: f.s.clerk.headers({ 'content-type': `multipart/form-data; boundary=${boundary}` }), payload: body });
      expect(up.statusCode, up.body).toBe(201);
      const blocked = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {});
      expect(blocked.statusCode).toBe(409);
      const hits = (await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-scan`, {})).json().hits as { fingerprint: string; location?: string }[];
      expect(hits.some((h) => (h.location ?? '').includes('签到表.pdf'))).toBe(true);
      for (const h of hits) await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-decisions`, { fingerprint: h.fingerprint, action: 'mask' });
      expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {})).statusCode).toBe(200);
      await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve' });
      const pub = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/publish`, {});
      expect(pub.statusCode, pub.body).toBe(200);
      const view = await f.t.app.inject({ url: `/disclosures/${id}/attachments/${up.json().id}` });
      expect(view.statusCode).toBe(200);
      expect(view.body).toContain('138****5678');
      expect(view.body).not.toContain('13812345678');
      // The original file cannot be masked, so it is not public.
      expect((await f.t.app.inject({ url: `/api/v1/disclosures/${id}/attachments/${up.json().id}` })).statusCode).toBe(403);
    } finally {
      await f.t.close();
    }
  });
});
