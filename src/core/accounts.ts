import { z } from 'zod';
import { ZLocale } from './charter';
import { LIMITS } from './limits';
import { ZPersonNames, ZPersonNamesChange } from './people';

export const ZEmail = z.email().max(LIMITS.emailMax);
export const ZPassword = z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax);

/** An IANA time zone name that this runtime knows, e.g. Asia/Seoul. */
export const ZTimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown time zone: use an IANA name such as Asia/Seoul');

export const ZSignIn = z.object({ email: ZEmail, password: z.string().min(1).max(LIMITS.passwordMax) });
export const ZConsumeLink = z.object({ token: z.string().min(1).max(200) });
export const ZPasswordResetRequest = z.object({ email: ZEmail });
export const ZPasswordReset = z.object({ token: z.string().min(1).max(200), password: ZPassword });
export const ZChangePassword = z.object({ currentPassword: z.string().max(LIMITS.passwordMax).optional(), newPassword: ZPassword });
export const ZUpdateMe = z
  .object({
    displayName: z.string().trim().min(1).max(LIMITS.nameMax),
    /** Some spellings of the name: left out keeps, text sets, '' or null removes. */
    names: ZPersonNamesChange,
    /** Trimmed; '' or null clears it. */
    affiliation: z
      .string()
      .trim()
      .max(LIMITS.nameMax)
      .nullable()
      .transform((v) => (v ? v : null)),
    locale: ZLocale,
    /** null clears the zone. */
    timeZone: ZTimeZone.nullable(),
  })
  .partial()
  .strict();
/** What a client sends to PATCH /api/me. */
export type UpdateMeInput = z.input<typeof ZUpdateMe>;
export const ZCreateApiToken = z.object({
  name: z.string().trim().min(1).max(LIMITS.tokenNameMax),
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(90),
});
export const ZInvite = z.object({
  email: ZEmail,
  displayName: z.string().trim().min(1).max(LIMITS.nameMax),
  locale: ZLocale.optional(),
});

export const ZMe = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  names: ZPersonNames,
  affiliation: z.string().nullable(),
  locale: ZLocale.nullable(),
  timeZone: z.string().nullable(),
  isAdmin: z.boolean(),
  hasPassword: z.boolean(),
  memberCommittee: z.object({ code: z.string(), name: z.string() }).nullable(),
});
export type Me = z.infer<typeof ZMe>;

export const ZSessionView = z.object({ user: ZMe.nullable(), csrfToken: z.string() });

export const ZLinkResult = z.object({ user: ZMe, purpose: z.enum(['sign_in', 'invitation']) });

/** The handle by which a person ends one of their sessions (see sessionHandle on the server). */
export const ZSessionHandle = z.string().regex(/^[0-9a-f]{32}$/, 'A session id from GET /api/me/sessions');

export const ZSessionListItem = z.object({
  /** An opaque handle for ending this session: neither its cookie token nor the stored id. */
  id: ZSessionHandle,
  current: z.boolean(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  userAgent: z.string().nullable(),
});
export type SessionListItem = z.infer<typeof ZSessionListItem>;

export const ZApiTokenView = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
});
export type ApiTokenView = z.infer<typeof ZApiTokenView>;
export const ZCreatedApiToken = ZApiTokenView.extend({ token: z.string() });
