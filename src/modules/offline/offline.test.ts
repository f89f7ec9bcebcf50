/**
 * Offline channels over HTTP with real PDFs (checked with poppler-utils: pdftotext for the words, pdftoppm to look at
 * the first page): 政务公开专区/便民服务点 and their photo, 致村(居)民一封信 batches per village, the 办事一本通 (contents,
 * page numbers, contacts; current after an item changes), 明白纸 and 广播稿 — each refusal saving nothing, personal data
 * never printed, scope 404 / role 403.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, openFixture, OTHER_VILLAGE, publishVillage, TOWN, VILLAGE, type Fixture } from '../publishing/disclosure.fixture.ts';
import { refIdCheck } from '../publishing/pii/test-data.ts';

let f: Fixture;
let call: ReturnType<typeof api>;
let dir: string;
const ID17 = '32132319800101123';
const RESIDENT_ID = ID17 + refIdCheck(ID17);

function poppler(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${tool} not found: poppler-utils is required for the offline PDF tests (apt-get install poppler-utils)`);
    throw e;
  }
}
const flat = (s: string) => s.replace(/[\s\u3000]+/g, '');
function pdfText(name: string, body: Buffer): { text: string; pages: number; file: string } {
  expect(body.subarray(0, 5).toString()).toBe('%PDF-');
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, body);
  const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [file]))?.[1]);
  return { text: flat(poppler('pdftotext', ['-layout', file, '-'])), pages, file };
}
/** Renders page 1 and checks it is a real A4 page with ink on it (not blank). */
function lookAt(file: string): void {
  poppler('pdftoppm', ['-r', '30', '-png', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'look')]);
  const png = readFileSync(join(dir, 'look.png'));
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  const w = png.readUInt32BE(16);
  const h = png.readUInt32BE(20);
  expect(Math.abs(h / w - Math.SQRT2)).toBeLessThan(0.02);
  expect(png.length).toBeGreaterThan(3000);
}
const count = async (table: 'offline_service_points' | 'offline_leaflets' | 'offline_broadcasts') =>
  Number(
    (
      await f.t.rt.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const POINT = {
  kind: 'service_point',
  name: '卜湖社区便民服务站',
  place: '社区党群服务中心一楼',
  hours: '工作日 8:30—17:30',
  services: ['低保政策咨询', '医保参保登记'],
  phone: '0527-85210000',
};

beforeAll(async () => {
  poppler('pdftotext', ['-v']);
  dir = mkdtempSync(join(tmpdir(), 'offline-'));
  f = await openFixture();
  call = api(f);
}, 120_000);
afterAll(async () => {
  await f?.t.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('政务公开专区 / 便民服务点', () => {
  let id: string;
  it('refuses bad input with a clear message and saves nothing', async () => {
    const before = await count('offline_service_points');
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...POINT, kind: 'shop' }, 400, ''],
      [{ ...POINT, services: ['  '] }, 400, '至少填写一项'],
      [{ ...POINT, phone: '13912345678' }, 400, '办公电话'],
      [{ ...POINT, place: `张某家（身份证 ${RESIDENT_ID}）` }, 400, '身份证号码'],
      [{ ...POINT, name: '' }, 400, '请填写名称'],
    ];
    for (const [payload, status, message] of cases) {
      const res = await call(f.s.clerk, 'POST', `/api/v1/units/${VILLAGE}/service-points`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error.message).toContain(message);
      expect(res.body).not.toContain(RESIDENT_ID);
    }
    expect((await call(f.s.otherClerk, 'POST', `/api/v1/units/${VILLAGE}/service-points`, POINT)).statusCode).toBe(404);
    expect((await call(f.s.supervisor, 'POST', `/api/v1/units/${VILLAGE}/service-points`, POINT)).statusCode).toBe(403);
    expect(await count('offline_service_points')).toBe(before);
  });

  it('registers a place: listed publicly, on its page and in the 公开指南; audited', async () => {
    const res = await call(f.s.clerk, 'POST', `/api/v1/units/${VILLAGE}/service-points`, POINT);
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    const list = await call(null, 'GET', `/api/v1/units/${VILLAGE}/service-points`);
    expect(list.json().map((p: { name: string }) => p.name)).toEqual(['卜湖社区便民服务站']);
    const page = await call(null, 'GET', `/units/${VILLAGE}/service-points`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('社区党群服务中心一楼');
    const guide = await call(null, 'GET', `/units/${VILLAGE}/guide`);
    expect(guide.body).toContain('卜湖社区便民服务站');
    const audit = await f.t.rt.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toContain('offline.service_point.create');
  });

  it('takes a PNG/JPEG photo checked by content and size, shown publicly', async () => {
    const form = (buf: Buffer, name: string) => {
      const b = '----offline';
      return {
        payload: Buffer.concat([
          Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`),
          buf,
          Buffer.from(`\r\n--${b}--\r\n`),
        ]),
        headers: { 'content-type': `multipart/form-data; boundary=${b}` },
      };
    };
    // A real PNG: the QR code the print stack makes.
    const { qrPng } = await import('../publishing/index.ts');
    const image = await qrPng('https://example.org/');
    const up = (who: typeof f.s.clerk, buf: Buffer, name: string) => {
      const fd = form(buf, name);
      return f.t.app.inject({
        method: 'POST',
        url: `/api/v1/offline/service-points/${id}/photo`,
        headers: { ...who.headers(), ...fd.headers },
        payload: fd.payload,
      });
    };
    expect((await up(f.s.clerk, Buffer.from('not an image at all'), 'fake.png')).statusCode).toBe(415);
    expect((await up(f.s.clerk, Buffer.alloc(5 * 1024 * 1024 + 10, 1), 'big.png')).statusCode).toBe(413);
    expect((await up(f.s.otherClerk, image, 'p.png')).statusCode).toBe(404);
    const ok = await up(f.s.clerk, image, 'p.png');
    expect(ok.statusCode).toBe(200);
    const got = await call(null, 'GET', ok.json().photoUrl);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(got.rawPayload, image)).toBe(0);
  });

  it('retiring keeps the row with its reason and takes it off the public list', async () => {
    const other = (await call(f.s.clerk, 'POST', `/api/v1/units/${VILLAGE}/service-points`, { ...POINT, kind: 'zone', name: '临时公开点' })).json().id;
    expect((await call(f.s.clerk, 'POST', `/api/v1/offline/service-points/${other}/retire`, { reason: ' ' })).statusCode).toBe(400);
    expect((await call(f.s.clerk, 'POST', `/api/v1/offline/service-points/${other}/retire`, { reason: '场地调整，已并入便民服务站' })).statusCode).toBe(200);
    expect((await call(f.s.clerk, 'PUT', `/api/v1/offline/service-points/${other}`, POINT)).statusCode).toBe(409);
    expect((await call(null, 'GET', `/api/v1/units/${VILLAGE}/service-points`)).json()).toHaveLength(1);
    const staff = (await call(f.s.clerk, 'GET', '/api/v1/offline/service-points')).json() as { id: string; retiredReason: string | null }[];
    expect(staff.find((p) => p.id === other)?.retiredReason).toBe('场地调整，已并入便民服务站');
    expect(((await call(f.s.otherClerk, 'GET', '/api/v1/offline/service-points')).json() as unknown[]).length).toBe(0);
  });
});

describe('printed matter', () => {
  let notice: string;
  beforeAll(async () => {
    // A notice with a resident ID the clerk masks through the gate (the public text shows it masked).
    const d = await call(f.s.clerk, 'POST', '/api/v1/disclosures', {
      unitCode: VILLAGE,
      itemKey: 'vil:hyjd',
      title: '关于修建社区东路的公告',
      formedOn: '2026-11-25',
      body: `<p>经居民代表会议讨论，决定修建社区东路。联系人张某，身份证号码 ${RESIDENT_ID}。</p><p>施工期间请注意安全。</p>`,
    });
    notice = d.json().id;
    const hits = (await call(f.s.clerk, 'POST', `/api/v1/disclosures/${notice}/pii-scan`, {})).json().hits as { fingerprint: string }[];
    expect(hits.length).toBe(1);
    for (const h of hits)
      expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${notice}/pii-decisions`, { fingerprint: h.fingerprint, action: 'mask' })).statusCode).toBe(
        200,
      );
    for (const [who, step, payload] of [
      [f.s.clerk, 'submit', {}],
      [f.s.supervisor, 'review', { decision: 'approve', comment: '同意公开' }],
      [f.s.clerk, 'publish', {}],
    ] as const)
      expect((await call(who, 'POST', `/api/v1/disclosures/${notice}/${step}`, payload)).statusCode).toBe(200);
  }, 60_000);

  it('致居民一封信: one letter per village in large type, masked, with the QR link; refusals', async () => {
    const one = await call(f.s.clerk, 'GET', `/api/v1/offline/letters.pdf?unit=${VILLAGE}&sources=${notice}`);
    expect(one.statusCode, one.body.slice(0, 200)).toBe(200);
    const p = pdfText('letter', one.rawPayload);
    expect(p.text).toContain('致卜湖社区居民的一封信');
    expect(p.text).toContain('卜湖社区的居民朋友们');
    expect(p.text).toContain('关于修建社区东路的公告');
    expect(p.text).toContain('卜湖社区居民委员会');
    expect(p.text).not.toContain(RESIDENT_ID);
    expect(p.text).toContain(`第1页共${p.pages}页`);
    lookAt(p.file);
    // A town signs a batch: one letter for each village (community) under it.
    const batch = await call(f.s.townReviewer, 'GET', `/api/v1/offline/letters.pdf?unit=${TOWN}&sources=${notice}`);
    expect(batch.statusCode).toBe(200);
    const b = pdfText('batch', batch.rawPayload);
    const villages = await f.t.rt.ctx.db
      .selectFrom('org_units')
      .select('name')
      .where('parent_code', '=', TOWN)
      .where('kind', 'in', ['village', 'community'])
      .where('active', '=', 1)
      .execute();
    expect(villages.length).toBeGreaterThan(1);
    for (const v of villages) expect(b.text).toContain(`致${v.name}`);
    expect((await call(f.s.clerk, 'GET', `/api/v1/offline/letters.pdf?unit=${VILLAGE}&sources=`)).statusCode).toBe(400);
    expect((await call(f.s.otherClerk, 'GET', `/api/v1/offline/letters.pdf?unit=${VILLAGE}&sources=${notice}`)).statusCode).toBe(404);
    expect((await call(f.s.townReviewer, 'GET', `/api/v1/offline/letters.pdf?unit=${TOWN}&sources=${notice}&villages=${OTHER_VILLAGE}`)).statusCode).toBe(404);
    expect((await call(f.s.clerk, 'GET', `/api/v1/offline/letters.pdf?unit=${VILLAGE}&sources=00000000-0000-0000-0000-000000000000`)).statusCode).toBe(404);
  });

  it('办事一本通: contents with page numbers, contacts, updated date; a new service item is in the next download', async () => {
    expect((await call(null, 'GET', `/api/v1/units/${OTHER_VILLAGE}/service-booklet.pdf`)).statusCode).toBe(404);
    await publishVillage(f, '<p>办理事项：低保申请。</p><p>所需材料：户口簿、申请书。</p>', {
      itemKey: 'vil:fwqd',
      title: '便民服务事项清单',
      formedOn: '2026-11-25',
    });
    const first = pdfText('booklet1', (await call(null, 'GET', `/api/v1/units/${VILLAGE}/service-booklet.pdf`)).rawPayload);
    expect(first.text).toContain('办事一本通');
    expect(first.text).toContain('目录');
    expect(first.text).toContain('1.便民服务事项清单');
    expect(first.text).toContain('联系方式');
    expect(first.text).toContain('卜湖社区便民服务站');
    expect(first.text).toContain('更新日期：2026年11月26日');
    expect(first.text).toContain(`第${first.pages}页共${first.pages}页`);
    lookAt(first.file);
    await publishVillage(f, '<p>办理事项：医保参保。</p>', { itemKey: 'vil:fwqd', title: '办事流程：城乡居民医保参保', formedOn: '2026-11-25' });
    const second = pdfText('booklet2', (await call(null, 'GET', `/api/v1/units/${VILLAGE}/service-booklet.pdf`)).rawPayload);
    expect(second.text).toContain('办事流程：城乡居民医保参保');
    expect(second.pages).toBeGreaterThan(first.pages);
  });

  it('明白纸: refused with personal data or for a draft, saved once and printed on one page', async () => {
    const before = await count('offline_leaflets');
    const bad = await call(f.s.clerk, 'PUT', `/api/v1/offline/leaflets/${notice}`, { title: '修路明白纸', body: `联系人手机 139 1234 5678` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('PERSONAL_DATA');
    const draft = (
      await call(f.s.clerk, 'POST', '/api/v1/disclosures', { unitCode: VILLAGE, itemKey: 'vil:hyjd', title: '草稿', formedOn: '2026-11-25', body: '<p>x</p>' })
    ).json().id;
    expect((await call(f.s.clerk, 'PUT', `/api/v1/offline/leaflets/${draft}`, { title: 't', body: 'b' })).statusCode).toBe(409);
    expect((await call(f.s.otherClerk, 'PUT', `/api/v1/offline/leaflets/${notice}`, { title: 't', body: 'b' })).statusCode).toBe(404);
    expect((await call(f.s.supervisor, 'PUT', `/api/v1/offline/leaflets/${notice}`, { title: 't', body: 'b' })).statusCode).toBe(403);
    expect(await count('offline_leaflets')).toBe(before);
    const saved = await call(f.s.clerk, 'PUT', `/api/v1/offline/leaflets/${notice}`, {
      title: '修路那些事，一看就懂',
      body: '社区东路要修了。\n施工时请绕行，注意安全。',
    });
    expect(saved.statusCode).toBe(200);
    const p = pdfText('leaflet', (await call(f.s.clerk, 'GET', `/api/v1/offline/leaflets/${notice}/print.pdf`)).rawPayload);
    expect(p.pages).toBe(1);
    expect(p.text).toContain('明白纸');
    expect(p.text).toContain('修路那些事，一看就懂');
    expect(p.text).toContain('施工时请绕行');
    expect(p.text).toContain('关于修建社区东路的公告');
    lookAt(p.file);
    expect(((await call(f.s.clerk, 'GET', '/api/v1/offline/leaflets')).json() as unknown[]).length).toBe(1);
    expect(((await call(f.s.otherClerk, 'GET', '/api/v1/offline/leaflets')).json() as unknown[]).length).toBe(0);
  });

  it('广播稿: generated from the notice (title, gist, where to see it), editable, printed; masked', async () => {
    const gen = await call(f.s.clerk, 'GET', `/api/v1/offline/broadcasts/${notice}`);
    expect(gen.statusCode).toBe(200);
    const g = gen.json() as { text: string; generated: string; edited: boolean };
    expect(g.edited).toBe(false);
    expect(g.text).toContain('《关于修建社区东路的公告》');
    expect(g.text).toContain('卜湖社区便民服务站');
    expect(g.text).toContain('再播送一遍');
    expect(g.text).not.toContain(RESIDENT_ID);
    expect((await call(f.s.clerk, 'PUT', `/api/v1/offline/broadcasts/${notice}`, { text: `请联系 ${RESIDENT_ID}` })).statusCode).toBe(400);
    expect(await count('offline_broadcasts')).toBe(0);
    const edited = '各位居民请注意：社区东路下周一开工，请绕行。';
    expect((await call(f.s.clerk, 'PUT', `/api/v1/offline/broadcasts/${notice}`, { text: edited })).statusCode).toBe(200);
    expect((await call(f.s.clerk, 'GET', `/api/v1/offline/broadcasts/${notice}`)).json().text).toBe(edited);
    const p = pdfText('broadcast', (await call(f.s.clerk, 'GET', `/api/v1/offline/broadcasts/${notice}/print.pdf`)).rawPayload);
    expect(p.text).toContain('广播稿');
    expect(p.text).toContain(flat(edited));
    lookAt(p.file);
    expect((await call(f.s.otherClerk, 'GET', `/api/v1/offline/broadcasts/${notice}`)).statusCode).toBe(404);
  });
});
