import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { roleRank, ROLES_NEEDING_COMMITTEE, type MemberList, type MemberListQuery, type MemberView } from '../../../core/memberships';
import type { GroupRole } from '../../../core/roles';
import type { Db } from '../../db/client';
import { groupMemberships, memberCommittees, studyGroups, users } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { isUniqueViolation } from './db-errors';
import { revokeOpenInvitationsOf } from './invitations';
import { checkRole, committeeByCode, currentRoles, defaultCommittee, type GroupRow } from './rules';

/** A current member as the roster holds them: everything the list can filter, sort and show. */
export interface RosterEntry {
  view: MemberView & { person: MemberView['person'] & { email: string } };
  /** Lower-cased name, affiliation and spellings, for the text filter. */
  text: string;
  email: string;
  nameKey: string;
  committeeCode: string | null;
  rank: number;
  sinceMs: number;
}

/**
 * Every current member of a group, one entry per person with all their roles, in one query.
 * Disabled accounts are left out, as the overview leaves them out. The list filters, sorts and
 * pages this in memory: a group has hundreds of members, not millions, and the roster is
 * cached with the group (kept true by the change feed).
 */
export async function loadRoster(db: Db, groupId: string): Promise<RosterEntry[]> {
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
    .where(and(eq(groupMemberships.groupId, groupId), isNull(groupMemberships.endedAt), isNull(users.disabledAt)))
    .orderBy(asc(groupMemberships.startedAt));
  const byPerson = new Map<string, typeof rows>();
  for (const r of rows) byPerson.set(r.userId, [...(byPerson.get(r.userId) ?? []), r]);
  return [...byPerson.values()].map((mine) => {
    mine.sort((a, b) => roleRank(a.role) - roleRank(b.role));
    const first = mine[0] as (typeof rows)[number];
    const roles = mine.map((r) => ({
      role: r.role,
      committee: r.committeeId && r.committeeCode && r.committeeName ? { id: r.committeeId, code: r.committeeCode, name: r.committeeName } : null,
      since: r.startedAt.toISOString(),
    }));
    const committee = roles.find((r) => r.committee)?.committee ?? null;
    const sinceMs = Math.min(...mine.map((r) => r.startedAt.getTime()));
    return {
      view: {
        person: { id: first.userId, displayName: first.displayName, names: first.names, affiliation: first.affiliation, email: first.email },
        committee,
        roles,
        since: new Date(sinceMs).toISOString(),
      },
      text: [first.displayName, first.affiliation ?? '', ...Object.values(first.names ?? {})].join('\n').toLowerCase(),
      email: first.email.toLowerCase(),
      nameKey: first.displayName.toLowerCase(),
      committeeCode: committee?.code ?? null,
      rank: roleRank(first.role),
      sinceMs,
    };
  });
}

const byName = (a: RosterEntry, b: RosterEntry) => (a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : a.view.person.id < b.view.person.id ? -1 : 1);
/** A key that sorts with missing values last in either direction. */
function compareKeys<T extends string | number>(a: T | null, b: T | null, desc: boolean): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a < b ? -1 : 1) * (desc ? -1 : 1);
}
const SORTS: Record<MemberListQuery['sort'], (a: RosterEntry, b: RosterEntry) => number> = {
  name: byName,
  '-name': (a, b) => -byName(a, b),
  committee: (a, b) => compareKeys(a.committeeCode, b.committeeCode, false) || byName(a, b),
  '-committee': (a, b) => compareKeys(a.committeeCode, b.committeeCode, true) || byName(a, b),
  role: (a, b) => a.rank - b.rank || byName(a, b),
  '-role': (a, b) => b.rank - a.rank || byName(a, b),
  since: (a, b) => a.sinceMs - b.sinceMs || byName(a, b),
  '-since': (a, b) => b.sinceMs - a.sinceMs || byName(a, b),
};

/** Filters, sorts and pages a roster; addresses only when `withEmail` (those who manage members). */
export function queryRoster(roster: readonly RosterEntry[], query: MemberListQuery & { userId?: string }, opts: { withEmail: boolean }): MemberList {
  const q = query.q?.toLowerCase();
  const matching = roster.filter(
    (e) =>
      (!query.userId || e.view.person.id === query.userId) &&
      (!query.role || e.view.roles.some((r) => r.role === query.role)) &&
      (!query.committee || e.committeeCode === query.committee.toUpperCase()) &&
      (!q || e.text.includes(q) || (opts.withEmail && e.email.includes(q))),
  );
  const sorted = [...matching].sort(SORTS[query.sort]);
  const start = (query.page - 1) * query.pageSize;
  const items = sorted.slice(start, start + query.pageSize).map(({ view }) => {
    if (opts.withEmail) return view;
    const { email: _hidden, ...person } = view.person;
    return { ...view, person };
  });
  return { items, total: matching.length, page: query.page, pageSize: query.pageSize };
}

/** The group's current members, filtered, sorted and paginated (fresh from the database). */
export async function listMembers(db: Db, groupId: string, query: MemberListQuery & { userId?: string }, opts: { withEmail: boolean }): Promise<MemberList> {
  return queryRoster(await loadRoster(db, groupId), query, opts);
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
