import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZAssignCouncilRole,
  ZChangeMembership,
  ZCommitteeDetail,
  ZCommitteeList,
  ZCommitteeListQuery,
  ZCommitteeParams,
  ZCouncilDetail,
  ZCouncilList,
  ZCouncilParams,
  ZCouncilRoleParams,
  ZCouncilRoleView,
  ZCreateCommittee,
  ZCreateScMeeting,
  ZPeopleFound,
  ZPeopleSearchQuery,
  ZScMeetingList,
  ZScMeetingListQuery,
  ZScMeetingView,
  ZUpdateCommittee,
} from '../../../core/council';
import { requireActor } from '../../http/auth';
import { councilRolesOf } from '../study-groups/policy';
import { assignCouncilRole } from './assign-council-role';
import { changeMembership } from './change-membership';
import { createCommittee } from './create-committee';
import { createScMeeting } from './create-sc-meeting';
import { endCouncilRole } from './end-council-role';
import { authorizeCouncil, councilAccess, type CouncilAccess } from './policy';
import { presentScMeeting } from './presenter';
import { committeeDetail, councilDetail, councilRoleView, listCommittees, listCouncils, listScMeetings, searchPeople } from './queries';
import { updateCommittee } from './update-committee';

const tags = ['council'];
const MANAGE = 'Needs council.manage: administrators and the council’s secretariat.';

