import { and, eq, max, ne, sql } from 'drizzle-orm';
import type { CreateMeetingInput, UpdateMeetingInput } from '../../../core/meetings';
import { MEETING_TRANSITIONS, timetableFrozen, type MeetingTransition } from '../../../core/meetings';
import { fromLocal, isTimeZone } from '../../../core/time';
import type { FieldError } from '../../../core/errors';
import type { Db } from '../../db/client';
import { meetingAttendance, meetings, meetingSessions, memberCommittees } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError, notFound } from '../../http/errors';
import { notifyMeetingChange, notifyMeetingTransition, queueMeetingMail, scheduleMeetingReminders } from '../../mail/meeting-mail';
import { checkSessionAgendaItems, linkSessionAgendaItems } from '../agenda/commands';
import { recordAudit } from '../audit/record';
import { currentMembers, type MeetingRow } from './queries';

type GroupRow = { id: string; councilId: string };

const TIME_MESSAGES = {
  malformed: 'Not a date and time: use YYYY-MM-DDTHH:mm.',
  unknown_zone: 'Unknown time zone: use an IANA name such as Asia/Seoul.',
  nonexistent: 'This time does not exist in the meeting’s zone (the clocks skip it that day).',
} as const;

/** Turns wall-clock times into instants in `zone`, listing every problem at once. */
function resolveTimes(zone: string, times: Record<string, string | null | undefined>, errors: FieldError[]): Record<string, Date | null | undefined> {
  const out: Record<string, Date | null | undefined> = {};
  for (const [field, local] of Object.entries(times)) {
    if (local === undefined || local === null) {
      out[field] = local;
      continue;
    }
    const r = fromLocal(local, zone);
    if (r.ok) out[field] = r.instant;
    else errors.push({ path: `body.${field}`, code: r.reason === 'nonexistent' ? 'nonexistent_time' : 'invalid_date', message: TIME_MESSAGES[r.reason] });
  }
  return out;
}

async function hostId(tx: Db, group: GroupRow, code: string | null | undefined, errors: FieldError[]) {
  if (code === undefined || code === null) return code;
  const [c] = await tx
    .select({ id: memberCommittees.id })
    .from(memberCommittees)
    .where(and(eq(memberCommittees.councilId, group.councilId), eq(memberCommittees.code, code.toUpperCase())))
    .limit(1);
  if (!c) errors.push({ path: 'body.hostCommitteeCode', code: 'unknown_committee', message: `No member committee ${code} in this council.` });
  return c?.id;
}

function checkOrder(start: Date | null | undefined, end: Date | null | undefined, errors: FieldError[]) {
  if (start && end && end <= start) errors.push({ path: 'body.end', code: 'too_small', message: 'The meeting ends before it starts.' });
}

function failIf(errors: FieldError[]) {
  if (errors.length) throw new AppError('validation.failed', `The meeting has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}.`, { errors });
}

