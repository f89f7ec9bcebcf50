import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, watchErrors, type RunningServer, loginAdmin } from './harness.ts';

/** Console errors that are the browser reporting an expected HTTP status, not a page fault. */
const EXPECTED_STATUS = /Failed to load resource: the server responded with a status of (400|401)/;

describe('catalog screens in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const login = (page: Page, username: string) => loginAdmin(server, page, username);

  it('a county admin edits a draft, publishes it with a reason and sees the change in the diff', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await login(page, 'county.admin');
    await page.getByRole('menu', { name: '主菜单' }).getByText('公开目录').click();
    await page.getByText('全部领域').waitFor();
    await page.getByRole('tab', { name: '版本管理' }).click();
    await page.getByRole('button', { name: /新建草稿/ }).click();
    await page.getByText('这是草稿').waitFor();

    await page.getByRole('button', { name: '修改 政策文件' }).first().click();
    const drawer = page.getByRole('dialog', { name: /修改事项/ });
    await drawer.getByLabel('公开时限').fill('信息形成或者变更之日起15个工作日内');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('事项已保存').waitFor();

    await page
      .getByRole('button', { name: /发\s*布/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog').filter({ hasText: '调整原因' });
    await dialog.getByLabel('调整原因').fill('缩短户籍管理政策文件的公开时限');
    await dialog.getByRole('button', { name: /发\s*布/ }).click();
    await page.locator('.ant-modal-confirm-title', { hasText: '确认发布第 2 版' }).waitFor();
    await page.getByRole('button', { name: /确认发布/ }).click();
    await page.getByText('第 2 版已发布').waitFor();

    const row2 = page.getByRole('row').filter({ hasText: '第 2 版' });
    await row2.getByText('现行').waitFor();
    await expect(row2.getByText('缩短户籍管理政策文件的公开时限').count()).resolves.toBe(1);
    await page.getByRole('row').filter({ hasText: '第 1 版' }).getByText('已替代').waitFor();

    await page.getByRole('button', { name: /对\s*比/ }).click();
    const result = page.getByLabel('对比结果');
    await result.getByText('修改的内容').waitFor();
    await expect(result.locator('.ant-tag', { hasText: '公开时限' }).count()).resolves.toBe(1);
    await expect(result.getByText('信息形成或者变更之日起15个工作日内').count()).resolves.toBe(1);
    expect(errors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await ctx.close();
  });

  it('a village clerk sees its unit catalog and at least one obligation with a due date', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await login(page, 'buhu.clerk');
    await page.getByRole('menu', { name: '主菜单' }).getByText('本单位目录与期限').click();
    await page.getByRole('heading', { name: '卜湖社区' }).waitFor();
    await page.getByText('截止日期').first().waitFor();
    const dates = await page.locator('.ant-table-row td').allTextContents();
    expect(dates.some((t) => /\d{4}-\d{2}-\d{2}（周/.test(t))).toBe(true);
    await expect(page.getByRole('tab', { name: /^适用事项/ }).count()).resolves.toBe(1);
    expect(errors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await ctx.close();
  });
});
