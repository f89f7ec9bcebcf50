import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, IMMEDIATE_ITEM, openFixture, TestClock, VILLAGE, type Fixture } from './disclosure.fixture.ts';
import { errorOf, openTestRuntime, TEST_PASSWORD } from '../../../test/helpers/test-app.ts';
import type { Runtime } from '../../runtime.ts';
import { unwrap } from '../../platform/result.ts';
import { actorByUsername, createUser, seedSiyangOrg } from '../org/index.ts';
import { createDisclosure, scanDisclosure } from './disclosure.commands.ts';
import { resetPiiRules, savePiiRules } from './pii-config.ts';

const SSN_RULE = {
  id: 'shebao',
  kind: 'custom' as const,
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

describe('personal-data rules follow the database a runtime opens', () => {
  const opened: Runtime[] = [];
  afterEach(async () => {
    for (const rt of opened.splice(0)) await rt.close();
    resetPiiRules();
  });

  /** A runtime on a fresh database with the Siyang units and one village clerk (the actor of the scans). */
  async function runtimeWithClerk() {
    const clock = new TestClock(new Date('2026-11-26T01:00:00.000Z'));
    const rt = await openTestRuntime({ clock });
    opened.push(rt);
    await seedSiyangOrg(rt.ctx.db, clock.now());
    unwrap(
      await createUser(
        rt.ctx,
        { actor: null },
        { username: 'clerk', displayName: '经办人', password: TEST_PASSWORD, roles: [{ role: 'village_clerk', unitCode: VILLAGE }] },
      ),
    );
    return { rt, meta: { actor: await actorByUsername(rt.ctx.db, 'clerk') } };
  }

  /** The kinds of personal data the runtime's own scan finds in a draft with a 9-digit 社保卡号. */
  async function scannedKinds({ rt, meta }: Awaited<ReturnType<typeof runtimeWithClerk>>): Promise<string[]> {
    const d = unwrap(
      await createDisclosure(rt.ctx, meta, {
        unitCode: VILLAGE,
        itemKey: IMMEDIATE_ITEM,
        title: '参保登记情况',
        formedOn: '2026-11-25',
        body: '<p>张某社保卡号123456789已登记。</p>',
      }),
    );
    return unwrap(await scanDisclosure(rt.ctx, meta, d.id)).hits.map((h) => h.label);
  }

  it('a second runtime in the same process does not scan with the county pattern the first database saved', async () => {
    resetPiiRules();
    const first = await runtimeWithClerk();
    unwrap(await savePiiRules(first.rt.ctx, { actor: null }, { builtin: {}, custom: [SSN_RULE] }));
    expect(await scannedKinds(first)).toEqual(['社保卡号']);
    // The second database has no county rules: its scans use the defaults, whatever the first one saved.
    const second = await runtimeWithClerk();
    expect(await scannedKinds(second)).toEqual([]);
  });
});
