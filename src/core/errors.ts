import { CONSENSUS_ERRORS } from './consensus';

/**
 * Stable error codes of the API. Each is sent as `code` in problem+json and is also the
 * i18n key (under `errors.`) that the UI shows; renaming one breaks clients.
 */
export const ERROR_CODES = {
  'request.not_found': 404,
  'request.malformed_json': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'request.bad_request': 400,
  'request.method_not_allowed': 405,
  'validation.failed': 400,
  /** A string with U+0000, another control character or a lone surrogate: refused where it enters. */
  'request.invalid_text': 400,
  /** A value the database could not take (out of range, not representable) that no schema caught. */
  'request.invalid_value': 400,
  'rate_limited': 429,
  'auth.required': 401,
  'auth.invalid_credentials': 401,
  'auth.account_disabled': 403,
  'auth.token_invalid': 401,
  'auth.forbidden': 403,
  'auth.password_too_weak': 400,
  'auth.password_not_set': 409,
  'csrf.invalid': 403,
  'link.invalid': 400,
  'link.expired': 410,
  'link.used': 410,
  'account.exists': 409,
  'resource.not_found': 404,
  'lifecycle.transition_not_allowed': 409,
  'group.status_forbids': 409,
  'proposal.not_editable': 409,
  'sc_meeting.unknown': 422,
  'sc_meeting.exists': 409,
  'committee.unknown': 422,
  'committee.exists': 409,
  'invitation.duplicate': 409,
  'invitation.already_member': 409,
  'invitation.not_open': 410,
  'invitation.account_disabled': 409,
  'role.not_allowed': 422,
  'membership.head_exists': 409,
  'membership.exists': 409,
  'session.overlap': 409,
  'attendance.not_invited': 409,
  'meeting.has_no_time_zone': 409,
  'meeting.attribution_locked': 409,
  'meeting.not_open': 409,
  /** A held (or cancelled) meeting's sessions are kept as they were: `timetableFrozen` in ./meetings. */
  'meeting.timetable_frozen': 409,
  'council.representative_exists': 409,
  'council.co_chairs_full': 409,
  'council.role_exists': 409,
  'resource.version_conflict': 409,
  'report.not_circulated': 403,
  'report.closed_meeting': 409,
  'report.meeting_status': 409,
  'report.circulated': 409,
  'report.final': 409,
  'report.transition_not_allowed': 409,
  'report.empty': 422,
  'report.attribution': 422,
  'report.attribution_unanswered': 422,
  'material.type_not_allowed': 415,
  'material.author_not_member': 422,
  'material.session_unknown': 422,
  'material.withdrawn': 409,
  'material.same_as_latest': 409,
  'agenda.transition_not_allowed': 409,
  // Positions, outcomes and silence (#5 parts 6-7): the rules' own codes, and the routes'.
  ...CONSENSUS_ERRORS,
  'position.recommendation_unknown': 422,
  'silence.already_running': 409,
  'silence.not_running': 409,
  'service.unavailable': 503,
  'server.internal': 500,
  'draft.text_settled': 409,
  'amendment.paragraph_unknown': 422,
  'amendment.paragraph_gone': 409,
  'amendment.out_of_date': 409,
  'amendment.no_delegation': 403,
  'amendment.not_open': 409,
  'amendment.merge_mismatch': 422,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  /** Dotted path of the field, e.g. `body.email`. */
  path: string;
  code: string;
  message: string;
}

/** RFC 9457 problem details as Accord sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}
