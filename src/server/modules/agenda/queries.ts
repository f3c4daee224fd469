import { and, asc, count, eq, inArray, lt } from 'drizzle-orm';
import { agendaItemActions, type AgendaItemRef, type AgendaItemView, type AgendaListQuery } from '../../../core/agenda';
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

/**
 * One page of the group's agenda in the numbers' order (numbers are never reused, so this is the
 * order items were raised in), with how many the filter lists and the counts of the whole agenda.
 * With `at`, the page holding that item number (when the filter lists it).
 */
export async function listAgendaItems(db: Db, groupId: string, query: AgendaListQuery) {
  const where = and(eq(agendaItems.groupId, groupId), query.status ? eq(agendaItems.status, query.status) : undefined);
  const byStatus = await db.select({ status: agendaItems.status, n: count() }).from(agendaItems).where(eq(agendaItems.groupId, groupId)).groupBy(agendaItems.status);
  const counts = { open: byStatus.find((r) => r.status === 'open')?.n ?? 0, total: byStatus.reduce((sum, r) => sum + r.n, 0) };
  const total = query.status ? (byStatus.find((r) => r.status === query.status)?.n ?? 0) : counts.total;
  let page = query.page;
  if (query.at !== undefined) {
    const [target] = await db.select({ id: agendaItems.id }).from(agendaItems).where(and(where, eq(agendaItems.number, query.at))).limit(1);
    if (target) {
      const [{ before } = { before: 0 }] = await db.select({ before: count() }).from(agendaItems).where(and(where, lt(agendaItems.number, query.at)));
      page = Math.floor(before / query.pageSize) + 1;
    }
  }
  const rows = await db
    .select()
    .from(agendaItems)
    .where(where)
    .orderBy(asc(agendaItems.number))
    .limit(query.pageSize)
    .offset((page - 1) * query.pageSize);
  return { rows, total, page, pageSize: query.pageSize, counts };
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
