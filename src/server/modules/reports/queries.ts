import { and, eq, inArray, isNull } from 'drizzle-orm';
import { guestSpeakerPeople, type AttributionPerson } from '../../../core/attribution';
import type { Db } from '../../db/client';
import { groupMemberships, meetingAttendance, meetingReports, meetings, meetingSessions, memberCommittees, users } from '../../db/schema';
import { notFound } from '../../http/errors';

export type MeetingRow = typeof meetings.$inferSelect;
export type ReportRow = typeof meetingReports.$inferSelect;

/** One meeting of the group (else 404, as if it did not exist); `lock` takes its row for the transaction. */
export async function meetingOfGroup(db: Db, groupId: string, meetingId: string, lock = false): Promise<MeetingRow> {
  const q = db
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.groupId, groupId)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('No such meeting in this group.');
  return row;
}

export async function reportOf(db: Db, meetingId: string, lock = false): Promise<ReportRow | null> {
  const q = db.select().from(meetingReports).where(eq(meetingReports.meetingId, meetingId));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function personRef(db: Db, id: string | null) {
  if (!id) return null;
  const [u] = await db.select({ id: users.id, displayName: users.displayName, names: users.names }).from(users).where(eq(users.id, id));
  return u ? { id: u.id, displayName: u.displayName, names: u.names ?? {} } : null;
}

/**
 * The meeting's people, whose identity and affiliation a report under the Chatham House Rule
 * must not reveal: everyone invited to it or recorded as attending, its sessions' chairs and
 * speakers, and the guest speakers the timetable names. While nobody has been invited (a
 * meeting recorded without its attendance), the group's current members stand in for them, so
 * the check never runs against nobody. Each with every spelling of their name, their
 * affiliation, and their member committees: their own and the delegation they sit in here.
 */
export async function meetingPeople(db: Db, meeting: MeetingRow): Promise<AttributionPerson[]> {
  const [attendance, sessions] = await Promise.all([
    db.select({ userId: meetingAttendance.userId }).from(meetingAttendance).where(eq(meetingAttendance.meetingId, meeting.id)),
    db.select({ chairId: meetingSessions.chairId, speakerIds: meetingSessions.speakerIds, guests: meetingSessions.guestSpeakers }).from(meetingSessions).where(eq(meetingSessions.meetingId, meeting.id)),
  ]);
  const ids = new Set(attendance.map((a) => a.userId));
  if (ids.size === 0) {
    const members = await db
      .select({ userId: groupMemberships.userId })
      .from(groupMemberships)
      .where(and(eq(groupMemberships.groupId, meeting.groupId), isNull(groupMemberships.endedAt)));
    for (const m of members) ids.add(m.userId);
  }
  for (const s of sessions) {
    if (s.chairId) ids.add(s.chairId);
    for (const id of s.speakerIds) ids.add(id);
  }
  const guests = sessions.flatMap((s) => guestSpeakerPeople(s.guests));
  if (ids.size === 0) return guests;

  const idList = [...ids];
  const [people, seats] = await Promise.all([
    db
      .select({ id: users.id, displayName: users.displayName, names: users.names, affiliation: users.affiliation, committeeId: users.memberCommitteeId })
      .from(users)
      .where(inArray(users.id, idList)),
    db
      .select({ userId: groupMemberships.userId, committeeId: groupMemberships.committeeId })
      .from(groupMemberships)
      .where(and(eq(groupMemberships.groupId, meeting.groupId), inArray(groupMemberships.userId, idList))),
  ]);
  const committeeIds = new Set<string>();
  const committeesOf = new Map<string, Set<string>>();
  const note = (userId: string, committeeId: string | null) => {
    if (!committeeId) return;
    committeeIds.add(committeeId);
    committeesOf.set(userId, (committeesOf.get(userId) ?? new Set()).add(committeeId));
  };
  for (const p of people) note(p.id, p.committeeId);
  for (const s of seats) note(s.userId, s.committeeId);
  const committees = committeeIds.size
    ? new Map((await db.select({ id: memberCommittees.id, code: memberCommittees.code, name: memberCommittees.name, country: memberCommittees.country }).from(memberCommittees).where(inArray(memberCommittees.id, [...committeeIds]))).map((c) => [c.id, c]))
    : new Map<string, { code: string; name: string; country: string | null }>();
  return [
    ...people.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      names: p.names ?? {},
      affiliation: p.affiliation,
      committees: [...(committeesOf.get(p.id) ?? [])].flatMap((id) => {
        const c = committees.get(id);
        return c ? [{ code: c.code, name: c.name, country: c.country }] : [];
      }),
    })),
    ...guests,
  ];
}
