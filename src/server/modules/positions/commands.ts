import { and, eq, sql } from 'drizzle-orm';
import { checkOutcome, checkPosition, VERSION_CONFLICT } from '../../../core/consensus';
import type { Db } from '../../db/client';
import { drafts, positions, recommendationOutcomes } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { breakSilenceByObjection } from './silence';
import { consensusOf, eligibleDelegations, headedCommittee, positionsUpTo, recommendationsOf, recommendationTexts, versionOfDraft, type OutcomeRow, type PositionRow } from './queries';
import type { DeclareOutcomeInput } from './schemas';
import type { z } from 'zod';
import type { ZPositionBody } from './schemas';
import { syncDraftStatus } from './draft-status';

type PositionBody = z.output<typeof ZPositionBody>;
interface Target {
  actor: Actor;
  groupId: string;
  draftId: string;
}

const stale = (latest: number, read: number, what: string) =>
  new AppError(VERSION_CONFLICT, `Someone changed this ${what} meanwhile (version ${latest}; you read ${read}). Reload it and decide again.`, { data: { latestVersion: latest } });

/** Locks the draft's row against a version being named meanwhile (named versions lock it too). */
async function lockDraft(tx: Db, draftId: string) {
  const [row] = await tx.select({ id: drafts.id }).from(drafts).where(eq(drafts.id, draftId)).for('share');
  if (!row) throw notFound('No such draft in this group.');
}

/**
 * Records the position of the head's member committee on one recommendation of one version.
 * Only the latest version takes positions (earlier ones are kept and shown as superseded); the
 * head sends the version of the position row they read (0 for none): the row is locked and the
 * version re-checked, and a first position races on the unique key, so a stale write answers
 * 409 and never overwrites.
 */
export async function recordPosition(tx: Db, input: Target & { versionNumber: number; uid: string; body: PositionBody }): Promise<PositionRow & { onVersion: number }> {
  const { actor, groupId, draftId, body } = input;
  await lockDraft(tx, draftId);
  const { version, latest } = await versionOfDraft(tx, draftId, input.versionNumber);
  const rec = recommendationsOf(version).find((r) => r.uid === input.uid);
  if (!rec) throw new AppError('position.recommendation_unknown', `Version ${version.number} has no recommendation ${input.uid}.`);
  const committeeId = await headedCommittee(tx, groupId, actor.user.id);
  if (!committeeId) throw new AppError('auth.forbidden', "Only a delegation's head records its member committee's position.");
  const eligible = await eligibleDelegations(tx, groupId);
  const check = checkPosition({ version: version.number }, { committeeId, eligible, currentVersion: latest });
  if (!check.ok) {
    if (check.code === VERSION_CONFLICT) {
      throw new AppError(VERSION_CONFLICT, `Positions are taken on the latest version, ${latest}; this is version ${version.number}.`, { data: { latestDraftVersion: latest } });
    }
    throw new AppError(check.code, 'Your member committee takes no position in this group.');
  }
  const fields = { position: body.position, text: body.position === 'reservation' ? (body.text ?? null) : null, change: body.position === 'objection' ? (body.change ?? null) : null };
  const key = and(eq(positions.versionId, version.id), eq(positions.recommendationUid, rec.uid), eq(positions.committeeId, committeeId));
  const [held] = await tx.select().from(positions).where(key).for('update');
  let row: PositionRow | undefined;
  if (!held) {
    if (body.version !== 0) throw stale(0, body.version, 'position');
    [row] = await tx
      .insert(positions)
      .values({ draftId, versionId: version.id, recommendationUid: rec.uid, committeeId, ...fields, recordedBy: actor.user.id })
      .onConflictDoNothing()
      .returning();
    // Another head of the committee (a handover) recorded the first position meanwhile.
    if (!row) throw stale(1, 0, 'position');
  } else {
    if (held.version !== body.version) throw stale(held.version, body.version, 'position');
    [row] = await tx
      .update(positions)
      .set({ ...fields, recordedBy: actor.user.id, recordedAt: sql`now()`, version: held.version + 1 })
      .where(and(eq(positions.id, held.id), eq(positions.version, held.version)))
      .returning();
    if (!row) throw stale(held.version + 1, body.version, 'position');
  }
  if (body.position === 'objection' && held?.position !== 'objection') {
    await breakSilenceByObjection(tx, { actor, groupId, draftId, versionId: version.id, committeeId, change: fields.change ?? '' });
  }
  await recordAudit(tx, {
    actorId: actor.user.id,
    action: 'position.recorded',
    targetType: 'draft',
    targetId: draftId,
    groupId,
    data: { version: version.number, recommendation: rec.number, uid: rec.uid, committeeId, position: body.position, from: held?.position ?? null },
  });
  return { ...row, onVersion: version.number };
}

