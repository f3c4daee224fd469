import { z } from 'zod';
import { ZAttributionCheck, ZAttributionPerson, ZWarningAnswer } from './attribution-types';
import { REPORT_STATUSES, ZAttributionRule, type ReportStatus } from './meetings';
import { ZInt } from './numbers';
import { ZPersonNames } from './people';
import type { MeetingStatus } from './roles';
import { isEmptyDoc, ZRichText, type RichText } from './rich-text';

/*
 * The Co-Chairs' Report of a meeting (issue #4, part 6): its steps and what the API exchanges.
 * The attribution check it must pass before it leaves the drafters is in `./attribution`.
 */

// ---------------------------------------------------------------------------------------------
// Steps

export const REPORT_TRANSITIONS = ['circulate', 'reopen', 'finalize'] as const;
export type ReportTransition = (typeof REPORT_TRANSITIONS)[number];

/** drafting → circulated (to the group) → final; a circulated report may be reopened for changes. */
export const REPORT_FLOW: Record<ReportTransition, { from: ReportStatus; to: ReportStatus }> = {
  circulate: { from: 'drafting', to: 'circulated' },
  reopen: { from: 'circulated', to: 'drafting' },
  finalize: { from: 'circulated', to: 'final' },
};

/** The meeting's status that goes with each step of its report. */
export const MEETING_STATUS_FOR_REPORT: Record<ReportStatus, MeetingStatus> = {
  drafting: 'report_drafting',
  circulated: 'report_circulated',
  final: 'report_final',
};

/**
 * The meeting statuses in which each step of the report is possible. A report is written only
 * once the meeting has been convened (never while it is planned, postponed or cancelled); the
 * first save of a convened meeting's report moves the meeting to report drafting. Afterwards the
 * meeting follows the report, so the two always agree: a report that is circulated belongs to a
 * meeting whose report is circulated, and so on.
 */
export const REPORT_MEETING_STATUSES: Record<'save' | ReportTransition, readonly MeetingStatus[]> = {
  save: ['convened', 'report_drafting'],
  circulate: ['convened', 'report_drafting'],
  reopen: ['report_circulated'],
  finalize: ['report_circulated'],
};

export const REPORT_ACTIONS = ['save', 'circulate', 'reopen', 'finalize'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

// ---------------------------------------------------------------------------------------------
// The API

const ZPersonRef = z.object({ id: z.uuid(), displayName: z.string(), names: ZPersonNames });


export const ZReportView = z.object({
  meetingId: z.uuid(),
  content: ZRichText,
  status: z.enum(REPORT_STATUSES),
  /** 0 while nothing has been saved: the first save names baseVersion 0. */
  version: z.number().int(),
  updatedBy: ZPersonRef.nullable(),
  updatedAt: z.iso.datetime().nullable(),
  circulatedAt: z.iso.datetime().nullable(),
  finalizedAt: z.iso.datetime().nullable(),
  /** The meeting's rule, which the check applies. */
  attribution: ZAttributionRule,
  meetingStatus: z.string(),
  /** The findings, for those who write or approve the report; null for other readers. */
  check: ZAttributionCheck.nullable(),
  /**
   * The meeting's people the check looks for, for the same readers (null for others), so the
   * editor can run `checkAttribution` itself while the text changes.
   */
  people: z.array(ZAttributionPerson).nullable(),
  /** What the reader may do now, given their roles, the report's and the meeting's status and the check. */
  allowedActions: z.array(z.enum(REPORT_ACTIONS)),
});
export type ReportView = z.infer<typeof ZReportView>;

export const ZSaveReport = z
  .object({
    content: ZRichText,
    /** The version the editor started from (0 for the first save); a stale one is refused (409). */
    baseVersion: ZInt(0),
  })
  .strict();

export const ZReportTransitionRequest = z
  .object({
    transition: z.enum(REPORT_TRANSITIONS),
    /**
     * Answers to the check's warnings (a name part alone), each by its key: circulating and
     * finalizing are refused while a warning is unanswered. Recorded in the audit trail.
     */
    acknowledge: z.array(ZWarningAnswer).max(500).optional(),
  })
  .strict();

export const emptyReport = (): RichText => ({ type: 'doc', content: [] });
export { isEmptyDoc as isEmptyReport };
