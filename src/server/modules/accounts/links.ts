import { eq, sql } from 'drizzle-orm';
import { LIMITS } from '../../../core/limits';
import { randomToken, sha256 } from '../../crypto';
import type { Db } from '../../db/client';
import { authLinks, users, type AuthLinkPurpose } from '../../db/schema';
import { AppError } from '../../http/errors';
import { recordAudit } from '../audit/record';

const TTL_MS: Record<AuthLinkPurpose, number> = {
  sign_in: LIMITS.signInLinkHours * 3600_000,
  invitation: LIMITS.invitationLinkHours * 3600_000,
  password_reset: LIMITS.passwordResetLinkMinutes * 60_000,
};

/** The address a one-time link opens: the token rides in the fragment, so no server log sees it. */
export const linkUrl = (publicUrl: string, token: string, purpose: AuthLinkPurpose) =>
  `${publicUrl}/${purpose === 'password_reset' ? 'reset-password' : 'link'}#${token}`;

/**
 * Issues a one-time link; earlier unused links of the same purpose for the person stop working.
 * A link that accepts a group invitation replaces only links of that invitation: a person
 * invited into two groups keeps both links.
 */
export async function createAuthLink(
  tx: Db,
  input: { userId: string; purpose: AuthLinkPurpose; createdBy: string | null; groupInvitationId?: string; expiresAt?: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const sameKind = input.groupInvitationId ? sql`${authLinks.groupInvitationId} = ${input.groupInvitationId}` : sql`${authLinks.groupInvitationId} IS NULL`;
  await tx
    .update(authLinks)
    .set({ usedAt: sql`now()` })
    .where(sql`${authLinks.userId} = ${input.userId} AND ${authLinks.purpose} = ${input.purpose} AND ${authLinks.usedAt} IS NULL AND ${sameKind}`);
  const token = randomToken();
  const expiresAt = input.expiresAt ?? new Date(Date.now() + TTL_MS[input.purpose]);
  await tx
    .insert(authLinks)
    .values({ tokenHash: sha256(token), purpose: input.purpose, userId: input.userId, createdBy: input.createdBy, expiresAt, groupInvitationId: input.groupInvitationId ?? null });
  return { token, expiresAt };
}

/**
 * Uses a link once. The row is locked so two clicks at the same moment cannot both succeed;
 * a forged, expired or used link changes nothing.
 */
export async function consumeAuthLink(tx: Db, token: string, allowed: readonly AuthLinkPurpose[]) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppError('link.invalid');
  const [link] = await tx
    .select()
    .from(authLinks)
    .where(eq(authLinks.tokenHash, sha256(token)))
    .for('update')
    .limit(1);
  if (!link || !allowed.includes(link.purpose)) throw new AppError('link.invalid');
  if (link.usedAt) throw new AppError('link.used');
  if (link.expiresAt.getTime() <= Date.now()) throw new AppError('link.expired');
  const [user] = await tx.select().from(users).where(eq(users.id, link.userId)).limit(1);
  if (!user) throw new AppError('link.invalid');
  if (user.disabledAt) throw new AppError('auth.account_disabled');
  await tx.update(authLinks).set({ usedAt: sql`now()` }).where(eq(authLinks.id, link.id));
  await recordAudit(tx, { actorId: user.id, action: 'auth.link_used', targetType: 'user', targetId: user.id, data: { purpose: link.purpose } });
  return { link, user };
}
