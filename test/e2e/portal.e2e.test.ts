import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { multipart, statementXlsx, type StatementLine } from '../../src/modules/publishing/data/test-files.ts';
import { launchBrowser, startServer, watchErrors, SCREENSHOTS, type RunningServer, demoAccount } from './harness.ts';

const AXE_SOURCE = fs.readFileSync(path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');
const PHONE = { width: 390, height: 844 };
const VILLAGE = '321323002-buhu';
const TOWN = '321323002';
/** The browser reports the 404 page's status as a console error; that is the page working. */
const EXPECTED_STATUS = /Failed to load resource: the server responded with a status of 404/;

interface AxeNode {
  target: string[];
  failureSummary?: string;
  html: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

function describeViolations(where: string, list: AxeViolation[]): string {
  return list
    .map((v) =>
      [
        `[${v.impact}] ${v.id}: ${v.help} (${where})`,
        ...v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}\n      ${n.html.slice(0, 160)}`),
      ].join('\n'),
    )
    .join('\n');
}

describe('public portal in Chromium: WCAG 2.1 AA on every page type (normal and 长辈模式, phone size) and the three-clicks journey', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let villageId = '';
  let govId = '';

  const account = (username: string) => demoAccount(server, username);

  /** Logs in through the API like the admin SPA does; returns a caller that sends the cookie and CSRF token. */
  async function apiAs(username: string) {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: account(username).password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return async (method: string, url: string, body?: unknown, raw?: { payload: Buffer; headers: Record<string, string> }) => {
      const headers = { cookie, 'x-csrf-token': csrf, ...(raw ? raw.headers : { 'content-type': 'application/json' }) };
      const r = await fetch(`${server.url}${url}`, {
        method,
        headers,
        body: raw ? new Uint8Array(raw.payload) : body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${text}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const today = new Date().toISOString().slice(0, 10);
    // 村务公开: clerk drafts and submits, the 村务监督委员会 approves, the clerk publishes.
    const clerk = await apiAs('buhu.clerk');
    const supervisor = await apiAs('buhu.supervisor');
    for (const [title, body] of [
      ['卜湖社区村民代表会议决定公开', '<p>卜湖社区村民代表会议决定：修建社区内道路，预算十二万元。</p>'],
      ['卜湖社区路灯维修情况', '<p>卜湖社区完成路灯维修二十盏。</p>'],
    ]) {
      const d = await clerk('POST', '/api/v1/disclosures', { unitCode: VILLAGE, itemKey: 'vil:hyjd', title, formedOn: today, body });
      const id = d.id as string;
      await clerk('POST', `/api/v1/disclosures/${id}/submit`, {});
      await supervisor('POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve', comment: '同意公开' });
      await clerk('POST', `/api/v1/disclosures/${id}/publish`, {});
      villageId ||= id;
    }
    // 财务公开 of the last full quarter, so the village page has its finance overview chart.
    const now = new Date();
    const q = Math.floor(now.getMonth() / 3);
    const [fy, fq] = q === 0 ? [now.getFullYear() - 1, 4] : [now.getFullYear(), q];
    const m0 = (fq - 1) * 3 + 1;
    const day = (m: number, d: number) => `${fy}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const lines: StatementLine[] = [
      [day(m0, 3), '记-001', '收到村集体厂房租金', '经营收入', 3500, null],
      [day(m0 + 1, 12), '记-002', '修建村道材料费', '公益支出', null, 2000],
      [day(m0 + 2, 20), '记-003', '办公用品', '管理费用', null, 100.5],
    ];
    const fin = await clerk('POST', '/api/v1/disclosures', {
      unitCode: VILLAGE,
      itemKey: 'vil:szxq',
      period: `${fy}-Q${fq}`,
      title: `${fy}年第${fq}季度财务收支公开`,
      formedOn: today,
      body: '<p>现将本社区财务收支情况公开如下。</p>',
    });
    const finId = fin.id as string;
    await clerk(
      'POST',
      `/api/v1/disclosures/${finId}/finance-statement`,
      undefined,
      multipart({}, { name: 's.xlsx', content: await statementXlsx(lines, 12000, 13399.5) }),
    );
    await clerk('POST', `/api/v1/disclosures/${finId}/pii-scan`, {});
    await clerk('POST', `/api/v1/disclosures/${finId}/submit`, {});
    await supervisor('POST', `/api/v1/disclosures/${finId}/review`, { decision: 'approve', comment: '同意公开' });
    await clerk('POST', `/api/v1/disclosures/${finId}/publish`, {});
    // 政务公开: 民政局 officer drafts, reviewer approves, officer publishes.
    const officer = await apiAs('mzj.officer');
    const reviewer = await apiAs('mzj.reviewer');
    const g = await officer('POST', '/api/v1/disclosures', {
      unitCode: 'dept-mzj',
      title: '泗阳县最低生活保障标准调整的通知',
      formedOn: today,
      body: '<p>自下月起城乡低保标准统一调整。</p>',
    });
    govId = g.id as string;
    await officer('POST', `/api/v1/disclosures/${govId}/submit`, {});
    await reviewer('POST', `/api/v1/disclosures/${govId}/review`, { decision: 'approve' });
    await officer('POST', `/api/v1/disclosures/${govId}/publish`, {});
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function phonePage(elder: boolean): Promise<{ page: Page; errors: string[] }> {
    const ctx = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, bypassCSP: true, locale: 'zh-CN' });
    contexts.push(ctx);
    if (elder) await ctx.addCookies([{ name: 'gk_elder', value: '1', url: server.url }]);
    const page = await ctx.newPage();
    return { page, errors: watchErrors(page) };
  }

  async function axe(page: Page): Promise<AxeViolation[]> {
    await page.evaluate(AXE_SOURCE);
    const result = await page.evaluate(async () => {
      const w = window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> } };
      const r = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
      if (!Array.isArray(r.violations) || !(r as unknown as { passes: unknown[] }).passes.length) throw new Error('axe did not run any check');
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary, html: n.html })),
      }));
    });
    return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  const pages = (): [string, string, number][] => [
    ['首页', '/', 200],
    ['单位目录', '/units', 200],
    ['乡镇（街道）页', `/units/${TOWN}`, 200],
    ['村（社区）页', `/units/${VILLAGE}`, 200],
    ['往期（按年月）', `/units/${VILLAGE}/disclosures?year=${new Date().getFullYear()}`, 200],
    ['公开信息页', `/disclosures/${villageId}`, 200],
    ['政务公开信息页', `/disclosures/${govId}`, 200],
    ['公开目录', `/units/${VILLAGE}/catalog`, 200],
    ['公开指南（村）', `/units/${VILLAGE}/guide`, 200],
    ['公开指南（县）', '/units/321323/guide', 200],
    ['领域页', '/domains/v-cwgk', 200],
    ['领域页（政务）', '/domains/shjz', 200],
    ['搜索结果', `/search?q=${encodeURIComponent('卜湖')}`, 200],
    ['搜索无结果', `/search?q=${encodeURIComponent('查无此词甲乙丙')}`, 200],
    ['404', '/units/no-such-unit', 404],
  ];

  for (const elder of [false, true]) {
    it(`has no serious or critical axe violations on any page type (${elder ? '长辈模式' : '标准模式'}, 390×844)`, async () => {
      const { page, errors } = await phonePage(elder);
      const found: string[] = [];
      for (const [name, url, status] of pages()) {
        const res = await page.goto(`${server.url}${url}`);
        expect(res?.status(), url).toBe(status);
        if (elder) expect(await page.locator('html.elder').count(), url).toBe(1);
        const v = await axe(page);
        if (v.length) found.push(describeViolations(`${name} ${url}`, v));
      }
      if (found.length) console.error(`axe violations:\n${found.join('\n')}`);
      expect(found, found.join('\n')).toEqual([]);
      expect(errors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    });
  }

  it('reaches 卜湖社区’s current notices from the home page in at most three clicks on a phone', async () => {
    const { page, errors } = await phonePage(false);
    await page.goto(`${server.url}/`);
    let clicks = 0;
    await page
      .locator('#towns ~ ul')
      .getByRole('link', { name: /城厢街道/ })
      .click();
    clicks++;
    await page.getByRole('heading', { level: 1, name: '城厢街道' }).waitFor();
    await page.locator('#village-column').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'portal-town-phone.png'), fullPage: false });
    await page.locator('#village-column').locator('..').getByRole('link', { name: '卜湖社区', exact: true }).click();
    clicks++;
    await page.getByRole('heading', { level: 1, name: '卜湖社区' }).waitFor();
    const current = page.locator('section[aria-labelledby="current-disclosures"]');
    await current.getByRole('link', { name: '卜湖社区村民代表会议决定公开' }).waitFor();
    expect(await current.getByRole('link', { name: '卜湖社区村民代表会议决定公开' }).isVisible()).toBe(true);
    expect(clicks).toBeLessThanOrEqual(3);
    await page
      .locator('section[aria-labelledby="finance-overview"]')
      .getByRole('img', { name: /近12个月收入与支出/ })
      .waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'portal-village-phone.png'), fullPage: false });
    expect(errors).toEqual([]);
  });

  it('reaches 卜湖社区 or its notice with one search on a phone', async () => {
    const { page, errors } = await phonePage(false);
    await page.goto(`${server.url}/`);
    await page.getByRole('combobox', { name: '搜索公开信息' }).fill('卜湖');
    await page.getByRole('combobox', { name: '搜索公开信息' }).press('Enter');
    await page.waitForURL(/\/search\?/);
    const hrefs = await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(
      hrefs.some((h) => h === `/units/${VILLAGE}` || h === `/disclosures/${villageId}`),
      hrefs.join('\n'),
    ).toBe(true);
    expect(errors).toEqual([]);
  });

  it('screenshots the 公开指南', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto(`${server.url}/units/dept-mzj/guide`);
    await page.getByRole('heading', { level: 1, name: /政府信息公开指南/ }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'portal-guide.png'), fullPage: true });
  });
});
