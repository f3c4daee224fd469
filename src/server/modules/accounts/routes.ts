import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZApiTokenView,
  ZChangePassword,
  ZConsumeLink,
  ZCreateApiToken,
  ZCreatedApiToken,
  ZInvite,
  ZLinkResult,
  ZMe,
  ZPasswordReset,
  ZPasswordResetRequest,
  ZSessionHandle,
  ZSessionListItem,
  ZSessionView,
  ZSignIn,
  ZUpdateMe,
} from '../../../core/accounts';
import { LIMITS } from '../../../core/limits';
import { ZAcceptedInvitation } from '../../../core/memberships';
import { sessions } from '../../db/schema';
import { clearSessionCookie, cookieNames, requireActor, requireAdmin, setSessionCookie } from '../../http/auth';
import { recordAudit } from '../audit/record';
import { acceptGroupInvitation } from '../memberships/invitations';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens';
import { inviteUser } from './invitations';
import { consumeAuthLink } from './links';
import { changePassword, requestPasswordReset, resetPassword } from './passwords';
import { presentMe } from './presenter';
import { updateProfile } from './profile';
import { createSession, deleteSession, deleteUserSessions, endOwnSession, sessionHandle } from './sessions';
import { signIn } from './sign-in';

const ZOk = z.object({ ok: z.literal(true) });
const tags = ['accounts'];

