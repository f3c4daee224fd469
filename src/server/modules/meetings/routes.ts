import { asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAttendanceList,
  ZCreateMeeting,
  ZCreateSession,
  ZInviteToMeeting,
  ZMeetingDetail,
  ZMeetingTransition,
  ZMeetingView,
  ZRecordAttended,
  ZReorderSessions,
  ZScheduleSessions,
  ZRespond,
  ZUpdateMeeting,
  ZUpdateSession,
} from '../../../core/meetings';
import { meetingAttendance, meetings, users } from '../../db/schema';
import { requireActor } from '../../http/auth';
import { authorize, groupAccess } from '../study-groups/policy';
import { createMeeting, deleteSession, inviteToMeeting, recordAttended, reorderSessions, respond, saveSession, scheduleSessions, transitionMeeting, updateMeeting } from './commands';
import { currentMembers, meetingDetail, meetingOrThrow, presentMeetings } from './queries';

const tags = ['meetings'];
const ZSlug = z.string().min(1).max(120).regex(/^[a-z0-9-]+$/);
const ZGroup = z.object({ slug: ZSlug });
const ZMeeting = ZGroup.extend({ meetingId: z.uuid() });
const ZSession = ZMeeting.extend({ sessionId: z.uuid() });

export async function meetingRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root;

  /** The group (seen by the actor, else 404) and one of its meetings (else 404). */
  async function load(req: { params: { slug: string; meetingId: string } } & Parameters<typeof requireActor>[0]) {
    const actor = requireActor(req);
    const access = await groupAccess(root, actor, req.params.slug);
    const meeting = await meetingOrThrow(db, access.snapshot.group.id, req.params.meetingId);
    const canManage = access.allowed.includes('meetings.manage');
    /** The meeting as this viewer sees it (with the steps they may take), read fresh. */
    const detail = () => meetingDetail(db, meeting, actor.user.id, { canManage });
    return { actor, access, group: access.snapshot.group, meeting, detail };
  }

  app.get('/api/study-groups/:slug/meetings', { schema: { tags, summary: "The group's meetings, in order", params: ZGroup, response: { 200: z.array(ZMeetingView) } } }, async (req) => {
    const actor = requireActor(req);
    const { snapshot } = await groupAccess(root, actor, req.params.slug);
    const rows = await db.select().from(meetings).where(eq(meetings.groupId, snapshot.group.id)).orderBy(asc(meetings.sequence));
    const { allowed } = await groupAccess(root, actor, req.params.slug);
    return presentMeetings(db, rows, actor.user.id, { canManage: allowed.includes('meetings.manage') });
  });

  app.post(
    '/api/study-groups/:slug/meetings',
    { schema: { tags, summary: 'Plan a meeting; its times are entered in its own time zone', params: ZGroup, body: ZCreateMeeting, response: { 201: ZMeetingDetail } } },
    async (req, reply) => {
      const actor = requireActor(req);
      const access = await groupAccess(root, actor, req.params.slug);
      authorize(access, 'meetings.manage');
      const row = await db.transaction((tx) => createMeeting(tx, actor, access.snapshot.group, req.body));
      return reply.code(201).send(await meetingDetail(db, row, actor.user.id, { canManage: true }));
    },
  );

  app.get('/api/study-groups/:slug/meetings/:meetingId', { schema: { tags, summary: 'A meeting with its timetable', params: ZMeeting, response: { 200: ZMeetingDetail } } }, async (req) => {
    const { detail } = await load(req);
    return detail();
  });

  app.patch(
    '/api/study-groups/:slug/meetings/:meetingId',
    { schema: { tags, summary: "Change a meeting's details (send the version you read)", params: ZMeeting, body: ZUpdateMeeting, response: { 200: ZMeetingDetail } } },
    async (req) => {
      const { actor, access, group, meeting, detail } = await load(req);
      authorize(access, 'meetings.manage');
      await db.transaction((tx) => updateMeeting(tx, actor, group, meeting, req.body));
      return detail();
    },
  );

  app.post(
    '/api/study-groups/:slug/meetings/:meetingId/transitions',
    { schema: { tags, summary: 'Convene, postpone (with a reason), reschedule or cancel (with a reason) a meeting', params: ZMeeting, body: ZMeetingTransition, response: { 200: ZMeetingDetail } } },
    async (req) => {
      const { actor, access, group, meeting, detail } = await load(req);
      authorize(access, 'meetings.manage');
      await db.transaction((tx) => transitionMeeting(tx, actor, group, meeting, req.body.transition, req.body.reason));
      return detail();
    },
  );

  app.post(
    '/api/study-groups/:slug/meetings/:meetingId/sessions',
    { schema: { tags, summary: 'Add a session to the timetable (overlaps refused unless allowOverlap)', params: ZMeeting, body: ZCreateSession, response: { 201: ZMeetingDetail } } },
    async (req, reply) => {
      const { actor, access, group, meeting, detail } = await load(req);
      authorize(access, 'meetings.manage');
      await db.transaction((tx) => saveSession(tx, actor, group, meeting, req.body));
      return reply.code(201).send(await detail());
    },
  );

  app.patch(
    '/api/study-groups/:slug/meetings/:meetingId/sessions/:sessionId',
    { schema: { tags, summary: 'Change or retime a session', params: ZSession, body: ZUpdateSession, response: { 200: ZMeetingDetail } } },
    async (req) => {
      const { actor, access, group, meeting, detail } = await load(req);
      authorize(access, 'meetings.manage');
      await db.transaction((tx) => saveSession(tx, actor, group, meeting, req.body, req.params.sessionId));
      return detail();
    },
  );

  app.delete(
    '/api/study-groups/:slug/meetings/:meetingId/sessions/:sessionId',
    { schema: { tags, summary: 'Remove a session from the timetable', params: ZSession, response: { 200: ZMeetingDetail } } },
    async (req) => {
      const { actor, access, group, meeting, detail } = await load(req);
      authorize(access, 'meetings.manage');
      await db.transaction((tx) => deleteSession(tx, actor, group, meeting, req.params.sessionId));
      return detail();
    },
  );

  app.put(
    '/api/study-groups/:slug/meetings/:meetingId/sessions/schedule',
    { schema: { tags, summary: 'Move and retime several sessions at once (all or nothing), as a drag in the timetable does', params: ZMeeting, body: ZScheduleSessions, response: { 200: ZMeetingDetail } } },
    async (req) => {
      const { actor, access, group, meeting, detail } = await load(req);
      authorize(access, 'meetings.manage');
      await db.transaction((tx) => scheduleSessions(tx, actor, group, meeting, req.body.sessions));
      return detail();
    },
  );

  app.put(
    '/api/study-groups/:slug/meetings/:meetingId/sessions/order',
    { schema: { tags, summary: 'Put the sessions in a new order (every session, once)', params: ZMeeting, body: ZReorderSessions, response: { 200: ZMeetingDetail } } },
    async (req) => {
      const { actor, access, group, meeting, detail } = await load(req);
      authorize(access, 'meetings.manage');
      await db.transaction((tx) => reorderSessions(tx, actor, group, meeting, req.body.ids));
      return detail();
    },
  );

  app.post(
    '/api/study-groups/:slug/meetings/:meetingId/attendance/invitations',
    { schema: { tags, summary: "Invite the group's members (all, or those named) to the meeting", params: ZMeeting, body: ZInviteToMeeting, response: { 200: z.object({ invited: z.number().int() }) } } },
    async (req) => {
      const { actor, access, group, meeting } = await load(req);
      authorize(access, 'meetings.manage');
      const invited = await db.transaction((tx) => inviteToMeeting(tx, actor, group, meeting, req.body));
      root.jobs.kick();
      return { invited: invited.length };
    },
  );

  app.get(
    '/api/study-groups/:slug/meetings/:meetingId/attendance',
    { schema: { tags, summary: 'Who is invited and who comes, by delegation, observers marked', params: ZMeeting, response: { 200: ZAttendanceList } } },
    async (req) => {
      const { group, meeting } = await load(req);
      const [rows, members] = await Promise.all([
        db
          .select({ a: meetingAttendance, displayName: users.displayName, names: users.names })
          .from(meetingAttendance)
          .innerJoin(users, eq(users.id, meetingAttendance.userId))
          .where(eq(meetingAttendance.meetingId, meeting.id))
          .orderBy(asc(users.displayName)),
        currentMembers(db, group.id),
      ]);
      const entries = rows.map(({ a, displayName, names }) => {
        const member = members.get(a.userId);
        return {
          entry: {
            person: { id: a.userId, displayName, names: (names ?? {}) as Record<string, string> },
            roles: member?.roles ?? [],
            observer: member?.roles.includes('observer') ?? false,
            response: a.response,
            respondedAt: a.respondedAt?.toISOString() ?? null,
            attended: a.attended,
          },
          committee: member?.committee ?? null,
        };
      });
      const delegations = new Map<string, { committee: { id: string; code: string; name: string }; people: (typeof entries)[number]['entry'][] }>();
      const observers: (typeof entries)[number]['entry'][] = [];
      const others: (typeof entries)[number]['entry'][] = [];
      for (const { entry, committee } of entries) {
        if (entry.observer) observers.push(entry);
        else if (committee) {
          const d = delegations.get(committee.id) ?? { committee, people: [] };
          d.people.push(entry);
          delegations.set(committee.id, d);
        } else others.push(entry);
      }
      const all = entries.map((e) => e.entry);
      const count = (r: string | null) => all.filter((e) => e.response === r).length;
      return {
        summary: { invited: all.length, inPerson: count('in_person'), remote: count('remote'), notAttending: count('not_attending'), noAnswer: count(null) },
        delegations: [...delegations.values()].sort((a, b) => a.committee.code.localeCompare(b.committee.code)),
        observers,
        others,
      };
    },
  );

  app.put(
    '/api/study-groups/:slug/meetings/:meetingId/attendance/me',
    { schema: { tags, summary: 'Answer the invitation: in person, remotely or not attending', params: ZMeeting, body: ZRespond, response: { 200: ZMeetingDetail } } },
    async (req) => {
      const { actor, access, group, meeting, detail } = await load(req);
      authorize(access, 'meetings.attend');
      await db.transaction((tx) => respond(tx, actor, group, meeting, req.body.response));
      return detail();
    },
  );

  app.put(
    '/api/study-groups/:slug/meetings/:meetingId/attendance/:userId/attended',
    { schema: { tags, summary: 'Record whether a participant took part (for the record)', params: ZMeeting.extend({ userId: z.uuid() }), body: ZRecordAttended, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (req) => {
      const { actor, access, group, meeting } = await load(req);
      authorize(access, 'meetings.manage');
      await db.transaction((tx) => recordAttended(tx, actor, group, meeting, req.params.userId, req.body.attended));
      return { ok: true as const };
    },
  );
}
