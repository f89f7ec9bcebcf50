/**
 * The operations of the crash-safety test (test/crash-safety.test.ts) and the checks of what a crash may leave
 * behind. Shared by the test process (preparation, checks, retries) and the child process that does the work and
 * is killed (crash-child.ts). Each operation runs the server's own commands on a SQLite file in its data dir,
 * with a fixed clock; `check` throws when it finds a partial state, and says whether the operation is complete.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../src/platform/db/database.ts';
import type { AppContext, Clock } from '../../src/platform/context.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import type { Actor, Role } from '../../src/platform/auth/roles.ts';
import { importCatalogWorkbook } from '../../src/modules/catalog/catalog.import.ts';
import { publishDisclosure, reviewDisclosure, submitDisclosure } from '../../src/modules/publishing/disclosure.commands.ts';
import { uploadFinanceStatement } from '../../src/modules/publishing/data/data.commands.ts';
import { DAILY_JOB, jobs as notificationJobs } from '../../src/modules/notifications/index.ts';
import { runDueJobs } from '../../src/platform/jobs/jobs.ts';

/** 09:00 China time: the daily reminder run (default hour 8) is due. */
export const CLOCK = '2026-12-07T01:00:00.000Z';
/** A retry of an interrupted daily run comes after its lease (15 minutes) has expired. */
export const RETRY_CLOCK = '2026-12-07T01:16:00.000Z';
export const STATEMENT_LINES = 2000;

export interface CrashFixture {
  actors: Record<'admin' | 'clerk' | 'supervisor', Actor>;
  disclosureId: string;
  catalogItems: number;
  /** Counts of the complete reminder run (set by the reference run). */
  reminders?: { notifications: number; escalations: number; escalationEvents: number };
}

export const FIXTURE_FILE = 'crash-fixture.json';
export const WORKBOOK_FILE = 'catalog.xlsx';
export const STATEMENT_FILE = 'statement.xlsx';

export function readFixture(dir: string): CrashFixture {
  return JSON.parse(fs.readFileSync(path.join(dir, FIXTURE_FILE), 'utf8')) as CrashFixture;
}

/** The server's database in `dataDir`, without migrations or seeding (already done when it was prepared). */
export async function openCtx(
  dataDir: string,
  iso = CLOCK,
  opts: { interleave?: boolean; onStatement?: () => void } = {},
): Promise<{ ctx: AppContext; close: () => Promise<void> }> {
  const opened = await openDatabase({ databaseUrl: null, sqliteFile: path.join(dataDir, 'gongkai.sqlite') });
  // better-sqlite3 answers at once, so an operation's statements run back to back in microtasks and several
  // operations in one process would not interleave. The child yields to the event loop after every statement,
  // as a server does between requests' I/O, so operations in flight together are interrupted at their own points.
  // `onStatement` counts the statements done (the kill point, in SQL statements).
  const handle =
    opts.interleave || opts.onStatement
      ? {
          ...opened,
          db: opened.db.withPlugin({
            transformQuery: (a) => a.node,
            transformResult: async (a) => {
              opts.onStatement?.();
              if (opts.interleave) await new Promise((r) => setImmediate(r));
              return a.result;
            },
          }),
        }
      : opened;
  const clock: Clock = { now: () => new Date(iso) };
  const config = loadConfig({}, { databaseUrl: null, dataDir, logLevel: 'silent', demo: false, jobs: false });
  const silent = { info: () => {}, warn: () => {}, error: () => {} };
  return { ctx: { db: handle.db, dialect: handle.dialect, config, clock, logger: silent }, close: () => handle.close() };
}

export type OpName = 'catalog-import' | 'finance-publish' | 'reminder-run';

export interface CrashOp {
  /**
   * Runs (or, after a crash, retries) the operation to its end. `step` reports progress (printed as the kill point).
   * catalog-import and reminder-run are retried as they are (run again); finance-publish continues with the step the
   * record is at, as its clerk and reviewer would (a published record is not published twice).
   */
  run(ctx: AppContext, fx: CrashFixture, dataDir: string, step: (name: string) => void): Promise<void>;
  /** Throws on a partial state; true when the operation is complete. */
  check(ctx: AppContext, fx: CrashFixture): Promise<boolean>;
}