export async function councilRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root;

  /**
   * Writes check the council and the actor's right before the body is validated: a person who
   * may not change the council learns 403 (or 404 for an unknown council), whatever they sent.
   */
  const managed = new WeakMap<FastifyRequest, CouncilAccess>();
  const manage = async (req: FastifyRequest) => {
    const actor = requireActor(req);
    const access = await councilAccess(root, actor, String((req.params as { slug?: unknown }).slug ?? ''));
    authorizeCouncil(access, 'council.manage');
    managed.set(req, access);
  };
  const managedAccess = (req: FastifyRequest) => {
    const access = managed.get(req);
    if (!access) throw new Error('council route without its manage check');
    return access;
  };

  app.get('/api/councils', { schema: { tags, summary: 'Councils, with counts of committees, Steering Committee seats and SC meetings', response: { 200: ZCouncilList } } }, async (req) => {
    const actor = requireActor(req);
    const roles = await root.caches.read(root.caches.councilRoles, actor.user.id, () => councilRolesOf(db, actor.user.id));
    return { items: await listCouncils(db, roles ?? []) };
  });

  app.get(
    '/api/councils/:slug',
    {
      schema: {
        tags,
        summary: 'A council: member committees with their current membership, the Steering Committee, the secretariat, recent SC meetings',
        params: ZCouncilParams,
        response: { 200: ZCouncilDetail },
      },
    },
    async (req) => councilDetail(db, await councilAccess(root, requireActor(req), req.params.slug)),
  );

  app.get(
    '/api/councils/:slug/committees',
    {
      schema: {
        tags,
        summary: 'Member committees, filtered by the membership type valid today and by name or code; paginated, in code order',
        params: ZCouncilParams,
        querystring: ZCommitteeListQuery,
        response: { 200: ZCommitteeList },
      },
    },
    async (req) => {
      const { council } = await councilAccess(root, requireActor(req), req.params.slug);
      return listCommittees(db, council.id, req.query);
    },
  );

  app.get(
    '/api/councils/:slug/committees/:code',
    {
      schema: {
        tags,
        summary: 'A member committee with its whole membership history (newest first) and its SC representative',
        params: ZCommitteeParams,
        response: { 200: ZCommitteeDetail },
      },
    },
    async (req) => {
      const { council } = await councilAccess(root, requireActor(req), req.params.slug);
      return committeeDetail(db, council.id, req.params.code);
    },
  );

  app.post(
    '/api/councils/:slug/committees',
    {
      preValidation: manage,
      schema: {
        tags,
        summary: 'Add a member committee with its first membership type and the date it begins',
        description: `${MANAGE} A code the council already has answers 409 committee.exists.`,
        params: ZCouncilParams,
        body: ZCreateCommittee,
        response: { 201: ZCommitteeDetail },
      },
    },
    async (req, reply) => {
      const { council } = managedAccess(req);
      const actor = requireActor(req);
      const { code } = await db.transaction((tx) => createCommittee(tx, actor, council, req.body));
      return reply.code(201).send(await committeeDetail(db, council.id, code));
    },
  );

  app.patch(
    '/api/councils/:slug/committees/:code',
    {
      preValidation: manage,
      schema: {
        tags,
        summary: 'Change a member committee’s name, host institution or sub-region',
        description: `${MANAGE} Its code and membership history are not changed here.`,
        params: ZCommitteeParams,
        body: ZUpdateCommittee,
        response: { 200: ZCommitteeDetail },
      },
    },
    async (req) => {
      const { council } = managedAccess(req);
      const actor = requireActor(req);
      await db.transaction((tx) => updateCommittee(tx, actor, council, req.params.code, req.body));
      return committeeDetail(db, council.id, req.params.code);
    },
  );

  app.post(
    '/api/councils/:slug/committees/:code/memberships',
    {
      preValidation: manage,
      schema: {
        tags,
        summary: 'Change a member committee’s membership type from a date on; the history is kept',
        description: `${MANAGE} The current row is closed the day before validFrom and a new row is added; validFrom must be after the current row's.`,
        params: ZCommitteeParams,
        body: ZChangeMembership,
        response: { 201: ZCommitteeDetail },
      },
    },
    async (req, reply) => {
      const { council } = managedAccess(req);
      const actor = requireActor(req);
      await db.transaction((tx) => changeMembership(tx, actor, council, req.params.code, req.body));
      return reply.code(201).send(await committeeDetail(db, council.id, req.params.code));
    },
  );

  app.get(
    '/api/councils/:slug/sc-meetings',
    {
      schema: { tags, summary: 'Steering Committee meetings, newest (highest number) first; paginated', params: ZCouncilParams, querystring: ZScMeetingListQuery, response: { 200: ZScMeetingList } },
    },
    async (req) => {
      const { council } = await councilAccess(root, requireActor(req), req.params.slug);
      return listScMeetings(db, council.id, req.query);
    },
  );

  app.post(
    '/api/councils/:slug/sc-meetings',
    {
      preValidation: manage,
      schema: {
        tags,
        summary: 'Record a numbered Steering Committee meeting with its date and place',
        description: `${MANAGE} A number the council already has answers 409 sc_meeting.exists.`,
        params: ZCouncilParams,
        body: ZCreateScMeeting,
        response: { 201: ZScMeetingView },
      },
    },
    async (req, reply) => {
      const { council } = managedAccess(req);
      const actor = requireActor(req);
      const meeting = await db.transaction((tx) => createScMeeting(tx, actor, council, req.body));
      return reply.code(201).send(presentScMeeting(meeting));
    },
  );

  app.post(
    '/api/councils/:slug/roles',
    {
      preValidation: manage,
      schema: {
        tags,
        summary: 'Give a person a council role: SC co-chair, SC member for a member committee, or secretariat',
        description: `${MANAGE} An SC member needs committeeCode. At most one current representative per committee (409 council.representative_exists), two current co-chairs (409 council.co_chairs_full), and one current holding of a role per person (409 council.role_exists).`,
        params: ZCouncilParams,
        body: ZAssignCouncilRole,
        response: { 201: ZCouncilRoleView },
      },
    },
    async (req, reply) => {
      const { council } = managedAccess(req);
      const actor = requireActor(req);
      const role = await db.transaction((tx) => assignCouncilRole(tx, actor, council, req.body));
      return reply.code(201).send(await councilRoleView(db, council.id, role.id));
    },
  );

  app.delete(
    '/api/councils/:slug/roles/:roleId',
    {
      preValidation: manage,
      schema: {
        tags,
        summary: 'End a council role: the person’s access through it ends at once; the role stays in the history',
        description: `${MANAGE} Ending a role that has already ended changes nothing and answers it as it is.`,
        params: ZCouncilRoleParams,
        response: { 200: ZCouncilRoleView },
      },
    },
    async (req) => {
      const { council } = managedAccess(req);
      const actor = requireActor(req);
      await db.transaction((tx) => endCouncilRole(tx, actor, council, req.params.roleId));
      return councilRoleView(db, council.id, req.params.roleId);
    },
  );

  app.get(
    '/api/councils/:slug/people',
    {
      preHandler: manage,
      schema: {
        tags,
        summary: 'Find people to give a council role, by name (any script) or address',
        description: `${MANAGE} Accounts of the council's member committees first; disabled accounts never.`,
        params: ZCouncilParams,
        querystring: ZPeopleSearchQuery,
        response: { 200: ZPeopleFound },
      },
    },
    async (req) => searchPeople(db, managedAccess(req).council.id, req.query.q, req.query.limit),
  );
}
