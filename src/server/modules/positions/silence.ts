import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { checkBreak, checkSilenceStart, silenceState, VERSION_CONFLICT, type SilenceBreakInput, type SilenceStart } from '../../../core/consensus';
import type { Db } from '../../db/client';
import { draftVersions, drafts, recommendationOutcomes, silenceBreaks, silenceProcedures, studyGroups } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError, notFound } from '../../http/errors';
import { enqueueJob } from '../../jobs/queue';
import { queueSilenceMail } from '../../mail/deliberation-mail';
import { groupTimeZone } from '../study-groups/queries';
import { recordAudit } from '../audit/record';
import { committeesById, consensusOf, eligibleDelegations, peopleById, positionsUpTo, recommendationsOf, recommendationTexts, versionOfDraft, versionsOf } from './queries';
import type { SilenceView } from './schemas';
import { syncDraftStatus } from './draft-status';

export const SILENCE_CONCLUDE_JOB = 'silence.conclude';

type ProcedureRow = typeof silenceProcedures.$inferSelect;
type BreakRow = typeof silenceBreaks.$inferSelect;
interface Target {
  actor: Actor;
  group: { id: string; slug: string };
  draftId: string;
}

/**
 * Puts the latest version under silence until the deadline (checkSilenceStart: the version read
 * must be the latest, the deadline ahead and at most 90 days away). One procedure runs per draft:
 * the draft's row is locked while it is checked. A job due at the deadline concludes it; mail
 * tells everyone who may view the draft.
 */
export async function startSilence(tx: Db, input: Target & { body: SilenceStart; now?: Date }): Promise<ProcedureRow> {
  const { actor, group, draftId, body } = input;
  const [draft] = await tx.select({ id: drafts.id }).from(drafts).where(eq(drafts.id, draftId)).for('update');
  if (!draft) throw notFound('No such draft in this group.');
  const { version, latest } = await versionOfDraft(tx, draftId);
  const [running] = await tx
    .select({ id: silenceProcedures.id })
    .from(silenceProcedures)
    .where(and(eq(silenceProcedures.draftId, draftId), eq(silenceProcedures.status, 'running')))
    .limit(1);
  if (running) throw new AppError('silence.already_running', 'A silence procedure is already running on this draft: let it end, or withdraw it first.', { data: { procedureId: running.id } });
  const check = checkSilenceStart(body, { now: input.now ?? new Date(), currentVersion: latest });
  if (!check.ok) {
    if (check.code === VERSION_CONFLICT) throw new AppError(VERSION_CONFLICT, `Silence is put on the latest version, ${latest}; you read version ${body.version}.`, { data: { latestDraftVersion: latest } });
    const message = check.code === 'silence.deadline_past' ? 'The deadline must be in the future.' : 'The deadline may be at most 90 days away.';
    throw new AppError(check.code, message, { errors: [{ path: 'body.deadline', code: check.code, message }] });
  }
  const [row] = await tx
    .insert(silenceProcedures)
    .values({ draftId, versionId: version.id, startedBy: actor.user.id, deadline: new Date(check.deadline) })
    .returning();
  if (!row) throw new Error('procedure not inserted');
  await enqueueJob(tx, SILENCE_CONCLUDE_JOB, { procedureId: row.id }, row.deadline);
  await queueSilenceMail(tx, group.slug, 'started', { procedureId: row.id });
  await recordAudit(tx, { actorId: actor.user.id, action: 'silence.started', targetType: 'draft', targetId: draftId, groupId: group.id, data: { procedureId: row.id, version: version.number, deadline: check.deadline } });
  await syncDraftStatus(tx, draftId, actor.user.id);
  return row;
}

/** The draft's latest procedure, locked. */
async function lockLatest(tx: Db, draftId: string): Promise<ProcedureRow | undefined> {
  const [row] = await tx.select().from(silenceProcedures).where(eq(silenceProcedures.draftId, draftId)).orderBy(desc(silenceProcedures.startedAt)).limit(1).for('update');
  return row;
}

/**
 * Records a written objection or amendment against the procedure running on the draft, with who,
 * their member committee and why (the route decides who may send which). Before the deadline
 * only (checkBreak); the first break ends the procedure as broken, later ones before the
 * deadline are recorded too.
 */
