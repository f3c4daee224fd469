import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAcceptAmendment, ZAmendmentList, ZAmendmentView, ZMergeAmendments, ZProposeAmendment, ZRejectAmendment, ZWithdrawAmendment } from '../../../core/deliberation';
import type { Actor } from '../../http/actor';
import { requireActor } from '../../http/auth';
import { draftContext, requireOpenText, serialized, type DraftContext } from '../draft-versions/access';
import { currentBlocks } from '../draft-versions/live-text';
import { latestVersionNumber } from '../draft-versions/queries';
import { applyAmendment, checkOpen, mergeAmendments, proposeAmendment, recordAcceptance, rejectAmendment, withdrawAmendment } from './commands';
import { amendmentOrThrow, listAmendments, presentAmendments, type AmendmentRow, type AmendmentViewer } from './queries';

const tags = ['amendments'];
const ZSlug = z.string().min(1).max(120).regex(/^[a-z0-9-]+$/);
const ZDraftParams = z.object({ slug: ZSlug, draftId: z.uuid() });
const ZAmendmentParams = ZDraftParams.extend({ amendmentId: z.uuid() });

/**
 * Amendments to a draft (issue #5, part 4): a participant proposes a change to one paragraph of
 * a version on behalf of their delegation (`drafts.amend`); the co-chairs (`drafts.decide`)
 * accept it — applied to the live text at that paragraph — reject it with a reason, or merge
 * several into one; the proposer may withdraw it while open. Each decision sends the
 * amendment's version (stale → 409). Everyone who reads the draft reads its amendments.
 */
export async function amendmentRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root;
  const base = '/api/study-groups/:slug/drafts/:draftId/amendments';

  const viewerOf = (ctx: DraftContext, actor: Actor): AmendmentViewer => ({ id: actor.user.id, canDecide: ctx.access.allowed.includes('drafts.decide'), canAmend: ctx.access.allowed.includes('drafts.amend') });
  const scopeOf = (ctx: DraftContext, actor: Actor) => ({ actor, groupId: ctx.draft.groupId, draftId: ctx.draft.id });
  async function present(ctx: DraftContext, actor: Actor, row: AmendmentRow) {
    const all = await listAmendments(db, ctx.draft.id);
    const [view] = await presentAmendments(db, ctx.draft.id, [row], all, viewerOf(ctx, actor), await currentBlocks(root, ctx.draft.id));
    if (!view) throw new Error('nothing presented');
    return view;
  }

  app.get(base, { schema: { tags, summary: "A draft's amendments, numbered, each with its diff, status and collisions", params: ZDraftParams, response: { 200: ZAmendmentList } } }, async (req) => {
    const actor = requireActor(req);
    const ctx = await draftContext(root, actor, req.params.slug, req.params.draftId);
    const all = await listAmendments(db, ctx.draft.id);
    const viewer = viewerOf(ctx, actor);
    const live = all.some((a) => a.status === 'open') ? await currentBlocks(root, ctx.draft.id) : [];
    return { amendments: await presentAmendments(db, ctx.draft.id, all, all, viewer, live), latestVersion: await latestVersionNumber(db, ctx.draft.id), canAmend: viewer.canAmend, canDecide: viewer.canDecide };
  });

  app.post(
    base,
    {
      schema: {
        tags,
        summary: "Propose an amendment to a paragraph of a version (or a new paragraph after one), on behalf of your delegation",
        params: ZDraftParams,
        body: ZProposeAmendment,
        response: { 201: ZAmendmentView },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const ctx = await draftContext(root, actor, req.params.slug, req.params.draftId, 'drafts.amend');
      const row = await db.transaction((tx) => proposeAmendment(tx, scopeOf(ctx, actor), req.body));
      return reply.code(201).send(await present(ctx, actor, row));
    },
  );

  app.post(
    `${base}/merge`,
    { schema: { tags, summary: 'Merge open amendments to one paragraph into a new amendment with its own text (co-chairs)', params: ZDraftParams, body: ZMergeAmendments, response: { 201: ZAmendmentView } } },
    async (req, reply) => {
      const actor = requireActor(req);
      const ctx = await draftContext(root, actor, req.params.slug, req.params.draftId, 'drafts.decide');
      const row = await db.transaction((tx) => mergeAmendments(tx, scopeOf(ctx, actor), req.body));
      return reply.code(201).send(await present(ctx, actor, row));
    },
  );

  app.post(
    `${base}/:amendmentId/accept`,
    {
      schema: {
        tags,
        summary: 'Accept an amendment: applied to the live text at its paragraph, which editors see at once (co-chairs; send the version read)',
        params: ZAmendmentParams,
        body: ZAcceptAmendment,
        response: { 200: ZAmendmentView },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const ctx = await draftContext(root, actor, req.params.slug, req.params.draftId, 'drafts.decide');
      requireOpenText(ctx);
      const row = await serialized(ctx.draft.id, async () => {
        const before = await amendmentOrThrow(db, ctx.draft.id, req.params.amendmentId);
        checkOpen(before, req.body.version);
        // The live text first (refused, changing nothing, when the paragraph is gone), then the record.
        const { result } = await root.collab.changeText(ctx.draft.id, (fragment) => applyAmendment(fragment, before, req.body.currentText));
        return db.transaction((tx) => recordAcceptance(tx, scopeOf(ctx, actor), before.id, req.body.version, result));
      });
      return present(ctx, actor, row);
    },
  );

  app.post(
    `${base}/:amendmentId/reject`,
    { schema: { tags, summary: 'Reject an amendment, saying why (co-chairs; send the version read)', params: ZAmendmentParams, body: ZRejectAmendment, response: { 200: ZAmendmentView } } },
    async (req) => {
      const actor = requireActor(req);
      const ctx = await draftContext(root, actor, req.params.slug, req.params.draftId, 'drafts.decide');
      const row = await db.transaction((tx) => rejectAmendment(tx, scopeOf(ctx, actor), req.params.amendmentId, req.body));
      return present(ctx, actor, row);
    },
  );

  app.post(
    `${base}/:amendmentId/withdraw`,
    { schema: { tags, summary: 'Withdraw your own open amendment (send the version read)', params: ZAmendmentParams, body: ZWithdrawAmendment, response: { 200: ZAmendmentView } } },
    async (req) => {
      const actor = requireActor(req);
      const ctx = await draftContext(root, actor, req.params.slug, req.params.draftId, 'drafts.amend');
      const row = await db.transaction((tx) => withdrawAmendment(tx, scopeOf(ctx, actor), req.params.amendmentId, req.body));
      return present(ctx, actor, row);
    },
  );
}
