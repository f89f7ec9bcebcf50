/**
 * The 公开督查 dashboard in Chromium against the real CLI server (Siyang demo): 卜湖社区 publishes two
 * records through the API (one late finance statement, one decision on time); the county admin drills
 * down county → 城厢街道 → 卜湖社区 and opens the evidence of an obligation. Screenshots in docs/screenshots/.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { demoAccount, launchBrowser, loginAdmin, startServer, watchErrors, SCREENSHOTS, type RunningServer } from './harness.ts';

const EXPECTED_STATUS = /Failed to load resource: the server responded with a status of 401/;

/** A logged-in API client of the running server (cookie session + CSRF header). */
async function apiAs(server: RunningServer, username: string) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoAccount(server, username).password }),
  });
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

function today(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

describe('公开督查 dashboard drill-down in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const clerk = await apiAs(server, 'buhu.clerk');
    const supervisor = await apiAs(server, 'buhu.supervisor');
    const year = Number(today().slice(0, 4));
    const publish = async (payload: Record<string, unknown>) => {
      const d = await clerk('POST', '/api/v1/disclosures', { unitCode: '321323002-buhu', formedOn: today(), body: '<p>详见公开栏。</p>', ...payload });
      await clerk('POST', `/api/v1/disclosures/${d.id}/submit`, {});
      await supervisor('POST', `/api/v1/disclosures/${d.id}/review`, { decision: 'approve', comment: '同意公开' });
      await clerk('POST', `/api/v1/disclosures/${d.id}/publish`, {});
    };
    await publish({ itemKey: 'vil:szxq', period: `${year}-Q1`, title: `${year}年第一季度财务收支情况` });
    await publish({ itemKey: 'vil:hyjd', title: '村民代表会议关于修建村内道路的决定' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('county → town → village, with charts, overdue list with contacts, and one obligation’s evidence', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await loginAdmin(server, page, 'county.admin');
    await page.getByRole('menu', { name: '主菜单' }).getByText('公开督查').click();
    await page.getByRole('heading', { name: '泗阳县 · 公开督查' }).waitFor();
    await page.getByText('按时公开率').first().waitFor();
    const town = page.getByRole('row', { name: /城厢街道/ });
    await town.getByRole('button', { name: '查看下级' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'compliance-county.png'), fullPage: true });

    await page.getByRole('tab', { name: '图表' }).click();
    await expect(page.locator('.gk-chart svg[role="img"]').count()).resolves.toBe(3);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'compliance-charts.png'), fullPage: true });
    await page.getByRole('tab', { name: /逾期未公开/ }).click();
    await page.getByRole('columnheader', { name: '联系人 / 电话' }).waitFor();
    await page.getByRole('tab', { name: '网站栏目检查' }).click();
    // 互动回应差 is checked from 政民互动's messages (either outcome, depending on the demo's dates).
    await page
      .getByText(/超过3个月未答复/)
      .first()
      .waitFor();
    await expect(page.getByText('暂不能检查：互动交流：留言超过3个月未回应').count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'compliance-website.png'), fullPage: true });

    await page.getByRole('tab', { name: '下属单位' }).click();
    await town.getByRole('button', { name: '查看下级' }).click();
    await page.getByRole('heading', { name: '城厢街道 · 公开督查' }).waitFor();
    const buhu = page.getByRole('row', { name: /卜湖社区/ });
    await buhu.waitFor();
    expect(await buhu.innerText()).toMatch(/%/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'compliance-town.png'), fullPage: true });

    await buhu.getByRole('button', { name: '逐项明细' }).click();
    await page.getByRole('heading', { name: '卜湖社区 · 逐项明细' }).waitFor();
    await page.getByText('经办人：卜湖社区经办人').waitFor();
    // A published finance statement with no board photo (or published late) is listed under 需要处理
    // with its evidence. The demo's statements are monthly and dated from today, so no month is named.
    const late = page
      .getByRole('row')
      .filter({ hasText: '财务收支详情' })
      .filter({ hasText: /逾期公开|公开栏未留痕/ })
      .filter({ hasText: /\d{4}-\d{2}-\d{2} 公开/ })
      .first();
    await late.waitFor();
    await late.click();
    await page.getByText('据以判断的公开记录').waitFor();
    await page.getByText('没有张贴照片').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'compliance-unit.png'), fullPage: true });

    await page.getByRole('button', { name: '返回' }).click();
    await page.getByRole('heading', { name: '城厢街道 · 公开督查' }).waitFor();
    await page.getByRole('button', { name: '返回上级' }).click();
    await page.getByRole('heading', { name: '泗阳县 · 公开督查' }).waitFor();
    expect(errors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await ctx.close();
  });

  it('a village clerk sees only their own unit; another unit is not found', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await loginAdmin(server, page, 'buhu.clerk', 'attached');
    await page.goto(`${server.url}/admin/compliance`);
    await page.getByRole('heading', { name: '卜湖社区 · 公开督查' }).waitFor();
    await page.goto(`${server.url}/admin/compliance/units/321323106211`);
    await page.getByText('无法读取该单位的督查明细').waitFor();
    await page.getByText(/不在您的管辖范围内/).waitFor();
    await ctx.close();
  });
});