export async function breakSilence(tx: Db, input: Target & { committeeId: string | null; body: SilenceBreakInput; now?: Date }): Promise<{ procedure: ProcedureRow; brk: BreakRow }> {
  const { actor, group, draftId, body } = input;
  const now = input.now ?? new Date();
  const procedure = await lockLatest(tx, draftId);
  if (!procedure || procedure.status === 'cancelled') throw new AppError('silence.not_running', 'No silence procedure is running on this draft.');
  const [version] = await tx.select({ number: draftVersions.number }).from(draftVersions).where(eq(draftVersions.id, procedure.versionId));
  if (procedure.status === 'adopted') throw new AppError('silence.closed', 'The deadline has passed: the text was adopted under silence.');
  const check = checkBreak(procedure, now);
  if (!check.ok) throw new AppError(check.code, check.code === 'silence.closed' ? 'The deadline has passed: silence can no longer be broken.' : 'The silence procedure had not begun then.');
  if (version?.number !== body.version) {
    throw new AppError(VERSION_CONFLICT, `Version ${version?.number} is under silence; you read version ${body.version}.`, { data: { latestDraftVersion: version?.number } });
  }
  const [brk] = await tx.insert(silenceBreaks).values({ procedureId: procedure.id, kind: body.kind, reason: body.reason, byId: actor.user.id, committeeId: input.committeeId, at: now }).returning();
  if (!brk) throw new Error('break not inserted');
  let updated = procedure;
  if (procedure.status === 'running') {
    const [u] = await tx.update(silenceProcedures).set({ status: 'broken', concludedAt: now }).where(eq(silenceProcedures.id, procedure.id)).returning();
    if (u) updated = u;
  }
  await queueSilenceMail(tx, group.slug, 'broken', { procedureId: procedure.id, breakId: brk.id });
  await recordAudit(tx, { actorId: actor.user.id, action: 'silence.broken', targetType: 'draft', targetId: draftId, groupId: group.id, data: { procedureId: procedure.id, kind: body.kind, committeeId: input.committeeId, first: procedure.status === 'running' } });
  await syncDraftStatus(tx, draftId, actor.user.id);
  return { procedure: updated, brk };
}

/**
 * An objection recorded as a position while its version is under silence is a written objection
 * before the deadline: it breaks silence, recorded like any other break (with the change the
 * committee asks for as the reason). Nothing happens when no procedure runs on that version.
 */
export async function breakSilenceByObjection(tx: Db, input: { actor: Actor; groupId: string; draftId: string; versionId: string; committeeId: string; change: string; now?: Date }): Promise<boolean> {
  const now = input.now ?? new Date();
  const procedure = await lockLatest(tx, input.draftId);
  if (!procedure || procedure.status !== 'running' || procedure.versionId !== input.versionId || !checkBreak(procedure, now).ok) return false;
  const [brk] = await tx.insert(silenceBreaks).values({ procedureId: procedure.id, kind: 'objection', reason: input.change, byId: input.actor.user.id, committeeId: input.committeeId, at: now }).returning();
  if (!brk) throw new Error('break not inserted');
  await tx.update(silenceProcedures).set({ status: 'broken', concludedAt: now }).where(eq(silenceProcedures.id, procedure.id));
  const [group] = await tx.select({ slug: studyGroups.slug }).from(studyGroups).where(eq(studyGroups.id, input.groupId));
  await queueSilenceMail(tx, group?.slug ?? '', 'broken', { procedureId: procedure.id, breakId: brk.id });
  await recordAudit(tx, { actorId: input.actor.user.id, action: 'silence.broken', targetType: 'draft', targetId: input.draftId, groupId: input.groupId, data: { procedureId: procedure.id, kind: 'objection', committeeId: input.committeeId, first: true, byPosition: true } });
  await syncDraftStatus(tx, input.draftId, input.actor.user.id);
  return true;
}

/** Withdraws the running procedure (the co-chairs), before its deadline: nothing is adopted by it. */
export async function cancelSilence(tx: Db, input: Target & { now?: Date }): Promise<ProcedureRow> {
  const { actor, group, draftId } = input;
  const now = input.now ?? new Date();
  const procedure = await lockLatest(tx, draftId);
  if (!procedure || procedure.status !== 'running') throw new AppError('silence.not_running', 'No silence procedure is running on this draft.');
  if (now.getTime() >= procedure.deadline.getTime()) throw new AppError('silence.closed', 'The deadline has passed: the text is deemed adopted.');
  const [row] = await tx.update(silenceProcedures).set({ status: 'cancelled', concludedAt: now }).where(eq(silenceProcedures.id, procedure.id)).returning();
  if (!row) throw new Error('procedure not updated');
  await queueSilenceMail(tx, group.slug, 'cancelled', { procedureId: procedure.id });
  await recordAudit(tx, { actorId: actor.user.id, action: 'silence.cancelled', targetType: 'draft', targetId: draftId, groupId: group.id, data: { procedureId: procedure.id } });
  await syncDraftStatus(tx, draftId, actor.user.id);
  return row;
}

/**
 * The job due at a procedure's deadline. It decides from what is stored when it runs: a withdrawn
 * or broken procedure adopts nothing; one still running before its deadline (clocks apart) is
 * retried; otherwise every recommendation of the version under silence without an outcome is
 * adopted via silence, with the grade its positions earn (null without positions).
 */
