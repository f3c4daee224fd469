import { and, eq } from 'drizzle-orm';
import type { UpdateCommitteeInput } from '../../../core/council';
import type { Db } from '../../db/client';
import { memberCommittees } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { notFound } from '../../http/errors';
import { recordAudit } from '../audit/record';
import type { CouncilRow } from './policy';

const FIELDS = ['name', 'hostInstitution', 'subregion'] as const;

/**
 * Changes a committee's name, host institution or sub-region. Only what differs is written
 * and audited (as from → to); a request that changes nothing writes nothing.
 */
export async function updateCommittee(tx: Db, actor: Actor, council: CouncilRow, code: string, input: UpdateCommitteeInput): Promise<void> {
  const [committee] = await tx
    .select()
    .from(memberCommittees)
    .where(and(eq(memberCommittees.councilId, council.id), eq(memberCommittees.code, code)))
    .for('update')
    .limit(1);
  if (!committee) throw notFound(`No member committee ${code} in this council.`);
  const set: Partial<Pick<typeof memberCommittees.$inferInsert, (typeof FIELDS)[number]>> = {};
  const changes: Record<string, { from: string | null; to: string | null }> = {};
  for (const field of FIELDS) {
    const to = input[field];
    if (to === undefined || to === committee[field]) continue;
    changes[field] = { from: committee[field], to };
    Object.assign(set, { [field]: to });
  }
  if (Object.keys(changes).length === 0) return;
  await tx.update(memberCommittees).set(set).where(eq(memberCommittees.id, committee.id));
  await recordAudit(tx, { actorId: actor.user.id, action: 'committee.updated', targetType: 'member_committee', targetId: committee.id, data: { councilId: council.id, code, changes } });
}
