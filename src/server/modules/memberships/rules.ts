import { and, asc, eq, isNull } from 'drizzle-orm';
import { ROLES_NEEDING_COMMITTEE } from '../../../core/memberships';
import type { GroupRole } from '../../../core/roles';
import type { Db } from '../../db/client';
import { groupMemberships, memberCommittees, studyGroupCoChairs, type studyGroups } from '../../db/schema';
import { AppError } from '../../http/errors';

export type GroupRow = typeof studyGroups.$inferSelect;
export type CommitteeRow = typeof memberCommittees.$inferSelect;

/** The committee with this code in the group's council, or 422 committee.unknown. */
export async function committeeByCode(tx: Db, councilId: string, code: string): Promise<CommitteeRow> {
  const [committee] = await tx
    .select()
    .from(memberCommittees)
    .where(and(eq(memberCommittees.councilId, councilId), eq(memberCommittees.code, code)))
    .limit(1);
  if (!committee) throw new AppError('committee.unknown', `There is no member committee with code ${code} in this council.`);
  return committee;
}

/** A person's current roles in a group, with the committee each is held for. */
export async function currentRoles(tx: Db, groupId: string, userId: string) {
  return tx
    .select({ id: groupMemberships.id, role: groupMemberships.role, committeeId: groupMemberships.committeeId })
    .from(groupMemberships)
    .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId), isNull(groupMemberships.endedAt)));
}

/**
 * The committees a co-chair of this group may come from: its co-chairing committees, or for a
 * sub-group that names none of its own, those of the group it belongs to.
 */
async function coChairingCommitteeIds(tx: Db, group: GroupRow): Promise<string[]> {
  const own = await tx.select({ id: studyGroupCoChairs.committeeId }).from(studyGroupCoChairs).where(eq(studyGroupCoChairs.groupId, group.id)).orderBy(asc(studyGroupCoChairs.position));
  if (own.length > 0 || group.kind !== 'sub_group' || !group.parentGroupId) return own.map((r) => r.id);
  const parent = await tx.select({ id: studyGroupCoChairs.committeeId }).from(studyGroupCoChairs).where(eq(studyGroupCoChairs.groupId, group.parentGroupId));
  return parent.map((r) => r.id);
}

/**
 * The committee a role is given for when none is named: the person's delegation in this
 * group if they already sit in one, else their own member committee when it belongs to this
 * council. Null when neither is known.
 */
export async function defaultCommittee(tx: Db, group: GroupRow, person: { id: string; memberCommitteeId: string | null } | undefined): Promise<CommitteeRow | null> {
  if (!person) return null;
  const inGroup = (await currentRoles(tx, group.id, person.id)).find((r) => r.committeeId)?.committeeId;
  // In a sub-group, the delegation the person sits in in the parent group comes next.
  const inParent = !inGroup && group.parentGroupId ? (await currentRoles(tx, group.parentGroupId, person.id)).find((r) => r.committeeId)?.committeeId : undefined;
  const held = inGroup ?? inParent ?? person.memberCommitteeId;
  if (!held) return null;
  const [committee] = await tx
    .select()
    .from(memberCommittees)
    .where(and(eq(memberCommittees.id, held), eq(memberCommittees.councilId, group.councilId)))
    .limit(1);
  return committee ?? null;
}

/**
 * Whether the group allows `role` with `committee` for this person (null: an address without
 * an account yet). Refuses with role.not_allowed (422) or membership.head_exists (409);
 * tells the caller whether the person already holds the role, as each caller answers that
 * differently.
 */
export async function checkRole(
  tx: Db,
  group: GroupRow,
  input: { userId: string | null; role: GroupRole; committee: CommitteeRow | null },
): Promise<{ alreadyHolds: boolean }> {
  const { role, committee } = input;
  if (ROLES_NEEDING_COMMITTEE.includes(role) && !committee) {
    throw new AppError('role.not_allowed', `A ${role} sits in a delegation: name the member committee (committeeCode).`);
  }
  if (role === 'delegation_head' && group.kind === 'sub_group') {
    throw new AppError('role.not_allowed', 'A sub-group has no delegation heads.');
  }
  if (role === 'co_chair' && committee && !(await coChairingCommitteeIds(tx, group)).includes(committee.id)) {
    throw new AppError('role.not_allowed', `${committee.name} is not one of the group's co-chairing committees.`);
  }
  let alreadyHolds = false;
  if (input.userId) {
    const held = await currentRoles(tx, group.id, input.userId);
    alreadyHolds = held.some((r) => r.role === role);
    // A person sits in one delegation per group.
    const other = held.find((r) => r.committeeId && committee && r.committeeId !== committee.id);
    if (other && !alreadyHolds) {
      throw new AppError('role.not_allowed', 'This person already sits in another delegation in this group.');
    }
  }
  if (role === 'delegation_head' && committee && !alreadyHolds) {
    const [head] = await tx
      .select({ userId: groupMemberships.userId })
      .from(groupMemberships)
      .where(and(eq(groupMemberships.groupId, group.id), eq(groupMemberships.committeeId, committee.id), eq(groupMemberships.role, 'delegation_head'), isNull(groupMemberships.endedAt)))
      .limit(1);
    if (head) throw new AppError('membership.head_exists', `The delegation of ${committee.name} already has a head.`);
  }
  return { alreadyHolds };
}
