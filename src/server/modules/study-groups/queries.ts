import { and, asc, desc, eq, inArray, isNull, lte, or, gte, sql, type SQL } from 'drizzle-orm';
import { groupTimeZoneOf, ZGroupOverview, type GroupListItem, type PersonView } from '../../../core/study-groups';

const ZSharedOverview = ZGroupOverview.omit({ myRoles: true, allowedActions: true });
import type { CommitteeMembershipType, GroupRole } from '../../../core/roles';
import type { Db } from '../../db/client';
import type { GroupSnapshot } from '../../cache/caches';
import { LruCache } from '../../cache/lru';
import { committeeMemberships, councils, groupMemberships, meetings, memberCommittees, scMeetings, studyGroupCoChairs, studyGroups, users } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { visibleGroupCondition } from './policy';

type GroupRow = typeof studyGroups.$inferSelect;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function titlesOf(group: GroupRow): Record<string, string> {
  return Object.fromEntries(Object.entries(group.charter.texts).flatMap(([l, text]) => (text ? [[l, text.title]] : [])));
}

/** Fills the parts a list row shows for each group: council, co-chairs, counts, the actor's roles. */
async function listDetails(db: Db, actor: Actor | null, groups: GroupRow[]): Promise<GroupListItem[]> {
  if (groups.length === 0) return [];
  const ids = groups.map((g) => g.id);
  const [councilRows, coChairRows, countRows, myRows] = await Promise.all([
    db.select({ id: councils.id, slug: councils.slug, acronym: councils.acronym }).from(councils).where(inArray(councils.id, [...new Set(groups.map((g) => g.councilId))])),
    db
      .select({ groupId: studyGroupCoChairs.groupId, id: memberCommittees.id, code: memberCommittees.code, name: memberCommittees.name })
      .from(studyGroupCoChairs)
      .innerJoin(memberCommittees, eq(memberCommittees.id, studyGroupCoChairs.committeeId))
      .where(inArray(studyGroupCoChairs.groupId, ids))
      .orderBy(asc(studyGroupCoChairs.position)),
    db
      .select({ groupId: groupMemberships.groupId, n: sql<number>`count(DISTINCT ${groupMemberships.userId})::int` })
      .from(groupMemberships)
      // Counted as the overview lists them: current memberships of enabled accounts.
      .innerJoin(users, eq(users.id, groupMemberships.userId))
      .where(and(inArray(groupMemberships.groupId, ids), isNull(groupMemberships.endedAt), isNull(users.disabledAt)))
      .groupBy(groupMemberships.groupId),
    actor
      ? db
          .select({ groupId: groupMemberships.groupId, role: groupMemberships.role })
          .from(groupMemberships)
          .where(and(inArray(groupMemberships.groupId, ids), eq(groupMemberships.userId, actor.user.id), isNull(groupMemberships.endedAt)))
      : Promise.resolve([]),
  ]);
  return groups.map((g) => {
    const council = councilRows.find((c) => c.id === g.councilId);
    return {
      id: g.id,
      slug: g.slug,
      title: g.title,
      titles: titlesOf(g),
      status: g.status,
      kind: g.kind,
      focus: g.focus,
      termStart: g.termStart,
      termEnd: g.termEnd,
      council: { slug: council?.slug ?? '', acronym: council?.acronym ?? '' },
      coChairCommittees: coChairRows.filter((r) => r.groupId === g.id).map(({ id, code, name }) => ({ id, code, name })),
      participantCount: Number(countRows.find((r) => r.groupId === g.id)?.n ?? 0),
      myRoles: [...new Set(myRows.filter((r) => r.groupId === g.id).map((r) => r.role))],
    };
  });
}

