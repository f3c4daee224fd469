/**
 * Wall-clock times in an IANA zone and the instants they name, with Intl only (no Node, no
 * DOM), so the server and the web app agree. A local time that does not exist (skipped by a
 * daylight-saving change) is refused; one that exists twice (repeated) means the first.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, f);
  }
  return f;
}

/** Whether the runtime knows this IANA zone. */
export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading of an instant in a zone, as 'YYYY-MM-DDTHH:mm'. */
export function toLocal(instant: Date | number, zone: string): string {
  const parts = Object.fromEntries(formatter(zone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The zone's offset from UTC at an instant, in minutes (Seoul +540, Washington in winter −300). */
export function offsetMinutes(instant: Date | number, zone: string): number {
  const t = new Date(instant).getTime();
  const local = toLocal(t, zone);
  const m = LOCAL.exec(local);
  if (!m) return 0;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  return Math.round((asUtc - (t - (t % 60_000))) / 60_000);
}

export type LocalToInstant = { ok: true; instant: Date } | { ok: false; reason: 'malformed' | 'unknown_zone' | 'nonexistent' };

/** The instant a wall-clock time in a zone names. */
export function fromLocal(local: string, zone: string): LocalToInstant {
  const m = LOCAL.exec(local);
  if (!m) return { ok: false, reason: 'malformed' };
  if (!isTimeZone(zone)) return { ok: false, reason: 'unknown_zone' };
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  if (new Date(asUtc).getUTCDate() !== d || mo < 1 || mo > 12 || h > 23 || mi > 59) return { ok: false, reason: 'malformed' };
  // The offset before and after any change near this time; a candidate is right if it reads back.
  const candidates = [...new Set([offsetMinutes(asUtc - 86_400_000, zone), offsetMinutes(asUtc + 86_400_000, zone), offsetMinutes(asUtc, zone)])]
    .map((off) => asUtc - off * 60_000)
    .filter((t) => toLocal(t, zone) === local)
    .sort((a, b) => a - b);
  const first = candidates[0];
  return first === undefined ? { ok: false, reason: 'nonexistent' } : { ok: true, instant: new Date(first) };
}

/** 'UTC+09:00' / 'UTC−05:00' for an offset in minutes. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * The zone of a country's capital (or seat of government), to suggest for a meeting hosted
 * there and for a group proposed from there: KR → Asia/Seoul, US → America/New_York (Washington), AU → Australia/Sydney (Canberra).
 */
export const CAPITAL_ZONES: Readonly<Record<string, string>> = {
  AU: 'Australia/Sydney',
  BN: 'Asia/Brunei',
  KH: 'Asia/Phnom_Penh',
  CA: 'America/Toronto',
  CN: 'Asia/Shanghai',
  IN: 'Asia/Kolkata',
  ID: 'Asia/Jakarta',
  JP: 'Asia/Tokyo',
  KP: 'Asia/Pyongyang',
  KR: 'Asia/Seoul',
  LA: 'Asia/Vientiane',
  MY: 'Asia/Kuala_Lumpur',
  MM: 'Asia/Yangon',
  MN: 'Asia/Ulaanbaatar',
  NZ: 'Pacific/Auckland',
  PG: 'Pacific/Port_Moresby',
  PH: 'Asia/Manila',
  RU: 'Europe/Moscow',
  SG: 'Asia/Singapore',
  TH: 'Asia/Bangkok',
  TW: 'Asia/Taipei',
  US: 'America/New_York',
  VN: 'Asia/Ho_Chi_Minh',
  BE: 'Europe/Brussels',
  GB: 'Europe/London',
  FR: 'Europe/Paris',
  DE: 'Europe/Berlin',
  FJ: 'Pacific/Fiji',
};

export function capitalZone(country: string | null | undefined): string | null {
  const zone = country ? CAPITAL_ZONES[country.toUpperCase()] : undefined;
  return zone && isTimeZone(zone) ? zone : null;
}
