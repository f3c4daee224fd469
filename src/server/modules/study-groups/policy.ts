import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { GroupRole } from '../../../core/roles';
import type { Db } from '../../db/client';
import { councilRoles, groupMemberships, studyGroups } from '../../db/schema';
import type { Actor } from '../../http/actor';
import type { GroupSnapshot } from '../../cache/caches';

/**
 * Who may see a study group: its members, the council's secretariat and Steering Committee,
 * and administrators. Used as a SQL condition so lists and counts never include the rest.
 */
export function visibleGroupCondition(actor: Actor): SQL {
  if (actor.user.isAdmin) return sql`true`;
  return sql`(EXISTS (SELECT 1 FROM ${groupMemberships} gm WHERE gm.group_id = ${studyGroups.id} AND gm.user_id = ${actor.user.id} AND gm.ended_at IS NULL)
    OR EXISTS (SELECT 1 FROM ${councilRoles} cr WHERE cr.council_id = ${studyGroups.councilId} AND cr.user_id = ${actor.user.id} AND cr.ended_at IS NULL))`;
}

/** The same rule as visibleGroupCondition, for a group already in memory. */
export function canSeeGroup(actor: Actor, snapshot: GroupSnapshot, actorCouncilIds: Set<string>): boolean {
  return actor.user.isAdmin || snapshot.roles.has(actor.user.id) || actorCouncilIds.has(snapshot.group.councilId);
}

export async function rolesInGroup(db: Db, actor: Actor, groupId: string): Promise<GroupRole[]> {
  const rows = await db
    .select({ role: groupMemberships.role })
    .from(groupMemberships)
    .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, actor.user.id), isNull(groupMemberships.endedAt)));
  return [...new Set(rows.map((r) => r.role))];
}
