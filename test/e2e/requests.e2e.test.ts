/**
 * 依申请公开 end to end in Chromium: a visitor files an online application on a phone; the officer confirms
 * receipt, asks for a correction, records the corrected application, consults a third party and records
 * the reply, drafts the answer; the reviewer approves it; the applicant opens the tracking page and
 * downloads the answer letter.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chooseOption, demoAccount, launchBrowser, loginAdmin, SCREENSHOTS, startServer, watchErrors, type RunningServer } from './harness.ts';

/** The login page asks /api/v1/me before anyone has logged in: a 401 the browser reports, not a fault. */
const EXPECTED = /status of 401/;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** Today and tomorrow in China (the server's dates). */
function chinaDay(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

describe('依申请公开 in Chromium', () => {
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

  /** Opens an action's modal from the case page, lets `fill` complete it and confirms. */
  async function act(page: Page, button: string | RegExp, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void> = async () => {}) {
    await page.getByRole('button', { name: button }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await fill(dialog);
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialogClosed(dialog);
  }

  /**
   * The dialog closes once the server has said yes; a refusal stays in it as an alert. Polls for the closed dialog
   * and, while it is open, reports what it shows, so a failure names the server's answer instead of a bare timeout.
   */
  async function dialogClosed(dialog: ReturnType<Page['getByRole']>) {
    await expect
      .poll(async () => ((await dialog.count()) === 0 ? 'closed' : (await dialog.getByRole('alert').allInnerTexts()).join(' | ') || 'open, no message'), {
        timeout: 30_000,
      })
      .toBe('closed');
  }

  it('online application → handling with a clarification and a third-party consultation → the applicant downloads the answer', async () => {
    // 1. The visitor, on a phone, without any help from JavaScript.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const visitor = await phone.newPage();
    await visitor.goto(`${server.url}/units/dept-mzj/guide`);
    await visitor.getByRole('link', { name: '在线向泗阳县民政局提交申请' }).click();
    await visitor.getByLabel('向哪个机关申请').selectOption('dept-mzj');
    await visitor.getByLabel('姓名或单位名称').fill('李四');
    await visitor.getByLabel('证件号码').fill('321323199202021234');
    await visitor.getByLabel('联系电话').fill('13900000000');
    await visitor.getByLabel('电子邮箱').fill('lisi@example.org');
    await visitor.getByLabel('身份证明文件（照片或扫描件）').setInputFiles({ name: 'id.png', mimeType: 'image/png', buffer: PNG });
    await visitor.getByLabel('所需政府信息的名称或内容描述').fill('养老服务补贴的文件');
    const question = (await visitor.locator('label[for="checkAnswer"]').textContent()) ?? '';
    const [, a, b] = /(\d+) 加 (\d+)/.exec(question)!;
    // A wrong answer first: the form comes back with the values kept and a clear message.
    await visitor.getByLabel(/请计算/).fill(String(Number(a) + Number(b) + 1));
    await visitor.getByRole('button', { name: '提交申请' }).click();
    await visitor.getByRole('alert').filter({ hasText: '验证题答案不正确，请重新计算后填写' }).waitFor();
    expect(await visitor.getByLabel('姓名或单位名称').inputValue()).toBe('李四');
    const q2 = (await visitor.locator('label[for="checkAnswer"]').textContent()) ?? '';
    const [, c, d] = /(\d+) 加 (\d+)/.exec(q2)!;
    await visitor.getByLabel(/请计算/).fill(String(Number(c) + Number(d)));
    await visitor.getByLabel('身份证明文件（照片或扫描件）').setInputFiles({ name: 'id.png', mimeType: 'image/png', buffer: PNG });
    await visitor.getByRole('button', { name: '提交申请' }).click();
    await visitor.getByRole('heading', { name: '申请已提交' }).waitFor();
    const code = (await visitor.locator('#tracking-code').textContent())!.trim();
    const secret = (await visitor.locator('#tracking-secret').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{10}$/);
    await visitor.screenshot({ path: path.join(SCREENSHOTS, 'requests-submitted.png'), fullPage: true });

    // 2. The officer handles it in the admin SPA.
    const office = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await office.newPage();
    const errors = watchErrors(page);
    await loginAdmin(server, page, 'mzj.officer');
    await page.getByRole('menu', { name: '主菜单' }).getByText('依申请公开').click();
    await page.getByLabel('查找').fill(code);
    await page.getByLabel('查找').press('Enter');
    await page
      .getByRole('row', { name: /养老服务补贴的文件/ })
      .getByRole('link')
      .click();
    await page.locator('#case-status', { hasText: new RegExp('^待确认收到$') }).waitFor();
    await act(page, '确认收到申请');
    await page.locator('#case-status', { hasText: new RegExp('^已登记受理$') }).waitFor();
    // Name the 承办人 from the unit's 信息公开 staff.
    await page.getByText('未分配').waitFor();
    await act(page, '分配承办人', async (dlg) => {
      await chooseOption(page, dlg.getByLabel('承办人（本机关政府信息公开工作人员）'), /\S/);
    });
    await page.getByText('未分配').waitFor({ state: 'detached' });
    await page.locator('#case-status', { hasText: new RegExp('^办理中$') }).waitFor();
    await act(page, '补正告知', async (dlg) => {
      await dlg.getByLabel('具体说明（一次性告知）').fill('请写明所需文件的年度或文号');
      await dlg.getByLabel('补正期限').fill(chinaDay(10));
      await dlg.getByLabel('补正期限').press('Enter');
    });
    await page.locator('#case-status', { hasText: new RegExp('^待申请人补正$') }).waitFor();
    await act(page, '登记收到补正');
    await page.locator('#case-status', { hasText: new RegExp('^办理中$') }).waitFor();
    await act(page, '征求意见 / 协办', async (dlg) => {
      await dlg.getByLabel('对方名称').fill('泗阳县某养老服务中心');
      await dlg.getByLabel('对方联系方式').fill('0527-85000000');
    });
    await page.getByRole('button', { name: '登记回复' }).click();
    const reply = page.getByRole('dialog');
    await reply.getByLabel('意见内容或理由').fill('同意公开');
    await reply.getByRole('button', { name: /确\s*定/ }).click();
    await dialogClosed(reply);
    await act(page, '拟定答复', async (dlg) => {
      await chooseOption(page, dlg.getByLabel('答复类型（对应年度报告表三）'), /^予以公开$/);
      await dlg.getByLabel('提供信息的方式、途径和时间').fill('以电子邮件方式提供文件电子版');
    });
    await page.locator('#case-status', { hasText: new RegExp('^待审核$') }).waitFor();
    await page.locator('#clock', { hasText: '收到申请' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'requests-admin-case.png'), fullPage: true });
    expect(errors.filter((e) => !EXPECTED.test(e))).toEqual([]);

    // 3. The reviewer approves: the decision is made.
    const review = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const rpage = await review.newPage();
    const reviewErrors = watchErrors(rpage);
    await loginAdmin(server, rpage, 'mzj.reviewer');
    // The answer letter's remedy clause needs the unit's 行政复议机关 and court (a per-unit setting, never invented).
    const apiCtx = await browser.newContext();
    const login = await apiCtx.request.post(`${server.url}/api/v1/auth/login`, {
      data: { username: 'mzj.reviewer', password: demoAccount(server, 'mzj.reviewer').password },
    });
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    const settings = await apiCtx.request.put(`${server.url}/api/v1/info-requests/letter-settings/dept-mzj`, {
      headers: { 'x-csrf-token': csrf },
      data: {
        numberPatterns: {},
        reviewBodies: ['泗阳县人民政府'],
        court: '泗阳县人民法院',
        office: { address: null, postcode: null, phone: null, contact: null, hours: null },
        feePaymentMethod: null,
      },
    });
    expect(settings.status(), await settings.text()).toBe(200);
    await apiCtx.close();
    await rpage.goto(page.url());
    await act(rpage, '审核通过，作出答复');
    await rpage.locator('#case-status', { hasText: new RegExp('^已答复$') }).waitFor();
    // The case's 文书 panel downloads the answer letter as Word (a file saved through the data layer, not a JSON page).
    const [word] = await Promise.all([
      rpage.waitForEvent('download'),
      rpage
        .getByRole('button', { name: /^下载.*答复书 Word$/ })
        .first()
        .click(),
    ]);
    expect(word.suggestedFilename()).toMatch(/答复书.*\.docx$/);
    expect(reviewErrors.filter((e) => !EXPECTED.test(e))).toEqual([]);

    // 4. The applicant follows the case and downloads the answer letter.
    await visitor.goto(`${server.url}/requests/track`);
    await visitor.getByLabel('查询码').fill(code);
    await visitor.getByLabel('查询密码').fill(secret);
    await visitor.getByRole('button', { name: '查询' }).click();
    await visitor.locator('#track-status', { hasText: new RegExp('^已答复$') }).waitFor();
    await visitor.getByText('李*（自然人）').waitFor();
    await visitor.screenshot({ path: path.join(SCREENSHOTS, 'requests-tracking.png'), fullPage: true });
    const link = visitor.getByRole('link', { name: '政府信息公开申请答复书（PDF）' });
    const href = await link.getAttribute('href');
    const res = await visitor.request.get(`${server.url}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const receipt = await visitor.request.get(
      `${server.url}${await visitor.getByRole('link', { name: '政府信息公开申请接收回执（PDF）' }).getAttribute('href')}`,
    );
    expect(receipt.status()).toBe(200);

    await visitor.goto(`${server.url}/requests/flowchart`);
    await visitor.getByRole('heading', { name: '政府信息公开申请办理流程' }).waitFor();
    await visitor.screenshot({ path: path.join(SCREENSHOTS, 'requests-flowchart.png'), fullPage: true });
    await phone.close();
    await office.close();
    await review.close();
  });
});
