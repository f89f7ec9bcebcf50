import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, loginAdmin, startServer, watchErrors, SCREENSHOTS, type RunningServer } from './harness.ts';

const EXPECTED_STATUS = /Failed to load resource: the server responded with a status of 401/;
const CELLS: [string, string][] = [
  ['规章', '本年制发件数'],
  ['规章', '本年废止件数'],
  ['规章', '现行有效件数'],
  ['行政规范性文件', '本年制发件数'],
  ['行政规范性文件', '本年废止件数'],
  ['行政规范性文件', '现行有效件数'],
  ['行政许可', '本年处理决定数量'],
  ['行政处罚', '本年处理决定数量'],
  ['行政强制', '本年处理决定数量'],
  ['行政事业性收费', '本年收费金额（单位：万元）'],
];

describe('annual report screens in Chromium', () => {
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

  it('a department officer registers a review case, completes last year’s report until the checks pass and hands it to publishing', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await loginAdmin(server, page, 'mzj.officer');
    const menu = page.getByRole('menu', { name: '主菜单' });
    const year = new Date().getFullYear() - 1;

    // 复议诉讼: register a review case filed last year, still pending.
    await menu.getByText('复议诉讼').click();
    await page.getByText('没有记录').waitFor();
    await page.getByRole('button', { name: /登记案件/ }).click();
    const form = page.getByRole('dialog', { name: '登记复议诉讼案件' });
    await form.getByLabel('案号').fill(`泗政复〔${year}〕3号`);
    await form.getByLabel('复议机关或审理法院').fill('泗阳县人民政府');
    await form.getByLabel('申请复议或起诉日期').fill(`${year}-05-06`);
    await form.getByLabel('申请复议或起诉日期').press('Enter');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.waitFor({ state: 'hidden' });
    await page.getByRole('row', { name: new RegExp(`泗政复〔${year}〕3号.*尚未审结`) }).waitFor();

    // 年度报告: table 四 already counts it; table 二 is empty, so the check fails and names the cells.
    await menu.getByText('年度报告').click();
    await page.getByText(`泗阳县民政局${year}年政府信息公开工作年度报告`).waitFor();
    await page.getByText(/一致性检查未通过（1项）/).waitFor();
    const t4 = page.getByRole('table', { name: /表四/ });
    await expect(t4.locator('tbody td').nth(3).textContent()).resolves.toBe('1');
    await expect(page.getByRole('button', { name: /提交发布/ }).isDisabled()).resolves.toBe(true);

    await page.getByLabel('一、总体情况').fill(`${year}年，县民政局认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开社会救助等信息。`);
    await page.getByLabel('五、存在的主要问题及改进情况').fill('政策解读形式较为单一，下一步将增加图解、视频解读。');
    for (const [i, [row, col]] of CELLS.entries()) {
      await page.getByLabel(`${row} ${col}`, { exact: true }).fill(row === '行政事业性收费' ? '1.25' : String(i));
      await page.getByLabel(`${row} ${col} 数据来源`).fill('局法制科台账');
    }
    await page.getByLabel('信息处理费（元）').fill('0');
    await page.getByLabel('信息处理费来源').fill('非税收入缴款记录');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('表二、表三、表四的一致性检查全部通过').waitFor();
    if (!onPg) await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-annual-report.png'), fullPage: true });

    await page.getByRole('button', { name: /提交发布/ }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '提交发布年度报告' });
    await confirm.getByRole('button', { name: /提交发布/ }).click();
    await page.getByText('已提交发布').waitFor();
    await expect(page.getByLabel('一、总体情况').count()).resolves.toBe(0);

    // The draft is not yet under review: the officer may reopen the report and hand it over again.
    await page.getByRole('button', { name: '撤回修改' }).click();
    await page.getByRole('dialog').filter({ hasText: '公开内容草稿尚未送审时' }).getByRole('button', { name: '撤回修改' }).click();
    await page.getByLabel('一、总体情况').waitFor();
    await page.getByLabel('六、其他需要报告的事项').fill('无。');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').first().waitFor();
    await page.getByRole('button', { name: /提交发布/ }).click();
    await page
      .getByRole('dialog')
      .filter({ hasText: '提交发布年度报告' })
      .getByRole('button', { name: /提交发布/ })
      .click();
    await page.getByText('已提交发布').waitFor();
    await page.getByText('查看公开内容').click();
    await page.getByText(`泗阳县民政局${year}年政府信息公开工作年度报告`).first().waitFor();
    await page.getByText('三、本年度办理结果').first().waitFor();

    expect(errors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await ctx.close();
  }, 120_000);
});
