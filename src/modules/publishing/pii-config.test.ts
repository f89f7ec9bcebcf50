import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, openFixture, type Fixture } from './disclosure.fixture.ts';
import { errorOf } from '../../../test/helpers/test-app.ts';
import { resetPiiRules } from './pii-config.ts';

const SSN_RULE = {
  id: 'shebao',
  kind: 'custom',
  label: '社保卡号',
  regex: '(?<![0-9])[0-9]{9}(?![0-9])',
  enabled: true,
  mask: { keepFirst: 0, keepLast: 2, maskChar: '*' },
};

describe("the county's personal-data rules", () => {
  let f: Fixture;
  beforeEach(async () => {
    resetPiiRules();
    f = await openFixture();
  });
  afterEach(async () => {
    await f.t.close();
    resetPiiRules();
  });

  const auditCount = async () => (await f.t.rt.ctx.db.selectFrom('audit_events').select('seq').execute()).length;

  it('lists the built-in rules to staff only', async () => {
    expect((await f.t.app.inject({ url: '/api/v1/publishing/pii-rules' })).statusCode).toBe(401);
    const res = await api(f)(f.s.clerk, 'GET', '/api/v1/publishing/pii-rules');
    expect(res.statusCode).toBe(200);
    expect(res.json().rules.map((r: { id: string }) => r.id)).toEqual(['resident_id', 'possible_id', 'mobile', 'bank_card', 'landline']);
  });

  it('a county pattern added by the county admin blocks publication until masked, with its own mask', async () => {
    const call = api(f);
    const put = await call(f.s.countyAdmin, 'PUT', '/api/v1/publishing/pii-rules', { builtin: {}, custom: [SSN_RULE] });
    expect(put.statusCode, put.body).toBe(200);
    // The answer's schema keeps every field of both kinds of rule (a typed response drops what it does not list).
    const listed = (await call(f.s.clerk, 'GET', '/api/v1/publishing/pii-rules')).json().rules as Record<string, unknown>[];
    expect(listed.find((r) => r.id === SSN_RULE.id)).toEqual(SSN_RULE);
    expect(listed.find((r) => r.id === 'mobile')).toMatchObject({
      kind: 'mobile',
      enabled: true,
      mask: { keepFirst: expect.any(Number), keepLast: expect.any(Number), maskChar: expect.any(String) },
    });
    const d = await call(f.s.clerk, 'POST', '/api/v1/disclosures', {
      unitCode: '321323002-buhu',
      itemKey: 'vil:hyjd',
      title: '参保登记情况',
      formedOn: '2026-11-25',
      body: '<p>张某社保卡号123456789已登记。</p>',
    });
    const id = d.json().id as string;
    const blocked = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {});
    expect([blocked.statusCode, errorOf(blocked).code]).toEqual([409, 'PII_UNRESOLVED']);
    expect(errorOf(blocked).message).toContain('社保卡号');
    const hits = (await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-scan`, {})).json().hits as { fingerprint: string; masked: string }[];
    expect(hits.map((h) => h.masked)).toEqual(['*******89']);
    await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-decisions`, { fingerprint: hits[0].fingerprint, action: 'mask' });
    expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {})).statusCode).toBe(200);
    await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve' });
    expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/publish`, {})).statusCode).toBe(200);
    const page = await f.t.app.inject({ url: `/disclosures/${id}` });
    expect(page.body).toContain('*******89');
    expect(page.body).not.toContain('123456789');
  });

  it('refuses bad rules and other users, and changes nothing', async () => {
    const call = api(f);
    const before = { audit: await auditCount(), view: (await call(f.s.clerk, 'GET', '/api/v1/publishing/pii-rules')).json() };
    const cases: [keyof Fixture['s'], unknown, number][] = [
      ['countyAdmin', { builtin: {}, custom: [{ ...SSN_RULE, regex: '([0-9' }] }, 400],
      ['countyAdmin', { builtin: { resident_id: { enabled: false } }, custom: [] }, 400],
      ['countyAdmin', { builtin: { mobile: { mask: { keepFirst: 9, keepLast: 9, maskChar: '*' } } }, custom: [] }, 400],
      ['countyAdmin', { builtin: {}, custom: [{ ...SSN_RULE, id: 'Bad Id' }] }, 400],
      ['countyAdmin', { builtin: { passport: { enabled: true } }, custom: [] }, 400],
      ['townAdmin', { builtin: {}, custom: [SSN_RULE] }, 403],
      ['clerk', { builtin: {}, custom: [SSN_RULE] }, 403],
    ];
    for (const [who, body, status] of cases) {
      const res = await call(f.s[who], 'PUT', '/api/v1/publishing/pii-rules', body);
      expect(res.statusCode, `${who} ${JSON.stringify(body)}`).toBe(status);
      expect(errorOf(res).message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect({ audit: await auditCount(), view: (await call(f.s.clerk, 'GET', '/api/v1/publishing/pii-rules')).json() }).toEqual(before);
  });
});
