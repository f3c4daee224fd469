import { eq, sql } from 'drizzle-orm';
import { EDITABLE_DRAFT_STATUSES, type CreateDraftInput, type RenameDraftInput } from '../../../core/drafts';
import { GROUP_POLICY } from '../../../core/policies';
import { detectTextLanguage } from '../../../core/text-language';
import { mergeStates, stateFromParagraphs } from '../../collaboration/ydoc';
import type { Db } from '../../db/client';
import { drafts, studyGroups } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../audit/record';

type GroupRow = typeof studyGroups.$inferSelect;

/**
 * Starts a draft with the next number of the group. The group's row is locked, so two drafts
 * started at once get different numbers and a group concluded meanwhile refuses the draft.
 * The initial text becomes the Yjs document Tiptap's Collaboration extension reads.
 */
export async function createDraft(tx: Db, input: { actor: Actor; group: GroupRow; draft: CreateDraftInput }): Promise<string> {
  const [locked] = await tx.select({ status: studyGroups.status }).from(studyGroups).where(eq(studyGroups.id, input.group.id)).for('update');
  if (!locked) throw notFound('No study group at this address, or you may not see it.');
  const allowedStatuses = GROUP_POLICY['drafts.create'].statuses ?? [];
  if (!allowedStatuses.includes(locked.status)) {
    throw new AppError('group.status_forbids', `Not possible while the group is ${locked.status}.`, { data: { allowedStatuses } });
  }
  const [next] = await tx.select({ n: sql<number>`coalesce(max(${drafts.number}), 0) + 1` }).from(drafts).where(eq(drafts.groupId, input.group.id));
  const number = Number(next?.n ?? 1);
  const paragraphs = input.draft.paragraphs ?? [];
  const lang = input.draft.lang ?? detectTextLanguage([input.draft.title, ...paragraphs.map((p) => (typeof p === 'string' ? p : p.text))].join('\n'), input.actor.user.locale ?? 'en');
  const [row] = await tx
    .insert(drafts)
    .values({
      groupId: input.group.id,
      number,
      title: input.draft.title,
      lang,
      state: stateFromParagraphs(paragraphs),
      createdBy: input.actor.user.id,
    })
    .returning({ id: drafts.id });
  if (!row) throw new Error('draft not inserted');
  await recordAudit(tx, {
    actorId: input.actor.user.id,
    action: 'draft.created',
    targetType: 'draft',
    targetId: row.id,
    groupId: input.group.id,
    data: { number, title: input.draft.title, lang },
  });
  return row.id;
}

/** Renames a draft from the version the editor read (stale → 409 with the latest), while its text may change. */
export async function renameDraft(tx: Db, input: { actor: Actor; group: GroupRow; draftId: string; change: RenameDraftInput }): Promise<void> {
  const [draft] = await tx.select({ id: drafts.id, groupId: drafts.groupId, title: drafts.title, status: drafts.status, version: drafts.version }).from(drafts).where(eq(drafts.id, input.draftId)).for('update');
  if (!draft || draft.groupId !== input.group.id) throw notFound('No such draft in this group.');
  if (!EDITABLE_DRAFT_STATUSES.includes(draft.status)) throw new AppError('auth.forbidden', `A draft that is ${draft.status.replace('_', ' ')} no longer changes.`);
  if (draft.version !== input.change.version) {
    throw new AppError('resource.version_conflict', `The latest version is ${draft.version}; you edited version ${input.change.version}.`, { data: { latestVersion: draft.version } });
  }
  if (draft.title === input.change.title) return;
  await tx
    .update(drafts)
    .set({ title: input.change.title, version: draft.version + 1, updatedAt: sql`now()` })
    .where(eq(drafts.id, draft.id));
  await recordAudit(tx, {
    actorId: input.actor.user.id,
    action: 'draft.renamed',
    targetType: 'draft',
    targetId: draft.id,
    groupId: input.group.id,
    data: { from: draft.title, to: input.change.title, version: draft.version + 1 },
  });
}

/**
 * Stores a live document's state. The row is locked and what is stored is merged in, so a
 * store from another process (or one that raced this) is never overwritten; each store bumps
 * `state_version`. Returns the new version, or null when the draft is gone.
 */
export async function storeDraftState(db: Db, draftId: string, state: Uint8Array): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ state: drafts.state, stateVersion: drafts.stateVersion }).from(drafts).where(eq(drafts.id, draftId)).for('update');
    if (!row) return null;
    const stateVersion = row.stateVersion + 1;
    await tx
      .update(drafts)
      .set({ state: mergeStates(row.state, state), stateVersion, updatedAt: sql`now()` })
      .where(eq(drafts.id, draftId));
    return stateVersion;
  });
}
