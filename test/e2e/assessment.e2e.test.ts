import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chooseOption, launchBrowser, loginAdmin, SCREENSHOTS, startServer, watchErrors, type RunningServer } from './harness.ts';

/** The login page asks /api/v1/me before anyone has logged in: a 401 the browser reports, not a fault. */
const EXPECTED_STATUS = /Failed to load resource: the server responded with a status of 401/;

describe('assessment, rectification and rollout in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const onPg = !!process.env.GONGKAI_TEST_PG_URL;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
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

  it("a county admin opens the year's assessment, a village's score card, and records a manual score with evidence", async () => {
    const { page, errors, close } = await open('county.admin');
    await menu(page).getByText('考评', { exact: true }).click();
    await page.getByText('考评进行中：得分随监测数据实时变化').waitFor();
    // The server-rendered chart of results has loaded.
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('img[alt="考评结果分布图"]');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    if (!onPg) await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-assessment.png'), fullPage: true });
    await page.getByRole('tab', { name: '村（社区）镇内排名' }).click();
    await page.getByRole('tabpanel').getByRole('link', { name: '卜湖社区', exact: true }).click();
    await page.getByText('卜湖社区考评得分卡').waitFor();
    const row = page.getByRole('row', { name: /工作机制与台账（人工评分）/ });
    await row.getByText('待录入').waitFor();
    await row.getByRole('button', { name: '录入' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('得分比例').fill('85');
    await dialog.getByLabel('链接地址').fill('/units/321323002-buhu');
    await dialog.getByLabel('链接说明').fill('公开栏和台账检查记录');
    await dialog.getByRole('button', { name: '添加链接' }).click();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await row.getByText('8.50 / 10').waitFor();
    await row.getByRole('link', { name: /公开栏和台账检查记录/ }).waitFor();
    // Measured indicators link to the unit's compliance details.
    await page
      .getByRole('row', { name: /按时公开/ })
      .getByRole('link', { name: /本单位公开监测明细/ })
      .waitFor();
    if (!onPg) await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-score-card.png'), fullPage: true });
    expect(errors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await close();
  });

  it('rectification: the county issues an order, the village responds with evidence, the county closes it', async () => {
    const admin = await open('county.admin');
    await menu(admin.page).getByText('整改通知', { exact: true }).click();
    await admin.page.getByRole('button', { name: '下发整改通知' }).click();
    const dialog = admin.page.getByRole('dialog');
    await chooseOption(admin.page, dialog.getByLabel('整改单位'), '卜湖社区', '卜湖');
    await dialog.getByLabel('整改事项').fill('公开栏内容未按要求更新');
    await dialog.getByLabel('发现的问题和整改要求').fill('检查发现公开栏第三季度财务公开内容缺失，请补充张贴并上传照片。');
    await dialog.getByRole('button', { name: /下\s*发/ }).click();
    await admin.page.getByText('处理经过').waitFor();
    const detailUrl = admin.page.url();
    await admin.page.getByText('待整改').first().waitFor();

    const clerk = await open('buhu.clerk');
    await menu(clerk.page).getByText('整改通知', { exact: true }).click();
    await clerk.page.getByRole('link', { name: '公开栏内容未按要求更新' }).click();
    await clerk.page.getByLabel('整改情况').fill('已于今日补充张贴第三季度财务公开内容，并拍照留存。');
    await clerk.page.getByLabel('链接地址').fill('https://example.org/buhu-board.jpg');
    await clerk.page.getByLabel('链接说明').fill('公开栏照片');
    await clerk.page.getByRole('button', { name: '添加链接' }).click();
    await clerk.page.getByRole('button', { name: '提交整改情况' }).click();
    await clerk.page.getByText('待复核').first().waitFor();
    expect(clerk.errors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await clerk.close();

    await admin.page.goto(detailUrl);
    await admin.page.getByText('单位反馈整改情况').waitFor();
    await admin.page.getByRole('link', { name: /公开栏照片/ }).waitFor();
    await admin.page.getByLabel('复核意见').fill('已核实，整改到位。');
    await admin.page.getByRole('button', { name: '复核通过并销号' }).click();
    await admin.page.getByText('已销号').first().waitFor();
    await admin.page.getByText('复核通过并销号').first().waitFor();
    if (!onPg) await admin.page.screenshot({ path: path.join(SCREENSHOTS, 'admin-rectification.png'), fullPage: true });
    expect(admin.errors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await admin.close();
  });

  it('the county sees rollout progress by batch with demo facts marked', async () => {
    const { page, errors, close } = await open('county.admin');
    await menu(page).getByText('标准化推进', { exact: true }).click();
    await page.getByText('第一批：市级试点').first().waitFor();
    await page.getByText(/演示数据，不代表县政府公布的试点名单/).waitFor();
    await page.getByRole('link', { name: '东光社区' }).waitFor();
    if (!onPg) await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-rollout.png'), fullPage: true });
    await chooseOption(page, page.getByLabel('按批次筛选'), '第一批：市级试点');
    await page.getByRole('link', { name: '卜湖社区' }).click();
    await page.getByText('卜湖社区标准化检查清单').waitFor();
    await page.getByRole('dialog').getByText('已安排专人管理公开栏').waitFor();
    expect(errors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await close();
  });
});
