import type { FastifyInstance } from 'fastify';
import { sha256 } from '../crypto';
import type { Actor } from '../http/actor';
import { API_TOKEN_PREFIX, cookieNames } from '../http/auth';
import { findSessionActor, findTokenActor } from '../modules/accounts/queries';

/**
 * How a live connection proved who it is: the session cookie sent with the upgrade (the web
 * app, same origin), or a personal API token sent as the provider's `token` (scripts, bench
 * clients, anything that cannot send our cookie). Only hashes are kept, as in the tables.
 */
export type Credential = { kind: 'session'; sessionId: string } | { kind: 'token'; tokenHash: string };

/**
 * The credential of a connection: a non-empty provider token must be an API token (a wrong one
 * is refused, never silently replaced by the cookie); otherwise the session cookie, if any.
 */
export function credentialOf(app: FastifyInstance, headers: Headers, token: string): Credential | null {
  if (token) {
    if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
    return { kind: 'token', tokenHash: sha256(token) };
  }
  const cookie = headers.get('cookie');
  if (!cookie) return null;
  const session = app.parseCookie(cookie)[cookieNames(app.config.secureCookies).session];
  return session ? { kind: 'session', sessionId: sha256(session) } : null;
}

/**
 * The person behind a credential now, through the same lookups and caches as HTTP requests
 * (`fresh` reads past the caches, for re-checks after a change). Null when the session or token
 * ended, expired or belongs to a disabled account. `expiresAt`: when the credential lapses by
 * itself (null: a token without an end), for the connection to be closed then.
 */
export async function actorOf(app: FastifyInstance, credential: Credential, opts: { fresh?: boolean } = {}): Promise<(Actor & { expiresAt: Date | null }) | null> {
  const { caches, db } = app;
  if (credential.kind === 'session') {
    const load = () => findSessionActor(db, credential.sessionId);
    const found = opts.fresh ? await load() : await caches.read(caches.sessions, credential.sessionId, load);
    if (!found || found.expiresAt.getTime() <= Date.now()) return null;
    return { user: found.user, via: 'session', sessionId: credential.sessionId, expiresAt: found.expiresAt };
  }
  const load = () => findTokenActor(db, credential.tokenHash);
  const found = opts.fresh ? await load() : await caches.read(caches.tokens, credential.tokenHash, load);
  if (!found || (found.expiresAt && found.expiresAt.getTime() <= Date.now())) return null;
  return { user: found.user, via: 'token', tokenId: found.tokenId, expiresAt: found.expiresAt ?? null };
}
