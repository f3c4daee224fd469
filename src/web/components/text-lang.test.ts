import { describe, expect, it } from 'vitest';
import { textLang } from './text-lang';

describe('textLang', () => {
  it('tells the language of an affiliation from its script where the script decides it', () => {
    expect(textLang('Korea National Diplomatic Academy', 'ko')).toBe('en');
    expect(textLang('국립외교원', 'en')).toBe('ko');
    expect(textLang('東京大学 ・ アジア研究センター', 'zh')).toBe('ja');
    expect(textLang('KINU 통일연구원', 'en')).toBe('ko');
    expect(textLang('—', 'ko')).toBeUndefined();
    expect(textLang('—')).toBeUndefined();
  });

  it('reads Chinese characters alone as Chinese, or as Japanese on a Japanese page (#9)', () => {
    expect(textLang('中国国际问题研究院', 'en')).toBe('zh');
    expect(textLang('中国国际问题研究院')).toBe('zh');
    expect(textLang('日本国際問題研究所', 'ja')).toBe('ja');
  });
});
