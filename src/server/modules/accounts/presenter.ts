import { eq } from 'drizzle-orm';
import type { Me } from '../../../core/accounts';
import type { Locale } from '../../../core/charter';
import type { Db } from '../../db/client';
import { memberCommittees, users } from '../../db/schema';

/** What a person sees of their own account. */
export async function presentMe(db: Db, userId: string): Promise<Me> {
  const [row] = await db
    .select({ user: users, committeeCode: memberCommittees.code, committeeName: memberCommittees.name })
    .from(users)
    .leftJoin(memberCommittees, eq(memberCommittees.id, users.memberCommitteeId))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) throw new Error(`user ${userId} vanished`);
  const u = row.user;
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    names: u.names,
    affiliation: u.affiliation,
    locale: (u.locale as Locale | null) ?? null,
    timeZone: u.timeZone,
    isAdmin: u.isAdmin,
    hasPassword: u.passwordHash !== null,
    memberCommittee: row.committeeCode && row.committeeName ? { code: row.committeeCode, name: row.committeeName } : null,
  };
}
