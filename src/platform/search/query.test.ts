import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random.ts';
import { withinEditDistance } from './query.ts';

/** The plain Levenshtein distance: the reference the banded check must agree with. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const cur = [i];
    for (let j = 1; j <= b.length; j += 1) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

describe('did-you-mean: near-miss pinyin', () => {
  it('finds keys one or two letters off (dibo → dibao) and no others', () => {
    expect(withinEditDistance('dibo', 'dibao', 1)).toBe(true);
    expect(withinEditDistance('dibao', 'dibao', 0)).toBe(true);
    expect(withinEditDistance('tudiliuzhuan', 'tudiliuchuan', 1)).toBe(true);
    expect(withinEditDistance('dibao', 'tekun', 2)).toBe(false);
    expect(withinEditDistance('', 'ab', 2)).toBe(true);
    expect(withinEditDistance('', 'abc', 2)).toBe(false);
  });

  it('agrees with the full distance on random keys of a small alphabet (lengths 0–14, bounds 0–3)', () => {
    const rnd = seededRandom(20261207);
    const word = () => Array.from({ length: Math.floor(rnd() * 15) }, () => 'abcde'[Math.floor(rnd() * 5)]).join('');
    for (let k = 0; k < 3000; k += 1) {
      const a = word();
      const b = rnd() < 0.5 ? word() : a.slice(0, Math.floor(rnd() * (a.length + 1))) + word().slice(0, 2);
      const max = Math.floor(rnd() * 4);
      expect([a, b, max, withinEditDistance(a, b, max)]).toEqual([a, b, max, distance(a, b) <= max]);
    }
  });
});
