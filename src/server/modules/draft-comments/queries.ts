import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ThreadView } from '../../../core/deliberation';
import type { NumberedBlock } from '../../../core/draft-structure';
import type { Db } from '../../db/client';
import { draftComments } from '../../db/schema';
import { notFound } from '../../http/errors';
import { peopleById } from '../draft-versions/queries';

export type CommentRow = typeof draftComments.$inferSelect;

export async function listComments(db: Db, draftId: string): Promise<CommentRow[]> {
  return db.select().from(draftComments).where(eq(draftComments.draftId, draftId)).orderBy(asc(draftComments.createdAt), asc(draftComments.id));
}

/** A thread (its first comment) of the draft, else 404. */
export async function threadOrThrow(db: Db, draftId: string, threadId: string): Promise<CommentRow> {
  const [row] = await db
    .select()
    .from(draftComments)
    .where(and(eq(draftComments.draftId, draftId), eq(draftComments.id, threadId), isNull(draftComments.threadId)));
  if (!row) throw notFound('No such comment thread on this draft.');
  return row;
}

export interface CommentViewer {
  id: string;
  canComment: boolean;
  canModerate: boolean;
}

/** Threads with their replies, each anchored paragraph numbered as it is in the live text now. */
export async function presentThreads(db: Db, rows: readonly CommentRow[], live: readonly NumberedBlock[], viewer: CommentViewer): Promise<ThreadView[]> {
  const people = await peopleById(
    db,
    rows.flatMap((r) => [r.authorId, r.resolvedBy, ...r.mentions]),
  );
  const person = (id: string | null) => (id && people.get(id)) || null;
  const byUid = new Map(live.flatMap((b) => (b.uid ? [[b.uid, b] as const] : [])));
  const comment = (r: CommentRow) => ({ id: r.id, body: r.body, author: person(r.authorId), mentions: r.mentions.flatMap((m) => person(m) ?? []), createdAt: r.createdAt.toISOString() });
  return rows
    .filter((r) => r.threadId === null)
    .map((r) => {
      const block = r.blockUid ? byUid.get(r.blockUid) : undefined;
      const mayModerate = viewer.canComment && (viewer.canModerate || r.authorId === viewer.id);
      const actions: ThreadView['actions'] = [];
      if (viewer.canComment) actions.push('reply');
      if (mayModerate) actions.push(r.resolvedAt ? 'reopen' : 'resolve');
      return {
        ...comment(r),
        blockUid: r.blockUid ?? '',
        start: r.anchorStart ?? 0,
        end: r.anchorEnd ?? 0,
        quote: r.quote ?? '',
        paragraph: block?.paragraph ?? null,
        recommendation: block?.recommendation ?? null,
        resolved: r.resolvedAt !== null,
        resolvedBy: person(r.resolvedBy),
        resolvedAt: r.resolvedAt?.toISOString() ?? null,
        replies: rows.filter((x) => x.threadId === r.id).map(comment),
        actions,
      };
    });
}
