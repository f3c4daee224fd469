import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type * as Y from 'yjs';
import { randomUUID } from 'node:crypto';
import { amendmentAgainstLive, type MergeAmendmentsInput, type ProposeAmendmentInput } from '../../../core/deliberation';
import { inlineText } from '../../collaboration/ydoc';
import type { Db } from '../../db/client';
import { amendments, drafts, draftVersions } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { findBlock, newParagraph, setBlockText } from '../draft-versions/live-text';
import { currentMembers } from '../meetings/queries';
import { targetOf, type AmendmentRow } from './queries';

interface Scope {
  actor: Actor;
  groupId: string;
  draftId: string;
}

const fieldError = (path: string, code: string, message: string) => new AppError('validation.failed', message, { errors: [{ path, code, message }] });

async function nextNumber(tx: Db, draftId: string): Promise<number> {
  // Serialise numbering within the draft.
  const [locked] = await tx.select({ id: drafts.id }).from(drafts).where(eq(drafts.id, draftId)).for('update');
  if (!locked) throw notFound('No such draft in this group.');
  const [next] = await tx.select({ n: sql<number>`coalesce(max(${amendments.number}), 0) + 1` }).from(amendments).where(eq(amendments.draftId, draftId));
  return Number(next?.n ?? 1);
}

/**
 * Proposes a change to one paragraph of a version (or a new paragraph after one), on behalf of the
 * proposer's delegation in this group; people who sit in none are refused.
 */
export async function proposeAmendment(tx: Db, scope: Scope, input: ProposeAmendmentInput): Promise<AmendmentRow> {
  const committee = (await currentMembers(tx, scope.groupId)).get(scope.actor.user.id)?.committee ?? null;
  if (!committee) throw new AppError('amendment.no_delegation', 'Amendments are proposed on behalf of a delegation, and you sit in none in this group.');
  const [version] = await tx.select({ id: draftVersions.id, draftId: draftVersions.draftId, blocks: draftVersions.blocks }).from(draftVersions).where(eq(draftVersions.id, input.versionId));
  if (!version || version.draftId !== scope.draftId) throw fieldError('body.versionId', 'unknown_version', 'Not a version of this draft.');
  const uid = (input.blockUid ?? input.afterUid) as string;
  const block = version.blocks.find((b) => b.uid === uid);
  if (!block) {
    const path = input.blockUid ? 'body.blockUid' : 'body.afterUid';
    const message = 'That paragraph is not in the version being amended.';
    throw new AppError('amendment.paragraph_unknown', message, { errors: [{ path, code: 'paragraph_unknown', message }] });
  }
  const originalText = input.blockUid ? block.text : '';
  if (input.blockUid && input.proposedText === originalText) throw fieldError('body.proposedText', 'unchanged', 'The proposed text is the same as the paragraph’s.');
  const number = await nextNumber(tx, scope.draftId);
  const [row] = await tx
    .insert(amendments)
    .values({
      draftId: scope.draftId,
      number,
      versionId: version.id,
      blockUid: input.blockUid ?? null,
      afterUid: input.afterUid ?? null,
      originalText,
      proposedText: input.proposedText,
      rationale: input.rationale,
      proposedBy: scope.actor.user.id,
      committeeId: committee.id,
    })
    .returning();
  if (!row) throw new Error('amendment not inserted');
  await recordAudit(tx, {
    actorId: scope.actor.user.id,
    action: 'amendment.proposed',
    targetType: 'amendment',
    targetId: row.id,
    groupId: scope.groupId,
    data: { draftId: scope.draftId, number, committee: committee.code, blockUid: row.blockUid, afterUid: row.afterUid },
  });
  return row;
}

/** Checks that an amendment is still as the decider read it: the same version, and open. */
export function checkOpen(row: AmendmentRow, version: number) {
  if (row.version !== version) {
    throw new AppError('resource.version_conflict', `The amendment changed meanwhile (version ${row.version}; you read ${version}).`, { data: { latestVersion: row.version } });
  }
  if (row.status !== 'open') throw new AppError('amendment.not_open', `Amendment A${row.number} is ${row.status}.`);
}

async function lockOpen(tx: Db, draftId: string, id: string, version: number): Promise<AmendmentRow> {
  const [row] = await tx
    .select()
    .from(amendments)
    .where(and(eq(amendments.draftId, draftId), eq(amendments.id, id)))
    .for('update');
  if (!row) throw notFound('No such amendment to this draft.');
  checkOpen(row, version);
  return row;
}

async function decide(tx: Db, scope: Scope, row: AmendmentRow, status: 'accepted' | 'rejected' | 'withdrawn', extra: { reason?: string; data?: Record<string, unknown> } = {}) {
  const [updated] = await tx
    .update(amendments)
    .set({ status, decidedBy: scope.actor.user.id, decidedAt: sql`now()`, decisionReason: extra.reason ?? null, version: row.version + 1 })
    .where(eq(amendments.id, row.id))
    .returning();
  if (!updated) throw new Error('amendment not updated');
  await recordAudit(tx, {
    actorId: scope.actor.user.id,
    action: `amendment.${status}`,
    targetType: 'amendment',
    targetId: row.id,
    groupId: scope.groupId,
    data: { draftId: scope.draftId, number: row.number, ...(extra.reason ? { reason: extra.reason } : {}), ...extra.data },
  });
  return updated;
}

export type Applied = { applied: 'changed' | 'deleted' | 'inserted'; uid: string };

/**
 * Applies an amendment to the live fragment at its paragraph's uid, inside the collaboration
 * server's transaction; throws (changing nothing) when that paragraph no longer exists, or no
 * longer reads as the amended version did and the decider did not accept it over the text it
 * reads now (`currentText`): accepting must not overwrite another change without a word.
 */
