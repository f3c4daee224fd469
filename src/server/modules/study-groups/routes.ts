import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZGroupList, ZGroupListQuery, ZGroupOverview } from '../../../core/study-groups';
import { requireActor } from '../../http/auth';
import { findVisibleGroupOrThrow, groupOverview, listVisibleGroups } from './queries';

const tags = ['study-groups'];
const ZSlugParams = z.object({ slug: z.string().min(1).max(120).regex(/^[a-z0-9-]+$/) });

export async function studyGroupRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/api/study-groups', { schema: { tags, summary: 'Study groups the signed-in person may see', querystring: ZGroupListQuery, response: { 200: ZGroupList } } }, async (req) =>
    listVisibleGroups(root.db, requireActor(req), req.query),
  );

  app.get('/api/study-groups/:slug', { schema: { tags, summary: "A study group's overview: charter, co-chairs, delegations, meetings", params: ZSlugParams, response: { 200: ZGroupOverview } } }, async (req) => {
    const actor = requireActor(req);
    const group = await findVisibleGroupOrThrow(root.db, actor, req.params.slug);
    return { ...(await groupOverview(root.db, actor, group)), allowedActions: ['view' as const] };
  });
}
