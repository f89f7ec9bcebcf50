/**
 * The annual report and 复议/诉讼 records over HTTP, on a real database: counting from stored cases,
 * every bad input, roles and scope, the .xlsx and HTML outputs, publishing into a disclosure draft,
 * the 全县汇总 aggregate, and the report deadlines as obligations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openTestApp, makeUser, loginAs, errorOf, type TestApp, type Session } from '../../../../test/helpers/test-app.ts';
import type { Clock } from '../../../platform/context.ts';
import { generateYearOfCases } from './report.generator.ts';
import { buildTable3, TABLE2_CELLS, type CaseFact } from './report.tables.ts';

const COUNTY = '321323';
const DEPT = 'dept-mzj';
const TOWN = '321323002';
const VILLAGE = '321323002-buhu';
const OTHER_TOWN = '321323106';
const clock: Clock = { now: () => new Date('2026-02-10T02:00:00Z') };

let serial = 0;
async function insertCases(t: TestApp, unitCode: string, facts: CaseFact[]) {
  const now = clock.now().toISOString();
  const rows = facts.map((f) => {
    serial++;
    return {
      id: `${unitCode}-${f.id}`,
      unit_code: unitCode,
      reg_year: Number((f.receivedOn ?? '2025').slice(0, 4)),
      reg_serial: serial,
      reg_no: `测试〔${serial}〕`,
      tracking_code: `T${serial}`,
      tracking_secret_hash: 'x',
      channel: 'online',
      filled_by_staff: 0,
      needs_assistance: 0,
      is_demo: 0,
      submitted_at: now,
      received_on: f.receivedOn,
      applicant_kind: f.applicantKind,
      applicant_json: '{}',
      identity_proof_sha256: null,
      identity_proof_type: null,
      info_description: '测试',
      info_doc_number: null,
      info_form: 'paper',
      delivery_method: 'post',
      status: f.decidedOn ? 'closed' : 'handling',
      assigned_to: null,
      decision_type: f.decisionType,
      decision_json: null,
      decided_on: f.decidedOn,
      due_on: null,
      closed_on: f.decidedOn,
      created_at: now,
      created_by: null,
      updated_at: now,
    };
  });
  for (let i = 0; i < rows.length; i += 50)
    await t.rt.ctx.db
      .insertInto('info_requests')
      .values(rows.slice(i, i + 50))
      .execute();
}

const fullTable2 = Object.fromEntries(TABLE2_CELLS.map((c, i) => [c.key, { value: c.unit === 'wan-yuan' ? 12.5 : i, source: '本单位台账' }]));

describe('annual report API', () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  const gen = generateYearOfCases(2025, { seed: 11 });

  beforeAll(async () => {
    t = await openTestApp({ clock });
    const users: [string, string, string][] = [
      ['deptOfficer', 'unit_officer', DEPT],
      ['deptReviewer', 'unit_reviewer', DEPT],
      ['countyOfficer', 'unit_officer', COUNTY],
      ['countyAdmin', 'county_admin', COUNTY],
      ['townAdmin', 'county_admin', TOWN],
      ['townOfficer', 'unit_officer', TOWN],
      ['otherTownOfficer', 'unit_officer', OTHER_TOWN],
      ['clerk', 'village_clerk', VILLAGE],
      ['supervisorCounty', 'village_supervisor', COUNTY],
    ];
    for (const [name, role, unit] of users) s[name] = await loginAs(t.app, await makeUser(t.rt, role, unit, `ar.${name}`));
    await insertCases(t, DEPT, gen.cases);
    await insertCases(t, COUNTY, [{ id: 'c1', receivedOn: '2025-03-01', applicantKind: 'business', decisionType: 'partial', decidedOn: '2025-03-20' }]);
  }, 120_000);
  afterAll(() => t?.close());

  const get = (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: s[who]!.headers() });
  const put = (who: string, url: string, payload: unknown) => t.app.inject({ method: 'PUT', url, payload: payload as object, headers: s[who]!.headers() });
  const post = (who: string, url: string, payload: unknown = {}) =>
    t.app.inject({ method: 'POST', url, payload: payload as object, headers: s[who]!.headers() });

  it('counts table 三 from the stored cases exactly as the pure builder does', async () => {
    const res = await get('deptReviewer', `/api/v1/annual-reports/${DEPT}/2025`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.tables.table3).toEqual(buildTable3(gen.cases, 2025).table);
    expect(body.checks.map((c: { rule: string }) => c.rule)).toEqual(['complete']);
    expect(body.anomalies).toEqual([]);
    expect(body.deadline).toEqual({ date: '2026-01-31', basis: expect.stringContaining('第四十九条') });
    expect(body.permissions).toEqual({ edit: true, publish: false, reopen: false });
    expect(body.title).toBe(`${body.unit.name}2025年政府信息公开工作年度报告`);
  });

  it('documents every route in the OpenAPI description', async () => {
    const docs = await get('countyAdmin', '/api/docs/json');
    expect(docs.statusCode).toBe(200);
    const paths = Object.keys(docs.json().paths);
    for (const p of [
      '/api/v1/annual-reports/{unitCode}/{year}',
      '/api/v1/annual-reports/{unitCode}/{year}/publish',
      '/api/v1/annual-reports/{unitCode}/{year}/reopen',
      '/api/v1/annual-reports/settings',
      '/api/v1/info-request-remedies',
      '/api/v1/info-request-remedies/{id}',
    ])
      expect(paths).toContain(p);
  });

  it.each([
    ['1999', 400, 'INVALID_YEAR'],
    ['2101', 400, 'INVALID_YEAR'],
    ['20x5', 400, 'INVALID_YEAR'],
    ['2025.pdf', 400, 'INVALID_YEAR'],
    ['2027', 400, 'YEAR_IN_FUTURE'],
  ])('GET year %s → %i %s', async (year, status, code) => {
    const res = await get('countyAdmin', `/api/v1/annual-reports/${DEPT}/${year}`);
    expect(res.statusCode).toBe(status);
    expect(errorOf(res).code).toBe(code);
    expect(errorOf(res).message).toMatch(/年/);
  });

  it('answers 404 for an unknown unit and for a unit outside the actor’s subtree, 400 for a village', async () => {
    expect(errorOf(await get('countyAdmin', '/api/v1/annual-reports/no-such-unit/2025')).code).toBe('UNIT_NOT_FOUND');
    expect((await get('otherTownOfficer', `/api/v1/annual-reports/${DEPT}/2025`)).statusCode).toBe(404);
    expect((await get('clerk', `/api/v1/annual-reports/${DEPT}/2025`)).statusCode).toBe(404);
    const village = await get('countyAdmin', `/api/v1/annual-reports/${VILLAGE}/2025`);
    expect(village.statusCode).toBe(400);
    expect(errorOf(village).code).toBe('NOT_A_GOVERNMENT_UNIT');
    expect((await get('countyAdmin', `/api/v1/annual-reports/${VILLAGE}/2025?scope=subtree`)).statusCode).toBe(400);
    expect((await get('countyAdmin', `/api/v1/annual-reports/${DEPT}/2025?scope=all`)).statusCode).toBe(400);
  });

  it('edits text sections, table 二 with sources and the fee; refuses bad entries with clear messages', async () => {
    const url = `/api/v1/annual-reports/${DEPT}/2025`;
    const bad: [unknown, string][] = [
      [{ table2: { 'rules.0': { value: -2, source: '台账' } } }, '不小于0'],
      [{ table2: { 'rules.0': { value: 2.5, source: '台账' } } }, '整数'],
      [{ table2: { 'rules.0': { value: 2, source: ' ' } } }, '数据来源'],
      [{ table2: { 'nope.0': { value: 2, source: '台账' } } }, '没有'],
      [{ fees: { yuan: 1.234, source: '缴款记录' } }, '两位小数'],
      [{ fees: { yuan: 100, source: '' } }, '来源'],
      [{ sections: { overview: 'x'.repeat(20001) } }, '不能超过'],
    ];
    for (const [payload, message] of bad) {
      const res = await put('deptOfficer', url, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorOf(res).message).toContain(message);
    }
    expect((await put('deptOfficer', url, { sections: { intro: 'x' } })).statusCode).toBe(400);
    expect((await put('supervisorCounty', url, { sections: { overview: 'x' } })).statusCode).toBe(403);
    expect((await put('otherTownOfficer', url, { sections: { overview: 'x' } })).statusCode).toBe(404);

    const res = await put('deptOfficer', url, {
      sections: { overview: '2025年，本局认真贯彻落实《中华人民共和国政府信息公开条例》。\n\n第二段。', other: '无其他事项。' },
      table2: fullTable2,
      fees: { yuan: 400, source: '非税收入缴款记录' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.sections.overview).toContain('第二段');
    expect(body.fees).toEqual({ yuan: '400.00', source: '非税收入缴款记录', origin: 'entered', recorded: { yuan: '0.00', count: 0 } });
    expect(body.tables.table2.rows[5].values).toEqual([12.5]);
    expect(body.table2Sources['rules.0']).toBe('本单位台账');
    expect(body.checks).toEqual([]);
    // null removes a cell again, and the check names it.
    const removed = (await put('deptReviewer', url, { table2: { 'penalty.0': null } })).json();
    expect(removed.checks[0].cells).toEqual([{ row: '行政处罚', column: '本年处理决定数量' }]);
    await put('deptReviewer', url, { table2: { 'penalty.0': { value: 3, source: '执法平台' } } });
  });

  it('downloads the three tables as .xlsx with merged header cells and exact labels', async () => {
    const res = await get('deptOfficer', `/api/v1/annual-reports/${DEPT}/2025.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['表二 主动公开', '表三 依申请公开', '表四 复议诉讼', '一致性检查']);
    const t3 = wb.getWorksheet('表三 依申请公开')!;
    expect(t3.getCell('A3').value).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(t3.getCell('C3').isMerged && t3.getCell('C5').isMerged).toBe(true);
    expect(t3.getCell('D3').value).toBe('申请人情况');
    expect(t3.getCell('E4').value).toBe('法人或其他组织');
    expect(t3.getCell('A6').value).toBe('一、本年新收政府信息公开申请数量');
    expect(t3.getCell('A8').value).toBe('三、本年度办理结果');
    const merges = (t3 as unknown as { _merges: Record<string, { model: { top: number; bottom: number; left: number; right: number } }> })._merges;
    expect(merges['A8']!.model).toMatchObject({ top: 8, bottom: 29, left: 1, right: 1 });
    expect(t3.getCell('B10').value).toBe('（三）不予公开');
    expect(merges['B10']!.model).toMatchObject({ top: 10, bottom: 17 });
    expect(t3.getCell('A30').value).toBe('四、结转下年度继续办理');
    const json = (await get('deptOfficer', `/api/v1/annual-reports/${DEPT}/2025`)).json();
    expect(t3.getCell('J6').value).toBe(json.tables.table3.rows[0].values[6]);
    const t4 = wb.getWorksheet('表四 复议诉讼')!;
    expect([t4.getCell('A3').value, t4.getCell('F3').value, t4.getCell('F4').value, t4.getCell('K4').value]).toEqual([
      '行政复议',
      '行政诉讼',
      '未经复议直接起诉',
      '复议后起诉',
    ]);
    expect(wb.getWorksheet('一致性检查')!.getCell('B2').value).toBe('一致性检查全部通过');
  });

  it('shows a printable HTML preview with the six sections and merged cells, escaping entered text', async () => {
    await put('deptOfficer', `/api/v1/annual-reports/${DEPT}/2025`, { sections: { problems: '问题<script>alert(1)</script>' } });
    const res = await get('deptOfficer', `/api/v1/annual-reports/${DEPT}/2025.html`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    for (const h of [
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ])
      expect(res.body).toContain(h);
    expect(res.body).toContain('rowspan="22">三、本年度办理结果');
    expect(res.body).toContain('本年度共收取信息处理费400.00元');
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).toContain('&lt;script&gt;');
  });

  it('refuses to publish before the checks pass and hands a consistent report to publishing, then locks it', async () => {
    const url = `/api/v1/annual-reports/${COUNTY}/2025`;
    expect(errorOf(await post('countyOfficer', `${url}/publish`)).code).toBe('SECTIONS_MISSING');
    await put('countyOfficer', url, { sections: { overview: '总体情况', problems: '主要问题' } });
    const inconsistent = await post('countyOfficer', `${url}/publish`);
    expect(inconsistent.statusCode).toBe(400);
    expect(errorOf(inconsistent).code).toBe('REPORT_INCONSISTENT');
    expect(errorOf(inconsistent).message).toContain('表二还有 10 格未填写');
    await put('countyOfficer', url, { table2: fullTable2 });
    expect((await post('countyAdmin', `${url}/publish`)).statusCode).toBe(403);

    const res = await post('countyOfficer', `${url}/publish`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('published');
    expect(body.permissions).toEqual({ edit: false, publish: false, reopen: true });
    const d = await t.rt.ctx.db.selectFrom('disclosures').selectAll().where('id', '=', body.disclosureId).executeTakeFirstOrThrow();
    expect(d).toMatchObject({
      unit_code: COUNTY,
      status: 'draft',
      item_key: 'statutory:annual-report',
      period: '2025',
      title: `${body.unit.name}人民政府2025年政府信息公开工作年度报告`,
    });
    expect(d.body_html).toContain('<td rowspan="22">三、本年度办理结果</td>');
    expect(d.body_html).toContain('<h3>六、其他需要报告的事项</h3>');

    const locked = await put('countyOfficer', url, { sections: { overview: '再改' } });
    expect(locked.statusCode).toBe(409);
    expect(errorOf(locked).code).toBe('REPORT_LOCKED');
    expect((await post('countyOfficer', `${url}/publish`)).statusCode).toBe(409);

    // Reopened while the draft is unpublished: editable again, and publishing rewrites the same draft.
    expect(errorOf(await post('countyOfficer', `/api/v1/annual-reports/${DEPT}/2025/reopen`)).code).toBe('REPORT_NOT_PUBLISHED');
    const reopened = await post('countyOfficer', `${url}/reopen`);
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json().status).toBe('draft');
    await put('countyOfficer', url, { sections: { overview: '总体情况（修订）' } });
    const again = await post('countyOfficer', `${url}/publish`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().disclosureId).toBe(body.disclosureId);
    const d2 = await t.rt.ctx.db.selectFrom('disclosures').select('body_html').where('id', '=', body.disclosureId).executeTakeFirstOrThrow();
    expect(d2.body_html).toContain('总体情况（修订）');
    expect(await t.rt.ctx.db.selectFrom('disclosures').select('id').where('unit_code', '=', COUNTY).execute()).toHaveLength(1);
    // Once the draft is submitted for review, changes go through publishing.
    const submitted = await post('countyOfficer', `/api/v1/disclosures/${body.disclosureId}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const inWorkflow = await post('countyOfficer', `${url}/reopen`);
    expect(inWorkflow.statusCode).toBe(409);
    expect(errorOf(inWorkflow).code).toBe('DRAFT_IN_WORKFLOW');
    const audit = await t.rt.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where(
        'entity_id',
        '=',
        (await t.rt.ctx.db.selectFrom('annual_reports').select('id').where('unit_code', '=', COUNTY).where('year', '=', 2025).executeTakeFirstOrThrow()).id,
      )
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'annual-report.update',
      'annual-report.update',
      'annual-report.publish',
      'annual-report.reopen',
      'annual-report.update',
      'annual-report.publish',
    ]);
  });

  it('refuses to publish a year that has not ended', async () => {
    await put('countyOfficer', `/api/v1/annual-reports/${COUNTY}/2026`, { sections: { overview: 'a', problems: 'b' }, table2: fullTable2 });
    expect(errorOf(await post('countyOfficer', `/api/v1/annual-reports/${COUNTY}/2026/publish`)).code).toBe('YEAR_NOT_OVER');
  });

  it('labels the county government’s own report and the 全县汇总 aggregate, which adds up every unit', async () => {
    const own = (await get('countyAdmin', `/api/v1/annual-reports/${COUNTY}/2025`)).json();
    expect(own.scopeLabel).toContain('本级');
    expect(own.tables.table3.rows[0].values[6]).toBe(1);
    const allRes = await get('countyAdmin', `/api/v1/annual-reports/${COUNTY}/2025?scope=subtree`);
    expect(allRes.statusCode, allRes.body).toBe(200);
    const all = allRes.json();
    expect(all.scopeLabel).toContain('全县汇总');
    expect(all.status).toBe('aggregate');
    expect(all.permissions).toEqual({ edit: false, publish: false, reopen: false });
    const dept = (await get('countyAdmin', `/api/v1/annual-reports/${DEPT}/2025`)).json();
    expect(all.tables.table3.rows[0].values[6]).toBe(dept.tables.table3.rows[0].values[6] + 1);
    expect(all.tables.table2.rows[5].values).toEqual([25]);
    expect(all.fees.yuan).toBe('400.00');
    expect(all.checks).toEqual([]);
  });

  describe('复议/诉讼 records', () => {
    const base = { unitCode: DEPT, kind: 'review', caseRef: '泗政复〔2025〕3号', body: '泗阳县人民政府', filedOn: '2025-05-06', result: 'pending' };
    it.each([
      // Kind and result are checked by the route schema (enum) before the command.
      [{ kind: 'appeal' }, 'VALIDATION_FAILED'],
      [{ result: 'won' }, 'VALIDATION_FAILED'],
      [{ caseRef: ' ' }, 'INVALID_CASE_REF'],
      [{ body: '' }, 'INVALID_BODY'],
      [{ filedOn: '2025-02-30' }, 'INVALID_DATE'],
      [{ filedOn: '2026-03-01' }, 'INVALID_DATE'],
      [{ result: 'upheld' }, 'CONCLUDED_ON_REQUIRED'],
      [{ result: 'upheld', concludedOn: '2025-05-01' }, 'INVALID_DATE'],
      [{ concludedOn: '2025-06-01' }, 'CONCLUDED_ON_NOT_ALLOWED'],
      [{ requestId: 'no-such-case' }, 'REQUEST_NOT_FOUND'],
      [{ requestId: `${COUNTY}-c1` }, 'REQUEST_NOT_FOUND'],
      [{ unitCode: VILLAGE }, 'NOT_A_GOVERNMENT_UNIT'],
    ])('refuses %j with %s', async (patch, code) => {
      const res = await post('countyAdmin', '/api/v1/info-request-remedies', { ...base, ...patch });
      expect(res.statusCode, res.body).toBe(400);
      expect(errorOf(res).code).toBe(code);
      expect(errorOf(res).message).toMatch(/[\u4e00-\u9fa5]/);
    });

    it('creates, lists within scope, concludes and deletes records; table 四 follows', async () => {
      const created = await post('deptOfficer', '/api/v1/info-request-remedies', { ...base, requestId: `${DEPT}-gen-2025-1` });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id;
      await post('deptOfficer', '/api/v1/info-request-remedies', {
        ...base,
        kind: 'litigation-direct',
        caseRef: '(2025)苏1323行初1号',
        body: '泗阳县人民法院',
        result: 'corrected',
        filedOn: '2025-03-01',
        concludedOn: '2025-09-01',
      });
      expect((await post('otherTownOfficer', '/api/v1/info-request-remedies', base)).statusCode).toBe(404);
      expect((await post('supervisorCounty', '/api/v1/info-request-remedies', base)).statusCode).toBe(403);

      const mine = (await get('deptReviewer', '/api/v1/info-request-remedies?year=2025')).json();
      expect(mine.total).toBe(2);
      expect((await get('otherTownOfficer', '/api/v1/info-request-remedies')).json().total).toBe(0);
      expect((await get('otherTownOfficer', `/api/v1/info-request-remedies/${id}`)).statusCode).toBe(404);
      expect((await get('otherTownOfficer', `/api/v1/info-request-remedies?unitCode=${DEPT}`)).statusCode).toBe(404);

      let t4 = (await get('deptOfficer', `/api/v1/annual-reports/${DEPT}/2025`)).json().tables.table4.rows[0].values;
      expect(t4).toEqual([0, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]);

      expect(
        errorOf(
          await t.app.inject({ method: 'PATCH', url: `/api/v1/info-request-remedies/${id}`, payload: { result: 'upheld' }, headers: s.deptOfficer!.headers() }),
        ).code,
      ).toBe('CONCLUDED_ON_REQUIRED');
      const concluded = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/info-request-remedies/${id}`,
        payload: { result: 'upheld', concludedOn: '2025-08-01' },
        headers: s.deptOfficer!.headers(),
      });
      expect(concluded.statusCode).toBe(200);
      expect(concluded.json()).toMatchObject({ result: 'upheld', resultLabel: '结果维持', concludedOn: '2025-08-01' });
      t4 = (await get('deptOfficer', `/api/v1/annual-reports/${DEPT}/2025`)).json().tables.table4.rows[0].values;
      expect(t4.slice(0, 5)).toEqual([1, 0, 0, 0, 1]);

      expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/info-request-remedies/${id}`, headers: s.otherTownOfficer!.headers() })).statusCode).toBe(
        404,
      );
      expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/info-request-remedies/${id}`, headers: s.deptReviewer!.headers() })).statusCode).toBe(200);
      expect((await get('deptOfficer', `/api/v1/info-request-remedies/${id}`)).statusCode).toBe(404);
      const actions = await t.rt.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', id).orderBy('seq').execute();
      expect(actions.map((a) => a.action)).toEqual(['remedy.create', 'remedy.update', 'remedy.delete']);
    });
  });

  describe('deadlines as obligations and county settings', () => {
    const obligations = async (who: string, unit: string) =>
      (await get(who, `/api/v1/units/${unit}/obligations?from=2026-01-01&to=2026-12-31`))
        .json()
        .filter((o: { itemKey: string }) => o.itemKey === 'statutory:annual-report');

    it('departments owe the report by 31 January, the county government by 31 March (条例第四十九条)', async () => {
      expect((await obligations('countyAdmin', DEPT)).map((o: { period: string; dueDate: string }) => [o.period, o.dueDate])).toEqual([['2025', '2026-01-31']]);
      expect((await obligations('countyAdmin', COUNTY)).map((o: { period: string; dueDate: string }) => [o.period, o.dueDate])).toEqual([
        ['2025', '2026-03-31'],
      ]);
      expect(await obligations('countyAdmin', TOWN)).toEqual([]);
      const cat = (await get('countyAdmin', `/api/v1/units/${DEPT}/catalog`)).json();
      const item = [...cat.items].find((i: { key: string }) => i.key === 'statutory:annual-report');
      expect(item).toMatchObject({
        level1: '政府信息公开工作年度报告',
        bases: expect.arrayContaining(['《中华人民共和国政府信息公开条例》第四十九条、第五十条']),
      });
    });

    it('townships owe it only when the county sets a date; only the county admin at the root may', async () => {
      expect((await put('townAdmin', '/api/v1/annual-reports/settings', { townshipDue: { month: 1, day: 31 } })).statusCode).toBe(403);
      expect(errorOf(await put('countyAdmin', '/api/v1/annual-reports/settings', { townshipDue: { month: 2, day: 30 } })).code).toBe('INVALID_TOWNSHIP_DUE');
      expect(errorOf(await put('countyAdmin', '/api/v1/annual-reports/settings', { townshipDue: { month: 13, day: 1 } })).code).toBe('INVALID_TOWNSHIP_DUE');
      expect(errorOf(await put('countyAdmin', '/api/v1/annual-reports/settings', { remedyCounting: 'both' })).code).toBe('INVALID_COUNTING');
      const res = await put('countyAdmin', '/api/v1/annual-reports/settings', {
        townshipDue: { month: 2, day: 28 },
        remedyCounting: 'filed-or-concluded-in-year',
      });
      expect(res.statusCode).toBe(200);
      expect((await obligations('townOfficer', TOWN)).map((o: { dueDate: string }) => o.dueDate)).toEqual(['2026-02-28']);
      expect((await get('townOfficer', `/api/v1/annual-reports/${TOWN}/2025`)).json().deadline.date).toBe('2026-02-28');
      expect((await get('deptOfficer', `/api/v1/annual-reports/${DEPT}/2025`)).json().remedyCounting.code).toBe('filed-or-concluded-in-year');
      await put('countyAdmin', '/api/v1/annual-reports/settings', { townshipDue: null, remedyCounting: 'filed-in-year' });
      expect(await obligations('townOfficer', TOWN)).toEqual([]);
    });
  });
});