/**
 * Declares the outcome of one recommendation of the latest version: adopted only when the rules
 * allow it (the grade is the computed one), noted in a chair's summary (with its text) or
 * dropped. A re-declaration replaces the previous one only from the version read.
 */
export async function declareOutcome(tx: Db, input: Target & { uid: string; body: DeclareOutcomeInput }): Promise<OutcomeRow & { onVersion: number }> {
  const { actor, groupId, draftId, body } = input;
  await lockDraft(tx, draftId);
  const { version, all } = await versionOfDraft(tx, draftId);
  const rec = recommendationsOf(version).find((r) => r.uid === input.uid);
  if (!rec) throw new AppError('position.recommendation_unknown', `The latest version, ${version.number}, has no recommendation ${input.uid}.`);
  const [held] = await tx
    .select()
    .from(recommendationOutcomes)
    .where(and(eq(recommendationOutcomes.draftId, draftId), eq(recommendationOutcomes.recommendationUid, rec.uid)))
    .for('update');
  if ((held?.version ?? 0) !== body.version) throw stale(held?.version ?? 0, body.version, 'outcome');
  const consensus = consensusOf(rec.uid, version.number, await eligibleDelegations(tx, groupId), await positionsUpTo(tx, draftId, version.number), recommendationTexts(all));
  const check = checkOutcome(consensus, body.outcome);
  if (!check.ok) {
    const detail = {
      'consensus.objection_sustained': `R${rec.number} cannot be adopted while ${consensus.blocking.map((b) => b.code).join(', ')} object${consensus.blocking.length === 1 ? 's' : ''} to version ${version.number}.`,
      'consensus.no_positions': `No delegation has taken a position on R${rec.number} yet.`,
      'consensus.positions_stale': `Every position on R${rec.number} was taken on an earlier text than version ${version.number}'s: the delegations are asked to look again.`,
    }[check.code];
    throw new AppError(check.code, detail, { data: { grade: consensus.grade, blocking: consensus.blocking.map((b) => b.code) } });
  }
  const fields = { versionId: version.id, outcome: check.outcome, grade: check.grade, summary: body.outcome === 'chair_summary' ? (body.summary ?? null) : null, via: 'declaration', declaredBy: actor.user.id };
  let row: OutcomeRow | undefined;
  if (!held) {
    [row] = await tx
      .insert(recommendationOutcomes)
      .values({ draftId, recommendationUid: rec.uid, ...fields })
      .onConflictDoNothing()
      .returning();
    if (!row) throw stale(1, 0, 'outcome');
  } else {
    [row] = await tx
      .update(recommendationOutcomes)
      .set({ ...fields, declaredAt: sql`now()`, version: held.version + 1 })
      .where(and(eq(recommendationOutcomes.id, held.id), eq(recommendationOutcomes.version, held.version)))
      .returning();
    if (!row) throw stale(held.version + 1, body.version, 'outcome');
  }
  await recordAudit(tx, {
    actorId: actor.user.id,
    action: 'outcome.declared',
    targetType: 'draft',
    targetId: draftId,
    groupId,
    data: { version: version.number, recommendation: rec.number, uid: rec.uid, outcome: check.outcome, grade: check.grade, replaced: held?.outcome ?? null },
  });
  await syncDraftStatus(tx, draftId, actor.user.id);
  return { ...row, onVersion: version.number };
}
