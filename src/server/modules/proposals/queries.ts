import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ProposalContent } from '../../../core/proposals';
import type { Db } from '../../db/client';
import { groupDecisions, memberCommittees, proposalReviews, proposalVersions, scMeetings, studyGroups, users } from '../../db/schema';
import { AppError } from '../../http/errors';

export async function latestVersion(db: Db, groupId: string) {
  const [row] = await db.select().from(proposalVersions).where(eq(proposalVersions.groupId, groupId)).orderBy(desc(proposalVersions.number)).limit(1);
  return row;
}

export async function versionByNumber(db: Db, groupId: string, number: number) {
  const [row] = await db
    .select()
    .from(proposalVersions)
    .where(and(eq(proposalVersions.groupId, groupId), eq(proposalVersions.number, number)))
    .limit(1);
  return row;
}

export async function listVersions(db: Db, groupId: string) {
  return db
    .select({
      number: proposalVersions.number,
      note: proposalVersions.note,
      createdAt: proposalVersions.createdAt,
      createdBy: users.displayName,
      submittedAt: proposalVersions.submittedAt,
    })
    .from(proposalVersions)
    .leftJoin(users, eq(users.id, proposalVersions.createdBy))
    .where(eq(proposalVersions.groupId, groupId))
    .orderBy(desc(proposalVersions.number));
}

export async function listDecisions(db: Db, groupId: string) {
  return db
    .select({ d: groupDecisions, scNumber: scMeetings.number, scHeldOn: scMeetings.heldOn, scPlace: scMeetings.place, decidedBy: users.displayName })
    .from(groupDecisions)
    .leftJoin(scMeetings, eq(scMeetings.id, groupDecisions.scMeetingId))
    .leftJoin(users, eq(users.id, groupDecisions.decidedBy))
    .where(eq(groupDecisions.groupId, groupId))
    .orderBy(asc(groupDecisions.decidedAt));
}

export async function listReviews(db: Db, groupId: string) {
  return db
    .select({ id: proposalReviews.id, versionNumber: proposalReviews.versionNumber, author: users.displayName, body: proposalReviews.body, createdAt: proposalReviews.createdAt })
    .from(proposalReviews)
    .leftJoin(users, eq(users.id, proposalReviews.authorId))
    .where(eq(proposalReviews.groupId, groupId))
    .orderBy(asc(proposalReviews.createdAt));
}

/** The Steering Committee meeting with this number in the council, or 422 sc_meeting.unknown. */
export async function scMeetingOrThrow(db: Db, councilId: string, number: number) {
  const [row] = await db.select().from(scMeetings).where(and(eq(scMeetings.councilId, councilId), eq(scMeetings.number, number))).limit(1);
  if (!row) throw new AppError('sc_meeting.unknown', `The council has no Steering Committee meeting no. ${number}.`);
  return row;
}

/** Every committee a proposal names must be a member committee of the council. */
export async function checkCommittees(db: Db, councilId: string, content: ProposalContent): Promise<void> {
  const named = [
    content.proposingCommitteeId,
    ...content.coChairCommitteeIds,
    ...content.plannedMeetings.flatMap((m) => (m.hostCommitteeId ? [m.hostCommitteeId] : [])),
  ];
  const unique = [...new Set(named)];
  const found = await db
    .select({ id: memberCommittees.id })
    .from(memberCommittees)
    .where(and(eq(memberCommittees.councilId, councilId), inArray(memberCommittees.id, unique)));
  if (found.length !== unique.length) {
    const known = new Set(found.map((f) => f.id));
    throw new AppError('committee.unknown', `Not a member committee of this council: ${unique.filter((id) => !known.has(id)).join(', ')}.`);
  }
}

const slugify = (title: string) =>
  title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');

/** A slug from the title, unique among groups: 'maritime-security', then 'maritime-security-2'. */
export async function uniqueSlug(db: Db, title: string): Promise<string> {
  const base = slugify(title) || 'study-group';
  const taken = await db
    .select({ slug: studyGroups.slug })
    .from(studyGroups)
    .where(sql`${studyGroups.slug} = ${base} OR ${studyGroups.slug} LIKE ${`${base}-%`}`);
  const set = new Set(taken.map((t) => t.slug));
  if (!set.has(base)) return base;
  for (let i = 2; ; i++) if (!set.has(`${base}-${i}`)) return `${base}-${i}`;
}
