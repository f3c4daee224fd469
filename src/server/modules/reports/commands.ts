import { eq, sql } from 'drizzle-orm';
import { checkAttribution, unanswered, type WarningAnswer } from '../../../core/attribution';
import { REPORT_FLOW, REPORT_MEETING_STATUSES, REPORT_TRANSITIONS, MEETING_STATUS_FOR_REPORT, isEmptyReport, type ReportTransition } from '../../../core/reports';
import type { ReportStatus } from '../../../core/meetings';
import type { RichText } from '../../../core/rich-text';
import type { Db } from '../../db/client';
import { meetingReports, meetings, type studyGroups } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { recordAudit } from '../audit/record';
import { meetingOfGroup, meetingPeople, reportOf, type MeetingRow, type ReportRow } from './queries';

type GroupRow = typeof studyGroups.$inferSelect;

/** A closed meeting keeps no report: nothing said there is written down for the group. */
export function refuseClosed(meeting: MeetingRow) {
  if (meeting.attribution === 'closed') {
    throw new AppError('report.closed_meeting', 'This meeting was closed: no report of it is kept. Change its attribution rule first if the co-chairs decide otherwise.');
  }
}

function refuseMeetingStatus(meeting: MeetingRow, step: keyof typeof REPORT_MEETING_STATUSES) {
  const allowed = REPORT_MEETING_STATUSES[step];
  if (!allowed.includes(meeting.status)) {
    const why = ['planned', 'postponed', 'cancelled'].includes(meeting.status) ? 'A report is written once the meeting has been convened.' : 'The meeting’s status does not match its report’s.';
    throw new AppError('report.meeting_status', `Not possible while the meeting is ${meeting.status.replace('_', ' ')}. ${why}`, { data: { meetingStatus: meeting.status, allowedMeetingStatuses: allowed } });
  }
}

/** Moves the meeting to the status that goes with its report's, and says whether it changed. */
async function followReport(tx: Db, meeting: MeetingRow, status: ReportStatus) {
  const to = MEETING_STATUS_FOR_REPORT[status];
  if (meeting.status === to) return null;
  await tx
    .update(meetings)
    .set({ status: to, version: meeting.version + 1, updatedAt: sql`now()` })
    .where(eq(meetings.id, meeting.id));
  return { from: meeting.status, to };
}

/**
 * Saves the report's text as a new version: only while it is being drafted, only once the
 * meeting has been convened, and only from the latest version (a stale editor gets 409 with
 * the latest version, never a silent overwrite). The first save starts from version 0 and
 * moves a convened meeting to report drafting.
 */
export async function saveReport(tx: Db, input: { actor: Actor; group: GroupRow; meetingId: string; content: RichText; baseVersion: number }): Promise<void> {
  const meeting = await meetingOfGroup(tx, input.group.id, input.meetingId, true);
  refuseClosed(meeting);
  const report = await reportOf(tx, meeting.id, true);
  if (report?.status === 'final') throw new AppError('report.final', 'The report is final: it no longer changes.');
  if (report?.status === 'circulated') throw new AppError('report.circulated', 'The report has been circulated to the group. A co-chair reopens it before it changes.');
  refuseMeetingStatus(meeting, 'save');
  const latest = report?.version ?? 0;
  if (latest !== input.baseVersion) {
    throw new AppError('resource.version_conflict', `The latest version is ${latest}; you edited version ${input.baseVersion}.`, { data: { latestVersion: latest } });
  }
  const version = latest + 1;
  if (report) {
    await tx
      .update(meetingReports)
      .set({ content: input.content, version, updatedBy: input.actor.user.id, updatedAt: sql`now()` })
      .where(eq(meetingReports.meetingId, meeting.id));
  } else {
    await tx.insert(meetingReports).values({ meetingId: meeting.id, content: input.content, status: 'drafting', version, updatedBy: input.actor.user.id });
  }
  const meetingStatus = await followReport(tx, meeting, 'drafting');
  await recordAudit(tx, {
    actorId: input.actor.user.id,
    action: 'report.saved',
    targetType: 'meeting',
    targetId: meeting.id,
    groupId: input.group.id,
    data: { meeting: meeting.sequence, version, ...(meetingStatus ? { meetingStatus } : {}) },
  });
}

const AUDIT_ACTION: Record<ReportTransition, string> = { circulate: 'report.circulated', reopen: 'report.reopened', finalize: 'report.finalized' };