export function applyAmendment(fragment: Y.XmlFragment, a: Pick<AmendmentRow, 'number' | 'status' | 'blockUid' | 'afterUid' | 'originalText' | 'proposedText'>, currentText?: string): Applied {
  const uid = (a.blockUid ?? a.afterUid) as string;
  const found = findBlock(fragment, uid);
  const standing = amendmentAgainstLive(a, () => (found ? inlineText(found.element) : undefined));
  if (!found || standing.outOfDate === 'gone') throw new AppError('amendment.paragraph_gone', `The paragraph amendment A${a.number} changes is no longer in the live text.`);
  if (standing.outOfDate === 'changed' && standing.liveText !== currentText) {
    throw new AppError(
      'amendment.out_of_date',
      currentText === undefined
        ? `The paragraph has changed since amendment A${a.number} was proposed: accepting it would replace the text as it reads now. Read it, then accept over the current text.`
        : `The paragraph changed again while you read it: read it once more before accepting A${a.number}.`,
      { data: { liveText: standing.liveText } },
    );
  }
  if (a.blockUid) {
    if (a.proposedText === '') {
      found.parent.delete(found.index, 1);
      return { applied: 'deleted', uid };
    }
    setBlockText(found.element, a.proposedText);
    return { applied: 'changed', uid };
  }
  // A new paragraph takes the kind of the one it follows (a recommendation after R2 is R3).
  const kind = found.element.getAttribute('kind') === 'recommendation' ? 'recommendation' : 'text';
  const newUid = randomUUID();
  found.parent.insert(found.index + 1, [newParagraph(a.proposedText, kind, newUid)]);
  return { applied: 'inserted', uid: newUid };
}

/** Records an acceptance once the live text has it. */
export async function recordAcceptance(tx: Db, scope: Scope, id: string, version: number, applied: Applied): Promise<AmendmentRow> {
  const row = await lockOpen(tx, scope.draftId, id, version);
  return decide(tx, scope, row, 'accepted', { data: { applied: applied.applied, uid: applied.uid } });
}

export async function rejectAmendment(tx: Db, scope: Scope, id: string, input: { version: number; reason: string }): Promise<AmendmentRow> {
  const row = await lockOpen(tx, scope.draftId, id, input.version);
  return decide(tx, scope, row, 'rejected', { reason: input.reason });
}

/** Its proposer withdraws an open amendment. */
export async function withdrawAmendment(tx: Db, scope: Scope, id: string, input: { version: number }): Promise<AmendmentRow> {
  const row = await lockOpen(tx, scope.draftId, id, input.version);
  if (row.proposedBy !== scope.actor.user.id) throw new AppError('auth.forbidden', 'Only its proposer may withdraw an amendment.');
  return decide(tx, scope, row, 'withdrawn');
}

/**
 * Merges open amendments to one paragraph into a new amendment with its own text, against the
 * newest version among them; the originals are marked merged and point to it.
 */
export async function mergeAmendments(tx: Db, scope: Scope, input: MergeAmendmentsInput): Promise<AmendmentRow> {
  const ids = input.amendments.map((x) => x.id);
  const rows = await tx
    .select()
    .from(amendments)
    .where(and(eq(amendments.draftId, scope.draftId), inArray(amendments.id, ids)))
    .orderBy(asc(amendments.id))
    .for('update');
  if (rows.length !== ids.length) throw notFound('No such amendment to this draft.');
  for (const { id, version } of input.amendments) checkOpen(rows.find((r) => r.id === id) as AmendmentRow, version);
  const targets = new Set(rows.map(targetOf));
  if (targets.size !== 1) throw new AppError('amendment.merge_mismatch', 'The amendments do not change the same paragraph.');
  const versions = await tx.select({ id: draftVersions.id, number: draftVersions.number }).from(draftVersions).where(inArray(draftVersions.id, [...new Set(rows.map((r) => r.versionId))]));
  const numberOf = new Map(versions.map((v) => [v.id, v.number]));
  const base = [...rows].sort((a, b) => (numberOf.get(b.versionId) ?? 0) - (numberOf.get(a.versionId) ?? 0))[0] as AmendmentRow;
  if (base.blockUid && input.proposedText === base.originalText) throw fieldError('body.proposedText', 'unchanged', 'The proposed text is the same as the paragraph’s.');
  if (!base.blockUid && input.proposedText.trim() === '') throw fieldError('body.proposedText', 'required', 'A new paragraph needs its text.');
  const number = await nextNumber(tx, scope.draftId);
  const [merged] = await tx
    .insert(amendments)
    .values({
      draftId: scope.draftId,
      number,
      versionId: base.versionId,
      blockUid: base.blockUid,
      afterUid: base.afterUid,
      originalText: base.originalText,
      proposedText: input.proposedText,
      rationale: input.rationale,
      proposedBy: scope.actor.user.id,
      committeeId: null,
    })
    .returning();
  if (!merged) throw new Error('amendment not inserted');
  await tx
    .update(amendments)
    .set({ status: 'merged', mergedInto: merged.id, decidedBy: scope.actor.user.id, decidedAt: sql`now()`, version: sql`${amendments.version} + 1` })
    .where(inArray(amendments.id, ids));
  await recordAudit(tx, {
    actorId: scope.actor.user.id,
    action: 'amendment.merged',
    targetType: 'amendment',
    targetId: merged.id,
    groupId: scope.groupId,
    data: { draftId: scope.draftId, number, from: rows.map((r) => r.number).sort((a, b) => a - b) },
  });
  return merged;
}