export async function concludeSilence(db: Db, payload: Record<string, unknown>, now: Date = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const [procedure] = await tx.select().from(silenceProcedures).where(eq(silenceProcedures.id, String(payload.procedureId))).for('update');
    if (!procedure || procedure.status !== 'running') return;
    const breaks = await tx.select().from(silenceBreaks).where(eq(silenceBreaks.procedureId, procedure.id));
    const [version] = await tx.select().from(draftVersions).where(eq(draftVersions.id, procedure.versionId));
    const [draft] = await tx.select({ id: drafts.id, groupId: drafts.groupId, slug: studyGroups.slug }).from(drafts).innerJoin(studyGroups, eq(studyGroups.id, drafts.groupId)).where(eq(drafts.id, procedure.draftId));
    if (!version || !draft) return;
    const state = silenceState({ version: version.number, startedAt: procedure.startedAt, deadline: procedure.deadline, now, breaks: breaks.map((b) => ({ at: b.at, by: b.committeeId ?? b.byId ?? '', kind: b.kind, reason: b.reason })) });
    if (state.state === 'running') throw new Error(`silence procedure ${procedure.id} runs until ${procedure.deadline.toISOString()}`);
    if (state.state === 'broken') {
      await tx.update(silenceProcedures).set({ status: 'broken', concludedAt: now }).where(eq(silenceProcedures.id, procedure.id));
      await syncDraftStatus(tx, draft.id, null);
      return;
    }
    const declared = new Set((await tx.select({ uid: recommendationOutcomes.recommendationUid }).from(recommendationOutcomes).where(eq(recommendationOutcomes.draftId, draft.id))).map((r) => r.uid));
    const eligible = await eligibleDelegations(tx, draft.groupId);
    const positions = await positionsUpTo(tx, draft.id, version.number);
    const texts = recommendationTexts((await versionsOf(tx, draft.id)).filter((v) => v.number <= version.number));
    // Silence adopts what nobody objects to: a recommendation with a standing objection (taken
    // before silence began) stays without an outcome for the co-chairs to settle.
    const open = recommendationsOf(version)
      .filter((r) => !declared.has(r.uid))
      .map((r) => ({ r, consensus: consensusOf(r.uid, version.number, eligible, positions, texts) }));
    const adopted = open.filter((o) => o.consensus.blocking.length === 0).map((o) => ({ ...o.r, grade: o.consensus.grade }));
    const heldBack = open.filter((o) => o.consensus.blocking.length > 0).map((o) => o.r.number);
    if (adopted.length) {
      await tx
        .insert(recommendationOutcomes)
        .values(adopted.map((r) => ({ draftId: draft.id, recommendationUid: r.uid, versionId: version.id, outcome: 'adopted' as const, grade: r.grade, via: 'silence', declaredBy: null, declaredAt: procedure.deadline })))
        .onConflictDoNothing();
    }
    await tx.update(silenceProcedures).set({ status: 'adopted', concludedAt: now }).where(eq(silenceProcedures.id, procedure.id));
    await queueSilenceMail(tx, draft.slug, 'concluded', { procedureId: procedure.id, count: adopted.length });
    await recordAudit(tx, { actorId: null, action: 'silence.adopted', targetType: 'draft', targetId: draft.id, groupId: draft.groupId, data: { procedureId: procedure.id, version: version.number, adopted: adopted.map((r) => r.number), heldBack } });
    await syncDraftStatus(tx, draft.id, null);
  });
}

/** The draft's silence procedures, newest first, each with its state now and its breaks. */
export async function silenceViews(db: Db, draftId: string, groupId: string, now: Date = new Date()): Promise<SilenceView[]> {
  const rows = await db
    .select({ p: silenceProcedures, version: draftVersions.number })
    .from(silenceProcedures)
    .innerJoin(draftVersions, eq(draftVersions.id, silenceProcedures.versionId))
    .where(eq(silenceProcedures.draftId, draftId))
    .orderBy(desc(silenceProcedures.startedAt));
  if (rows.length === 0) return [];
  const breaks = await db
    .select()
    .from(silenceBreaks)
    .where(
      inArray(
        silenceBreaks.procedureId,
        rows.map((r) => r.p.id),
      ),
    )
    .orderBy(asc(silenceBreaks.at));
  const people = await peopleById(db, [...rows.map((r) => r.p.startedBy), ...breaks.map((b) => b.byId)]);
  const committees = await committeesById(
    db,
    breaks.map((b) => b.committeeId),
  );
  const zone = await groupTimeZone(db, groupId);
  const views: SilenceView[] = [];
  for (const { p, version } of rows) {
    const mine = breaks.filter((b) => b.procedureId === p.id);
    const state = silenceState({ version, startedAt: p.startedAt, deadline: p.deadline, now, breaks: mine.map((b) => ({ at: b.at, by: b.committeeId ?? b.byId ?? '', kind: b.kind, reason: b.reason })) });
    views.push({
      id: p.id,
      version,
      status: p.status,
      state: p.status === 'cancelled' ? 'cancelled' : state.state,
      remainingMs: p.status === 'running' && state.state === 'running' ? state.remainingMs : null,
      startedBy: p.startedBy ? (people.get(p.startedBy) ?? null) : null,
      startedAt: p.startedAt.toISOString(),
      deadline: p.deadline.toISOString(),
      concludedAt: p.concludedAt?.toISOString() ?? null,
      groupTimeZone: zone,
      breaks: mine.map((b) => ({
        id: b.id,
        kind: b.kind,
        reason: b.reason,
        by: b.byId ? (people.get(b.byId) ?? null) : null,
        committee: b.committeeId ? (committees.get(b.committeeId) ?? null) : null,
        at: b.at.toISOString(),
      })),
    });
  }
  return views;
}
