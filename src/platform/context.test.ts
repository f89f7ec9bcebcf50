import { describe, expect, it } from 'vitest';
import { chinaDate } from './context.ts';

describe('chinaDate (UTC+8 calendar date of an instant)', () => {
  it('turns over at 16:00 UTC, the midnight of China Standard Time', () => {
    expect(chinaDate(new Date('2026-09-30T15:59:59.999Z'))).toBe('2026-09-30');
    expect(chinaDate(new Date('2026-09-30T16:00:00.000Z'))).toBe('2026-10-01');
  });

  it('answers the same for a remembered day and across month, leap day and year ends', () => {
    for (let i = 0; i < 2; i++) {
      expect(chinaDate(new Date('2028-02-28T16:30:00Z'))).toBe('2028-02-29');
      expect(chinaDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
      expect(chinaDate(new Date('1969-12-31T15:00:00Z'))).toBe('1969-12-31');
      expect(chinaDate(new Date('1969-12-31T16:00:00Z'))).toBe('1970-01-01');
    }
  });

  it('agrees with the plain formatting for every hour of a year', () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (let h = 0; h < 366 * 24; h += 1) {
      const at = new Date(start + h * 3600_000 + 1234);
      expect(chinaDate(at)).toBe(new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10));
    }
  });

  it('refuses an invalid instant', () => {
    expect(() => chinaDate(new Date('not a date'))).toThrow(RangeError);
  });
});
