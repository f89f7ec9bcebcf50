import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.ts';
import type { SearchDocumentInput } from './search/engine.ts';
import type { JobDefinition } from './jobs/jobs.ts';
import type { StoredFileRef } from './files/file-refs.repository.ts';
import type { CliCommand } from './cli.ts';
import type { ProvidedFigures } from './provided-figures.ts';

/**
 * A feature module's only public face (its `index.ts` exports `manifest`). `register` adds the
 * module's API routes and public pages; it must not do I/O at start-up beyond registration.
 */
export interface ModuleManifest {
  name: string;
  register(app: FastifyInstance, ctx: AppContext): void | Promise<void>;
  /** Reference data every installation needs (idempotent; runs after migrations on every start). */
  seedBaseline?(ctx: AppContext): Promise<void>;
  /** Demo data for the Siyang demo (idempotent; runs once, on first start or `seed --demo`). */
  seedDemo?(ctx: AppContext, out: DemoSeedOutput): Promise<void>;
  /**
   * Every public, masked document the module currently publishes, for `gongkai reindex`
   * (platform/search). Between reindexes the module keeps the index current itself.
   */
  searchDocuments?(ctx: AppContext): AsyncIterable<SearchDocumentInput>;
  /**
   * What units owe soon or late, as of `asOf` (a China-local date, YYYY-MM-DD). The reminder
   * service (notifications, e-mail digests, escalation) collects these from every module; the
   * module owns the rule (statutory clock, catalog due date, work-order deadline). Must be pure
   * reads and cheap enough to run once a day for the whole county. `opts.unitCodes`, when given, is
   * a hint that only those units' items are wanted (a user's to-do list); a module may ignore it
   * (the caller filters anyway).
   */
  reminders?(ctx: AppContext, asOf: string, opts?: ReminderOptions): Promise<ReminderItem[]>;
  /** Scheduled jobs (platform/jobs): run by `serve` (unless GONGKAI_JOBS=0) and by `gongkai jobs run-due`. */
  jobs?: JobDefinition[];
  /**
   * Columns of the module's tables that hold the sha256 of a file in the store (platform/files). The daily sweep
   * never removes a file referenced from any of them, and a backup copies exactly the files they reference (read
   * from the database snapshot): a module that stores files must list every such column.
   */
  storedFiles?: readonly StoredFileRef[];
  /**
   * Commands the module adds to `gongkai` (e.g. `calendar import FILE`), listed in the usage text in module order.
   * The first command whose name (and sub, if it has one) matches runs.
   */
  cli?: readonly CliCommand[];
  /**
   * Figures the module measures for other modules' checks (the assessment's indicators, the website inspection),
   * read through registeredModules() so the reader never imports this module (platform/provided-figures.ts).
   */
  provides?: ProvidedFigures;
}

/** The first registered module's provider of `what` (none when no installed module measures it). */
export function providerOf<K extends keyof ProvidedFigures>(what: K): NonNullable<ProvidedFigures[K]> | null {
  for (const m of registeredModules()) {
    const p = m.provides?.[what];
    if (p) return p as NonNullable<ProvidedFigures[K]>;
  }
  return null;
}

/** Every registered module's provider of `what`, in registration order. */
export function providersOf<K extends keyof ProvidedFigures>(what: K): NonNullable<ProvidedFigures[K]>[] {
  return registeredModules().flatMap((m) => (m.provides?.[what] ? [m.provides[what] as NonNullable<ProvidedFigures[K]>] : []));
}

let registered: (() => readonly ModuleManifest[]) | null = null;

/**
 * Called once, by src/modules/index.ts (the composition of every module): lets code that serves every module
 * (the reminder service, the file sweep) read the list without importing src/modules/index.ts, which imports it
 * back (an import cycle).
 */
export function registerModuleList(list: () => readonly ModuleManifest[]): void {
  registered = list;
}

/** Every registered module, in registration order. Throws when src/modules/index.ts has not been loaded. */
export function registeredModules(): readonly ModuleManifest[] {
  if (!registered) throw new Error('module list not registered: import src/modules/index.ts (the app, the CLI and the test app do)');
  return registered();
}

export interface ReminderOptions {
  unitCodes?: readonly string[];
}

/** One thing a unit owes, for to-do lists, daily digests and escalation. */
export interface ReminderItem {
  /** Stable across runs for the same underlying duty and state (the dedupe key of notifications), e.g. `obligation:321323106211:vil:szxq:2026-Q3`. */
  key: string;
  /** The owing unit's code (org_units.code). */
  unitCode: string;
  /** Dotted kind, module first: `obligation`, `info-request.answer`, `info-request.clarification`, `rectification`, … */
  kind: string;
  /** Plain Chinese, one line: what is owed (e.g. 「2026年第3季度 财务收支情况」). */
  title: string;
  /** The last permitted day, YYYY-MM-DD. */
  dueDate: string;
  /** due-soon: on or before dueDate, within the module's warning window; overdue: after dueDate. */
  status: 'due-soon' | 'overdue';
  /** Working days past dueDate (0 when not overdue); drives escalation to the parent unit. */
  overdueWorkingDays: number;
  /** Where staff handle it: a path in the admin SPA, e.g. `/admin/requests/12`. */
  link: string;
}

/** What demo seeding reports back to the CLI (printed once, written to data/demo-accounts.json). */
export interface DemoSeedOutput {
  accounts: { username: string; password: string; role: string; unit: string; displayName: string }[];
  notes: string[];
}