/** The steps possible from a report's status (none before anything is saved, none once final). */
export const transitionsFrom = (status: ReportStatus | null): ReportTransition[] => REPORT_TRANSITIONS.filter((t) => REPORT_FLOW[t].from === status);

/**
 * Circulates the report to the group, reopens it for changes, or makes it final, and moves the
 * meeting's status with it; under a row lock on the meeting, so two co-chairs cannot both step.
 * Circulating and finalizing run the attribution check against the meeting's people at that
 * moment (people invited later, or a rule changed since circulation, are caught at the end):
 * a finding refuses the step (422 `report.attribution`), and so does a warning (a name part
 * alone) that the request does not answer (422 `report.attribution_unanswered`, listing them).
 * The answers that applied are recorded with the step in the audit trail, by place and whose
 * name, without the words themselves.
 */
export async function transitionReport(tx: Db, input: { actor: Actor; group: GroupRow; meetingId: string; transition: ReportTransition; acknowledge?: readonly WarningAnswer[] | undefined }): Promise<void> {
  const meeting = await meetingOfGroup(tx, input.group.id, input.meetingId, true);
  refuseClosed(meeting);
  const report: ReportRow | null = await reportOf(tx, meeting.id, true);
  if (report?.status === 'final') throw new AppError('report.final', 'The report is final: it no longer changes.');
  const flow = REPORT_FLOW[input.transition];
  if (!report || report.status !== flow.from) {
    const allowed = transitionsFrom(report?.status ?? null);
    throw new AppError(
      'report.transition_not_allowed',
      report ? `A report that is ${report.status} cannot ${input.transition}.` : 'Nothing has been written yet: save the report first.',
      { data: { allowed } },
    );
  }
  refuseMeetingStatus(meeting, input.transition);
  if (input.transition === 'circulate' && isEmptyReport(report.content)) throw new AppError('report.empty', 'The report has no text yet.');
  let acknowledged: { key: string; answer: WarningAnswer['answer']; block: number; start: number; end: number; people: (string | null)[] }[] = [];
  if (input.transition !== 'reopen') {
    const check = checkAttribution(report.content, await meetingPeople(tx, meeting), meeting.attribution);
    if (!check.ok) {
      throw new AppError(
        'report.attribution',
        `Under the Chatham House Rule the report may not name participants or their affiliations: ${check.findings.length} place${check.findings.length === 1 ? '' : 's'} to change${input.transition === 'finalize' ? ' (reopen it to change them)' : ''}.`,
        { data: { rule: check.rule, findings: check.findings, warnings: check.warnings } },
      );
    }
    const answers = input.acknowledge ?? [];
    const open = unanswered(check, answers);
    if (open.length) {
      throw new AppError(
        'report.attribution_unanswered',
        `${open.length} part${open.length === 1 ? '' : 's'} of participants’ names stand${open.length === 1 ? 's' : ''} alone in the report: answer each (not about this person, or reviewed) before it ${input.transition === 'finalize' ? 'is made final' : 'circulates'}.`,
        { data: { rule: check.rule, warnings: open } },
      );
    }
    const byKey = new Map(answers.map((a) => [a.key, a.answer]));
    acknowledged = check.warnings.map((w) => ({ key: w.key, answer: byKey.get(w.key) as WarningAnswer['answer'], block: w.block, start: w.start, end: w.end, people: w.people.map((p) => p.id) }));
  }
  const to = flow.to;
  await tx
    .update(meetingReports)
    .set({
      status: to,
      ...(input.transition === 'circulate' ? { circulatedAt: sql`now()` } : {}),
      ...(input.transition === 'reopen' ? { circulatedAt: null } : {}),
      ...(input.transition === 'finalize' ? { finalizedAt: sql`now()` } : {}),
    })
    .where(eq(meetingReports.meetingId, meeting.id));
  const meetingStatus = await followReport(tx, meeting, to);
  await recordAudit(tx, {
    actorId: input.actor.user.id,
    action: AUDIT_ACTION[input.transition],
    targetType: 'meeting',
    targetId: meeting.id,
    groupId: input.group.id,
    data: { meeting: meeting.sequence, version: report.version, from: report.status, to, ...(meetingStatus ? { meetingStatus } : {}), ...(acknowledged.length ? { acknowledged: acknowledged.map(({ key: _key, ...a }) => a) } : {}) },
  });
}
