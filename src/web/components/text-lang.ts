/**
 * A best guess at the language of a short free text (an affiliation) from its script, for its
 * `lang` attribute: Hangul → ko, kana → ja, Latin letters only → en. Chinese characters alone
 * could be Chinese or Japanese: undefined, so the text takes the page's language.
 */
export function textLang(text: string): string | undefined {
  if (/\p{Script=Hangul}/u.test(text)) return 'ko';
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return 'ja';
  if (/\p{Script=Han}/u.test(text)) return undefined;
  return /\p{Script=Latin}/u.test(text) ? 'en' : undefined;
}
