import { describe, expect, it } from 'vitest';
import { detectLocale, detectTextLanguage } from './text-language';

describe('the language a text is written in', () => {
  it('is Chinese for Han text without kana, whatever the author reads the screens in (#9)', () => {
    expect(detectTextLanguage('海底电缆维修许可的简化', 'en')).toBe('zh');
    expect(detectTextLanguage('海底電纜維修許可的簡化', 'en')).toBe('zh');
    expect(detectTextLanguage('海底电缆维修许可的简化', 'ko')).toBe('zh');
    // A Chinese author's own tag is kept; a Japanese author writing only kanji stays Japanese.
    expect(detectTextLanguage('海底電纜維修許可的簡化', 'zh-Hant')).toBe('zh-Hant');
    expect(detectTextLanguage('海底ケーブル', 'en')).toBe('ja');
    expect(detectTextLanguage('日本国際問題研究所', 'ja')).toBe('ja');
  });

  it('is Korean for Hangul (hanja included) and Japanese for kana', () => {
    expect(detectTextLanguage('해저 케이블 수리 허가 간소화', 'en')).toBe('ko');
    expect(detectTextLanguage('南北 관계의 신뢰 구축', 'zh')).toBe('ko');
    expect(detectTextLanguage('海上での偶発的衝突の防止', 'en')).toBe('ja');
    expect(detectTextLanguage('東京大学 ・ アジア研究センター', 'zh')).toBe('ja');
  });

  it('is the author’s Latin-script language, or English, for Latin letters', () => {
    expect(detectTextLanguage('Arctic shipping routes', 'en')).toBe('en');
    expect(detectTextLanguage('Arctic shipping routes', 'ko')).toBe('en');
    expect(detectTextLanguage('Routes maritimes de l’Arctique', 'fr')).toBe('fr');
    expect(detectTextLanguage('Arctic shipping routes', 'zh-Hant')).toBe('en');
  });

  it('follows the script with the most weight in mixed text', () => {
    expect(detectTextLanguage('WTO 가입 이후', 'en')).toBe('ko');
    expect(detectTextLanguage('APEC与海底电缆维修', 'en')).toBe('zh');
    expect(detectTextLanguage('Submarine cable repair permits (海底电缆)', 'zh')).toBe('en');
    expect(detectTextLanguage('ASEAN地域フォーラム', 'en')).toBe('ja');
  });

  it('keeps the author’s language where the letters cannot tell', () => {
    expect(detectTextLanguage('', 'ko')).toBe('ko');
    expect(detectTextLanguage('2019 — 2021 (3)', 'ja')).toBe('ja');
    expect(detectTextLanguage('Морские пути', 'ko')).toBe('ko');
  });

  it('narrows to the four charter languages', () => {
    expect(detectLocale('海底电缆维修许可的简化', 'en')).toBe('zh');
    expect(detectLocale('Routes maritimes', 'ko')).toBe('en');
    expect(detectLocale('—', 'ja')).toBe('ja');
  });
});
