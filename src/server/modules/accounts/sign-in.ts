import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../crypto';
import type { Db } from '../../db/client';
import { AppError } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { findUserByEmail } from './queries';
import { createSession, deleteSession } from './sessions';

/**
 * Checks email and password and starts a new session (rotating away any previous one).
 * Unknown address and wrong password fail alike, in about the same time.
 */
export async function signIn(
  tx: Db,
  input: { email: string; password: string; userAgent: string | undefined; previousSessionId: string | undefined },
): Promise<{ userId: string; token: string }> {
  const user = await findUserByEmail(tx, input.email);
  if (!user || !user.passwordHash) {
    await verifyAgainstDummy(input.password);
    throw new AppError('auth.invalid_credentials');
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) throw new AppError('auth.invalid_credentials');
  if (user.disabledAt) throw new AppError('auth.account_disabled');
  if (input.previousSessionId) await deleteSession(tx, input.previousSessionId);
  const session = await createSession(tx, user.id, input.userAgent);
  await recordAudit(tx, { actorId: user.id, action: 'auth.signed_in', targetType: 'user', targetId: user.id, data: { method: 'password' } });
  return { userId: user.id, token: session.token };
}

export { hashPassword };