/** Plans a meeting; its times are entered in its own zone and stored as instants. */
export async function createMeeting(tx: Db, actor: Actor, group: GroupRow, input: CreateMeetingInput): Promise<MeetingRow> {
  const errors: FieldError[] = [];
  if (!isTimeZone(input.timeZone)) errors.push({ path: 'body.timeZone', code: 'unknown_zone', message: TIME_MESSAGES.unknown_zone });
  const times = isTimeZone(input.timeZone) ? resolveTimes(input.timeZone, { start: input.start, end: input.end }, errors) : {};
  checkOrder(times.start, times.end, errors);
  const host = await hostId(tx, group, input.hostCommitteeCode, errors);
  failIf(errors);
  // Serialise numbering within the group.
  await tx.execute(sql`SELECT 1 FROM study_groups WHERE id = ${group.id} FOR UPDATE`);
  const [{ last } = { last: 0 }] = await tx.select({ last: max(meetings.sequence) }).from(meetings).where(eq(meetings.groupId, group.id));
  const [row] = await tx
    .insert(meetings)
    .values({
      groupId: group.id,
      sequence: (last ?? 0) + 1,
      title: input.title ?? null,
      hostCommitteeId: host ?? null,
      city: input.city ?? null,
      venue: input.venue ?? null,
      timeZone: input.timeZone,
      startsAt: times.start ?? null,
      endsAt: times.end ?? null,
      plannedMonth: times.start ? null : (input.plannedMonth ?? null),
      format: input.format,
      onlineUrl: input.onlineUrl ?? null,
      attribution: input.attribution,
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  await recordAudit(tx, { actorId: actor.user.id, action: 'meeting.created', targetType: 'meeting', targetId: row.id, groupId: group.id, data: { sequence: row.sequence } });
  await scheduleMeetingReminders(tx, row);
  return row;
}

/**
 * Changes a meeting's details. The editor names the version it read: a stale one is refused
 * (409), never silently overwritten. Times are re-read in the (possibly new) zone.
 */
export async function updateMeeting(tx: Db, actor: Actor, group: GroupRow, meeting: MeetingRow, input: UpdateMeetingInput): Promise<{ row: MeetingRow; changed: string[] }> {
  const [locked] = await tx.select().from(meetings).where(eq(meetings.id, meeting.id)).for('update');
  if (!locked) throw notFound();
  if (locked.version !== input.version) {
    throw new AppError('resource.version_conflict', `The meeting changed meanwhile (version ${locked.version}; you read ${input.version}).`, { data: { latestVersion: locked.version } });
  }
  // What was circulated under a rule stays under it: the rule cannot change once the report went out.
  if (input.attribution !== undefined && input.attribution !== locked.attribution && ['report_circulated', 'report_final'].includes(locked.status)) {
    throw new AppError('meeting.attribution_locked');
  }
  const errors: FieldError[] = [];
  const zone = input.timeZone ?? locked.timeZone;
  if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) errors.push({ path: 'body.timeZone', code: 'unknown_zone', message: TIME_MESSAGES.unknown_zone });
  if (!zone && (input.start || input.end)) throw new AppError('meeting.has_no_time_zone');
  const times = zone && isTimeZone(zone) ? resolveTimes(zone, { start: input.start, end: input.end }, errors) : {};
  const startsAt = times.start === undefined ? locked.startsAt : times.start;
  const endsAt = times.end === undefined ? locked.endsAt : times.end;
  checkOrder(startsAt, endsAt, errors);
  const host = await hostId(tx, group, input.hostCommitteeCode, errors);
  failIf(errors);
  const set: Partial<MeetingRow> = {};
  const take = <K extends keyof MeetingRow>(key: K, value: MeetingRow[K] | undefined) => {
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(locked[key])) set[key] = value;
  };
  take('title', input.title);
  take('city', input.city);
  take('venue', input.venue);
  take('timeZone', input.timeZone);
  take('format', input.format);
  take('onlineUrl', input.onlineUrl);
  take('attribution', input.attribution);
  take('hostCommitteeId', host === undefined ? undefined : host);
  take('startsAt', times.start === undefined ? undefined : times.start);
  take('endsAt', times.end === undefined ? undefined : times.end);
  take('plannedMonth', input.plannedMonth);
  if (set.startsAt) set.plannedMonth = null;
  const changed = Object.keys(set);
  if (changed.length === 0) return { row: locked, changed };
  const [row] = await tx
    .update(meetings)
    .set({ ...set, version: locked.version + 1, updatedAt: sql`now()` })
    .where(eq(meetings.id, locked.id))
    .returning();
  if (!row) throw new Error('update returned nothing');
  await recordAudit(tx, { actorId: actor.user.id, action: 'meeting.updated', targetType: 'meeting', targetId: row.id, groupId: group.id, data: { fields: changed } });
  await notifyMeetingChange(tx, row, changed);
  return { row, changed };
}

/** Convenes, postpones (with a reason), reschedules or cancels (with a reason) a meeting. */
export async function transitionMeeting(tx: Db, actor: Actor, group: GroupRow, meeting: MeetingRow, transition: MeetingTransition, reason: string | undefined) {
  const [locked] = await tx.select().from(meetings).where(eq(meetings.id, meeting.id)).for('update');
  if (!locked) throw notFound();
  const t = MEETING_TRANSITIONS[transition];
  if (!(t.from as readonly string[]).includes(locked.status)) {
    const allowed = Object.entries(MEETING_TRANSITIONS)
      .filter(([, x]) => (x.from as readonly string[]).includes(locked.status))
      .map(([name]) => name);
    throw new AppError('lifecycle.transition_not_allowed', `A meeting that is ${locked.status} cannot ${transition}.`, { data: { allowed } });
  }
  if ((transition === 'postpone' || transition === 'cancel') && !reason) {
    throw new AppError('validation.failed', 'Give the reason, for the participants.', { errors: [{ path: 'body.reason', code: 'required', message: 'Give the reason.' }] });
  }
  const [row] = await tx
    .update(meetings)
    .set({ status: t.to, statusReason: transition === 'postpone' || transition === 'cancel' ? (reason ?? null) : null, version: locked.version + 1, updatedAt: sql`now()` })
    .where(eq(meetings.id, locked.id))
    .returning();
  await recordAudit(tx, { actorId: actor.user.id, action: `meeting.${transition}`, targetType: 'meeting', targetId: locked.id, groupId: group.id, data: { from: locked.status, to: t.to, ...(reason ? { reason } : {}) } });
  await notifyMeetingTransition(tx, row as MeetingRow, transition);
  return row as MeetingRow;
}

