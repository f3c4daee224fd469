import { eq } from 'drizzle-orm';
import { draftAccess, type DraftStatus } from '../../../core/drafts';
import type { GroupSnapshot } from '../../cache/caches';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { ownerActor } from '../calendars/feeds';
import { councilRolesOf, principalsFor } from '../study-groups/policy';

/**
 * Whether a person (by id) may read a draft of the group, from the same table as every other
 * right, read past the caches: mentions notify only them, and a mail about a remark goes only to
 * someone who may still see it when it is sent.
 */
export async function mayReadDraft(db: Db, snapshot: GroupSnapshot, draftStatus: DraftStatus, userId: string): Promise<boolean> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || user.disabledAt) return false;
  const principals = principalsFor(ownerActor(user), snapshot, await councilRolesOf(db, user.id));
  return draftAccess(principals, { status: snapshot.group.status, isSubGroup: snapshot.group.kind === 'sub_group' }, draftStatus) !== null;
}
