import { eq, sql } from 'drizzle-orm';
import type { CreateThreadInput, ReplyInput } from '../../../core/deliberation';
import type { DraftBlock } from '../../../core/drafts';
import type { FieldError } from '../../../core/errors';
import type { GroupSnapshot } from '../../cache/caches';
import type { Db } from '../../db/client';
import { draftComments } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { enqueueJob } from '../../jobs/queue';
import { recordAudit } from '../audit/record';
import type { DraftMeta } from '../drafts/queries';
import type { CommentRow } from './queries';
import { mayReadDraft } from './visibility';

export const DRAFT_MENTION_JOB = 'mail.draft_mention';

interface Scope {
  actor: Actor;
  draft: DraftMeta;
  snapshot: GroupSnapshot;
}

/** Field errors for mentions of people who may not read the draft (they are not told of it). */
async function checkMentions(db: Db, scope: Scope, mentions: readonly string[], errors: FieldError[]) {
  for (const [i, id] of mentions.entries()) {
    if (!(await mayReadDraft(db, scope.snapshot, scope.draft.status, id))) {
      errors.push({ path: `body.mentions.${i}`, code: 'cannot_see_draft', message: 'This person cannot see the draft.' });
    }
  }
}

async function notify(tx: Db, scope: Scope, row: CommentRow) {
  for (const userId of new Set(row.mentions)) {
    if (userId !== scope.actor.user.id) await enqueueJob(tx, DRAFT_MENTION_JOB, { commentId: row.id, userId });
  }
}

/** Starts a thread on the words start..end of a paragraph of the live text; mentioned people are mailed. */
export async function createThread(db: Db, scope: Scope, blocks: readonly DraftBlock[], input: CreateThreadInput): Promise<CommentRow> {
  const errors: FieldError[] = [];
  const block = blocks.find((b) => b.uid === input.blockUid);
  if (!block) errors.push({ path: 'body.blockUid', code: 'paragraph_unknown', message: 'No paragraph with this uid in the draft.' });
  else if (input.end > block.text.length) errors.push({ path: 'body.end', code: 'out_of_range', message: `The paragraph has ${block.text.length} characters.` });
  await checkMentions(db, scope, input.mentions, errors);
  if (errors.length || !block) throw new AppError('validation.failed', 'The comment cannot be placed as asked.', { errors });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(draftComments)
      .values({
        draftId: scope.draft.id,
        blockUid: input.blockUid,
        anchorStart: input.start,
        anchorEnd: input.end,
        quote: block.text.slice(input.start, input.end),
        body: input.body,
        authorId: scope.actor.user.id,
        mentions: [...new Set(input.mentions)],
      })
      .returning();
    if (!row) throw new Error('comment not inserted');
    await recordAudit(tx, { actorId: scope.actor.user.id, action: 'draft.comment_added', targetType: 'draft_comment', targetId: row.id, groupId: scope.draft.groupId, data: { draftId: scope.draft.id, blockUid: input.blockUid } });
    await notify(tx, scope, row);
    return row;
  });
}

export async function replyToThread(db: Db, scope: Scope, thread: CommentRow, input: ReplyInput): Promise<CommentRow> {
  const errors: FieldError[] = [];
  await checkMentions(db, scope, input.mentions, errors);
  if (errors.length) throw new AppError('validation.failed', 'The reply cannot be sent as asked.', { errors });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(draftComments)
      .values({ draftId: scope.draft.id, threadId: thread.id, body: input.body, authorId: scope.actor.user.id, mentions: [...new Set(input.mentions)] })
      .returning();
    if (!row) throw new Error('reply not inserted');
    await recordAudit(tx, { actorId: scope.actor.user.id, action: 'draft.comment_replied', targetType: 'draft_comment', targetId: row.id, groupId: scope.draft.groupId, data: { draftId: scope.draft.id, threadId: thread.id } });
    await notify(tx, scope, row);
    return row;
  });
}

/** Resolves or reopens a thread: its author or the co-chairs. Doing what is already done changes nothing. */
export async function setResolved(db: Db, scope: Scope & { canModerate: boolean }, thread: CommentRow, resolved: boolean): Promise<void> {
  if (thread.authorId !== scope.actor.user.id && !scope.canModerate) throw new AppError('auth.forbidden', 'Only the thread’s author or the co-chairs may do this.');
  await db.transaction(async (tx) => {
    const [locked] = await tx.select({ resolvedAt: draftComments.resolvedAt }).from(draftComments).where(eq(draftComments.id, thread.id)).for('update');
    if (!locked || (locked.resolvedAt !== null) === resolved) return;
    await tx
      .update(draftComments)
      .set(resolved ? { resolvedAt: sql`now()`, resolvedBy: scope.actor.user.id } : { resolvedAt: null, resolvedBy: null })
      .where(eq(draftComments.id, thread.id));
    await recordAudit(tx, {
      actorId: scope.actor.user.id,
      action: resolved ? 'draft.comment_resolved' : 'draft.comment_reopened',
      targetType: 'draft_comment',
      targetId: thread.id,
      groupId: scope.draft.groupId,
      data: { draftId: scope.draft.id },
    });
  });
}
