/**
 * Time zones as people read them: a place's name, its offset at a moment, the clock changes
 * inside a span, and whether a wall-clock time exists. Pure (Intl only) so that it is tested
 * without a browser; the reading itself is src/core/time.ts, shared with the server.
 */
import type { Locale } from '../../../core/charter';
import { CAPITAL_ZONES, formatOffset, fromLocal, isTimeZone, offsetMinutes, toLocal } from '../../../core/time';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * A zone's place in the reader's script, for the zones people in the region most often meet in;
 * others read as their IANA city ('America/Argentina/Buenos_Aires' → 'Buenos Aires').
 */
const PLACES: Record<string, Partial<Record<Exclude<Locale, 'en'>, string>>> = {
  'Asia/Seoul': { ko: '서울', zh: '首尔', ja: 'ソウル' },
  'Asia/Pyongyang': { ko: '평양', zh: '平壤', ja: '平壌' },
  'Asia/Shanghai': { ko: '베이징', zh: '北京', ja: '北京' },
  'Asia/Hong_Kong': { ko: '홍콩', zh: '香港', ja: '香港' },
  'Asia/Taipei': { ko: '타이베이', zh: '台北', ja: '台北' },
  'Asia/Tokyo': { ko: '도쿄', zh: '东京', ja: '東京' },
  'Asia/Ulaanbaatar': { ko: '울란바토르', zh: '乌兰巴托', ja: 'ウランバートル' },
  'Asia/Singapore': { ko: '싱가포르', zh: '新加坡', ja: 'シンガポール' },
  'Asia/Kuala_Lumpur': { ko: '쿠알라룸푸르', zh: '吉隆坡', ja: 'クアラルンプール' },
  'Asia/Jakarta': { ko: '자카르타', zh: '雅加达', ja: 'ジャカルタ' },
  'Asia/Bangkok': { ko: '방콕', zh: '曼谷', ja: 'バンコク' },
  'Asia/Manila': { ko: '마닐라', zh: '马尼拉', ja: 'マニラ' },
  'Asia/Ho_Chi_Minh': { ko: '호찌민', zh: '胡志明市', ja: 'ホーチミン' },
  'Asia/Phnom_Penh': { ko: '프놈펜', zh: '金边', ja: 'プノンペン' },
  'Asia/Brunei': { ko: '브루나이', zh: '文莱', ja: 'ブルネイ' },
  'Asia/Kolkata': { ko: '콜카타', zh: '加尔各答', ja: 'コルカタ' },
  'Asia/Calcutta': { ko: '콜카타', zh: '加尔各答', ja: 'コルカタ' },
  'Australia/Sydney': { ko: '시드니', zh: '悉尼', ja: 'シドニー' },
  'Australia/Melbourne': { ko: '멜버른', zh: '墨尔本', ja: 'メルボルン' },
  'Pacific/Auckland': { ko: '오클랜드', zh: '奥克兰', ja: 'オークランド' },
  'Pacific/Port_Moresby': { ko: '포트모르즈비', zh: '莫尔兹比港', ja: 'ポートモレスビー' },
  'America/New_York': { ko: '뉴욕', zh: '纽约', ja: 'ニューヨーク' },
  'America/Chicago': { ko: '시카고', zh: '芝加哥', ja: 'シカゴ' },
  'America/Los_Angeles': { ko: '로스앤젤레스', zh: '洛杉矶', ja: 'ロサンゼルス' },
  'America/Toronto': { ko: '토론토', zh: '多伦多', ja: 'トロント' },
  'America/Vancouver': { ko: '밴쿠버', zh: '温哥华', ja: 'バンクーバー' },
  'Europe/Moscow': { ko: '모스크바', zh: '莫斯科', ja: 'モスクワ' },
  'Europe/Brussels': { ko: '브뤼셀', zh: '布鲁塞尔', ja: 'ブリュッセル' },
  'Europe/London': { ko: '런던', zh: '伦敦', ja: 'ロンドン' },
  UTC: { ko: 'UTC', zh: 'UTC', ja: 'UTC' },
};

/** 'Asia/Seoul' → 'Seoul' / '서울' / '首尔' / 'ソウル'. */
export function zonePlace(zone: string, locale: Locale): string {
  if (locale !== 'en') {
    const local = PLACES[zone]?.[locale];
    if (local) return local;
  }
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

export { capitalZone } from '../../../core/time';

/** Names some runtimes still list under their older spelling. */
const MODERN: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Europe/Kiev': 'Europe/Kyiv',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'America/Godthab': 'America/Nuuk',
  'Pacific/Enderbury': 'Pacific/Kanton',
};

let zoneList: string[] | null = null;

/** Every IANA zone the runtime knows, in their current spelling, with UTC. */
export function allTimeZones(): string[] {
  if (zoneList) return zoneList;
  let names: string[];
  try {
    names = Intl.supportedValuesOf('timeZone');
  } catch {
    names = Object.values(CAPITAL_ZONES);
  }
  const out = new Set<string>();
  for (const n of names) {
    const modern = MODERN[n];
    out.add(modern && isTimeZone(modern) ? modern : n);
  }
  for (const z of Object.values(CAPITAL_ZONES)) if (isTimeZone(z)) out.add(z);
  out.add('UTC');
  zoneList = [...out].sort();
  return zoneList;
}

