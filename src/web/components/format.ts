import type { Locale } from '../../core/charter';
import type { PersonNames } from '../../core/people';
import { intlLocale } from '../i18n';

/** A term's plain date ('YYYY-MM-DD') exactly as stored: no time zone can shift it a day. */
export function formatPlainDate(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : date.slice(0, 10);
}

/** '2019-10' → 'October 2019' / '2019년 10월' / '2019年10月', in the UI language. */
export function formatMonth(month: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const when = Date.UTC(Number(m[1]), Number(m[2]) - 1, 1);
  return new Intl.DateTimeFormat(intlLocale(locale), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(when);
}

/** An instant, in a given IANA zone (or the browser's when none is given). */
export function formatDateTime(iso: string, locale: Locale, timeZone?: string | null, withZone = false): string {
  try {
    return new Intl.DateTimeFormat(intlLocale(locale), {
      dateStyle: 'medium',
      timeStyle: 'short',
      ...(timeZone ? { timeZone } : {}),
      ...(withZone ? { timeZoneName: 'short' } : {}),
    }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  }
}

export function formatDate(iso: string, locale: Locale, timeZone?: string | null): string {
  try {
    return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium' }).format(new Date(iso));
  }
}

/** A range of instants in one zone, e.g. '14–16 Oct 2019, 09:00 – 17:00 KST'. */
export function formatRange(startIso: string, endIso: string | null, locale: Locale, timeZone?: string | null): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) };
  try {
    const fmt = new Intl.DateTimeFormat(intlLocale(locale), options);
    return endIso ? fmt.formatRange(new Date(startIso), new Date(endIso)) : fmt.format(new Date(startIso));
  } catch {
    return formatDateTime(startIso, locale);
  }
}

/** The name of a language, in the UI language: 'en' → 'English' / '영어' / '英语' / '英語'. */
export function languageName(code: string, uiLocale: Locale): string {
  try {
    return new Intl.DisplayNames([intlLocale(uiLocale)], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const SCRIPT_FOR_LOCALE: Partial<Record<Locale, { key: keyof PersonNames; lang: string }>> = {
  ko: { key: 'hangul', lang: 'ko' },
  zh: { key: 'hanzi', lang: 'zh' },
  ja: { key: 'kanji', lang: 'ja' },
};

/**
 * How to write a person's name for a reader of `locale`: the name in that language's script
 * when the person has one, with the Latin name beside it.
 */
export function personNameParts(names: PersonNames, displayName: string, locale: Locale): { local?: { text: string; lang: string }; latin: string } {
  const latin = names.latin ?? displayName;
  const script = SCRIPT_FOR_LOCALE[locale];
  const local = script ? names[script.key] : undefined;
  return local && local !== latin ? { local: { text: local, lang: script?.lang ?? locale }, latin } : { latin };
}

/** A short, human description of a browser from its User-Agent, e.g. 'Chrome on macOS'. */
export function describeUserAgent(ua: string): string {
  const browser =
    /Edg\//.test(ua) ? 'Edge'
    : /OPR\/|Opera/.test(ua) ? 'Opera'
    : /Firefox\//.test(ua) ? 'Firefox'
    : /SamsungBrowser\//.test(ua) ? 'Samsung Internet'
    : /Whale\//.test(ua) ? 'Whale'
    : /(Chrome|Chromium|CriOS)\//.test(ua) ? 'Chrome'
    : /Safari\//.test(ua) ? 'Safari'
    : /curl|node|undici|python|Go-http/i.test(ua) ? ua.split(/[\s/]/)[0] ?? ua
    : null;
  const os =
    /iPhone|iPad|iPod/.test(ua) ? 'iOS'
    : /Android/.test(ua) ? 'Android'
    : /Mac OS X|Macintosh/.test(ua) ? 'macOS'
    : /Windows/.test(ua) ? 'Windows'
    : /CrOS/.test(ua) ? 'ChromeOS'
    : /Linux/.test(ua) ? 'Linux'
    : null;
  if (browser && os) return `${browser} · ${os}`;
  return browser ?? os ?? (ua.length > 60 ? `${ua.slice(0, 57)}…` : ua);
}
