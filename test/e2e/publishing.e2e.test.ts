import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chooseOption, launchBrowser, loginAdmin, SCREENSHOTS, shiftPublication, startServer, watchErrors, type RunningServer } from './harness.ts';

/** Console errors that are the browser reporting an expected HTTP status, not a page fault. */
const EXPECTED_STATUS = /Failed to load resource: the server responded with a status of (401|403|404|409)/;

function requirePdftoppm(): void {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
  } catch {
    throw new Error('pdftoppm is missing: install poppler-utils (apt-get install poppler-utils) to render the notice PDF in this test');
  }
}

describe('publishing journey in Chromium: draft → PII mask → committee review → publish → print → archive → correction', () => {
  let server: RunningServer;
  let browser: Browser;
  const onPg = !!process.env.GONGKAI_TEST_PG_URL;
  const contexts: BrowserContext[] = [];
  let id = '';

  beforeAll(async () => {
    requirePdftoppm();
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function loginAs(username: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; errors: string[] }> {
    const ctx = await browser.newContext({ viewport });
    contexts.push(ctx);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await loginAdmin(server, page, username);
    return { page, errors };
  }

  const pageErrors = (errors: string[]) => errors.filter((e) => !EXPECTED_STATUS.test(e));

  it('a village clerk drafts a 村民代表会议决定, masks the mobile number with one click and submits', async () => {
    const { page, errors } = await loginAs('buhu.clerk');
    // The dashboard opens with the to-do card.
    await page.getByText('我的待办').first().waitFor();
    await page.getByRole('menu', { name: '主菜单' }).getByText('我的待办').click();
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    await page
      .getByRole('button', { name: /去填写/ })
      .first()
      .waitFor();
    await page.waitForLoadState('networkidle');
    if (!onPg) await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-todo.png') });

    await page.goto(`${server.url}/admin/disclosures/new`);
    await page.getByText('第一步：选择要公开的事项').waitFor();
    await chooseOption(page, page.locator('#item'), '村民代表会议的决定', '村民代表会议');
    await page.getByRole('button', { name: /下一步：填写内容/ }).click();

    const title = page.locator('#title');
    await expect(title.inputValue()).resolves.toContain('卜湖社区');
    await title.fill('卜湖社区村民代表会议决定公开');
    await page
      .locator('#text')
      .fill('2026年11月20日，卜湖社区召开村民代表会议，应到35人，实到32人。\n会议表决通过：修缮社区东侧道路，预算8万元。\n联系人：王主任，电话13812345678。');
    await page.getByRole('button', { name: /下一步：检查个人信息/ }).click();

    await page.getByText('发现 1 处个人信息还没有处理').waitFor();
    await page.getByText('138****5678').first().waitFor();
    await expect(page.getByRole('button', { name: /提交审核/ }).isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: /一键遮盖/ }).click();
    await page.getByText('个人信息已全部处理。').waitFor();
    await page.getByRole('button', { name: /提交审核/ }).click();
    await page.waitForURL(/\/admin\/disclosures\/[0-9a-f-]{36}$/);
    id = /\/disclosures\/([0-9a-f-]{36})$/.exec(page.url())![1];
    await page.getByText('待审核').first().waitFor();
    expect(pageErrors(errors)).toEqual([]);
  });

  it('the 村务监督委员会 member approves it from the review queue; the clerk publishes it', async () => {
    const sup = await loginAs('buhu.supervisor');
    await sup.page.getByRole('menu', { name: '主菜单' }).getByText('审核队列').click();
    await sup.page.getByText('卜湖社区村民代表会议决定公开').waitFor();
    await sup.page
      .getByRole('button', { name: /去审核/ })
      .first()
      .click();
    const approve = sup.page.getByRole('button', { name: /村务监督委员会审核：同意公开/ });
    await approve.waitFor();
    // The public preview shows the masked number; the original stays in the staff tab.
    await sup.page.getByText('联系人：王主任，电话138****5678').first().waitFor();
    await sup.page.waitForLoadState('networkidle');
    if (!onPg) await sup.page.screenshot({ path: path.join(SCREENSHOTS, 'admin-disclosure-review.png'), fullPage: true });
    // Returning without a comment is refused in plain words.
    await sup.page.getByRole('button', { name: /退回修改/ }).click();
    await sup.page.getByText('退回时请写明需要修改的地方').waitFor();
    await approve.click();
    await sup.page.getByText('审核通过，待发布').first().waitFor();
    expect(pageErrors(sup.errors)).toEqual([]);

    const clerk = await loginAs('buhu.clerk');
    await clerk.page.goto(`${server.url}/admin/disclosures/${id}`);
    await clerk.page.getByRole('button', { name: '立即发布' }).click();
    await clerk.page.getByText('打印公告 A4').waitFor();
    await clerk.page.getByText('公示中').first().waitFor();
    expect(pageErrors(clerk.errors)).toEqual([]);
  });

  it('the public page shows the masked number on a phone, and the notice PDF renders to a non-blank PNG', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, deviceScaleFactor: 2 });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto(`${server.url}/disclosures/${id}`);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).toContain('卜湖社区村民代表会议决定公开');
    expect(text).toContain('138****5678');
    expect(text).not.toContain('13812345678');
    if (!onPg) await page.screenshot({ path: path.join(SCREENSHOTS, 'portal-disclosure.png'), fullPage: true });

    const res = await page.request.get(`${server.url}/api/v1/disclosures/${id}/notice.pdf?size=A4`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-notice-'));
    try {
      fs.writeFileSync(path.join(dir, 'notice.pdf'), await res.body());
      execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-singlefile', path.join(dir, 'notice.pdf'), path.join(dir, 'page')]);
      const png = fs.readFileSync(path.join(dir, 'page.png'));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      // Count dark pixels with the browser's own PNG decoder.
      const dark = await page.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        const px = g.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < px.length; i += 4) if (px[i] + px[i + 1] + px[i + 2] < 384) n++;
        return { n, total: px.length / 4 };
      }, png.toString('base64'));
      expect(dark.n).toBeGreaterThan(dark.total * 0.002);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('after the display period the public page says 往期公开; a correction the supervisor proposes and a second committee member approves shows 已更正 and its reason', async () => {
    await shiftPublication(server, id, 30);
    const pub = await browser.newContext({ viewport: { width: 390, height: 844 } });
    contexts.push(pub);
    const page = await pub.newPage();
    await page.goto(`${server.url}/disclosures/${id}`);
    expect(await page.locator('body').textContent()).toContain('往期公开');

    const sup = await loginAs('buhu.supervisor');
    await sup.page.goto(`${server.url}/admin/disclosures/${id}`);
    await sup.page.getByRole('button', { name: /更\s*正/ }).click();
    const dialog = sup.page.getByRole('dialog');
    await dialog.getByLabel('更正理由（公开）').fill('会议日期写错，应为2026年11月19日');
    const body = dialog.getByLabel('正文（每行一段）');
    await body.fill((await body.inputValue()).replace('2026年11月20日', '2026年11月19日'));
    await dialog.getByRole('button', { name: /提交更正审核/ }).click();
    // Two-person sign-off: the proposer cannot approve the correction; a second committee member does.
    await sup.page.getByText('待审核的更正（第 2 版）').waitFor();
    await sup.page.getByText('您起草过这项更正').waitFor();
    expect(pageErrors(sup.errors)).toEqual([]);
    const chair = await loginAs('buhu.chair');
    await chair.page.goto(`${server.url}/admin/disclosures/${id}`);
    await chair.page.getByRole('button', { name: /同意更正/ }).click();
    await chair.page.getByText('已更正（第 2 版）').waitFor();
    expect(pageErrors(chair.errors)).toEqual([]);

    await page.reload();
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).toContain('已更正');
    expect(text).toContain('会议日期写错，应为2026年11月19日');
    expect(text).not.toContain('13812345678');
  });
});
