import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { AttendanceResponse, MeetingDetail, MeetingView, SessionView } from '../../../core/meetings';
import { MEETING_TRANSITIONS } from '../../../core/meetings';
import { toLocal } from '../../../core/time';
import type { Db } from '../../db/client';
import { groupMemberships, materials, meetingAttendance, meetings, meetingSessions, memberCommittees, users } from '../../db/schema';
import { sessionAgendaRefs } from '../agenda/queries';
import { notFound } from '../../http/errors';

export type MeetingRow = typeof meetings.$inferSelect;
type SessionRow = typeof meetingSessions.$inferSelect;

export async function meetingOrThrow(db: Db, groupId: string, meetingId: string): Promise<MeetingRow> {
  const [row] = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.groupId, groupId)))
    .limit(1);
  if (!row) throw notFound('No such meeting in this group.');
  return row;
}

const zoned = (at: Date | null, zone: string | null) => (at ? { instant: at.toISOString(), local: toLocal(at, zone ?? 'UTC') } : null);

async function peopleById(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, { id: string; displayName: string; names: Record<string, string> }>();
  const rows = await db.select({ id: users.id, displayName: users.displayName, names: users.names }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, { id: r.id, displayName: r.displayName, names: (r.names ?? {}) as Record<string, string> }]));
}

/**
 * Flags sessions that run at the same time as another, and sessions outside the meeting's
 * days (in the meeting's own zone). Flags, not refusals: break-outs run in parallel on purpose.
 */
export function sessionWarnings(sessions: readonly Pick<SessionRow, 'id' | 'startsAt' | 'endsAt' | 'parallel'>[], meeting: Pick<MeetingRow, 'startsAt' | 'endsAt' | 'timeZone'>) {
  const zone = meeting.timeZone ?? 'UTC';
  const firstDay = meeting.startsAt ? toLocal(meeting.startsAt, zone).slice(0, 10) : null;
  const lastDay = meeting.endsAt ? toLocal(meeting.endsAt, zone).slice(0, 10) : firstDay;
  const out = new Map<string, SessionView['warnings']>();
  for (const s of sessions) {
    const w: SessionView['warnings'] = [];
    if (sessions.some((o) => o.id !== s.id && !o.parallel && !s.parallel && o.startsAt < s.endsAt && s.startsAt < o.endsAt)) w.push('overlap');
    const day = toLocal(s.startsAt, zone).slice(0, 10);
    const endDay = toLocal(new Date(s.endsAt.getTime() - 1), zone).slice(0, 10);
    if (firstDay && lastDay && (day < firstDay || endDay > lastDay)) w.push('outside_meeting_days');
    out.set(s.id, w);
  }
  return out;
}

export async function listSessions(db: Db, meeting: MeetingRow): Promise<SessionView[]> {
  const rows = await db.select().from(meetingSessions).where(eq(meetingSessions.meetingId, meeting.id)).orderBy(asc(meetingSessions.startsAt), asc(meetingSessions.position));
  const people = await peopleById(db, [...new Set(rows.flatMap((r) => [...(r.chairId ? [r.chairId] : []), ...r.speakerIds]))]);
  const warnings = sessionWarnings(rows, meeting);
  const zone = meeting.timeZone ?? 'UTC';
  const ids = rows.map((r) => r.id);
  const [agenda, papers] = await Promise.all([
    sessionAgendaRefs(db, ids),
    ids.length
      ? db
          .select({ sessionId: materials.sessionId, id: materials.id, title: materials.title, kind: materials.kind })
          .from(materials)
          .where(and(inArray(materials.sessionId, ids), isNull(materials.withdrawnAt)))
          .orderBy(asc(materials.createdAt))
      : Promise.resolve([]),
  ]);
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    title: r.title,
    start: { instant: r.startsAt.toISOString(), local: toLocal(r.startsAt, zone) },
    end: { instant: r.endsAt.toISOString(), local: toLocal(r.endsAt, zone) },
    chair: r.chairId ? (people.get(r.chairId) ?? null) : null,
    speakers: r.speakerIds.flatMap((id) => people.get(id) ?? []),
    guestSpeakers: r.guestSpeakers,
    description: r.description,
    parallel: r.parallel,
    agendaItems: agenda.get(r.id) ?? [],
    papers: papers.filter((p) => p.sessionId === r.id).map(({ id, title, kind }) => ({ id, title, kind })),
    warnings: warnings.get(r.id) ?? [],
  }));
}

