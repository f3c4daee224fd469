import { z } from 'zod';

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
