import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { allowedActions, can, GROUP_POLICY, type GroupAction, type Principal } from '../../../core/policies';
import type { CouncilRole } from '../../../core/roles';
import type { GroupSnapshot } from '../../cache/caches';
import type { Db } from '../../db/client';
import { councilRoles, groupMemberships, studyGroups } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError, notFound } from '../../http/errors';
import { loadGroupSnapshot } from './queries';

export interface CouncilRoleRow {
  councilId: string;
  role: CouncilRole;
  committeeId: string | null;
}

/** The person's current council roles (secretariat, Steering Committee), in every council. */
export async function councilRolesOf(db: Db, userId: string): Promise<CouncilRoleRow[]> {
  return db
    .select({ councilId: councilRoles.councilId, role: councilRoles.role, committeeId: councilRoles.committeeId })
    .from(councilRoles)
    .where(and(eq(councilRoles.userId, userId), isNull(councilRoles.endedAt)));
}

/** Who the actor is with respect to this group: the input of `can()` (src/core/policies.ts). */
export function principalsFor(actor: Actor, snapshot: GroupSnapshot, roles: readonly CouncilRoleRow[]): Set<Principal> {
  const { group } = snapshot;
  const out = new Set<Principal>(snapshot.roles.get(actor.user.id) ?? []);
  if (actor.user.isAdmin) out.add('admin');
  for (const r of roles) {
    if (r.councilId !== group.councilId) continue;
    if (r.role === 'secretariat') out.add('council_secretariat');
    else out.add(r.role);
    if (r.role === 'sc_member' && r.committeeId && r.committeeId === group.proposingCommitteeId) out.add('proposer');
  }
  if (group.createdBy === actor.user.id) out.add('proposer');
  if (snapshot.parentCoChairIds.has(actor.user.id)) out.add('parent_co_chair');
  return out;
}

/**
 * The rule of `group.view` as SQL, so lists and counts hold only what `can()` would show.
 * A test compares the two over every status, kind and principal.
 */
export function visibleGroupCondition(actor: Actor): SQL {
  if (actor.user.isAdmin) return sql`true`;
  const me = actor.user.id;
  const member = sql`EXISTS (SELECT 1 FROM ${groupMemberships} gm WHERE gm.group_id = ${studyGroups.id} AND gm.user_id = ${me} AND gm.ended_at IS NULL)`;
  const councilRole = (roles: string[]) =>
    sql`EXISTS (SELECT 1 FROM ${councilRoles} cr WHERE cr.council_id = ${studyGroups.councilId} AND cr.user_id = ${me} AND cr.ended_at IS NULL AND cr.role IN (${sql.join(roles.map((r) => sql`${r}`), sql`, `)}))`;
  const proposer = sql`(${studyGroups.createdBy} = ${me} OR EXISTS (SELECT 1 FROM ${councilRoles} cr WHERE cr.council_id = ${studyGroups.councilId} AND cr.user_id = ${me} AND cr.ended_at IS NULL AND cr.role = 'sc_member' AND cr.committee_id = ${studyGroups.proposingCommitteeId}))`;
  const parentCoChair = sql`EXISTS (SELECT 1 FROM ${groupMemberships} pm WHERE pm.group_id = ${studyGroups.parentGroupId} AND pm.user_id = ${me} AND pm.role = 'co_chair' AND pm.ended_at IS NULL)`;
  return sql`(CASE
    WHEN ${studyGroups.kind} = 'sub_group' THEN (${member} OR ${parentCoChair} OR ${councilRole(['secretariat'])})
    WHEN ${studyGroups.status} = 'draft' THEN (${proposer} OR ${councilRole(['secretariat'])})
    ELSE (${member} OR ${proposer} OR ${councilRole(['secretariat', 'sc_co_chair', 'sc_member'])})
  END)`;
}

export interface GroupAccess {
  snapshot: GroupSnapshot;
  principals: Set<Principal>;
  allowed: ReturnType<typeof allowedActions>;
}

const facts = (snapshot: GroupSnapshot) => ({ status: snapshot.group.status, isSubGroup: snapshot.group.kind === 'sub_group' });

/** Loads a group the actor may see (through the caches), or answers 404 as if it did not exist. */
export async function groupAccess(app: FastifyInstance, actor: Actor, slug: string): Promise<GroupAccess> {
  const { caches, db } = app;
  const [snapshot, roles] = await Promise.all([
    caches.read(caches.groups, slug, () => loadGroupSnapshot(db, slug)),
    caches.read(caches.councilRoles, actor.user.id, () => councilRolesOf(db, actor.user.id)),
  ]);
  if (!snapshot) throw notFound('No study group at this address, or you may not see it.');
  const principals = principalsFor(actor, snapshot, roles ?? []);
  if (!can(principals, 'group.view', facts(snapshot))) throw notFound('No study group at this address, or you may not see it.');
  return { snapshot, principals, allowed: allowedActions(principals, facts(snapshot)) };
}

/**
 * Refuses an action the table does not grant: 409 when the person could do it but not in the
 * group's present status (naming the statuses where it is possible), 403 otherwise.
 */
export function authorize(access: GroupAccess, action: GroupAction): void {
  if (can(access.principals, action, facts(access.snapshot))) return;
  const rule = GROUP_POLICY[action];
  const anyStatus = rule.statuses?.some((status) => can(access.principals, action, { ...facts(access.snapshot), status }));
  if (anyStatus) {
    throw new AppError('group.status_forbids', `Not possible while the group is ${access.snapshot.group.status}.`, { data: { allowedStatuses: rule.statuses } });
  }
  throw new AppError('auth.forbidden');
}
