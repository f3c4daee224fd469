import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAddRole, ZCreatedInvitation, ZCreateGroupInvitation, ZInvitationList, ZInvitationListQuery, ZInvitationView, ZMemberList, ZMemberListQuery, ZMemberView, type MemberList } from '../../../core/memberships';
import { ZGroupRole } from '../../../core/roles';
import { requireActor } from '../../http/auth';
import { authorize, groupAccess } from '../study-groups/policy';
import { createGroupInvitation, listInvitations, revokeInvitation } from './invitations';
import { CachedBody } from '../../http/cached-body';
import { addRole, endRole, listMembers, loadRoster, memberView, queryRoster, removeMember } from './members';

const tags = ['memberships'];
const ZSlug = z.string().min(1).max(120).regex(/^[a-z0-9-]+$/);
const ZEnded = z.object({
  ended: z.array(ZGroupRole).describe('The roles this request ended'),
  remaining: z.array(ZGroupRole).describe('The roles the person still holds; none: no longer a member'),
});

/**
 * Membership of a study group: the member list, invitations by email, and roles given and
 * ended. Each route: validate → groupAccess (404 for those who may not see the group) →
 * authorize (403, or 409 group.status_forbids) → one transaction with its audit event.
 */
export async function membershipRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/study-groups/:slug/members',
    {
      schema: {
        tags,
        summary: "A study group's current members, one entry per person with their roles",
        description: 'Whoever may see the group sees its members; addresses only for those who may manage members (who can also search by address).',
        params: z.object({ slug: ZSlug }),
        querystring: ZMemberListQuery,
        response: { 200: ZMemberList, 304: z.null().describe('Not modified') },
      },
    },
    async (req, reply) => {
      const access = await groupAccess(root, requireActor(req), req.params.slug);
      const { snapshot } = access;
      // The roster lives with the cached group, so the change feed evicts both together.
      if (!root.caches.enabled) return listMembers(root.db, snapshot.group.id, req.query, { withEmail: access.allowed.includes('members.manage') });
      snapshot.roster ??= loadRoster(root.db, snapshot.group.id).catch((err: unknown) => {
        snapshot.roster = undefined;
        throw err;
      });
      const withEmail = access.allowed.includes('members.manage');
      // Pages are prepared once per query (checked against the schema then) and sent as they are.
      const key = `members|${withEmail}|${JSON.stringify(req.query)}`;
      let body = snapshot.bodies.get(key);
      if (!body) {
        body = new CachedBody(JSON.stringify(ZMemberList.parse(queryRoster(await snapshot.roster, req.query, { withEmail }))));
        snapshot.bodies.set(key, body);
      }
      return body.send(req, reply) as unknown as MemberList;
    },
  );

  app.post(
    '/api/study-groups/:slug/invitations',
    {
      schema: {
        tags,
        summary: 'Invite a person by email into a role; they are mailed a one-time link that signs them in and accepts',
        description:
          'An address without an account gets one (without a password). Refused: an open invitation for the same address and role (409 invitation.duplicate), a person who holds the role (409 invitation.already_member), a role the group does not allow (422 role.not_allowed), an unknown committee (422 committee.unknown), a delegation that has a head (409 membership.head_exists).',
        params: z.object({ slug: ZSlug }),
        body: ZCreateGroupInvitation,
        response: { 201: ZCreatedInvitation },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const access = await groupAccess(root, actor, req.params.slug);
      authorize(access, 'members.invite');
      const created = await root.db.transaction((tx) => createGroupInvitation(tx, actor, access.snapshot.group, req.body));
      root.jobs.kick();
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/study-groups/:slug/invitations',
    {
      schema: { tags, summary: "A study group's invitations, open and past, newest first", params: z.object({ slug: ZSlug }), querystring: ZInvitationListQuery, response: { 200: ZInvitationList } },
    },
    async (req) => {
      const access = await groupAccess(root, requireActor(req), req.params.slug);
      authorize(access, 'members.manage');
      return listInvitations(root.db, access.snapshot.group.id, req.query);
    },
  );

  app.delete(
    '/api/study-groups/:slug/invitations/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an open invitation: its link stops working',
        params: z.object({ slug: ZSlug, id: z.uuid() }),
        response: { 200: ZInvitationView },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const access = await groupAccess(root, actor, req.params.slug);
      authorize(access, 'members.manage');
      return root.db.transaction((tx) => revokeInvitation(tx, actor, access.snapshot.group, req.params.id));
    },
  );

  app.post(
    '/api/study-groups/:slug/members/:userId/roles',
    {
      schema: {
        tags,
        summary: 'Give a current member another role (in a sub-group, also a member of the parent group)',
        description:
          'The same rules as an invitation; without committeeCode, a role that needs a committee takes the delegation the person already sits in. A sub-group draws its members from the parent: a current member of the parent can be given a role in it directly.',
        params: z.object({ slug: ZSlug, userId: z.uuid() }),
        body: ZAddRole,
        response: { 201: ZMemberView },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const access = await groupAccess(root, actor, req.params.slug);
      authorize(access, 'members.manage');
      const { group } = access.snapshot;
      const view = await root.db.transaction(async (tx) => {
        await addRole(tx, actor, group, req.params.userId, req.body);
        return memberView(tx, group.id, req.params.userId, { withEmail: true });
      });
      return reply.code(201).send(view);
    },
  );

  app.delete(
    '/api/study-groups/:slug/members/:userId/roles/:role',
    {
      schema: { tags, summary: 'End one role of a member; the record of it stays', params: z.object({ slug: ZSlug, userId: z.uuid(), role: ZGroupRole }), response: { 200: ZEnded } },
    },
    async (req) => {
      const actor = requireActor(req);
      const access = await groupAccess(root, actor, req.params.slug);
      authorize(access, 'members.manage');
      return root.db.transaction((tx) => endRole(tx, actor, access.snapshot.group, req.params.userId, req.params.role));
    },
  );

  app.delete(
    '/api/study-groups/:slug/members/:userId',
    {
      schema: {
        tags,
        summary: 'Remove a member: every role ends and their access with it; what they contributed stays attributed',
        params: z.object({ slug: ZSlug, userId: z.uuid() }),
        response: { 200: ZEnded },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const access = await groupAccess(root, actor, req.params.slug);
      authorize(access, 'members.manage');
      return root.db.transaction((tx) => removeMember(tx, actor, access.snapshot.group, req.params.userId));
    },
  );
}
