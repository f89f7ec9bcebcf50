import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { inject, onTestFailed } from 'vitest';
import { OPEN_END } from '../../src/modules/publishing/disclosure-listing.repository.ts';
import { createTestDatabase } from '../helpers/pg-database.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface DemoAccount {
  username: string;
  password: string;
  role: string;
  unit: string;
}

export interface RunningServer {
  url: string;
  dataDir: string;
  /** The PostgreSQL database of this run (GONGKAI_TEST_PG_URL set); otherwise SQLite at `${dataDir}/gongkai.sqlite`. */
  databaseUrl: string | null;
  accounts: DemoAccount[];
  stop(): Promise<void>;
}

/**
 * Starts the real CLI (`gongkai serve`) on a free port with its own data dir and the Siyang demo,
 * on SQLite or, when GONGKAI_TEST_PG_URL is set, on its own PostgreSQL database. The data dir and
 * database are copies of the demo that global-setup.ts seeded once for this run; `fresh: true` starts
 * from an empty data dir and database instead, so that the server's first start migrates and seeds.
 * `extraEnv` is added to the server's environment (e.g. GONGKAI_WEBHOOK_ALLOW_LOOPBACK=1).
 */
export async function startServer(extraEnv: Record<string, string> = {}, opts: { fresh?: boolean } = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-e2e-'));
  const templateDir = opts.fresh ? '' : inject('e2eTemplateDir');
  const templateDb = opts.fresh ? '' : inject('e2eTemplateDb');
  if (templateDir) fs.cpSync(templateDir, dataDir, { recursive: true });
  // Background jobs off unless a test asks for them: the daily reminder run would otherwise compute
  // the whole demo county's reminders while the test clicks (reminders.e2e.test.ts runs it via the CLI).
  // The page cache re-reads its stamp on every public request (shiftPublication changes rows directly).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GONGKAI_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    GONGKAI_LOGIN_ATTEMPTS: '50',
    GONGKAI_JOBS: '0',
    GONGKAI_PAGE_CACHE_CHECK_MS: '0',
    ...extraEnv,
  };
  let dropDb: (() => Promise<void>) | null = null;
  const adminUrl = process.env.GONGKAI_TEST_PG_URL;
  if (adminUrl) {
    const db = await createTestDatabase(adminUrl, 'gk_e2e', templateDb);
    env.DATABASE_URL = db.url;
    dropDb = db.drop;
  } else delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bin/gongkai.mjs'), 'serve', '--port', '0', '--host', '127.0.0.1'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /已启动：(http:\/\/localhost:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const accounts = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccount[];
  return {
    url,
    dataDir,
    databaseUrl: env.DATABASE_URL ?? null,
    accounts,
    stop: async () => {
      child.removeAllListeners('exit');
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      await dropDb?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.GONGKAI_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Every page asks for less motion (prefers-reduced-motion), as a user may in their system settings: the admin then
  // turns antd's animations off (web/admin/src/main.tsx), so dialogs and dropdowns stand still when they appear and
  // no click lands on a target that is still moving (the cause of the flaky browser tests). A test may still ask
  // for motion with `reducedMotion: 'no-preference'`.
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = (options = {}) => newContext({ reducedMotion: 'reduce', ...options });
  browser.newPage = (options = {}) => newPage({ reducedMotion: 'reduce', ...options });
  return browser;
}

/**
 * Collects console errors and uncaught page errors (tests fail on unexpected ones). If the test fails, the
 * page is saved to `.tmp/e2e-failures/` and what it showed (URL, alert and dialog texts, console errors) is
 * printed: a waitFor timeout alone does not say whether the server refused a step or was slow.
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  onTestFailed(async ({ task }) => {
    if (page.isClosed()) return;
    const dir = path.join(ROOT, '.tmp', 'e2e-failures');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80)}-${Date.now()}.png`);
    await page.screenshot({ path: file, fullPage: true, timeout: 10_000 }).catch(() => undefined);
    const texts = async (selector: string) =>
      (
        await page
          .locator(selector)
          .allInnerTexts()
          .catch(() => [] as string[])
      ).map((t) => t.replace(/\s+/g, ' ').slice(0, 300));
    const report = [
      `[e2e failure] ${task.name} (${process.env.GONGKAI_TEST_PG_URL ? 'PostgreSQL' : 'SQLite'})`,
      `  page: ${page.url()}`,
      `  alerts: ${(await texts('[role=alert]')).join(' | ') || '—'}`,
      `  dialogs: ${(await texts('[role=dialog]')).join(' | ') || '—'}`,
      `  console errors: ${errors.join(' | ') || '—'}`,
      `  screenshot: ${file}`,
    ].join('\n');
    console.error(report);
    // Beside the screenshot, for `npm test`'s summary (scripts/test.mjs prints every such file of its run).
    fs.writeFileSync(file.replace(/\.png$/, '.txt'), `${report}\n`);
  });
  return errors;
}

/**
 * Picks `option` in an antd Select as a user does — opens it, optionally types `typed` into its search, clicks the
 * option — but only once the dropdown has stopped moving, and returns when the dropdown has closed again.
 *
 * Why: antd's dropdown slides in. On a loaded machine Playwright can see the option "stable" mid-animation; the
 * mouse goes down on the option and comes up after the dropdown has moved, so the browser's click lands on
 * `<body>` and nothing is chosen (seen in the full suite: the field stays empty, or its dropdown stays open over
 * the dialog's buttons). The dropdown is found through the field's own listbox (`aria-controls`), never by "the
 * visible one", so a dropdown still closing cannot take the click meant for another.
 */
export async function chooseOption(page: Page, field: Locator, option: string | RegExp, typed?: string): Promise<void> {
  await field.click();
  if (typed !== undefined) await page.keyboard.type(typed);
  const input = field.locator('xpath=self::input').or(field.locator('input[role=combobox]')).first();
  const listId = await input.getAttribute('aria-controls');
  if (!listId) throw new Error(`chooseOption: the field has no listbox (aria-controls) after it was clicked`);
  const dropdown = page.locator(`.ant-select-dropdown:has([id="${listId}"])`);
  const item = dropdown.locator('.ant-select-item-option', { hasText: option }).first();
  await item.waitFor();
  await dropdown.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
  await item.click();
  await dropdown.waitFor({ state: 'hidden' });
}

export const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');

/**
 * Moves a published record's publication and display window `days` back (the record, its listing row) and marks
 * every cached public page stale, as a real change would. The next public request sees it: the harness's
 * servers re-read the page cache's stamp on every request (GONGKAI_PAGE_CACHE_CHECK_MS=0), no waiting.
 */
export async function shiftPublication(server: RunningServer, id: string, days: number): Promise<void> {
  await shiftRows(server, id, days);
}

async function shiftRows(server: RunningServer, id: string, days: number): Promise<void> {
  const ms = days * 86_400_000;
  const back = (iso: string) => new Date(Date.parse(iso) - ms).toISOString();
  const backDate = (d: string | null) => (d ? new Date(Date.parse(`${d}T00:00:00Z`) - ms).toISOString().slice(0, 10) : null);
  type Row = { published_at: string; display_min_end: string | null; display_planned_end: string | null };
  await editTestDatabase(server, async (q) => {
    const [r] = (await q('select published_at, display_min_end, display_planned_end from disclosures where id = ?', [id])) as Row[];
    await q('update disclosures set published_at = ?, display_min_end = ?, display_planned_end = ? where id = ?', [
      back(r.published_at),
      backDate(r.display_min_end),
      backDate(r.display_planned_end),
      id,
    ]);
    const [l] = (await q('select published_at, display_until from disclosure_listings where disclosure_id = ?', [id])) as {
      published_at: string;
      display_until: string;
    }[];
    if (l)
      await q('update disclosure_listings set published_at = ?, display_min_end = ?, display_planned_end = ?, display_until = ? where disclosure_id = ?', [
        back(l.published_at),
        backDate(r.display_min_end),
        backDate(r.display_planned_end),
        l.display_until === OPEN_END ? OPEN_END : backDate(l.display_until),
        id,
      ]);
  });
}

type Param = string | number | null;
/** One statement on the e2e server's database: `?` placeholders, rows back (none for a write). */
export type TestQuery = (sql: string, params?: Param[]) => Promise<Record<string, unknown>[]>;

/**
 * Edits the running e2e server's own database directly (SQLite file or its PostgreSQL database) — for a test that
 * must move time, as the server runs on the real clock — then marks every cached public page stale, as a real
 * change would (`portal.cacheVersion`); the harness's servers re-read that stamp on every request.
 */
export async function editTestDatabase(server: RunningServer, edit: (q: TestQuery) => Promise<void>): Promise<void> {
  const bump = [JSON.stringify(`edited-${Date.now()}`), new Date().toISOString()];
  const stale =
    "insert into app_settings (key, value_json, updated_at) values ('portal.cacheVersion', ?, ?) on conflict (key) do update set value_json = excluded.value_json";
  if (server.databaseUrl) {
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: server.databaseUrl });
    await c.connect();
    try {
      const q: TestQuery = async (sql, params = []) => {
        let n = 0;
        return (
          await c.query(
            sql.replace(/\?/g, () => `$${++n}`),
            params,
          )
        ).rows as Record<string, unknown>[];
      };
      await edit(q);
      await q(stale, bump);
    } finally {
      await c.end();
    }
    return;
  }
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(path.join(server.dataDir, 'gongkai.sqlite'));
  try {
    const q: TestQuery = async (sql, params = []) => {
      const st = db.prepare(sql);
      if (st.reader) return st.all(...params) as Record<string, unknown>[];
      st.run(...params);
      return [];
    };
    await edit(q);
    await q(stale, bump);
  } finally {
    db.close();
  }
}

/** A demo account of the running server (passwords are random per seed). */
export function demoAccount(server: RunningServer, username: string): DemoAccount {
  const a = server.accounts.find((x) => x.username === username);
  if (!a) throw new Error(`no demo account ${username}`);
  return a;
}

/** Logs in through the admin SPA's login form and waits for the main menu. */
export async function loginAdmin(server: RunningServer, page: Page, username: string, menuState: 'visible' | 'attached' = 'visible'): Promise<void> {
  await page.goto(`${server.url}/admin/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(demoAccount(server, username).password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('menu', { name: '主菜单' }).waitFor({ state: menuState });
}
