import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZQueryVersionNumber } from '../../../core/numbers';
import { compareBlocks, comparisonCounts, ZCompareQuery, ZCreateVersion, ZVersionComparison, ZVersionSummary, ZVersionView } from '../../../core/deliberation';
import { requireActor } from '../../http/auth';
import { draftContext, requireOpenText, serialized } from './access';
import { recordVersion } from './commands';
import { currentText, replaceContent } from './live-text';
import { listVersions, presentSummaries, presentVersion, versionByNumber } from './queries';

const tags = ['draft versions'];
const ZSlug = z.string().min(1).max(120).regex(/^[a-z0-9-]+$/);
const ZDraftParams = z.object({ slug: ZSlug, draftId: z.uuid() });
const ZVersionParams = ZDraftParams.extend({ number: ZQueryVersionNumber });

/**
 * Named versions of a draft (issue #5, part 3): snapshots of the live text that the co-chairs
 * name ("Draft for the Tokyo meeting"), read, compared with each other or with the live text,
 * and restored — restoring replaces the live text and is itself recorded as a new version.
 * Reading needs `drafts.view`; naming and restoring `drafts.decide`.
 */
export async function draftVersionRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root;
  const base = '/api/study-groups/:slug/drafts/:draftId/versions';

  app.get(base, { schema: { tags, summary: "A draft's named versions, oldest first", params: ZDraftParams, response: { 200: z.array(ZVersionSummary) } } }, async (req) => {
    const { draft } = await draftContext(root, requireActor(req), req.params.slug, req.params.draftId);
    return presentSummaries(db, await listVersions(db, draft.id));
  });

  app.post(
    base,
    { schema: { tags, summary: 'Name a version: a snapshot of the live text as it is now (co-chairs)', params: ZDraftParams, body: ZCreateVersion, response: { 201: ZVersionView } } },
    async (req, reply) => {
      const actor = requireActor(req);
      const ctx = await draftContext(root, actor, req.params.slug, req.params.draftId, 'drafts.decide');
      const row = await serialized(ctx.draft.id, async () => {
        const now = await currentText(root, ctx.draft.id);
        return db.transaction((tx) => recordVersion(tx, { actor, groupId: ctx.draft.groupId, draftId: ctx.draft.id, name: req.body.name, state: now.state, blocks: now.blocks }));
      });
      root.jobs.kick();
      return reply.code(201).send(await presentVersion(db, row));
    },
  );

  app.get(
    `${base}/compare`,
    {
      schema: {
        tags,
        summary: 'Compare two versions, or a version with the live text (to=live), paragraph by paragraph with their numbers',
        params: ZDraftParams,
        querystring: ZCompareQuery,
        response: { 200: ZVersionComparison },
      },
    },
    async (req) => {
      const { draft } = await draftContext(root, requireActor(req), req.params.slug, req.params.draftId);
      const from = await versionByNumber(db, draft.id, req.query.from);
      const to = req.query.to === 'live' ? null : await versionByNumber(db, draft.id, req.query.to);
      const toBlocks = to ? to.blocks : (await currentText(root, draft.id)).blocks;
      const rows = compareBlocks(from.blocks, toBlocks);
      const [fromSummary, toSummary] = await presentSummaries(db, to ? [from, to] : [from]);
      return { draftId: draft.id, from: fromSummary as NonNullable<typeof fromSummary>, to: toSummary ?? null, rows, counts: comparisonCounts(rows) };
    },
  );

  app.get(`${base}/:number`, { schema: { tags, summary: 'One version, its blocks numbered (¶ and R)', params: ZVersionParams, response: { 200: ZVersionView } } }, async (req) => {
    const { draft } = await draftContext(root, requireActor(req), req.params.slug, req.params.draftId);
    return presentVersion(db, await versionByNumber(db, draft.id, req.params.number));
  });

  app.post(
    `${base}/:number/restore`,
    {
      schema: {
        tags,
        summary: "Restore a version: the live text becomes that version's (editors see it at once), recorded as a new version",
        params: ZVersionParams,
        response: { 201: ZVersionView },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const ctx = await draftContext(root, actor, req.params.slug, req.params.draftId, 'drafts.decide');
      requireOpenText(ctx);
      const old = await versionByNumber(db, ctx.draft.id, req.params.number);
      const row = await serialized(ctx.draft.id, async () => {
        const { state, blocks } = await root.collab.changeText(ctx.draft.id, (fragment) => replaceContent(fragment, old.state));
        return db.transaction((tx) =>
          recordVersion(tx, { actor, groupId: ctx.draft.groupId, draftId: ctx.draft.id, name: `Restored from version ${old.number}`, state, blocks, restoredFrom: old.number }),
        );
      });
      root.jobs.kick();
      return reply.code(201).send(await presentVersion(db, row));
    },
  );
}
