import type { Locale } from '../../../core/charter';

/** The BCP 47 tag for Intl (as i18n's intlLocale; kept here so that this file needs no browser). */
const intlLocale = (locale: Locale) => (locale === 'zh' ? 'zh-Hans-CN' : locale);

const DAY = 86_400_000;

/**
 * A plain date ('YYYY-MM-DD') or month ('YYYY-MM') as a span of UTC days. Plain dates have no
 * time zone: computing and formatting them in UTC keeps them the same day everywhere.
 */
export function plainSpan(date: string): { start: number; end: number } | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (day) {
    const t = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    return { start: t, end: t };
  }
  const month = /^(\d{4})-(\d{2})$/.exec(date);
  if (month) {
    const start = Date.UTC(Number(month[1]), Number(month[2]) - 1, 1);
    const end = Date.UTC(Number(month[1]), Number(month[2]), 1) - DAY;
    return { start, end };
  }
  return null;
}

/** '2019-09-01' → '1 Sept 2019' / '2019. 9. 1.' / '2019年9月1日', never shifted by a time zone. */
export function formatPlainDay(date: string, locale: Locale, style: 'medium' | 'long' = 'medium'): string {
  const span = plainSpan(date);
  if (!span) return date;
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: style, timeZone: 'UTC' }).format(span.start);
}

/** '2019-10' → 'Oct 2019' / '2019년 10월'; with 'long', the month's full name. */
export function formatPlainMonth(month: string, locale: Locale, style: 'short' | 'long' = 'long'): string {
  const span = plainSpan(month);
  if (!span) return month;
  return new Intl.DateTimeFormat(intlLocale(locale), { year: 'numeric', month: style, timeZone: 'UTC' }).format(span.start);
}

/** A year as the language writes it: 2020 / 2020년 / 2020年. */
export function formatYear(year: number, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, 0, 1));
}

export { DAY };
