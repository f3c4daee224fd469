import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { allowedTransitions, nextStatus, type Transition } from '../../../core/lifecycle';
import type { GroupAction } from '../../../core/policies';
import type { Db } from '../../db/client';
import { groupDecisions, meetings, proposalVersions, studyGroups } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { transitionMeeting } from '../meetings/commands';
import { latestVersion, scMeetingOrThrow } from './queries';

type GroupRow = typeof studyGroups.$inferSelect;

/** The permission each lifecycle step needs, from the role-and-action table. */
export const TRANSITION_ACTION: Record<Transition, GroupAction> = {
  submit: 'proposal.submit',
  withdraw: 'proposal.withdraw',
  approve: 'proposal.decide',
  return: 'proposal.decide',
  reject: 'proposal.decide',
  activate: 'group.activate',
  extend: 'group.extend',
  begin_conclusion: 'group.conclude',
  conclude: 'group.conclude',
};

const SC_DECIDED: readonly Transition[] = ['approve', 'return', 'reject', 'extend'];

/** The reason a meeting cancelled with its group's conclusion gives. */
const CONCLUSION_REASON = 'The study group concluded its work.';

/** 409 naming the steps that are possible from the group's status, when this one is not. */
export function assertTransitionAllowed(status: GroupRow['status'], transition: Transition) {
  if (nextStatus(status, transition) === null) {
    const allowed = allowedTransitions(status);
    throw new AppError(
      'lifecycle.transition_not_allowed',
      `A group that is ${status} cannot ${transition.replace('_', ' ')}. ${allowed.length ? `Possible: ${allowed.join(', ')}.` : 'No further step is possible.'}`,
      { data: { allowed } },
    );
  }
}

/**
 * Takes one lifecycle step and records it as a decision (against its SC meeting when the
 * Steering Committee decided). The status is re-checked under a row lock, so two people
 * acting at once cannot both move the group.
 */
export async function transitionGroup(
  tx: Db,
  input: { actor: Actor; group: GroupRow; transition: Transition; scMeetingNumber?: number | undefined; reasons?: string | undefined; termEnd?: string | undefined; cancelMeetings?: boolean | undefined },
) {
  const [group] = await tx.select().from(studyGroups).where(eq(studyGroups.id, input.group.id)).for('update');
  if (!group) throw new AppError('resource.not_found');
  assertTransitionAllowed(group.status, input.transition);
  const to = nextStatus(group.status, input.transition) as GroupRow['status'];

  const fieldErrors: { path: string; code: string; message: string }[] = [];
  if (SC_DECIDED.includes(input.transition) && input.scMeetingNumber === undefined) {
    fieldErrors.push({ path: 'body.scMeetingNumber', code: 'required', message: 'Name the Steering Committee meeting that decided.' });
  }
  if ((input.transition === 'return' || input.transition === 'reject') && !input.reasons) {
    fieldErrors.push({ path: 'body.reasons', code: 'required', message: 'Give the reasons, for the proposers.' });
  }
  if (input.transition === 'extend') {
    if (!input.termEnd) fieldErrors.push({ path: 'body.termEnd', code: 'required', message: 'Give the new end of the term.' });
    else if (input.termEnd <= group.termEnd) fieldErrors.push({ path: 'body.termEnd', code: 'too_small', message: `The term already runs to ${group.termEnd}.` });
  }
  const pending = input.transition === 'conclude' ? await tx.select().from(meetings).where(and(eq(meetings.groupId, group.id), inArray(meetings.status, ['planned', 'postponed']))) : [];
  if (pending.length && input.cancelMeetings === undefined) {
    fieldErrors.push({ path: 'body.cancelMeetings', code: 'required', message: `${pending.length} meeting(s) are still planned: say whether they are cancelled or kept.` });
  }
  if (fieldErrors.length) throw new AppError('validation.failed', 'The decision is incomplete.', { errors: fieldErrors });

  const scMeeting = input.scMeetingNumber !== undefined && SC_DECIDED.includes(input.transition) ? await scMeetingOrThrow(tx, group.councilId, input.scMeetingNumber) : null;
  const latest = await latestVersion(tx, group.id);

  const changes: Partial<GroupRow> = { status: to };
  if (input.transition === 'approve' && scMeeting) changes.approvedAtScMeetingId = scMeeting.id;
  if (input.transition === 'extend' && input.termEnd) changes.termEnd = input.termEnd;
  await tx.update(studyGroups).set({ ...changes, updatedAt: sql`now()` }).where(eq(studyGroups.id, group.id));

  if (input.transition === 'submit' && latest) {
    await tx.update(proposalVersions).set({ submittedAt: sql`now()` }).where(and(eq(proposalVersions.id, latest.id), isNull(proposalVersions.submittedAt)));
  }
  if (input.transition === 'approve' && latest) {
    // The approved proposal's planned meetings become the group's meeting plan.
    const existing = await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.groupId, group.id)).limit(1);
    if (existing.length === 0 && latest.content.plannedMeetings.length > 0) {
      await tx.insert(meetings).values(
        latest.content.plannedMeetings.map((m, i) => ({ groupId: group.id, sequence: i + 1, hostCommitteeId: m.hostCommitteeId, city: m.city, plannedMonth: m.plannedMonth })),
      );
    }
  }

  if (input.cancelMeetings) {
    // One mechanism for a cancelled meeting: audited, and its participants told.
    for (const meeting of pending) await transitionMeeting(tx, input.actor, group, meeting, 'cancel', CONCLUSION_REASON);
  }

  await tx.insert(groupDecisions).values({
    groupId: group.id,
    transition: input.transition,
    fromStatus: group.status,
    toStatus: to,
    scMeetingId: scMeeting?.id ?? null,
    reasons: input.reasons ?? null,
    termEnd: input.transition === 'extend' ? (input.termEnd ?? null) : null,
    versionNumber: latest?.number ?? null,
    decidedBy: input.actor.user.id,
  });
  await recordAudit(tx, {
    actorId: input.actor.user.id,
    action: `group.${input.transition}`,
    targetType: 'study_group',
    targetId: group.id,
    groupId: group.id,
    data: { from: group.status, to, ...(scMeeting ? { scMeeting: scMeeting.number } : {}), ...(input.termEnd ? { termEnd: input.termEnd } : {}), ...(input.cancelMeetings && pending.length ? { meetingsCancelled: pending.length } : {}) },
  });
  return { from: group.status, to };
}

/** Activates approved groups whose term has begun: run at start and every hour. */
export async function activateDueGroups(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(studyGroups)
      .where(and(eq(studyGroups.status, 'approved'), sql`${studyGroups.termStart} <= current_date`))
      .for('update', { skipLocked: true });
    for (const group of due) {
      await tx.update(studyGroups).set({ status: 'active', updatedAt: sql`now()` }).where(eq(studyGroups.id, group.id));
      await tx.insert(groupDecisions).values({ groupId: group.id, transition: 'activate', fromStatus: 'approved', toStatus: 'active', reasons: 'The term began.' });
      await recordAudit(tx, { actorId: null, action: 'group.activate', targetType: 'study_group', targetId: group.id, groupId: group.id, data: { automatic: true } });
    }
    return due.length;
  });
}
