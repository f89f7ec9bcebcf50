import type { AppConfig } from './config/config.ts';
import type { Db, Dialect } from './db/database.ts';

/** The time source. Domain code takes `now` from here (or as an argument), never from `new Date()`. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** Everything a command needs from the platform. */
export interface AppContext {
  db: Db;
  dialect: Dialect;
  config: AppConfig;
  clock: Clock;
  logger: Logger;
  /** The SQLite database file (`:memory:` in tests); absent on PostgreSQL. The backup copies it with SQLite's online backup API. */
  sqliteFile?: string;
  /**
   * Set by a batch (demo seeding, imports: command.ts inBatch): publishing collects here the records whose search
   * document changed instead of re-indexing each one, and the batch indexes them once at its end.
   */
  searchBatch?: Set<string>;
}

/** Formatted dates by day number: a page lists dozens of dates, and formatting each was 3% of a village page. */
const chinaDays = new Map<number, string>();

/** The local (China Standard Time, UTC+8) calendar date of an instant, as YYYY-MM-DD. */
export function chinaDate(instant: Date): string {
  const day = Math.floor((instant.getTime() + 8 * 3600_000) / 86_400_000);
  let text = chinaDays.get(day);
  if (text === undefined) {
    text = new Date(day * 86_400_000).toISOString().slice(0, 10);
    // Every day of two centuries fits; beyond that, formatted each time.
    if (chinaDays.size < 75_000) chinaDays.set(day, text);
  }
  return text;
}