export async function listVisibleGroups(
  db: Db,
  actor: Actor,
  query: { q?: string | undefined; status?: GroupRow['status'] | undefined; sort: 'title' | 'termStart' | '-termStart'; page: number; pageSize: number },
) {
  const conditions: SQL[] = [visibleGroupCondition(actor)];
  if (query.status) conditions.push(eq(studyGroups.status, query.status));
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    conditions.push(
      or(
        sql`${studyGroups.title} ILIKE ${pattern}`,
        sql`EXISTS (SELECT 1 FROM jsonb_each(${studyGroups.charter}->'texts') t WHERE t.value->>'title' ILIKE ${pattern})`,
      ) as SQL,
    );
  }
  const where = and(...conditions);
  const order = query.sort === 'title' ? [asc(studyGroups.title)] : query.sort === 'termStart' ? [asc(studyGroups.termStart), asc(studyGroups.title)] : [desc(studyGroups.termStart), asc(studyGroups.title)];
  const [rows, [count]] = await Promise.all([
    db.select().from(studyGroups).where(where).orderBy(...order, asc(studyGroups.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(studyGroups).where(where),
  ]);
  return { items: await listDetails(db, actor, rows), total: Number(count?.n ?? 0), page: query.page, pageSize: query.pageSize };
}

/** The group with this slug, whoever asks; callers check visibility with canSeeGroup. */
export async function findGroupBySlug(db: Db, slug: string): Promise<GroupRow | undefined> {
  const [group] = await db.select().from(studyGroups).where(eq(studyGroups.slug, slug)).limit(1);
  return group;
}

/** The zone a group's deadlines are set and read in (see `groupTimeZoneOf`). */
export async function groupTimeZone(db: Db, groupId: string): Promise<string> {
  const [row] = await db
    .select({ chosen: studyGroups.timeZone, country: memberCommittees.country })
    .from(studyGroups)
    .leftJoin(memberCommittees, eq(memberCommittees.id, studyGroups.proposingCommitteeId))
    .where(eq(studyGroups.id, groupId));
  return groupTimeZoneOf(row?.chosen ?? null, row?.country ?? null).zone;
}

/** Loads what every viewer of the group shares: the overview and each participant's roles. */
export async function loadGroupSnapshot(db: Db, slug: string): Promise<GroupSnapshot | undefined> {
  const group = await findGroupBySlug(db, slug);
  if (!group) return undefined;
  const overview = await groupOverview(db, group);
  const roles = new Map<string, GroupRole[]>();
  for (const p of [...overview.delegations.flatMap((d) => (d.head ? [d.head, ...d.members] : d.members)), ...overview.observers, ...overview.support, ...overview.coChairs.flatMap((c) => c.people)]) {
    roles.set(p.id, p.roles);
  }
  const parentCoChairIds = new Set<string>();
  if (group.parentGroupId) {
    const rows = await db
      .select({ userId: groupMemberships.userId })
      .from(groupMemberships)
      .where(and(eq(groupMemberships.groupId, group.parentGroupId), eq(groupMemberships.role, 'co_chair'), isNull(groupMemberships.endedAt)));
    for (const r of rows) parentCoChairIds.add(r.userId);
  }
  // Checked against the response schema once here, rather than on every request.
  ZSharedOverview.parse(overview);
  return { group, overview, roles, parentCoChairIds, bodies: new LruCache(64, 3_600_000) };
}

/** Everything the group's overview page shows, assembled in a fixed number of queries. */
async function groupOverview(db: Db, group: GroupRow): Promise<GroupSnapshot['overview']> {
  const today = new Date().toISOString().slice(0, 10);
  const [[item], people, meetingRows, proposing, approval] = await Promise.all([
    listDetails(db, null, [group]),
    db
      .select({
        userId: users.id,
        displayName: users.displayName,
        names: users.names,
        affiliation: users.affiliation,
        role: groupMemberships.role,
        committeeId: memberCommittees.id,
        committeeCode: memberCommittees.code,
        committeeName: memberCommittees.name,
        committeeSubregion: memberCommittees.subregion,
        membershipType: committeeMemberships.type,
      })
      .from(groupMemberships)
      .innerJoin(users, eq(users.id, groupMemberships.userId))
      .leftJoin(memberCommittees, eq(memberCommittees.id, groupMemberships.committeeId))
      .leftJoin(
        committeeMemberships,
        and(
          eq(committeeMemberships.committeeId, memberCommittees.id),
          lte(committeeMemberships.validFrom, today),
          or(isNull(committeeMemberships.validTo), gte(committeeMemberships.validTo, today)),
        ),
      )
      .where(and(eq(groupMemberships.groupId, group.id), isNull(groupMemberships.endedAt), isNull(users.disabledAt)))
      .orderBy(asc(users.displayName)),
    db
      .select({ m: meetings, hostId: memberCommittees.id, hostCode: memberCommittees.code, hostName: memberCommittees.name })
      .from(meetings)
      .leftJoin(memberCommittees, eq(memberCommittees.id, meetings.hostCommitteeId))
      .where(eq(meetings.groupId, group.id))
      .orderBy(asc(meetings.sequence)),
    group.proposingCommitteeId
      ? db.select({ id: memberCommittees.id, code: memberCommittees.code, name: memberCommittees.name, country: memberCommittees.country }).from(memberCommittees).where(eq(memberCommittees.id, group.proposingCommitteeId))
      : Promise.resolve([]),
    group.approvedAtScMeetingId ? db.select().from(scMeetings).where(eq(scMeetings.id, group.approvedAtScMeetingId)) : Promise.resolve([]),
  ]);
  if (!item) throw new Error(`group ${group.id} has no list details`);

  // One entry per person, with all their roles in the group.
  const byPerson = new Map<string, PersonView & { membershipType: CommitteeMembershipType | null }>();
  for (const p of people) {
    const existing = byPerson.get(p.userId);
    if (existing) {
      if (!existing.roles.includes(p.role)) existing.roles.push(p.role);
      continue;
    }
    byPerson.set(p.userId, {
      id: p.userId,
      displayName: p.displayName,
      names: p.names,
      affiliation: p.affiliation,
      committee:
        p.committeeId && p.committeeCode && p.committeeName
          ? { id: p.committeeId, code: p.committeeCode, name: p.committeeName, inRegion: group.region ? p.committeeSubregion === group.region : null }
          : null,
      roles: [p.role],
      membershipType: p.membershipType ?? null,
    });
  }
  const persons = [...byPerson.values()];
  const strip = ({ membershipType: _t, ...person }: PersonView & { membershipType: unknown }): PersonView => person;
  const has = (p: PersonView, r: GroupRole) => p.roles.includes(r);

  const coChairs = item.coChairCommittees.map((committee) => ({
    committee,
    people: persons.filter((p) => has(p, 'co_chair') && p.committee?.id === committee.id).map(strip),
  }));

  const delegationPeople = persons.filter((p) => p.committee && (has(p, 'delegation_head') || has(p, 'member') || has(p, 'co_chair')));
  const committeeIds = [...new Set([...item.coChairCommittees.map((c) => c.id), ...delegationPeople.map((p) => p.committee?.id as string)])];
  // Co-chairing committees may have nobody seated yet: their sub-region comes from the committee.
  const regionOf = new Map(
    (committeeIds.length ? await db.select({ id: memberCommittees.id, subregion: memberCommittees.subregion }).from(memberCommittees).where(inArray(memberCommittees.id, committeeIds)) : []).map((c) => [c.id, c.subregion]),
  );
  const delegations = committeeIds.map((id) => {
    const members = delegationPeople.filter((p) => p.committee?.id === id);
    const head = members.find((p) => has(p, 'delegation_head'));
    const ref = item.coChairCommittees.find((c) => c.id === id) ?? (members[0]?.committee as NonNullable<PersonView['committee']>);
    return {
      committee: {
        ...ref,
        inRegion: members[0]?.committee?.inRegion ?? (group.region ? regionOf.get(id) === group.region : null),
        membershipType: members[0]?.membershipType ?? persons.find((p) => p.committee?.id === id)?.membershipType ?? null,
      },
      head: head ? strip(head) : null,
      members: members.filter((p) => p !== head).map(strip),
    };
  });
  const observers = persons.filter((p) => has(p, 'observer')).map(strip);
  const support = persons
    .filter((p) => !delegationPeople.includes(p) && !has(p, 'observer'))
    .map(strip);

  const { myRoles: _none, ...shared } = item;
  return {
    ...shared,
    charter: group.charter,
    region: group.region,
    proposingCommittee: proposing[0] ? { id: proposing[0].id, code: proposing[0].code, name: proposing[0].name } : null,
    timeZone: groupTimeZoneOf(group.timeZone, proposing[0]?.country ?? null),
    approval: approval[0] ? { number: approval[0].number, place: approval[0].place, heldOn: approval[0].heldOn } : null,
    coChairs,
    delegations,
    observers,
    support,
    meetings: meetingRows.map(({ m, hostId, hostCode, hostName }) => ({
      id: m.id,
      sequence: m.sequence,
      host: hostId && hostCode && hostName ? { id: hostId, code: hostCode, name: hostName } : null,
      city: m.city,
      timeZone: m.timeZone,
      startsAt: m.startsAt?.toISOString() ?? null,
      endsAt: m.endsAt?.toISOString() ?? null,
      plannedMonth: m.plannedMonth,
      status: m.status,
    })),
  };
}
