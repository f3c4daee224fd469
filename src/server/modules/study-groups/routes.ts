import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZGroupList, ZGroupListQuery, ZGroupOverview, type GroupOverview } from '../../../core/study-groups';
import { requireActor } from '../../http/auth';
import { ZLocale } from '../../../core/charter';
import { CachedBody } from '../../http/cached-body';
import { ZCreateSubGroup, ZSetGroupTimeZone } from '../../../core/study-groups';
import { detectLocale } from '../../../core/text-language';
import { ZTimeline } from '../../../core/timeline';
import { LOCALES, type Locale } from '../../../core/charter';
import { authorize, groupAccess } from './policy';
import { createSubGroup } from './create-sub-group';
import { groupTimeline } from './timeline';
import { setGroupTimeZone } from './time-zone';
import { listVisibleGroups } from './queries';

const tags = ['study-groups'];
const isLocale = (v: unknown): v is Locale => (LOCALES as readonly unknown[]).includes(v);
const ZSlugParams = z.object({ slug: z.string().min(1).max(120).regex(/^[a-z0-9-]+$/) });

export async function studyGroupRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/api/study-groups', { schema: { tags, summary: 'Study groups the signed-in person may see', querystring: ZGroupListQuery, response: { 200: ZGroupList } } }, async (req) =>
    listVisibleGroups(root.db, requireActor(req), req.query),
  );

  app.get(
    '/api/study-groups/:slug',
    {
      schema: {
        tags,
        summary: "A study group's overview: charter, co-chairs, delegations, meetings",
        description: 'With `lang`, the charter holds that language and the authoritative one; without it, every language. Supports ETag / If-None-Match.',
        params: ZSlugParams,
        querystring: z.object({ lang: ZLocale.optional() }),
        response: { 200: ZGroupOverview, 304: z.null().describe('Not modified') },
      },
    },
    async (req, reply) => {
    const actor = requireActor(req);
    const { snapshot, allowed } = await groupAccess(root, actor, req.params.slug);
    const myRoles = snapshot.roles.get(actor.user.id) ?? [];
    const lang = req.query.lang;
    // Bodies differ only by language and by what the viewer is and may do.
    const key = `${lang ?? '*'}|${myRoles.join(',')}|${allowed.join(',')}`;
    let body = snapshot.bodies.get(key);
    if (!body) {
      const { charter } = snapshot.overview;
      const texts = lang ? Object.fromEntries(Object.entries(charter.texts).filter(([l]) => l === lang || l === charter.authoritative)) : charter.texts;
      const view: GroupOverview = { ...snapshot.overview, charter: { ...charter, texts }, myRoles, allowedActions: allowed };
      body = new CachedBody(JSON.stringify(view));
      snapshot.bodies.set(key, body);
    }
    return body.send(req, reply);
    },
  );

  app.put(
    '/api/study-groups/:slug/time-zone',
    {
      schema: {
        tags,
        summary: "Set the group's time zone, in which its deadlines are set and read (those who plan its meetings)",
        params: ZSlugParams,
        body: ZSetGroupTimeZone,
        response: { 200: ZGroupOverview.shape.timeZone },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const access = await groupAccess(root, actor, req.params.slug);
      authorize(access, 'meetings.manage');
      await root.db.transaction((tx) => setGroupTimeZone(tx, { actor, groupId: access.snapshot.group.id, timeZone: req.body.timeZone }));
      return { zone: req.body.timeZone, chosen: true };
    },
  );

  app.get('/api/study-groups/:slug/timeline', { schema: { tags, summary: "The group's term as a timeline, with what comes next", params: ZSlugParams, response: { 200: ZTimeline } } }, async (req) => {
    const { snapshot } = await groupAccess(root, requireActor(req), req.params.slug);
    return groupTimeline(root.db, snapshot);
  });

  app.post(
    '/api/study-groups/:slug/sub-groups',
    { schema: { tags, summary: 'Form a sub-group (experts group) around one idea or agenda item', params: ZSlugParams, body: ZCreateSubGroup, response: { 201: z.object({ slug: z.string(), title: z.string() }) } } },
    async (req, reply) => {
      const actor = requireActor(req);
      const access = await groupAccess(root, actor, req.params.slug);
      authorize(access, 'subgroup.create');
      const language = req.body.language ?? detectLocale(`${req.body.title}\n${req.body.focus}`, isLocale(actor.user.locale) ? actor.user.locale : 'en');
      const sub = await root.db.transaction((tx) => createSubGroup(tx, { actor, parent: access.snapshot.group, title: req.body.title, focus: req.body.focus, language }));
      return reply.code(201).send({ slug: sub.slug, title: sub.title });
    },
  );
}
