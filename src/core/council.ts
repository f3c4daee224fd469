import { z } from 'zod';
import { LIMITS } from './limits';
import { ZPersonNames } from './people';
import { COUNCIL_ACTIONS } from './policies';
import { COMMITTEE_MEMBERSHIP_TYPES, COUNCIL_ROLES } from './roles';

/**
 * The council (domain.md "The bodies"): member committees with their membership over time,
 * the Steering Committee, its numbered meetings, and the secretariat. Shared by the server's
 * routes and the web app.
 */

/** The Steering Committee has two co-chairs (domain.md). */
export const SC_CO_CHAIRS_MAX = 2;

export const ZCommitteeMembershipType = z.enum(COMMITTEE_MEMBERSHIP_TYPES);

export const ZCouncilSlug = z.string().min(1).max(120).regex(/^[a-z0-9-]+$/);
export const ZCouncilParams = z.object({ slug: ZCouncilSlug });

/** A member committee's short code within its council (KR, PIF, EU…): upper-cased as received. */
export const ZCommitteeCode = z
  .string()
  .trim()
  .min(1)
  .max(16)
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'Letters, digits and hyphens, e.g. KR or PIF')
  .transform((s) => s.toUpperCase());
export const ZCommitteeParams = ZCouncilParams.extend({ code: ZCommitteeCode });
export const ZCouncilRoleParams = ZCouncilParams.extend({ roleId: z.uuid() });

/** A sub-region key, e.g. northeast_asia: it tells in-region member committees from outside ones. */
export const ZSubregion = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, 'Lower-case letters, digits and underscores, e.g. northeast_asia');

/** Optional text: trimmed, '' or null stores nothing. */
const ZOptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v ? v : null));

const ZName = z.string().trim().min(1).max(LIMITS.nameMax);

export const ZCreateCommittee = z
  .object({
    code: ZCommitteeCode,
    name: ZName,
    /** ISO 3166-1 alpha-2; absent or null for a regional body such as the EU. */
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code, e.g. KR')
      .nullable()
      .optional(),
    subregion: ZSubregion,
    hostInstitution: ZOptionalText(LIMITS.nameMax).optional(),
    type: ZCommitteeMembershipType,
    validFrom: z.iso.date(),
  })
  .strict();
export type CreateCommitteeInput = z.output<typeof ZCreateCommittee>;

export const ZUpdateCommittee = z
  .object({
    name: ZName,
    /** '' or null clears it. */
    hostInstitution: ZOptionalText(LIMITS.nameMax),
    subregion: ZSubregion,
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Send at least one of name, hostInstitution, subregion');
export type UpdateCommitteeInput = z.output<typeof ZUpdateCommittee>;

/** A new membership type from a date on: the current row is closed the day before. */
export const ZChangeMembership = z.object({ type: ZCommitteeMembershipType, validFrom: z.iso.date() }).strict();
export type ChangeMembershipInput = z.output<typeof ZChangeMembership>;

export const ZCreateScMeeting = z
  .object({
    number: z.number().int().min(1).max(100_000),
    heldOn: z.iso.date(),
    place: z.string().trim().min(1).max(LIMITS.nameMax),
    note: ZOptionalText(LIMITS.reasonsMax).optional(),
  })
  .strict();
export type CreateScMeetingInput = z.output<typeof ZCreateScMeeting>;

export const ZAssignCouncilRole = z
  .object({
    userId: z.uuid(),
    role: z.enum(COUNCIL_ROLES),
    /** The member committee an SC member represents; only for sc_member. */
    committeeCode: ZCommitteeCode.optional(),
  })
  .strict()
  .superRefine(
    (v, ctx) => {
      if (typeof v !== 'object' || v === null) return;
      if (v.role === 'sc_member' && v.committeeCode === undefined) {
        ctx.addIssue({ code: 'custom', path: ['committeeCode'], message: 'An SC member represents a member committee: give its code' });
      }
      if ((v.role === 'sc_co_chair' || v.role === 'secretariat') && v.committeeCode !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['committeeCode'], message: 'Only an SC member represents a member committee' });
      }
    },
    // Runs even when another field is wrong, so that the answer lists every field.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
export type AssignCouncilRoleInput = z.output<typeof ZAssignCouncilRole>;

const ZPage = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(20),
};

export const ZCommitteeListQuery = z.object({
  /** The membership type valid today. */
  type: ZCommitteeMembershipType.optional(),
  /** Part of the name or code, case-insensitive. */
  q: z.string().trim().max(200).optional(),
  ...ZPage,
});

