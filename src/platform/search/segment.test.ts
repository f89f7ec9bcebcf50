import { describe, expect, it } from 'vitest';
import { normalizeText, pinyinKeys, pinyinTokens, segmentForIndex, segmentQuery } from './segment.ts';

describe('segmentation', () => {
  it('keeps domain words whole and adds search-mode words and bigrams', () => {
    const t = segmentForIndex('城厢街道2026年第三季度城乡最低生活保障对象名单公示').split(' ');
    expect(t).toContain('最低生活保障');
    expect(t).toContain('名单');
    expect(t).toContain('2026');
    expect(t).toContain('生活');
    expect(t).toContain('低生'); // a bigram: partial strings still match
    expect(segmentQuery('低保名单')).toBe('低保 名单');
    expect(segmentQuery('耕地地力保护补贴')).toBe('耕地地力保护补贴');
  });

  it('normalizes full-width characters and case', () => {
    expect(normalizeText('ＡＢＣ１２３')).toBe('abc123');
    expect(segmentForIndex('ＰＤＦ 文件 ２０２６')).toContain('pdf');
    expect(segmentForIndex('ＰＤＦ 文件 ２０２６')).toContain('2026');
  });

  it('derives pinyin, per-word pinyin and initials', () => {
    expect(pinyinKeys('低保名单')).toEqual({ full: 'dibaomingdan', words: ['dibao', 'mingdan'], initials: 'dbmd' });
    expect(pinyinKeys('政务公开').initials).toBe('zwgk');
    expect(pinyinKeys('银行').full).toBe('yinhang'); // polyphone read in context
    const tokens = pinyinTokens('城厢街道低保名单公示').split(' ');
    expect(tokens).toContain('dibaomingdangongshi');
    expect(tokens).toContain('dbmdgs');
    expect(tokens).toContain('cxjddbmdgs');
  });
});