/** 'UTC−05:00' for a zone at an instant. */
export function offsetLabel(instant: Date | number | string, zone: string): string {
  return formatOffset(offsetMinutes(new Date(instant), zone));
}

const dayNumber = (local: string) => Date.UTC(Number(local.slice(0, 4)), Number(local.slice(5, 7)) - 1, Number(local.slice(8, 10))) / DAY;

/** How many calendar days later (or earlier, negative) an instant falls in `to` than in `from`. */
export function dayShift(instant: Date | number | string, from: string, to: string): number {
  const t = new Date(instant);
  return dayNumber(toLocal(t, to)) - dayNumber(toLocal(t, from));
}

/** Whether two zones read the same wall-clock time at every one of these instants. */
export function sameClock(instants: readonly (Date | number | string)[], a: string, b: string): boolean {
  return a === b || instants.every((i) => offsetMinutes(new Date(i), a) === offsetMinutes(new Date(i), b));
}

export interface ClockChange {
  /** The first instant at the new offset. */
  at: number;
  from: number;
  to: number;
  /** The wall-clock time the change happens at, read in the old offset ('YYYY-MM-DDTHH:mm'). */
  localBefore: string;
  /** The same moment read in the new offset. */
  localAfter: string;
}

function findChange(lo: number, hi: number, zone: string): ClockChange {
  const from = offsetMinutes(lo, zone);
  const to = offsetMinutes(hi, zone);
  // offset(lo) = from, offset(hi) = to: narrow down to the minute.
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (offsetMinutes(mid, zone) === from) lo = mid;
    else hi = mid;
  }
  const asWall = (t: number, offset: number) => new Date(t + offset * MINUTE).toISOString().slice(0, 16);
  return { at: hi, from, to, localBefore: asWall(hi, from), localAfter: asWall(hi, to) };
}

/** The clock changes (daylight saving) in a zone between two instants; at most a year is searched. */
export function clockChanges(start: Date | number | string, end: Date | number | string, zone: string): ClockChange[] {
  const a = new Date(start).getTime();
  const b = Math.min(new Date(end).getTime(), a + 366 * DAY);
  const out: ClockChange[] = [];
  const step = 6 * 3_600_000;
  let prevT = a;
  let prev = offsetMinutes(a, zone);
  for (let t = a + step; ; t += step) {
    const at = Math.min(t, b);
    const off = offsetMinutes(at, zone);
    if (off !== prev) out.push(findChange(prevT, at, zone));
    prevT = at;
    prev = off;
    if (at >= b) break;
  }
  return out;
}

export type LocalReading =
  | { kind: 'empty' }
  | { kind: 'invalid' }
  | { kind: 'ok'; instant: Date }
  /** The time is read twice that night (clocks go back): Accord takes the first. */
  | { kind: 'repeated'; instant: Date; change: ClockChange }
  /** The time does not exist that day (clocks go forward over it). */
  | { kind: 'skipped'; change: ClockChange };

/** What a wall-clock time typed for a meeting names in its zone, with any clock change involved. */
export function readLocal(local: string, zone: string): LocalReading {
  if (!local) return { kind: 'empty' };
  if (!isTimeZone(zone)) return { kind: 'invalid' };
  const r = fromLocal(local, zone);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return { kind: 'invalid' };
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (!r.ok) {
    if (r.reason !== 'nonexistent') return { kind: 'invalid' };
    const [change] = clockChanges(asUtc - DAY, asUtc + DAY, zone);
    return change ? { kind: 'skipped', change } : { kind: 'invalid' };
  }
  const before = offsetMinutes(r.instant.getTime() - DAY, zone);
  const after = offsetMinutes(r.instant.getTime() + DAY, zone);
  if (before !== after) {
    const other = r.instant.getTime() + (before - after) * MINUTE;
    if (other !== r.instant.getTime() && toLocal(other, zone) === local) {
      const [change] = clockChanges(r.instant.getTime() - DAY, r.instant.getTime() + DAY, zone);
      if (change) return { kind: 'repeated', instant: r.instant, change };
    }
  }
  return { kind: 'ok', instant: r.instant };
}

/** The local date ('YYYY-MM-DD') and time ('HH:mm') of a 'YYYY-MM-DDTHH:mm' reading. */
export const splitLocal = (local: string) => ({ date: local.slice(0, 10), time: local.slice(11, 16) });

/** Minutes since the day's midnight of a 'YYYY-MM-DDTHH:mm' (or 'HH:mm') reading. */
export function minutesOfDay(local: string): number {
  const time = local.length > 5 ? local.slice(11, 16) : local;
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** A date plus minutes from its midnight, as 'YYYY-MM-DDTHH:mm' (minutes may run past the day). */
export function atMinutes(date: string, minutes: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + minutes * MINUTE;
  return new Date(t).toISOString().slice(0, 16);
}

/** The dates from `first` to `last` inclusive ('YYYY-MM-DD'), at most 62. */
export function datesBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = dayNumber(first); d <= dayNumber(last) && out.length < 62; d++) out.push(new Date(d * DAY).toISOString().slice(0, 10));
  return out;
}
