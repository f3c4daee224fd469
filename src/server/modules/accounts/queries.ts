import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { apiTokens, sessions, users } from '../../db/schema';
import type { Actor } from '../../http/actor';

const actorColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  isAdmin: users.isAdmin,
  locale: users.locale,
  timeZone: users.timeZone,
  memberCommitteeId: users.memberCommitteeId,
};

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, normalizeEmail(email))).limit(1);
  return user;
}

export async function findUserById(db: Db, id: string) {
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}

/** The live session with this id and its enabled user, or undefined. */
export async function findSessionActor(db: Db, sessionId: string) {
  const [row] = await db
    .select({ user: actorColumns, lastSeenAt: sessions.lastSeenAt, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, sql`now()`), isNull(users.disabledAt)))
    .limit(1);
  return row;
}

/** The user of an unrevoked, unexpired API token, or undefined. */
export async function findTokenActor(
  db: Db,
  tokenHash: string,
): Promise<(Pick<Actor, 'user'> & { tokenId: string; lastUsedAt: Date | null; expiresAt: Date | null }) | undefined> {
  const [row] = await db
    .select({ user: actorColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, expiresAt: apiTokens.expiresAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`)),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  return row;
}
