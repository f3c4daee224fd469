import { and, eq, isNull } from 'drizzle-orm';
import { SC_CO_CHAIRS_MAX, type AssignCouncilRoleInput } from '../../../core/council';
import type { Db } from '../../db/client';
import { councilRoles, councils, memberCommittees, users } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { recordAudit } from '../audit/record';
import type { CouncilRow } from './policy';

/** Serializes the role changes of one council, so the seat limits hold under concurrent requests. */
export async function lockCouncil(tx: Db, councilId: string): Promise<void> {
  await tx.select({ id: councils.id }).from(councils).where(eq(councils.id, councilId)).for('update');
}

/**
 * Gives a person a council role. An SC member represents one member committee of this
 * council; a committee has at most one current representative and the Steering Committee at
 * most two current co-chairs; nobody holds the same current role twice.
 */
export async function assignCouncilRole(tx: Db, actor: Actor, council: CouncilRow, input: AssignCouncilRoleInput): Promise<{ id: string }> {
  await lockCouncil(tx, council.id);
  const [person] = await tx.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.id, input.userId)).limit(1);
  if (!person || person.disabledAt) {
    const message = person ? 'This account is disabled.' : 'No account with this id.';
    throw new AppError('validation.failed', message, { errors: [{ path: 'body.userId', code: person ? 'disabled' : 'unknown', message }] });
  }
  let committee: { id: string; code: string } | undefined;
  if (input.committeeCode !== undefined) {
    [committee] = await tx
      .select({ id: memberCommittees.id, code: memberCommittees.code })
      .from(memberCommittees)
      .where(and(eq(memberCommittees.councilId, council.id), eq(memberCommittees.code, input.committeeCode)))
      .limit(1);
    if (!committee) throw new AppError('committee.unknown', `${council.acronym} has no member committee with code ${input.committeeCode}.`);
  }
  const current = await tx
    .select({ id: councilRoles.id, userId: councilRoles.userId, role: councilRoles.role, committeeId: councilRoles.committeeId })
    .from(councilRoles)
    .where(and(eq(councilRoles.councilId, council.id), isNull(councilRoles.endedAt)));
  const same = current.find((r) => r.userId === input.userId && r.role === input.role);
  if (same) throw new AppError('council.role_exists', 'This person already holds this role in the council.', { data: { roleId: same.id } });
  if (input.role === 'sc_co_chair') {
    const coChairs = current.filter((r) => r.role === 'sc_co_chair');
    if (coChairs.length >= SC_CO_CHAIRS_MAX) {
      throw new AppError('council.co_chairs_full', `The Steering Committee already has ${coChairs.length} co-chairs. End one of those roles first.`, {
        data: { roleIds: coChairs.map((r) => r.id) },
      });
    }
  }
  if (input.role === 'sc_member' && committee) {
    const seat = current.find((r) => r.role === 'sc_member' && r.committeeId === committee.id);
    if (seat) {
      throw new AppError('council.representative_exists', `${committee.code} already has a Steering Committee representative. End that role first.`, { data: { roleId: seat.id } });
    }
  }
  const [role] = await tx
    .insert(councilRoles)
    .values({ councilId: council.id, userId: input.userId, role: input.role, committeeId: committee?.id ?? null })
    .returning({ id: councilRoles.id });
  if (!role) throw new Error('insert returned nothing');
  await recordAudit(tx, {
    actorId: actor.user.id,
    action: 'council_role.assigned',
    targetType: 'council_role',
    targetId: role.id,
    data: { councilId: council.id, userId: input.userId, role: input.role, committeeId: committee?.id ?? null, committeeCode: committee?.code ?? null },
  });
  return role;
}
