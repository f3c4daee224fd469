import { eq, sql } from 'drizzle-orm';
import type { DraftBlock } from '../../../core/drafts';
import type { Db } from '../../db/client';
import { drafts, draftVersions } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { notFound } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { syncDraftStatus } from '../positions/draft-status';
import { queuePositionReviews } from '../positions/review';
import type { VersionRow } from './queries';

/**
 * Records a named version of a draft: the whole Yjs state and the blocks as read at that moment.
 * Numbered 1, 2, 3… under a lock on the draft's row, so two versions named at once get two numbers.
 */
export async function recordVersion(
  tx: Db,
  input: { actor: Actor; groupId: string; draftId: string; name: string; state: Uint8Array; blocks: DraftBlock[]; restoredFrom?: number },
): Promise<VersionRow> {
  const [locked] = await tx.select({ id: drafts.id }).from(drafts).where(eq(drafts.id, input.draftId)).for('update');
  if (!locked) throw notFound('No such draft in this group.');
  const [next] = await tx.select({ n: sql<number>`coalesce(max(${draftVersions.number}), 0) + 1` }).from(draftVersions).where(eq(draftVersions.draftId, input.draftId));
  const number = Number(next?.n ?? 1);
  const [row] = await tx
    .insert(draftVersions)
    .values({ draftId: input.draftId, number, name: input.name, state: input.state, blocks: input.blocks, restoredFrom: input.restoredFrom ?? null, createdBy: input.actor.user.id })
    .returning();
  if (!row) throw new Error('version not inserted');
  // Heads whose positions were in force on a text this version changes are told to look again.
  await queuePositionReviews(tx, { groupId: input.groupId, draftId: input.draftId, number });
  await syncDraftStatus(tx, input.draftId, input.actor.user.id);
  await recordAudit(tx, {
    actorId: input.actor.user.id,
    action: input.restoredFrom ? 'draft.version_restored' : 'draft.version_named',
    targetType: 'draft',
    targetId: input.draftId,
    groupId: input.groupId,
    data: { number, name: input.name, ...(input.restoredFrom ? { restoredFrom: input.restoredFrom } : {}) },
  });
  return row;
}
