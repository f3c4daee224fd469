/**
 * The timetable's arithmetic, pure so that it is tested without a browser: sessions by day in
 * the meeting's zone, what a drag to a new place in the day means for every session's times,
 * and side-by-side lanes for parallel sessions. Times are wall-clock 'YYYY-MM-DDTHH:mm' in
 * the meeting's zone, as the API takes them.
 */
import type { SessionView } from '../../../../core/meetings';
import { atMinutes, datesBetween } from '../../../components/time/zones';

export interface DayOfSessions {
  /** 'YYYY-MM-DD' in the meeting's zone. */
  date: string;
  /** Day 1, 2, … of the meeting; null for a day outside it. */
  number: number | null;
  sessions: SessionView[];
}

const DAY_MS = 86_400_000;
const dayNo = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;

/** Minutes from the midnight that begins `day` to a wall-clock reading (past 24:00 for the next day). */
export function minutesFrom(day: string, local: string): number {
  return (dayNo(local.slice(0, 10)) - dayNo(day)) * 1440 + Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16));
}

/** Sessions in time order (then in the order they were put in), as the API lists them. */
export function inTimeOrder(sessions: readonly SessionView[]): SessionView[] {
  return [...sessions].sort((a, b) => a.start.instant.localeCompare(b.start.instant) || a.position - b.position);
}

/**
 * The meeting's days (from its first to its last, in its zone) with their sessions, and any day
 * outside them that has sessions (flagged by the server, shown where it falls).
 */
export function sessionsByDay(sessions: readonly SessionView[], meetingStart: string | null, meetingEnd: string | null): DayOfSessions[] {
  const first = meetingStart?.slice(0, 10) ?? null;
  const last = meetingEnd?.slice(0, 10) ?? first;
  const meetingDays = first && last && last >= first ? datesBetween(first, last) : [];
  const dates = new Set([...meetingDays, ...sessions.map((s) => s.start.local.slice(0, 10))]);
  const ordered = inTimeOrder(sessions);
  return [...dates].sort().map((date) => ({
    date,
    number: meetingDays.includes(date) ? meetingDays.indexOf(date) + 1 : null,
    sessions: ordered.filter((s) => s.start.local.slice(0, 10) === date),
  }));
}

interface Span {
  id: string;
  start: number;
  end: number;
  /** A break-out meant to run beside others: running at the same time as it is no clash. */
  parallel: boolean;
}

const spanOf = (day: string, s: Pick<SessionView, 'id' | 'start' | 'end'> & { parallel?: boolean }): Span => ({ id: s.id, start: minutesFrom(day, s.start.local), end: minutesFrom(day, s.end.local), parallel: s.parallel === true });
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

function overlappingPairs(spans: readonly Span[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < spans.length; i++)
    for (let j = i + 1; j < spans.length; j++) {
      const a = spans[i] as Span;
      const b = spans[j] as Span;
      if (overlaps(a, b)) out.add([a.id, b.id].sort().join('|'));
    }
  return out;
}

export interface ReorderPlan {
  /** Sessions whose times change, with their new wall-clock times in the meeting's zone. */
  changes: { id: string; start: string; end: string }[];
  /** The day's sessions in their new order. */
  order: string[];
  /**
   * Pairs of sessions that would newly run at the same time ([id, id]) and that the server would
   * refuse: neither is marked parallel. Empty in the usual case.
   */
  newOverlaps: [string, string][];
}

/**
 * Moving a session from one place in a day's agenda to another. The sessions between the two
 * places take each other's turns: each keeps its length, and the breaks between them stay as
 * they were, so the stretch begins and ends when it did and nothing outside it moves. (When the
 * stretch holds parallel sessions, each session instead takes the start time of its new place.)
 */
export function planReorder(day: string, sessions: readonly SessionView[], from: number, to: number): ReorderPlan {
  const spans = sessions.map((s) => spanOf(day, s));
  const order = spans.map((s) => s.id);
  if (from === to || from < 0 || to < 0 || from >= spans.length || to >= spans.length) return { changes: [], order, newOverlaps: [] };
  const moved = [...spans];
  const [item] = moved.splice(from, 1);
  moved.splice(to, 0, item as Span);
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  const before = spans.slice(lo, hi + 1);
  const after = moved.slice(lo, hi + 1);
  const parallel = overlappingPairs(before).size > 0;
  const placed: Span[] = [];
  if (!parallel) {
    const gaps = before.slice(1).map((s, i) => s.start - (before[i] as Span).end);
    let t = (before[0] as Span).start;
    after.forEach((s, i) => {
      const length = s.end - s.start;
      placed.push({ id: s.id, start: t, end: t + length, parallel: s.parallel });
      t += length + (gaps[i] ?? 0);
    });
  } else {
    after.forEach((s, i) => placed.push({ id: s.id, start: (before[i] as Span).start, end: (before[i] as Span).start + (s.end - s.start), parallel: s.parallel }));
  }
  const result = [...spans.slice(0, lo), ...placed, ...spans.slice(hi + 1)];
  const was = overlappingPairs(spans);
  const parallelIds = new Set(spans.filter((s) => s.parallel).map((s) => s.id));
  const newOverlaps = [...overlappingPairs(result)]
    .filter((p) => !was.has(p))
    .map((p) => p.split('|') as [string, string])
    .filter(([a, b]) => !parallelIds.has(a) && !parallelIds.has(b));
  const original = new Map(spans.map((s) => [s.id, s]));
  const changes = placed
    .filter((s) => original.get(s.id)?.start !== s.start || original.get(s.id)?.end !== s.end)
    .map((s) => ({ id: s.id, start: atMinutes(day, s.start), end: atMinutes(day, s.end) }));
  return { changes, order: result.map((s) => s.id), newOverlaps };
}

