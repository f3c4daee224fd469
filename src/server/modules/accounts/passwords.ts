import { eq, sql } from 'drizzle-orm';
import { hashPassword, verifyPassword } from '../../crypto';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { AppError } from '../../http/errors';
import { enqueueJob } from '../../jobs/queue';
import { recordAudit } from '../audit/record';
import { consumeAuthLink, createAuthLink } from './links';
import { findUserByEmail, findUserById } from './queries';
import { createSession, deleteUserSessions } from './sessions';

/**
 * Queues a reset mail when the address has an account; answers the same either way, so the
 * form does not reveal who has an account.
 */
export async function requestPasswordReset(tx: Db, email: string): Promise<boolean> {
  const user = await findUserByEmail(tx, email);
  if (!user || user.disabledAt) return false;
  const { token, expiresAt } = await createAuthLink(tx, { userId: user.id, purpose: 'password_reset', createdBy: null });
  await enqueueJob(tx, 'mail.link', { kind: 'passwordReset', userId: user.id, secret: token, expiresAt: expiresAt.toISOString() });
  await recordAudit(tx, { actorId: null, action: 'auth.password_reset_requested', targetType: 'user', targetId: user.id });
  return true;
}

/** Sets the new password from a reset link, signs out every other session and starts a new one. */
export async function resetPassword(tx: Db, input: { token: string; password: string; userAgent: string | undefined }) {
  const { user } = await consumeAuthLink(tx, input.token, ['password_reset']);
  await tx.update(users).set({ passwordHash: await hashPassword(input.password), updatedAt: sql`now()` }).where(eq(users.id, user.id));
  await deleteUserSessions(tx, user.id);
  const session = await createSession(tx, user.id, input.userAgent);
  await recordAudit(tx, { actorId: user.id, action: 'auth.password_reset', targetType: 'user', targetId: user.id });
  return { userId: user.id, token: session.token };
}

/**
 * Changes (or first sets) the password. The current one is required once there is one;
 * other sessions end, this one stays.
 */
export async function changePassword(
  tx: Db,
  input: { userId: string; currentPassword: string | undefined; newPassword: string; keepSessionId: string | undefined },
) {
  const user = await findUserById(tx, input.userId);
  if (!user) throw new AppError('auth.required');
  if (user.passwordHash) {
    if (!input.currentPassword || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new AppError('auth.invalid_credentials', 'The current password is not correct.');
    }
  }
  await tx.update(users).set({ passwordHash: await hashPassword(input.newPassword), updatedAt: sql`now()` }).where(eq(users.id, user.id));
  const ended = await deleteUserSessions(tx, user.id, input.keepSessionId);
  await recordAudit(tx, { actorId: user.id, action: user.passwordHash ? 'auth.password_changed' : 'auth.password_set', targetType: 'user', targetId: user.id, data: { sessionsEnded: ended } });
}
