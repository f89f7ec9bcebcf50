import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, openFixture, publishVillage, type Fixture } from '../disclosure.fixture.ts';
import { errorOf } from '../../../../test/helpers/test-app.ts';
import { bodyToNotice } from './notice.service.ts';

/** Text of a PDF via poppler (installed by .ci/run; its absence is a failure, not a skip). */
function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gk-notice-')), 'n.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \u3000]+/g, '');
  } catch (e) {
    throw new Error(`pdftotext failed — poppler-utils is required for these tests: ${(e as Error).message}`);
  }
}

function pdfPageSize(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gk-notice-')), 'n.pdf');
  fs.writeFileSync(file, pdf);
  return /Page size:\s+([\d.]+ x [\d.]+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? '';
}

const BODY =
  '<p>本社区2026年11月村民代表会议决定如下：</p><p>联系人手机 13812345678，身份证 11010519491231002X。</p>' +
  '<table><thead><tr><th>事项</th><th>金额（元）</th></tr></thead><tbody><tr><td>道路修缮</td><td>12,000.00</td></tr><tr><td>路灯更换</td><td>3,450.50</td></tr></tbody></table>';

describe('printable notices from published disclosures', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await openFixture();
  });
  afterEach(() => f.t.close());

  async function publishMasked(body = BODY): Promise<string> {
    const call = api(f);
    const d = await call(f.s.clerk, 'POST', '/api/v1/disclosures', {
      unitCode: '321323002-buhu',
      itemKey: 'vil:hyjd',
      title: '村民代表会议决定公开',
      formedOn: '2026-11-25',
      body,
    });
    const id = d.json().id as string;
    // The personal-data gate runs before submission: every hit is masked first.
    const scan = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-scan`, {});
    expect(scan.json().hits.length).toBe(2);
    for (const hit of scan.json().hits as { fingerprint: string }[]) {
      await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-decisions`, { fingerprint: hit.fingerprint, action: 'mask' });
    }
    expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {})).statusCode).toBe(200);
    await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve', comment: '同意' });
    const p = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/publish`, {});
    expect(p.statusCode, p.body).toBe(200);
    return id;
  }

  it('prints the masked content, 公示期, the committee’s sign-off, the issuer and the link', async () => {
    const id = await publishMasked();
    const res = await f.t.app.inject({ url: `/api/v1/disclosures/${id}/notice.pdf` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.rawPayload);
    expect(text).toContain('村民代表会议决定公开');
    expect(text).toMatch(/公示期：2026年11月26日至2026年12月\d+日/);
    expect(text).toContain('卜湖社区居务监督委员会审核意见');
    expect(text).toContain('supervisor姓名');
    expect(text).toContain('卜湖社区居民委员会');
    expect(text).toContain(`/disclosures/${id}`);
    expect(text).toContain('12,000.00');
    expect(text).toContain('路灯更换');
    expect(text).toContain('138****5678');
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('11010519491231002X');
    expect(pdfPageSize(res.rawPayload)).toBe('595.28 x 841.89');
    const a3 = await f.t.app.inject({ url: `/api/v1/disclosures/${id}/notice.pdf?size=A3` });
    expect(pdfPageSize(a3.rawPayload)).toBe('841.89 x 1190.55');
  });

  it('refuses unpublished records, unknown ids and bad sizes', async () => {
    const call = api(f);
    const draft = await call(f.s.clerk, 'POST', '/api/v1/disclosures', {
      unitCode: '321323002-buhu',
      itemKey: 'vil:hyjd',
      title: '草稿',
      formedOn: '2026-11-25',
      body: '<p>草稿</p>',
    });
    const unpublished = await f.t.app.inject({ url: `/api/v1/disclosures/${draft.json().id}/notice.pdf` });
    expect([unpublished.statusCode, errorOf(unpublished).code]).toEqual([404, 'DISCLOSURE_NOT_FOUND']);
    expect((await f.t.app.inject({ url: '/api/v1/disclosures/nope/notice.pdf' })).statusCode).toBe(404);
    const badSize = await f.t.app.inject({ url: `/api/v1/disclosures/${draft.json().id}/notice.pdf?size=B5` });
    expect(badSize.statusCode).toBe(400);
  });

  it('prints every notice a village currently displays in one batch, and marks a withdrawn one', async () => {
    const empty = await f.t.app.inject({ url: '/api/v1/units/321323002-buhu/notices.pdf' });
    expect(errorOf(empty).code).toBe('NOTHING_TO_PRINT');
    const first = await publishVillage(f);
    await publishVillage(f, '<p>第二份公告正文。</p>', { title: '第二份公告' });
    const batch = await f.t.app.inject({ url: '/api/v1/units/321323002-buhu/notices.pdf' });
    expect(batch.statusCode).toBe(200);
    const text = pdfText(batch.rawPayload);
    expect(text).toContain('村民代表会议决定公开');
    expect(text).toContain('第二份公告');
    const w = await api(f)(f.s.supervisor, 'POST', `/api/v1/disclosures/${first}/withdraw`, { reason: '内容有误，重新核对后再公开' });
    expect(w.statusCode, w.body).toBe(200);
    const withdrawn = pdfText((await f.t.app.inject({ url: `/api/v1/disclosures/${first}/notice.pdf` })).rawPayload);
    expect(withdrawn).toContain('已撤回');
    expect(withdrawn).toContain('内容有误');
    expect((await f.t.app.inject({ url: '/api/v1/units/nope/notices.pdf' })).statusCode).toBe(404);
  });

  it('turns body HTML into paragraphs and one table, decoding entities', () => {
    const { paragraphs, table } = bodyToNotice(
      '<p>甲&amp;乙 &lt;丙&gt;</p><ul><li>一</li><li>二</li></ul><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table><table><tr><td>x</td><td>y</td></tr></table>',
    );
    expect(paragraphs).toEqual(['甲&乙 <丙>', '一', '二', 'x y']);
    expect(table).toEqual({ columns: [{ header: 'A' }, { header: 'B' }], rows: [['1', '2']] });
  });
});
