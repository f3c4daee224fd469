import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { enqueueJob } from '../../jobs/queue';
import { recordAudit } from '../audit/record';
import { createAuthLink } from './links';
import { findUserByEmail, normalizeEmail } from './queries';

/**
 * Creates the account of an invited person and mails them a one-time link that signs them in.
 * An address that already has an account is refused; nothing is changed for it.
 */
export async function inviteUser(tx: Db, actor: Actor, input: { email: string; displayName: string; locale?: string | undefined }) {
  const email = normalizeEmail(input.email);
  if (await findUserByEmail(tx, email)) throw new AppError('account.exists', `There is already an account for ${email}.`);
  const [user] = await tx
    .insert(users)
    .values({ email, displayName: input.displayName, names: {}, locale: input.locale ?? null })
    .returning();
  if (!user) throw new Error('insert returned nothing');
  const { token, expiresAt } = await createAuthLink(tx, { userId: user.id, purpose: 'invitation', createdBy: actor.user.id });
  await enqueueJob(tx, 'mail.link', { kind: 'invitation', userId: user.id, inviterId: actor.user.id, secret: token, expiresAt: expiresAt.toISOString() });
  await recordAudit(tx, { actorId: actor.user.id, action: 'user.invited', targetType: 'user', targetId: user.id, data: { email } });
  return user;
}
