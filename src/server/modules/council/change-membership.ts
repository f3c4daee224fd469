import { and, desc, eq } from 'drizzle-orm';
import { dayBefore, type ChangeMembershipInput } from '../../../core/council';
import type { Db } from '../../db/client';
import { committeeMemberships, memberCommittees } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../audit/record';
import type { CouncilRow } from './policy';

const invalid = (path: string, code: string, message: string) => new AppError('validation.failed', message, { errors: [{ path, code, message }] });

/**
 * A new membership type from `validFrom` on: the latest row is closed the day before and a
 * row is added. Rows are never overwritten or removed, so the history stays whole. The
 * committee row is locked so that two changes at once cannot both close the same row.
 */
export async function changeMembership(tx: Db, actor: Actor, council: CouncilRow, code: string, input: ChangeMembershipInput): Promise<void> {
  const [committee] = await tx
    .select({ id: memberCommittees.id })
    .from(memberCommittees)
    .where(and(eq(memberCommittees.councilId, council.id), eq(memberCommittees.code, code)))
    .for('update')
    .limit(1);
  if (!committee) throw notFound(`No member committee ${code} in this council.`);
  const [latest] = await tx
    .select()
    .from(committeeMemberships)
    .where(eq(committeeMemberships.committeeId, committee.id))
    .orderBy(desc(committeeMemberships.validFrom), desc(committeeMemberships.createdAt), desc(committeeMemberships.id))
    .limit(1);
  if (latest) {
    if (input.validFrom <= latest.validFrom) {
      throw invalid('body.validFrom', 'too_early', `Must be after ${latest.validFrom}, when the ${latest.type} membership began.`);
    }
    if (latest.validTo !== null && input.validFrom <= latest.validTo) {
      throw invalid('body.validFrom', 'too_early', `Must be after ${latest.validTo}, when the ${latest.type} membership ended.`);
    }
    if (latest.type === input.type && latest.validTo === null) {
      throw invalid('body.type', 'unchanged', `The membership is already ${latest.type} since ${latest.validFrom}.`);
    }
  }
  const closedTo = dayBefore(input.validFrom);
  if (latest && latest.validTo === null) {
    await tx.update(committeeMemberships).set({ validTo: closedTo }).where(eq(committeeMemberships.id, latest.id));
  }
  const [added] = await tx.insert(committeeMemberships).values({ committeeId: committee.id, type: input.type, validFrom: input.validFrom }).returning();
  await recordAudit(tx, {
    actorId: actor.user.id,
    action: 'committee.membership_changed',
    targetType: 'member_committee',
    targetId: committee.id,
    data: {
      councilId: council.id,
      code,
      from: latest ? { id: latest.id, type: latest.type, validFrom: latest.validFrom, validTo: latest.validTo ?? closedTo } : null,
      to: { id: added?.id, type: input.type, validFrom: input.validFrom },
    },
  });
}
