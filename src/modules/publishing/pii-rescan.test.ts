/**
 * `gongkai pii rescan` and the admin's 复查 list: published records whose public text has personal data that the
 * current rules find unmasked; the correction that fixes them; reads that never write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/helpers/test-app.ts';
import { api, correctVillage, openFixture, publishVillage, VILLAGE, type Fixture } from './disclosure.fixture.ts';
import { piiRescan, FINDINGS_EXIT_CODE } from './pii-rescan.cli.ts';
import { PII_RESCAN_KEY } from './pii-rescan.ts';
import { resetPiiRules } from './pii-config.ts';
import { multipart, richDocx } from './data/test-files.ts';

// Issue 13's examples, as the scanner before the fix let them through.
const SPACED = '321323 19660707 7770';
const DASHED = '321323-19881111-2229';
const flat = (s: string) =>
  s
    .replace(/<[^>]*>/g, '')
    .normalize('NFKC')
    .replace(/[\s\u200B-\u200D\u2060\uFEFF\u00AD\-.·/—]/g, '');

describe('re-scan of published records', () => {
  let f: Fixture;
  let call: ReturnType<typeof api>;
  let legacy: string;
  beforeAll(async () => {
    f = await openFixture();
    call = api(f);
    // A record with figures that are not personal data (amount, date).
    await publishVillage(f, '<p>村民代表会议决定：修建村内道路，预算 138,000.00 元，2026-11-20 开工。</p>');
    // A record published before the gate knew separators: its public version holds the numbers as written.
    const body = `<p>低保对象王某，身份证号${SPACED}；李某，身份证号${DASHED}。</p>`;
    legacy = await publishVillage(f, '<p>低保对象公示。</p>');
    await f.t.rt.ctx.db.updateTable('disclosures').set({ body_html: body }).where('id', '=', legacy).execute();
    await f.t.rt.ctx.db.updateTable('disclosure_versions').set({ body_html: body, public_body_html: body }).where('disclosure_id', '=', legacy).execute();
  }, 60_000);
  afterAll(() => {
    resetPiiRules();
    return f?.t.close();
  });

  const rowCounts = async () => {
    const db = f.t.rt.ctx.db;
    return {
      settings: (await db.selectFrom('app_settings').select('key').execute()).length,
      audit: (await db.selectFrom('audit_events').select('seq').execute()).length,
    };
  };

  it('is for the county admin only; GET shows the stored result and writes nothing', async () => {
    for (const who of [f.s.clerk, f.s.supervisor, f.s.reviewer, f.s.townAdmin]) {
      expect((await call(who, 'GET', '/api/v1/publishing/pii-rescan')).statusCode).toBe(403);
      expect((await call(who, 'POST', '/api/v1/publishing/pii-rescan')).statusCode).toBe(403);
    }
    expect((await call(null, 'GET', '/api/v1/publishing/pii-rescan')).statusCode).toBe(401);
    const before = await rowCounts();
    const view = await call(f.s.countyAdmin, 'GET', '/api/v1/publishing/pii-rescan');
    expect(view.statusCode).toBe(200);
    expect(view.json()).toEqual({ last: null, rulesChanged: true, rulesUpdatedAt: null });
    expect(await rowCounts()).toEqual(before);
  });

  it('lists the record with kinds and counts, never the values; the result is stored and audited', async () => {
    const run = await call(f.s.countyAdmin, 'POST', '/api/v1/publishing/pii-rescan');
    expect(run.statusCode, run.body).toBe(200);
    const r = run.json();
    expect(r.scanned).toBe(2);
    expect(r.findings).toEqual([
      expect.objectContaining({
        disclosureId: legacy,
        unitCode: VILLAGE,
        indexNo: expect.stringMatching(/\/2026-\d{5}$/),
        status: 'published',
        version: 1,
        kinds: [{ kind: 'id', text: '身份证号', count: 2 }],
        places: [{ place: 'body', text: '正文', count: 2 }],
        attachments: [],
        count: 2,
      }),
    ]);
    for (const v of [SPACED, DASHED]) expect(flat(run.body)).not.toContain(flat(v));
    const view = (await call(f.s.countyAdmin, 'GET', '/api/v1/publishing/pii-rescan')).json();
    expect(view).toMatchObject({ rulesChanged: false, last: { findings: [expect.objectContaining({ disclosureId: legacy })] } });
    const audit = await f.t.rt.ctx.db.selectFrom('audit_events').select(['action', 'after_json']).where('entity_id', '=', PII_RESCAN_KEY).execute();
    expect(audit.map((a) => [a.action, JSON.parse(a.after_json!)])).toEqual([
      ['publishing.pii_rescan', { scanned: 2, records: 1, hits: 2, rulesVersion: null }],
    ]);
  });

  it('the command line prints the same list, as JSON with --json; --fail-on-findings exits 3', async () => {
    let out = '';
    expect(await piiRescan(f.t.rt.ctx, { json: false, failOnFindings: false }, (s) => (out = s))).toBe(0);
    expect(out).toContain('1 条内容共有 2 处未遮盖的个人信息');
    expect(out).toContain(legacy);
    expect(out).toContain('身份证号2处');
    expect(flat(out)).not.toContain(flat(SPACED));
    expect(await piiRescan(f.t.rt.ctx, { json: true, failOnFindings: true }, (s) => (out = s))).toBe(FINDINGS_EXIT_CODE);
    expect(JSON.parse(out).findings.map((x: { disclosureId: string }) => x.disclosureId)).toEqual([legacy]);
  });

  it('a correction with the usual public reason fixes it; the old version in the history is masked too', async () => {
    // Unchanged text and no decision yet: the gate asks for one.
    const blocked = await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${legacy}/corrections`, { reason: '按更新后的个人信息识别规则遮盖身份证号' });
    expect(blocked.statusCode).toBe(409);
    expect(errorOf(blocked).message).toContain('2 处个人信息');
    const hits = (await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${legacy}/pii-scan`, {})).json().hits as { fingerprint: string }[];
    for (const h of hits)
      expect(
        (await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${legacy}/pii-decisions`, { fingerprint: h.fingerprint, action: 'mask' })).statusCode,
      ).toBe(200);
    // Proposed by the committee member, approved by a second one (two-person sign-off).
    const fixed = await correctVillage(f, legacy, { reason: '按更新后的个人信息识别规则遮盖身份证号' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const pub = (await call(null, 'GET', `/api/v1/disclosures/${legacy}`)).json().public;
    expect(pub).toMatchObject({ version: 2, corrected: true });
    expect(pub.bodyHtml).toBe('<p>低保对象王某，身份证号32**** ******** *770；李某，身份证号32****-********-*229。</p>');
    const page = (await call(null, 'GET', `/disclosures/${legacy}`)).body;
    expect(page).toContain('按更新后的个人信息识别规则遮盖身份证号');
    for (const out of [JSON.stringify(pub), page]) for (const v of [SPACED, DASHED]) expect(flat(out)).not.toContain(flat(v));
    // Nothing to correct twice.
    expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${legacy}/corrections`, { reason: '再次更正' })).statusCode).toBe(400);
    const again = (await call(f.s.countyAdmin, 'POST', '/api/v1/publishing/pii-rescan')).json();
    expect(again.findings).toEqual([]);
  });

  it('after a rule change the list is marked out of date, and a re-run finds what the new rule finds', async () => {
    const id = await publishVillage(f, '<p>社保卡号 M1234 5678 已发放。</p>');
    const rules = (await call(f.s.countyAdmin, 'GET', '/api/v1/publishing/pii-rules')).json();
    const saved = await call(f.s.countyAdmin, 'PUT', '/api/v1/publishing/pii-rules', {
      ...rules.config,
      custom: [
        {
          id: 'shebao_card',
          kind: 'custom',
          label: '社保卡号',
          regex: '(?<![A-Z0-9])[A-Z]\\d{8}(?![0-9])',
          enabled: true,
          mask: { keepFirst: 1, keepLast: 2, maskChar: '*' },
        },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await call(f.s.countyAdmin, 'GET', '/api/v1/publishing/pii-rescan')).json().rulesChanged).toBe(true);
    const r = (await call(f.s.countyAdmin, 'POST', '/api/v1/publishing/pii-rescan')).json();
    expect(r.findings.map((x: { disclosureId: string; kinds: unknown }) => [x.disclosureId, x.kinds])).toEqual([
      [id, [{ kind: 'custom', text: '社保卡号', count: 1 }]],
    ]);
    expect(r.findings[0].title).toBe('村民代表会议决定公开');
    expect(r.scanned).toBe(3);
  });

  it('lists a downloadable original whose file holds personal data the old extraction missed; 原件不公开 clears it', async () => {
    const d = await call(f.s.clerk, 'POST', '/api/v1/disclosures', {
      unitCode: VILLAGE,
      title: '会议纪要公开',
      formedOn: '2026-11-25',
      body: '<p>会议纪要见附件。</p>',
    });
    const id = d.json().id as string;
    const m = multipart({}, { name: '会议纪要.docx', content: await richDocx(['', '', '138 1234 5678']) });
    const up = await f.t.app.inject({
      method: 'POST',
      url: `/api/v1/disclosures/${id}/attachments`,
      payload: m.payload,
      headers: { ...f.s.clerk.headers(), ...m.headers },
    });
    expect(up.statusCode, up.body).toBe(201);
    // As an upload before this change stored it: the body only, no header; cleared by the reviewer.
    await f.t.rt.ctx.db
      .updateTable('disclosure_attachments')
      .set({
        extracted_text: JSON.stringify({ kind: 'docx', paragraphs: ['会议纪要正文。'] }),
        review_action: 'no_personal_data',
        reviewed_at: '2026-11-26T01:00:00.000Z',
        reviewed_by: 'x',
      })
      .where('id', '=', up.json().id)
      .execute();
    for (const [who, step, payload] of [
      [f.s.clerk, 'submit', {}],
      [f.s.supervisor, 'review', { decision: 'approve' }],
      [f.s.clerk, 'publish', {}],
    ] as const)
      expect((await call(who, 'POST', `/api/v1/disclosures/${id}/${step}`, payload)).statusCode).toBe(200);
    expect((await call(null, 'GET', `/api/v1/disclosures/${id}/attachments/${up.json().id}`)).statusCode).toBe(200);
    const r = (await call(f.s.countyAdmin, 'POST', '/api/v1/publishing/pii-rescan')).json();
    const hit = r.findings.find((x: { disclosureId: string }) => x.disclosureId === id);
    expect(hit).toMatchObject({
      places: [{ place: 'attachment_original', text: '可下载的附件原件', count: 1 }],
      attachments: [{ id: up.json().id, name: '会议纪要.docx', count: 1 }],
      kinds: [{ kind: 'mobile', text: '手机号码', count: 1 }],
    });
    expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/attachments/${up.json().id}/review`, { action: 'withhold' })).statusCode).toBe(200);
    const after = (await call(f.s.countyAdmin, 'POST', '/api/v1/publishing/pii-rescan')).json();
    expect(after.findings.find((x: { disclosureId: string }) => x.disclosureId === id)).toBeUndefined();
  });
});
