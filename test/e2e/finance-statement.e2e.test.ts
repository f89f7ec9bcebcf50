/**
 * The 村级财务收支明细 path: template download → fill in exceljs → upload → approve → publish → print.
 * Needs the finance endpoints (GET /api/v1/publishing/templates/finance.xlsx, POST …/{id}/finance-statement),
 * which are built on another branch. Until they are merged this file fails at the probe with a clear message.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, shiftPublication, startServer, type RunningServer, loginAdmin } from './harness.ts';

describe('finance statement journey in Chromium', () => {
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

  async function loginAs(username: string): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await ctx.newPage();
    await loginAdmin(server, page, username, 'attached');
    return page;
  }

  it('a clerk downloads the template, fills it, uploads it; the supervisor approves; the clerk publishes and prints; it moves to the archive and is corrected after that (clerk proposes, supervisor approves)', async () => {
    const clerk = await loginAs('buhu.clerk');
    const probe = await clerk.request.post(`${server.url}/api/v1/disclosures/00000000-0000-0000-0000-000000000000/finance-statement`, { multipart: {} });
    const probeBody = await probe.text();
    if (probe.status() === 404 && probeBody.includes('"NOT_FOUND"'))
      throw new Error('POST /api/v1/disclosures/{id}/finance-statement does not exist in this build: merge the finance branch first');

    await clerk.goto(`${server.url}/admin/disclosures/new?unit=321323002-buhu&item=vil:szxq&period=2026-Q3`);
    await clerk.getByRole('button', { name: /下一步：填写内容/ }).click();
    await clerk.locator('#text').fill('2026年第三季度财务收支明细见下表。');
    await clerk.getByRole('button', { name: '保存草稿' }).click();
    await clerk.getByText('草稿已保存').waitFor();

    const download = clerk.waitForEvent('download');
    await clerk.getByRole('button', { name: /下载模板/ }).click();
    const file = await (await download).path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    ws.getCell('B2').value = 12000;
    ws.getCell('B3').value = 13399.5;
    const lines: [string, string, string, string, number | null, number | null][] = [
      ['2026-07-08', '记-001', '收到土地承包费', '承包收入', 3500, null],
      ['2026-08-15', '记-002', '购买办公用品', '管理费用', null, 600.5],
      ['2026-09-20', '记-003', '道路维修', '公益支出', null, 1500],
    ];
    lines.forEach((l, i) => (ws.getRow(5 + i).values = [new Date(`${l[0]}T00:00:00Z`), l[1], l[2], l[3], l[4] ?? undefined, l[5] ?? undefined]));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-finance-'));
    const filled = path.join(dir, 'filled.xlsx');
    await wb.xlsx.writeFile(filled);

    const chooser = clerk.waitForEvent('filechooser');
    await clerk
      .getByText('上传财务收支明细表')
      .locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-card ")][1]')
      .getByRole('button', { name: /选择文件上传/ })
      .click();
    await (await chooser).setFiles(filled);
    await clerk.getByText(/已上传：filled\.xlsx/).waitFor();

    await clerk.getByRole('button', { name: /下一步：检查个人信息/ }).click();
    await clerk.getByRole('button', { name: /提交审核/ }).click();
    await clerk.waitForURL(/\/admin\/disclosures\/[0-9a-f-]{36}$/);
    const id = /\/disclosures\/([0-9a-f-]{36})$/.exec(clerk.url())![1];

    const sup = await loginAs('buhu.supervisor');
    await sup.goto(`${server.url}/admin/disclosures/${id}`);
    await sup.getByRole('button', { name: /村务监督委员会审核：同意公开/ }).click();
    await sup.getByText('审核通过，待发布').first().waitFor();

    await clerk.goto(`${server.url}/admin/disclosures/${id}`);
    await clerk.getByRole('button', { name: '立即发布' }).click();
    await clerk.getByText('打印公告 A4').waitFor();

    const pdf = await clerk.request.get(`${server.url}/api/v1/disclosures/${id}/notice.pdf?size=A4`);
    expect(pdf.status()).toBe(200);
    fs.writeFileSync(path.join(dir, 'notice.pdf'), await pdf.body());
    execFileSync('pdftoppm', ['-png', '-r', '40', '-singlefile', path.join(dir, 'notice.pdf'), path.join(dir, 'page')]);
    expect(fs.statSync(path.join(dir, 'page.png')).size).toBeGreaterThan(2000);
    const pub = await (await browser.newContext()).newPage();
    await pub.goto(`${server.url}/disclosures/${id}`);
    expect(await pub.locator('body').textContent()).toContain('道路维修');

    // A month later the display period is over: the record is in the archive (往期公开), still public.
    await shiftPublication(server, id, 30);
    await pub.reload();
    expect(await pub.locator('body').textContent()).toContain('往期公开');

    // A correction after that keeps the history, shows 已更正 with its public reason, and keeps the statement.
    // The clerk proposes it; the committee member approves it (two-person sign-off).
    await clerk.goto(`${server.url}/admin/disclosures/${id}`);
    await clerk.getByRole('button', { name: /更\s*正/ }).click();
    const dialog = clerk.getByRole('dialog');
    await dialog.getByLabel('更正理由（公开）').fill('说明文字有误，已更正');
    const body = dialog.getByLabel('正文（每行一段）');
    await body.fill(`${await body.inputValue()}\n监督电话：城厢街道农经中心。`);
    await dialog.getByRole('button', { name: /提交更正审核/ }).click();
    await clerk.getByText('待审核的更正（第 2 版）').waitFor();
    await sup.goto(`${server.url}/admin/disclosures/${id}`);
    await sup.getByRole('button', { name: /同意更正/ }).click();
    await sup.getByText('已更正（第 2 版）').waitFor();
    await pub.reload();
    const text = (await pub.locator('body').textContent()) ?? '';
    expect(text).toContain('已更正');
    expect(text).toContain('说明文字有误，已更正');
    expect(text).toContain('道路维修');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
