import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { draftDocumentName, ZCreateDraft, ZDraftSummary, ZDraftText, ZDraftView, ZRenameDraft, type DraftSummary, type DraftView } from '../../../core/drafts';
import { COLLAB_PATH } from '../../collaboration/server';
import { blocksOfState } from '../../collaboration/ydoc';
import type { Actor } from '../../http/actor';
import { requireActor } from '../../http/auth';
import { AppError, notFound } from '../../http/errors';
import { personRef } from '../reports/queries';
import { authorize, groupAccess, type GroupAccess } from '../study-groups/policy';
import { createDraft, renameDraft } from './commands';
import { accessInGroup } from './policy';
import { draftOfGroup, draftState, listDrafts, type DraftMeta } from './queries';

const tags = ['drafts'];
const ZSlug = z.string().min(1).max(120).regex(/^[a-z0-9-]+$/);
const ZGroup = z.object({ slug: ZSlug });
const ZDraftParams = ZGroup.extend({ draftId: z.uuid() });

const summary = (d: DraftMeta): DraftSummary => ({
  id: d.id,
  number: d.number,
  title: d.title,
  lang: d.lang,
  status: d.status,
  version: d.version,
  stateVersion: d.stateVersion,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

/**
 * Live drafts of a group's recommendations (issue #5, part 1). The text itself is edited over
 * /collab (see src/server/collaboration); these routes list, start, describe and rename drafts
 * and read the current text as plain blocks (for exports and checks). Who may do what:
 * - list, read, read the text: `drafts.view` (everyone who sees the group's content);
 * - start: `drafts.create`; rename: `drafts.edit` while the draft's text may change.
 * Each draft tells the viewer their access: 'edit', 'comment' (observers) or 'read'.
 */
export async function draftRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root;

  /** The group, if the actor may see its drafts (else 404, as if it did not exist). */
  async function visible(actor: Actor, slug: string): Promise<GroupAccess> {
    const access = await groupAccess(root, actor, slug);
    if (!access.allowed.includes('drafts.view')) throw notFound('No study group at this address, or you may not see it.');
    return access;
  }

  async function view(access: GroupAccess, draftId: string): Promise<DraftView> {
    const draft = await draftOfGroup(db, access.snapshot.group.id, draftId);
    const level = accessInGroup(access, draft);
    if (!level) throw notFound('No such draft in this group.');
    return {
      ...summary(draft),
      groupId: draft.groupId,
      createdBy: await personRef(db, draft.createdBy),
      access: level,
      collab: { path: COLLAB_PATH, documentName: draftDocumentName(draft.id) },
    };
  }

  app.get('/api/study-groups/:slug/drafts', { schema: { tags, summary: "The group's drafts by number, without their text", params: ZGroup, response: { 200: z.array(ZDraftSummary) } } }, async (req) => {
    const access = await visible(requireActor(req), req.params.slug);
    return (await listDrafts(db, access.snapshot.group.id)).map(summary);
  });

  app.post(
    '/api/study-groups/:slug/drafts',
    { schema: { tags, summary: 'Start a draft, optionally with its first paragraphs; it is then edited live on /collab', params: ZGroup, body: ZCreateDraft, response: { 201: ZDraftView } } },
    async (req, reply) => {
      const actor = requireActor(req);
      const access = await visible(actor, req.params.slug);
      authorize(access, 'drafts.create');
      const id = await db.transaction((tx) => createDraft(tx, { actor, group: access.snapshot.group, draft: req.body }));
      return reply.code(201).send(await view(access, id));
    },
  );

  app.get(
    '/api/study-groups/:slug/drafts/:draftId',
    { schema: { tags, summary: "A draft, with the viewer's access to its text and where to edit it live", params: ZDraftParams, response: { 200: ZDraftView } } },
    async (req) => view(await visible(requireActor(req), req.params.slug), req.params.draftId),
  );

  app.patch(
    '/api/study-groups/:slug/drafts/:draftId',
    { schema: { tags, summary: 'Rename a draft (send the version you read; a stale one answers 409)', params: ZDraftParams, body: ZRenameDraft, response: { 200: ZDraftView } } },
    async (req) => {
      const actor = requireActor(req);
      const access = await visible(actor, req.params.slug);
      authorize(access, 'drafts.edit');
      const draft = await draftOfGroup(db, access.snapshot.group.id, req.params.draftId);
      if (accessInGroup(access, draft) !== 'edit') throw new AppError('auth.forbidden', `A draft that is ${draft.status.replace('_', ' ')} no longer changes.`);
      await db.transaction((tx) => renameDraft(tx, { actor, group: access.snapshot.group, draftId: draft.id, change: req.body }));
      return view(access, draft.id);
    },
  );

  app.get(
    '/api/study-groups/:slug/drafts/:draftId/text',
    {
      schema: {
        tags,
        summary: 'The current text as plain blocks, read from the live document when it is open on this server, else from the stored one',
        params: ZDraftParams,
        response: { 200: ZDraftText },
      },
    },
    async (req) => {
      const access = await visible(requireActor(req), req.params.slug);
      const draft = await draftOfGroup(db, access.snapshot.group.id, req.params.draftId);
      if (!accessInGroup(access, draft)) throw notFound('No such draft in this group.');
      const live = root.collab.liveBlocks(draft.id);
      const stored = live ? undefined : await draftState(db, draft.id);
      if (!live && !stored) throw notFound('No such draft in this group.');
      return {
        draftId: draft.id,
        lang: draft.lang,
        stateVersion: stored?.stateVersion ?? draft.stateVersion,
        source: live ? ('live' as const) : ('stored' as const),
        paragraphs: live ?? blocksOfState(stored?.state ?? new Uint8Array()),
      };
    },
  );
}
