/**
 * 政民互动 end to end at phone size (issue 16 "Done when"): a villager asks about a line of 卜湖社区's finance
 * statement → the clerk answers → the villager says 不满意 → 城厢街道 investigates and orders a correction → the
 * clerk corrects the statement with the question as the reason (a second committee member approves it, publishing's
 * two-person rule) → the villager's tracking page shows the answer and the corrected disclosure. The villager's steps
 * are clicks in Chromium without JavaScript; the clerk finds and answers the question in the admin's 政民互动 screens
 * (the inbox filtered by kind, the case opened at /admin/interaction/{id} — the address reminder e-mails give); the
 * town records its investigation and order on the same page, the clerk proposes the correction from it (the form holds
 * the statement's text) and the committee's chair approves it on the record. Screenshots: docs/screenshots/interaction-*.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as pwRequest, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import { chooseOption, demoAccount, launchBrowser, loginAdmin, SCREENSHOTS, startServer, watchErrors, type RunningServer } from './harness.ts';
const EXPECTED_STATUS = /Failed to load resource: the server responded with a status of 401/;

const STATEMENT = '卜湖社区2026年第三季度财务收支明细（演示）';

describe('政民互动 at phone size', () => {
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

  /** A staff member's API session (cookie + CSRF token), as the admin SPA has it. */
  async function staff(username: string): Promise<{
    api: APIRequestContext;
    post: (url: string, data: unknown) => Promise<Record<string, unknown>>;
    get: (url: string) => Promise<Record<string, unknown>>;
  }> {
    const api = await pwRequest.newContext({ baseURL: server.url });
    const login = await api.post('/api/v1/auth/login', { data: { username, password: demoAccount(server, username).password } });
    expect(login.status()).toBe(200);
    const csrf = (await login.json()).csrfToken as string;
    return {
      api,
      post: async (url, data) => {
        const r = await api.post(url, { data: data as object, headers: { 'x-csrf-token': csrf } });
        expect(r.status(), `${url}: ${await r.text()}`).toBe(200);
        return r.json();
      },
      get: async (url) => (await api.get(url)).json(),
    };
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `interaction-${name}.png`), fullPage: true });

  it('ask on a statement line → answer → 不满意 → town order → correction → tracking shows the corrected record', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const villager = await phone.newPage();
    const errors = watchErrors(villager);
    const missing: string[] = [];
    villager.on('response', (r) => {
      if (r.status() === 404) missing.push(r.url());
    });

    // 1. The statement on the village page; every line offers 有疑问.
    await villager.goto(`${server.url}/units/321323002-buhu`);
    await villager.getByRole('link', { name: STATEMENT }).first().click();
    await villager.getByRole('heading', { name: STATEMENT, exact: true }).waitFor();
    await expect.poll(() => villager.locator('#disclosure-questions').innerText()).toContain('对此有疑问');
    await shot(villager, '1-statement');
    await villager.locator('table.finance-lines tr', { hasText: '办公用品' }).getByRole('link', { name: '有疑问' }).click();

    // 2. The question form names the line; a wrong sum first keeps what was typed.
    await expect.poll(() => villager.locator('#asked-line').innerText()).toContain('办公用品');
    await villager.getByLabel(/哪里不清楚/).fill('8月9日办公用品1350.5元买了些什么？请公布明细。');
    await villager.locator('#phone').fill('13800001234');
    await villager.getByLabel(/我同意把我的疑问和答复公开/).check();
    const q = (await villager.locator('label[for="checkAnswer"]').textContent()) ?? '';
    const [, a, b] = /(\d+) 加 (\d+)/.exec(q)!;
    await villager.getByLabel(/请算一算/).fill(String(Number(a) + Number(b)));
    await shot(villager, '2-ask');
    await villager.getByRole('button', { name: '提交疑问' }).click();
    const code = (await villager.locator('#tracking-code').innerText()).trim();
    const secret = (await villager.locator('#tracking-secret').innerText()).trim();
    expect(code).toMatch(/^[A-Z2-9]{10}$/);
    await shot(villager, '3-submitted');

    const track = async () => {
      await villager.goto(`${server.url}/interaction/track`);
      await villager.getByLabel('查询码').fill(code);
      await villager.getByLabel('查询密码').fill(secret);
      await villager.getByRole('button', { name: '查看' }).click();
      await villager.locator('#track-status').waitFor();
    };

    // 3. The clerk finds the question in the admin inbox (询问 only) and answers it on the case page.
    const clerk = await staff('buhu.clerk');
    const list = (await clerk.get(`/api/v1/interaction/cases?q=${encodeURIComponent('买了些什么')}`)) as { items: { id: string; caseNo: string }[] };
    expect(list.items).toHaveLength(1);
    const id = list.items[0].id;
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await desk.newPage();
    const adminErrors = watchErrors(admin);
    await loginAdmin(server, admin, 'buhu.clerk');
    await admin.getByRole('menuitem', { name: '政民互动' }).click();
    await admin.getByRole('heading', { name: '政民互动' }).waitFor();
    await chooseOption(admin, admin.getByLabel('类型'), '询问');
    await admin.getByRole('link', { name: list.items[0].caseNo }).waitFor();
    // The filtered list replaces the unfiltered one (kept while it loads): wait for it rather than read the old rows.
    await expect.poll(() => admin.getByRole('row').filter({ hasText: '投诉' }).count()).toBe(0);
    await admin.screenshot({ path: path.join(SCREENSHOTS, 'interaction-admin-list.png'), fullPage: true });
    // The reminder e-mail's address opens the case directly.
    await admin.goto(`${server.url}/admin/interaction/${id}`);
    await admin.getByText('8月9日办公用品1350.5元买了些什么？请公布明细。').waitFor();
    await admin.getByText('13800001234').waitFor(); // the asker's phone: staff only
    await admin.screenshot({ path: path.join(SCREENSHOTS, 'interaction-admin-case.png'), fullPage: true });
    await admin.getByRole('button', { name: /^答\s*复$/ }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.getByText('请填写答复').waitFor(); // nothing typed: the form says what is missing, nothing is sent
    await dialog.getByLabel(/答复（提出人可以看到/).fill('买的是打印纸和墨盒，发票可以到社区查看。');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await admin.getByText('已答复', { exact: true }).first().waitFor();
    await admin.screenshot({ path: path.join(SCREENSHOTS, 'interaction-admin-answered.png'), fullPage: true });
    // The sign-in page's first check of the session answers 401 (not signed in yet): expected, like every browser test.
    expect(adminErrors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    // 村务监督委员会 reads the village's questions in the same screen and has nothing to do.
    const sup = await desk.browser()!.newContext({ viewport: { width: 1280, height: 900 } });
    const supPage = await sup.newPage();
    await loginAdmin(server, supPage, 'buhu.supervisor');
    await supPage.goto(`${server.url}/admin/interaction/${id}`);
    await supPage.getByText('您现在没有需要办理的操作。').waitFor();
    await sup.close();
    await desk.close();

    // 4. The villager reads the answer and says 不满意.
    await track();
    await expect.poll(() => villager.locator('#track-answer').innerText()).toContain('打印纸和墨盒');
    await shot(villager, '4-answer');
    await villager.getByRole('radio', { name: '不满意' }).check();
    await villager.locator('#reason').fill('没有说买了多少，单价是多少。');
    await villager.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => villager.locator('#respond-message').innerText()).toContain('乡镇（街道）调查核实');
    await expect.poll(() => villager.locator('#track-status').innerText()).toContain('调查核实');
    await shot(villager, '5-unsatisfied');

    // 5. 城厢街道 investigates in the admin's case page and orders the village to correct.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const townDesk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const townPage = await townDesk.newPage();
    const townErrors = watchErrors(townPage);
    await loginAdmin(server, townPage, 'chengxiang.officer');
    await townPage.goto(`${server.url}/admin/interaction/${id}`);
    await townPage.getByText('8月9日办公用品1350.5元买了些什么？请公布明细。').waitFor();
    await townPage.getByRole('button', { name: '登记调查核实' }).click();
    const inv = townPage.getByRole('dialog');
    await inv.getByLabel('调查人员').fill('城厢街道经办人、街道财政所会计');
    await inv.getByLabel('调查日期').fill(today);
    await inv.getByLabel('调查日期').press('Enter');
    await inv.getByLabel('调查情况').fill('核对记-003凭证：打印纸10包、墨盒4个，摘要写得过于简单。');
    await inv.getByLabel('给提出人的结论').fill('经调查核实，公布的摘要不够清楚，已责令社区限期更正并重新公布。');
    await inv.getByText('责令村（居）限期更正').click();
    await inv.getByLabel(/更正期限/).waitFor();
    await townPage.screenshot({ path: path.join(SCREENSHOTS, 'interaction-admin-order.png'), fullPage: true });
    await inv.getByRole('button', { name: /确\s*定/ }).click();
    await inv.waitFor({ state: 'hidden' });
    await townPage.getByText(/责令限期更正（\d{4}-\d{2}-\d{2}前/).waitFor();
    expect(townErrors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await townDesk.close();
    await track();
    await expect.poll(() => villager.locator('#track-status').innerText()).toContain('责令限期更正');
    await shot(villager, '6-ordered');

    // 6. The clerk corrects the statement from the case page: the form holds the statement's text, the question is the
    //    public reason; a second committee member approves it on the record (publishing's two-person rule).
    const clerkDesk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const clerkPage = await clerkDesk.newPage();
    const clerkErrors = watchErrors(clerkPage);
    await loginAdmin(server, clerkPage, 'buhu.clerk');
    await clerkPage.goto(`${server.url}/admin/interaction/${id}`);
    await clerkPage.getByRole('button', { name: '内容确有问题，提出更正' }).click();
    const fix = clerkPage.getByRole('dialog');
    await fix.getByText(`根据群众询问（${list.items[0].caseNo}）更正：8月9日办公用品1350.5元买了些什么？`).waitFor();
    const text = fix.getByLabel(/更正后的正文/);
    await expect.poll(() => text.inputValue()).toContain('现将本社区');
    await text.fill('（演示数据）现将本社区2026年第三季度财务收支情况公布如下。\n8月9日办公用品：打印纸10包、墨盒4个，共1350.50元。');
    await clerkPage.screenshot({ path: path.join(SCREENSHOTS, 'interaction-admin-correct.png'), fullPage: true });
    await fix.getByRole('button', { name: '提交更正审核' }).click();
    await fix.waitFor({ state: 'hidden' });
    await clerkPage.getByText('更正待审核', { exact: false }).first().waitFor();
    expect(clerkErrors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await clerkDesk.close();
    const statementId = ((await clerk.get(`/api/v1/interaction/cases/${id}`)) as { disclosure: { id: string } }).disclosure.id;
    const corrections = (
      (await clerk.get(`/api/v1/disclosures/${statementId}`)) as { staff: { corrections: { id: string; status: string; reason: string; bodyHtml: string }[] } }
    ).staff.corrections;
    const pending = corrections.find((c) => c.status === 'pending')!;
    expect(pending.reason).toContain('根据群众询问');
    expect(pending.bodyHtml).toContain('打印纸10包');
    const chairDesk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const chairPage = await chairDesk.newPage();
    await loginAdmin(server, chairPage, 'buhu.chair');
    await chairPage.goto(`${server.url}/admin/interaction/${id}`);
    await chairPage.getByRole('link', { name: '到公开内容中审核这项更正' }).click();
    await chairPage.getByText(`更正理由（公开）：根据群众询问（${list.items[0].caseNo}）`, { exact: false }).waitFor();
    await chairPage.screenshot({ path: path.join(SCREENSHOTS, 'interaction-admin-correction-review.png'), fullPage: true });
    await chairPage.getByRole('button', { name: '同意更正' }).click();
    await chairPage.getByText(/已更正（第\s*\d+\s*版）/).waitFor();
    await chairDesk.close();

    // 7. The tracking page shows the answer and the corrected disclosure; the record shows the question as its reason.
    await track();
    await expect.poll(() => villager.locator('#track-status').innerText()).toContain('已更正并重新公布');
    await expect.poll(() => villager.locator('#track-answer').innerText()).toContain('责令社区限期更正');
    await shot(villager, '7-corrected');
    await villager.getByRole('link', { name: /查看更正后的公开信息/ }).click();
    await expect.poll(() => villager.locator('article.disclosure').innerText()).toContain('根据群众询问');
    await expect.poll(() => villager.locator('article.disclosure').innerText()).toContain('打印纸10包');
    await shot(villager, '8-corrected-record');
    expect(missing).toEqual([]);
    // No page or resource of the journey is missing (`missing`); the browser's own favicon probe may 404 (not a page event).
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await clerk.api.dispose();
    await phone.close();
  }, 240_000);

  it('城厢街道 records an investigation with evidence files in the admin: a wrong type refused in Chinese, type and size shown', async () => {
    const town = await staff('chengxiang.officer');
    const list = (await town.get(`/api/v1/interaction/cases?q=${encodeURIComponent('保洁劳务费')}`)) as { items: { id: string; status: string }[] };
    const target = list.items.find((i) => i.status === 'escalated')!;
    expect(target).toBeTruthy();
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await desk.newPage();
    const adminErrors = watchErrors(admin);
    await loginAdmin(server, admin, 'chengxiang.officer');
    await admin.goto(`${server.url}/admin/interaction/${target.id}`);
    await admin.getByRole('button', { name: '登记调查核实' }).click();
    const dialog = admin.getByRole('dialog');
    const input = dialog.locator('input[type=file]');
    await input.setInputFiles({ name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('plain text') });
    await dialog.getByText('“说明.txt”不是 PDF、JPG、PNG、Word（docx）或 Excel（xlsx）文件').waitFor();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(3000, 1)]);
    await input.setInputFiles({ name: '保洁队签收单.png', mimeType: 'image/png', buffer: png });
    const chosen = dialog.locator('.evidence-file', { hasText: '保洁队签收单.png' });
    await expect.poll(() => chosen.innerText()).toContain('PNG 图片');
    expect(await chosen.innerText()).toContain('3 KB');
    await dialog.getByLabel('调查人员').fill('城厢街道经办人、街道财政所会计');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await dialog.getByLabel('调查日期').fill(today);
    await dialog.getByLabel('调查日期').press('Enter');
    await dialog.getByLabel('调查情况').fill('核对劳务费发放表：6000元付给社区保洁队5人，每人1200元。');
    await dialog.getByLabel('给提出人的结论').fill('经调查核实，保洁劳务费发放无误，发放表可到社区查阅。');
    await admin.screenshot({ path: path.join(SCREENSHOTS, 'interaction-admin-investigate.png'), fullPage: true });
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const stored = admin.locator('.stored-evidence', { hasText: '保洁队签收单.png' });
    await expect.poll(() => stored.innerText()).toContain('PNG 图片，3 KB');
    const detail = (await town.get(`/api/v1/interaction/cases/${target.id}`)) as { status: string; files: { name: string; size: number }[] };
    expect(detail).toMatchObject({ status: 'answered', files: [{ name: '保洁队签收单.png', size: png.length }] });
    expect(adminErrors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await desk.close();
    await town.api.dispose();
  }, 120_000);

  it("意见箱: the demo box names its 公开栏; the clerk moves it beside another board and the village's portal page shows it", async () => {
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await desk.newPage();
    const adminErrors = watchErrors(admin);
    await loginAdmin(server, admin, 'buhu.clerk');
    await admin.goto(`${server.url}/admin/interaction`);
    await admin.getByRole('button', { name: '意见箱' }).click();
    const row = admin.getByRole('row', { name: /社区服务中心门口公开栏右侧（演示）/ });
    // A fresh demo: archives' boards are seeded first, so the box already names the board it hangs beside.
    await expect.poll(() => row.innerText()).toContain('演示：社区服务中心公开栏');
    await row.getByRole('button', { name: /修\s*改/ }).click();
    const dialog = admin.getByRole('dialog');
    await chooseOption(admin, dialog.getByLabel('所在公开栏'), '演示：小区广场公开栏');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row.innerText()).toContain('演示：小区广场公开栏');
    expect(await row.innerText()).toContain('卜湖社区小区广场东侧（演示）');
    await admin.screenshot({ path: path.join(SCREENSHOTS, 'interaction-admin-boxes.png'), fullPage: true });
    expect(adminErrors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await desk.close();
    // The public face: the village's page on the portal, at phone size, names the box, its board and when it is opened.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await phone.newPage();
    await page.goto(`${server.url}/units/321323002-buhu`);
    const section = page.locator('#opinion-boxes-section');
    await expect.poll(() => section.innerText()).toContain('演示：小区广场公开栏');
    const text = await section.innerText();
    expect(text).toContain('社区服务中心门口公开栏右侧（演示）');
    expect(text).toMatch(/至少每\d+天开箱一次/);
    expect(text).toContain('上次开箱');
    await section.screenshot({ path: path.join(SCREENSHOTS, 'interaction-unit-box.png') });
    await phone.close();
  }, 120_000);

  it('the clerk corrects a 选登 answer (已更正 with the reason on the portal), then withdraws it with a public reason; the portal then shows only the date and reason', async () => {
    const pub = await pwRequest.newContext({ baseURL: server.url });
    const published = (await (await pub.get('/api/v1/interaction/public/cases?limit=100')).json()) as {
      items: { id: string; caseNo: string; question: string }[];
    };
    const target = published.items.find((p) => p.question.includes('道路修缮材料费'))!;
    expect(target).toBeTruthy();
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await desk.newPage();
    const adminErrors = watchErrors(admin);
    await loginAdmin(server, admin, 'buhu.clerk');
    await admin.goto(`${server.url}/admin/interaction/${target.id}`);
    await admin.getByText('已选登', { exact: true }).waitFor();
    // First a correction of the published answer: the new answer and a public reason; the portal shows 已更正 and the
    // answer it replaced (a published record is never silently changed).
    await admin.getByRole('button', { name: '更正选登的答复' }).click();
    const fix = admin.getByRole('dialog');
    await fix.getByLabel(/更正后的答复/).fill('（演示）材料费明细已在社区公开栏张贴，可到社区服务中心查阅凭证。');
    await fix.getByLabel(/更正理由（公众可以看到）/).fill('补充查阅凭证的地点');
    await fix.getByRole('button', { name: /确\s*定/ }).click();
    await fix.waitFor({ state: 'hidden' });
    await expect
      .poll(async () => ((await (await pub.get(`/api/v1/interaction/public/cases/${target.id}`)).json()) as { corrections: { reason: string }[] }).corrections)
      .toEqual([expect.objectContaining({ version: 2, reason: '补充查阅凭证的地点' })]);
    const page = await browser.newPage();
    await page.goto(`${server.url}/interaction/cases/${target.id}`);
    expect(await page.locator('body').innerText()).toContain('已更正：补充查阅凭证的地点');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'interaction-answer-corrected.png'), fullPage: true });
    await page.close();
    await admin.getByRole('button', { name: '撤回选登' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.getByText('请填写撤回理由').waitFor(); // no reason: nothing is sent
    await dialog.getByLabel(/撤回理由（公众可以看到）/).fill('答复中的材料清单有误，核对后重新答复。');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    // The second question names what the public will read; 再想想 sends nothing.
    const confirm = admin.locator('.ant-modal-confirm');
    await confirm.locator('.ant-modal-confirm-title', { hasText: '确定撤回这件事项的选登吗？' }).waitFor();
    await admin.screenshot({ path: path.join(SCREENSHOTS, 'interaction-admin-withdraw.png'), fullPage: true });
    await confirm.getByRole('button', { name: '再想想' }).click();
    expect(((await (await pub.get(`/api/v1/interaction/public/cases/${target.id}`)).json()) as { withdrawn: unknown }).withdrawn).toBeNull();
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await confirm.getByRole('button', { name: '撤回选登' }).click();
    await admin.getByText('选登已撤回', { exact: true }).waitFor();
    await admin.getByText('公开的撤回理由：答复中的材料清单有误，核对后重新答复。').waitFor();
    // Neither the case page's button nor the confirm dialog's (it may still be closing when the page updates) stays.
    await expect.poll(() => admin.getByRole('button', { name: '撤回选登' }).count(), { timeout: 10_000 }).toBe(0);
    expect(adminErrors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await desk.close();

    const portal = await browser.newPage();
    await portal.goto(`${server.url}/interaction/cases/${target.id}`);
    await expect.poll(() => portal.locator('#case-withdrawn').innerText()).toContain('答复中的材料清单有误');
    expect(await portal.locator('#case-withdrawn').innerText()).not.toContain('道路修缮材料费');
    await portal.close();
    await pub.dispose();
  }, 120_000);
  /** A desktop admin session of one demo account, with its console errors watched. */
  async function desk(username: string) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await loginAdmin(server, page, username);
    return {
      page,
      /** `refused`: the status of a refusal the test provokes on purpose (the browser logs the failed request). */
      done: async (refused?: number) => {
        expect(errors.filter((e) => !EXPECTED_STATUS.test(e) && !(refused && e.includes(`status of ${refused} `)))).toEqual([]);
        await context.close();
      },
    };
  }

  it('登记来件: the clerk enters a suggestion made in person; a missing text is named, the tracking code is shown once, the case opens', async () => {
    const { page, done } = await desk('buhu.clerk');
    await page.goto(`${server.url}/admin/interaction`);
    await page.getByRole('button', { name: '登记来件' }).click();
    await page.getByRole('heading', { name: '登记来件' }).waitFor();
    await chooseOption(page, page.getByLabel('向哪个单位反映'), '卜湖社区', '卜湖');
    await page.getByRole('button', { name: /^登\s*记$/ }).click();
    await page.getByText('请填写内容').waitFor(); // nothing sent
    await page.getByLabel(/内容（照原意记录/).fill('建议社区服务大厅周六上午也安排人值班。');
    await page.getByLabel(/联系电话/).fill('13900001111');
    await page.getByRole('button', { name: /^登\s*记$/ }).click();
    const info = page.locator('.ant-modal-confirm');
    await info.locator('.ant-modal-confirm-title', { hasText: /已登记 互/ }).waitFor();
    expect(await info.innerText()).toMatch(/查询码\s*[A-Z2-9]{10}/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'interaction-admin-intake.png'), fullPage: true });
    await info.getByRole('button', { name: '打开这件事项' }).click();
    await page.getByText('建议社区服务大厅周六上午也安排人值班。').waitFor();
    await page.getByText('当面反映', { exact: true }).first().waitFor();
    await page.getByText('13900001111').first().waitFor();
    await done();
  });

  it('知识清单: an answer with an ID number is stopped by the gate and kept; the entry is saved, published and shown on the portal', async () => {
    const { page, done } = await desk('buhu.clerk');
    await page.getByRole('menuitem', { name: '知识清单' }).click();
    await page.getByRole('heading', { name: '知识清单' }).waitFor();
    await page.getByRole('button', { name: /新建条目/ }).click();
    const dialog = page.getByRole('dialog');
    await chooseOption(page, dialog.getByLabel('单位'), '卜湖社区', '卜湖');
    await dialog.getByLabel(/问题（用群众的话）/).fill('社区财务多久公开一次？');
    const answer = dialog.getByLabel(/答复（公开/);
    await answer.fill('每季度公开一次，联系人身份证号321323199001011236。');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText(/不能写个人信息/).waitFor();
    expect(await answer.inputValue()).toContain('每季度公开一次'); // nothing typed is lost
    await answer.fill('财务收支每季度公开一次，重大事项随时公开。');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: /社区财务多久公开一次？/ });
    await expect.poll(() => row.innerText()).toContain('草稿');
    await row.getByRole('button', { name: /公\s*布/ }).click();
    await expect.poll(() => row.innerText()).toContain('已公布');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'interaction-admin-knowledge.png'), fullPage: true });
    await done(400); // the gate's refusal above
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const portal = await phone.newPage();
    await portal.goto(`${server.url}/interaction/knowledge`);
    await expect.poll(() => portal.locator('article.interaction').innerText()).toContain('社区财务多久公开一次？');
    expect(await portal.locator('article.interaction').innerText()).toContain('重大事项随时公开');
    await phone.close();
  });

  it('答复模板: the clerk adds a 建议 template (a phone number refused first); answering a suggestion offers it and fills the answer', async () => {
    const { page, done } = await desk('buhu.clerk');
    await page.goto(`${server.url}/admin/interaction`);
    await page.getByRole('button', { name: '答复模板' }).click();
    await page.getByRole('heading', { name: '答复模板' }).waitFor();
    await chooseOption(page, page.locator('form').getByRole('combobox').first(), '卜湖社区', '卜湖');
    await page.getByLabel('模板 1 的名称').waitFor(); // the demo's 询问 template
    await page.getByRole('button', { name: /添加模板/ }).click();
    await chooseOption(page, page.getByLabel('模板 2 的类型'), /^建议$/);
    await page.getByLabel('模板 2 的名称').fill('建议已采纳');
    const body = page.getByLabel('模板 2 的内容');
    await body.fill('感谢您的建议，社区已研究采纳，请联系13812345678。');
    await page.getByRole('button', { name: /保存模板/ }).click();
    await page.getByText(/不能写个人信息/).waitFor();
    await body.fill('感谢您的建议，社区已研究采纳，将在本月内落实，落实情况在公开栏公布。');
    await page.getByRole('button', { name: /保存模板/ }).click();
    await page.getByText('答复模板已保存').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'interaction-admin-templates.png'), fullPage: true });
    // The demo's suggestion in handling: 答复 offers the 建议 template and fills the answer with it (still editable).
    await page.goto(`${server.url}/admin/interaction?kind=suggestion&status=handling`);
    await page.getByRole('link', { name: /^互/ }).first().click();
    await page.getByText('（演示）建议在社区广场增加路灯。').waitFor();
    await page.getByRole('button', { name: /^答\s*复$/ }).click();
    const dialog = page.getByRole('dialog');
    await chooseOption(page, dialog.getByLabel('选用答复模板'), '建议已采纳');
    await expect.poll(() => dialog.getByLabel(/答复（提出人可以看到/).inputValue()).toContain('将在本月内落实');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await done(400); // the gate's refusal above
  });

  it('政民互动设置: the county office changes a time limit; an empty source is named and nothing is saved; the new limit is in force', async () => {
    const { page, done } = await desk('county.admin');
    await page.goto(`${server.url}/admin/interaction/settings`);
    await page.getByRole('heading', { name: '政民互动设置' }).waitFor();
    const days = page.getByLabel('咨询的天数', { exact: true });
    await expect.poll(() => days.inputValue()).toBe('5');
    await days.fill('7');
    const source = page.getByLabel('咨询期限的依据');
    await source.fill('');
    await page.getByRole('button', { name: /保存设置/ }).click();
    await page.getByText('请填写依据').waitFor();
    await source.fill('县级自定（县政府办2026年12月调整，演示）');
    await page.getByRole('button', { name: /保存设置/ }).click();
    await page.getByText('设置已保存').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'interaction-admin-settings.png'), fullPage: true });
    await done();
    const pub = await pwRequest.newContext({ baseURL: server.url });
    const vocab = (await (await pub.get('/api/v1/interaction/vocabulary')).json()) as { settings: { limits: { consult: { days: number; source: string } } } };
    expect(vocab.settings.limits.consult).toMatchObject({ days: 7, source: '县级自定（县政府办2026年12月调整，演示）' });
    await pub.dispose();
  });
});
