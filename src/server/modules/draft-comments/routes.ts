import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZCreateThread, ZReply, ZThreadList, ZThreadView } from '../../../core/deliberation';
import { numberBlocks } from '../../../core/draft-structure';
import type { Actor } from '../../http/actor';
import { requireActor } from '../../http/auth';
import { AppError } from '../../http/errors';
import { draftContext, type DraftContext } from '../draft-versions/access';
import { currentText } from '../draft-versions/live-text';
import { createThread, replyToThread, setResolved } from './commands';
import { listComments, presentThreads, threadOrThrow, type CommentViewer } from './queries';

const tags = ['draft comments'];
const ZSlug = z.string().min(1).max(120).regex(/^[a-z0-9-]+$/);
const ZDraftParams = z.object({ slug: ZSlug, draftId: z.uuid() });
const ZThreadParams = ZDraftParams.extend({ threadId: z.uuid() });

/**
 * Comment threads on a draft (issue #5, part 5), anchored to a range of a paragraph (by uid):
 * read by everyone who reads the draft (`drafts.view`), written by those who may comment
 * (`drafts.comment`: participants, observers included) while the text is open; resolved and
 * reopened by the thread's author or the co-chairs. @mentions mail people who may see the draft.
 */
export async function draftCommentRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root;
  const base = '/api/study-groups/:slug/drafts/:draftId/comments';

  const viewerOf = (ctx: DraftContext, actor: Actor): CommentViewer => ({
    id: actor.user.id,
    canComment: ctx.level !== 'read' && ctx.access.allowed.includes('drafts.comment'),
    canModerate: ctx.access.allowed.includes('drafts.decide'),
  });
  async function writable(actor: Actor, slug: string, draftId: string) {
    const ctx = await draftContext(root, actor, slug, draftId, 'drafts.comment');
    if (ctx.level === 'read') throw new AppError('draft.text_settled', `A draft that is ${ctx.draft.status.replace('_', ' ')} takes no more comments.`);
    return { ctx, scope: { actor, draft: ctx.draft, snapshot: ctx.access.snapshot } };
  }
  async function presentOne(ctx: DraftContext, actor: Actor, threadId: string) {
    const rows = (await listComments(db, ctx.draft.id)).filter((r) => r.id === threadId || r.threadId === threadId);
    const [view] = await presentThreads(db, rows, numberBlocks((await currentText(root, ctx.draft.id)).blocks), viewerOf(ctx, actor));
    if (!view) throw new Error('nothing presented');
    return view;
  }

  app.get(base, { schema: { tags, summary: "A draft's comment threads with their replies", params: ZDraftParams, response: { 200: ZThreadList } } }, async (req) => {
    const actor = requireActor(req);
    const ctx = await draftContext(root, actor, req.params.slug, req.params.draftId);
    const viewer = viewerOf(ctx, actor);
    const threads = await presentThreads(db, await listComments(db, ctx.draft.id), numberBlocks((await currentText(root, ctx.draft.id)).blocks), viewer);
    return { threads, canComment: viewer.canComment };
  });

  app.post(
    base,
    { schema: { tags, summary: 'Start a thread on a range of a paragraph; @mentioned people are notified by mail', params: ZDraftParams, body: ZCreateThread, response: { 201: ZThreadView } } },
    async (req, reply) => {
      const actor = requireActor(req);
      const { ctx, scope } = await writable(actor, req.params.slug, req.params.draftId);
      const row = await createThread(db, scope, (await currentText(root, ctx.draft.id)).blocks, req.body);
      return reply.code(201).send(await presentOne(ctx, actor, row.id));
    },
  );

  app.post(
    `${base}/:threadId/replies`,
    { schema: { tags, summary: 'Reply in a thread; @mentioned people are notified by mail', params: ZThreadParams, body: ZReply, response: { 201: ZThreadView } } },
    async (req, reply) => {
      const actor = requireActor(req);
      const { ctx, scope } = await writable(actor, req.params.slug, req.params.draftId);
      const thread = await threadOrThrow(db, ctx.draft.id, req.params.threadId);
      await replyToThread(db, scope, thread, req.body);
      return reply.code(201).send(await presentOne(ctx, actor, thread.id));
    },
  );

  for (const step of ['resolve', 'reopen'] as const) {
    app.post(
      `${base}/:threadId/${step}`,
      { schema: { tags, summary: `${step === 'resolve' ? 'Resolve' : 'Reopen'} a thread (its author or the co-chairs)`, params: ZThreadParams, response: { 200: ZThreadView } } },
      async (req) => {
        const actor = requireActor(req);
        const { ctx, scope } = await writable(actor, req.params.slug, req.params.draftId);
        const thread = await threadOrThrow(db, ctx.draft.id, req.params.threadId);
        await setResolved(db, { ...scope, canModerate: viewerOf(ctx, actor).canModerate }, thread, step === 'resolve');
        return presentOne(ctx, actor, thread.id);
      },
    );
  }
}
