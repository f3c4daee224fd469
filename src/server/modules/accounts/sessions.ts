import { and, eq, gt, ne, sql } from 'drizzle-orm';
import { LIMITS } from '../../../core/limits';
import { randomToken, sha256 } from '../../crypto';
import type { Db } from '../../db/client';
import { sessions } from '../../db/schema';
import { notFound } from '../../http/errors';
import { recordAudit } from '../audit/record';

const DAY = 24 * 3600 * 1000;

/** Starts a session; the cookie gets the token, the table only its hash. */
export async function createSession(tx: Db, userId: string, userAgent: string | undefined): Promise<{ token: string; id: string }> {
  const token = randomToken();
  const id = sha256(token);
  await tx.insert(sessions).values({
    id,
    userId,
    userAgent: userAgent?.slice(0, 300) ?? null,
    expiresAt: new Date(Date.now() + LIMITS.sessionIdleDays * DAY),
  });
  return { token, id };
}

/**
 * Slides the idle expiry forward, at most once a minute per session, never past the
 * absolute limit counted from sign-in.
 */
export async function touchSession(db: Db, sessionId: string, lastSeenAt: Date, createdAt: Date): Promise<void> {
  if (Date.now() - lastSeenAt.getTime() < 60_000) return;
  const absolute = createdAt.getTime() + LIMITS.sessionAbsoluteDays * DAY;
  const expiresAt = new Date(Math.min(absolute, Date.now() + LIMITS.sessionIdleDays * DAY));
  await db.update(sessions).set({ lastSeenAt: sql`now()`, expiresAt }).where(eq(sessions.id, sessionId));
}

export async function deleteSession(tx: Db, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a person, or every one but `except`. */
export async function deleteUserSessions(tx: Db, userId: string, except?: string): Promise<number> {
  const deleted = await tx
    .delete(sessions)
    .where(except ? and(eq(sessions.userId, userId), ne(sessions.id, except)) : eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  return deleted.length;
}

/**
 * The handle a person's session list shows for a session: derived from the stored id (itself
 * the SHA-256 of the cookie token), so neither the token nor the stored id ever leaves the server.
 */
export const sessionHandle = (sessionId: string) => sha256(`session-handle:${sessionId}`).slice(0, 32);

/**
 * Ends one of the person's own live sessions, named by its handle. Someone else's session, an
 * expired one or an unknown handle are all not found.
 */
export async function endOwnSession(tx: Db, userId: string, handle: string, currentSessionId: string | undefined): Promise<{ current: boolean }> {
  const live = await tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, sql`now()`)));
  const target = live.find((s) => sessionHandle(s.id) === handle);
  if (!target) throw notFound();
  const deleted = await tx
    .delete(sessions)
    .where(and(eq(sessions.id, target.id), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  if (deleted.length === 0) throw notFound();
  const current = target.id === currentSessionId;
  await recordAudit(tx, { actorId: userId, action: 'auth.session_ended', targetType: 'user', targetId: userId, data: { session: handle, current } });
  return { current };
}
