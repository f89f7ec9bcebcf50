/**
 * Issue 19 "Done when" in Chromium against the real CLI server with the demo: a newcomer's first visit to / and to
 * 卜湖社区 shows current disclosures; the seed notice's policy page shows its metadata, an interpretation and a
 * response, and its validity changes to 已修改 when a later document amends it; 卜湖社区's clerk prints a 一封信 batch
 * from 线下公开 (the PDF read with pdftotext and rendered with pdftoppm); the county office links a published record as
 * the seed notice's 解读 in 政策文件 → 关联解读和回应.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chooseOption, demoAccount, launchBrowser, loginAdmin, SCREENSHOTS, startServer, watchErrors, type RunningServer } from './harness.ts';

describe("the county's public face in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;

  async function apiAs(username: string) {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: demoAccount(server, username).password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
    const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return async (method: string, url: string, body?: unknown) => {
      const r = await fetch(`${server.url}${url}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${text}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
  }

  type Api = Awaited<ReturnType<typeof apiAs>>;
  /** Submits, approves (a second person) and publishes a draft of the county office. */
  async function publish(officer: Api, reviewer: Api, id: string) {
    await officer('POST', `/api/v1/disclosures/${id}/submit`, {});
    await reviewer('POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve' });
    await officer('POST', `/api/v1/disclosures/${id}/publish`, {});
  }

  /** Today's China date. */
  const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

  /** A (demo) 政府办文件 notice of the county office, written and formed today, published; its disclosure id. */
  async function publishNotice(officer: Api, reviewer: Api, title: string, body: string, docNo: string) {
    const today = chinaToday();
    const d = await officer('POST', '/api/v1/policies', {
      unitCode: 'dept-zfb',
      title,
      formedOn: today,
      body,
      docNo,
      writtenOn: today,
      category: '政府办文件',
      topic: '其他',
      genre: '通知',
    });
    await publish(officer, reviewer, d.id as string);
    return d.id as string;
  }

  /** `username` signed in to the admin in a context of its own, on menu entry `menuItem`, tab `tab`. */
  async function adminTab(username: string, menuItem: string, tab: string) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await loginAdmin(server, page, username);
    await page.getByRole('menu', { name: '主菜单' }).getByText(menuItem, { exact: true }).click();
    await page.getByRole('tab', { name: tab }).click();
    return { context, page, errors };
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a newcomer's first visit to / and to 卜湖社区 shows current disclosures", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors = watchErrors(page);
    await page.goto(`${server.url}/`);
    expect(await page.locator('body').innerText()).not.toContain('暂无已发布的公开信息');
    expect(await page.getByText(/财务收支明细公开（演示）/).count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'portal-home-living-demo.png'), fullPage: false });
    await page.goto(`${server.url}/units/321323002-buhu`);
    expect(await page.getByText(/卜湖社区\d{4}年\d+月财务收支明细公开（演示）/).count()).toBeGreaterThan(0);
    expect(await page.locator('svg').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'portal-buhu-living-demo.png'), fullPage: true });
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await page.close();
  }, 120_000);

  it('the seed notice: metadata, interpretation and response, then 已修改 after a later document amends it', async () => {
    const list = (await (await fetch(`${server.url}/api/v1/policies?validity=all`)).json()) as { items: { id: string; docNo: string | null }[] };
    const seed = list.items.find((i) => i.docNo === '泗政办发〔2023〕72号')!;
    expect(seed).toBeTruthy();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/policies/${seed.id}`);
    const facts = page.getByLabel('文件信息');
    for (const text of ['01432281X/2023-00535', '泗阳县人民政府办公室', '2023年12月5日', '泗政办发〔2023〕72号', '政府办文件', '有效'])
      expect(await facts.innerText()).toContain(text);
    expect(await page.locator('.policy-chain').innerText()).toContain('文字解读');
    expect(await page.locator('.policy-chain').innerText()).toContain('回应关切');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'policy-seed-notice.png'), fullPage: false });

    // The county office issues a later (demo) document that amends the plan, and registers the change.
    const officer = await apiAs('zfb.officer');
    const reviewer = await apiAs('zfb.reviewer');
    const today = chinaToday();
    const id = await publishNotice(
      officer,
      reviewer,
      '县政府办公室关于调整村(居)务公开标准化规范化推进进度的通知（演示）',
      '<p>（演示）对泗政办发〔2023〕72号的工作进度作如下调整。</p>',
      `演示政办发〔${today.slice(0, 4)}〕99号`,
    );
    await reviewer('POST', `/api/v1/policies/${seed.id}/validity`, { to: 'amended', effectiveOn: today, byPolicyId: id, reason: '工作进度调整（演示）' });

    await page.reload();
    expect(await page.getByLabel('文件信息').innerText()).toContain('已修改');
    expect(await page.locator('[role=note]').innerText()).toContain('县政府办公室关于调整村(居)务公开标准化规范化推进进度的通知（演示）');
    expect(await page.locator('.policy-chain').innerText()).toContain('时效变为“已修改”');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'policy-seed-notice-amended.png'), fullPage: false });
    // Still 现行有效 (已修改 documents stay in force as amended).
    await page.goto(`${server.url}/policies`);
    expect(await page.locator('main').innerText()).toContain('泗政办发〔2023〕72号');
    await page.close();
  }, 120_000);

  it("卜湖社区's clerk prints a 一封信 batch from 线下公开: large-type letters signed by the community, masked, rendered", async () => {
    const { context, page, errors } = await adminTab('buhu.clerk', '线下公开', '致村（居）民一封信');
    const panel = page.getByRole('tabpanel', { name: '致村（居）民一封信' });
    // Two of the community's published records go into the letter.
    await panel.locator('.ant-select').first().click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    const titles = [((await options.nth(0).textContent()) ?? '').trim(), ((await options.nth(1).textContent()) ?? '').trim()];
    expect(titles.every(Boolean)).toBe(true);
    await options.nth(0).click();
    await options.nth(1).click();
    await page.keyboard.press('Escape');
    // 生成并打印 opens the batch in a new tab; the request it makes is the one printed.
    const asked = context.waitForEvent('request', (r) => r.url().includes('/api/v1/offline/letters.pdf'));
    await panel.getByRole('button', { name: /生成并打印/ }).click();
    const url = (await asked).url();
    expect(new URL(url).searchParams.get('unit')).toBe('321323002-buhu');
    const res = await page.request.get(url);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-letter-'));
    try {
      const file = path.join(dir, 'letter.pdf');
      fs.writeFileSync(file, await res.body());
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text).toContain('致卜湖社区居民的一封信');
      expect(text).toContain('卜湖社区的居民朋友们');
      expect(text).toContain('卜湖社区居民委员会');
      // Each record's title, as the letter prints it (wrapped lines joined again).
      for (const t of titles) expect(text).toContain(t.replace(/\s+/g, '').slice(0, 12));
      // No personal data of the demo lists reaches the letter (mobile numbers and ID numbers are masked).
      expect(text).not.toMatch(/1[3-9]\d{9}/);
      expect(text).not.toMatch(/\d{17}[\dX]/);
      // Looked at: the first page rendered in grey (PGM: a short header, then one byte a pixel) carries ink — the title
      // in large type, the text and the QR code.
      execFileSync('pdftoppm', ['-gray', '-r', '40', '-f', '1', '-singlefile', file, path.join(dir, 'page')]);
      const pgm = fs.readFileSync(path.join(dir, 'page.pgm'));
      const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 32).toString('latin1'));
      expect(header).not.toBeNull();
      const pixels = pgm.subarray(header![0].length);
      expect(pixels.length).toBe(Number(header![1]) * Number(header![2]));
      expect(pixels.filter((v) => v < 128).length).toBeGreaterThan(pixels.length * 0.005);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // 登记服务点 starts as a 便民服务点, the kind named as the server names it.
    await page.getByRole('tab', { name: '政务公开专区和便民服务点' }).click();
    await page.getByRole('button', { name: /登记服务点/ }).click();
    const pointDialog = page.getByRole('dialog', { name: '登记政务公开专区或便民服务点' });
    await pointDialog.getByText('便民服务点', { exact: true }).waitFor();
    // The admin's session check before the login answers 401.
    expect(errors.filter((e) => !/status of (401|404)/.test(e))).toEqual([]);
    await context.close();
  }, 60_000);

  it("the county office's reviewer registers a document as 已失效 from 政策文件 → 文件与时效, offered only the changes the server allows", async () => {
    const today = chinaToday();
    const title = '县政府办公室关于做好年度公开工作的通知（演示，时效）';
    await publishNotice(
      await apiAs('zfb.officer'),
      await apiAs('zfb.reviewer'),
      title,
      '<p>（演示）本通知有效期至年底。</p>',
      `演示政办发〔${today.slice(0, 4)}〕98号`,
    );
    const { context, page, errors } = await adminTab('zfb.reviewer', '政策文件', '文件与时效');
    const row = page.getByRole('row', { name: new RegExp(title.replace(/[()（）]/g, '.')) });
    expect(await row.locator('.ant-tag').last().innerText()).toBe('有效');
    await row.getByRole('button', { name: '登记时效变更' }).click();
    const dialog = page.getByRole('dialog');
    // From 有效: 已修改, 已废止 or 已失效 (policies.rules.ts VALIDITY_TRANSITIONS).
    await dialog.getByLabel('改为').click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    expect((await options.allInnerTexts()).map((t) => t.trim())).toEqual(['已修改', '已废止', '已失效']);
    await page.keyboard.press('Escape');
    await chooseOption(page, dialog.getByLabel('改为'), '已失效');
    await dialog.getByLabel('生效日期').click();
    await page.keyboard.type(today);
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await page.getByText('时效已登记').waitFor();
    // The row shows the server's words and date, and offers no further change (已失效 is final).
    await row.getByText(`已失效（${today}）`).waitFor();
    expect(await row.getByRole('button', { name: '登记时效变更' }).count()).toBe(0);
    expect(errors.filter((e) => !/status of (401|404)/.test(e))).toEqual([]);
    await context.close();
  }, 60_000);

  it("the county office's officer links a published record as the seed notice's 解读 from 政策文件 → 关联解读和回应", async () => {
    const officer = await apiAs('zfb.officer');
    const reviewer = await apiAs('zfb.reviewer');
    const today = chinaToday();
    const title = '图解：村(居)务公开标准化规范化工作怎么做（演示）';
    const d = await officer('POST', '/api/v1/disclosures', { unitCode: 'dept-zfb', title, formedOn: today, body: '<p>（演示）一图读懂推进方案。</p>' });
    await publish(officer, reviewer, d.id as string);
    const { context, page, errors } = await adminTab('zfb.officer', '政策文件', '关联解读和回应');
    const row = page.getByRole('row', { name: new RegExp(title.replace(/[()（）]/g, '.')) });
    await row.getByRole('button', { name: '作为解读关联' }).click();
    const dialog = page.getByRole('dialog');
    // The browser asks for less motion (harness.ts), and the admin honours it: the dialog stands still as it opens.
    await dialog.waitFor();
    expect(await dialog.evaluate((el) => el.closest('.ant-modal-root, body')!.getAnimations({ subtree: true }).length)).toBe(0);
    await chooseOption(page, dialog.getByLabel('解读的政策文件'), '泗政办发〔2023〕72号', '泗政办发〔2023〕72号');
    await chooseOption(page, dialog.getByLabel('解读形式'), '图解');
    await dialog.getByRole('button', { name: /关\s*联/ }).click();
    await page.getByText('已关联为解读，政策文件页面已显示').waitFor();
    await row.getByText('已关联为解读').waitFor();
    // The seed notice's page lists it in its chain.
    const list = (await (await fetch(`${server.url}/api/v1/policies?validity=all`)).json()) as { items: { id: string; docNo: string | null }[] };
    const seed = list.items.find((i) => i.docNo === '泗政办发〔2023〕72号')!;
    const chain = await page.request.get(`${server.url}/policies/${seed.id}`);
    const html = await chain.text();
    expect(html).toContain(title);
    expect(html).toContain('图解');
    expect(errors.filter((e) => !/status of (401|404)/.test(e))).toEqual([]);
    await context.close();
  }, 60_000);
});
