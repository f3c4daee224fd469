import { and, eq, isNotNull } from 'drizzle-orm';
import { orderTimeline, type Timeline, type TimelineItem } from '../../../core/timeline';
import type { GroupSnapshot } from '../../cache/caches';
import type { Db } from '../../db/client';
import { proposalVersions } from '../../db/schema';
import { listDecisions } from '../proposals/queries';

function localDate(instant: string, timeZone: string | null): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
  } catch {
    return instant.slice(0, 10);
  }
}

/** The group's term as a timeline: decisions, submissions, the meeting plan, and what comes next. */
export async function groupTimeline(db: Db, snapshot: GroupSnapshot, today = new Date().toISOString().slice(0, 10)): Promise<Timeline> {
  const { group, overview } = snapshot;
  const [decisions, submitted] = await Promise.all([
    listDecisions(db, group.id),
    db
      .select({ number: proposalVersions.number, at: proposalVersions.submittedAt })
      .from(proposalVersions)
      .where(and(eq(proposalVersions.groupId, group.id), isNotNull(proposalVersions.submittedAt))),
  ]);
  const items: TimelineItem[] = [
    { id: 'term_start', kind: 'term_start', date: group.termStart, precision: 'day', past: false },
    { id: 'term_end', kind: 'term_end', date: group.termEnd, precision: 'day', past: false },
    ...submitted.map((s) => ({ id: `submitted-${s.number}`, kind: 'submitted' as const, date: s.at?.toISOString().slice(0, 10) ?? null, precision: 'day' as const, versionNumber: s.number, past: true })),
    ...decisions
      .filter(({ d }) => d.transition !== 'submit')
      .map(({ d, scNumber, scPlace, scHeldOn }) => ({
        id: `decision-${d.id}`,
        kind: 'decision' as const,
        date: scHeldOn ?? d.decidedAt.toISOString().slice(0, 10),
        precision: 'day' as const,
        transition: d.transition,
        ...(scNumber !== null && scPlace ? { scMeeting: { number: scNumber, place: scPlace } } : {}),
        past: true,
      })),
    ...overview.meetings.map((m) => ({
      id: `meeting-${m.sequence}`,
      kind: 'meeting' as const,
      // A meeting's day is its day where it is held (a morning session in Seoul is still that day).
      date: m.startsAt ? localDate(m.startsAt, m.timeZone) : m.plannedMonth,
      precision: m.startsAt ? ('day' as const) : m.plannedMonth ? ('month' as const) : ('unknown' as const),
      meeting: { sequence: m.sequence, city: m.city, host: m.host?.name ?? null, status: m.status },
      past: false,
    })),
  ];
  const ordered = orderTimeline(items, today);
  return { termStart: group.termStart, termEnd: group.termEnd, today, ...ordered };
}
