import { charterTextFromPlain, type Locale } from '../../../core/charter';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { groupMemberships, studyGroups } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { recordAudit } from '../audit/record';
import { uniqueSlug } from '../proposals/queries';

type GroupRow = typeof studyGroups.$inferSelect;

/**
 * Forms a sub-group (an experts group) under a group, around one idea or agenda item. It runs
 * within the parent's term and council; its creator co-chairs it; its members come from the
 * parent or are invited as experts.
 */
export async function createSubGroup(tx: Db, input: { actor: Actor; parent: GroupRow; title: string; focus: string; language: Locale }) {
  const text = charterTextFromPlain({ title: input.title, shortTitle: input.title, introduction: [input.focus], principles: [], format: [], objectives: [], anticipatedOutput: [], differsFromPrevious: [], keyQuestions: [] });
  const [group] = await tx
    .insert(studyGroups)
    .values({
      councilId: input.parent.councilId,
      slug: await uniqueSlug(tx, `${input.parent.slug}-${/[a-z0-9]/i.test(input.title) ? input.title : 'sub-group'}`),
      title: input.title,
      kind: 'sub_group',
      parentGroupId: input.parent.id,
      focus: input.focus,
      region: input.parent.region,
      status: 'active',
      termStart: input.parent.termStart,
      termEnd: input.parent.termEnd,
      charter: { authoritative: input.language, texts: { [input.language]: text } },
      createdBy: input.actor.user.id,
    })
    .returning();
  if (!group) throw new Error('insert returned nothing');
  // The creator co-chairs it, in the delegation they sit in in the parent group.
  const [seat] = await tx
    .select({ committeeId: groupMemberships.committeeId })
    .from(groupMemberships)
    .where(and(eq(groupMemberships.groupId, input.parent.id), eq(groupMemberships.userId, input.actor.user.id), isNull(groupMemberships.endedAt), isNotNull(groupMemberships.committeeId)))
    .limit(1);
  await tx.insert(groupMemberships).values({ groupId: group.id, userId: input.actor.user.id, role: 'co_chair', committeeId: seat?.committeeId ?? input.actor.user.memberCommitteeId });
  const audit = { actorId: input.actor.user.id, action: 'subgroup.created', targetType: 'study_group', targetId: group.id, data: { title: input.title, focus: input.focus } };
  await recordAudit(tx, { ...audit, groupId: input.parent.id });
  await recordAudit(tx, { ...audit, groupId: group.id });
  return group;
}