/** Checks that chairs and speakers are current members of the group. */
async function checkPeople(tx: Db, groupId: string, ids: string[], errors: FieldError[]) {
  if (ids.length === 0) return;
  const members = await currentMembers(tx, groupId);
  ids.forEach((id) => {
    if (!members.has(id)) errors.push({ path: 'body.speakerIds', code: 'not_a_member', message: 'Chairs and speakers named here must be members of the group (write others as guest speakers).' });
  });
}

interface SessionInput {
  title?: string | undefined;
  start?: string | undefined;
  end?: string | undefined;
  chairId?: string | null | undefined;
  speakerIds?: string[] | undefined;
  guestSpeakers?: string | null | undefined;
  description?: string | null | undefined;
  parallel?: boolean | undefined;
  allowOverlap?: boolean | undefined;
  agendaItemIds?: string[] | undefined;
}

/** Sessions (other than `except`) that run at the same time and are not break-outs meant to. */
async function overlapping(tx: Db, meetingId: string, start: Date, end: Date, except?: string) {
  const rows = await tx
    .select({ id: meetingSessions.id, title: meetingSessions.title })
    .from(meetingSessions)
    .where(
      and(
        eq(meetingSessions.meetingId, meetingId),
        eq(meetingSessions.parallel, false),
        sql`${meetingSessions.startsAt} < ${end} AND ${meetingSessions.endsAt} > ${start}`,
        except ? ne(meetingSessions.id, except) : undefined,
      ),
    );
  return rows;
}

/**
 * Takes the timetable's lock (one writer at a time per meeting, so two overlapping sessions
 * cannot both slip in) and, under it, refuses any change once the meeting has been held: the
 * status is read from the locked row, not from the one loaded before the transaction.
 */
async function lockTimetable(tx: Db, meeting: MeetingRow): Promise<MeetingRow> {
  const [locked] = await tx.select().from(meetings).where(eq(meetings.id, meeting.id)).for('update');
  if (!locked) throw notFound();
  if (timetableFrozen(locked, new Date())) {
    throw new AppError('meeting.timetable_frozen', locked.status === 'cancelled' ? 'The meeting was cancelled: its timetable is kept as it was announced.' : 'The meeting has been held: its timetable is kept as it was.');
  }
  return locked;
}

