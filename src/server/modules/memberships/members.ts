import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { roleRank, ROLES_NEEDING_COMMITTEE, type MemberList, type MemberListQuery, type MemberView } from '../../../core/memberships';
import { GROUP_ROLES, type GroupRole } from '../../../core/roles';
import { rowsOf, type Db } from '../../db/client';
import { groupMemberships, memberCommittees, studyGroups, users } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { isUniqueViolation } from './db-errors';
import { revokeOpenInvitationsOf } from './invitations';
import { checkRole, committeeByCode, currentRoles, defaultCommittee, type GroupRow } from './rules';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A role's place in GROUP_ROLES, in SQL: the order in which roles are listed and sorted. */
const RANK = sql.raw(`array_position(ARRAY[${GROUP_ROLES.map((r) => `'${r}'`).join(',')}]::text[], group_memberships.role)`);
/** The person's delegation: the committee of their highest role that has one. */
const COMMITTEE_CODE = sql`(array_agg(member_committees.code ORDER BY ${RANK}) FILTER (WHERE member_committees.code IS NOT NULL))[1]`;

const ORDER: Record<MemberListQuery['sort'], SQL> = {
  name: sql`lower(users.display_name) ASC`,
  '-name': sql`lower(users.display_name) DESC`,
  committee: sql`${COMMITTEE_CODE} ASC NULLS LAST, lower(users.display_name) ASC`,
  '-committee': sql`${COMMITTEE_CODE} DESC NULLS LAST, lower(users.display_name) ASC`,
  role: sql`min(${RANK}) ASC, lower(users.display_name) ASC`,
  '-role': sql`min(${RANK}) DESC, lower(users.display_name) ASC`,
  since: sql`min(group_memberships.started_at) ASC, lower(users.display_name) ASC`,
  '-since': sql`min(group_memberships.started_at) DESC, lower(users.display_name) ASC`,
};

/**
 * The group's current members, one entry per person with all their roles: filtered, sorted and
 * paginated in SQL (two queries for the page, one to count). Disabled accounts are left out,
 * as the overview leaves them out. Addresses only when `withEmail` (those who manage members).
 */
