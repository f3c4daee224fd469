import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { CommitteeDetail, CouncilDetail, CouncilListItem } from '../../../core/council';
import type { CommitteeMembershipType, CouncilRole } from '../../../core/roles';
import type { Db } from '../../db/client';
import { committeeMemberships, councilRoles, councils, memberCommittees, scMeetings, users } from '../../db/schema';
import { notFound } from '../../http/errors';
import type { CouncilAccess, CouncilRow } from './policy';
import { presentCommittee, presentMembership, presentRole, presentScMeeting, type CommitteeRow, type RoleRow } from './presenter';

/** Today as a plain date in UTC: the day against which "current" membership types are read. */
export const today = () => new Date().toISOString().slice(0, 10);

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The membership row valid on `day` for the committee of the enclosing query (the newest if rows overlap). */
function currentMembership(day: string) {
  const valid = sql`cm.committee_id = ${memberCommittees.id} AND cm.valid_from <= ${day}::date AND (cm.valid_to IS NULL OR cm.valid_to >= ${day}::date)`;
  return {
    type: sql<CommitteeMembershipType | null>`(SELECT cm.type FROM ${committeeMemberships} cm WHERE ${valid} ORDER BY cm.valid_from DESC LIMIT 1)`,
    since: sql<string | null>`(SELECT cm.valid_from::text FROM ${committeeMemberships} cm WHERE ${valid} ORDER BY cm.valid_from DESC LIMIT 1)`,
  };
}

function selectCommittees(db: Db, where: SQL | undefined) {
  const current = currentMembership(today());
  return db.select({ committee: memberCommittees, membershipType: current.type, memberSince: current.since }).from(memberCommittees).where(where);
}

/** A committee of the council by its code, with its current membership, or undefined. */
export async function findCommittee(db: Db, councilId: string, code: string): Promise<CommitteeRow | undefined> {
  const [row] = await selectCommittees(db, and(eq(memberCommittees.councilId, councilId), eq(memberCommittees.code, code))).limit(1);
  return row;
}

/** Council roles with their holder and committee, oldest first. */
function selectRoles(db: Db, where: SQL | undefined): Promise<RoleRow[]> {
  return db
    .select({
      id: councilRoles.id,
      role: councilRoles.role,
      startedAt: councilRoles.startedAt,
      endedAt: councilRoles.endedAt,
      person: { id: users.id, displayName: users.displayName, names: users.names, affiliation: users.affiliation },
      committeeId: memberCommittees.id,
      committeeCode: memberCommittees.code,
      committeeName: memberCommittees.name,
    })
    .from(councilRoles)
    .innerJoin(users, eq(users.id, councilRoles.userId))
    .leftJoin(memberCommittees, eq(memberCommittees.id, councilRoles.committeeId))
    .where(where)
    .orderBy(asc(councilRoles.startedAt), asc(councilRoles.id));
}

/** One council role (current or ended) of this council, as the API shows it. */
export async function councilRoleView(db: Db, councilId: string, roleId: string) {
  const [row] = await selectRoles(db, and(eq(councilRoles.id, roleId), eq(councilRoles.councilId, councilId)));
  if (!row) throw notFound('No such role in this council.');
  return presentRole(row);
}

const emptyCounts = (): CouncilListItem['counts'] => ({
  committees: 0,
  byType: { full: 0, associate: 0, observer: 0 },
  scCoChairs: 0,
  scRepresentatives: 0,
  secretariat: 0,
  scMeetings: 0,
});

/** Committee, role and SC meeting counts of each council, in three grouped queries. */
async function councilCounts(db: Db, councilIds: string[]): Promise<Map<string, CouncilListItem['counts']>> {
  const out = new Map(councilIds.map((id) => [id, emptyCounts()]));
  if (councilIds.length === 0) return out;
  const current = currentMembership(today());
  const typed = db
    .select({ councilId: memberCommittees.councilId, type: current.type.as('type') })
    .from(memberCommittees)
    .where(inArray(memberCommittees.councilId, councilIds))
    .as('typed');
  const [typeRows, roleRows, meetingRows] = await Promise.all([
    db.select({ councilId: typed.councilId, type: typed.type, n: sql<number>`count(*)::int` }).from(typed).groupBy(typed.councilId, typed.type),
    db
      .select({ councilId: councilRoles.councilId, role: councilRoles.role, n: sql<number>`count(*)::int` })
      .from(councilRoles)
      .where(and(inArray(councilRoles.councilId, councilIds), isNull(councilRoles.endedAt)))
      .groupBy(councilRoles.councilId, councilRoles.role),
    db
      .select({ councilId: scMeetings.councilId, n: sql<number>`count(*)::int` })
      .from(scMeetings)
      .where(inArray(scMeetings.councilId, councilIds))
      .groupBy(scMeetings.councilId),
  ]);
  for (const r of typeRows) {
    const c = out.get(r.councilId);
    if (!c) continue;
    c.committees += Number(r.n);
    if (r.type) c.byType[r.type] += Number(r.n);
  }
  const roleKey: Record<CouncilRole, 'scCoChairs' | 'scRepresentatives' | 'secretariat'> = { sc_co_chair: 'scCoChairs', sc_member: 'scRepresentatives', secretariat: 'secretariat' };
  for (const r of roleRows) {
    const c = out.get(r.councilId);
    if (c) c[roleKey[r.role]] += Number(r.n);
  }
  for (const r of meetingRows) {
    const c = out.get(r.councilId);
    if (c) c.scMeetings = Number(r.n);
  }
  return out;
}

const councilFields = (c: CouncilRow) => ({ id: c.id, slug: c.slug, acronym: c.acronym, name: c.name, description: c.description });

