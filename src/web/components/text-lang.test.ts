import { describe, expect, it } from 'vitest';
import { textLang } from './text-lang';

describe('textLang', () => {
  it('tells the language of an affiliation from its script where the script decides it', () => {
    expect(textLang('Korea National Diplomatic Academy')).toBe('en');
    expect(textLang('국립외교원')).toBe('ko');
    expect(textLang('日本国際問題研究所')).toBeUndefined();
    expect(textLang('東京大学 ・ アジア研究センター')).toBe('ja');
    expect(textLang('中国国际问题研究院')).toBeUndefined();
    expect(textLang('KINU 통일연구원')).toBe('ko');
    expect(textLang('—')).toBeUndefined();
  });
});