export async function accountRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const limits = root.config.rateLimits;
  const limit = (max: number, name: string) => ({ max, timeWindow: '1 minute', groupId: name });
  const csrfValue = (req: FastifyRequest) => req.cookies[cookieNames(root.config.secureCookies).csrf] ?? '';
  const ua = (req: FastifyRequest) => req.headers['user-agent'];
  const startSession = (reply: FastifyReply, token: string) => setSessionCookie(root, reply, token);

  app.get(
    '/api/session',
    { config: { public: true }, schema: { tags, summary: 'Who is signed in, and the CSRF token to send back', response: { 200: ZSessionView } } },
    async (req) => ({ user: req.actor ? await presentMe(root.db, req.actor.user.id) : null, csrfToken: csrfValue(req) }),
  );

  app.post(
    '/api/session',
    {
      config: { public: true, rateLimit: limit(limits.signIn, 'sign-in') },
      schema: { tags, summary: 'Sign in with email and password', body: ZSignIn, response: { 200: ZMe } },
    },
    async (req, reply) => {
      const { userId, token } = await root.db.transaction((tx) =>
        signIn(tx, { ...req.body, userAgent: ua(req), previousSessionId: req.actor?.sessionId }),
      );
      startSession(reply, token);
      return presentMe(root.db, userId);
    },
  );

  app.delete('/api/session', { config: { public: true }, schema: { tags, summary: 'Sign out of this browser', response: { 200: ZOk } } }, async (req, reply) => {
    const actor = req.actor;
    if (actor?.sessionId) {
      const sessionId = actor.sessionId;
      await root.db.transaction(async (tx) => {
        await deleteSession(tx, sessionId);
        await recordAudit(tx, { actorId: actor.user.id, action: 'auth.signed_out', targetType: 'user', targetId: actor.user.id });
      });
    }
    clearSessionCookie(root, reply);
    return { ok: true as const };
  });

  app.delete('/api/sessions', { schema: { tags, summary: 'Sign out everywhere: every session of the signed-in person', response: { 200: z.object({ ended: z.number() }) } } }, async (req, reply) => {
    const actor = requireActor(req);
    const ended = await root.db.transaction(async (tx) => {
      const n = await deleteUserSessions(tx, actor.user.id);
      await recordAudit(tx, { actorId: actor.user.id, action: 'auth.signed_out_everywhere', targetType: 'user', targetId: actor.user.id, data: { sessions: n } });
      return n;
    });
    clearSessionCookie(root, reply);
    return { ended };
  });

  app.get('/api/me/sessions', { schema: { tags, summary: "The signed-in person's sessions", response: { 200: z.array(ZSessionListItem) } } }, async (req) => {
    const actor = requireActor(req);
    const rows = await root.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, actor.user.id), gt(sessions.expiresAt, sql`now()`)))
      .orderBy(desc(sessions.lastSeenAt))
      .limit(100);
    return rows.map((s) => ({ id: sessionHandle(s.id), current: s.id === actor.sessionId, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString(), userAgent: s.userAgent }));
  });

  app.delete(
    '/api/me/sessions/:id',
    {
      schema: {
        tags,
        summary: 'Sign out one device: end one of the signed-in person’s sessions, named by its id from the session list',
        params: z.object({ id: ZSessionHandle }),
        response: { 200: z.object({ ok: z.literal(true), current: z.boolean().describe('This was the session making the request: its cookie is cleared') }) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const { current } = await root.db.transaction((tx) => endOwnSession(tx, actor.user.id, req.params.id, actor.sessionId));
      if (current) clearSessionCookie(root, reply);
      return { ok: true as const, current };
    },
  );

  app.post(
    '/api/auth/links/consume',
    {
      config: { public: true, rateLimit: limit(limits.links, 'links') },
      schema: {
        tags,
        summary: 'Use a one-time sign-in or invitation link',
        description: 'A link that invites into a study group also accepts that invitation, in the same transaction: the membership starts, or nothing changes.',
        body: ZConsumeLink,
        response: { 200: ZLinkResult.extend({ invitation: ZAcceptedInvitation.optional() }) },
      },
    },
    async (req, reply) => {
      const result = await root.db.transaction(async (tx) => {
        const { user, link } = await consumeAuthLink(tx, req.body.token, ['sign_in', 'invitation']);
        const invitation = await acceptGroupInvitation(tx, link);
        if (req.actor?.sessionId) await deleteSession(tx, req.actor.sessionId);
        const session = await createSession(tx, user.id, ua(req));
        await recordAudit(tx, { actorId: user.id, action: 'auth.signed_in', targetType: 'user', targetId: user.id, data: { method: link.purpose } });
        return { userId: user.id, token: session.token, purpose: link.purpose as 'sign_in' | 'invitation', invitation };
      });
      startSession(reply, result.token);
      return { user: await presentMe(root.db, result.userId), purpose: result.purpose, ...(result.invitation ? { invitation: result.invitation } : {}) };
    },
  );

  app.post(
    '/api/auth/password-reset-requests',
    {
      config: { public: true, rateLimit: limit(limits.passwordReset, 'password-reset') },
      schema: { tags, summary: 'Mail a password reset link if the address has an account', body: ZPasswordResetRequest, response: { 202: z.object({ expiresInMinutes: z.number() }) } },
    },
    async (req, reply) => {
      const queued = await root.db.transaction((tx) => requestPasswordReset(tx, req.body.email));
      if (queued) root.jobs.kick();
      return reply.code(202).send({ expiresInMinutes: LIMITS.passwordResetLinkMinutes });
    },
  );

  app.post(
    '/api/auth/password-resets',
    {
      config: { public: true, rateLimit: limit(limits.passwordReset, 'password-reset-complete') },
      schema: { tags, summary: 'Choose a new password with a reset link', body: ZPasswordReset, response: { 200: ZMe } },
    },
    async (req, reply) => {
      const { userId, token } = await root.db.transaction((tx) => resetPassword(tx, { ...req.body, userAgent: ua(req) }));
      startSession(reply, token);
      return presentMe(root.db, userId);
    },
  );

  app.get('/api/me', { schema: { tags, summary: 'The signed-in person', response: { 200: ZMe } } }, async (req) => presentMe(root.db, requireActor(req).user.id));

  app.patch(
    '/api/me',
    { schema: { tags, summary: 'Change name, its spellings in other scripts, affiliation, language or time zone', body: ZUpdateMe, response: { 200: ZMe } } },
    async (req) => {
      const actor = requireActor(req);
      await root.db.transaction((tx) => updateProfile(tx, actor.user.id, req.body));
      return presentMe(root.db, actor.user.id);
    },
  );

  app.put('/api/me/password', { schema: { tags, summary: 'Set or change the password; other sessions end', body: ZChangePassword, response: { 200: ZOk } } }, async (req) => {
    const actor = requireActor(req);
    await root.db.transaction((tx) =>
      changePassword(tx, { userId: actor.user.id, currentPassword: req.body.currentPassword, newPassword: req.body.newPassword, keepSessionId: actor.sessionId }),
    );
    return { ok: true as const };
  });

  app.get('/api/me/tokens', { schema: { tags, summary: 'Personal API tokens (without their secrets)', response: { 200: z.array(ZApiTokenView) } } }, async (req) =>
    listApiTokens(root.db, requireActor(req).user.id),
  );

  app.post('/api/me/tokens', { schema: { tags, summary: 'Create a personal API token; its secret is shown once', body: ZCreateApiToken, response: { 201: ZCreatedApiToken } } }, async (req, reply) => {
    const actor = requireActor(req);
    const created = await root.db.transaction((tx) => createApiToken(tx, actor.user.id, req.body));
    return reply.code(201).send(created);
  });

  app.delete(
    '/api/me/tokens/:tokenId',
    { schema: { tags, summary: 'Revoke a personal API token', params: z.object({ tokenId: z.uuid() }), response: { 200: ZOk } } },
    async (req) => {
      const actor = requireActor(req);
      await root.db.transaction((tx) => revokeApiToken(tx, actor.user.id, req.params.tokenId));
      return { ok: true as const };
    },
  );

  app.post('/api/invitations', { schema: { tags, summary: 'Invite a person by email (administrators)', body: ZInvite, response: { 201: z.object({ id: z.uuid(), email: z.string() }) } } }, async (req, reply) => {
    const actor = requireAdmin(req);
    const user = await root.db.transaction((tx) => inviteUser(tx, actor, req.body));
    root.jobs.kick();
    return reply.code(201).send({ id: user.id, email: user.email });
  });
}
