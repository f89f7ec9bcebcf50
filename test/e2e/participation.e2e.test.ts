/**
 * 公众参与 end to end in Chromium: a villager on a phone (no JavaScript) comments on one article of the open demo
 * consultation; the 民政局 officer sees the comment, anchored to that article and waiting for moderation, in the
 * admin. The officer then selects the participants of the demo hearing on its admin page and publishes the list; the
 * portal shows it with surnames only.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, loginAdmin, startServer, watchErrors, SCREENSHOTS, type RunningServer } from './harness.ts';

/** The login page asks /api/v1/me before anyone has logged in: a 401 the browser reports, not a fault. */
const EXPECTED = /status of 401/;
const TITLE = '关于《泗阳县困难老年人养老服务补贴办法（征求意见稿）》公开征求意见的公告（演示）';

describe('公众参与 in Chromium', () => {
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

  it('a villager comments on a clause on the portal; the officer sees it in the admin, then publishes a hearing list', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const villager = await phone.newPage();
    await villager.goto(`${server.url}/participation`);
    await villager
      .getByRole('link', { name: /泗阳县困难老年人养老服务补贴办法/ })
      .first()
      .click();
    await villager.getByLabel('针对哪一条').selectOption({ label: '第三条' });
    const words = `建议服务券也能在村卫生室使用（浏览器测试${Date.now()}）`;
    await villager.getByLabel(/您的意见/).fill(words);
    const question = (await villager.locator('label[for="checkAnswer"]').textContent()) ?? '';
    const [, a, b] = /(\d+) 加 (\d+)/.exec(question)!;
    await villager.getByLabel(/验证题/).fill(String(Number(a) + Number(b)));
    await villager.getByRole('button', { name: '提交意见' }).click();
    expect(await villager.getByRole('status').textContent()).toContain('意见已提交');
    await villager.screenshot({ path: path.join(SCREENSHOTS, 'participation-portal-comment.png'), fullPage: false });
    await phone.close();

    const desk = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const officer = await desk.newPage();
    const errors = watchErrors(officer);
    await loginAdmin(server, officer, 'mzj.officer');
    await officer.getByRole('menuitem', { name: '公众参与' }).click();
    await officer.getByRole('link', { name: TITLE }).click();
    const item = officer.locator('.ant-list-item', { hasText: words });
    await item.waitFor();
    expect(await item.textContent()).toContain('第三条');
    await item.getByRole('button', { name: /^发\s*布$/ }).waitFor();
    await officer.screenshot({ path: path.join(SCREENSHOTS, 'participation-admin-consultation.png'), fullPage: false });

    // The demo hearing: select both registrations, publish the list; the portal shows surnames only.
    await officer.getByRole('menuitem', { name: '公众参与' }).click();
    await officer.getByRole('tab', { name: '听证会和座谈会' }).click();
    await officer.getByRole('link', { name: /城乡低保边缘家庭认定办法听证会/ }).click();
    await officer.getByRole('checkbox', { name: '选择孙立华' }).check();
    await officer.getByRole('checkbox', { name: '选择周海燕' }).check();
    await officer.getByRole('button', { name: /保存选定（2\/20人）/ }).click();
    await expect.poll(() => officer.locator('.ant-tag', { hasText: '已选定' }).count()).toBe(2);
    await officer.getByRole('button', { name: '公布参加人名单' }).click();
    await officer.locator('.ant-tag', { hasText: '参加人名单已公布' }).waitFor();
    await officer.screenshot({ path: path.join(SCREENSHOTS, 'participation-admin-hearing.png'), fullPage: false });
    expect(errors.filter((e) => !EXPECTED.test(e))).toEqual([]);
    await desk.close();

    const phone2 = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const reader = await phone2.newPage();
    await reader.goto(`${server.url}/participation`);
    await reader.getByRole('link', { name: /城乡低保边缘家庭认定办法听证会/ }).click();
    const list = reader.locator('section[aria-labelledby="e-list"]');
    expect(await list.textContent()).toContain('孙**（居民代表（演示））');
    expect(await list.textContent()).not.toContain('孙立华');
    await phone2.close();
  });
});
