import type { FastifyInstance } from 'fastify';
import type { DraftAccess } from '../../../core/drafts';
import type { GroupAction } from '../../../core/policies';
import type { Actor } from '../../http/actor';
import { AppError, notFound } from '../../http/errors';
import { accessInGroup } from '../drafts/policy';
import { draftOfGroup, type DraftMeta } from '../drafts/queries';
import { authorize, groupAccess, type GroupAccess } from '../study-groups/policy';

export interface DraftContext {
  access: GroupAccess;
  draft: DraftMeta;
  /** The viewer's access to the draft's text: edit, comment or read. */
  level: DraftAccess;
}

/**
 * A draft of the group the actor may read (else 404, as if it did not exist), with what they may
 * do: `needs` is checked against the table (403, or 409 when the group's status forbids it).
 */
export async function draftContext(app: FastifyInstance, actor: Actor, slug: string, draftId: string, needs?: GroupAction): Promise<DraftContext> {
  const access = await groupAccess(app, actor, slug);
  if (!access.allowed.includes('drafts.view')) throw notFound('No study group at this address, or you may not see it.');
  const draft = await draftOfGroup(app.db, access.snapshot.group.id, draftId);
  const level = accessInGroup(access, draft);
  if (!level) throw notFound('No such draft in this group.');
  if (needs) authorize(access, needs);
  return { access, draft, level };
}

/** Refuses a change to the text of a draft that has moved past discussion. */
export function requireOpenText(ctx: DraftContext) {
  if (ctx.draft.status !== 'draft' && ctx.draft.status !== 'under_discussion') {
    throw new AppError('draft.text_settled', `A draft that is ${ctx.draft.status.replace('_', ' ')} no longer changes.`);
  }
}

/** One chain of text changes per draft in this process: a decision reads, applies and records in turn. */
const chains = new Map<string, Promise<unknown>>();
export function serialized<T>(draftId: string, work: () => Promise<T>): Promise<T> {
  const previous = chains.get(draftId) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(work);
  chains.set(draftId, next);
  void next.finally(() => {
    if (chains.get(draftId) === next) chains.delete(draftId);
  }).catch(() => undefined);
  return next;
}
