import type { FastifyInstance } from 'fastify';
import { draftAccess, type DraftAccess } from '../../../core/drafts';
import type { GroupSnapshot } from '../../cache/caches';
import type { Actor } from '../../http/actor';
import { councilRolesOf, principalsFor, type GroupAccess } from '../study-groups/policy';
import { loadGroupSnapshot } from '../study-groups/queries';
import { draftWithGroupSlug, type DraftMeta } from './queries';

const facts = (snapshot: GroupSnapshot) => ({ status: snapshot.group.status, isSubGroup: snapshot.group.kind === 'sub_group' });

/** The viewer's access to a draft of a group they may see (null: they may not see drafts). */
export function accessInGroup(access: GroupAccess, draft: Pick<DraftMeta, 'status'>): DraftAccess | null {
  return draftAccess(access.principals, facts(access.snapshot), draft.status);
}

export interface DraftGrant {
  draft: DraftMeta;
  group: GroupSnapshot['group'];
  access: DraftAccess;
}

/**
 * Someone's access to a draft known only by its id (the collaboration server's case), from the
 * same table as HTTP. `fresh` reads past the caches: a re-check after a change must not be
 * answered by a load that began before it. Null when they may not see the draft.
 */
export async function draftGrant(app: FastifyInstance, actor: Actor, draftId: string, opts: { fresh?: boolean; snapshots?: Map<string, Promise<GroupSnapshot | undefined>> } = {}): Promise<DraftGrant | null> {
  const found = await draftWithGroupSlug(app.db, draftId);
  if (!found) return null;
  const { caches, db } = app;
  const loadSnapshot = () => {
    if (!opts.fresh) return caches.read(caches.groups, found.slug, () => loadGroupSnapshot(db, found.slug));
    const memo = opts.snapshots;
    const hit = memo?.get(found.slug);
    if (hit) return hit;
    const loading = loadGroupSnapshot(db, found.slug);
    memo?.set(found.slug, loading);
    return loading;
  };
  const [snapshot, roles] = await Promise.all([
    loadSnapshot(),
    opts.fresh ? councilRolesOf(db, actor.user.id) : caches.read(caches.councilRoles, actor.user.id, () => councilRolesOf(db, actor.user.id)),
  ]);
  if (!snapshot) return null;
  const access = draftAccess(principalsFor(actor, snapshot, roles ?? []), facts(snapshot), found.draft.status);
  return access ? { draft: found.draft, group: snapshot.group, access } : null;
}
