/**
 * Case letters over HTTP on a real database: a case handled through the requests API (clarification, third-party
 * consultation with an objection, extension, fee notice, decision, review), then every letter it has downloaded by
 * staff and — for letters addressed to the applicant — from the tracking page. Scope, 404s and missing settings.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../../../test/helpers/test-app.ts';
import { extractPdfText } from '../../publishing/index.ts';
import { api, intake, openRequestFixture, type RequestFixture } from '../request.fixture.ts';

const flat = (s: string) => s.replace(/[\s\u3000]+/g, '');

async function docxText(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  return flat((await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, ''));
}

describe('case letters', () => {
  let f: RequestFixture;
  let call: ReturnType<typeof api>;
  let id: string;
  let tracking: { code: string; secret: string };
  let otherId: string;
  const letters = (id: string, file: string, q = '') => `/api/v1/info-requests/${id}/letters/${file}${q}`;
  const track = (file: string, q: Record<string, string>) => `/api/v1/info-requests/track/letters/${file}?${new URLSearchParams(q)}`;

  beforeAll(async () => {
    f = await openRequestFixture('2026-03-02');
    call = api(f.t.app);
    const c = await intake(f, '2026-03-02');
    id = c.id;
    tracking = { code: c.trackingCode, secret: c.trackingSecret };
    otherId = (await intake(f, '2026-03-02')).id;
    const ok = async (path: string, body: unknown, who = f.s.officer) => {
      const res = await call(who, 'POST', `/api/v1/info-requests/${id}/${path}`, body);
      if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    await f.goTo('2026-03-05');
    await ok('clarification-request', { on: '2026-03-04', reasons: ['description'], details: '请写明所需信息的年度和发放范围', correctionDueOn: '2026-03-18' });
    await ok('clarification-received', { receivedOn: '2026-03-05' });
    const cons = await ok('consultations', {
      kind: 'third-party',
      partyName: '泗阳县某商贸有限公司',
      partyContact: '0527-85000000',
      subject: '该公司的经营信息',
      sentOn: '2026-03-05',
    });
    await f.goTo('2026-03-12');
    await ok(`consultations/${cons.consultations[0].id}/reply`, { receivedOn: '2026-03-11', stance: 'object', note: '涉及商业秘密' });
    await ok('extension', { on: '2026-03-12', workingDays: 10, approvedBy: '王主任', reason: '所需信息分散在多个年度的档案中' });
    await f.goTo('2026-03-20');
    await ok('decision', {
      on: '2026-03-20',
      type: 'partial',
      provision: '以电子邮件方式提供，2026年3月25日前发送',
      withheld: '表中企业银行账号一栏',
      reasons: '银行账号属于企业商业秘密，公开会损害第三方合法权益；其余部分关系公共利益，决定公开',
    });
    await ok('review', { decision: 'approve', on: '2026-03-20' }, f.s.reviewer);
  }, 120_000);
  afterAll(() => f?.t.close());

  it('lists the letters the case has, with the register numbers while the unit has set no pattern', async () => {
    const res = await call(f.s.officer, 'GET', `/api/v1/info-requests/${id}/letters`);
    expect(res.statusCode, res.body).toBe(200);
    const kinds = res.json().map((l: { kind: string }) => l.kind);
    for (const k of [
      'registration',
      'receipt',
      'clarification',
      'consult-third-party',
      'consult-confirmation',
      'consult-notice-applicant',
      'extension',
      'reply',
      'third-party-disclosure-notice',
    ])
      expect(kinds).toContain(k);
    expect(kinds).not.toContain('fee-notice');
    expect(res.json().find((l: { kind: string }) => l.kind === 'reply').number).toMatch(/^答复〔2026〕\d+号$/);
  });

  it('refuses the reply with a clear 400 until the unit sets review bodies and court; other letters work', async () => {
    const reply = await call(f.s.officer, 'GET', letters(id, 'reply.pdf'));
    expect(reply.statusCode).toBe(400);
    expect(errorOf(reply)).toMatchObject({ code: 'LETTER_REMEDY_NOT_SET' });
    expect(errorOf(reply).message).toContain('尚未设置行政复议机关和管辖法院');
    const receipt = await call(f.s.officer, 'GET', letters(id, 'receipt.docx'));
    expect(receipt.statusCode, receipt.body).toBe(200);
    expect(receipt.headers['content-type']).toContain('wordprocessingml');
    expect(receipt.headers['cache-control']).toBe('no-store');
    const text = await docxText(receipt.rawPayload);
    expect(text).toContain('泗阳县民政局政府信息公开申请接收回执');
    expect(text).toContain('收到申请之日为2026年3月2日');
    // 2026-03-02 + 20 working days (no holidays in March 2026).
    expect(text).toContain('不迟于2026年3月30日');
  });

  it('prints the unit settings: pattern numbers, remedy bodies, contact', async () => {
    const put = await f.t.app.inject({
      method: 'PUT',
      url: '/api/v1/info-requests/letter-settings/dept-mzj',
      headers: f.s.reviewer.headers(),
      payload: {
        numberPatterns: { reply: '泗民公复〔{year}〕{n}号', clarification: '泗民公补〔{year}〕{n}号' },
        reviewBodies: ['泗阳县人民政府'],
        court: '泗阳县人民法院',
        office: { address: '宿迁市泗阳县众兴街道北京中路20号', postcode: '223700', phone: '0527-85212808', contact: '政务公开办公室', hours: null },
        feePaymentMethod: null,
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    const res = await call(f.s.officer, 'GET', letters(id, 'reply.pdf'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('政府信息公开申请答复书-泗民公复〔2026〕1号.pdf');
    const text = flat((await extractPdfText(res.rawPayload)).join(''));
    expect(text).toContain('泗民公复〔2026〕1号');
    expect(text).toContain('张三：');
    expect(text).toContain('对表中企业银行账号一栏不予公开');
    expect(text).toContain('《中华人民共和国政府信息公开条例》第三十七条');
    expect(text).toContain('60日内向泗阳县人民政府申请行政复议');
    expect(text).toContain('6个月内依法向泗阳县人民法院提起行政诉讼');
    expect(text).toContain('泗阳县民政局2026年3月20日');

    const clar = await docxText((await call(f.s.officer, 'GET', letters(id, 'clarification.docx'))).rawPayload);
    expect(clar).toContain('泗民公补〔2026〕1号');
    expect(clar).toContain('1.申请公开的政府信息的名称、文号或者其他特征性描述不明确或有歧义');
    expect(clar).toContain('请写明所需信息的年度和发放范围');
    expect(clar).toContain('请您于2026年3月18日前（含当日）');
  });

  it('fills the extension, consultation and public-interest letters from the records', async () => {
    const ext = await docxText((await call(f.s.officer, 'GET', letters(id, 'extension.docx'))).rawPayload);
    expect(ext).toContain('所需信息分散在多个年度的档案中');
    expect(ext).toContain('（王主任）同意，答复期限延长10个工作日');
    expect(ext).toMatch(/本机关将于2026年\d+月\d+日前作出答复/);
    const consult = await docxText((await call(f.s.officer, 'GET', letters(id, 'consult-third-party.docx'))).rawPayload);
    expect(consult).toContain('泗阳县某商贸有限公司：');
    expect(consult).toContain('该公司的经营信息');
    expect(consult).not.toContain('张三');
    const notice = await docxText((await call(f.s.officer, 'GET', letters(id, 'third-party-disclosure-notice.docx'))).rawPayload);
    expect(notice).toContain('于2026年3月11日提出不同意公开的意见');
    expect(notice).toContain('其余部分关系公共利益，决定公开');
    expect(notice).toContain('申请行政复议');
  });

  it('prints a fee notice only once the unit has set how to pay', async () => {
    // 按量: 40 pages → pages 31–40 at 10 元 (国办函〔2020〕109号 第5条), on the second case.
    const fee = await call(f.s.officer, 'POST', `/api/v1/info-requests/${otherId}/fee-notice`, { on: '2026-03-20', mode: 'per-volume', pages: 40 });
    expect(fee.statusCode, fee.body).toBe(200);
    const missing = await call(f.s.officer, 'GET', letters(otherId, 'fee-notice.pdf'));
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).message).toContain('缺少缴费方式');
    const put = await f.t.app.inject({
      method: 'PUT',
      url: '/api/v1/info-requests/letter-settings/dept-mzj',
      headers: f.s.reviewer.headers(),
      payload: {
        numberPatterns: { reply: '泗民公复〔{year}〕{n}号', clarification: '泗民公补〔{year}〕{n}号' },
        reviewBodies: ['泗阳县人民政府'],
        court: '泗阳县人民法院',
        office: { address: null, postcode: null, phone: null, contact: null, hours: null },
        feePaymentMethod: '凭非税收入缴款通知书到银行缴纳',
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    const res = await call(f.s.officer, 'GET', letters(otherId, 'fee-notice.docx'));
    expect(res.statusCode, res.body).toBe(200);
    const text = await docxText(res.rawPayload);
    expect(text).toContain('按量计收信息处理费');
    expect(text).toContain('应缴金额：人民币100.00元');
    expect(text).toContain('缴费方式：凭非税收入缴款通知书到银行缴纳。');
    // Without a pattern, the register's number.
    expect(text).toMatch(/收费通知〔2026〕1号/);
  });

  it('answers 404 for a letter the case does not have, 400 for a bad file name, 404 outside scope', async () => {
    const none = await call(f.s.officer, 'GET', letters(otherId, 'clarification.pdf'));
    expect(none.statusCode).toBe(404);
    expect(errorOf(none).message).toBe('本申请尚未出具“政府信息公开申请补正告知书”');
    expect((await call(f.s.officer, 'GET', letters(id, 'fee-notice.pdf'))).statusCode).toBe(404);
    expect((await call(f.s.officer, 'GET', letters(id, 'reply.exe'))).statusCode).toBe(400);
    expect((await call(f.s.officer, 'GET', letters(id, 'nonsense.pdf'))).statusCode).toBe(400);
    expect((await call(f.s.officer, 'GET', letters(id, 'reply.pdf', '?letter=nope'))).statusCode).toBe(404);
    for (const who of [f.s.otherOfficer, f.s.clerk]) {
      const res = await call(who, 'GET', letters(id, 'reply.docx'));
      expect(res.statusCode).toBe(404);
      expect(errorOf(res).code).toBe('REQUEST_NOT_FOUND');
      expect((await call(who, 'GET', `/api/v1/info-requests/${id}/letters`)).statusCode).toBe(404);
    }
    expect((await call(f.s.countyAdmin, 'GET', letters(id, 'receipt.docx'))).statusCode).toBe(200);
    expect((await call(null, 'GET', letters(id, 'reply.docx'))).statusCode).toBe(401);
  });

  it('lets the applicant download letters addressed to them with the tracking code and secret, and nothing else', async () => {
    const reply = await call(null, 'GET', track('reply.pdf', tracking));
    expect(reply.statusCode, reply.body).toBe(200);
    expect(flat((await extractPdfText(reply.rawPayload)).join(''))).toContain('泗民公复〔2026〕1号');
    expect((await call(null, 'GET', track('consult-notice-applicant.docx', tracking))).statusCode).toBe(200);
    const wrong = await call(null, 'GET', track('reply.pdf', { ...tracking, secret: 'WRONGSECRET1' }));
    expect(wrong.statusCode).toBe(404);
    expect(errorOf(wrong).code).toBe('TRACKING_NOT_FOUND');
    for (const internal of ['registration.pdf', 'consult-third-party.docx', 'third-party-disclosure-notice.pdf']) {
      expect((await call(null, 'GET', track(internal, tracking))).statusCode, internal).toBe(404);
    }
    expect((await call(null, 'GET', track('reply.pdf', { code: tracking.code }))).statusCode).toBe(400);
  });

  it('lists each letter with the number printed on it (the unit’s pattern), on the case page and the tracking page', async () => {
    const detail = await call(f.s.officer, 'GET', `/api/v1/info-requests/${id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const staffReply = (detail.json() as { letters: { kind: string; letterNo: string }[] }).letters.find((l) => l.kind === 'reply');
    expect(staffReply?.letterNo).toBe('泗民公复〔2026〕1号');
    const tracked = await call(
      null,
      'GET',
      `/api/v1/info-requests/track?code=${encodeURIComponent(tracking.code)}&secret=${encodeURIComponent(tracking.secret)}`,
    );
    expect(tracked.statusCode, tracked.body).toBe(200);
    const publicReply = (tracked.json() as { letters: { kind: string; letterNo: string }[] }).letters.find((l) => l.kind === 'reply');
    expect(publicReply?.letterNo).toBe('泗民公复〔2026〕1号');
  });

  it('第35条: asking for reasons issues the 说明理由告知书 to the applicant; bad input is refused with nothing saved', async () => {
    const c = await intake(f, '2026-03-20');
    const url = `/api/v1/info-requests/${c.id}/reasons-request`;
    const steps = async () => ((await call(f.s.officer, 'GET', `/api/v1/info-requests/${c.id}`)).json() as { steps: unknown[] }).steps.length;
    const before = await steps();
    for (const [body, code] of [
      [{ on: '2026-03-20', reasonsDeadline: '2026-03-20', details: '一个月内提出120件申请' }, 'REASONS_DEADLINE_INVALID'],
      [{ on: '2026-03-20', reasonsDeadline: '2026-02-30', details: '一个月内提出120件申请' }, 'REASONS_DEADLINE_INVALID'],
      [{ on: '2026-03-20', reasonsDeadline: '2026-03-31', details: '  ' }, 'DETAILS_REQUIRED'],
    ] as const) {
      const r = await call(f.s.officer, 'POST', url, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect([errorOf(r).code, errorOf(r).message.length > 4]).toEqual([code, true]);
    }
    expect((await call(f.s.reviewer, 'POST', url, { on: '2026-03-20', reasonsDeadline: '2026-03-31', details: '一个月内提出120件申请' })).statusCode).toBe(403);
    expect(await steps()).toBe(before);
    const ok = await call(f.s.officer, 'POST', url, { on: '2026-03-20', reasonsDeadline: '2026-03-31', details: '一个月内提出120件申请' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().steps.at(-1)).toMatchObject({ action: 'reasons-request', comment: '要求于2026-03-31前说明理由：一个月内提出120件申请' });
    const letter = ok.json().letters.find((l: { kind: string }) => l.kind === 'reasons-request');
    expect(letter.letterNo).toMatch(/^说明理由告知〔2026〕\d+号$/);
    const text = await docxText((await call(f.s.officer, 'GET', letters(c.id, 'reasons-request.docx'))).rawPayload);
    expect(text).toContain('张三：');
    expect(text).toContain('第三十五条');
    expect(text).toContain('请您于2026年3月31日前向本机关说明理由');
    // Addressed to the applicant: downloadable from the tracking page.
    const mine = await call(null, 'GET', track('reasons-request.pdf', { code: c.trackingCode, secret: c.trackingSecret }));
    expect(mine.statusCode, mine.body).toBe(200);
    expect(flat((await extractPdfText(mine.rawPayload)).join(''))).toContain('说明理由');
  });
});
