import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZGroupList, ZGroupListQuery, ZGroupOverview, type GroupOverview } from '../../../core/study-groups';
import { requireActor } from '../../http/auth';
import { notFound } from '../../http/errors';
import { canSeeGroup } from './policy';
import { councilIdsOf, listVisibleGroups, loadGroupSnapshot } from './queries';

const tags = ['study-groups'];
const ZSlugParams = z.object({ slug: z.string().min(1).max(120).regex(/^[a-z0-9-]+$/) });

export async function studyGroupRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/api/study-groups', { schema: { tags, summary: 'Study groups the signed-in person may see', querystring: ZGroupListQuery, response: { 200: ZGroupList } } }, async (req) =>
    listVisibleGroups(root.db, requireActor(req), req.query),
  );

  app.get('/api/study-groups/:slug', { schema: { tags, summary: "A study group's overview: charter, co-chairs, delegations, meetings", params: ZSlugParams, response: { 200: ZGroupOverview } } }, async (req, reply) => {
    const actor = requireActor(req);
    const { caches, db } = root;
    const [snapshot, councilIds] = await Promise.all([
      caches.read(caches.groups, req.params.slug, () => loadGroupSnapshot(db, req.params.slug)),
      caches.read(caches.councilRoles, actor.user.id, () => councilIdsOf(db, actor.user.id)),
    ]);
    // Not visible answers exactly as not there.
    if (!snapshot || !canSeeGroup(actor, snapshot, councilIds ?? new Set())) throw notFound('No study group at this address, or you may not see it.');
    // The shared part was validated and serialized once; only the viewer's own part is added here.
    const own = JSON.stringify({ myRoles: snapshot.roles.get(actor.user.id) ?? [], allowedActions: ['view'] });
    // Fastify sends a string with a JSON content type as it is (already serialized).
    const body = `${own.slice(0, -1)},${snapshot.overviewJson.slice(1)}` as unknown as GroupOverview;
    return reply.type('application/json; charset=utf-8').send(body);
  });
}
