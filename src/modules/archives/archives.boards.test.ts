import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, type Session } from '../../../test/helpers/test-app.ts';
import { multipart, PDF, PNG } from '../publishing/data/test-files.ts';
import { advanceTo, api, openArchiveFixture, publishFinance, VILLAGE, type ArchiveFixture } from './archives.fixture.ts';
import { boardReminders, uninspectedBoards } from './archives.boards.ts';
import { measurePeriod } from '../assessment/assessment.figures.ts';

const ALL_OK = { contentCurrent: true, nothingOverdue: true, noStrayAds: true, notEmpty: true, suggestionBox: true };

describe('notice boards (公开栏) and town inspections', () => {
  let f: ArchiveFixture;
  let call: ReturnType<typeof api>;
  let board: string;
  let finding: string;
  let orderId: string;
  const upload = (who: Session, url: string, content: Buffer, fields: Record<string, string> = {}) => {
    const m = multipart(fields, { name: 'photo.png', content, type: 'image/png' });
    return f.t.app.inject({ method: 'POST', url, payload: m.payload, headers: { ...who.headers(), ...m.headers } });
  };
  beforeAll(async () => {
    f = await openArchiveFixture('2026-03-02T02:00:00.000Z');
    call = api(f);
  }, 60_000);
  afterAll(() => f?.t.close());

  it('the village registers its board with a place and a person in charge; others cannot', async () => {
    const body = { name: '社区服务中心公开栏', place: '卜湖社区服务中心门口', personInCharge: '王某某' };
    expect(errorOf(await call(f.s.clerk, 'POST', `/api/v1/archives/units/${VILLAGE}/boards`, { ...body, personInCharge: ' ' })).code).toBe('PERSON_REQUIRED');
    expect((await call(f.s.supervisor, 'POST', `/api/v1/archives/units/${VILLAGE}/boards`, body)).statusCode).toBe(403);
    expect((await call(f.s.otherClerk, 'POST', `/api/v1/archives/units/${VILLAGE}/boards`, body)).statusCode).toBe(404);
    const res = await call(f.s.clerk, 'POST', `/api/v1/archives/units/${VILLAGE}/boards`, body);
    expect(res.statusCode, res.body).toBe(200);
    board = res.json().id;
    expect(res.json()).toMatchObject({ lastInspectedOn: null, inspectionOverdue: false, photoUrl: null });
    expect((await upload(f.s.clerk, `/api/v1/archives/boards/${board}/photo`, PDF)).statusCode).toBe(415);
    const photo = await upload(f.s.clerk, `/api/v1/archives/boards/${board}/photo`, PNG);
    expect(photo.statusCode, photo.body).toBe(200);
    expect((await call(f.s.clerk, 'GET', photo.json().photoUrl)).rawPayload.equals(PNG)).toBe(true);
  });

  it('the board shows the current disclosures with the board channel, and posting photos attach to it', async () => {
    const id = await publishFinance(f);
    const ev = await upload(f.s.clerk, `/api/v1/disclosures/${id}/evidence`, PNG, { takenOn: '2026-03-02' });
    expect(ev.statusCode, ev.body).toBe(201);
    const detail = await call(f.s.clerk, 'GET', `/api/v1/archives/boards/${board}`);
    expect(detail.json().content.map((c: { id: string }) => c.id)).toContain(id);
    const attach = await call(f.s.clerk, 'POST', `/api/v1/archives/boards/${board}/postings`, { evidenceId: ev.json().id });
    expect(attach.statusCode, attach.body).toBe(200);
    expect(errorOf(await call(f.s.clerk, 'POST', `/api/v1/archives/boards/${board}/postings`, { evidenceId: 'nope' })).code).toBe('EVIDENCE_NOT_FOUND');
    expect((await call(f.s.clerk, 'GET', `/api/v1/archives/boards/${board}`)).json().postings).toHaveLength(1);
  });

  it('only town (or county) staff inspect, answering every check; a finding needs a note', async () => {
    const stray = { answers: { ...ALL_OK, noStrayAds: false }, note: '公开栏右下角贴有两张小广告，请清理。' };
    expect((await call(f.s.clerk, 'POST', `/api/v1/archives/boards/${board}/inspections`, stray)).statusCode).toBe(403);
    expect((await call(f.a.archivist, 'POST', `/api/v1/archives/boards/${board}/inspections`, stray)).statusCode).toBe(403);
    expect((await call(f.a.otherTownOfficer, 'POST', `/api/v1/archives/boards/${board}/inspections`, stray)).statusCode).toBe(404);
    expect(errorOf(await call(f.a.townOfficer, 'POST', `/api/v1/archives/boards/${board}/inspections`, { answers: { contentCurrent: true } })).code).toBe(
      'CHECKLIST_INCOMPLETE',
    );
    expect(errorOf(await call(f.a.townOfficer, 'POST', `/api/v1/archives/boards/${board}/inspections`, { answers: { ...ALL_OK, extra: true } })).code).toBe(
      'CHECKLIST_UNKNOWN',
    );
    expect(errorOf(await call(f.a.townOfficer, 'POST', `/api/v1/archives/boards/${board}/inspections`, { answers: stray.answers })).code).toBe('NOTE_REQUIRED');
  });

  it('stray advertisements → a 整改 work order reaches the village; the clerk responds with a photo; the inspector re-checks and closes it', async () => {
    const res = await call(f.a.townOfficer, 'POST', `/api/v1/archives/boards/${board}/inspections`, {
      answers: { ...ALL_OK, noStrayAds: false },
      note: '公开栏右下角贴有两张小广告，请清理。',
    });
    expect(res.statusCode, res.body).toBe(200);
    finding = res.json().id;
    orderId = res.json().orderId;
    expect(res.json()).toMatchObject({ result: 'fail', kind: 'inspection' });
    expect(orderId).toBeTruthy();
    const photo = await upload(f.a.townOfficer, `/api/v1/archives/inspections/${finding}/photos`, PNG);
    expect(photo.statusCode, photo.body).toBe(200);
    expect((await upload(f.a.townOfficer, `/api/v1/archives/inspections/${finding}/photos`, PDF)).statusCode).toBe(415);

    // The village sees the order in its list (assessment module), with a link back to the inspection.
    const orders = await call(f.s.clerk, 'GET', `/api/v1/rectifications?unitCode=${VILLAGE}`);
    const order = orders.json().items.find((o: { id: string }) => o.id === orderId);
    expect(order).toMatchObject({ title: '公开栏整改：社区服务中心公开栏', status: 'issued', unit: { code: VILLAGE } });
    const full = await call(f.s.clerk, 'GET', `/api/v1/rectifications/${orderId}`);
    expect(full.json().steps[0].evidence[0].url).toBe(`/api/v1/archives/inspections/${finding}`);
    expect((await call(f.s.clerk, 'GET', `/api/v1/archives/inspections/${finding}`)).json().photos).toHaveLength(1);

    // Re-check before the village has answered: refused, nothing saved.
    const early = await call(f.a.townOfficer, 'POST', `/api/v1/archives/inspections/${finding}/recheck`, { answers: ALL_OK });
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).code).toBe('NOT_RESPONDED');

    const m = multipart({ unitCode: VILLAGE }, { name: '整改后.png', content: PNG, type: 'image/png' });
    const file = await f.t.app.inject({
      method: 'POST',
      url: '/api/v1/assessments/evidence-files',
      payload: m.payload,
      headers: { ...f.s.clerk.headers(), ...m.headers },
    });
    expect(file.statusCode, file.body).toBe(201);
    const respond = await call(f.s.clerk, 'POST', `/api/v1/rectifications/${orderId}/respond`, {
      text: '已清理小广告，并安排专人每周检查。',
      evidence: [{ fileId: file.json().id }],
    });
    expect(respond.statusCode, respond.body).toBe(200);

    expect((await call(f.s.clerk, 'POST', `/api/v1/archives/inspections/${finding}/recheck`, { answers: ALL_OK })).statusCode).toBe(403);
    const recheck = await call(f.a.townOfficer, 'POST', `/api/v1/archives/inspections/${finding}/recheck`, { answers: ALL_OK, note: '复查：小广告已清理。' });
    expect(recheck.statusCode, recheck.body).toBe(200);
    expect(recheck.json()).toMatchObject({ kind: 'recheck', result: 'pass', recheckOf: finding, orderStatus: '已销号' });
    expect((await call(f.s.clerk, 'GET', `/api/v1/rectifications/${orderId}`)).json().status).toBe('closed');
    expect(errorOf(await call(f.a.townOfficer, 'POST', `/api/v1/archives/inspections/${finding}/recheck`, { answers: ALL_OK })).code).toBe('ALREADY_RECHECKED');
  });

  it('a failed re-check re-opens the order with a new deadline', async () => {
    const res = await call(f.a.townOfficer, 'POST', `/api/v1/archives/boards/${board}/inspections`, {
      answers: { ...ALL_OK, notEmpty: false },
      note: '公开栏长期无内容。',
    });
    const id = res.json().id;
    const oid = res.json().orderId;
    await call(f.s.clerk, 'POST', `/api/v1/rectifications/${oid}/respond`, {
      text: '已张贴本季度公开内容。',
      evidence: [{ url: `/api/v1/archives/boards/${board}`, label: '公开栏' }],
    });
    const recheck = await call(f.a.townOfficer, 'POST', `/api/v1/archives/inspections/${id}/recheck`, {
      answers: { ...ALL_OK, notEmpty: false },
      note: '仍然只有一张旧通知。',
    });
    expect(recheck.statusCode, recheck.body).toBe(200);
    expect(recheck.json()).toMatchObject({ result: 'fail', orderStatus: '待整改' });
    const order = (await call(f.s.clerk, 'GET', `/api/v1/rectifications/${oid}`)).json();
    expect(order).toMatchObject({ status: 'issued', round: 2 });
  });

  it("inspections feed the assessment's channel indicator (4 this period, 1 passed)", async () => {
    const figures = await measurePeriod(f.t.rt.ctx, { rootCode: '321323002', from: '2026-01-01', to: '2026-12-31', asOf: '2026-03-02' });
    // Through the manifest's provides.assessment (assessment never imports archives), with the evidence behind it.
    expect(figures.get(VILLAGE)?.measured).toMatchObject({ boardInspections: 4, boardInspectionsFailed: 3 });
    expect(figures.get(VILLAGE)?.links.provided?.channel_evidence).toEqual([{ label: '公开栏巡查：期内4次，未通过3次', url: '/admin/archives/boards' }]);
    // A window that ends before the inspections counts none.
    const before = await measurePeriod(f.t.rt.ctx, { rootCode: '321323002', from: '2025-01-01', to: '2025-12-31', asOf: '2026-03-02' });
    expect(before.get(VILLAGE)?.measured.boardInspections ?? 0).toBe(0);
  });

  it('a board not inspected within the county period is listed for compliance and flagged', async () => {
    expect(await uninspectedBoards(f.t.rt.ctx, '/321323/', '2026-03-10')).toEqual([]);
    await advanceTo(f, '2026-07-01');
    const late = await uninspectedBoards(f.t.rt.ctx, '/321323/', '2026-07-01');
    expect(late).toEqual([expect.objectContaining({ boardId: board, unitCode: VILLAGE, lastInspectedOn: '2026-03-02', intervalDays: 90 })]);
    const list = await call(f.a.townOfficer, 'GET', `/api/v1/archives/boards?unitCode=${VILLAGE}`);
    expect(list.json().items[0]).toMatchObject({ id: board, inspectionOverdue: true });
    const compliance = await call(f.a.townOfficer, 'GET', '/api/v1/compliance/board-inspections');
    expect(compliance.statusCode, compliance.body).toBe(200);
    expect(compliance.json().items).toEqual([expect.objectContaining({ boardId: board, unit: expect.objectContaining({ code: VILLAGE }) })]);
    expect((await call(f.s.otherClerk, 'GET', '/api/v1/compliance/board-inspections')).json().items).toEqual([]);
    expect((await call(f.a.townOfficer, 'GET', `/api/v1/compliance/board-inspections?unit=${VILLAGE}`)).json().items).toHaveLength(1);
    expect(errorOf(await call(f.s.otherClerk, 'GET', `/api/v1/compliance/board-inspections?unit=${VILLAGE}`)).code).toBe('UNIT_NOT_FOUND');
    // The town's reminder: due 90 days after 2026-03-02 (2026-05-31), a month of working days late on 2026-07-01 (was 0).
    const [reminder] = await boardReminders(f.t.rt.ctx, '2026-07-01');
    expect(reminder).toMatchObject({ unitCode: '321323002', dueDate: '2026-05-31', status: 'overdue' });
    expect(reminder!.overdueWorkingDays).toBeGreaterThan(15);
    expect(reminder!.overdueWorkingDays).toBeLessThan(23);
  });
});
