/** The A4 signs: real PDFs checked with poppler-utils (text) and the QR image compared pixel by pixel with the expected code. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/helpers/test-app.ts';
import { api, openArchiveFixture, VILLAGE, type ArchiveFixture } from './archives.fixture.ts';

const { PNG } = createRequire(import.meta.url)('pngjs') as { PNG: { sync: { read(buf: Buffer): { width: number; height: number; data: Buffer } } } };

/** Dark modules of a QR image as a string of 0/1, sampled on the code's own grid. */
function modules(png: { width: number; height: number; data: Buffer }, count: number): string {
  const cell = png.width / count;
  let out = '';
  for (let y = 0; y < count; y++)
    for (let x = 0; x < count; x++) {
      const i = (Math.floor((y + 0.5) * cell) * png.width + Math.floor((x + 0.5) * cell)) * 4;
      out += png.data[i]! < 128 ? '1' : '0';
    }
  return out;
}

describe('printable A4 signs (标识牌)', () => {
  let f: ArchiveFixture;
  let call: ReturnType<typeof api>;
  let dir: string;
  beforeAll(async () => {
    f = await openArchiveFixture('2026-03-02T02:00:00.000Z');
    call = api(f);
    dir = mkdtempSync(join(tmpdir(), 'gk-signs-'));
  }, 60_000);
  afterAll(() => {
    f?.t.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the reading-area sign prints the county rules and a QR code to the village public archive', async () => {
    const res = await call(f.a.archivist, 'GET', `/api/v1/archives/units/${VILLAGE}/signs/reading`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const file = join(dir, 'reading.pdf');
    writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const settings = (await call(f.a.archivist, 'GET', '/api/v1/archives/settings')).json();
    expect(text).toContain('集中查阅点');
    expect(text.replace(/\s+/g, '')).toContain(settings.readingRules[0].replace(/\s+/g, '').slice(0, 12));
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.\d+ x 841\.\d+/);
    // The QR image in the PDF encodes the public archive's address.
    execFileSync('pdfimages', ['-png', file, join(dir, 'img')]);
    const image = PNG.sync.read(
      readFileSync(
        join(
          dir,
          readdirSync(dir).find((n) => n.startsWith('img'))!,
        ),
      ),
    );
    const url = `${f.t.rt.ctx.config.baseUrl}/units/${VILLAGE}/archive`;
    const expected = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
    const want = PNG.sync.read(await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 8 }));
    expect(modules(image, expected.size + 2)).toBe(modules(want, expected.size + 2));
    const other = PNG.sync.read(await QRCode.toBuffer(`${url}x`, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 8 }));
    expect(modules(image, expected.size + 2)).not.toBe(modules(other, expected.size + 2));
  });

  it('storage sign and board sign; outside the scope 404, unknown kind 400', async () => {
    expect((await call(f.a.archivist, 'GET', `/api/v1/archives/units/${VILLAGE}/signs/storage`)).statusCode).toBe(200);
    expect((await call(f.a.otherArchivist, 'GET', `/api/v1/archives/units/${VILLAGE}/signs/storage`)).statusCode).toBe(404);
    expect((await call(f.a.archivist, 'GET', `/api/v1/archives/units/${VILLAGE}/signs/kitchen`)).statusCode).toBe(400);
    const board = await call(f.s.clerk, 'POST', `/api/v1/archives/units/${VILLAGE}/boards`, {
      name: '村部公开栏',
      place: '村部门口',
      personInCharge: '李某某',
    });
    expect(board.statusCode, board.body).toBe(200);
    const sign = await call(f.s.clerk, 'GET', `/api/v1/archives/boards/${board.json().id}/sign.pdf`);
    expect(sign.statusCode).toBe(200);
    const file = join(dir, 'board.pdf');
    writeFileSync(file, sign.rawPayload);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('村部公开栏');
    expect(text).toContain('负责人：李某某');
    expect(errorOf(await call(f.a.otherArchivist, 'GET', `/api/v1/archives/boards/${board.json().id}/sign.pdf`)).code).toBe('BOARD_NOT_FOUND');
  });
});
