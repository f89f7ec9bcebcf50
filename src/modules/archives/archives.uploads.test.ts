/** Uploads into the archive refuse files that are too large or of the wrong real type: a 4xx in Chinese, and nothing saved before is lost. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, type Session } from '../../../test/helpers/test-app.ts';
import { multipart, PDF, PNG } from '../publishing/data/test-files.ts';
import { api, openArchiveFixture, VILLAGE, type ArchiveFixture } from './archives.fixture.ts';
import { BOARD_CHECK_KEYS } from './archives.rules.ts';

const CJK = /[\u4e00-\u9fff]/;

describe('archive uploads: size and type', () => {
  let f: ArchiveFixture;
  let call: ReturnType<typeof api>;
  let item: string;
  let board: string;
  const send = (who: Session, url: string, name: string, content: Buffer, type: string) => {
    const m = multipart({}, { name, content, type });
    return f.t.app.inject({ method: 'POST', url, payload: m.payload, headers: { ...who.headers(), ...m.headers } });
  };
  beforeAll(async () => {
    f = await openArchiveFixture('2026-03-02T02:00:00.000Z');
    call = api(f);
    const classCode = (await call(f.a.archivist, 'GET', '/api/v1/archives/schedule')).json().classes[0].code;
    const rec = await call(f.a.archivist, 'POST', '/api/v1/archives/items/records', {
      unitCode: VILLAGE,
      classCode,
      year: 2026,
      title: '村民代表会议记录',
      recordType: '会议记录',
      formedOn: '2026-03-01',
      paperLocation: '档案柜1号',
    });
    expect(rec.statusCode, rec.body).toBe(200);
    item = rec.json().id;
    expect((await send(f.a.archivist, `/api/v1/archives/items/${item}/scans`, '第1页.pdf', PDF, 'application/pdf')).statusCode).toBe(200);
    const b = await call(f.s.clerk, 'POST', `/api/v1/archives/units/${VILLAGE}/boards`, { name: '村部公开栏', place: '村部门口', personInCharge: '王某某' });
    board = b.json().id;
    expect((await send(f.s.clerk, `/api/v1/archives/boards/${board}/photo`, 'a.png', PNG, 'image/png')).statusCode).toBe(200);
  }, 60_000);
  afterAll(() => f?.t.close());

  const files = async () => (await call(f.a.archivist, 'GET', `/api/v1/archives/items/${item}`)).json().files as { sha256: string }[];

  it('a scan over 30 MB: 413 with a Chinese message; the saved scan is untouched', async () => {
    const before = await files();
    const big = Buffer.concat([PDF, Buffer.alloc(30 * 1024 * 1024 + 1, 0x20)]);
    const res = await send(f.a.archivist, `/api/v1/archives/items/${item}/scans`, '大文件.pdf', big, 'application/pdf');
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).code).toBe('FILE_TOO_LARGE');
    expect(errorOf(res).message).toMatch(CJK);
    expect(await files()).toEqual(before);
  });

  it('a scan that is not PDF/PNG/JPEG (sniffed, whatever its name says): 415; nothing added', async () => {
    const before = await files();
    const res = await send(
      f.a.archivist,
      `/api/v1/archives/items/${item}/scans`,
      '伪装.pdf',
      Buffer.from('MZ\u0090\u0000 not a pdf at all'),
      'application/pdf',
    );
    expect(res.statusCode).toBe(415);
    expect(errorOf(res).message).toMatch(CJK);
    expect(await files()).toEqual(before);
    const empty = await send(f.a.archivist, `/api/v1/archives/items/${item}/scans`, '空.pdf', Buffer.alloc(0), 'application/pdf');
    expect(empty.statusCode).toBe(400);
    expect(await files()).toEqual(before);
  });

  it('a board photo over 15 MB or of the wrong type is refused; the board keeps its photo', async () => {
    const photo = (await call(f.s.clerk, 'GET', `/api/v1/archives/boards/${board}`)).json().photoUrl as string;
    const big = await send(
      f.s.clerk,
      `/api/v1/archives/boards/${board}/photo`,
      'big.png',
      Buffer.concat([PNG, Buffer.alloc(15 * 1024 * 1024 + 1)]),
      'image/png',
    );
    expect(big.statusCode).toBe(413);
    expect(errorOf(big).message).toMatch(CJK);
    const wrong = await send(f.s.clerk, `/api/v1/archives/boards/${board}/photo`, 'photo.png', PDF, 'image/png');
    expect(wrong.statusCode).toBe(415);
    expect(errorOf(wrong).message).toMatch(CJK);
    expect((await call(f.s.clerk, 'GET', `/api/v1/archives/boards/${board}`)).json().photoUrl).toBe(photo);
    expect((await call(f.s.clerk, 'GET', photo)).rawPayload.equals(PNG)).toBe(true);
  });

  it('an inspection photo: over 15 MB 413, not PNG/JPEG by content 415, empty 400, outside scope 404, by the village 403; nothing added, then a real photo is kept', async () => {
    const answers = Object.fromEntries(BOARD_CHECK_KEYS.map((k) => [k, true]));
    const ins = await call(f.a.townOfficer, 'POST', `/api/v1/archives/boards/${board}/inspections`, { answers });
    expect(ins.statusCode, ins.body).toBe(200);
    const id = ins.json().id as string;
    const url = `/api/v1/archives/inspections/${id}/photos`;
    const photos = async () => (await call(f.a.townOfficer, 'GET', `/api/v1/archives/inspections/${id}`)).json().photos as unknown[];
    const big = await send(f.a.townOfficer, url, 'big.jpg', Buffer.concat([PNG, Buffer.alloc(15 * 1024 * 1024 + 1)]), 'image/jpeg');
    expect(big.statusCode).toBe(413);
    expect(errorOf(big).code).toBe('FILE_TOO_LARGE');
    expect(errorOf(big).message).toMatch(CJK);
    const wrong = await send(f.a.townOfficer, url, '现场.jpg', PDF, 'image/jpeg');
    expect(wrong.statusCode).toBe(415);
    expect(errorOf(wrong).code).toBe('UNSUPPORTED_FILE_TYPE');
    expect(errorOf(wrong).message).toMatch(CJK);
    expect((await send(f.a.townOfficer, url, 'empty.png', Buffer.alloc(0), 'image/png')).statusCode).toBe(400);
    expect((await send(f.a.otherTownOfficer, url, 'a.png', PNG, 'image/png')).statusCode).toBe(404);
    expect((await send(f.a.otherTownOfficer, url, 'a.pdf', PDF, 'image/png')).statusCode).toBe(404);
    expect((await send(f.s.clerk, url, 'a.png', PNG, 'image/png')).statusCode).toBe(403);
    expect(await photos()).toEqual([]);
    const okRes = await send(f.a.townOfficer, url, '现场.png', PNG, 'image/png');
    expect(okRes.statusCode, okRes.body).toBe(200);
    const kept = (await photos()) as { url: string }[];
    expect(kept).toHaveLength(1);
    expect((await call(f.a.townOfficer, 'GET', kept[0].url)).rawPayload.equals(PNG)).toBe(true);
  });
});
