import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { councilRoles } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { notFound } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { lockCouncil } from './assign-council-role';
import type { CouncilRow } from './policy';

/**
 * Ends a council role: `ended_at` is set, the row stays as history. The change feed evicts
 * the holder's cached roles, so their access through this role ends with the response.
 * Ending a role that has already ended changes nothing (a retried request is harmless).
 */
export async function endCouncilRole(tx: Db, actor: Actor, council: CouncilRow, roleId: string): Promise<void> {
  await lockCouncil(tx, council.id);
  const [role] = await tx
    .select()
    .from(councilRoles)
    .where(and(eq(councilRoles.id, roleId), eq(councilRoles.councilId, council.id)))
    .limit(1);
  if (!role) throw notFound('No such role in this council.');
  if (role.endedAt) return;
  const [ended] = await tx.update(councilRoles).set({ endedAt: sql`now()` }).where(eq(councilRoles.id, role.id)).returning({ endedAt: councilRoles.endedAt });
  await recordAudit(tx, {
    actorId: actor.user.id,
    action: 'council_role.ended',
    targetType: 'council_role',
    targetId: role.id,
    data: { councilId: council.id, userId: role.userId, role: role.role, committeeId: role.committeeId, startedAt: role.startedAt.toISOString(), endedAt: ended?.endedAt?.toISOString() ?? null },
  });
}
