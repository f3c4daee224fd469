import { and, eq, inArray, max, sql } from 'drizzle-orm';
import { AGENDA_TRANSITIONS, agendaItemActions, type AgendaTransition, type CreateAgendaItemInput, type UpdateAgendaItemInput } from '../../../core/agenda';
import type { FieldError } from '../../../core/errors';
import { detectTextLanguage } from '../../../core/text-language';
import type { Db } from '../../db/client';
import { agendaItems, sessionAgendaItems } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { currentMembers } from '../meetings/queries';
import type { AgendaItemRow, AgendaViewer } from './queries';

type GroupRow = { id: string };

/** Raises an issue on the group's open agenda; it takes the next number, and the proposer's delegation. */
export async function createAgendaItem(tx: Db, actor: Actor, group: GroupRow, input: CreateAgendaItemInput): Promise<AgendaItemRow> {
  // Serialise numbering within the group.
  await tx.execute(sql`SELECT 1 FROM study_groups WHERE id = ${group.id} FOR UPDATE`);
  const [{ last } = { last: 0 }] = await tx.select({ last: max(agendaItems.number) }).from(agendaItems).where(eq(agendaItems.groupId, group.id));
  const committee = (await currentMembers(tx, group.id)).get(actor.user.id)?.committee ?? null;
  // The language the item is written in, from its text; the screens' language only where the text cannot tell.
  const lang = input.lang ?? detectTextLanguage(`${input.title}\n${input.description ?? ''}`, actor.user.locale ?? 'en');
  const [row] = await tx
    .insert(agendaItems)
    .values({ groupId: group.id, number: (last ?? 0) + 1, title: input.title, description: input.description ?? null, lang, proposedBy: actor.user.id, committeeId: committee?.id ?? null })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  await recordAudit(tx, { actorId: actor.user.id, action: 'agenda.item_proposed', targetType: 'agenda_item', targetId: row.id, groupId: group.id, data: { number: row.number } });
  return row;
}

async function lockItem(tx: Db, item: AgendaItemRow, version: number) {
  const [locked] = await tx.select().from(agendaItems).where(eq(agendaItems.id, item.id)).for('update');
  if (!locked) throw notFound();
  if (locked.version !== version) {
    throw new AppError('resource.version_conflict', `The item changed meanwhile (version ${locked.version}; you read ${version}).`, { data: { latestVersion: locked.version } });
  }
  return locked;
}

/** Changes an item's wording; its proposer while it is open, or those who keep the agenda. */
export async function updateAgendaItem(tx: Db, actor: Actor, group: GroupRow, item: AgendaItemRow, viewer: AgendaViewer, input: UpdateAgendaItemInput): Promise<AgendaItemRow> {
  const locked = await lockItem(tx, item, input.version);
  if (!agendaItemActions(locked, viewer).includes('edit')) {
    throw locked.status === 'open' ? new AppError('auth.forbidden', 'Only its proposer or the co-chairs may change this item.') : new AppError('agenda.transition_not_allowed', 'A closed or withdrawn item is reopened before it is changed.');
  }
  const set: Partial<AgendaItemRow> = {};
  if (input.title !== undefined && input.title !== locked.title) set.title = input.title;
  if (input.description !== undefined && (input.description ?? null) !== locked.description) set.description = input.description ?? null;
  if (input.lang !== undefined && input.lang !== locked.lang) set.lang = input.lang;
  if (Object.keys(set).length === 0) return locked;
  const [row] = await tx
    .update(agendaItems)
    .set({ ...set, version: locked.version + 1, updatedAt: sql`now()` })
    .where(eq(agendaItems.id, locked.id))
    .returning();
  if (!row) throw new Error('update returned nothing');
  await recordAudit(tx, { actorId: actor.user.id, action: 'agenda.item_updated', targetType: 'agenda_item', targetId: row.id, groupId: group.id, data: { fields: Object.keys(set) } });
  return row;
}

/** Closes (with a reason), withdraws or reopens an item, as its status and the viewer allow. */
export async function transitionAgendaItem(
  tx: Db,
  actor: Actor,
  group: GroupRow,
  item: AgendaItemRow,
  viewer: AgendaViewer,
  input: { transition: AgendaTransition; reason?: string | undefined; version: number },
): Promise<AgendaItemRow> {
  const locked = await lockItem(tx, item, input.version);
  const step = AGENDA_TRANSITIONS[input.transition];
  if (!(step.from as readonly string[]).includes(locked.status)) {
    throw new AppError('agenda.transition_not_allowed', `The item is ${locked.status}: it cannot be ${input.transition === 'reopen' ? 'reopened' : input.transition === 'close' ? 'closed' : 'withdrawn'}.`);
  }
  if (!agendaItemActions(locked, viewer).includes(input.transition)) throw new AppError('auth.forbidden');
  if (step.reason && !input.reason) {
    throw new AppError('validation.failed', 'Say why the item is closed.', { errors: [{ path: 'body.reason', code: 'required', message: 'Say why the item is closed.' }] });
  }
  const [row] = await tx
    .update(agendaItems)
    .set({ status: step.to, statusReason: step.to === 'open' ? null : (input.reason ?? null), version: locked.version + 1, updatedAt: sql`now()` })
    .where(eq(agendaItems.id, locked.id))
    .returning();
  if (!row) throw new Error('update returned nothing');
  await recordAudit(tx, { actorId: actor.user.id, action: `agenda.item_${step.to}`, targetType: 'agenda_item', targetId: row.id, groupId: group.id, data: { number: row.number, reason: input.reason ?? null } });
  return row;
}

/**
 * Checks the agenda items a session is to take up: each must belong to the session's group, and
 * a newly linked one must be open (a closed item may stay on a session that already took it up).
 * Problems go into `errors`, reported with the session's other fields.
 */
export async function checkSessionAgendaItems(tx: Db, groupId: string, sessionId: string | undefined, itemIds: string[], errors: FieldError[]) {
  const unique = [...new Set(itemIds)];
  if (unique.length === 0) return;
  const rows = await tx
    .select({ id: agendaItems.id, status: agendaItems.status })
    .from(agendaItems)
    .where(and(eq(agendaItems.groupId, groupId), inArray(agendaItems.id, unique)));
  const already = new Set(
    sessionId ? (await tx.select({ id: sessionAgendaItems.agendaItemId }).from(sessionAgendaItems).where(eq(sessionAgendaItems.sessionId, sessionId))).map((r) => r.id) : [],
  );
  const known = new Map(rows.map((r) => [r.id, r.status]));
  itemIds.forEach((id, i) => {
    const status = known.get(id);
    if (!status) errors.push({ path: `body.agendaItemIds.${i}`, code: 'unknown_agenda_item', message: 'Not an agenda item of this group.' });
    else if (status !== 'open' && !already.has(id)) errors.push({ path: `body.agendaItemIds.${i}`, code: 'agenda_item_not_open', message: 'This agenda item is closed or withdrawn.' });
  });
}

/** Sets which agenda items a session takes up, in the order given (checked first by checkSessionAgendaItems). */
export async function linkSessionAgendaItems(tx: Db, sessionId: string, itemIds: string[]) {
  const unique = [...new Set(itemIds)];
  await tx.delete(sessionAgendaItems).where(eq(sessionAgendaItems.sessionId, sessionId));
  if (unique.length) await tx.insert(sessionAgendaItems).values(unique.map((agendaItemId, position) => ({ sessionId, agendaItemId, position })));
}
