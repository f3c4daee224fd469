import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { ApiTokenView } from '../../../core/accounts';
import { randomToken, sha256 } from '../../crypto';
import type { Db } from '../../db/client';
import { apiTokens } from '../../db/schema';
import { API_TOKEN_PREFIX } from '../../http/auth';
import { notFound } from '../../http/errors';
import { recordAudit } from '../audit/record';

type TokenRow = typeof apiTokens.$inferSelect;

export const presentApiToken = (t: TokenRow): ApiTokenView => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  expiresAt: t.expiresAt?.toISOString() ?? null,
});

/** Creates a personal token; the secret is returned this once and stored only as a hash. */
export async function createApiToken(tx: Db, userId: string, input: { name: string; expiresInDays: number | null }) {
  const secret = `${API_TOKEN_PREFIX}${randomToken(32)}`;
  const [row] = await tx
    .insert(apiTokens)
    .values({
      userId,
      name: input.name,
      prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
      tokenHash: sha256(secret),
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  await recordAudit(tx, { actorId: userId, action: 'api_token.created', targetType: 'api_token', targetId: row.id, data: { name: row.name } });
  return { ...presentApiToken(row), token: secret };
}

export async function listApiTokens(db: Db, userId: string) {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(presentApiToken);
}

/** Revokes one of the person's own tokens; someone else's token is answered as not found. */
export async function revokeApiToken(tx: Db, userId: string, tokenId: string) {
  const [row] = await tx
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning();
  if (!row) throw notFound();
  await recordAudit(tx, { actorId: userId, action: 'api_token.revoked', targetType: 'api_token', targetId: row.id, data: { name: row.name } });
}
