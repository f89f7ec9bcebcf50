import type { Clock } from '../../src/platform/context.ts';

/** A clock tests move by hand (domain code reads time only through a Clock). */
export class TestClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  /** Sets the clock to an instant (ISO-8601). */
  set(iso: string): void {
    this.current = new Date(iso);
  }
  /** Sets the clock to 10:00 China time on a date (YYYY-MM-DD). */
  day(date: string): void {
    this.current = new Date(`${date}T02:00:00.000Z`);
  }
}
