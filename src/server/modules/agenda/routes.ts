import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAgendaItemView, ZAgendaList, ZAgendaTransition, ZCreateAgendaItem, ZUpdateAgendaItem } from '../../../core/agenda';
import { requireActor } from '../../http/auth';
import { authorize, groupAccess, type GroupAccess } from '../study-groups/policy';
import { createAgendaItem, transitionAgendaItem, updateAgendaItem } from './commands';
import { agendaItemOrThrow, listAgendaItems, presentAgendaItems, type AgendaItemRow, type AgendaViewer } from './queries';

const tags = ['agenda'];
const ZSlug = z.string().min(1).max(120).regex(/^[a-z0-9-]+$/);
const ZGroup = z.object({ slug: ZSlug });
const ZItem = ZGroup.extend({ itemId: z.uuid() });

/**
 * The group's open agenda: everyone who sees the group reads it; participants (observers
 * included) raise items; the co-chairs and the secretariat keep it.
 */
export async function agendaRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root;

  const viewerOf = (access: GroupAccess, userId: string): AgendaViewer => ({
    id: userId,
    canManage: access.allowed.includes('agenda.manage'),
    canPropose: access.allowed.includes('agenda.propose'),
  });
  const present = async (row: AgendaItemRow, viewer: AgendaViewer) => {
    const [view] = await presentAgendaItems(db, [row], viewer);
    if (!view) throw new Error('nothing presented');
    return view;
  };

  app.get('/api/study-groups/:slug/agenda', { schema: { tags, summary: "The group's open agenda, item by item", params: ZGroup, response: { 200: ZAgendaList } } }, async (req) => {
    const actor = requireActor(req);
    const access = await groupAccess(root, actor, req.params.slug);
    const viewer = viewerOf(access, actor.user.id);
    const rows = await listAgendaItems(db, access.snapshot.group.id);
    return { items: await presentAgendaItems(db, rows, viewer), canPropose: viewer.canPropose };
  });

  app.post(
    '/api/study-groups/:slug/agenda',
    { schema: { tags, summary: 'Raise an issue on the open agenda', params: ZGroup, body: ZCreateAgendaItem, response: { 201: ZAgendaItemView } } },
    async (req, reply) => {
      const actor = requireActor(req);
      const access = await groupAccess(root, actor, req.params.slug);
      authorize(access, 'agenda.propose');
      const row = await db.transaction((tx) => createAgendaItem(tx, actor, access.snapshot.group, req.body));
      return reply.code(201).send(await present(row, viewerOf(access, actor.user.id)));
    },
  );

  app.get('/api/study-groups/:slug/agenda/:itemId', { schema: { tags, summary: 'One agenda item, with the sessions that take it up', params: ZItem, response: { 200: ZAgendaItemView } } }, async (req) => {
    const actor = requireActor(req);
    const access = await groupAccess(root, actor, req.params.slug);
    const row = await agendaItemOrThrow(db, access.snapshot.group.id, req.params.itemId);
    return present(row, viewerOf(access, actor.user.id));
  });

  app.patch(
    '/api/study-groups/:slug/agenda/:itemId',
    { schema: { tags, summary: "Change an item's wording (its proposer, or the co-chairs; send the version you read)", params: ZItem, body: ZUpdateAgendaItem, response: { 200: ZAgendaItemView } } },
    async (req) => {
      const actor = requireActor(req);
      const access = await groupAccess(root, actor, req.params.slug);
      // The co-chairs keep any item; a participant acts on their own (checked per item).
      if (!access.allowed.includes('agenda.manage')) authorize(access, 'agenda.propose');
      const viewer = viewerOf(access, actor.user.id);
      const item = await agendaItemOrThrow(db, access.snapshot.group.id, req.params.itemId);
      const row = await db.transaction((tx) => updateAgendaItem(tx, actor, access.snapshot.group, item, viewer, req.body));
      return present(row, viewer);
    },
  );

  app.post(
    '/api/study-groups/:slug/agenda/:itemId/transitions',
    { schema: { tags, summary: 'Close an item (with a reason), withdraw your own, or reopen one', params: ZItem, body: ZAgendaTransition, response: { 200: ZAgendaItemView } } },
    async (req) => {
      const actor = requireActor(req);
      const access = await groupAccess(root, actor, req.params.slug);
      // The co-chairs keep any item; a participant acts on their own (checked per item).
      if (!access.allowed.includes('agenda.manage')) authorize(access, 'agenda.propose');
      const viewer = viewerOf(access, actor.user.id);
      const item = await agendaItemOrThrow(db, access.snapshot.group.id, req.params.itemId);
      const row = await db.transaction((tx) => transitionAgendaItem(tx, actor, access.snapshot.group, item, viewer, req.body));
      return present(row, viewer);
    },
  );
}
