/**
 * Issue 18's "done when" in Chromium against the real CLI server (Siyang demo): a 2025 finance statement of 卜湖社区
 * whose display ended is filed from the queue into the 2025 volume with its class and retention; a villager's visit
 * to the reading point is registered (name and phone hidden in the register) and the month's 登记簿 printed; a town
 * officer inspects a board with stray advertisements, the 整改通知 reaches the village, the clerk responds with a
 * photo, the officer's re-check closes it.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoAccount, launchBrowser, loginAdmin, shiftPublication, startServer, watchErrors, SCREENSHOTS, type RunningServer } from './harness.ts';

const EXPECTED_STATUS = /Failed to load resource: the server responded with a status of 401/;
const VILLAGE = '321323002-buhu';
const TITLE = '2025年第四季度财务收支情况（归档）';
/** A 1×1 PNG: the clerk's photo of the cleaned board. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

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

describe('档案 (issue 18) in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const onPg = !!process.env.GONGKAI_TEST_PG_URL;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const clerk = await apiAs(server, 'buhu.clerk');
    const supervisor = await apiAs(server, 'buhu.supervisor');
    const d = await clerk('POST', '/api/v1/disclosures', {
      unitCode: VILLAGE,
      itemKey: 'vil:szxq',
      period: '2025-Q4',
      title: TITLE,
      formedOn: '2025-12-31',
      body: '<p>本季度收入12,000元，支出8,500元。</p>',
    });
    const id = d.id as string;
    await clerk('POST', `/api/v1/disclosures/${id}/submit`, {});
    await supervisor('POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve', comment: '同意公开' });
    await clerk('POST', `/api/v1/disclosures/${id}/publish`, {});
    // Its display period ended long ago: it is 往期 and waits in the filing queue.
    await shiftPublication(server, id, 300);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(username: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await loginAdmin(server, page, username);
    return { page, errors, close: () => ctx.close() };
  }
  const menu = (page: Page) => page.getByRole('menu', { name: '主菜单' });

  it('the archivist files the ended 2025 finance statement into the 2025 volume, then registers and prints a visit', async () => {
    const { page, errors, close } = await open('buhu.archivist');
    await menu(page).getByText('档案管理', { exact: true }).click();
    await page.getByRole('tab', { name: '待归档' }).click();
    const row = page.getByRole('row', { name: new RegExp(TITLE.replace(/[()（）]/g, '.')) });
    await row.getByText('2025 年 · 05 集体财务账目（30年）').waitFor();
    await row.getByRole('button', { name: /归\s*档/ }).click();
    const filed = page.getByText(/已归档，档号 321323002-buhu-2025-05-\d{4}/);
    await filed.waitFor();
    const code = /321323002-buhu-2025-05-\d{4}/.exec((await filed.textContent()) ?? '')![0];

    await menu(page).getByText('查阅点与库房', { exact: true }).click();
    await page.getByRole('button', { name: '登记查阅' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('查阅人姓名').fill('王秀英');
    await dialog.getByLabel('联系电话').fill('13912345678');
    await dialog.getByLabel('查阅的档案（从档案目录中选）').click();
    await page.keyboard.type(code);
    await page.locator('.ant-select-item-option', { hasText: code }).click();
    await dialog.getByLabel('查阅目的').fill('了解本社区2025年第四季度收支');
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await page.getByText('查阅已登记').waitFor();
    const visit = page.getByRole('row', { name: new RegExp(code) });
    await visit.waitFor();
    const text = (await visit.textContent()) ?? '';
    expect(text).toContain('王');
    expect(text).not.toContain('秀英');
    expect(text).not.toContain('13912345678');
    if (!onPg) await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-archives-reading.png'), fullPage: true });
    const href = await page.getByRole('link', { name: /打印本月查阅登记簿/ }).getAttribute('href');
    const pdf = await page.request.get(`${server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // The visit's own printout: the 回执 handed to the visitor hides her name and phone.
    const receipt = await page.request.get(`${server.url}${await visit.getByRole('link', { name: /回\s*执/ }).getAttribute('href')}`);
    expect(receipt.status()).toBe(200);
    const receiptText = execFileSync('pdftotext', ['-', '-'], { input: await receipt.body(), encoding: 'utf8' }).replace(/\s+/g, '');
    expect(receiptText).toContain('档案查阅回执');
    expect(receiptText).toContain(code);
    expect(receiptText).not.toContain('秀英');
    expect(receiptText).not.toContain('13912345678');
    expect(errors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await close();
  });

  it('a town officer finds stray advertisements, the village answers the 整改通知 with a photo, the re-check closes it', async () => {
    const officer = await open('chengxiang.officer');
    await menu(officer.page).getByText('公开栏巡查', { exact: true }).click();
    await officer.page.getByRole('link', { name: '演示：社区服务中心公开栏' }).click();
    await officer.page
      .getByRole('button', { name: /巡\s*查/ })
      .first()
      .click();
    const check = officer.page.getByRole('dialog');
    const ads = check.getByRole('switch', { name: '没有乱贴的小广告' });
    await check.getByText('全部合格。').waitFor();
    await ads.click();
    await check.getByText(/有 1 项不合格/).waitFor();
    expect(await ads.getAttribute('aria-checked')).toBe('false');
    await check.getByLabel('巡查意见').fill('公开栏上贴有三张小广告，请清理后拍照反馈。');
    await check.getByRole('button', { name: /提\s*交/ }).click();
    await officer.page.getByText('已记录巡查，整改通知已下发给村（社区）').waitFor();
    const boardUrl = officer.page.url();
    const finding = officer.page.getByRole('row', { name: /公开栏上贴有三张小广告/ });
    await finding.getByText('查看整改通知').waitFor();
    // The inspector's own photo of the board, uploaded through the screen, shows in the inspection's row.
    await finding.locator('input[type=file]').setInputFiles({ name: 'board-ads.png', mimeType: 'image/png', buffer: PNG });
    await officer.page.getByText('已添加巡查照片').waitFor();
    await expect.poll(() => finding.getByRole('img', { name: '巡查照片' }).count()).toBe(1);

    const clerk = await open('buhu.clerk');
    await clerk.page.goto(boardUrl);
    await clerk.page
      .getByRole('row', { name: /公开栏上贴有三张小广告/ })
      .getByText('查看整改通知')
      .click();
    await clerk.page.getByLabel('整改情况').fill('小广告已全部清理，附清理后照片。');
    await clerk.page.locator('input[type=file]').setInputFiles({ name: 'board-cleaned.png', mimeType: 'image/png', buffer: PNG });
    await clerk.page.getByText('board-cleaned.png').waitFor();
    await clerk.page.getByRole('button', { name: '提交整改情况' }).click();
    await clerk.page.getByText('待复核').first().waitFor();
    expect(clerk.errors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await clerk.close();

    await officer.page.reload();
    await officer.page
      .getByRole('row', { name: /公开栏上贴有三张小广告/ })
      .getByRole('button', { name: /复\s*查/ })
      .click();
    await officer.page.getByRole('dialog').getByLabel('巡查意见').fill('已清理干净。');
    await officer.page
      .getByRole('dialog')
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await officer.page.getByText(/已复查，整改通知：/).waitFor();
    await officer.page
      .getByRole('row', { name: /公开栏上贴有三张小广告/ })
      .getByText('已复查通过')
      .waitFor();
    await officer.page
      .getByRole('row', { name: /公开栏上贴有三张小广告/ })
      .getByText('查看整改通知')
      .click();
    await officer.page.getByText('已销号').first().waitFor();
    expect(officer.errors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await officer.close();
  });

  it("the archivist's other screens open: 鉴定与销毁 (the demo item due for appraisal), 提级管理, 档案分类方案 (read-only in the village)", async () => {
    const { page, errors, close } = await open('buhu.archivist');
    await menu(page).getByText('鉴定与销毁', { exact: true }).click();
    await page.getByRole('heading', { name: '鉴定与销毁' }).waitFor();
    await page.getByRole('button', { name: '提出销毁清单' }).click();
    await page.getByRole('dialog').getByText('演示：1994年集体财务账簿（保管期满待鉴定）').waitFor();
    if (!onPg) await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-archives-destruction.png'), fullPage: true });
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await menu(page).getByText('提级管理', { exact: true }).click();
    await page.getByRole('heading', { name: '提级管理（档案移交）' }).waitFor();
    await menu(page).getByText('档案分类方案', { exact: true }).click();
    await page.getByRole('cell', { name: '集体财务账目' }).waitFor();
    await page.getByText('分类方案和档案设置由县级（县政府办或县档案管理员）维护，这里可以查看。').waitFor();
    expect(await page.getByRole('button', { name: '新增类别' }).count()).toBe(0);
    expect(errors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await close();
  });
});