export async function listMembers(db: Db, groupId: string, query: MemberListQuery & { userId?: string }, opts: { withEmail: boolean }): Promise<MemberList> {
  const where: SQL[] = [sql`group_memberships.group_id = ${groupId}`, sql`group_memberships.ended_at IS NULL`, sql`users.disabled_at IS NULL`];
  if (query.userId) where.push(sql`group_memberships.user_id = ${query.userId}`);
  if (query.q) {
    const p = `%${escapeLike(query.q)}%`;
    const email = opts.withEmail ? sql` OR users.email ILIKE ${p}` : sql``;
    where.push(sql`(users.display_name ILIKE ${p} OR users.affiliation ILIKE ${p} OR EXISTS (SELECT 1 FROM jsonb_each_text(users.names) n WHERE n.value ILIKE ${p})${email})`);
  }
  const having: SQL[] = [sql`true`];
  if (query.role) having.push(sql`bool_or(group_memberships.role = ${query.role})`);
  if (query.committee) having.push(sql`${COMMITTEE_CODE} = ${query.committee}`);
  const grouped = sql`
    FROM group_memberships
    JOIN users ON users.id = group_memberships.user_id
    LEFT JOIN member_committees ON member_committees.id = group_memberships.committee_id
    WHERE ${sql.join(where, sql` AND `)}
    GROUP BY group_memberships.user_id, users.display_name
    HAVING ${sql.join(having, sql` AND `)}`;
  const [pageRows, countRows] = await Promise.all([
    db.execute(sql`SELECT group_memberships.user_id AS "userId" ${grouped} ORDER BY ${ORDER[query.sort]}, group_memberships.user_id LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`),
    db.execute(sql`SELECT count(*)::int AS n FROM (SELECT 1 ${grouped}) s`),
  ]);
  const ids = rowsOf<{ userId: string }>(pageRows).map((r) => r.userId);
  const total = Number(rowsOf<{ n: number }>(countRows)[0]?.n ?? 0);
  if (ids.length === 0) return { items: [], total, page: query.page, pageSize: query.pageSize };

  const rows = await db
    .select({
      userId: users.id,
      displayName: users.displayName,
      names: users.names,
      affiliation: users.affiliation,
      email: users.email,
      role: groupMemberships.role,
      startedAt: groupMemberships.startedAt,
      committeeId: memberCommittees.id,
      committeeCode: memberCommittees.code,
      committeeName: memberCommittees.name,
    })
    .from(groupMemberships)
    .innerJoin(users, eq(users.id, groupMemberships.userId))
    .leftJoin(memberCommittees, eq(memberCommittees.id, groupMemberships.committeeId))
    .where(and(eq(groupMemberships.groupId, groupId), isNull(groupMemberships.endedAt), inArray(groupMemberships.userId, ids)))
    .orderBy(asc(groupMemberships.startedAt));
  const items = ids.flatMap((id): MemberView[] => {
    const mine = rows.filter((r) => r.userId === id).sort((a, b) => roleRank(a.role) - roleRank(b.role));
    const first = mine[0];
    if (!first) return [];
    const roles = mine.map((r) => ({
      role: r.role,
      committee: r.committeeId && r.committeeCode && r.committeeName ? { id: r.committeeId, code: r.committeeCode, name: r.committeeName } : null,
      since: r.startedAt.toISOString(),
    }));
    return [
      {
        person: {
          id: first.userId,
          displayName: first.displayName,
          names: first.names,
          affiliation: first.affiliation,
          ...(opts.withEmail ? { email: first.email } : {}),
        },
        committee: roles.find((r) => r.committee)?.committee ?? null,
        roles,
        since: new Date(Math.min(...mine.map((r) => r.startedAt.getTime()))).toISOString(),
      },
    ];
  });
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** One member as the list shows them, or 404 when they are not a current member. */
export async function memberView(db: Db, groupId: string, userId: string, opts: { withEmail: boolean }): Promise<MemberView> {
  const { items } = await listMembers(db, groupId, { userId, sort: 'name', page: 1, pageSize: 1 }, opts);
  const [item] = items;
  if (!item) throw notFound('This person is not a member of the group.');
  return item;
}

async function requireMember(tx: Db, groupId: string, userId: string) {
  const held = await currentRoles(tx, groupId, userId);
  if (held.length === 0) throw notFound('This person is not a member of the group.');
  return held;
}

/** Gives a current member another role; the same rules as an invitation. */
export async function addRole(tx: Db, actor: Actor, group: GroupRow, userId: string, input: { role: GroupRole; committeeCode?: string | undefined }) {
  // A sub-group draws its members from the parent group: a parent member may be added directly.
  const fromParent = group.kind === 'sub_group' && group.parentGroupId ? (await currentRoles(tx, group.parentGroupId, userId)).length > 0 : false;
  if (!fromParent) await requireMember(tx, group.id, userId);
  const [person] = await tx.select({ id: users.id, memberCommitteeId: users.memberCommitteeId }).from(users).where(eq(users.id, userId)).limit(1);
  const committee = input.committeeCode
    ? await committeeByCode(tx, group.councilId, input.committeeCode)
    : ROLES_NEEDING_COMMITTEE.includes(input.role)
      ? await defaultCommittee(tx, group, person)
      : null;
  const { alreadyHolds } = await checkRole(tx, group, { userId, role: input.role, committee });
  if (alreadyHolds) throw new AppError('membership.exists');
  try {
    await tx.insert(groupMemberships).values({ groupId: group.id, userId, role: input.role, committeeId: committee?.id ?? null });
  } catch (err) {
    if (isUniqueViolation(err, 'group_memberships_one_head_key')) throw new AppError('membership.head_exists');
    if (isUniqueViolation(err, 'group_memberships_active_role_key')) throw new AppError('membership.exists');
    throw err;
  }
  await recordAudit(tx, {
    actorId: actor.user.id,
    action: 'membership.started',
    targetType: 'user',
    targetId: userId,
    groupId: group.id,
    data: { role: input.role, committee: committee?.code ?? null },
  });
}

/**
 * Ends roles: the rows stay (ended_at, ended_by), so what the person contributed stays
 * attributed to a member of the group. The change feed evicts the group from every process's
 * cache when this commits, so their next request no longer sees what members see.
 */
async function endRoles(tx: Db, actor: Actor, group: GroupRow, userId: string, roles: readonly GroupRole[] | 'all') {
  const ended = await tx
    .update(groupMemberships)
    .set({ endedAt: sql`now()`, endedBy: actor.user.id })
    .where(
      and(
        eq(groupMemberships.groupId, group.id),
        eq(groupMemberships.userId, userId),
        isNull(groupMemberships.endedAt),
        roles === 'all' ? undefined : inArray(groupMemberships.role, [...roles]),
      ),
    )
    .returning({ role: groupMemberships.role });
  if (ended.length === 0) throw notFound(roles === 'all' ? 'This person is not a member of the group.' : 'This person does not hold this role in the group.');
  const remaining = (await currentRoles(tx, group.id, userId)).map((r) => r.role);
  // Someone who is no longer a member cannot come back through an invitation sent before.
  const invitationsRevoked = remaining.length === 0 ? await revokeOpenInvitationsOf(tx, group.id, userId) : 0;
  const endedRoles = ended.map((r) => r.role);
  // Leaving a group also ends the seats taken in its sub-groups, which draw on its members.
  if (remaining.length === 0 && group.kind === 'study_group') {
    const subRoles = await tx
      .update(groupMemberships)
      .set({ endedAt: sql`now()`, endedBy: actor.user.id })
      .where(
        and(
          eq(groupMemberships.userId, userId),
          isNull(groupMemberships.endedAt),
          inArray(groupMemberships.groupId, tx.select({ id: studyGroups.id }).from(studyGroups).where(eq(studyGroups.parentGroupId, group.id))),
        ),
      )
      .returning({ groupId: groupMemberships.groupId, role: groupMemberships.role });
    for (const subGroupId of new Set(subRoles.map((r) => r.groupId))) {
      await recordAudit(tx, {
        actorId: actor.user.id,
        action: 'membership.ended',
        targetType: 'user',
        targetId: userId,
        groupId: subGroupId,
        data: { roles: subRoles.filter((r) => r.groupId === subGroupId).map((r) => r.role), removed: true, becauseLeft: group.id },
      });
    }
  }
  await recordAudit(tx, {
    actorId: actor.user.id,
    action: 'membership.ended',
    targetType: 'user',
    targetId: userId,
    groupId: group.id,
    data: { roles: endedRoles, removed: remaining.length === 0, invitationsRevoked },
  });
  return { ended: endedRoles, remaining };
}

export const endRole = (tx: Db, actor: Actor, group: GroupRow, userId: string, role: GroupRole) => endRoles(tx, actor, group, userId, [role]);

export const removeMember = (tx: Db, actor: Actor, group: GroupRow, userId: string) => endRoles(tx, actor, group, userId, 'all');
