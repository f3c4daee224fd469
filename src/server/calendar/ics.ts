/**
 * An iCalendar (RFC 5545) writer for what Accord publishes: meetings and their sessions, in
 * their own time zones. Lines end in CRLF and are folded at 75 octets without splitting a UTF-8
 * sequence; TEXT values are escaped; every TZID used has its VTIMEZONE, built from the
 * runtime's zone data (Intl) for the years the events span.
 */
import { isTimeZone, offsetMinutes, toLocal } from '../../core/time';
import { vtimezoneLines } from './vtimezone';

const CRLF = '\r\n';
const MAX_OCTETS = 75;

const octets = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/** Folds one content line: no line longer than 75 octets, continuation lines start with a space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let used = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const n = octets(ch.codePointAt(0) ?? 0);
    if (used + n > limit) {
      parts.push(current);
      current = '';
      used = 0;
      limit = MAX_OCTETS - 1; // the leading space of a continuation line counts
    }
    current += ch;
    used += n;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines; drops other control characters. */
export function escapeText(value: string): string {
  let out = '';
  for (const ch of value.replace(/\r\n?/g, '\n')) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '\\' || ch === ';' || ch === ',') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if ((c < 0x20 && ch !== '\t') || c === 0x7f) continue;
    else out += ch;
  }
  return out;
}

