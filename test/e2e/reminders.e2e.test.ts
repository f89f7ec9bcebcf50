/**
 * Reminders in Chromium against the real CLI server: the daily run (`gongkai jobs run-due`, as cron
 * would call it) creates notifications and sends digests to a real local SMTP server; a village
 * clerk sees the bell and the to-do list; the county admin edits the rules and the SMTP server.
 * Screenshots: docs/screenshots/admin-reminders*.png, admin-reminder-settings.png.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startServer, watchErrors, SCREENSHOTS, loginAdmin, type RunningServer } from './harness.ts';
import { startTestSmtp, type TestSmtp } from '../../src/modules/notifications/test-smtp.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXPECTED_STATUS = /Failed to load resource: the server responded with a status of 401/;

/** Today at 09:00 China time (after the default digest hour), as an ISO string. */
function todayNineChina(): string {
  const china = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return `${china}T09:00:00+08:00`;
}

describe('reminders in the admin', () => {
  let server: RunningServer;
  let browser: Browser;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    // Jobs are off in test servers (harness): the run below is the cron path, deterministic whatever the hour.
    server = await startServer({
      GONGKAI_SMTP_HOST: '127.0.0.1',
      GONGKAI_SMTP_PORT: String(smtp.port),
      GONGKAI_SMTP_SECURITY: 'none',
      GONGKAI_SMTP_FROM: '泗阳县政务公开办 <gongkai@example.gov.cn>',
    });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  it('a village clerk sets her e-mail, the daily run reminds her in the bell, the to-do list and by e-mail', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await loginAdmin(server, page, 'buhu.clerk');
    await page.getByRole('menu', { name: '主菜单' }).getByText('我的待办').click();
    await page.getByRole('tab', { name: '邮件提醒设置' }).click();
    await page.getByLabel('接收提醒的电子邮箱').fill('buhu.clerk@example.gov.cn');
    // Wait for the answer rather than the 3-second toast (a loaded machine can miss it).
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/notifications/preferences') && r.request().method() === 'PUT');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    expect((await saved).status()).toBe(200);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GONGKAI_DATA_DIR: server.dataDir,
      LOG_LEVEL: 'silent',
      GONGKAI_SMTP_HOST: '127.0.0.1',
      GONGKAI_SMTP_PORT: String(smtp.port),
      GONGKAI_SMTP_SECURITY: 'none',
      GONGKAI_SMTP_FROM: 'gongkai@example.gov.cn',
    };
    if (server.databaseUrl) env.DATABASE_URL = server.databaseUrl;
    else delete env.DATABASE_URL;
    // Asynchronously: the SMTP server lives in this process and must keep answering meanwhile.
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'bin/gongkai.mjs'), 'jobs', 'run-due', `--now=${todayNineChina()}`], { cwd: ROOT, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    expect(run.status, run.stderr).toBe(0);
    const daily = JSON.parse(run.stdout).jobs.find((j: { name: string }) => j.name === 'notifications.daily');
    expect(daily.outcome).toBe('ran');
    expect(daily.result.mailSent, JSON.stringify(daily.result)).toBeGreaterThan(0);
    const mail = smtp.messages.find((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address === 'buhu.clerk@example.gov.cn');
    expect(mail?.subject).toMatch(/^【公开提醒】\d{4}年\d{1,2}月\d{1,2}日：逾期\d+项，即将到期\d+项$/);
    expect(mail?.text).toContain('卜湖社区');

    await page.reload();
    const bell = page.getByRole('button', { name: /消息提醒，\d+ 条未读/ });
    await bell.waitFor();
    await page.getByRole('tab', { name: '待办事项' }).click();
    await page.getByText('已逾期，请尽快办理').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-reminders.png'), fullPage: false });
    await bell.click();
    await page.getByText('全部标为已读').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-reminders-bell.png'), fullPage: false });
    await page
      .getByRole('button', { name: /全部标为已读/ })
      .first()
      .click();
    await page.getByRole('button', { name: '消息提醒', exact: true }).waitFor();
    // 去办理 opens the disclosure form for that item and period.
    await page.keyboard.press('Escape');
    await page
      .getByRole('button', { name: /去填写/ })
      .first()
      .click();
    await page.waitForURL(/\/admin\/disclosures\/new\?unit=321323002-buhu&item=/);
    expect(errors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    await ctx.close();
  }, 180_000);

  it('the county admin edits the rules (a bad value is refused in plain Chinese) and sees the SMTP server and runs', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await loginAdmin(server, page, 'county.admin');
    const menu = page.getByRole('menu', { name: '主菜单' });
    await menu.getByText('系统设置').click();
    await menu.getByText('提醒与邮件设置').click();
    await page.getByText('发信邮件服务器（SMTP）').waitFor();
    await page.getByText('当前使用：服务器环境变量（GONGKAI_SMTP_*）').waitFor();
    // County threshold not above the parent threshold: the server refuses with a clear message.
    await page
      .getByText('同时提醒县政府办')
      .locator('..')
      .getByRole('checkbox')
      .check()
      .catch(async () => page.getByRole('checkbox', { name: '逾期超过' }).nth(1).check());
    await page.getByLabel('升级到县政府办的逾期工作日数').fill('3');
    await page.getByRole('button', { name: '保存提醒规则' }).click();
    await page.getByText('升级到县政府办的逾期天数应大于升级到上级单位的天数').waitFor();
    await page.getByLabel('升级到县政府办的逾期工作日数').fill('20');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/notifications/settings') && r.request().method() === 'PUT');
    await page.getByRole('button', { name: '保存提醒规则' }).click();
    expect((await saved).status()).toBe(200);
    await page.getByText('每日提醒执行记录').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-reminder-settings.png'), fullPage: true });
    expect(errors.filter((e) => !EXPECTED_STATUS.test(e) && !/status of 400/.test(e))).toEqual([]);
    await ctx.close();
  }, 180_000);
});
