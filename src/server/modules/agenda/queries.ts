import { and, asc, eq, inArray } from 'drizzle-orm';
import { agendaItemActions, type AgendaItemRef, type AgendaItemView } from '../../../core/agenda';
import type { Db } from '../../db/client';
import { agendaItems, meetings, meetingSessions, memberCommittees, sessionAgendaItems, users } from '../../db/schema';
import { notFound } from '../../http/errors';

export type AgendaItemRow = typeof agendaItems.$inferSelect;

export async function agendaItemOrThrow(db: Db, groupId: string, itemId: string): Promise<AgendaItemRow> {
  const [row] = await db
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.groupId, groupId)))
    .limit(1);
  if (!row) throw notFound('No such agenda item in this group.');
  return row;
}

export interface AgendaViewer {
  id: string;
  canManage: boolean;
  canPropose: boolean;
}

/** Items as the agenda lists them, with who raised them, the sessions taking them up and the viewer's steps. */
export async function presentAgendaItems(db: Db, rows: AgendaItemRow[], viewer: AgendaViewer): Promise<AgendaItemView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const personIds = [...new Set(rows.flatMap((r) => (r.proposedBy ? [r.proposedBy] : [])))];
  const committeeIds = [...new Set(rows.flatMap((r) => (r.committeeId ? [r.committeeId] : [])))];
  const [people, committees, sessions] = await Promise.all([
    personIds.length ? db.select({ id: users.id, displayName: users.displayName, names: users.names }).from(users).where(inArray(users.id, personIds)) : Promise.resolve([]),
    committeeIds.length ? db.select({ id: memberCommittees.id, code: memberCommittees.code, name: memberCommittees.name }).from(memberCommittees).where(inArray(memberCommittees.id, committeeIds)) : Promise.resolve([]),
    db
      .select({ itemId: sessionAgendaItems.agendaItemId, sessionId: meetingSessions.id, title: meetingSessions.title, start: meetingSessions.startsAt, meetingId: meetings.id, meetingSequence: meetings.sequence })
      .from(sessionAgendaItems)
      .innerJoin(meetingSessions, eq(meetingSessions.id, sessionAgendaItems.sessionId))
      .innerJoin(meetings, eq(meetings.id, meetingSessions.meetingId))
      .where(inArray(sessionAgendaItems.agendaItemId, ids))
      .orderBy(asc(meetingSessions.startsAt)),
  ]);
  const person = new Map(people.map((p) => [p.id, { id: p.id, displayName: p.displayName, names: (p.names ?? {}) as Record<string, string> }]));
  const committee = new Map(committees.map((c) => [c.id, c]));
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    lang: r.lang,
    status: r.status,
    description: r.description,
    statusReason: r.statusReason,
    proposedBy: r.proposedBy ? (person.get(r.proposedBy) ?? null) : null,
    committee: r.committeeId ? (committee.get(r.committeeId) ?? null) : null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    sessions: sessions
      .filter((s) => s.itemId === r.id)
      .map((s) => ({ meetingId: s.meetingId, meetingSequence: s.meetingSequence, sessionId: s.sessionId, title: s.title, start: s.start.toISOString() })),
    allowedActions: agendaItemActions(r, viewer),
  }));
}

export async function listAgendaItems(db: Db, groupId: string): Promise<AgendaItemRow[]> {
  return db.select().from(agendaItems).where(eq(agendaItems.groupId, groupId)).orderBy(asc(agendaItems.number));
}

/** The agenda items each session takes up, in the session's own order. */
export async function sessionAgendaRefs(db: Db, sessionIds: string[]): Promise<Map<string, AgendaItemRef[]>> {
  const out = new Map<string, AgendaItemRef[]>();
  if (sessionIds.length === 0) return out;
  const rows = await db
    .select({ sessionId: sessionAgendaItems.sessionId, id: agendaItems.id, number: agendaItems.number, title: agendaItems.title, lang: agendaItems.lang, status: agendaItems.status })
    .from(sessionAgendaItems)
    .innerJoin(agendaItems, eq(agendaItems.id, sessionAgendaItems.agendaItemId))
    .where(inArray(sessionAgendaItems.sessionId, sessionIds))
    .orderBy(asc(sessionAgendaItems.position));
  for (const { sessionId, ...ref } of rows) out.set(sessionId, [...(out.get(sessionId) ?? []), ref]);
  return out;
}
