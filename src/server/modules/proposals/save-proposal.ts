import { eq, sql } from 'drizzle-orm';
import { EDITABLE_STATUSES } from '../../../core/lifecycle';
import type { ProposalContent } from '../../../core/proposals';
import type { Db } from '../../db/client';
import { proposalVersions, studyGroupCoChairs, studyGroups } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { checkCommittees, latestVersion, uniqueSlug } from './queries';

type GroupRow = typeof studyGroups.$inferSelect;

/** The group row shows what its latest proposal version says: title, term, charter, co-chairs. */
async function applyContent(tx: Db, groupId: string, content: ProposalContent) {
  const text = content.charter.texts[content.charter.authoritative];
  await tx
    .update(studyGroups)
    .set({
      title: text?.title ?? '',
      termStart: content.termStart,
      termEnd: content.termEnd,
      proposingCommitteeId: content.proposingCommitteeId,
      region: content.region ?? null,
      charter: content.charter,
      updatedAt: sql`now()`,
    })
    .where(eq(studyGroups.id, groupId));
  await tx.delete(studyGroupCoChairs).where(eq(studyGroupCoChairs.groupId, groupId));
  await tx.insert(studyGroupCoChairs).values(content.coChairCommitteeIds.map((committeeId, position) => ({ groupId, committeeId, position })));
}

/** Drafts a new proposal: a group in 'draft' with its first version. */
export async function createProposal(
  tx: Db,
  input: { actor: Actor; councilId: string; content: ProposalContent; note?: string | undefined; followsGroupId?: string | null },
): Promise<GroupRow> {
  await checkCommittees(tx, input.councilId, input.content);
  const title = input.content.charter.texts[input.content.charter.authoritative]?.title ?? '';
  const [group] = await tx
    .insert(studyGroups)
    .values({
      councilId: input.councilId,
      slug: await uniqueSlug(tx, input.content.charter.texts.en?.title ?? title),
      title,
      status: 'draft',
      termStart: input.content.termStart,
      termEnd: input.content.termEnd,
      proposingCommitteeId: input.content.proposingCommitteeId,
      charter: input.content.charter,
      createdBy: input.actor.user.id,
      followsGroupId: input.followsGroupId ?? null,
    })
    .returning();
  if (!group) throw new Error('insert returned nothing');
  await tx.insert(proposalVersions).values({ groupId: group.id, number: 1, content: input.content, note: input.note ?? null, createdBy: input.actor.user.id });
  await applyContent(tx, group.id, input.content);
  await recordAudit(tx, {
    actorId: input.actor.user.id,
    action: input.followsGroupId ? 'proposal.follow_on_created' : 'proposal.created',
    targetType: 'study_group',
    targetId: group.id,
    groupId: group.id,
    data: { title, ...(input.followsGroupId ? { follows: input.followsGroupId } : {}) },
  });
  return group;
}

/**
 * Saves the proposal as a new version. Only a draft or a returned proposal can change, and
 * only from the latest version (a stale editor gets 409, never a silent overwrite).
 */
export async function saveProposal(tx: Db, input: { actor: Actor; group: GroupRow; content: ProposalContent; note?: string | undefined; baseVersion: number }) {
  // Lock the group so two saves cannot both take the next number.
  const [locked] = await tx.select().from(studyGroups).where(eq(studyGroups.id, input.group.id)).for('update');
  if (!locked) throw new AppError('resource.not_found');
  if (!EDITABLE_STATUSES.includes(locked.status)) {
    throw new AppError('proposal.not_editable', `The proposal is ${locked.status}: it cannot be changed in place.`);
  }
  const latest = await latestVersion(tx, locked.id);
  if (!latest || latest.number !== input.baseVersion) {
    throw new AppError('resource.version_conflict', `The latest version is ${latest?.number ?? 0}; you edited version ${input.baseVersion}.`, { data: { latestVersion: latest?.number ?? 0 } });
  }
  await checkCommittees(tx, locked.councilId, input.content);
  const number = latest.number + 1;
  await tx.insert(proposalVersions).values({ groupId: locked.id, number, content: input.content, note: input.note ?? null, createdBy: input.actor.user.id });
  await applyContent(tx, locked.id, input.content);
  await recordAudit(tx, { actorId: input.actor.user.id, action: 'proposal.saved', targetType: 'study_group', targetId: locked.id, groupId: locked.id, data: { version: number } });
  return number;
}
