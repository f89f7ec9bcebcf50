import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/helpers/test-app.ts';
import { htmlTextMap, maskHtml, publicContent, scanContent } from './disclosure.content.ts';
import { api, openFixture, VILLAGE, type Fixture } from './disclosure.fixture.ts';

const ID = '11010519491231002X';
const MOBILE = '13812345678';
const CARD = '6222021001234567896';
const BODY = `<p>低保对象：张某，身份证号${ID}，联系电话<strong>${MOBILE}</strong>，</p><p>收款账户 ${CARD}。</p>`;

describe('personal-data gate', () => {
  let f: Fixture;
  let call: ReturnType<typeof api>;
  beforeAll(async () => {
    f = await openFixture();
    call = api(f);
  }, 60_000);
  afterAll(() => f?.t.close());

  it('masks inside HTML text nodes, also across inline tags and entities', () => {
    const html = '<p>电话138<strong>1234</strong>5678 &amp; 卡号</p>';
    const hits = scanContent({ title: '', docNo: null, bodyHtml: html }, '2026-11-26');
    expect(hits.map((h) => h.kind)).toEqual(['mobile']);
    expect(maskHtml(html, htmlTextMap(html), hits)).toBe('<p>电话138<strong>****</strong>5678 &amp; 卡号</p>');
    const pub = publicContent({ title: `关于${MOBILE}`, docNo: null, bodyHtml: '<p>x</p>' }, [], '2026-11-26');
    expect(pub.title).toBe('关于138****5678');
  });

  it('blocks submit and publish until every hit is handled; the public sees only masked values', async () => {
    const d = await call(f.s.clerk, 'POST', '/api/v1/disclosures', {
      unitCode: VILLAGE,
      title: '最低生活保障审核对象公示',
      formedOn: '2026-11-25',
      body: BODY,
    });
    expect(d.statusCode).toBe(201);
    const id = d.json().id;
    const blocked = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {});
    expect(blocked.statusCode).toBe(409);
    expect(errorOf(blocked).message).toContain('3 处个人信息');
    expect(errorOf(blocked).message).toContain('身份证号');
    expect(errorOf(blocked).message).toContain('手机号码');
    expect(errorOf(blocked).message).toContain('银行卡号');
    expect((await call(f.s.clerk, 'GET', `/api/v1/disclosures/${id}`)).json().staff.status).toBe('draft');

    // Only staff of the unit may scan; the hits carry the original values.
    expect((await call(null, 'POST', `/api/v1/disclosures/${id}/pii-scan`, {})).statusCode).toBe(401);
    expect((await call(f.s.otherClerk, 'POST', `/api/v1/disclosures/${id}/pii-scan`, {})).statusCode).toBe(404);
    const scan = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-scan`, {});
    const hits = scan.json().hits as { kind: string; value: string; fingerprint: string; masked: string }[];
    expect(hits.map((h) => h.kind).sort()).toEqual(['bank_card', 'id', 'mobile']);
    expect(hits.map((h) => h.value).sort()).toEqual([ID, MOBILE, CARD].sort());

    // 'allow' needs a reviewer-level role and a reason.
    const mobile = hits.find((h) => h.kind === 'mobile')!;
    expect(
      (await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-decisions`, { fingerprint: mobile.fingerprint, action: 'allow', reason: '村委会办公手机' }))
        .statusCode,
    ).toBe(403);
    const noReason = await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/pii-decisions`, { fingerprint: mobile.fingerprint, action: 'allow' });
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason).message).toContain('理由');

    // Mask two, still blocked; mask the third, passes.
    for (const h of hits.slice(0, 2))
      expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-decisions`, { fingerprint: h.fingerprint, action: 'mask' })).statusCode).toBe(200);
    const still = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {});
    expect(still.statusCode).toBe(409);
    expect(errorOf(still).message).toContain('1 处个人信息');
    await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-decisions`, { fingerprint: hits[2].fingerprint, action: 'mask' });
    expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {})).statusCode).toBe(200);
    expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve' })).statusCode).toBe(200);
    expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/publish`, {})).statusCode).toBe(200);

    const masked = hits.map((h) => h.masked);
    expect(masked).toEqual(expect.arrayContaining(['11*************02X', '138****5678', '***************7896']));
    const anonDetail = (await call(null, 'GET', `/api/v1/disclosures/${id}`)).body;
    const anonList = (await call(null, 'GET', `/api/v1/disclosures?unit=${VILLAGE}`)).body;
    const page = (await call(null, 'GET', `/disclosures/${id}`)).body;
    const unitPage = (await call(null, 'GET', `/units/${VILLAGE}`)).body;
    expect(page).toContain('最低生活保障审核对象公示');
    expect(unitPage).toContain('最低生活保障审核对象公示');
    for (const [name, text] of [
      ['api detail', anonDetail],
      ['api list', anonList],
      ['page', page],
      ['unit page', unitPage],
    ]) {
      for (const raw of [ID, MOBILE, CARD, '138<strong>']) expect(text.includes(raw), `${name} leaks ${raw}`).toBe(false);
    }
    for (const m of masked) {
      expect(anonDetail).toContain(m.slice(0, 2));
      expect(page.includes(m) || page.includes(m.replace('****', '<strong>****</strong>'))).toBe(true);
    }
    expect(anonDetail).toContain('11*************02X');
    // The unit's staff still see the original.
    const staff = (await call(f.s.clerk, 'GET', `/api/v1/disclosures/${id}`)).json();
    expect(staff.staff.bodyHtml).toContain(ID);
    expect(staff.public.bodyHtml).not.toContain(ID);
    // Audit records decisions without the raw values.
    const audit = await f.t.rt.ctx.db.selectFrom('audit_events').select(['after_json']).where('entity_id', '=', id).execute();
    expect(audit.some((a) => (a.after_json ?? '').includes(ID) || (a.after_json ?? '').includes(MOBILE))).toBe(false);
  });

  it('an allowed value (with a reviewer’s reason) is published as written', async () => {
    const d = await call(f.s.clerk, 'POST', '/api/v1/disclosures', {
      unitCode: VILLAGE,
      title: '村委会值班电话',
      formedOn: '2026-11-25',
      body: `<p>值班手机：${MOBILE}</p>`,
    });
    const id = d.json().id;
    const [hit] = (await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-scan`, {})).json().hits;
    expect(
      (
        await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/pii-decisions`, {
          fingerprint: hit.fingerprint,
          action: 'allow',
          reason: '村委会公开的值班电话',
        })
      ).statusCode,
    ).toBe(200);
    await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {});
    await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve' });
    await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/publish`, {});
    expect((await call(null, 'GET', `/api/v1/disclosures/${id}`)).json().public.bodyHtml).toBe(`<p>值班手机：${MOBILE}</p>`);
  });
});
