import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceTo, api, openArchiveFixture, publishFinance, VILLAGE, type ArchiveFixture } from './archives.fixture.ts';

describe('the public archive page (往期公开档案)', () => {
  let f: ArchiveFixture;
  let call: ReturnType<typeof api>;
  let disclosureId: string;
  beforeAll(async () => {
    f = await openArchiveFixture('2026-03-02T02:00:00.000Z');
    call = api(f);
    disclosureId = await publishFinance(f);
  }, 60_000);
  afterAll(() => f?.t.close());

  const page = (url: string) => f.t.app.inject({ method: 'GET', url });

  it('shows filed public records only, never a non-disclosed paper record, and masks personal data', async () => {
    expect((await page(`/units/${VILLAGE}/archive`)).body).toContain('暂无符合条件的归档公开内容');
    await advanceTo(f, '2026-07-01');
    const filed = await call(f.a.archivist, 'POST', '/api/v1/archives/items/file', { disclosureId });
    expect(filed.statusCode, filed.body).toBe(200);
    const record = await call(f.a.archivist, 'POST', '/api/v1/archives/items/records', {
      unitCode: VILLAGE,
      classCode: filed.json().classCode,
      year: 2026,
      title: '村民代表会议记录（张三 13812345678）',
      recordType: '会议记录',
      formedOn: '2026-03-01',
      paperLocation: '档案柜1号',
    });
    expect(record.statusCode, record.body).toBe(200);
    const res = await page(`/units/${VILLAGE}/archive`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(filed.json().archivalCode);
    expect(res.body).toContain(`/disclosures/${disclosureId}`);
    expect(res.body).not.toContain(record.json().archivalCode);
    expect(res.body).not.toContain('13812345678');
    // Filters: another year has nothing; the unit page links here.
    expect((await page(`/units/${VILLAGE}/archive?year=2019`)).body).toContain('暂无符合条件的归档公开内容');
    expect((await page(`/units/${VILLAGE}`)).body).toContain(`/units/${VILLAGE}/archive`);
  });

  it('lists public items destroyed after appraisal with the date and the 销毁清单, never a destroyed paper record', async () => {
    const items = (await call(f.a.archivist, 'GET', `/api/v1/archives/items?unitCode=${VILLAGE}&limit=50`)).json().items as {
      id: string;
      archivalCode: string;
      kind: string;
    }[];
    const filed = items.find((i) => i.kind === 'disclosure')!;
    const record = items.find((i) => i.kind === 'record')!;
    // Nothing destroyed yet: no section.
    expect((await page(`/units/${VILLAGE}/archive`)).body).not.toContain('已鉴定销毁的档案');
    // 30 years after 2026 (集体财务账目, a county choice), both are due for appraisal.
    await advanceTo(f, '2057-01-05');
    const prop = await call(f.a.archivist, 'POST', '/api/v1/archives/destructions', {
      unitCode: VILLAGE,
      itemIds: [filed.id, record.id],
      reason: '保管期满，经鉴定无保存价值',
    });
    expect(prop.statusCode, prop.body).toBe(200);
    // Proposed is not destroyed: the page still lists it as kept.
    expect((await page(`/units/${VILLAGE}/archive`)).body).not.toContain('已鉴定销毁的档案');
    const decided = await call(f.s.supervisor, 'POST', `/api/v1/archives/destructions/${prop.json().id}/decide`, { decision: 'approve' });
    expect(decided.statusCode, decided.body).toBe(200);
    const body = (await page(`/units/${VILLAGE}/archive`)).body;
    expect(body).toContain('已鉴定销毁的档案');
    expect(body).toContain(`档号 ${filed.archivalCode}`);
    expect(body).toContain('2057-01-05按销毁〔2057〕1号销毁');
    expect(body).not.toContain(record.archivalCode);
    expect(body).not.toContain('13812345678');
    expect(body).not.toContain('supervisor姓名');
    // The year filter applies to it too.
    expect((await page(`/units/${VILLAGE}/archive?year=2019`)).body).not.toContain('已鉴定销毁的档案');
  });

  it('answers 404 for an unknown unit and ignores malformed filters', async () => {
    expect((await page('/units/nope/archive')).statusCode).toBe(404);
    expect((await page(`/units/${VILLAGE}/archive?year=abc&class=%3Cscript%3E&page=-3`)).statusCode).toBe(200);
  });
});
