import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, openRequestFixture, type RequestFixture } from './request.fixture.ts';
import { REQUEST_STATUS_TEXT, REQUEST_STATUSES } from './request.workflow.ts';

function multipart(fields: Record<string, string>): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----gongkai-test';
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  return { payload: Buffer.from(`${parts.join('')}--${boundary}--\r\n`), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('依申请公开 public pages', () => {
  let f: RequestFixture;
  beforeAll(async () => {
    f = await openRequestFixture('2026-03-02');
  }, 60_000);
  afterAll(() => f?.t.close());

  const form = async () => {
    const html = (await f.t.app.inject({ url: '/requests/apply?unit=dept-mzj' })).body;
    const token = /name="checkToken" value="([^"]+)"/.exec(html)![1];
    const [, a, b] = /请计算：(\d+) 加 (\d+)/.exec(html)!;
    return { html, token, answer: String(Number(a) + Number(b)) };
  };
  const fields = {
    unitCode: 'dept-mzj',
    applicantKind: 'natural',
    name: '王五',
    idType: '居民身份证',
    idNumber: '321323199003031234',
    phone: '13700000000',
    infoDescription: '2025年度医疗救助资金使用情况',
    infoForm: 'electronic',
    deliveryMethod: 'online',
  };

  it('the form works without JavaScript: a wrong answer comes back with the values kept; a right one shows the code and secret once', async () => {
    const { html, token, answer } = await form();
    expect(html).toContain('<option value="dept-mzj" selected="">');
    for (const k of ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构']) expect(html).toContain(k);
    const wrong = await f.t.app.inject({
      method: 'POST',
      url: '/requests/apply',
      ...multipart({ ...fields, checkToken: token, checkAnswer: String(Number(answer) + 1) }),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('验证题答案不正确');
    expect(wrong.body).toContain('value="王五"');
    const bad = await form();
    const missing = await f.t.app.inject({
      method: 'POST',
      url: '/requests/apply',
      ...multipart({ ...fields, infoDescription: ' ', checkToken: bad.token, checkAnswer: bad.answer }),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('请填写所需政府信息的名称');
    const good = await form();
    const res = await f.t.app.inject({ method: 'POST', url: '/requests/apply', ...multipart({ ...fields, checkToken: good.token, checkAnswer: good.answer }) });
    expect(res.statusCode).toBe(201);
    const code = /id="tracking-code">([A-Z2-9]+)</.exec(res.body)![1];
    const secret = /id="tracking-secret">([A-Z2-9]+)</.exec(res.body)![1];
    const row = await f.t.rt.ctx.db.selectFrom('info_requests').selectAll().where('tracking_code', '=', code).executeTakeFirstOrThrow();
    expect(row.tracking_secret_hash).not.toContain(secret);
    expect(row).toMatchObject({ channel: 'online', status: 'awaiting-confirmation', received_on: null });

    // Tracking: POST only (the secret never sits in a page URL); masked applicant; wrong secret = same 404 as no case.
    const track = (body: string) =>
      f.t.app.inject({ method: 'POST', url: '/requests/track', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
    const shown = await track(`code=${code}&secret=${secret}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('王*（自然人）');
    expect(shown.body).not.toContain('321323199003031234');
    expect(shown.body).not.toContain('13700000000');
    expect(shown.body).toContain('待确认收到');
    expect((await track(`code=${code}&secret=WRONGSECRET1`)).statusCode).toBe(404);
    expect((await track('code=&secret=')).statusCode).toBe(400);
    expect((await api(f.t.app)(null, 'GET', '/requests/track')).statusCode).toBe(200);
  });

  it('staff logged in on the same browser can file an application too: the public form ignores the session (no CSRF token needed, filed as anyone’s)', async () => {
    const { token, answer } = await form();
    const body = multipart({ ...fields, name: '赵六', checkToken: token, checkAnswer: answer });
    const res = await f.t.app.inject({
      method: 'POST',
      url: '/requests/apply',
      payload: body.payload,
      headers: { ...body.headers, cookie: f.s.officer.cookie },
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    const code = /id="tracking-code">([A-Z2-9]+)</.exec(res.body)![1];
    const row = await f.t.rt.ctx.db.selectFrom('info_requests').selectAll().where('tracking_code', '=', code).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'online', filled_by_staff: 0, created_by: null });
    // The staff API still demands the CSRF token of a cookie session.
    const noToken = await f.t.app.inject({
      method: 'POST',
      url: `/api/v1/info-requests/${row.id}/confirm-receipt`,
      headers: { cookie: f.s.officer.cookie, 'content-type': 'application/json' },
      payload: { on: '2026-03-02' },
    });
    expect(noToken.statusCode).toBe(403);
  });

  it('the flowchart shows every status of the workflow; the guide and the home page link to the application', async () => {
    const chart = (await f.t.app.inject({ url: '/requests/flowchart' })).body;
    for (const s of REQUEST_STATUSES) expect(chart).toContain(REQUEST_STATUS_TEXT[s]);
    const guide = (await f.t.app.inject({ url: '/units/dept-mzj/guide' })).body;
    expect(guide).toContain('/requests/apply?unit=dept-mzj');
    expect(guide).toContain('/requests/flowchart');
    const village = (await f.t.app.inject({ url: '/units/321323002-buhu/guide' })).body;
    expect(village).not.toContain('/requests/apply');
    expect((await f.t.app.inject({ url: '/' })).body).toContain('href="/requests"');
    expect((await f.t.app.inject({ url: '/requests' })).statusCode).toBe(200);
  });
});