/** A parameter value, quoted when it holds a character that would end it; DQUOTE cannot appear at all. */
function paramValue(value: string): string {
  const clean = [...value].filter((ch) => ch !== '"' && (ch.codePointAt(0) ?? 0) >= 0x20).join('');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 20270312T140000Z */
export function utcStamp(at: Date): string {
  return `${pad(at.getUTCFullYear(), 4)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}T${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}Z`;
}

/** The wall-clock reading of an instant in a zone, as a local DATE-TIME: 20270312T090000. */
export function localStamp(at: Date | number, zone: string): string {
  const shifted = new Date(new Date(at).getTime() + offsetMinutes(at, zone) * 60_000);
  return utcStamp(shifted).slice(0, -1);
}

const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu', 'GMT', 'Etc/GMT', 'Etc/GMT0', 'Etc/GMT+0', 'Etc/GMT-0', 'Etc/Greenwich', 'Greenwich']);

/**
 * Whether an instant can be written as a local time with TZID: the zone is known and not UTC,
 * and its local reading names this instant only. A reading that occurs twice (the hour repeated
 * when clocks go back) is written in UTC instead: RFC 5545 3.3.5 says it means the first, but
 * readers differ (ical.js takes the second), and a UTC time is read alike by all.
 */
export function writableInZone(at: Date, zone: string | null | undefined): zone is string {
  if (!zone || UTC_NAMES.has(zone) || !isTimeZone(zone)) return false;
  const t = at.getTime();
  const minute = t - (((t % 60_000) + 60_000) % 60_000);
  const local = toLocal(minute, zone);
  const asUtc = Date.parse(`${local}:00Z`);
  // Every instant whose reading is the same: one (this one) unless the hour is repeated.
  const offsets = new Set([offsetMinutes(t - 86_400_000, zone), offsetMinutes(t, zone), offsetMinutes(t + 86_400_000, zone)]);
  return [...offsets].map((off) => asUtc - off * 60_000).every((c) => c === minute || toLocal(c, zone) !== local);
}

export interface Person {
  email: string;
  name?: string | null;
}

export interface IcsEvent {
  uid: string;
  sequence: number;
  /** With a METHOD: when the object was made; without: when the event was last revised. */
  dtstamp: Date;
  lastModified?: Date | null;
  created?: Date | null;
  start: Date;
  end?: Date | null;
  /** The IANA zone the times are written in (TZID); UTC when null, unknown or ambiguous. */
  timeZone: string | null;
  summary: string;
  description?: string | null;
  location?: string | null;
  url?: string | null;
  status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  /** The UID of the event this one belongs to (a session's meeting). */
  relatedTo?: string | null;
  organizer?: Person | null;
  attendees?: (Person & { partstat: 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE'; rsvp?: boolean })[];
}

export interface IcsCalendar {
  /** REQUEST or CANCEL for mail (RFC 5546); absent for a subscribed feed. */
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  name?: string | null;
  description?: string | null;
  /** How often subscribers should fetch again (RFC 7986 REFRESH-INTERVAL). */
  refreshMinutes?: number;
  events: IcsEvent[];
}

export const PRODID = '-//Accord//Accord study groups//EN';

class Lines {
  readonly list: string[] = [];
  raw(name: string, value: string, params: Record<string, string | undefined> = {}) {
    const p = Object.entries(params)
      .filter((e): e is [string, string] => e[1] !== undefined)
      .map(([k, v]) => `;${k}=${paramValue(v)}`)
      .join('');
    this.list.push(`${name}${p}:${value}`);
  }
  text(name: string, value: string | null | undefined, params: Record<string, string | undefined> = {}) {
    if (value !== null && value !== undefined && value !== '') this.raw(name, escapeText(value), params);
  }
  time(name: string, at: Date, zone: string | null) {
    if (writableInZone(at, zone)) this.raw(name, localStamp(at, zone), { TZID: zone });
    else this.raw(name, utcStamp(at));
  }
}

/** The years, per zone, that the events' local times fall in: what each VTIMEZONE must cover. */
function zoneYears(events: readonly IcsEvent[]): Map<string, { from: number; to: number }> {
  const out = new Map<string, { from: number; to: number }>();
  for (const e of events) {
    for (const at of [e.start, e.end]) {
      if (!at || !writableInZone(at, e.timeZone)) continue;
      const zone = e.timeZone as string;
      const year = Number(toLocal(at, zone).slice(0, 4));
      const span = out.get(zone);
      out.set(zone, span ? { from: Math.min(span.from, year), to: Math.max(span.to, year) } : { from: year, to: year });
    }
  }
  return out;
}

function mailto(p: Person) {
  return `mailto:${p.email}`;
}

/** The whole calendar object, CRLF-terminated and folded. */
export function buildCalendar(cal: IcsCalendar): string {
  const l = new Lines();
  l.raw('BEGIN', 'VCALENDAR');
  l.raw('VERSION', '2.0');
  l.raw('PRODID', PRODID);
  l.raw('CALSCALE', 'GREGORIAN');
  if (cal.method) l.raw('METHOD', cal.method);
  l.text('NAME', cal.name);
  l.text('X-WR-CALNAME', cal.name);
  l.text('X-WR-CALDESC', cal.description);
  if (cal.refreshMinutes) {
    l.raw('REFRESH-INTERVAL', `PT${cal.refreshMinutes}M`, { VALUE: 'DURATION' });
    l.raw('X-PUBLISHED-TTL', `PT${cal.refreshMinutes}M`);
  }
  const zones = [...zoneYears(cal.events)].sort(([a], [b]) => a.localeCompare(b));
  for (const [zone, span] of zones) l.list.push(...vtimezoneLines(zone, span.from, span.to));
  for (const e of cal.events) {
    l.raw('BEGIN', 'VEVENT');
    l.text('UID', e.uid);
    l.raw('SEQUENCE', String(Math.max(0, Math.trunc(e.sequence))));
    l.raw('DTSTAMP', utcStamp(e.dtstamp));
    if (e.created) l.raw('CREATED', utcStamp(e.created));
    if (e.lastModified) l.raw('LAST-MODIFIED', utcStamp(e.lastModified));
    l.time('DTSTART', e.start, e.timeZone);
    if (e.end && e.end > e.start) l.time('DTEND', e.end, e.timeZone);
    l.text('SUMMARY', e.summary);
    l.text('LOCATION', e.location);
    l.text('DESCRIPTION', e.description);
    if (e.url) l.raw('URL', e.url, { VALUE: 'URI' });
    l.raw('STATUS', e.status);
    l.text('RELATED-TO', e.relatedTo);
    if (e.organizer) l.raw('ORGANIZER', mailto(e.organizer), { CN: e.organizer.name ?? undefined });
    for (const a of e.attendees ?? []) {
      l.raw('ATTENDEE', mailto(a), { CN: a.name ?? undefined, ROLE: 'REQ-PARTICIPANT', PARTSTAT: a.partstat, RSVP: a.rsvp ? 'TRUE' : 'FALSE' });
    }
    l.raw('END', 'VEVENT');
  }
  l.raw('END', 'VCALENDAR');
  return l.list.map(foldLine).join(CRLF) + CRLF;
}