/** Adds or changes a timetable session; overlaps are refused unless the session is meant to run in parallel. */
export async function saveSession(tx: Db, actor: Actor, group: GroupRow, meeting: MeetingRow, input: SessionInput, sessionId?: string) {
  if (!meeting.timeZone) throw new AppError('meeting.has_no_time_zone');
  await lockTimetable(tx, meeting);
  const existing = sessionId ? (await tx.select().from(meetingSessions).where(and(eq(meetingSessions.id, sessionId), eq(meetingSessions.meetingId, meeting.id))).limit(1))[0] : undefined;
  if (sessionId && !existing) throw notFound('No such session in this meeting.');
  const errors: FieldError[] = [];
  const times = resolveTimes(meeting.timeZone, { start: input.start, end: input.end }, errors);
  const start = times.start ?? existing?.startsAt;
  const end = times.end ?? existing?.endsAt;
  if (start && end && end <= start) errors.push({ path: 'body.end', code: 'too_small', message: 'The session ends before it starts.' });
  await checkPeople(tx, group.id, [...(input.chairId ? [input.chairId] : []), ...(input.speakerIds ?? [])], errors);
  if (input.agendaItemIds) await checkSessionAgendaItems(tx, group.id, sessionId, input.agendaItemIds, errors);
  failIf(errors);
  if (!start || !end) throw new AppError('validation.failed', 'A session needs a start and an end.');
  const parallel = input.parallel ?? (input.allowOverlap ? true : undefined) ?? existing?.parallel ?? false;
  if (!parallel) {
    const clash = await overlapping(tx, meeting.id, start, end, sessionId);
    if (clash.length) throw new AppError('session.overlap', `It overlaps “${clash.map((c) => c.title).join('”, “')}”.`, { data: { overlaps: clash } });
  }
  const values = {
    ...(input.title !== undefined ? { title: input.title } : {}),
    startsAt: start,
    endsAt: end,
    ...(input.chairId !== undefined ? { chairId: input.chairId } : {}),
    ...(input.speakerIds !== undefined ? { speakerIds: input.speakerIds } : {}),
    ...(input.guestSpeakers !== undefined ? { guestSpeakers: input.guestSpeakers } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    parallel,
  };
  let id = sessionId;
  if (existing) {
    await tx.update(meetingSessions).set(values).where(eq(meetingSessions.id, existing.id));
  } else {
    const [{ last } = { last: 0 }] = await tx.select({ last: max(meetingSessions.position) }).from(meetingSessions).where(eq(meetingSessions.meetingId, meeting.id));
    const [row] = await tx
      .insert(meetingSessions)
      .values({ meetingId: meeting.id, position: (last ?? 0) + 1, title: input.title as string, ...values })
      .returning({ id: meetingSessions.id });
    id = row?.id;
  }
  if (id && input.agendaItemIds) await linkSessionAgendaItems(tx, id, input.agendaItemIds);
  await recordAudit(tx, { actorId: actor.user.id, action: existing ? 'session.updated' : 'session.created', targetType: 'meeting_session', targetId: id ?? null, groupId: group.id, data: { meeting: meeting.sequence } });
  return id as string;
}

export async function deleteSession(tx: Db, actor: Actor, group: GroupRow, meeting: MeetingRow, sessionId: string) {
  await lockTimetable(tx, meeting);
  const deleted = await tx.delete(meetingSessions).where(and(eq(meetingSessions.id, sessionId), eq(meetingSessions.meetingId, meeting.id))).returning({ title: meetingSessions.title });
  if (deleted.length === 0) throw notFound('No such session in this meeting.');
  await recordAudit(tx, { actorId: actor.user.id, action: 'session.deleted', targetType: 'meeting_session', targetId: sessionId, groupId: group.id, data: { title: deleted[0]?.title } });
}

/**
 * Moves and retimes several sessions at once, as a drag in the timetable does: all or nothing,
 * with overlaps checked once every session is in its new place.
 */
export async function scheduleSessions(tx: Db, actor: Actor, group: GroupRow, meeting: MeetingRow, moves: { id: string; start: string; end: string }[]) {
  if (!meeting.timeZone) throw new AppError('meeting.has_no_time_zone');
  await lockTimetable(tx, meeting);
  const rows = await tx.select().from(meetingSessions).where(eq(meetingSessions.meetingId, meeting.id));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const errors: FieldError[] = [];
  const planned = new Map<string, { startsAt: Date; endsAt: Date }>();
  moves.forEach((m, i) => {
    if (!byId.has(m.id)) errors.push({ path: `body.sessions.${i}.id`, code: 'unknown_session', message: 'Not a session of this meeting.' });
    const a = fromLocal(m.start, meeting.timeZone as string);
    const b = fromLocal(m.end, meeting.timeZone as string);
    if (!a.ok) errors.push({ path: `body.sessions.${i}.start`, code: a.reason === 'nonexistent' ? 'nonexistent_time' : 'invalid_date', message: TIME_MESSAGES[a.reason] });
    if (!b.ok) errors.push({ path: `body.sessions.${i}.end`, code: b.reason === 'nonexistent' ? 'nonexistent_time' : 'invalid_date', message: TIME_MESSAGES[b.reason] });
    if (a.ok && b.ok) {
      if (b.instant <= a.instant) errors.push({ path: `body.sessions.${i}.end`, code: 'too_small', message: 'The session ends before it starts.' });
      planned.set(m.id, { startsAt: a.instant, endsAt: b.instant });
    }
  });
  failIf(errors);
  const after = rows.map((r) => ({ ...r, ...(planned.get(r.id) ?? {}) }));
  const clashes = after.filter((s) => !s.parallel && after.some((o) => o.id !== s.id && !o.parallel && o.startsAt < s.endsAt && s.startsAt < o.endsAt));
  if (clashes.length) throw new AppError('session.overlap', `These would overlap: “${clashes.map((c) => c.title).join('”, “')}”.`, { data: { overlaps: clashes.map((c) => ({ id: c.id, title: c.title })) } });
  for (const [id, t] of planned) await tx.update(meetingSessions).set(t).where(eq(meetingSessions.id, id));
  await recordAudit(tx, { actorId: actor.user.id, action: 'session.rescheduled', targetType: 'meeting', targetId: meeting.id, groupId: group.id, data: { sessions: planned.size } });
}

/** Puts sessions in the given order (the order people dragged them into). */
export async function reorderSessions(tx: Db, actor: Actor, group: GroupRow, meeting: MeetingRow, ids: string[]) {
  await lockTimetable(tx, meeting);
  const rows = await tx.select({ id: meetingSessions.id }).from(meetingSessions).where(eq(meetingSessions.meetingId, meeting.id));
  const known = new Set(rows.map((r) => r.id));
  if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id))) {
    throw new AppError('validation.failed', 'Name every session of the meeting once.', { errors: [{ path: 'body.ids', code: 'invalid', message: 'Name every session of the meeting once.' }] });
  }
  for (const [i, id] of ids.entries()) await tx.update(meetingSessions).set({ position: i + 1 }).where(eq(meetingSessions.id, id));
  await recordAudit(tx, { actorId: actor.user.id, action: 'session.reordered', targetType: 'meeting', targetId: meeting.id, groupId: group.id, data: {} });
}