/**
 * The sessions to mark parallel so that a move the person chose to keep leaves no refused
 * overlap: the moved session first (it is the one that was meant to go there), then, for any
 * pair it is not in, the first of the pair. Every pair then has a parallel session in it.
 */
export function parallelToKeep(pairs: readonly (readonly [string, string])[], movedId: string | undefined): string[] {
  const marked = new Set<string>();
  if (movedId && pairs.some((p) => p.includes(movedId))) marked.add(movedId);
  for (const [a, b] of pairs) if (!marked.has(a) && !marked.has(b)) marked.add(a);
  return [...marked];
}

/**
 * Whether the day's sessions, once retimed, still read in the order given: the timetable lists
 * them by time, then by their stored order, so only sessions that start together need the
 * order saved as well.
 */
export function orderNeedsSaving(day: string, sessions: readonly SessionView[], plan: ReorderPlan): boolean {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const startOf = (id: string) => plan.changes.find((c) => c.id === id)?.start ?? byId.get(id)?.start.local ?? '';
  const inTime = [...plan.order].sort((a, b) => minutesFrom(day, startOf(a)) - minutesFrom(day, startOf(b)) || (byId.get(a)?.position ?? 0) - (byId.get(b)?.position ?? 0));
  return inTime.some((id, i) => id !== plan.order[i]);
}

/** The whole meeting's order for PUT …/sessions/order: day by day, each day in the order given. */
export function fullOrder(days: readonly DayOfSessions[], day: string, dayOrder: readonly string[]): string[] {
  return days.flatMap((d) => (d.date === day ? [...dayOrder] : d.sessions.map((s) => s.id)));
}

/** The ids of the sessions that run at the same time as this one. */
export function overlapping(sessions: readonly Pick<SessionView, 'id' | 'start' | 'end'>[], id: string): Set<string> {
  const me = sessions.find((s) => s.id === id);
  if (!me) return new Set();
  return new Set(sessions.filter((s) => s.id !== id && s.start.instant < me.end.instant && me.start.instant < s.end.instant).map((s) => s.id));
}

/**
 * The sessions a session clashes with, as the server flags them: running at the same time,
 * neither of the two marked parallel (break-outs beside each other, or beside a plenary, are
 * meant to).
 */
export function clashing<T extends Pick<SessionView, 'id' | 'start' | 'end' | 'parallel'>>(sessions: readonly T[], id: string): T[] {
  const me = sessions.find((s) => s.id === id);
  if (!me || me.parallel) return [];
  return sessions.filter((s) => s.id !== id && !s.parallel && s.start.instant < me.end.instant && me.start.instant < s.end.instant);
}

/** Side by side: each session's lane within the cluster of sessions it runs alongside, and how many lanes that cluster has. */
export function lanes(day: string, sessions: readonly SessionView[]): Map<string, { lane: number; of: number }> {
  const spans = sessions.map((s) => spanOf(day, s)).sort((a, b) => a.start - b.start || b.end - a.end);
  const out = new Map<string, { lane: number; of: number }>();
  let cluster: { span: Span; lane: number }[] = [];
  let clusterEnd = -Infinity;
  const close = () => {
    const of = cluster.reduce((m, c) => Math.max(m, c.lane + 1), 1);
    for (const c of cluster) out.set(c.span.id, { lane: c.lane, of });
    cluster = [];
  };
  for (const span of spans) {
    if (cluster.length && span.start >= clusterEnd) {
      close();
      clusterEnd = -Infinity;
    }
    const laneEnds: number[] = [];
    for (const c of cluster) laneEnds[c.lane] = Math.max(laneEnds[c.lane] ?? -Infinity, c.span.end);
    let lane = laneEnds.findIndex((end) => end <= span.start);
    if (lane === -1) lane = laneEnds.length;
    cluster.push({ span, lane });
    clusterEnd = Math.max(clusterEnd, span.end);
  }
  if (cluster.length) close();
  return out;
}

/** A dragged time, snapped to the quarter hour. */
export const snap = (minutes: number, step = 15) => Math.round(minutes / step) * step;
