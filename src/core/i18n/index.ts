import type { Locale } from '../charter';
import en from './locales/en.json';
import ja from './locales/ja.json';
import ko from './locales/ko.json';
import zh from './locales/zh.json';

export type Catalog = typeof en;
/** Every UI and mail string in the four languages; en is the source of keys. */
export const catalogs: Record<Locale, Catalog> = { en, ko, zh, ja };

export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', ko: '한국어', zh: '中文', ja: '日本語' };

/** Picks the best supported language from a browser's or client's preference list. */
export function pickLocale(preferences: readonly string[] | undefined | null, fallback: Locale = 'en'): Locale {
  for (const pref of preferences ?? []) {
    const base = pref.trim().toLowerCase().split(/[-_;]/)[0];
    if (base === 'en' || base === 'ko' || base === 'zh' || base === 'ja') return base;
  }
  return fallback;
}

/** Parses an Accept-Language header into tags ordered by preference. */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: (tag ?? '').trim(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((x) => x.tag);
}
