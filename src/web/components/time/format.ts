/**
 * Times written for people, in a given zone and UI language. Pure (Intl only); the components
 * in this folder add the zone's name and offset and the viewer's own reading beside them.
 * Clocks read 24-hour in every language: the participants live on both sides of noon.
 */
import type { Locale } from '../../../core/charter';

const intlTag = (locale: Locale) => (locale === 'zh' ? 'zh-Hans-CN' : locale);
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlTag(locale), { ...options, timeZone: zone });
    cache.set(key, f);
  }
  return f;
}

const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const DAY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };

const asDate = (t: Date | number | string) => new Date(t);

/** '09:00' in the zone. */
export function formatClock(at: Date | number | string, zone: string, locale: Locale): string {
  return formatter(locale, zone, CLOCK).format(asDate(at));
}

/** '09:00 – 10:30' in the zone (the day is said elsewhere). */
export function formatClockSpan(start: Date | number | string, end: Date | number | string, zone: string, locale: Locale): string {
  return `${formatClock(start, zone, locale)} – ${formatClock(end, zone, locale)}`;
}

/** 'Fri, Mar 12, 09:00' / '3월 12일 (금) 09:00', with the year when asked. */
export function formatDayTime(at: Date | number | string, zone: string, locale: Locale, withYear = false): string {
  return formatter(locale, zone, { ...DAY, ...(withYear ? { year: 'numeric' } : {}), ...CLOCK }).format(asDate(at));
}

/** 'Fri, Mar 12, 09:00 – 10:30', or with both days when it runs past midnight in the zone. */
export function formatDayTimeSpan(start: Date | number | string, end: Date | number | string, zone: string, locale: Locale, withYear = false): string {
  const f = formatter(locale, zone, { ...DAY, ...(withYear ? { year: 'numeric' } : {}), ...CLOCK });
  try {
    return f.formatRange(asDate(start), asDate(end));
  } catch {
    return `${f.format(asDate(start))} – ${f.format(asDate(end))}`;
  }
}

/** 'Fri, Mar 12' in the zone. */
export function formatDay(at: Date | number | string, zone: string, locale: Locale): string {
  return formatter(locale, zone, DAY).format(asDate(at));
}

/** 'Mar 12 – 16, 2021' / '2021년 3월 12일~16일': the days a meeting runs, in its zone. */
export function formatDaySpan(start: Date | number | string, end: Date | number | string | null, zone: string, locale: Locale): string {
  const f = formatter(locale, zone, { day: 'numeric', month: 'short', year: 'numeric' });
  if (!end) return f.format(asDate(start));
  try {
    return f.formatRange(asDate(start), asDate(end));
  } catch {
    return `${f.format(asDate(start))} – ${f.format(asDate(end))}`;
  }
}

/** A plain date 'YYYY-MM-DD' as a heading: 'Friday, March 12, 2021' / '2021년 3월 12일 금요일'. */
export function formatPlainDayLong(date: string, locale: Locale): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return formatter(locale, 'UTC', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(t);
}

/** A plain date 'YYYY-MM-DD', short: 'Fri, Mar 12' / '3월 12일 (금)'. */
export function formatPlainDayShort(date: string, locale: Locale): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return formatter(locale, 'UTC', DAY).format(t);
}

/** A wall-clock 'YYYY-MM-DDTHH:mm' as written, with no zone applied: 'Sun, Mar 14, 02:00'. */
export function formatWallClock(local: string, locale: Locale): string {
  const t = Date.UTC(Number(local.slice(0, 4)), Number(local.slice(5, 7)) - 1, Number(local.slice(8, 10)), Number(local.slice(11, 13)), Number(local.slice(14, 16)));
  return formatter(locale, 'UTC', { ...DAY, ...CLOCK }).format(t);
}

/** A zone's own name for itself at an instant: 'Eastern Standard Time' / '미 동부 표준시'. */
export function zoneLongName(at: Date | number | string, zone: string, locale: Locale): string {
  try {
    return formatter(locale, zone, { timeZoneName: 'long' }).formatToParts(asDate(at)).find((p) => p.type === 'timeZoneName')?.value ?? zone;
  } catch {
    return zone;
  }
}