/** Every council, with counts and the viewer's roles in each. */
export async function listCouncils(db: Db, myRoles: readonly { councilId: string; role: CouncilRole }[]): Promise<CouncilListItem[]> {
  const rows = await db.select().from(councils).orderBy(asc(councils.acronym), asc(councils.id));
  const counts = await councilCounts(
    db,
    rows.map((c) => c.id),
  );
  return rows.map((c) => ({
    ...councilFields(c),
    counts: counts.get(c.id) ?? emptyCounts(),
    myRoles: [...new Set(myRoles.filter((r) => r.councilId === c.id).map((r) => r.role))],
  }));
}

export const RECENT_SC_MEETINGS = 5;

/** The council page: committees, Steering Committee seats, secretariat, recent SC meetings. */
export async function councilDetail(db: Db, access: CouncilAccess): Promise<CouncilDetail> {
  const { council } = access;
  const [committeeRows, roleRows, meetingRows, counts] = await Promise.all([
    selectCommittees(db, eq(memberCommittees.councilId, council.id)).orderBy(asc(memberCommittees.code)),
    selectRoles(db, and(eq(councilRoles.councilId, council.id), isNull(councilRoles.endedAt))),
    db.select().from(scMeetings).where(eq(scMeetings.councilId, council.id)).orderBy(desc(scMeetings.number)).limit(RECENT_SC_MEETINGS),
    councilCounts(db, [council.id]),
  ]);
  const roles = roleRows.map(presentRole);
  const representativeOf = new Map(roles.flatMap((r) => (r.role === 'sc_member' && r.committee ? [[r.committee.id, r] as const] : [])));
  return {
    ...councilFields(council),
    counts: counts.get(council.id) ?? emptyCounts(),
    myRoles: access.myRoles,
    committees: committeeRows.map(presentCommittee),
    steeringCommittee: {
      coChairs: roles.filter((r) => r.role === 'sc_co_chair'),
      seats: committeeRows.map(({ committee: c, membershipType }) => ({
        committee: { id: c.id, code: c.code, name: c.name },
        membershipType,
        representative: representativeOf.get(c.id) ?? null,
      })),
    },
    secretariat: roles.filter((r) => r.role === 'secretariat'),
    recentScMeetings: meetingRows.map(presentScMeeting),
    allowedActions: access.allowed,
  };
}

export async function listCommittees(
  db: Db,
  councilId: string,
  query: { type?: CommitteeMembershipType | undefined; q?: string | undefined; page: number; pageSize: number },
) {
  const current = currentMembership(today());
  const conditions: SQL[] = [eq(memberCommittees.councilId, councilId)];
  if (query.type) conditions.push(sql`${current.type} = ${query.type}`);
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    conditions.push(or(sql`${memberCommittees.name} ILIKE ${pattern}`, sql`${memberCommittees.code} ILIKE ${pattern}`) as SQL);
  }
  const where = and(...conditions);
  const [rows, [count]] = await Promise.all([
    selectCommittees(db, where)
      .orderBy(asc(memberCommittees.code), asc(memberCommittees.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(memberCommittees).where(where),
  ]);
  return { items: rows.map(presentCommittee), total: Number(count?.n ?? 0), page: query.page, pageSize: query.pageSize };
}

/** A committee with every membership row (newest first) and its current SC representative. */
export async function committeeDetail(db: Db, councilId: string, code: string): Promise<CommitteeDetail> {
  const row = await findCommittee(db, councilId, code);
  if (!row) throw notFound(`No member committee ${code} in this council.`);
  const [history, [representative]] = await Promise.all([
    db
      .select()
      .from(committeeMemberships)
      .where(eq(committeeMemberships.committeeId, row.committee.id))
      .orderBy(desc(committeeMemberships.validFrom), desc(committeeMemberships.createdAt), desc(committeeMemberships.id)),
    selectRoles(db, and(eq(councilRoles.committeeId, row.committee.id), eq(councilRoles.role, 'sc_member'), isNull(councilRoles.endedAt))),
  ]);
  return { ...presentCommittee(row), history: history.map(presentMembership), representative: representative ? presentRole(representative) : null };
}

export async function listScMeetings(db: Db, councilId: string, query: { page: number; pageSize: number }) {
  const where = eq(scMeetings.councilId, councilId);
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(scMeetings)
      .where(where)
      .orderBy(desc(scMeetings.number))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(scMeetings).where(where),
  ]);
  return { items: rows.map(presentScMeeting), total: Number(count?.n ?? 0), page: query.page, pageSize: query.pageSize };
}

/**
 * People whose name (in any script) or address contains `q`, for the council's managers to
 * give a role to: members of the council's committees first, then by name.
 */
export async function searchPeople(db: Db, councilId: string, q: string, limit: number) {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      names: users.names,
      affiliation: users.affiliation,
      email: users.email,
      committeeId: memberCommittees.id,
      committeeCode: memberCommittees.code,
      committeeName: memberCommittees.name,
    })
    .from(users)
    .leftJoin(memberCommittees, and(eq(memberCommittees.id, users.memberCommitteeId), eq(memberCommittees.councilId, councilId)))
    .where(
      and(
        isNull(users.disabledAt),
        sql`(${users.displayName} ILIKE ${pattern} OR ${users.email} ILIKE ${pattern} OR EXISTS (SELECT 1 FROM jsonb_each_text(${users.names}) n WHERE n.value ILIKE ${pattern}))`,
      ),
    )
    .orderBy(sql`${memberCommittees.id} IS NULL`, asc(users.displayName))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    displayName: r.displayName,
    names: r.names,
    affiliation: r.affiliation,
    email: r.email,
    committee: r.committeeId && r.committeeCode && r.committeeName ? { id: r.committeeId, code: r.committeeCode, name: r.committeeName } : null,
  }));
}
