import { detectTextLanguage } from '../../core/text-language';

const documentLang = () => (typeof document === 'undefined' ? '' : document.documentElement.lang);

/**
 * The language of a short free text (an affiliation, a title) from its script, for its `lang`
 * attribute — the same judgement as everywhere (`detectTextLanguage`), with the page's language
 * as the fallback: Hangul → ko, kana → ja, Chinese characters alone → zh (ja on a Japanese
 * page), Latin → en. Undefined where the letters cannot tell: the text takes the page's language.
 */
export function textLang(text: string, pageLang: string = documentLang()): string | undefined {
  if (!/\p{L}/u.test(text)) return undefined;
  const lang = detectTextLanguage(text, pageLang || 'und');
  return lang === 'und' ? undefined : lang;
}