async function attendanceSummaries(db: Db, meetingIds: string[]) {
  if (meetingIds.length === 0) return new Map<string, { response: AttendanceResponse | null; userId: string }[]>();
  const rows = await db
    .select({ meetingId: meetingAttendance.meetingId, userId: meetingAttendance.userId, response: meetingAttendance.response })
    .from(meetingAttendance)
    .where(inArray(meetingAttendance.meetingId, meetingIds));
  const by = new Map<string, { response: AttendanceResponse | null; userId: string }[]>();
  for (const r of rows) by.set(r.meetingId, [...(by.get(r.meetingId) ?? []), { response: r.response, userId: r.userId }]);
  return by;
}

/** Meetings as lists and pages show them, with the viewer's own invitation. */
export async function presentMeetings(db: Db, rows: MeetingRow[], viewerId: string, opts: { canManage: boolean } = { canManage: false }): Promise<MeetingView[]> {
  const hostIds = [...new Set(rows.flatMap((m) => (m.hostCommitteeId ? [m.hostCommitteeId] : [])))];
  const [hosts, attendance] = await Promise.all([
    hostIds.length ? db.select({ id: memberCommittees.id, code: memberCommittees.code, name: memberCommittees.name }).from(memberCommittees).where(inArray(memberCommittees.id, hostIds)) : Promise.resolve([]),
    attendanceSummaries(db, rows.map((m) => m.id)),
  ]);
  return rows.map((m) => {
    const invited = attendance.get(m.id) ?? [];
    const mine = invited.find((a) => a.userId === viewerId);
    const count = (r: AttendanceResponse | null) => invited.filter((a) => a.response === r).length;
    return {
      id: m.id,
      sequence: m.sequence,
      title: m.title,
      host: hosts.find((h) => h.id === m.hostCommitteeId) ?? null,
      city: m.city,
      venue: m.venue,
      timeZone: m.timeZone,
      start: zoned(m.startsAt, m.timeZone),
      end: zoned(m.endsAt, m.timeZone),
      plannedMonth: m.plannedMonth,
      format: m.format,
      onlineUrl: m.onlineUrl,
      attribution: m.attribution,
      status: m.status,
      statusReason: m.statusReason,
      version: m.version,
      attendance: { invited: invited.length, inPerson: count('in_person'), remote: count('remote'), notAttending: count('not_attending'), noAnswer: count(null) },
      myAttendance: { invited: Boolean(mine), response: mine?.response ?? null },
      // The steps this viewer may take now (only meeting managers take any).
      allowedTransitions: opts.canManage
        ? Object.entries(MEETING_TRANSITIONS)
            .filter(([, t]) => (t.from as readonly string[]).includes(m.status))
            .map(([name]) => name)
        : [],
    };
  });
}

export async function meetingDetail(db: Db, meeting: MeetingRow, viewerId: string, opts: { canManage: boolean } = { canManage: false }): Promise<MeetingDetail> {
  const fresh = (await db.select().from(meetings).where(eq(meetings.id, meeting.id)).limit(1))[0] ?? meeting;
  const [[view], sessions] = await Promise.all([presentMeetings(db, [fresh], viewerId, opts), listSessions(db, fresh)]);
  if (!view) throw notFound();
  return { ...view, sessions };
}

/** The group's current members, with their delegation and roles, for invitations and the attendance list. */
export async function currentMembers(db: Db, groupId: string) {
  const rows = await db
    .select({ userId: groupMemberships.userId, role: groupMemberships.role, committeeId: groupMemberships.committeeId, committeeCode: memberCommittees.code, committeeName: memberCommittees.name })
    .from(groupMemberships)
    .innerJoin(users, eq(users.id, groupMemberships.userId))
    .leftJoin(memberCommittees, eq(memberCommittees.id, groupMemberships.committeeId))
    .where(and(eq(groupMemberships.groupId, groupId), isNull(groupMemberships.endedAt), isNull(users.disabledAt)));
  const by = new Map<string, { roles: string[]; committee: { id: string; code: string; name: string } | null }>();
  for (const r of rows) {
    const entry = by.get(r.userId) ?? { roles: [], committee: null };
    entry.roles.push(r.role);
    if (!entry.committee && r.committeeId && r.committeeCode && r.committeeName) entry.committee = { id: r.committeeId, code: r.committeeCode, name: r.committeeName };
    by.set(r.userId, entry);
  }
  return by;
}
