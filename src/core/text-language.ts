import type { Locale } from './charter';

/**
 * The language a text is written in, judged from its letters' scripts, for everything that
 * labels a text ("Written in Chinese", `lang` attributes, fonts and line breaking): an agenda
 * item, a draft, a sub-group's charter. The author's UI language is only the fallback, for
 * what the letters cannot tell.
 *
 * - Hangul → ko; kana (with or without kanji) → ja.
 * - Han characters without kana → zh (simplified and traditional alike). Han alone cannot tell
 *   Chinese from Japanese written only in kanji: when the fallback is Japanese it stays ja, a
 *   Chinese fallback keeps its tag (zh-Hant); otherwise zh. Forms show the result, so the
 *   author can correct it.
 * - Latin letters → the fallback when it is not one of the CJK languages (en, fr…), else en.
 * - Mixed scripts: the script with the most weight wins, a CJK character counting as three
 *   Latin letters (a word's worth): 'WTO 가입' is Korean, 'Submarine cable repair (海底电缆)' English.
 * - No letters (digits, punctuation, nothing), or mostly another script: the fallback.
 */
const HANGUL = /\p{Script=Hangul}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;
/** One CJK character weighs about as much as a word of three Latin letters. */
const CJK_WEIGHT = 3;

const primary = (tag: string) => tag.toLowerCase().split('-')[0] ?? '';
const isCjk = (tag: string) => ['ko', 'ja', 'zh'].includes(primary(tag));

export function detectTextLanguage(text: string, fallback: string): string {
  let hangul = 0;
  let kana = 0;
  let han = 0;
  let latin = 0;
  let other = 0;
  for (const ch of text) {
    if (!LETTER.test(ch)) continue;
    if (HANGUL.test(ch)) hangul++;
    else if (KANA.test(ch)) kana++;
    else if (HAN.test(ch)) han++;
    else if (LATIN.test(ch)) latin++;
    else other++;
  }
  if (hangul + kana + han + latin + other === 0) return fallback;
  // Han characters belong to the Japanese text they are written with, or the Korean (hanja).
  const scores = {
    ja: kana ? (kana + han) * CJK_WEIGHT : 0,
    ko: (hangul + (kana ? 0 : hangul ? han : 0)) * CJK_WEIGHT,
    zh: kana || hangul ? 0 : han * CJK_WEIGHT,
    latin,
    other,
  };
  const [best] = (Object.entries(scores) as [keyof typeof scores, number][]).sort((a, b) => b[1] - a[1]);
  switch (best?.[0]) {
    case 'ko':
      return 'ko';
    case 'ja':
      return 'ja';
    case 'zh':
      return primary(fallback) === 'ja' ? 'ja' : primary(fallback) === 'zh' ? fallback : 'zh';
    case 'latin':
      return isCjk(fallback) || primary(fallback) === 'und' ? 'en' : fallback;
    default:
      return fallback;
  }
}

/** The same, narrowed to the four languages a charter may be written in. */
export function detectLocale(text: string, fallback: Locale): Locale {
  const lang = primary(detectTextLanguage(text, fallback));
  return lang === 'ko' || lang === 'zh' || lang === 'ja' || lang === 'en' ? lang : fallback;
}
