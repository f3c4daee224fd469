/**
 * VTIMEZONE components (RFC 5545 3.6.5) built from the runtime's own zone data through Intl,
 * so a calendar file carries the rules it was written with: one observance from the start of
 * the first year the events fall in, then every change of offset until the end of the last
 * year, each written out (no RRULE to guess from a few samples).
 */
import { fromLocal, offsetMinutes } from '../../core/time';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface OffsetTransition {
  /** The first instant (ms) of the new offset. */
  at: number;
  /** Offsets from UTC in minutes, before and after. */
  from: number;
  to: number;
}

const floorMinute = (ms: number) => ms - (((ms % MINUTE) + MINUTE) % MINUTE);

/**
 * Every change of the zone's offset in [fromMs, toMs), to the minute. Probed once a day, then
 * narrowed by bisection; two changes within one day are both found.
 */
export function offsetTransitions(zone: string, fromMs: number, toMs: number): OffsetTransition[] {
  const out: OffsetTransition[] = [];
  const end = floorMinute(toMs);
  let lo = floorMinute(fromMs);
  let loOffset = offsetMinutes(lo, zone);
  while (lo < end) {
    const hi = Math.min(lo + DAY, end);
    if (offsetMinutes(hi, zone) === loOffset) {
      lo = hi;
      continue;
    }
    let a = lo;
    let b = hi;
    while (b - a > MINUTE) {
      const mid = a + Math.floor((b - a) / (2 * MINUTE)) * MINUTE;
      if (offsetMinutes(mid, zone) === loOffset) a = mid;
      else b = mid;
    }
    const to = offsetMinutes(b, zone);
    out.push({ at: b, from: loOffset, to });
    lo = b;
    loOffset = to;
  }
  return out;
}

/** +0900, -0500 (never -0000). */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** A local DATE-TIME (no Z) for an instant read with a given offset. */
function localAt(ms: number, offset: number): string {
  const d = new Date(ms + offset * MINUTE);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}T${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

const abbreviations = new Map<string, Intl.DateTimeFormat>();
/** EST, EDT, BST… when the runtime has a real abbreviation (not 'GMT+9'). */
function abbreviation(zone: string, ms: number): string | undefined {
  let f = abbreviations.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
    abbreviations.set(zone, f);
  }
  const name = f.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value;
  return name && /^[A-Z]{2,6}$/.test(name) ? name : undefined;
}

/** Daylight time is an offset above the year's lower one (January's or July's, for either hemisphere). */
function isDaylight(zone: string, ms: number, offset: number): boolean {
  const year = new Date(ms).getUTCFullYear();
  const standard = Math.min(offsetMinutes(Date.UTC(year, 0, 1), zone), offsetMinutes(Date.UTC(year, 6, 1), zone));
  return offset > standard;
}

function startOfLocalYear(zone: string, year: number): number {
  const r = fromLocal(`${String(year).padStart(4, '0')}-01-01T00:00`, zone);
  if (r.ok) return r.instant.getTime();
  const guess = Date.UTC(year, 0, 1);
  return guess - offsetMinutes(guess, zone) * MINUTE;
}

const cache = new Map<string, string[]>();
const CACHE_LIMIT = 500;

/** The VTIMEZONE of `zone` covering local years fromYear..toYear, as unfolded content lines. */
export function vtimezoneLines(zone: string, fromYear: number, toYear: number): string[] {
  const key = `${zone}|${fromYear}|${toYear}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const start = startOfLocalYear(zone, fromYear);
  const end = startOfLocalYear(zone, toYear + 1);
  const initial = offsetMinutes(start, zone);
  const observances: { at: number; from: number; to: number }[] = [{ at: start, from: initial, to: initial }, ...offsetTransitions(zone, start, end)];
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`, `X-LIC-LOCATION:${zone}`];
  for (const o of observances) {
    const kind = isDaylight(zone, o.at, o.to) ? 'DAYLIGHT' : 'STANDARD';
    const name = abbreviation(zone, o.at);
    lines.push(
      `BEGIN:${kind}`,
      // The onset, read as local time in the offset in force before it (RFC 5545 3.6.5).
      `DTSTART:${localAt(o.at, o.from)}`,
      `TZOFFSETFROM:${formatUtcOffset(o.from)}`,
      `TZOFFSETTO:${formatUtcOffset(o.to)}`,
      ...(name ? [`TZNAME:${name}`] : []),
      `END:${kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, lines);
  return lines;
}
