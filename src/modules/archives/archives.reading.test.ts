import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/helpers/test-app.ts';
import { extractPdfText } from '../publishing/index.ts';
import { api, keepContractsTenYears, openArchiveFixture, VILLAGE, type ArchiveFixture } from './archives.fixture.ts';

describe('reading point, archive room, retention and destruction', () => {
  let f: ArchiveFixture;
  let call: ReturnType<typeof api>;
  let oldItem: string;
  let newItem: string;
  const record = (over: Record<string, unknown>) =>
    call(f.a.archivist, 'POST', '/api/v1/archives/items/records', {
      unitCode: VILLAGE,
      classCode: '04',
      year: 2010,
      title: '2010年鱼塘承包合同',
      recordType: '合同',
      formedOn: '2010-03-01',
      paperLocation: '档案柜1号 第1盒',
      ...over,
    });
  beforeAll(async () => {
    f = await openArchiveFixture('2026-03-10T02:00:00.000Z');
    call = api(f);
    await keepContractsTenYears(f);
    oldItem = (await record({})).json().id;
    newItem = (await record({ year: 2025, title: '2025年门面房租赁合同', formedOn: '2025-05-01' })).json().id;
  }, 60_000);
  afterAll(() => f?.t.close());

  it('registers a visit; the visitor is masked in the month list, the printout and everywhere but the record', async () => {
    const body = {
      visitedOn: '2026-03-09',
      visitorName: '张桂英',
      visitorPhone: '13912345678',
      purpose: '查看合同，联系电话13912345678',
      itemIds: [oldItem],
      staffOnDuty: '李四',
    };
    expect(errorOf(await call(f.a.archivist, 'POST', `/api/v1/archives/units/${VILLAGE}/visits`, { ...body, visitorName: '' })).code).toBe('VISITOR_REQUIRED');
    expect(errorOf(await call(f.a.archivist, 'POST', `/api/v1/archives/units/${VILLAGE}/visits`, { ...body, visitedOn: '2026-03-11' })).code).toBe(
      'INVALID_DATE',
    );
    expect(errorOf(await call(f.a.archivist, 'POST', `/api/v1/archives/units/${VILLAGE}/visits`, { ...body, visitorPhone: 'abc' })).code).toBe('INVALID_PHONE');
    expect(errorOf(await call(f.a.archivist, 'POST', `/api/v1/archives/units/${VILLAGE}/visits`, { ...body, itemIds: ['nope'] })).code).toBe('ITEM_NOT_FOUND');
    expect((await call(f.s.supervisor, 'POST', `/api/v1/archives/units/${VILLAGE}/visits`, body)).statusCode).toBe(403);
    expect((await call(f.a.otherArchivist, 'POST', `/api/v1/archives/units/${VILLAGE}/visits`, body)).statusCode).toBe(404);
    const res = await call(f.s.clerk, 'POST', `/api/v1/archives/units/${VILLAGE}/visits`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ serial: '查阅〔2026〕1号', visitor: '张桂英', phone: '13912345678', masked: false });

    const list = await call(f.s.supervisor, 'GET', `/api/v1/archives/units/${VILLAGE}/visits?month=2026-03`);
    expect(list.statusCode).toBe(200);
    const v = list.json().items[0];
    expect(v).toMatchObject({ serial: '查阅〔2026〕1号', visitor: '张＊＊', phone: '139****5678', masked: true });
    expect(v.purpose).not.toContain('13912345678');
    expect(list.body).not.toContain('桂英');
    expect(errorOf(await call(f.s.clerk, 'GET', `/api/v1/archives/units/${VILLAGE}/visits?month=2026-13`)).code).toBe('INVALID_MONTH');

    const pdf = await call(f.s.clerk, 'GET', `/api/v1/archives/units/${VILLAGE}/visits.pdf?month=2026-03`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await extractPdfText(pdf.rawPayload)).join('').replace(/\s+/g, '');
    expect(text).toContain('档案查阅登记簿');
    expect(text).toContain('查阅〔2026〕1号');
    expect(text).toContain('2010年鱼塘承包合同');
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('桂英');

    const audit = await call(f.s.countyAdmin, 'GET', `/api/v1/audit/events?entityId=${res.json().id}`);
    expect(audit.body).not.toContain('张桂英');
    expect(audit.body).not.toContain('13912345678');
    const fig = await call(f.a.townOfficer, 'GET', `/api/v1/archives/units/321323002/visit-figures?from=2026-03-01&to=2026-03-31`);
    expect(fig.json().items).toEqual([expect.objectContaining({ unitCode: VILLAGE, visits: 1 })]);
  });

  it('prints one visit through the letters renderer: the 回执 masks the visitor, the 留存联 (staff on duty only) is in full', async () => {
    const res = await call(f.a.archivist, 'POST', `/api/v1/archives/units/${VILLAGE}/visits`, {
      visitedOn: '2026-03-10',
      visitorName: '刘秀兰',
      visitorPhone: '13812345679',
      purpose: '核对身份证320123199001011234名下的承包合同',
      itemIds: [oldItem],
      staffOnDuty: '李四',
    });
    expect(res.statusCode, res.body).toBe(200);
    const url = (copy?: string) => `/api/v1/archives/visits/${res.json().id}/print.pdf${copy ? `?copy=${copy}` : ''}`;
    const text = (pdf: Buffer) => execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' }).replace(/\s+/g, '');

    // The receipt (the default copy) is for anyone in scope and for the visitor to take away: the gate masks it.
    const receipt = await call(f.s.supervisor, 'GET', url());
    expect(receipt.statusCode, receipt.body).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    expect(receipt.headers['cache-control']).toContain('no-store');
    const r = text(receipt.rawPayload);
    expect(r).toContain('档案查阅回执');
    // Its own 查阅登记号 (the unit's second visit of 2026), not a piece of the row's id.
    expect(r).toContain('查阅登记号：查阅〔2026〕2号');
    expect(r).not.toContain(res.json().id.slice(0, 8).toUpperCase());
    expect(r).toContain('2026年3月10日');
    expect(r).toContain('2010年鱼塘承包合同');
    expect(r).toContain('刘＊＊');
    expect(r).toContain('138****5679');
    expect(r).not.toContain('秀兰');
    expect(r).not.toContain('13812345679');
    expect(r).not.toContain('320123199001011234');
    expect(r).toContain('第1页共1页');

    // The 留存联 carries the record in full, with both signature lines; only the staff on duty print it.
    const full = await call(f.s.clerk, 'GET', url('record'));
    expect(full.statusCode, full.body).toBe(200);
    const t = text(full.rawPayload);
    expect(t).toContain('档案查阅登记表（留存联）');
    expect(t).toContain('刘秀兰');
    expect(t).toContain('13812345679');
    expect(t).toContain('查阅人（签字）');
    expect(t).toContain('查阅登记号：查阅〔2026〕2号');
    expect(errorOf(await call(f.s.supervisor, 'GET', url('record'))).code).toBe('FORBIDDEN');
    expect(errorOf(await call(f.a.otherArchivist, 'GET', url())).code).toBe('VISIT_NOT_FOUND');
    expect((await call(f.s.clerk, 'GET', url('both'))).statusCode).toBe(400);
    expect(errorOf(await call(f.s.clerk, 'GET', '/api/v1/archives/visits/nope/print.pdf')).code).toBe('VISIT_NOT_FOUND');
  });

  it('numbers visits per unit and year, never twice when registered at the same moment', async () => {
    const visit = (visitedOn: string, n: number) =>
      call(f.a.archivist, 'POST', `/api/v1/archives/units/${VILLAGE}/visits`, {
        visitedOn,
        visitorName: `查阅人${n}`,
        purpose: '了解村务',
        itemIds: [],
        otherMaterial: '村务公开栏照片',
        staffOnDuty: '李四',
      });
    const at = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => visit('2026-03-08', n)));
    for (const r of at) expect(r.statusCode, r.body).toBe(200);
    const serials = at.map((r) => r.json().serial as string).sort();
    expect(new Set(serials).size).toBe(6);
    expect(serials).toEqual([3, 4, 5, 6, 7, 8].map((n) => `查阅〔2026〕${n}号`).sort());
    // A visit of an earlier year (registered late) starts that year's series.
    const late = await visit('2025-12-30', 7);
    expect(late.json().serial).toBe('查阅〔2025〕1号');
    const dec = await call(f.a.archivist, 'GET', `/api/v1/archives/units/${VILLAGE}/visits?month=2025-12`);
    expect(dec.json().items.map((v: { serial: string }) => v.serial)).toEqual(['查阅〔2025〕1号']);
    expect(dec.json().total).toBe(1);
  });

  it('the archive-room ledger records who entered and what was taken; an item out longer than N days is flagged', async () => {
    const body = { enteredAt: '2026-03-01T01:00:00.000Z', person: '王五', reason: '取合同复印', accompaniedBy: '档案员赵六', takenItemIds: [newItem] };
    expect(errorOf(await call(f.a.archivist, 'POST', `/api/v1/archives/units/${VILLAGE}/room-entries`, { ...body, accompaniedBy: '' })).code).toBe(
      'ESCORT_REQUIRED',
    );
    expect(
      errorOf(await call(f.a.archivist, 'POST', `/api/v1/archives/units/${VILLAGE}/room-entries`, { ...body, enteredAt: '2026-04-01T00:00:00Z' })).code,
    ).toBe('INVALID_TIME');
    const res = await call(f.a.archivist, 'POST', `/api/v1/archives/units/${VILLAGE}/room-entries`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(
      errorOf(await call(f.a.archivist, 'POST', `/api/v1/archives/units/${VILLAGE}/room-entries`, { ...body, enteredAt: '2026-03-02T01:00:00.000Z' })).code,
    ).toBe('ITEM_ON_LOAN');
    const ledger = (await call(f.s.supervisor, 'GET', `/api/v1/archives/units/${VILLAGE}/room-ledger`)).json();
    expect(ledger.loanDays).toBe(7);
    expect(ledger.overdue).toEqual([expect.objectContaining({ title: '2025年门面房租赁合同', takenOn: '2026-03-01', daysOut: 9 })]);
    expect(ledger.overdueTotal).toBe(1);
    const loanId = ledger.items[0].items[0].loanId;
    expect(
      errorOf(await call(f.a.archivist, 'POST', `/api/v1/archives/room-loans/${loanId}/return`, { returnedOn: '2026-02-01', returnedTo: '赵六' })).code,
    ).toBe('INVALID_DATE');
    expect(
      (await call(f.a.archivist, 'POST', `/api/v1/archives/room-loans/${loanId}/return`, { returnedOn: '2026-03-10', returnedTo: '赵六' })).statusCode,
    ).toBe(200);
    expect(
      errorOf(await call(f.a.archivist, 'POST', `/api/v1/archives/room-loans/${loanId}/return`, { returnedOn: '2026-03-10', returnedTo: '赵六' })).code,
    ).toBe('ALREADY_RETURNED');
    expect((await call(f.s.clerk, 'GET', `/api/v1/archives/units/${VILLAGE}/room-ledger`)).json().overdue).toEqual([]);
  });

  it('items past their period are due for appraisal; a legal hold stops destruction', async () => {
    const due = await call(f.a.archivist, 'GET', `/api/v1/archives/items?unitCode=${VILLAGE}&dueForAppraisal=true`);
    expect(due.json().items.map((i: { id: string }) => i.id)).toEqual([oldItem]);
    expect(errorOf(await call(f.a.archivist, 'POST', '/api/v1/archives/destructions', { unitCode: VILLAGE, itemIds: [newItem], reason: '到期' })).code).toBe(
      'NOT_DUE',
    );
    expect(errorOf(await call(f.a.archivist, 'POST', `/api/v1/archives/items/${oldItem}/hold`, { hold: true })).code).toBe('REASON_REQUIRED');
    expect((await call(f.s.clerk, 'POST', `/api/v1/archives/items/${oldItem}/hold`, { hold: true, reason: '诉讼' })).statusCode).toBe(403);
    expect((await call(f.a.archivist, 'POST', `/api/v1/archives/items/${oldItem}/hold`, { hold: true, reason: '涉及承包合同纠纷诉讼' })).statusCode).toBe(200);
    const held = await call(f.a.archivist, 'POST', '/api/v1/archives/destructions', {
      unitCode: VILLAGE,
      itemIds: [oldItem],
      reason: '保管期满，经鉴定无保存价值',
    });
    expect(held.statusCode).toBe(409);
    expect(errorOf(held).code).toBe('LEGAL_HOLD');
  });

  it('destruction needs two people: the proposer cannot approve, a clerk cannot decide; approval leaves a 销毁清单', async () => {
    const prop = await call(f.a.archivist, 'POST', '/api/v1/archives/destructions', {
      unitCode: VILLAGE,
      itemIds: [oldItem],
      reason: '保管期满，经鉴定无保存价值',
    });
    expect(prop.statusCode).toBe(409); // still held
    await call(f.a.archivist, 'POST', `/api/v1/archives/items/${oldItem}/hold`, { hold: false });
    expect((await call(f.s.clerk, 'POST', '/api/v1/archives/destructions', { unitCode: VILLAGE, itemIds: [oldItem], reason: '期满' })).statusCode).toBe(403);
    const ok = await call(f.a.archivist, 'POST', '/api/v1/archives/destructions', {
      unitCode: VILLAGE,
      itemIds: [oldItem],
      reason: '保管期满，经鉴定无保存价值',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const id = ok.json().id;
    expect(ok.json()).toMatchObject({
      status: 'proposed',
      serial: '销毁〔2026〕1号',
      items: [expect.objectContaining({ archivalCode: `${VILLAGE}-2010-04-0001` })],
    });
    expect(errorOf(await call(f.a.archivist, 'POST', '/api/v1/archives/destructions', { unitCode: VILLAGE, itemIds: [oldItem], reason: '再次' })).code).toBe(
      'ALREADY_PROPOSED',
    );
    const self = await call(f.a.archivist, 'POST', `/api/v1/archives/destructions/${id}/decide`, { decision: 'approve' });
    expect(self.statusCode).toBe(403);
    expect(errorOf(self).code).toBe('SELF_REVIEW');
    expect((await call(f.s.clerk, 'POST', `/api/v1/archives/destructions/${id}/decide`, { decision: 'approve' })).statusCode).toBe(403);
    expect((await call(f.a.otherArchivist, 'POST', `/api/v1/archives/destructions/${id}/decide`, { decision: 'approve' })).statusCode).toBe(404);
    // A hold placed while the proposal waits stops the approval too.
    await call(f.a.archivist2, 'POST', `/api/v1/archives/items/${oldItem}/hold`, { hold: true, reason: '审计' });
    expect(errorOf(await call(f.s.supervisor, 'POST', `/api/v1/archives/destructions/${id}/decide`, { decision: 'approve' })).code).toBe('LEGAL_HOLD');
    await call(f.a.archivist2, 'POST', `/api/v1/archives/items/${oldItem}/hold`, { hold: false });
    const approve = await call(f.s.supervisor, 'POST', `/api/v1/archives/destructions/${id}/decide`, { decision: 'approve', comment: '同意销毁' });
    expect(approve.statusCode, approve.body).toBe(200);
    expect(approve.json()).toMatchObject({ status: 'approved', decidedBy: 'supervisor姓名' });
    const item = (await call(f.a.archivist, 'GET', `/api/v1/archives/items/${oldItem}`)).json();
    expect(item).toMatchObject({ status: 'destroyed', archivalCode: `${VILLAGE}-2010-04-0001` });
    expect(item.files).toEqual([]);
    expect(errorOf(await call(f.s.supervisor, 'POST', `/api/v1/archives/destructions/${id}/decide`, { decision: 'approve' })).code).toBe('INVALID_STATE');
  });
});
