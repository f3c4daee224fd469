/** Limits shared by the server's checks and the UI's hints. */
export const LIMITS = {
  bodyBytes: 1024 * 1024,
  passwordMin: 10,
  passwordMax: 256,
  emailMax: 254,
  nameMax: 200,
  tokenNameMax: 80,
  /** One-time links: sign-in links printed at start, invitations, password reset. */
  signInLinkHours: 24 * 7,
  invitationLinkHours: 24 * 14,
  passwordResetLinkMinutes: 60,
  sessionIdleDays: 30,
  sessionAbsoluteDays: 90,
  pageSizeMax: 100,
  coChairCommitteesMax: 12,
  plannedMeetingsMax: 24,
  reviewMax: 10_000,
  reasonsMax: 10_000,
  /** One uploaded file of a meeting's materials (a paper, slides, an image). */
  materialBytes: 25 * 1024 * 1024,
} as const;
