import { z } from 'zod';
import { ZVersionNumber } from './numbers';
import { ZAgendaItemRef } from './agenda';

/** How a meeting is held. */
export const MEETING_FORMATS = ['in_person', 'virtual', 'hybrid'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

/**
 * How remarks made at a meeting may be attributed (domain.md): under the Chatham House Rule
 * (the default) nothing that leaves the group names a speaker or their affiliation; on
 * record, speakers are named; closed meetings keep no attributed record at all.
 */
export const ATTRIBUTION_RULES = ['chatham_house', 'on_record', 'closed'] as const;
export type AttributionRule = (typeof ATTRIBUTION_RULES)[number];

/** A participant's answer to a meeting invitation. */
export const ATTENDANCE_RESPONSES = ['in_person', 'remote', 'not_attending'] as const;
export type AttendanceResponse = (typeof ATTENDANCE_RESPONSES)[number];

export const MATERIAL_KINDS = ['paper', 'slides', 'image', 'other'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

export const REPORT_STATUSES = ['drafting', 'circulated', 'final'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const ZMeetingFormat = z.enum(MEETING_FORMATS);
export const ZAttributionRule = z.enum(ATTRIBUTION_RULES);
export const ZAttendanceResponse = z.enum(ATTENDANCE_RESPONSES);

/** A wall-clock time as people enter it, in the meeting's own zone: 2027-03-10T09:00. */
export const ZLocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Use YYYY-MM-DDTHH:mm, in the meeting’s time zone');
const ZTimeZoneName = z.string().min(1).max(64);
const ZOptText = (max: number) => z.string().trim().max(max).nullable().optional();

const meetingFields = {
  title: ZOptText(300),
  hostCommitteeCode: z.string().trim().min(1).max(20).nullable().optional(),
  city: ZOptText(100),
  venue: ZOptText(300),
  /** The IANA zone the meeting's times are entered and read in, e.g. Asia/Seoul. */
  timeZone: ZTimeZoneName,
  start: ZLocalDateTime.nullable().optional(),
  end: ZLocalDateTime.nullable().optional(),
  plannedMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).nullable().optional(),
  format: ZMeetingFormat.default('in_person'),
  onlineUrl: z.url({ protocol: /^https?$/ }).max(2000).nullable().optional(),
  attribution: ZAttributionRule.default('chatham_house'),
};

export const ZCreateMeeting = z.object(meetingFields).strict();
export type CreateMeetingInput = z.infer<typeof ZCreateMeeting>;

/** A change of details; `version` is the one the editor read (stale → 409). */
export const ZUpdateMeeting = z
  .object({ ...meetingFields, timeZone: ZTimeZoneName.optional(), format: ZMeetingFormat.optional(), attribution: ZAttributionRule.optional(), version: ZVersionNumber })
  .strict();
export type UpdateMeetingInput = z.infer<typeof ZUpdateMeeting>;

/** Steps of a meeting itself; the report's steps (drafting, circulated, final) belong to the report. */
export const MEETING_TRANSITIONS = {
  convene: { from: ['planned'], to: 'convened' },
  postpone: { from: ['planned'], to: 'postponed' },
  reschedule: { from: ['postponed'], to: 'planned' },
  cancel: { from: ['planned', 'postponed'], to: 'cancelled' },
} as const;
export type MeetingTransition = keyof typeof MEETING_TRANSITIONS;
export const ZMeetingTransition = z.object({
  transition: z.enum(['convene', 'postpone', 'reschedule', 'cancel']),
  reason: z.string().trim().min(1).max(2000).optional(),
});

/** A time as the API gives it: the instant, and the wall-clock reading in the meeting's zone. */
export const ZZonedTime = z.object({ instant: z.iso.datetime(), local: z.string() });

const ZPersonRef = z.object({ id: z.uuid(), displayName: z.string(), names: z.record(z.string(), z.string()) });

export const SESSION_WARNINGS = ['overlap', 'outside_meeting_days'] as const;
export const ZSessionView = z.object({
  id: z.uuid(),
  position: z.number().int(),
  title: z.string(),
  start: ZZonedTime,
  end: ZZonedTime,
  chair: ZPersonRef.nullable(),
  speakers: z.array(ZPersonRef),
  guestSpeakers: z.string().nullable(),
  description: z.string().nullable(),
  /** A break-out meant to run beside others. */
  parallel: z.boolean(),
  /** The open agenda's items the session takes up, in its order. */
  agendaItems: z.array(ZAgendaItemRef),
  /** Papers and slides brought to this session (not withdrawn). */
  papers: z.array(z.object({ id: z.uuid(), title: z.string(), kind: z.string() })),
  /** Not errors, things to look at: sessions running at once (unless meant to), or outside the meeting's days. */
  warnings: z.array(z.enum(SESSION_WARNINGS)),
});
export type SessionView = z.infer<typeof ZSessionView>;

const sessionFields = {
  title: z.string().trim().min(1).max(300),
  start: ZLocalDateTime,
  end: ZLocalDateTime,
  chairId: z.uuid().nullable().optional(),
  speakerIds: z.array(z.uuid()).max(30).optional(),
  guestSpeakers: ZOptText(1000),
  description: ZOptText(5000),
  /** A break-out meant to run beside others (kept with the session): its overlaps are not refused. */
  parallel: z.boolean().optional(),
  /** The same as `parallel: true`, for clients that ask per request. */
  allowOverlap: z.boolean().optional(),
  /** The agenda items the session takes up, in order (replaces the list). */
  agendaItemIds: z.array(z.uuid()).max(20).optional(),
};
export const ZCreateSession = z.object(sessionFields).strict();
export const ZUpdateSession = z.object(sessionFields).partial().strict();
export const ZReorderSessions = z.object({ ids: z.array(z.uuid()).min(1).max(200) }).strict();
/** Moves and retimes several sessions at once (a drag in the timetable), all or nothing. */
export const ZScheduleSessions = z
  .object({ sessions: z.array(z.object({ id: z.uuid(), start: ZLocalDateTime, end: ZLocalDateTime }).strict()).min(1).max(200) })
  .strict();

export const ZAttendanceSummary = z.object({ invited: z.number().int(), inPerson: z.number().int(), remote: z.number().int(), notAttending: z.number().int(), noAnswer: z.number().int() });

export const ZMeetingView = z.object({
  id: z.uuid(),
  sequence: z.number().int(),
  title: z.string().nullable(),
  host: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable(),
  city: z.string().nullable(),
  venue: z.string().nullable(),
  timeZone: z.string().nullable(),
  start: ZZonedTime.nullable(),
  end: ZZonedTime.nullable(),
  plannedMonth: z.string().nullable(),
  format: ZMeetingFormat,
  onlineUrl: z.string().nullable(),
  attribution: ZAttributionRule,
  status: z.string(),
  statusReason: z.string().nullable(),
  version: z.number().int(),
  attendance: ZAttendanceSummary,
  myAttendance: z.object({ invited: z.boolean(), response: ZAttendanceResponse.nullable() }),
  allowedTransitions: z.array(z.string()),
});
export type MeetingView = z.infer<typeof ZMeetingView>;

export const ZMeetingDetail = ZMeetingView.extend({ sessions: z.array(ZSessionView) });
export type MeetingDetail = z.infer<typeof ZMeetingDetail>;

export const ZInviteToMeeting = z.union([z.object({ all: z.literal(true) }).strict(), z.object({ userIds: z.array(z.uuid()).min(1).max(500) }).strict()]);
export const ZRespond = z.object({ response: ZAttendanceResponse }).strict();
export const ZRecordAttended = z.object({ attended: z.enum(['in_person', 'remote', 'absent']).nullable() }).strict();

export const ZAttendanceEntry = z.object({
  person: ZPersonRef,
  roles: z.array(z.string()),
  observer: z.boolean(),
  response: ZAttendanceResponse.nullable(),
  respondedAt: z.iso.datetime().nullable(),
  attended: z.enum(['in_person', 'remote', 'absent']).nullable(),
});
export const ZAttendanceList = z.object({
  summary: ZAttendanceSummary,
  /** By delegation (member committee), then observers, then those with no delegation. */
  delegations: z.array(z.object({ committee: z.object({ id: z.uuid(), code: z.string(), name: z.string() }), people: z.array(ZAttendanceEntry) })),
  observers: z.array(ZAttendanceEntry),
  others: z.array(ZAttendanceEntry),
});

/** Statuses in which a meeting has been held and its report is being written or is out. */
const REPORTED_STATUSES: readonly string[] = ['report_drafting', 'report_circulated', 'report_final'];

/**
 * Whether a meeting's timetable is kept as it was (#9): no session is added, changed, moved,
 * retimed, reordered or removed, and no session's agenda items change. True once the meeting has
 * been held — its report has begun (report_*), or it was convened and its end has passed — and
 * for a cancelled meeting, which nothing leads out of and whose timetable was announced (the
 * calendars keep it, marked cancelled). A convened meeting without an end, or whose end is still
 * ahead, is being held: a session running over may still be retimed.
 */
export function timetableFrozen(meeting: { status: string; endsAt: Date | null }, now: Date): boolean {
  if (REPORTED_STATUSES.includes(meeting.status) || meeting.status === 'cancelled') return true;
  return meeting.status === 'convened' && meeting.endsAt !== null && meeting.endsAt.getTime() <= now.getTime();
}
