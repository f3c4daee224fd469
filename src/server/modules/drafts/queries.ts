import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { drafts, studyGroups } from '../../db/schema';
import { notFound } from '../../http/errors';

export type DraftRow = typeof drafts.$inferSelect;
/** A draft without its text, for lists and access checks. */
export type DraftMeta = Omit<DraftRow, 'state'>;

const metaColumns = {
  id: drafts.id,
  groupId: drafts.groupId,
  number: drafts.number,
  title: drafts.title,
  lang: drafts.lang,
  status: drafts.status,
  stateVersion: drafts.stateVersion,
  version: drafts.version,
  createdBy: drafts.createdBy,
  createdAt: drafts.createdAt,
  updatedAt: drafts.updatedAt,
};

/** The group's drafts by number, without their text. */
export async function listDrafts(db: Db, groupId: string): Promise<DraftMeta[]> {
  return db.select(metaColumns).from(drafts).where(eq(drafts.groupId, groupId)).orderBy(asc(drafts.number));
}

/** One draft of the group (else 404, as if it did not exist), without its text. */
export async function draftOfGroup(db: Db, groupId: string, draftId: string): Promise<DraftMeta> {
  const [row] = await db
    .select(metaColumns)
    .from(drafts)
    .where(and(eq(drafts.id, draftId), eq(drafts.groupId, groupId)));
  if (!row) throw notFound('No such draft in this group.');
  return row;
}

/** A draft with the address of its group, for the collaboration server (which knows only the draft's id). */
export async function draftWithGroupSlug(db: Db, draftId: string): Promise<{ draft: DraftMeta; slug: string } | undefined> {
  const [row] = await db
    .select({ draft: metaColumns, slug: studyGroups.slug })
    .from(drafts)
    .innerJoin(studyGroups, eq(studyGroups.id, drafts.groupId))
    .where(eq(drafts.id, draftId));
  return row;
}

/** The stored Yjs state and its version. */
export async function draftState(db: Db, draftId: string): Promise<{ state: Uint8Array; stateVersion: number } | undefined> {
  const [row] = await db.select({ state: drafts.state, stateVersion: drafts.stateVersion }).from(drafts).where(eq(drafts.id, draftId));
  return row;
}
