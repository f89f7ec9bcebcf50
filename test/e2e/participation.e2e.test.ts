/**
 * 公众参与 end to end in Chromium: a villager on a phone (no JavaScript) comments on one article of the open demo
 * consultation; the 民政局 officer sees the comment, anchored to that article and waiting for moderation, in the
 * admin. The officer then selects the participants of the demo hearing on its admin page and publishes the list; the
 * portal shows it with surnames only. The officer moves the demo 座谈会 (改期, with its reason on the public page); a
 * village clerk builds a questionnaire with a skip rule, publishes it and downloads a batch of QR answer codes, and
 * records a village decision step by step (a meeting short of its quorum refused); the county admin schedules the
 * yearly satisfaction survey (a refused day mended and saved at the second 保存), edits and pauses it and resumes the
 * paused demo schedule. The village runs a satisfaction round with printed codes (a code works once); the round is
 * closed by moving its dates back in the server's database (the server runs on the real clock), its own results are
 * published and reach 卜湖社区's score card. Likewise the open demo consultation is closed by date (已截止), the officer
 * publishes the adoption per clause and the final decision, and the public page shows 已反馈 with the groups.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { chooseOption, editTestDatabase, launchBrowser, loginAdmin, startServer, watchErrors, SCREENSHOTS, type RunningServer } from './harness.ts';

/** The login page asks /api/v1/me before anyone has logged in: a 401 the browser reports, not a fault. */
const EXPECTED = /status of 401/;
const TITLE = '关于《泗阳县困难老年人养老服务补贴办法（征求意见稿）》公开征求意见的公告（演示）';
/** A China-local date `n` days from today (the test server runs on the real clock). */
const chinaDay = (n = 0) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Moves a consultation's or a survey's dates back in the e2e server's own database so that its last day is `endOn`
 * (the server runs on the real clock; its status follows the dates); the cached public pages are rendered again.
 */
async function moveEndTo(server: RunningServer, table: 'participation_consultations' | 'participation_surveys', id: string, endOn: string): Promise<void> {
  type Row = { start_on: string; end_on: string; published_at: string | null; created_at: string };
  await editTestDatabase(server, async (q) => {
    const [r] = (await q(`select start_on, end_on, published_at, created_at from ${table} where id = ?`, [id])) as Row[];
    const ms = Date.parse(`${r.end_on}T00:00:00Z`) - Date.parse(`${endOn}T00:00:00Z`);
    const day = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - ms).toISOString().slice(0, 10);
    const at = (iso: string | null) => (iso ? new Date(Date.parse(iso) - ms).toISOString() : null);
    await q(`update ${table} set start_on = ?, end_on = ?, published_at = ?, created_at = ? where id = ?`, [
      day(r.start_on),
      day(r.end_on),
      at(r.published_at),
      at(r.created_at),
      id,
    ]);
  });
}