export const ZScMeetingListQuery = z.object(ZPage);

// ---- Views ----

/** A person as the council shows them: no email address. */
export const ZCouncilPerson = z.object({
  id: z.uuid(),
  displayName: z.string(),
  names: ZPersonNames,
  affiliation: z.string().nullable(),
});
export type CouncilPerson = z.infer<typeof ZCouncilPerson>;

export const ZCommitteeBrief = z.object({ id: z.uuid(), code: z.string(), name: z.string() });

export const ZCommitteeView = ZCommitteeBrief.extend({
  country: z.string().nullable(),
  subregion: z.string(),
  hostInstitution: z.string().nullable(),
  /** The type valid today, or null (not yet a member, or no longer). */
  membershipType: ZCommitteeMembershipType.nullable(),
  /** When the membership of that type began. */
  memberSince: z.iso.date().nullable(),
});
export type CommitteeView = z.infer<typeof ZCommitteeView>;

export const ZMembershipPeriod = z.object({
  id: z.uuid(),
  type: ZCommitteeMembershipType,
  validFrom: z.iso.date(),
  validTo: z.iso.date().nullable(),
  recordedAt: z.iso.datetime(),
});
export type MembershipPeriod = z.infer<typeof ZMembershipPeriod>;

export const ZCouncilRoleView = z.object({
  id: z.uuid(),
  role: z.enum(COUNCIL_ROLES),
  person: ZCouncilPerson,
  committee: ZCommitteeBrief.nullable(),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
});
export type CouncilRoleView = z.infer<typeof ZCouncilRoleView>;

export const ZCommitteeDetail = ZCommitteeView.extend({
  /** Every membership row, newest first: a change adds a row, none is overwritten. */
  history: z.array(ZMembershipPeriod),
  /** Its current Steering Committee representative. */
  representative: ZCouncilRoleView.nullable(),
});
export type CommitteeDetail = z.infer<typeof ZCommitteeDetail>;

export const ZScMeetingView = z.object({
  id: z.uuid(),
  number: z.number().int(),
  heldOn: z.iso.date(),
  place: z.string(),
  note: z.string().nullable(),
});
export type ScMeetingView = z.infer<typeof ZScMeetingView>;

export const ZCouncilCounts = z.object({
  committees: z.number().int(),
  /** Member committees by the type valid today. */
  byType: z.object({ full: z.number().int(), associate: z.number().int(), observer: z.number().int() }),
  scCoChairs: z.number().int(),
  scRepresentatives: z.number().int(),
  secretariat: z.number().int(),
  scMeetings: z.number().int(),
});

export const ZCouncilListItem = z.object({
  id: z.uuid(),
  slug: z.string(),
  acronym: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  counts: ZCouncilCounts,
  /** The viewer's current roles in this council. */
  myRoles: z.array(z.enum(COUNCIL_ROLES)),
});
export type CouncilListItem = z.infer<typeof ZCouncilListItem>;

export const ZCouncilList = z.object({ items: z.array(ZCouncilListItem) });

export const ZCouncilDetail = ZCouncilListItem.extend({
  committees: z.array(ZCommitteeView),
  steeringCommittee: z.object({
    coChairs: z.array(ZCouncilRoleView),
    /** One seat per member committee, in code order; `representative` null while vacant. */
    seats: z.array(z.object({ committee: ZCommitteeBrief, membershipType: ZCommitteeMembershipType.nullable(), representative: ZCouncilRoleView.nullable() })),
  }),
  secretariat: z.array(ZCouncilRoleView),
  /** The latest SC meetings, newest first; the whole list is at /sc-meetings. */
  recentScMeetings: z.array(ZScMeetingView),
  allowedActions: z.array(z.enum(COUNCIL_ACTIONS)),
});
export type CouncilDetail = z.infer<typeof ZCouncilDetail>;

export const ZCommitteeList = z.object({ items: z.array(ZCommitteeView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const ZScMeetingList = z.object({ items: z.array(ZScMeetingView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** The day before an ISO date (YYYY-MM-DD), computed in UTC: the last day of the period a change closes. */
export function dayBefore(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Finding a person to give a council role: by a part of their name (any script) or address. */
export const ZPeopleSearchQuery = z.object({ q: z.string().trim().min(1).max(200), limit: z.coerce.number().int().min(1).max(50).default(20) });
export const ZPersonFound = ZCouncilPerson.extend({ email: z.string(), committee: ZCommitteeBrief.nullable() });
export const ZPeopleFound = z.array(ZPersonFound);
export type PersonFound = z.infer<typeof ZPersonFound>;
