/**
 * Every route that takes an upload answers a body that is not a proper multipart form with a clear 4xx
 * (issue 13 §5): JSON or urlencoded → 415 naming multipart/form-data (POST /requests/apply answered 413 "too
 * large" before), a broken multipart body (no boundary, truncated) → 400, two files → 413 — never a 500, never
 * a misleading "too large", and nothing stored. The list is checked against the routes the app registers
 * (`schema.consumes` multipart), so a new upload route cannot escape it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, DEPT, openFixture, publishVillage, VILLAGE, type Fixture } from '../src/modules/publishing/disclosure.fixture.ts';
import { PNG } from '../src/modules/publishing/data/test-files.ts';
import type { Session } from './helpers/test-app.ts';

type Case = { url: string; who: () => Session | null; fields?: Record<string, string>; html?: boolean };

describe('multipart routes refuse bodies that are not an upload form', () => {
  let f: Fixture;
  let cases: Record<string, Case>;
  beforeAll(async () => {
    f = await openFixture();
    const call = api(f);
    const draft = (
      await call(f.s.clerk, 'POST', '/api/v1/disclosures', {
        unitCode: VILLAGE,
        itemKey: 'vil:szxq',
        period: '2026-Q3',
        title: '财务公开',
        formedOn: '2026-11-25',
        body: '<p>见附件</p>',
      })
    ).json().id as string;
    const published = await publishVillage(f);
    const point = (
      await call(f.s.clerk, 'POST', `/api/v1/units/${VILLAGE}/service-points`, {
        kind: 'service_point',
        name: '测试便民服务站',
        place: '村部一楼',
        hours: '工作日 8:30—17:00',
        services: ['低保申请'],
      })
    ).json().id as string;
    cases = {
      'POST /api/v1/disclosures/:id/attachments': { url: `/api/v1/disclosures/${draft}/attachments`, who: () => f.s.clerk },
      'POST /api/v1/disclosures/:id/finance-statement': { url: `/api/v1/disclosures/${draft}/finance-statement`, who: () => f.s.clerk },
      'POST /api/v1/disclosures/:id/recipient-list': {
        url: `/api/v1/disclosures/${draft}/recipient-list`,
        who: () => f.s.clerk,
        fields: { listType: 'dibao' },
      },
      'POST /api/v1/disclosures/:id/evidence': { url: `/api/v1/disclosures/${published}/evidence`, who: () => f.s.clerk, fields: { takenOn: '2026-11-26' } },
      'POST /api/v1/assessments/evidence-files': { url: '/api/v1/assessments/evidence-files', who: () => f.s.countyAdmin, fields: { unitCode: VILLAGE } },
      'POST /api/v1/catalog/import': { url: '/api/v1/catalog/import', who: () => f.s.countyAdmin, fields: { catalog: 'village' } },
      'POST /api/v1/offline/service-points/:id/photo': { url: `/api/v1/offline/service-points/${point}/photo`, who: () => f.s.clerk },
      'POST /api/v1/units/:code/policy-import': { url: `/api/v1/units/${DEPT}/policy-import`, who: () => f.s.officer },
      'POST /requests/apply': { url: '/requests/apply', who: () => null, html: true },
      'POST /api/v1/participation/events/:id/record': {
        // The form is read before the event is looked up, so any id shows how a bad body is answered.
        url: '/api/v1/participation/events/no-such-event/record',
        who: () => f.s.officer,
        fields: { text: '笔录' },
      },
    };
  }, 60_000);
  afterAll(() => f?.t.close());

  const send = (c: Case, payload: string | Buffer, contentType: string) =>
    f.t.app.inject({ method: 'POST', url: c.url, payload, headers: { ...(c.who()?.headers() ?? {}), 'content-type': contentType } });
  const codeOf = (c: Case, res: { body: string; json(): unknown }) => (c.html ? null : (res.json() as { error: { code: string } }).error.code);

  it('covers every upload route the app registers', () => {
    const registered = f.t.app.registeredRoutes
      .filter((r) => r.multipart)
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(registered).toEqual(Object.keys(cases).sort());
  });

  it('JSON and urlencoded bodies: 415 saying multipart/form-data is needed', async () => {
    const rows = await f.t.rt.ctx.db.selectFrom('disclosure_attachments').select('id').execute();
    for (const [name, c] of Object.entries(cases)) {
      for (const [payload, type] of [
        [JSON.stringify({ file: 'aGVsbG8=', ...c.fields }), 'application/json'],
        [new URLSearchParams({ file: 'x', ...c.fields }).toString(), 'application/x-www-form-urlencoded'],
      ] as const) {
        const res = await send(c, payload, type);
        expect(res.statusCode, `${name} ${type}: ${res.body.slice(0, 200)}`).toBe(415);
        if (c.html) {
          expect(res.headers['content-type']).toContain('text/html');
          expect(res.body).toContain('multipart/form-data');
          expect(res.body).toContain('POST /api/v1/info-requests');
        } else {
          expect(codeOf(c, res), name).toBe('MULTIPART_REQUIRED');
          expect((res.json() as { error: { message: string } }).error.message, name).toContain('multipart/form-data');
        }
      }
    }
    expect(await f.t.rt.ctx.db.selectFrom('disclosure_attachments').select('id').execute()).toEqual(rows);
  });

  it('broken multipart bodies (no boundary, truncated) are 400, two files 413 — never a 500', async () => {
    for (const [name, c] of Object.entries(cases)) {
      const noBoundary = await send(c, 'whatever', 'multipart/form-data');
      expect(noBoundary.statusCode, `${name} no boundary: ${noBoundary.body.slice(0, 200)}`).toBe(400);
      const truncated = await send(
        c,
        '------gkXYZ\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG',
        'multipart/form-data; boundary=----gkXYZ',
      );
      expect(truncated.statusCode, `${name} truncated: ${truncated.body.slice(0, 200)}`).toBe(400);
      if (c.html) expect(truncated.body).toContain('上传的表单数据不完整或格式有误');
      else expect(codeOf(c, truncated), name).toBe('MULTIPART_INVALID');
      const boundary = '----gktwo';
      const filePart = (field: string, name: string) => [
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`),
        PNG,
        Buffer.from('\r\n'),
      ];
      const fieldName = c.html ? 'identityProof' : 'file';
      const twoFiles = Buffer.concat([
        ...Object.entries(c.fields ?? {}).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
        ...filePart(fieldName, 'a.png'),
        ...filePart(fieldName, 'b.png'),
        Buffer.from(`--${boundary}--\r\n`),
      ]);
      const two = await send(c, twoFiles, `multipart/form-data; boundary=${boundary}`);
      expect(two.statusCode, `${name} two files: ${two.body.slice(0, 200)}`).toBe(413);
      if (!c.html) expect(codeOf(c, two), name).toBe('TOO_MANY_FILES');
    }
  });

  it('the online application keeps what was typed when the identity proof is too large (413, not lost)', async () => {
    const boundary = '----gkbig';
    const field = (k: string, v: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
    const payload = Buffer.concat([
      Buffer.from(field('name', '王五') + field('infoDescription', '本村道路修建资金使用情况')),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="identityProof"; filename="id.png"\r\nContent-Type: image/png\r\n\r\n`),
      PNG,
      Buffer.alloc(5 * 1024 * 1024 + 10, 1),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await f.t.app.inject({
      method: 'POST',
      url: '/requests/apply',
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('身份证明文件不能超过5MB');
    expect(res.body).toContain('王五');
    expect(res.body).toContain('本村道路修建资金使用情况');
    expect(await f.t.rt.ctx.db.selectFrom('info_requests').select('id').execute()).toEqual([]);
  });
});
