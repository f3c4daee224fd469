import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CALENDAR_TOKEN, ZCalendarFeedView, ZCreateCalendarFeed, ZCreatedCalendarFeed } from '../../../core/calendars';
import { sha256 } from '../../crypto';
import { requireActor } from '../../http/auth';
import { groupAccess } from '../study-groups/policy';
import { createCalendarFeed, feedByToken, feedUrl, listCalendarFeeds, presentCreatedFeed, renderFeed, revokeCalendarFeed, touchFeed } from './feeds';

const tags = ['calendars'];

/**
 * Requests for feeds per client and minute. Calendar services fetch many people's feeds from
 * a few addresses, each every few hours, so this is far above one person's need and still
 * stops anyone guessing addresses.
 */
export const FEED_RATE_LIMIT = { max: 120, timeWindow: '1 minute', groupId: 'calendar-feed' };

export async function calendarRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root;

  app.get('/api/me/calendar-feeds', { schema: { tags, summary: 'My calendar feeds (without their secret addresses)', response: { 200: z.array(ZCalendarFeedView) } } }, async (req) =>
    listCalendarFeeds(db, requireActor(req)),
  );

  app.post(
    '/api/me/calendar-feeds',
    {
      schema: {
        tags,
        summary: 'Make a calendar feed of every meeting I may see, or of one group’s; its secret address is shown once',
        body: ZCreateCalendarFeed,
        response: { 201: ZCreatedCalendarFeed },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      // A group feed needs a group the person may see (404 otherwise, as for any group page).
      const access = req.body.groupSlug ? await groupAccess(root, actor, req.body.groupSlug) : null;
      const group = access?.snapshot.group ?? null;
      const { row, token } = await db.transaction((tx) => createCalendarFeed(tx, actor, group));
      const titles = (group?.charter.texts ?? {}) as Record<string, { title: string } | undefined>;
      const shown = group ? { slug: group.slug, title: titles[actor.user.locale ?? 'en']?.title ?? group.title } : null;
      return reply.code(201).send(presentCreatedFeed(row, shown, feedUrl(root.config.publicUrl, token)));
    },
  );

  app.delete(
    '/api/me/calendar-feeds/:feedId',
    { schema: { tags, summary: 'Revoke a calendar feed: its address stops working at once', params: z.object({ feedId: z.uuid() }), response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (req) => {
      const actor = requireActor(req);
      await db.transaction((tx) => revokeCalendarFeed(tx, actor, req.params.feedId));
      return { ok: true as const };
    },
  );

  // A feed's response sets no cookie: calendar apps keep none, and the CSRF cookie is for pages.
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/cal/')) reply.removeHeader('set-cookie');
  });

  app.get(
    '/cal/:file',
    {
      config: { public: true, rateLimit: FEED_RATE_LIMIT },
      schema: {
        tags,
        summary: 'A calendar feed (text/calendar), read by calendar apps at its secret address /cal/<secret>.ics; 404 when unknown or revoked',
        params: z.object({ file: z.string() }),
      },
    },
    async (req, reply) => {
      const file = req.params.file;
      const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : '';
      reply.header('cache-control', 'private, no-cache').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow');
      const found = CALENDAR_TOKEN.test(token) ? await feedByToken(db, token) : undefined;
      if (!found) return reply.code(404).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('Not found\n');
      await touchFeed(db, found.feed);
      const body = await renderFeed(db, root.config.publicUrl, found.feed, found.owner);
      const etag = `"${sha256(body).slice(0, 32)}"`;
      reply.header('etag', etag).header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="accord.ics"').send(body);
    },
  );
}
