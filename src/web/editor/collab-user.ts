/**
 * A person's colour for their caret and presence avatar, derived from their user id so that it
 * is the same on every screen and every visit: a hue from the id's hash, at a saturation and
 * lightness dark enough for white text on it (contrast ≥ 4.5:1). Returned as #rrggbb, the only
 * form the caret extension accepts.
 */
export function userColor(id: string): string {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  const hue = (h >>> 0) % 360;
  return hslToHex(hue, 0.65, 0.36);
}

function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

/** The initials shown in a presence avatar: the first letters of the first two words, or the first character of a CJK name. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '?';
  const first = words[0] as string;
  if (/[\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]/.test(first)) return Array.from(first)[0] ?? '?';
  const letters = words.slice(0, 2).map((w) => Array.from(w)[0] ?? '');
  return letters.join('').toUpperCase();
}

/** The WebSocket address of the collaboration server: same origin as the page, ws or wss. */
export function collabUrl(path: string, loc: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}${path}`;
}

/** What each connection announces about its person on the document's awareness. */
export interface CollabUser {
  id: string;
  name: string;
  color: string;
}

/** The people on a document now, one entry per person (several tabs count once), this person first. */
export function presentPeople(states: Iterable<[number, Record<string, unknown>]>, selfClientId: number): (CollabUser & { self: boolean })[] {
  const byId = new Map<string, CollabUser & { self: boolean }>();
  for (const [clientId, state] of states) {
    const user = state.user as Partial<CollabUser> | undefined;
    if (!user || typeof user.id !== 'string' || typeof user.name !== 'string') continue;
    const self = clientId === selfClientId;
    const known = byId.get(user.id);
    if (known) known.self ||= self;
    else byId.set(user.id, { id: user.id, name: user.name, color: typeof user.color === 'string' ? user.color : '#555555', self });
  }
  return [...byId.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}