describe('公众参与 in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  /** The satisfaction round the village starts in the browser (its results are published once it has closed). */
  let roundId = '';
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

  /** A desktop admin session of a demo account on the 公众参与 page, with its browser errors watched. */
  async function adminAt(username: string, tab?: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await loginAdmin(server, page, username);
    await page.getByRole('menuitem', { name: '公众参与' }).click();
    if (tab) await page.getByRole('tab', { name: tab }).click();
    return { page, errors, close: () => ctx.close() };
  }
  /** Picks a unit in a unit picker (it searches the server as one types). */
  async function pickUnit(field: Locator, search: string, option: string): Promise<void> {
    const page = field.page();
    // The picker searches the server after a short pause: pick once the results for the typed name are in.
    const searched = page.waitForResponse((r) => r.url().includes('/api/v1/org-units') && r.url().includes('q='));
    await field.click();
    await field.fill(search);
    await searched;
    await page.locator('.ant-select-item-option', { hasText: option }).first().click();
  }
  /** 确定 in the open confirmation popup. */
  async function confirmPopup(page: Page): Promise<void> {
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /^确\s*定$/ })
      .click();
  }
  /** The 发布 buttons of the comments waiting for moderation on a consultation's admin page. */
  const waitingComments = (page: Page) => page.locator('.ant-list-item').getByRole('button', { name: /^发\s*布$/ });
  /** Publishes every waiting comment, one at a time, each time waiting for the list to follow. */
  async function publishWaitingComments(page: Page): Promise<void> {
    const waiting = waitingComments(page);
    for (let n = await waiting.count(); n > 0; n--) {
      await waiting.first().click();
      await expect.poll(() => waiting.count()).toBe(n - 1);
    }
  }
  /** Fills the feedback report's summary and the final decision, publishes them and confirms. */
  async function publishFeedback(report: Locator, f: { summary: string; decision: string; text: string }): Promise<void> {
    await report.getByPlaceholder(/共收到意见/).fill(f.summary);
    await report.locator('.ant-form-item', { hasText: '最终决定的名称' }).locator('input').fill(f.decision);
    await report.locator('.ant-form-item', { hasText: '最终决定说明' }).locator('textarea').fill(f.text);
    await report.getByRole('button', { name: '公布采纳情况和最终决定' }).click();
    await confirmPopup(report.page());
  }
  /** Types a date into an antd date picker input and confirms it. */
  async function pickDate(input: Locator, date: string): Promise<void> {
    await input.click();
    await input.fill(date);
    await input.press('Enter');
  }

  it('the officer moves the demo 座谈会 to a later day with a reason; the public page says so', async () => {
    const { page, errors, close } = await adminAt('mzj.officer', '听证会和座谈会');
    await page.getByRole('link', { name: /居家养老服务站运营情况座谈会/ }).click();
    await page.getByRole('button', { name: /^改\s*期$/ }).click();
    const dialog = page.getByRole('dialog', { name: '活动改期' });
    await dialog.getByRole('button', { name: /^改\s*期$/ }).click();
    // No reason: the form says what is missing.
    await dialog.getByText('请说明改期的理由').waitFor();
    await pickDate(dialog.getByLabel('新的举行日期'), chinaDay(12));
    const reason = `报告厅检修（浏览器测试${Date.now()}）`;
    await dialog.getByLabel('改期理由（公开）').fill(reason);
    await dialog.getByRole('button', { name: /^改\s*期$/ }).click();
    await page.getByText(`理由：${reason}`).waitFor();
    expect(errors.filter((e) => !EXPECTED.test(e))).toEqual([]);
    const url = page.url().replace('/admin/participation/events/', '/participation/events/');
    const reader = await page.context().newPage();
    await reader.goto(url);
    expect(await reader.getByRole('note').filter({ hasText: '已改期' }).textContent()).toContain(`现改为${chinaDay(12)}`);
    await close();
  });

  it('a village clerk builds a questionnaire with a skip rule, publishes it and prints a batch of answer codes', async () => {
    const { page, errors, close } = await adminAt('buhu.clerk', '问卷调查');
    await page.getByRole('button', { name: '新建问卷' }).click();
    const dialog = page.getByRole('dialog', { name: '新建问卷' });
    await pickUnit(dialog.getByLabel('调查单位'), '卜湖', '卜湖社区');
    const title = `卜湖社区健身广场使用情况调查（浏览器测试${Date.now()}）`;
    await dialog.getByLabel('问卷标题').fill(title);
    await dialog.getByLabel(/^说明/).fill('请每户填写一份。');
    const range = dialog.locator('.ant-picker-range input');
    await pickDate(range.nth(0), chinaDay(0));
    await pickDate(range.nth(1), chinaDay(10));
    await dialog.getByLabel('题目').fill('您家去过健身广场吗？');
    await dialog.getByLabel('选项（每行一个）').fill('去过\n没去过');
    await dialog.getByRole('button', { name: '添加跳题规则' }).click();
    await dialog.getByRole('combobox', { name: '跳题选项' }).click();
    await page.locator('.ant-select-item-option', { hasText: '没去过' }).click();
    await dialog.getByRole('combobox', { name: '跳到' }).click();
    await page.locator('.ant-select-item-option', { hasText: '结束问卷' }).click();
    // The phone-size preview shows the wording, the required mark and the skip hint, also in 长辈模式.
    await dialog.getByRole('button', { name: '手机预览' }).click();
    const preview = page.getByTestId('survey-preview');
    expect(await preview.textContent()).toContain('1. 您家去过健身广场吗？（必答）');
    expect(await preview.textContent()).toContain('选“没去过”的，问卷到此结束');
    await page.getByRole('checkbox', { name: '长辈模式（大字）' }).check();
    expect(await preview.evaluate((el) => getComputedStyle(el).fontSize)).toBe('22px');
    await page.getByRole('dialog', { name: '手机预览' }).locator('.ant-modal-footer').getByRole('button').click();
    await dialog.getByRole('button', { name: '保存草稿' }).click();
    const row = page.locator('tr', { hasText: title });
    await row.getByRole('button', { name: /^发\s*布$/ }).click();
    await row.locator('.ant-tag', { hasText: '作答中' }).waitFor();
    await row.getByRole('button', { name: '答题码' }).click();
    const codes = page.getByRole('dialog', { name: /^答题码/ });
    await codes.getByLabel('本批份数').fill('5');
    const download = page.waitForEvent('download');
    await codes.getByRole('button', { name: '生成并下载二维码纸条' }).click();
    expect((await download).suggestedFilename()).toMatch(/答题码第1批\.pdf$/);
    const batch = codes.locator('tr', { hasText: '第1批' });
    await batch.waitFor();
    expect(await batch.textContent()).toContain('5');
    expect(errors.filter((e) => !EXPECTED.test(e))).toEqual([]);
    await close();
  });

  it('a village clerk records a decision step by step; a meeting without a quorum is refused with the figures', async () => {
    const { page, errors, close } = await adminAt('buhu.clerk', '村务决策');
    await page.getByRole('button', { name: '登记提议' }).click();
    const propose = page.getByRole('dialog', { name: '登记村务事项提议' });
    await pickUnit(propose.getByLabel('村（社区）'), '卜湖', '卜湖社区');
    await propose.getByLabel('事项类型').click();
    await page.locator('.ant-select-item-option', { hasText: '公益事业的兴办' }).click();
    const title = `卜湖社区路灯安装方案（浏览器测试${Date.now()}）`;
    await propose.getByLabel('事项名称').fill(title);
    await propose.getByLabel('提议人').fill('社区居民委员会');
    await propose.getByLabel('提议内容').fill('在社区主干道安装路灯20盏。');
    await propose.getByRole('button', { name: /^登\s*记$/ }).click();
    await page
      .locator('tr', { hasText: title })
      .getByRole('button', { name: /^办\s*理$/ })
      .click();
    const steps = page.getByRole('dialog', { name: '村务决策' });
    await steps.getByLabel('讨论意见').fill('两委联席会议同意提交居民代表会议表决。');
    await steps.getByRole('button', { name: '记录村“两委”讨论' }).click();
    await steps.getByText('下一步：会议表决和决议').waitFor();
    await pickDate(steps.getByLabel('会议日期'), chinaDay(0));
    await steps.getByLabel('村民代表会议组成人员').fill('30');
    await steps.getByLabel('到会人数').fill('15');
    await steps.getByLabel('赞成').fill('15');
    await steps.getByLabel('反对').fill('0');
    await steps.getByLabel('弃权').fill('0');
    await steps.getByLabel('决议内容').fill('同意安装路灯20盏。');
    await steps.getByRole('button', { name: '记录会议表决和决议' }).click();
    await steps.getByRole('alert').filter({ hasText: '至少20人到会' }).waitFor();
    await steps.getByLabel('到会人数').fill('25');
    await steps.getByRole('button', { name: '记录会议表决和决议' }).click();
    await steps.getByText('下一步：实施结果').waitFor();
    expect(await steps.textContent()).toContain('到会25人');
    expect(errors.filter((e) => !EXPECTED.test(e) && !/status of 422/.test(e))).toEqual([]);
    await close();
  });

  it('the county admin schedules the yearly satisfaction survey: refused, mended, saved at the second 保存; then edits, pauses and resumes', async () => {
    const { page, errors, close } = await adminAt('county.admin', '问卷调查');
    const schedules = page.locator('.ant-card', { hasText: '定期群众满意度调查' });
    await page.getByRole('button', { name: '新增安排' }).click();
    const dialog = page.getByRole('dialog', { name: '安排定期满意度调查' });
    await pickUnit(dialog.getByLabel(/^范围/), '泗阳县', '泗阳县（县（区））');
    // The server refuses 02-30; the dialog stays open with its words, the day is mended and the second 保存 goes through.
    await dialog.getByLabel('每期开始（月-日）').fill('02-30');
    await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
    await dialog.getByRole('alert').filter({ hasText: '开始日期请写成“月-日”，日在1到29之间' }).waitFor();
    await dialog.getByLabel('每期开始（月-日）').fill('03-01');
    const saved = page.waitForResponse((r) => r.url().endsWith('/satisfaction/schedules') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
    expect((await saved).status()).toBe(201);
    await dialog.waitFor({ state: 'hidden' });
    const row = schedules.locator('tr', { hasText: '03-01' });
    await row.getByText('每年一次').waitFor();

    // 修改: from the next round on (the dialog says so).
    await row.getByRole('button', { name: /^修\s*改$/ }).click();
    const edit = page.getByRole('dialog', { name: /^修改安排/ });
    await edit.getByText('修改从下一期起生效').waitFor();
    await edit.getByLabel('作答期（天）').fill('45');
    await edit.getByRole('button', { name: /^保\s*存$/ }).click();
    await edit.waitFor({ state: 'hidden' });
    await row.getByText('45天').waitFor();

    // 暂停 this one; 恢复 the paused demo schedule, which makes up no missed round.
    await row.getByRole('button', { name: /^暂\s*停$/ }).click();
    const pause = page.getByRole('dialog', { name: /^暂停安排/ });
    expect(await pause.textContent()).toContain('已经开始的一期照常作答到结束');
    await pause.getByRole('button', { name: /^暂\s*停$/ }).click();
    await pause.waitFor({ state: 'hidden' });
    await row.locator('.ant-tag', { hasText: '已暂停' }).waitFor();
    const demoRow = schedules.locator('tr', { hasText: '城厢街道' }).filter({ hasText: '演示' });
    await demoRow.locator('.ant-tag', { hasText: '已暂停' }).waitFor();
    await demoRow.getByRole('button', { name: /^恢\s*复$/ }).click();
    const resume = page.getByRole('dialog', { name: /^恢复安排/ });
    expect(await resume.textContent()).toContain('不补做');
    await resume.getByRole('button', { name: /^恢\s*复$/ }).click();
    await resume.waitFor({ state: 'hidden' });
    await demoRow.locator('.ant-tag', { hasText: '执行中' }).waitFor();
    await demoRow.getByText(`${chinaDay(0)}起，此前开始日已过的各期不补做`).waitFor();
    expect(errors.filter((e) => !EXPECTED.test(e) && !/status of 400/.test(e))).toEqual([]);
    await close();
  });

  it('a village runs the satisfaction survey with printed codes: a code works once, the second use is refused', async () => {
    const { page, errors, close } = await adminAt('buhu.clerk', '问卷调查');
    await page.getByRole('button', { name: '发起群众满意度调查' }).click();
    const dialog = page.getByRole('dialog', { name: '发起群众满意度调查' });
    await pickUnit(dialog.getByLabel('村（社区）'), '卜湖', '卜湖社区');
    const range = dialog.locator('.ant-picker-range input');
    await pickDate(range.nth(0), chinaDay(0));
    await pickDate(range.nth(1), chinaDay(14));
    await dialog.getByRole('button', { name: /^建\s*立$/ }).click();
    const row = page.locator('tr', { hasText: '村（居）务公开群众满意度问卷' }).filter({ hasText: '草稿' });
    await row.getByRole('button', { name: /^发\s*布$/ }).click();
    await page.locator('tr', { hasText: '村（居）务公开群众满意度问卷' }).filter({ hasText: '作答中' }).first().waitFor();
    // The printed slips carry the codes only in their PDF; the clerk's API answer (format json) gives the same codes.
    const { id, codes, demoId } = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
      const list = (await (await fetch('/api/v1/participation/surveys?kind=satisfaction')).json()) as {
        items: { id: string; status: string; isDemo: boolean; resultsPublished: boolean }[];
      };
      const survey = list.items.find((x) => x.status === 'open' && !x.isDemo)!;
      const answered = list.items.find((x) => x.isDemo && x.resultsPublished)!;
      const res = await fetch(`/api/v1/participation/surveys/${survey.id}/code-batches`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ count: 2, format: 'json' }),
      });
      return { id: survey.id, codes: ((await res.json()) as { codes: string[] }).codes, demoId: answered.id };
    });
    expect(codes).toHaveLength(2);
    roundId = id;
    expect(errors.filter((e) => !EXPECTED.test(e))).toEqual([]);
    await close();

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const household = await phone.newPage();
    const answer = async (code: string) => {
      await household.goto(`${server.url}/participation/surveys/${id}?code=${code}`);
      await household.getByLabel('满意', { exact: true }).check();
      await household.getByLabel('4分').check();
      await household.getByRole('button', { name: '提交问卷' }).click();
    };
    await answer(codes[0]!);
    expect(await household.getByRole('status').textContent()).toContain('提交成功');
    await answer(codes[0]!);
    expect(await household.getByRole('alert').textContent()).toContain('这个答题码已经用过了');
    await answer(codes[1]!);
    expect(await household.getByRole('status').textContent()).toContain('提交成功');
    // The demo round of this village, answered with printed codes and closed: its published results are charts with
    // their numbers in a table beside each.
    await household.goto(`${server.url}/participation/surveys/${demoId}/results`);
    expect(await household.locator('svg').count()).toBeGreaterThan(0);
    expect(await household.getByRole('table').first().textContent()).toContain('满意');
    await phone.close();
  });
  it("the new round closes by date: the clerk publishes its own results, charts show them, 卜湖社区's score card counts them", async () => {
    expect(roundId).not.toBe('');
    await moveEndTo(server, 'participation_surveys', roundId, chinaDay(-1));
    const clerk = await adminAt('buhu.clerk', '问卷调查');
    const row = clerk.page.locator('tr').filter({ has: clerk.page.locator(`a[href$="${roundId}/results.xlsx"]`) });
    await row.locator('.ant-tag', { hasText: '已结束' }).waitFor();
    await row.getByRole('button', { name: '公布结果' }).click();
    await row.locator('.ant-tag', { hasText: '结果已公布' }).waitFor();
    expect(clerk.errors.filter((e) => !EXPECTED.test(e))).toEqual([]);
    await clerk.close();

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const reader = await phone.newPage();
    await reader.goto(`${server.url}/participation/surveys/${roundId}/results`);
    expect(await reader.locator('article.survey-results .meta').textContent()).toContain('有效问卷2份');
    expect(await reader.locator('article.survey-results .lead').textContent()).toContain('100%（2 / 2）');
    const q1 = reader.locator('section.result').first();
    expect(await q1.locator('svg').count()).toBeGreaterThan(0);
    expect(await q1.getByRole('table').textContent()).toMatch(/满意\s*2/);
    await phone.close();

    // The assessment's 群众满意度（问卷调查） for 卜湖社区: this round and the demo one, each linked as evidence.
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await loginAdmin(server, page, 'county.admin');
    await page.getByRole('menu', { name: '主菜单' }).getByText('考评', { exact: true }).click();
    await page.getByRole('tab', { name: '村（社区）镇内排名' }).click();
    await page.getByRole('tabpanel').getByRole('link', { name: '卜湖社区', exact: true }).click();
    await page.getByText('卜湖社区考评得分卡').waitFor();
    const card = page.getByRole('row', { name: /群众满意度（问卷调查）/ });
    await card.getByRole('link', { name: /满意及基本满意2份 ÷ 有效问卷2份/ }).waitFor();
    expect(await card.getByRole('link', { name: /（演示）/ }).count()).toBeGreaterThan(0);
    expect(await card.textContent()).toContain('/ 10');
    expect(errors.filter((e) => !EXPECTED.test(e))).toEqual([]);
    await ctx.close();
  });

  it('民政局 opens a 30-day consultation on a five-clause draft; two villagers comment online and a 座谈会 comment is entered; closed by date, the adoption per clause and the decision are public', async () => {
    const { page, errors, close } = await adminAt('mzj.officer');
    await page.getByRole('button', { name: /新建征求意见/ }).click();
    const dialog = page.getByRole('dialog', { name: '新建征求意见' });
    await pickUnit(dialog.getByLabel('起草单位'), '民政', '泗阳县民政局');
    const title = `关于《泗阳县社区养老服务设施管理办法（征求意见稿）》公开征求意见的公告（浏览器测试${Date.now()}）`;
    await dialog.getByLabel('标题').fill(title);
    const range = dialog.locator('.ant-picker-range input');
    await pickDate(range.nth(0), chinaDay(0));
    await pickDate(range.nth(1), chinaDay(30));
    const draft = [
      '第一条 为规范社区养老服务设施的管理，根据有关规定，制定本办法。',
      '第二条 本办法适用于本县行政区域内社区养老服务设施的运营和管理。',
      '第三条 县民政局负责本办法的组织实施。',
      '第四条 社区养老服务设施每日开放时间不少于八小时。',
      '第五条 本办法自发布之日起施行。',
    ];
    await dialog.getByLabel('草案全文').fill(draft.join('\n'));
    await dialog.getByLabel('起草说明').fill('为规范社区养老服务设施管理，起草本办法（浏览器测试）。');
    await dialog.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草案分条（5条）').waitFor();
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByRole('button', { name: /^发\s*布$/ }).click();
    await confirmPopup(page);
    await page.locator('.ant-descriptions .ant-tag', { hasText: '征求中' }).waitFor();

    // Two villagers comment online, on phones without JavaScript.
    const online = [
      ['第二条', `建议把村级养老服务站也纳入（浏览器测试${Date.now()}）`],
      ['第四条', `建议周末也开放（浏览器测试${Date.now()}）`],
    ] as const;
    for (const [clause, words] of online) {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
      const villager = await phone.newPage();
      await villager.goto(`${server.url}/participation/consultations/${encodeURIComponent(id)}`);
      await villager.getByLabel('针对哪一条').selectOption({ label: clause });
      await villager.getByLabel(/您的意见/).fill(words);
      const [, a, b] = /(\d+) 加 (\d+)/.exec((await villager.locator('label[for="checkAnswer"]').textContent()) ?? '')!;
      await villager.getByLabel(/验证题/).fill(String(Number(a) + Number(b)));
      await villager.getByRole('button', { name: '提交意见' }).click();
      expect(await villager.getByRole('status').textContent()).toContain('意见已提交');
      await phone.close();
    }

    // The 座谈会 comment, entered by the officer (channel 座谈会 is the default, twelve people).
    await page.reload();
    const offline = page.locator('.ant-card', { hasText: '录入线下收到的意见' });
    await chooseOption(page, offline.getByLabel('针对'), '第四条');
    await offline.getByLabel('人数').fill('12');
    const symposium = '座谈会上老人们建议设施开放时间公示在门口。';
    await offline.getByLabel('意见内容').fill(symposium);
    await offline.getByRole('button', { name: /^录\s*入$/ }).click();
    await page.getByText('已录入，审核后公布').waitFor();
    await expect.poll(() => waitingComments(page).count()).toBe(3);
    await publishWaitingComments(page);

    // The period ends (its dates moved back: the server runs on the real clock); the report and the decision.
    await moveEndTo(server, 'participation_consultations', id, chinaDay(-1));
    await page.reload();
    await page.locator('.ant-descriptions .ant-tag', { hasText: '已截止' }).waitFor();
    const report = page.locator('.ant-card', { hasText: '意见采纳情况（反馈报告）' });
    await chooseOption(page, report.locator('.ant-form-item', { hasText: '第四条' }).getByRole('combobox'), '部分采纳');
    const reasons = report.getByPlaceholder('理由');
    await expect.poll(() => reasons.count()).toBe(2);
    await reasons.nth(0).fill('村级养老服务站另行规定。');
    await reasons.nth(1).fill('开放时间由各设施公示，周末开放视条件安排。');
    const decision = `泗阳县社区养老服务设施管理办法（浏览器测试${Date.now()}）`;
    await publishFeedback(report, { summary: '共收到意见3条（网上2条，座谈会1条），逐条研究。', decision, text: '经县民政局局务会议研究通过。' });
    await page.locator('.ant-descriptions .ant-tag', { hasText: '已反馈' }).waitFor();
    expect(errors.filter((e) => !EXPECTED.test(e))).toEqual([]);
    await close();

    // The public page: the draft by clause, the comments, the adoption per clause and the decision.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const reader = await phone.newPage();
    await reader.goto(`${server.url}/participation/consultations/${encodeURIComponent(id)}`);
    expect(await reader.locator('article.consultation .meta .status').textContent()).toBe('已反馈');
    const fourth = reader.getByRole('region', { name: '第四条' });
    expect(await fourth.textContent()).toContain('每日开放时间不少于八小时');
    expect(await fourth.locator('.adoption').textContent()).toContain('采纳情况：部分采纳');
    const comments = await fourth.locator('details').textContent();
    expect(comments).toContain(online[1][1]);
    expect(comments).toContain(symposium);
    expect(await reader.getByRole('region', { name: '第二条' }).locator('details').textContent()).toContain(online[0][1]);
    expect(await reader.locator('section[aria-labelledby="p-decision"]').textContent()).toContain(decision);
    await phone.close();
  });

  it('the 30-day consultation closes by date; the officer publishes the adoption per clause and the decision; the public page shows 已反馈', async () => {
    const { page, errors, close } = await adminAt('mzj.officer');
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByText('草案分条（5条）').waitFor();
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await moveEndTo(server, 'participation_consultations', id, chinaDay(-2));
    // The public page in its own window (a second tab of the officer's would leave the admin tab in the background).
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const reader = await phone.newPage();
    await reader.goto(`${server.url}/participation/consultations/${encodeURIComponent(id)}`);
    expect(await reader.locator('article.consultation .meta .status').textContent()).toBe('已截止');

    await page.reload();
    await page.locator('.ant-descriptions .ant-tag', { hasText: '已截止' }).waitFor();
    // Comments still waiting (the villager's from the first test among them) are moderated first: 发布 each.
    await publishWaitingComments(page);
    const report = page.locator('.ant-card', { hasText: '意见采纳情况（反馈报告）' });
    const clause3 = report.locator('.ant-form-item', { hasText: '第三条' });
    await clause3.locator('.ant-select').click();
    await page.locator('.ant-select-item-option', { hasText: '部分采纳' }).click();
    const reasons = report.getByPlaceholder('理由');
    for (let i = 0; i < (await reasons.count()); i++) await reasons.nth(i).fill(`已研究，理由见起草说明（浏览器测试第${i + 1}组）`);
    const decision = `泗阳县困难老年人养老服务补贴办法（浏览器测试${Date.now()}）`;
    await publishFeedback(report, { summary: '共收到意见若干条，逐条研究后作出采纳决定。', decision, text: '经县政府常务会议研究通过。' });
    await report.getByText(/^已于\d{4}-\d{2}-\d{2}公布$/).waitFor();
    await page.locator('.ant-descriptions .ant-tag', { hasText: '已反馈' }).waitFor();
    expect(errors.filter((e) => !EXPECTED.test(e))).toEqual([]);

    await reader.reload();
    expect(await reader.locator('article.consultation .meta .status').textContent()).toBe('已反馈');
    expect(await reader.locator('section[aria-labelledby="p-decision"]').textContent()).toContain(decision);
    const third = reader.getByRole('region', { name: '第三条' });
    expect(await third.locator('.adoption').textContent()).toContain('采纳情况：部分采纳');
    expect(await third.locator('details').textContent()).toContain('建议服务券也能在村卫生室使用');
    await phone.close();
    await close();
  });
});
