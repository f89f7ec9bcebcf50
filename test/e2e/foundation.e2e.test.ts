import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, watchErrors, SCREENSHOTS, type RunningServer, loginAdmin } from './harness.ts';

/** Console errors that are the browser reporting an expected HTTP status, not a page fault. */
const EXPECTED_STATUS = /Failed to load resource: the server responded with a status of (401|403)/;

describe('foundation journeys in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const onPg = !!process.env.GONGKAI_TEST_PG_URL;

  beforeAll(async () => {
    // From an empty data dir: the first start migrates and seeds the demo, as `npm start` does.
    server = await startServer({}, { fresh: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const login = (page: Page, username: string) => loginAdmin(server, page, username);

  it('portal home works without JavaScript and reaches a village in two clicks', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(server.url);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('泗阳县');
    expect(await page.title()).toContain('泗阳县');
    if (!onPg) await page.screenshot({ path: path.join(SCREENSHOTS, 'portal-home.png'), fullPage: false });
    await page.getByRole('link', { name: '城厢街道' }).first().click();
    await page.getByRole('link', { name: '卜湖社区', exact: true }).click();
    expect(await page.locator('h1').textContent()).toContain('卜湖社区');
    await ctx.close();
  });

  it('a village clerk sees only its own scope and no administration', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await login(page, 'buhu.clerk');
    const menu = page.getByRole('menu', { name: '主菜单' });
    // The role menu (app/menu.ts): a village clerk has no 组织机构, 用户与角色 or 审计日志 entry.
    await expect(menu.getByText('我的待办').count()).resolves.toBe(1);
    await expect(menu.getByText('组织机构').count()).resolves.toBe(0);
    await expect(menu.getByText('用户与角色').count()).resolves.toBe(0);
    await expect(menu.getByText('审计日志').count()).resolves.toBe(0);
    await page.getByText('卜湖社区').first().waitFor();
    // The server refuses what the menu hides, whatever the browser asks.
    const status = await page.evaluate(async () => (await fetch('/api/v1/users')).status);
    expect(status).toBe(403);
    const audit = await page.evaluate(async () => (await fetch('/api/v1/audit/events')).status);
    expect(audit).toBe(403);
    await page.goto(`${server.url}/admin/users`);
    await page.getByText('没有权限').first().waitFor();
    expect(errors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await ctx.close();
  });

  it('a county admin sees the whole county: dashboard, users and the audit log', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await login(page, 'county.admin');
    await page.getByText('县政府办管理员').first().waitFor();
    await page.waitForLoadState('networkidle');
    if (!onPg) await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-dashboard.png') });
    await page.getByRole('menu', { name: '主菜单' }).getByText('用户与角色').click();
    await page.getByText('buhu.clerk').first().waitFor();
    await expect(page.getByText('wangsanzhuang.clerk').count()).resolves.toBeGreaterThan(0);
    await page.getByRole('menu', { name: '主菜单' }).getByText('审计日志').click();
    await page.getByRole('button', { name: /校验哈希链/ }).click();
    await page
      .getByText(/校验通过|哈希链完整|完整/)
      .first()
      .waitFor();
    await page.getByRole('menu', { name: '主菜单' }).getByText('工作日历').click();
    await page.getByText('2026').first().waitFor();
    expect(errors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await ctx.close();
  });
});
