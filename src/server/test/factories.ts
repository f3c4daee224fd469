import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { charterTextFromPlain, type Charter } from '../../core/charter';
import type { GroupRole, MeetingStatus, StudyGroupStatus } from '../../core/roles';
import { hashPassword } from '../crypto';
import type { Db } from '../db/client';
import { committeeMemberships, councilRoles, councils, groupMemberships, meetings, memberCommittees, studyGroupCoChairs, studyGroups, users } from '../db/schema';
import { TestClient } from './context';
import type { CouncilRole } from '../../core/roles';

const unique = () => randomUUID().slice(0, 8);

export async function buildUser(
  db: Db,
  attrs: Partial<{ email: string; displayName: string; password: string | null; isAdmin: boolean; locale: string | null; timeZone: string | null; memberCommitteeId: string | null; disabled: boolean }> = {},
) {
  const password = attrs.password === undefined ? 'correct horse battery staple' : attrs.password;
  const [user] = await db
    .insert(users)
    .values({
      email: attrs.email ?? `person-${unique()}@example.test`,
      displayName: attrs.displayName ?? `Person ${unique()}`,
      passwordHash: password ? await hashPassword(password) : null,
      isAdmin: attrs.isAdmin ?? false,
      locale: attrs.locale ?? null,
      timeZone: attrs.timeZone ?? null,
      memberCommitteeId: attrs.memberCommitteeId ?? null,
      disabledAt: attrs.disabled ? new Date() : null,
    })
    .returning();
  if (!user) throw new Error('no user');
  return { ...user, password };
}

export async function buildCouncil(db: Db, codes: string[] = ['KR', 'CN', 'JP', 'US', 'CA']) {
  const [council] = await db.insert(councils).values({ slug: `council-${unique()}`, acronym: 'TC', name: 'Test Council' }).returning();
  if (!council) throw new Error('no council');
  const committees = await db
    .insert(memberCommittees)
    .values(codes.map((code) => ({ councilId: council.id, code, name: `Committee ${code}`, country: code, subregion: 'test' })))
    .returning();
  await db.insert(committeeMemberships).values(committees.map((c) => ({ committeeId: c.id, type: 'full' as const, validFrom: '2000-01-01' })));
  const byCode = Object.fromEntries(committees.map((c) => [c.code, c]));
  return { council, committees, byCode };
}

export const minimalCharter = (title: string): Charter => ({
  authoritative: 'en',
  texts: {
    en: charterTextFromPlain({ title, shortTitle: title, introduction: ['Why this group exists.'], principles: [], format: [], objectives: [{ label: 'a', text: 'To study.' }], anticipatedOutput: [], differsFromPrevious: [], keyQuestions: [] }),
  },
});

export async function buildStudyGroup(
  db: Db,
  attrs: { councilId: string; title?: string; slug?: string; status?: StudyGroupStatus; coChairCommitteeIds?: string[]; charter?: Charter; termStart?: string },
) {
  const title = attrs.title ?? `Study Group ${unique()}`;
  const [group] = await db
    .insert(studyGroups)
    .values({
      councilId: attrs.councilId,
      slug: attrs.slug ?? `group-${unique()}`,
      title,
      status: attrs.status ?? 'active',
      termStart: attrs.termStart ?? '2020-01-01',
      termEnd: `${Number((attrs.termStart ?? '2020-01-01').slice(0, 4)) + 2}-12-31`,
      charter: attrs.charter ?? minimalCharter(title),
    })
    .returning();
  if (!group) throw new Error('no group');
  if (attrs.coChairCommitteeIds?.length) {
    await db.insert(studyGroupCoChairs).values(attrs.coChairCommitteeIds.map((committeeId, position) => ({ groupId: group.id, committeeId, position })));
  }
  return group;
}

export async function addMember(db: Db, groupId: string, userId: string, role: GroupRole, committeeId: string | null = null) {
  await db.insert(groupMemberships).values({ groupId, userId, role, committeeId });
}

export async function addCouncilRole(db: Db, councilId: string, userId: string, role: CouncilRole, committeeId: string | null = null) {
  await db.insert(councilRoles).values({ councilId, userId, role, committeeId });
}

/** A client signed in through the real sign-in endpoint. */
export async function signedInClient(app: FastifyInstance, user: { email: string; password: string | null }) {
  const client = new TestClient(app);
  const res = await client.post('/api/session', { email: user.email, password: user.password });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return client;
}

/** A meeting of a group, dated in its own time zone unless told otherwise. */
export async function buildMeeting(
  db: Db,
  attrs: { groupId: string; sequence?: number; timeZone?: string; startsAt?: Date | null; endsAt?: Date | null; attribution?: 'chatham_house' | 'on_record' | 'closed'; status?: MeetingStatus; city?: string },
) {
  const [meeting] = await db
    .insert(meetings)
    .values({
      groupId: attrs.groupId,
      sequence: attrs.sequence ?? 1,
      timeZone: attrs.timeZone ?? 'Asia/Seoul',
      city: attrs.city ?? 'Seoul',
      startsAt: attrs.startsAt === undefined ? new Date('2027-03-10T00:00:00Z') : attrs.startsAt,
      endsAt: attrs.endsAt === undefined ? new Date('2027-03-11T09:00:00Z') : attrs.endsAt,
      attribution: attrs.attribution ?? 'chatham_house',
      status: attrs.status ?? 'planned',
    })
    .returning();
  if (!meeting) throw new Error('no meeting');
  return meeting;
}
