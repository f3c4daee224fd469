import { and, eq } from 'drizzle-orm';
import type { CreateScMeetingInput } from '../../../core/council';
import type { Db } from '../../db/client';
import { scMeetings } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { isUniqueViolation } from './db-errors';
import type { CouncilRow } from './policy';

const exists = (council: CouncilRow, n: number) => new AppError('sc_meeting.exists', `${council.acronym} already has a Steering Committee meeting numbered ${n}.`);

/** Records a numbered Steering Committee meeting: its date and place, and an optional note. */
export async function createScMeeting(tx: Db, actor: Actor, council: CouncilRow, input: CreateScMeetingInput) {
  const [taken] = await tx
    .select({ id: scMeetings.id })
    .from(scMeetings)
    .where(and(eq(scMeetings.councilId, council.id), eq(scMeetings.number, input.number)))
    .limit(1);
  if (taken) throw exists(council, input.number);
  let meeting: typeof scMeetings.$inferSelect | undefined;
  try {
    [meeting] = await tx
      .insert(scMeetings)
      .values({ councilId: council.id, number: input.number, heldOn: input.heldOn, place: input.place, note: input.note ?? null })
      .returning();
  } catch (err) {
    if (isUniqueViolation(err, 'sc_meetings_number_key')) throw exists(council, input.number);
    throw err;
  }
  if (!meeting) throw new Error('insert returned nothing');
  await recordAudit(tx, {
    actorId: actor.user.id,
    action: 'sc_meeting.created',
    targetType: 'sc_meeting',
    targetId: meeting.id,
    data: { councilId: council.id, number: meeting.number, heldOn: meeting.heldOn, place: meeting.place, note: meeting.note },
  });
  return meeting;
}
