import { and, eq } from 'drizzle-orm';
import type { CreateCommitteeInput } from '../../../core/council';
import type { Db } from '../../db/client';
import { committeeMemberships, memberCommittees } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { isUniqueViolation } from './db-errors';
import type { CouncilRow } from './policy';

const exists = (council: CouncilRow, code: string) => new AppError('committee.exists', `${council.acronym} already has a member committee with code ${code}.`);

/** Adds a member committee with its first membership row (type and validity start). */
export async function createCommittee(tx: Db, actor: Actor, council: CouncilRow, input: CreateCommitteeInput): Promise<{ id: string; code: string }> {
  const [taken] = await tx
    .select({ id: memberCommittees.id })
    .from(memberCommittees)
    .where(and(eq(memberCommittees.councilId, council.id), eq(memberCommittees.code, input.code)))
    .limit(1);
  if (taken) throw exists(council, input.code);
  let committee: typeof memberCommittees.$inferSelect | undefined;
  try {
    [committee] = await tx
      .insert(memberCommittees)
      .values({ councilId: council.id, code: input.code, name: input.name, country: input.country ?? null, subregion: input.subregion, hostInstitution: input.hostInstitution ?? null })
      .returning();
  } catch (err) {
    // Another request created the same code between the check and the insert.
    if (isUniqueViolation(err, 'member_committees_code_key')) throw exists(council, input.code);
    throw err;
  }
  if (!committee) throw new Error('insert returned nothing');
  const [membership] = await tx.insert(committeeMemberships).values({ committeeId: committee.id, type: input.type, validFrom: input.validFrom }).returning();
  await recordAudit(tx, {
    actorId: actor.user.id,
    action: 'committee.created',
    targetType: 'member_committee',
    targetId: committee.id,
    data: {
      councilId: council.id,
      code: committee.code,
      name: committee.name,
      country: committee.country,
      subregion: committee.subregion,
      hostInstitution: committee.hostInstitution,
      membership: { id: membership?.id, type: input.type, validFrom: input.validFrom },
    },
  });
  return { id: committee.id, code: committee.code };
}
