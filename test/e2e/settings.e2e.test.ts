import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chooseOption, launchBrowser, loginAdmin, SCREENSHOTS, startServer, watchErrors, type RunningServer } from './harness.ts';

/** The login page asks /api/v1/me before anyone has logged in: a 401 the browser reports, not a fault. */
const EXPECTED_STATUS = /Failed to load resource: the server responded with a status of 401/;

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local webhook receiver: records every request and answers 200. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const srv = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/gongkai-hook`, received, close: () => new Promise((r) => srv.close(() => r())) };
}

describe('county settings screens in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const onPg = !!process.env.GONGKAI_TEST_PG_URL;

  beforeAll(async () => {
    receiver = await startReceiver();
    server = await startServer({ GONGKAI_WEBHOOK_ALLOW_LOOPBACK: '1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await receiver?.close();
  });

  const login = (page: Page, username: string) => loginAdmin(server, page, username);

  it('a county admin registers a webhook, sees the secret once, sends a test and finds it in the delivery log', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await login(page, 'county.admin');
    const menu = page.getByRole('menu', { name: '主菜单' });
    await menu.getByText('系统设置').click();
    await menu.getByText('数据推送（Webhook）').click();
    await page.getByText('什么是数据推送').waitFor();
    // Menu labels fit the sider (no "数据推送（Webhoo…").
    const cut = await menu.locator('.ant-menu-title-content').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent));
    expect(cut).toEqual([]);
    await page.getByText('还没有登记推送地址').waitFor();

    await page.getByRole('button', { name: /新增推送地址/ }).click();
    const form = page.getByRole('dialog', { name: '新增推送地址' });
    await form.getByLabel('名称').fill('我的泗阳APP·数字乡村');
    await form.getByLabel('接收地址').fill(receiver.url);
    await form.getByLabel('推送范围').click();
    await form.getByLabel('推送范围').fill('泗阳县');
    // The picker searches the server after a short pause; pick the county once the results are in.
    await page.waitForResponse((r) => r.url().includes('/api/v1/org-units') && r.url().includes('q='));
    await page.locator('.ant-select-item-option', { hasText: '泗阳县（县（区））' }).first().click();
    await form
      .locator('.ant-select-content', { hasText: '泗阳县' })
      .or(form.locator('.ant-select-selection-item', { hasText: '泗阳县' }))
      .first()
      .waitFor();
    await form.getByRole('button', { name: /保\s*存/ }).click();

    // The signing secret is shown once, with a warning.
    const secretDialog = page.getByRole('dialog', { name: /签名密钥/ });
    await secretDialog.getByText('签名密钥只显示这一次').waitFor();
    const secret = ((await secretDialog.locator('code').textContent()) ?? '').trim();
    expect(secret.length).toBeGreaterThanOrEqual(16);
    await secretDialog.getByRole('button', { name: '我已记下，关闭' }).click();
    await secretDialog.waitFor({ state: 'hidden' });

    // The list shows the new row once it has reloaded (isVisible() would not wait for it).
    const row = page.getByRole('row', { name: /我的泗阳APP·数字乡村/ });
    await row.waitFor();
    for (const text of ['发布', '更正', '撤回', '启用']) await row.getByText(text, { exact: true }).waitFor();
    await row.getByText('泗阳县及下级单位').waitFor();
    // The secret is not shown again anywhere.
    await expect(page.getByText(secret).count()).resolves.toBe(0);
    expect(await page.content()).not.toContain(secret);

    await row.getByRole('button', { name: '发送测试' }).click();
    const result = page.getByRole('dialog').filter({ hasText: '测试推送已送达' });
    await result.waitFor();
    await expect(result.getByText('对方返回的状态码：200').isVisible()).resolves.toBe(true);
    // The receiver got one signed ping; the signature checks with the secret shown once.
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0];
    expect(got.headers['x-gongkai-event']).toBe('ping');
    const expected = crypto
      .createHmac('sha256', secret)
      .update(`${String(got.headers['x-gongkai-timestamp'])}.${got.body}`)
      .digest('hex');
    expect(got.headers['x-gongkai-signature']).toBe(`sha256=${expected}`);
    await result.getByRole('button', { name: '知道了' }).click();
    await result.waitFor({ state: 'hidden' });
    await row.getByText('已送达 1').waitFor();
    if (!onPg) await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-webhooks.png') });

    await row.getByRole('button', { name: '推送记录' }).click();
    const drawer = page.getByRole('dialog', { name: /推送记录/ });
    const delivery = drawer.locator('tbody tr.ant-table-row');
    await delivery.first().waitFor();
    await expect(delivery.count()).resolves.toBe(1);
    await expect(delivery.first().getByText('测试').isVisible()).resolves.toBe(true);
    await expect(delivery.first().getByText('已送达').isVisible()).resolves.toBe(true);
    await expect(delivery.first().getByText('200', { exact: true }).isVisible()).resolves.toBe(true);
    // Filtering by 失败 leaves nothing.
    await chooseOption(page, drawer.getByLabel('按状态筛选'), '失败');
    await drawer.getByText('还没有推送记录').waitFor();

    expect(errors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await ctx.close();
  });

  it('a county admin adds a county pattern to the personal-data rules; it is saved and still there after a reload', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await login(page, 'county.admin');
    await page.goto(`${server.url}/admin/pii-rules`);
    await page.getByText('《个人信息保护法》').waitFor();

    // Built-in rules: 身份证号 cannot be switched off; the masks show a live example.
    await expect(page.getByRole('switch', { name: '身份证号 启用', exact: true }).isDisabled()).resolves.toBe(true);
    await page.getByText('32*************122', { exact: true }).waitFor();
    await page.getByText('138****1234', { exact: true }).waitFor();
    await page.getByLabel('手机号码 保留前几位').fill('2');
    await page.getByText('13*****1234', { exact: true }).waitFor();
    await page.getByLabel('手机号码 保留前几位').fill('3');
    await page.getByText('138****1234', { exact: true }).waitFor();

    await page.getByRole('button', { name: /新增规则/ }).click();
    const dialog = page.getByRole('dialog', { name: '新增本县识别规则' });
    await dialog.getByLabel('名称').fill('社保卡号');
    // An invalid pattern is named plainly; a valid one is highlighted in the sample text.
    await dialog.getByLabel('正则表达式').fill('\\d{10}[A-Z');
    await dialog.getByText('正则表达式写法有误').first().waitFor();
    await dialog.getByLabel('正则表达式').fill('\\d{10}[A-Z]{2}');
    await dialog.getByText('找到 1 处').waitFor();
    await expect(dialog.locator('mark').textContent()).resolves.toBe('1234567890AB');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('有未保存的修改').waitFor();
    if (!onPg) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-pii-rules.png') });
    }

    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存，新规则立即生效').waitFor();

    await page.reload();
    await page.getByText('《个人信息保护法》').waitFor();
    await page.getByRole('cell', { name: '社保卡号', exact: true }).waitFor();
    await expect(page.getByText('\\d{10}[A-Z]{2}').isVisible()).resolves.toBe(true);
    await expect(page.getByText('上次修改：').isVisible()).resolves.toBe(true);

    // The server has it too, as the county's rule.
    const rules = await page.evaluate(
      async () => (await (await fetch('/api/v1/publishing/pii-rules')).json()) as { config: { custom: { label: string; regex: string }[] } },
    );
    // After the demo's own rule (seeded with the re-scan demo, src/modules/publishing/pii-demo.ts).
    expect(rules.config.custom.map((c) => [c.label, c.regex])).toEqual([
      ['社保卡号（演示规则）', '(?<![A-Z0-9])[A-Z]\\d{8}(?![0-9])'],
      ['社保卡号', '\\d{10}[A-Z]{2}'],
    ]);

    expect(errors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await ctx.close();
  });

  it('a county admin backs up now, sees the result and the archive, and cannot save a relative directory', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await login(page, 'county.admin');
    const menu = page.getByRole('menu', { name: '主菜单' });
    await menu.getByText('系统设置').click();
    await menu.getByText('数据备份').click();
    await page.getByText('尚未备份').waitFor();
    await page.getByRole('button', { name: /立即备份/ }).click();
    await page.getByText('最近一次备份成功').waitFor({ timeout: 60_000 });
    await page.getByRole('cell', { name: /^gongkai-backup-\d{8}T\d{6}Z\.tar\.gz$/ }).waitFor();
    if (!onPg) await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-backup.png'), fullPage: true });
    await page.getByLabel('备份目录').fill('backups');
    await page.getByRole('button', { name: /保存设置/ }).click();
    await page.getByText('备份目录应为服务器上的绝对路径').waitFor();
    expect(errors.filter((e) => !EXPECTED_STATUS.test(e) && !/status of 400/.test(e))).toEqual([]);
    await ctx.close();
  }, 90_000);
});
