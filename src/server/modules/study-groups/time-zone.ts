import { eq, sql } from 'drizzle-orm';
import { isTimeZone } from '../../../core/time';
import type { Db } from '../../db/client';
import { studyGroups } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { recordAudit } from '../audit/record';

/**
 * Sets the zone the group's deadlines are set and read in (silence procedures, rounds). Those
 * who plan its meetings choose it; an unknown zone is refused with the field named.
 */
export async function setGroupTimeZone(tx: Db, input: { actor: Actor; groupId: string; timeZone: string }): Promise<void> {
  if (!isTimeZone(input.timeZone)) {
    const message = 'Unknown time zone: use an IANA name such as Asia/Seoul.';
    throw new AppError('validation.failed', message, { errors: [{ path: 'body.timeZone', code: 'unknown_zone', message }] });
  }
  const [before] = await tx.select({ timeZone: studyGroups.timeZone }).from(studyGroups).where(eq(studyGroups.id, input.groupId)).for('update');
  if (before?.timeZone === input.timeZone) return;
  await tx.update(studyGroups).set({ timeZone: input.timeZone, updatedAt: sql`now()` }).where(eq(studyGroups.id, input.groupId));
  await recordAudit(tx, { actorId: input.actor.user.id, action: 'group.time_zone_set', targetType: 'study_group', targetId: input.groupId, groupId: input.groupId, data: { from: before?.timeZone ?? null, to: input.timeZone } });
}