/** Invites the group's current members (all, or those named) to a meeting; returns who was newly invited. */
export async function inviteToMeeting(tx: Db, actor: Actor, group: GroupRow, meeting: MeetingRow, who: { all: true } | { userIds: string[] }): Promise<string[]> {
  const members = await currentMembers(tx, group.id);
  const ids = 'all' in who ? [...members.keys()] : who.userIds;
  const strangers = ids.filter((id) => !members.has(id));
  if (strangers.length) {
    throw new AppError('validation.failed', 'Only current members of the group can be invited.', { errors: strangers.map(() => ({ path: 'body.userIds', code: 'not_a_member', message: 'Not a current member of the group.' })) });
  }
  if (ids.length === 0) return [];
  const inserted = await tx
    .insert(meetingAttendance)
    .values(ids.map((userId) => ({ meetingId: meeting.id, userId, invitedBy: actor.user.id })))
    .onConflictDoNothing()
    .returning({ userId: meetingAttendance.userId });
  await recordAudit(tx, { actorId: actor.user.id, action: 'meeting.invited', targetType: 'meeting', targetId: meeting.id, groupId: group.id, data: { people: inserted.length } });
  await queueMeetingMail(tx, meeting, 'invitation', { userIds: inserted.map((r) => r.userId) });
  return inserted.map((r) => r.userId);
}

/** A participant answers: in person, remotely, or not attending. Only the invited may answer. */
export async function respond(tx: Db, actor: Actor, group: GroupRow, meeting: MeetingRow, response: 'in_person' | 'remote' | 'not_attending') {
  // Answers are for a meeting still to be held (or being held), not a cancelled or reported one.
  if (!['planned', 'postponed', 'convened'].includes(meeting.status)) {
    throw new AppError('meeting.not_open', `The meeting is ${meeting.status.replace('_', ' ')}: answers are closed.`);
  }
  const updated = await tx
    .update(meetingAttendance)
    .set({ response, respondedAt: sql`now()` })
    .where(and(eq(meetingAttendance.meetingId, meeting.id), eq(meetingAttendance.userId, actor.user.id)))
    .returning({ userId: meetingAttendance.userId });
  if (updated.length === 0) throw new AppError('attendance.not_invited');
  await recordAudit(tx, { actorId: actor.user.id, action: 'meeting.responded', targetType: 'meeting', targetId: meeting.id, groupId: group.id, data: { response } });
}

/** Records who actually took part, for the meeting's record. */
export async function recordAttended(tx: Db, actor: Actor, group: GroupRow, meeting: MeetingRow, userId: string, attended: 'in_person' | 'remote' | 'absent' | null) {
  const updated = await tx
    .update(meetingAttendance)
    .set({ attended })
    .where(and(eq(meetingAttendance.meetingId, meeting.id), eq(meetingAttendance.userId, userId)))
    .returning({ userId: meetingAttendance.userId });
  if (updated.length === 0) throw notFound('This person was not invited to the meeting.');
  await recordAudit(tx, { actorId: actor.user.id, action: 'meeting.attendance_recorded', targetType: 'user', targetId: userId, groupId: group.id, data: { attended } });
}