const must = <T>(what: string, r: { ok: true; value: T } | { ok: false; status: number; code: string; message: string }): T => {
  if (!r.ok) throw new Error(`${what}: ${r.status} ${r.code} ${r.message}`);
  return r.value;
};
const count = async (ctx: AppContext, q: Promise<{ n: number | string | bigint }>) => Number((await q).n);
function expect(ok: boolean, message: string): void {
  if (!ok) throw new Error(`partial state: ${message}`);
}

export const OPS: Record<OpName, CrashOp> = {
  'catalog-import': {
    async run(ctx, fx, dir, step) {
      step('import');
      must('import', await importCatalogWorkbook(ctx, { actor: fx.actors.admin }, 'government', fs.readFileSync(path.join(dir, WORKBOOK_FILE))));
    },
    async check(ctx, fx) {
      const drafts = await ctx.db.selectFrom('catalog_versions').select('id').where('catalog', '=', 'government').where('status', '=', 'draft').execute();
      const imports = await count(
        ctx,
        ctx.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', 'catalog.import')
          .executeTakeFirstOrThrow(),
      );
      expect(drafts.length <= 1, `${drafts.length} draft versions`);
      if (drafts.length === 0) {
        expect(imports === 0, 'an import audited without its draft');
        return false;
      }
      const items = await count(
        ctx,
        ctx.db
          .selectFrom('catalog_items')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('version_id', '=', drafts[0].id)
          .executeTakeFirstOrThrow(),
      );
      expect(items === fx.catalogItems, `draft with ${items} of ${fx.catalogItems} items`);
      expect(imports >= 1, 'a draft without its import audit event');
      return true;
    },
  },

  'finance-publish': {
    async run(ctx, fx, dir, step) {
      for (;;) {
        const row = await ctx.db.selectFrom('disclosures').select(['status', 'tables_json']).where('id', '=', fx.disclosureId).executeTakeFirstOrThrow();
        if (row.status === 'published') return;
        if (row.status === 'draft') {
          if (!row.tables_json) {
            step('upload');
            must('upload', await uploadFinanceStatement(ctx, { actor: fx.actors.clerk }, fx.disclosureId, fs.readFileSync(path.join(dir, STATEMENT_FILE))));
          }
          step('submit');
          must('submit', await submitDisclosure(ctx, { actor: fx.actors.clerk }, fx.disclosureId));
        } else if (row.status === 'submitted') {
          step('approve');
          must('approve', await reviewDisclosure(ctx, { actor: fx.actors.supervisor }, fx.disclosureId, { decision: 'approve', comment: '同意公开' }));
        } else if (row.status === 'approved') {
          step('publish');
          must('publish', await publishDisclosure(ctx, { actor: fx.actors.clerk }, fx.disclosureId, {}));
        } else throw new Error(`unexpected status ${row.status}`);
      }
    },
    async check(ctx, fx) {
      const id = fx.disclosureId;
      const row = await ctx.db.selectFrom('disclosures').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const lines = (json: string | null | undefined) =>
        json ? ((JSON.parse(json) as { kind: string; statement?: { lines: unknown[] } }[]).find((t) => t.kind === 'finance')?.statement?.lines.length ?? 0) : 0;
      const audits = async (action: string) =>
        count(
          ctx,
          ctx.db
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('entity_id', '=', id)
            .where('action', '=', action)
            .executeTakeFirstOrThrow(),
        );
      expect(['draft', 'submitted', 'approved', 'published'].includes(row.status), `status ${row.status}`);
      // The statement is all there or not at all, and audited with it.
      expect([0, STATEMENT_LINES].includes(lines(row.tables_json)), `${lines(row.tables_json)} statement lines stored`);
      expect((await audits('disclosure.table.finance')) === (row.tables_json ? 1 : 0), 'statement and its audit event disagree');
      expect(row.status === 'draft' || lines(row.tables_json) === STATEMENT_LINES, `${row.status} without the statement`);
      expect((await audits('disclosure.submit')) === (row.status === 'draft' ? 0 : 1), 'submission and its audit event disagree');
      expect((await audits('disclosure.approve')) === (['approved', 'published'].includes(row.status) ? 1 : 0), 'approval and its audit event disagree');
      const versions = await ctx.db.selectFrom('disclosure_versions').selectAll().where('disclosure_id', '=', id).execute();
      const serial = await ctx.db.selectFrom('disclosure_index_serials').selectAll().where('unit_code', '=', row.unit_code).execute();
      const search = await ctx.db.selectFrom('search_documents').select('doc_id').where('doc_id', '=', `disclosure:${id}`).execute();
      const published = await ctx.db
        .selectFrom('audit_events')
        .select('after_json')
        .where('entity_id', '=', id)
        .where('action', '=', 'disclosure.publish')
        .execute();
      if (row.status !== 'published') {
        expect(
          versions.length === 0 && serial.length === 0 && search.length === 0 && published.length === 0 && row.index_no === null,
          'publication half written',
        );
        return false;
      }
      expect(
        versions.length === 1 && lines(versions[0].public_tables_json) === STATEMENT_LINES && lines(versions[0].tables_json) === STATEMENT_LINES,
        'public version without its statement',
      );
      expect(serial.length === 1 && serial[0].last_serial === row.index_serial && !!row.index_no, '索引号 serial and record disagree');
      expect(search.length === 1, 'published but not in the search index');
      expect(
        published.length === 1 && (JSON.parse(published[0].after_json!) as { contentHash: string }).contentHash === versions[0].content_hash,
        'publication and its audit event disagree',
      );
      return true;
    },
  },

  'reminder-run': {
    async run(ctx, _fx, _dir, step) {
      step('daily run');
      const [outcome] = await runDueJobs(
        ctx,
        notificationJobs.filter((j) => j.name === DAILY_JOB),
      );
      if (outcome.outcome === 'failed') throw new Error(`daily run failed: ${outcome.error}`);
    },
    async check(ctx, fx) {
      const n = (table: 'notifications' | 'reminder_escalations') =>
        count(
          ctx,
          ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow(),
        );
      const got = {
        notifications: await n('notifications'),
        escalations: await n('reminder_escalations'),
        escalationEvents: await count(
          ctx,
          ctx.db
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('action', '=', 'reminder.escalate')
            .executeTakeFirstOrThrow(),
        ),
      };
      const run = await ctx.db.selectFrom('jobs').select(['status']).where('name', '=', DAILY_JOB).execute();
      const full = fx.reminders!;
      const none = got.notifications === 0 && got.escalations === 0 && got.escalationEvents === 0;
      const all = got.notifications === full.notifications && got.escalations === full.escalations && got.escalationEvents === full.escalationEvents;
      expect(none || all, `reminder rows ${JSON.stringify(got)} (complete run: ${JSON.stringify(full)})`);
      expect(run.length <= 1, `${run.length} runs of one day`);
      if (run[0]?.status === 'done') expect(all, 'run marked done without its rows');
      return all && run[0]?.status === 'done';
    },
  },
};

/** Actors as the server would resolve them (grants with unit paths). */
export async function actorOf(ctx: AppContext, username: string): Promise<Actor> {
  const u = await ctx.db.selectFrom('users').select(['id', 'username', 'display_name']).where('username', '=', username).executeTakeFirstOrThrow();
  const grants = await ctx.db
    .selectFrom('role_assignments as r')
    .innerJoin('org_units as o', 'o.code', 'r.unit_code')
    .select(['r.role', 'r.unit_code', 'o.path'])
    .where('r.user_id', '=', u.id)
    .execute();
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    via: 'session',
    grants: grants.map((g) => ({ role: g.role as Role, unitCode: g.unit_code, unitPath: g.path })),
  };
}
