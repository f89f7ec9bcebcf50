import { describe, expect, it } from 'vitest';
import { normalizeText, pinyinKeys, pinyinTokens, segmentQuery, textTokens } from './segment.ts';

describe('segmentation', () => {
  it('indexes character bigrams in order (phrases need the positions), runs of one character whole, ASCII runs whole', () => {
    expect(textTokens(normalizeText('2026年城乡低保，（一）村'))).toBe('2026 年城 城乡 乡低 低保 一 村');
    // Titles and unit names also get every character once (one-character queries), after the bigrams.
    expect(textTokens('卜湖社区', true)).toBe('卜湖 湖社 社区 卜 湖 社 区');
    // Characters outside the Basic Multilingual Plane (CJK Extension B) are characters too.
    expect(textTokens('𠀀𠀁中')).toBe('𠀀𠀁 𠀁中');
    expect(textTokens('')).toBe('');
    expect(textTokens('a'.repeat(80))).toBe('a'.repeat(64));
    expect(segmentQuery('低保名单')).toBe('低保 名单');
    expect(segmentQuery('耕地地力保护补贴')).toBe('耕地地力保护补贴');
  });

  it('normalizes full-width characters and case', () => {
    expect(normalizeText('ＡＢＣ１２３')).toBe('abc123');
    expect(textTokens(normalizeText('ＰＤＦ 文件 ２０２６'))).toBe('pdf 文件 2026');
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
