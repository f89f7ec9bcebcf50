/**
 * HTTP tests of assessment, evidence files, rectification orders and the rollout tracker: every bad input gets
 * a clear 4xx, scope is enforced (404 outside), every step is audited, and reminders follow the working-day
 * calendar. Authorization of these routes for anonymous callers is covered by test/authorization-matrix.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { errorOf, type Session } from '../../../test/helpers/test-app.ts';
import { multipart, PNG } from '../publishing/data/test-files.ts';
import { extractPdfText } from '../publishing/index.ts';
import { openComplianceFixture, TOWN, type ComplianceFixture } from '../compliance/compliance.fixture.ts';
import { rectificationReminders } from './rectification.ts';
import { seedRolloutDemo } from './rollout.ts';
import { templateSet } from './assessment.rules.ts';

const BUHU = `${TOWN}-buhu`;
const LONGMEN = `${TOWN}-longmen`;

describe('assessment, rectification and rollout over HTTP', () => {
  let f: ComplianceFixture;
  let county: Session;
  let buhu: Session;
  let other: Session;
  const call = (who: Session | null, method: string, url: string, payload?: unknown) =>
    f.t.app.inject({ method: method as 'GET', url, headers: who ? who.headers() : {}, payload: payload as never });

  beforeAll(async () => {
    f = await openComplianceFixture('2026-05-15');
    county = await f.as('countyadmin');
    buhu = await f.as('buhuclerk');
    other = await f.as('othertown');
  }, 60_000);
  afterAll(() => f?.t.close());

  async function uploadPng(who: Session, unitCode: string, content = PNG, name = 'board.png') {
    const body = multipart({ unitCode }, { name, content, type: 'image/png' });
    return f.t.app.inject({ method: 'POST', url: '/api/v1/assessments/evidence-files', headers: who.headers(body.headers), payload: body.payload });
  }

  describe('evidence files', () => {
    it.each([
      ['a text file named .png', () => uploadPng(buhu, BUHU, Buffer.from('just text'), 'fake.png'), 415, 'UNSUPPORTED_FILE_TYPE'],
      ['a file over 20 MB', () => uploadPng(buhu, BUHU, Buffer.concat([PNG, Buffer.alloc(20 * 1024 * 1024 + 1)])), 413, 'FILE_TOO_LARGE'],
      ['no unit', () => uploadPng(buhu, ''), 400, 'UNIT_REQUIRED'],
      ['a unit outside the scope', () => uploadPng(other, BUHU), 404, 'UNIT_NOT_FOUND'],
      ['a JSON body', () => call(buhu, 'POST', '/api/v1/assessments/evidence-files', { unitCode: BUHU }), 415, 'MULTIPART_REQUIRED'],
    ])('refuses %s', async (_n, send, status, code) => {
      const res = await send();
      expect(res.statusCode, res.body).toBe(status);
      expect(errorOf(res).code).toBe(code);
      expect(errorOf(res).message).toMatch(/[\u4e00-\u9fa5]/);
    });

    it('stores a photo, serves it inside the scope only', async () => {
      const up = await uploadPng(buhu, BUHU);
      expect(up.statusCode, up.body).toBe(201);
      const { id, url, type } = up.json();
      expect(type).toBe('png');
      const mine = await call(buhu, 'GET', url);
      expect([mine.statusCode, mine.headers['content-type']]).toEqual([200, 'image/png']);
      expect(mine.rawPayload.equals(PNG)).toBe(true);
      expect((await call(other, 'GET', url)).statusCode).toBe(404);
      expect((await call(county, 'GET', `/api/v1/assessments/evidence-files/${id}`)).statusCode).toBe(200);
    });
  });

  describe('rectification orders', () => {
    let id = '';
    const issue = (who: Session, over: Record<string, unknown> = {}) =>
      call(who, 'POST', '/api/v1/rectifications', {
        unitCode: BUHU,
        title: '第一季度财务收支未按时公开',
        problem: '2026年第一季度财务收支情况逾期未公开，请于期限内公开并上传公开栏照片。',
        workingDays: 5,
        obligationRef: 'vil:szxq 2026-Q1',
        ...over,
      });

    it.each([
      ['an empty title', { title: '  ' }, 400, 'TITLE_REQUIRED'],
      ['an empty problem', { problem: '' }, 400, 'PROBLEM_REQUIRED'],
      ['0 working days', { workingDays: 0 }, 400, 'INVALID_WORKING_DAYS'],
      ['121 working days', { workingDays: 121 }, 400, 'INVALID_WORKING_DAYS'],
      ['an unknown unit', { unitCode: 'nope' }, 404, 'UNIT_NOT_FOUND'],
      ['the county itself', { unitCode: '321323' }, 409, 'CANNOT_ORDER_SELF'],
      ['an unknown field', { priority: 'high' }, 400, 'VALIDATION_FAILED'],
      ['a bad evidence link', { evidence: [{ url: 'javascript:alert(1)' }] }, 400, 'INVALID_LINK'],
    ])('refuses %s', async (_n, over, status, code) => {
      const res = await issue(county, over);
      expect(res.statusCode, res.body).toBe(status);
      if (code !== 'VALIDATION_FAILED') expect(errorOf(res).code).toBe(code);
    });

    it('only a county admin covering the unit issues orders', async () => {
      expect((await issue(buhu)).statusCode).toBe(403);
      expect((await issue(other)).statusCode).toBe(404);
    });

    it('issues with a working-day deadline; the unit and its town see it, another town does not', async () => {
      const res = await issue(county, { evidence: [{ url: `/admin/compliance/units/${BUHU}`, label: '监测明细' }] });
      expect(res.statusCode, res.body).toBe(201);
      const o = res.json();
      id = o.id;
      // Issued Friday 2026-05-15; 5 working days → Friday 2026-05-22.
      expect(o).toMatchObject({
        serial: '整改〔2026〕1号',
        status: 'issued',
        statusLabel: '待整改',
        issuedOn: '2026-05-15',
        dueDate: '2026-05-22',
        dueProvisional: false,
        round: 1,
      });
      expect(o.steps.map((s: { action: string }) => s.action)).toEqual(['issue']);
      expect((await call(buhu, 'GET', `/api/v1/rectifications/${id}`)).json().can).toEqual({ respond: true, close: false, reopen: false });
      expect((await call(await f.as('townadmin'), 'GET', '/api/v1/rectifications')).json().total).toBe(1);
      expect((await call(other, 'GET', `/api/v1/rectifications/${id}`)).statusCode).toBe(404);
      expect((await call(other, 'GET', '/api/v1/rectifications')).json().total).toBe(0);
      expect((await call(other, 'GET', `/api/v1/rectifications?unitCode=${BUHU}`)).statusCode).toBe(404);
      expect((await call(county, 'GET', '/api/v1/rectifications?status=bogus')).statusCode).toBe(400);
    });

    it('reminders: due soon within the reminder settings’ window (default 3 working days), overdue after, with working days counted', async () => {
      const ctx = f.t.rt.ctx;
      expect(await rectificationReminders(ctx, '2026-05-18')).toEqual([]);
      // A wider window (the one setting for every due-soon reminder) reaches the order a day earlier.
      const county = (await f.as('countyadmin')).headers();
      const settings = (await f.t.app.inject({ url: '/api/v1/notifications/settings', headers: county })).json().settings;
      delete settings.updatedAt;
      expect(
        (await f.t.app.inject({ method: 'PUT', url: '/api/v1/notifications/settings', headers: county, payload: { ...settings, dueSoonWorkingDays: 4 } }))
          .statusCode,
      ).toBe(200);
      expect((await rectificationReminders(ctx, '2026-05-18')).map((r) => r.status)).toEqual(['due-soon']);
      expect((await f.t.app.inject({ method: 'PUT', url: '/api/v1/notifications/settings', headers: county, payload: settings })).statusCode).toBe(200);
      expect(await rectificationReminders(ctx, '2026-05-18')).toEqual([]);
      expect(await rectificationReminders(ctx, '2026-05-19')).toEqual([
        {
          key: `rectification:${id}:r1:due-soon`,
          unitCode: BUHU,
          kind: 'rectification',
          title: '整改：第一季度财务收支未按时公开（整改〔2026〕1号）',
          dueDate: '2026-05-22',
          status: 'due-soon',
          overdueWorkingDays: 0,
          link: `/admin/rectifications/${id}`,
        },
      ]);
      const late = await rectificationReminders(ctx, '2026-05-26');
      expect(late.map((r) => [r.key, r.status, r.overdueWorkingDays])).toEqual([[`rectification:${id}:r1:overdue`, 'overdue', 2]]);
    });

    it('respond needs evidence of the unit; the county cannot respond for the unit', async () => {
      const url = `/api/v1/rectifications/${id}/respond`;
      expect((await call(county, 'POST', url, { text: '已整改', evidence: [{ url: 'https://example.org/x' }] })).statusCode).toBe(403);
      const cases: [unknown, number, string][] = [
        [{ text: '已整改', evidence: [] }, 400, 'EVIDENCE_REQUIRED'],
        [{ text: ' ', evidence: [{ url: 'https://example.org/x' }] }, 400, 'RESPONSE_REQUIRED'],
        [{ text: '已整改', evidence: [{}] }, 400, 'INVALID_EVIDENCE'],
        [{ text: '已整改', evidence: [{ fileId: '00000000-0000-0000-0000-000000000000' }] }, 400, 'EVIDENCE_FILE_NOT_FOUND'],
        [{ text: '已整改', evidence: [{ url: 'data:text/html,hi' }] }, 400, 'INVALID_LINK'],
      ];
      for (const [payload, status, code] of cases) {
        const res = await call(buhu, 'POST', url, payload);
        expect([res.statusCode, errorOf(res).code], JSON.stringify(payload)).toEqual([status, code]);
      }
      // A file uploaded for another village is not evidence for 卜湖.
      const foreign = await uploadPng(county, LONGMEN);
      const wrong = await call(buhu, 'POST', url, { text: '已整改', evidence: [{ fileId: foreign.json().id }] });
      expect(errorOf(wrong).code).toBe('EVIDENCE_FILE_NOT_FOUND');
    });

    it('issue → respond → reopen → respond → close, each step audited', async () => {
      const photo = (await uploadPng(buhu, BUHU)).json();
      const r1 = await call(buhu, 'POST', `/api/v1/rectifications/${id}/respond`, {
        text: '已于5月20日在公开栏公布并上传网站。',
        evidence: [{ fileId: photo.id }, { url: '/units/321323002-buhu', label: '本社区公开专栏' }],
      });
      expect(r1.statusCode, r1.body).toBe(200);
      expect(r1.json()).toMatchObject({ status: 'responded', statusLabel: '待复核' });
      expect(r1.json().steps[1].evidence).toEqual([
        { kind: 'file', fileId: photo.id, name: 'board.png', type: 'png', size: PNG.length, url: photo.url },
        { kind: 'link', url: '/units/321323002-buhu', label: '本社区公开专栏' },
      ]);
      expect(
        (await call(buhu, 'POST', `/api/v1/rectifications/${id}/respond`, { text: '再次反馈', evidence: [{ url: 'https://example.org/x' }] })).statusCode,
      ).toBe(409);
      expect((await call(buhu, 'POST', `/api/v1/rectifications/${id}/close`, {})).statusCode).toBe(403);
      expect(errorOf(await call(county, 'POST', `/api/v1/rectifications/${id}/reopen`, { comment: '', workingDays: 3 })).code).toBe('REASON_REQUIRED');
      expect(errorOf(await call(county, 'POST', `/api/v1/rectifications/${id}/reopen`, { comment: '照片不清晰', workingDays: 0 })).code).toBe(
        'INVALID_WORKING_DAYS',
      );
      const re = await call(county, 'POST', `/api/v1/rectifications/${id}/reopen`, { comment: '照片不清晰，请补拍公开栏全景。', workingDays: 3 });
      expect(re.json()).toMatchObject({ status: 'issued', round: 2, dueDate: '2026-05-20' });
      expect(errorOf(await call(county, 'POST', `/api/v1/rectifications/${id}/close`, {})).code).toBe('INVALID_STATE');
      await call(buhu, 'POST', `/api/v1/rectifications/${id}/respond`, { text: '已补拍。', evidence: [{ fileId: photo.id }] });
      const closed = await call(county, 'POST', `/api/v1/rectifications/${id}/close`, { comment: '复核通过' });
      expect(closed.json()).toMatchObject({ status: 'closed', statusLabel: '已销号' });
      expect(closed.json().steps.map((s: { action: string }) => s.action)).toEqual(['issue', 'respond', 'reopen', 'respond', 'close']);
      expect(errorOf(await call(county, 'POST', `/api/v1/rectifications/${id}/close`, {})).code).toBe('INVALID_STATE');
      const audit = await f.t.rt.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', id).orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual([
        'rectification.issue',
        'rectification.respond',
        'rectification.reopen',
        'rectification.respond',
        'rectification.close',
      ]);
      expect(await rectificationReminders(f.t.rt.ctx, '2026-06-30')).toEqual([]);
    });

    it('orders issued at the same time get distinct serials', async () => {
      const made = await Promise.all([1, 2, 3, 4].map((n) => issue(county, { title: `并发下发${n}` })));
      expect(made.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
      expect(made.map((r) => r.json().serial).sort()).toEqual(['整改〔2026〕2号', '整改〔2026〕3号', '整改〔2026〕4号', '整改〔2026〕5号']);
    });
  });

  describe('rollout tracker', () => {
    beforeAll(async () => {
      await seedRolloutDemo(f.t.rt.ctx);
    });

    it('county progress view: the pilot named by the plan, demo second batch marked as demo', async () => {
      const res = await call(county, 'GET', '/api/v1/rollout');
      expect(res.statusCode).toBe(200);
      const o = res.json();
      expect(o.batches.map((b: { key: string }) => b.key)).toEqual(['pilot', 'second', 'third']);
      expect(o.batches[0]).toMatchObject({ units: 1, complete: 1, lateAfter: null });
      expect(o.batches[1].lateAfter).toBe('2024-03-31');
      const pilot = o.units.find((u: { code: string }) => u.code === BUHU);
      expect(pilot).toMatchObject({ batch: 'pilot', batchIsDemo: false, status: 'complete', doneCount: 5 });
      expect(o.demoNote).toContain('演示数据');
      // Every town with villages has exactly one demo second-batch village.
      for (const t of o.towns.filter((x: { villages: number }) => x.villages > 1)) expect(t.secondBatch).toHaveLength(1);
      // Behind schedule: third-batch villages without all checks done, as of 2026.
      expect(o.units.filter((u: { batch: string; late: boolean }) => u.batch === 'third').every((u: { late: boolean }) => u.late)).toBe(true);
      const mine = (await call(buhu, 'GET', '/api/v1/rollout')).json();
      expect(mine.units.map((u: { code: string }) => u.code)).toEqual([BUHU]);
      expect((await call(buhu, 'GET', `/api/v1/rollout?townCode=321323106`)).statusCode).toBe(404);
      expect((await call(county, 'GET', '/api/v1/rollout?batch=fourth')).statusCode).toBe(400);
    });

    it.each([
      ['an unknown check', 'nope', { done: true, doneOn: '2026-05-01', evidence: [{ url: 'https://example.org/a' }] }, 404, 'CHECK_NOT_FOUND'],
      ['done without a date', 'notice_board', { done: true, evidence: [{ url: 'https://example.org/a' }] }, 400, 'DATE_REQUIRED'],
      ['a date that does not exist', 'notice_board', { done: true, doneOn: '2026-02-30', evidence: [{ url: 'https://example.org/a' }] }, 400, 'INVALID_DATE'],
      ['a date in the future', 'notice_board', { done: true, doneOn: '2026-05-16', evidence: [{ url: 'https://example.org/a' }] }, 400, 'DATE_IN_FUTURE'],
      ['a date before the plan', 'notice_board', { done: true, doneOn: '2023-01-01', evidence: [{ url: 'https://example.org/a' }] }, 400, 'DATE_TOO_EARLY'],
      ['done without evidence', 'notice_board', { done: true, doneOn: '2026-05-01' }, 400, 'EVIDENCE_REQUIRED'],
    ])('checklist refuses %s', async (_n, key, payload, status, code) => {
      const res = await call(await f.as('clerk'), 'PUT', `/api/v1/rollout/units/${LONGMEN}/checks/${key}`, payload);
      expect([res.statusCode, errorOf(res).code]).toEqual([status, code]);
    });

    it('a village keeps its own checklist; scope and kind are enforced; batches are for the county', async () => {
      const clerk = await f.as('clerk');
      const ok = await call(clerk, 'PUT', `/api/v1/rollout/units/${LONGMEN}/checks/notice_board`, {
        done: true,
        doneOn: '2026-05-10',
        note: '村部门口',
        evidence: [{ url: 'https://example.org/board.jpg', label: '公开栏照片' }],
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().items.find((i: { key: string }) => i.key === 'notice_board')).toMatchObject({
        done: true,
        doneOn: '2026-05-10',
        isDemo: false,
        updatedBy: 'clerk',
      });
      expect((await call(buhu, 'PUT', `/api/v1/rollout/units/${LONGMEN}/checks/notice_board`, { done: false })).statusCode).toBe(404);
      expect(errorOf(await call(county, 'GET', `/api/v1/rollout/units/${TOWN}`)).code).toBe('NOT_A_VILLAGE');
      expect((await call(clerk, 'PUT', `/api/v1/rollout/units/${LONGMEN}/batch`, { batch: 'second' })).statusCode).toBe(403);
      expect(errorOf(await call(county, 'PUT', `/api/v1/rollout/units/${LONGMEN}/batch`, { batch: 'fourth' })).code).toBe('INVALID_BATCH');
      const moved = await call(county, 'PUT', `/api/v1/rollout/units/${LONGMEN}/batch`, { batch: 'second', note: '县政府办确定' });
      expect(moved.json()).toMatchObject({ batch: 'second', batchIsDemo: false, batchNote: '县政府办确定' });
      const audit = await f.t.rt.ctx.db
        .selectFrom('audit_events')
        .select('action')
        .where('unit_code', '=', LONGMEN)
        .where('action', 'like', 'rollout.%')
        .execute();
      expect(audit.map((a) => a.action).sort()).toEqual(['rollout.batch.assign', 'rollout.check.update']);
    });
  });

  describe('assessment periods', () => {
    let pid = '';
    const create = (who: Session, over: Record<string, unknown> = {}) =>
      call(who, 'POST', '/api/v1/assessments', { kind: 'quarter', year: 2026, quarter: 2, set: templateSet(), ...over });

    it.each([
      [
        'weights not adding up',
        { set: { ...templateSet(), indicators: templateSet().indicators.slice(1) } },
        400,
        'INVALID_INDICATOR_SET',
        '分值合计为60分，应为100分',
      ],
      ['a quarter period without its quarter', { quarter: undefined }, 400, 'INVALID_QUARTER', '第1至第4季度'],
      ['a year before the plan', { year: 2020 }, 400, 'INVALID_YEAR', '2023'],
      [
        'an unknown indicator kind',
        { set: { ...templateSet(), indicators: [{ ...templateSet().indicators[0], kind: 'magic' }] } },
        400,
        'VALIDATION_FAILED',
        '',
      ],
    ])('refuses %s', async (_n, over, status, code, message) => {
      const res = await create(county, over);
      expect(res.statusCode, res.body).toBe(status);
      if (code !== 'VALIDATION_FAILED') expect(errorOf(res)).toMatchObject({ code, message: expect.stringContaining(message) });
    });

    it('only county admins create periods; a period is unique per quarter', async () => {
      expect((await create(buhu)).statusCode).toBe(403);
      const res = await create(county);
      expect(res.statusCode, res.body).toBe(201);
      pid = res.json().id;
      expect(res.json()).toMatchObject({
        name: '2026年第2季度政务公开和村（居）务公开工作考评',
        startDate: '2026-04-01',
        endDate: '2026-06-30',
        status: 'open',
      });
      expect(errorOf(await create(county)).code).toBe('PERIOD_EXISTS');
      expect((await call(buhu, 'GET', '/api/v1/assessments')).json().items.map((p: { id: string }) => p.id)).toEqual([pid]);
    });

    it('manual scores: only manual indicators, applicable units, values in range, with evidence', async () => {
      const url = `/api/v1/assessments/${pid}/manual-scores`;
      const base = { indicatorKey: 'work', unitCode: BUHU, value: 80, evidence: [{ url: 'https://example.org/ledger.pdf', label: '台账' }] };
      const cases: [Record<string, unknown>, number, string][] = [
        [{ indicatorKey: 'nope' }, 400, 'INDICATOR_NOT_FOUND'],
        [{ indicatorKey: 'on_time' }, 400, 'NOT_MANUAL'],
        [{ value: 101 }, 400, 'INVALID_VALUE'],
        [{ value: 33.333 }, 400, 'INVALID_VALUE'],
        [{ indicatorKey: 'veto_security', value: 50 }, 400, 'INVALID_VALUE'],
        [{ evidence: [] }, 400, 'EVIDENCE_REQUIRED'],
        [{ unitCode: 'dept-mzj' }, 400, 'NOT_APPLICABLE'],
        [{ unitCode: 'nope' }, 404, 'UNIT_NOT_FOUND'],
      ];
      for (const [over, status, code] of cases) {
        const res = await call(county, 'PUT', url, { ...base, ...over });
        expect([res.statusCode, errorOf(res).code], JSON.stringify(over)).toEqual([status, code]);
      }
      expect((await call(buhu, 'PUT', url, base)).statusCode).toBe(403);
      const res = await call(county, 'PUT', url, base);
      expect(res.statusCode, res.body).toBe(200);
      // "Not triggered" needs no evidence.
      expect((await call(county, 'PUT', url, { indicatorKey: 'veto_security', unitCode: BUHU, value: 0, evidence: [] })).statusCode).toBe(200);
    });

    it('score card: every figure with its evidence; scope enforced', async () => {
      const res = await call(buhu, 'GET', `/api/v1/assessments/${pid}/units/${BUHU}`);
      expect(res.statusCode, res.body).toBe(200);
      const card = res.json();
      expect(card.unit).toMatchObject({ code: BUHU, group: 'village' });
      const work = card.results.find((r: { key: string }) => r.key === 'work');
      expect(work).toMatchObject({ points: 16, evidence: [{ label: '台账', url: 'https://example.org/ledger.pdf' }], manual: { value: 80 } });
      const onTime = card.results.find((r: { key: string }) => r.key === 'on_time');
      expect(onTime.evidence[0].url).toBe(`/admin/compliance/units/${BUHU}?from=2026-04-01&to=2026-06-30`);
      expect(card.canEnter).toBe(false);
      expect((await call(buhu, 'GET', `/api/v1/assessments/${pid}/units/${LONGMEN}`)).statusCode).toBe(404);
      expect((await call(other, 'GET', `/api/v1/assessments/${pid}/units/${BUHU}`)).statusCode).toBe(404);
      expect((await call(county, 'GET', `/api/v1/assessments/${pid}/units/321323`)).statusCode).toBe(404);
    });

    it('closing: not before the end unless asked, reopen needs a reason; all audited', async () => {
      expect(errorOf(await call(county, 'POST', `/api/v1/assessments/${pid}/close`, {})).code).toBe('PERIOD_NOT_OVER');
      expect((await call(buhu, 'POST', `/api/v1/assessments/${pid}/close`, { allowIncomplete: true })).statusCode).toBe(403);
      expect(errorOf(await call(county, 'POST', `/api/v1/assessments/${pid}/reopen`, { reason: '复核' })).code).toBe('PERIOD_OPEN');
      expect((await call(county, 'POST', `/api/v1/assessments/${pid}/close`, { allowIncomplete: true })).json().status).toBe('closed');
      expect(
        errorOf(
          await call(county, 'PUT', `/api/v1/assessments/${pid}/manual-scores`, {
            indicatorKey: 'work',
            unitCode: BUHU,
            value: 90,
            evidence: [{ url: 'https://example.org/a' }],
          }),
        ).code,
      ).toBe('PERIOD_CLOSED');
      expect(errorOf(await call(county, 'PUT', `/api/v1/assessments/${pid}`, { set: templateSet() })).code).toBe('PERIOD_CLOSED');
      expect(errorOf(await call(county, 'POST', `/api/v1/assessments/${pid}/reopen`, { reason: ' ' })).code).toBe('REASON_REQUIRED');
      expect((await call(county, 'POST', `/api/v1/assessments/${pid}/reopen`, { reason: '卜湖社区申请复核台账得分' })).json()).toMatchObject({
        status: 'open',
        reopenCount: 1,
      });
      const audit = await f.t.rt.ctx.db.selectFrom('audit_events').select(['action', 'after_json']).where('entity_id', '=', pid).orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual(['assessment.period.create', 'assessment.period.close', 'assessment.period.reopen']);
      expect(audit[2].after_json).toContain('卜湖社区申请复核台账得分');
    });

    it('exports: xlsx with rankings and the indicator set, a PDF report with charts', async () => {
      const x = await call(county, 'GET', `/api/v1/assessments/${pid}/export.xlsx`);
      expect(x.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['得分明细', '县直部门排名', '乡镇（街道）排名', '村（社区）排名', '村（社区）镇内排名', '指标体系']);
      const rows = wb.getWorksheet('得分明细')!.getSheetValues().filter(Boolean) as unknown[][];
      const buhuRow = rows.find((r) => r.includes('卜湖社区'))!;
      expect(buhuRow).toContain('城厢街道');
      // Scoped export: 卜湖's clerk gets only 卜湖.
      const own = await call(buhu, 'GET', `/api/v1/assessments/${pid}/export.xlsx`);
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(own.rawPayload as unknown as ArrayBuffer);
      expect(wb2.getWorksheet('得分明细')!.rowCount).toBe(2);
      const pdf = await call(county, 'GET', `/api/v1/assessments/${pid}/report.pdf`);
      expect([pdf.statusCode, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
      const text = (await extractPdfText(pdf.rawPayload)).join('\n');
      expect(text).toContain('2026年第2季度政务公开和村');
      expect(text).toContain('考评结果分布');
      expect(text).toContain('卜湖社区');
      const svg = await call(county, 'GET', `/api/v1/assessments/${pid}/charts/village.svg`);
      expect([svg.statusCode, svg.headers['content-type']]).toEqual([200, 'image/svg+xml; charset=utf-8']);
      expect(svg.body).toContain('卜湖社区');
      expect((await call(county, 'GET', `/api/v1/assessments/${pid}/charts/evil.svg`)).statusCode).toBe(400);
      expect((await call(other, 'GET', `/api/v1/assessments/00000000-0000-0000-0000-000000000000`)).statusCode).toBe(404);
    });
  });
});
