import { and, desc, eq, sql } from 'drizzle-orm';
import { draftStatusOf, type DraftStatus } from '../../../core/drafts';
import type { Db } from '../../db/client';
import { draftVersions, drafts, recommendationOutcomes, silenceProcedures } from '../../db/schema';
import { recordAudit } from '../audit/record';
import { recommendationsOf } from './queries';

/**
 * Sets a draft's status from its versions, outcomes and silence (`draftStatusOf`), in the
 * transaction of the step that changed them: naming or restoring a version, declaring an
 * outcome, starting, breaking, withdrawing or concluding silence. A change bumps the draft's
 * version (a rename that read the old status is refused) and is audited; the collaboration
 * server re-checks open connections, so editors follow a text that settles.
 */
export async function syncDraftStatus(tx: Db, draftId: string, actorId: string | null): Promise<DraftStatus | null> {
  const [draft] = await tx.select({ status: drafts.status, groupId: drafts.groupId }).from(drafts).where(eq(drafts.id, draftId)).for('update');
  if (!draft) return null;
  // Versions are numbered 1, 2, 3… and never removed: the latest one's number is their count.
  const [latest] = await tx.select({ number: draftVersions.number, blocks: draftVersions.blocks }).from(draftVersions).where(eq(draftVersions.draftId, draftId)).orderBy(desc(draftVersions.number)).limit(1);
  const outcomes = await tx.select({ uid: recommendationOutcomes.recommendationUid, outcome: recommendationOutcomes.outcome }).from(recommendationOutcomes).where(eq(recommendationOutcomes.draftId, draftId));
  const [running] = await tx
    .select({ id: silenceProcedures.id })
    .from(silenceProcedures)
    .where(and(eq(silenceProcedures.draftId, draftId), eq(silenceProcedures.status, 'running')))
    .limit(1);
  const status = draftStatusOf({
    versions: latest?.number ?? 0,
    recommendations: latest ? recommendationsOf(latest).map((r) => r.uid) : [],
    outcomes: new Map(outcomes.map((o) => [o.uid, o.outcome])),
    silenceRunning: running !== undefined,
  });
  if (status === draft.status) return status;
  await tx.update(drafts).set({ status, version: sql`${drafts.version} + 1`, updatedAt: sql`now()` }).where(eq(drafts.id, draftId));
  await recordAudit(tx, { actorId, action: 'draft.status_changed', targetType: 'draft', targetId: draftId, groupId: draft.groupId, data: { from: draft.status, to: status } });
  return status;
}
