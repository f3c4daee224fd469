import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomToken, safeEqual, sha256 } from '../crypto';
import { findSessionActor, findTokenActor } from '../modules/accounts/queries';
import { touchSession } from '../modules/accounts/sessions';
import { apiTokens } from '../db/schema';
import { eq, sql } from 'drizzle-orm';
import type { Actor } from './actor';
import { AppError } from './errors';

export const CSRF_HEADER = 'x-csrf-token';
export const API_TOKEN_PREFIX = 'acc_';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function cookieNames(secure: boolean) {
  // The __Host- prefix pins the cookie to this origin, but browsers accept it only over https.
  return secure ? { session: '__Host-accord_session', csrf: '__Host-accord_csrf' } : { session: 'accord_session', csrf: 'accord_csrf' };
}

export function setSessionCookie(app: FastifyInstance, reply: FastifyReply, token: string) {
  const { session } = cookieNames(app.config.secureCookies);
  reply.setCookie(session, token, { httpOnly: true, sameSite: 'lax', secure: app.config.secureCookies, path: '/', maxAge: 90 * 24 * 3600 });
}

export function clearSessionCookie(app: FastifyInstance, reply: FastifyReply) {
  const { session } = cookieNames(app.config.secureCookies);
  reply.clearCookie(session, { path: '/', httpOnly: true, sameSite: 'lax', secure: app.config.secureCookies });
}

/** The signed-in person, or a 401 that the UI turns into the sign-in page. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('auth.required');
  return req.actor;
}

export function requireAdmin(req: FastifyRequest): Actor {
  const actor = requireActor(req);
  if (!actor.user.isAdmin) throw new AppError('auth.forbidden');
  return actor;
}

/**
 * Finds who is calling (API token first, then session cookie) and guards state-changing
 * cookie requests with a double-submit CSRF token and an Origin check.
 */
export function registerAuth(app: FastifyInstance) {
  const names = cookieNames(app.config.secureCookies);
  const publicOrigin = new URL(app.config.publicUrl).origin;
  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (req, reply) => {
    // Every browser gets a CSRF cookie that scripts on our own origin can read and echo.
    if (!req.cookies[names.csrf]) {
      const value = randomToken(24);
      req.cookies[names.csrf] = value;
      reply.setCookie(names.csrf, value, { httpOnly: false, sameSite: 'strict', secure: app.config.secureCookies, path: '/' });
    }
    if (!req.url.startsWith('/api/')) return;

    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization);
      const token = m?.[1];
      if (!token || !token.startsWith(API_TOKEN_PREFIX) || token.length > 200) throw new AppError('auth.token_invalid');
      const tokenHash = sha256(token);
      const found = await app.caches.read(app.caches.tokens, tokenHash, () => findTokenActor(app.db, tokenHash));
      if (!found || (found.expiresAt && found.expiresAt.getTime() <= Date.now())) throw new AppError('auth.token_invalid');
      req.actor = { user: found.user, via: 'token', tokenId: found.tokenId };
      if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > 60_000) {
        await app.db.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, found.tokenId));
      }
      return;
    }

    const sessionToken = req.cookies[names.session];
    if (sessionToken) {
      const sessionId = sha256(sessionToken);
      const found = await app.caches.read(app.caches.sessions, sessionId, () => findSessionActor(app.db, sessionId));
      if (found && found.expiresAt.getTime() > Date.now()) {
        req.actor = { user: found.user, via: 'session', sessionId };
        await touchSession(app.db, sessionId, found.lastSeenAt, found.createdAt);
      } else {
        clearSessionCookie(app, reply);
      }
    }

    if (!SAFE_METHODS.has(req.method)) {
      // A browser names the page's origin on writes; it must be ours (scheme, host and port).
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== publicOrigin && origin !== `${req.protocol}://${req.headers.host}`) {
        throw new AppError('csrf.invalid', 'The request came from another site.');
      }
      const header = req.headers[CSRF_HEADER];
      const cookie = req.cookies[names.csrf];
      if (typeof header !== 'string' || !cookie || header.length < 16 || !safeEqual(header, cookie)) {
        throw new AppError('csrf.invalid', `Send the ${names.csrf} cookie's value in the ${CSRF_HEADER} header.`);
      }
    }
  });

  // Non-public API routes need someone signed in; checked before validation so that a
  // signed-out caller learns nothing about the route's input.
  app.addHook('preValidation', async (req) => {
    if (req.url.startsWith('/api/') && !req.is404 && !req.routeOptions.config?.public && !req.actor) throw new AppError('auth.required');
  });
}
