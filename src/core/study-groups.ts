import { z } from 'zod';
import { ZCharter, ZLocale } from './charter';
import { LIMITS } from './limits';
import { ZPersonNames } from './people';
import { GROUP_ACTIONS } from './policies';
import { COMMITTEE_MEMBERSHIP_TYPES, GROUP_ROLES, MEETING_STATUSES, STUDY_GROUP_STATUSES } from './roles';
import { capitalZone, isTimeZone } from './time';

export const ZCommitteeRef = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  /** Whether the committee belongs to the group's region (null when the group names none). */
  inRegion: z.boolean().nullable().optional(),
});
export type CommitteeRef = z.infer<typeof ZCommitteeRef>;

export const ZPersonView = z.object({
  id: z.uuid(),
  displayName: z.string(),
  names: ZPersonNames,
  affiliation: z.string().nullable(),
  committee: ZCommitteeRef.nullable(),
  roles: z.array(z.enum(GROUP_ROLES)),
});
export type PersonView = z.infer<typeof ZPersonView>;

export const ZGroupListItem = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  /** The title in each language the charter has. */
  titles: z.record(z.string(), z.string()),
  status: z.enum(STUDY_GROUP_STATUSES),
  /** 'sub_group' for an experts group formed under another group. */
  kind: z.enum(['study_group', 'sub_group']),
  /** A sub-group's focus: the idea or agenda item it develops. */
  focus: z.string().nullable(),
  termStart: z.iso.date(),
  termEnd: z.iso.date(),
  council: z.object({ slug: z.string(), acronym: z.string() }),
  coChairCommittees: z.array(ZCommitteeRef),
  participantCount: z.number().int(),
  myRoles: z.array(z.enum(GROUP_ROLES)),
});
export type GroupListItem = z.infer<typeof ZGroupListItem>;

export const ZGroupListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(STUDY_GROUP_STATUSES).optional(),
  sort: z.enum(['title', 'termStart', '-termStart']).default('title'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(20),
});

export const ZGroupList = z.object({
  items: z.array(ZGroupListItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ZMeetingView = z.object({
  id: z.uuid(),
  sequence: z.number().int(),
  host: ZCommitteeRef.nullable(),
  city: z.string().nullable(),
  timeZone: z.string().nullable(),
  startsAt: z.iso.datetime().nullable(),
  endsAt: z.iso.datetime().nullable(),
  plannedMonth: z.string().nullable(),
  status: z.enum(MEETING_STATUSES),
});
export type MeetingView = z.infer<typeof ZMeetingView>;

export const ZDelegationView = z.object({
  committee: ZCommitteeRef.extend({ membershipType: z.enum(COMMITTEE_MEMBERSHIP_TYPES).nullable() }),
  head: ZPersonView.nullable(),
  members: z.array(ZPersonView),
});
export type DelegationView = z.infer<typeof ZDelegationView>;


export const ZGroupOverview = ZGroupListItem.extend({
  charter: ZCharter,
  /** The sub-region the group is about, e.g. northeast_asia. */
  region: z.string().nullable(),
  proposingCommittee: ZCommitteeRef.nullable(),
  approval: z.object({ number: z.number().int(), place: z.string(), heldOn: z.iso.date() }).nullable(),
  coChairs: z.array(z.object({ committee: ZCommitteeRef, people: z.array(ZPersonView) })),
  delegations: z.array(ZDelegationView),
  observers: z.array(ZPersonView),
  support: z.array(ZPersonView),
  meetings: z.array(ZMeetingView),
  /**
   * The group's time zone, in which its deadlines are set and read; `chosen` false while it is
   * the proposing committee's capital (or UTC) because nobody chose one.
   */
  timeZone: z.object({ zone: z.string(), chosen: z.boolean() }),
  /** What the viewer may do now, from the role-and-action table (src/core/policies.ts). */
  allowedActions: z.array(z.enum(GROUP_ACTIONS)),
});
export type GroupOverview = z.infer<typeof ZGroupOverview>;

/** The group's own zone when chosen, else its proposing committee's capital, else UTC. */
export function groupTimeZoneOf(chosen: string | null, proposingCountry: string | null): { zone: string; chosen: boolean } {
  if (chosen && isTimeZone(chosen)) return { zone: chosen, chosen: true };
  return { zone: capitalZone(proposingCountry) ?? 'UTC', chosen: false };
}

export const ZSetGroupTimeZone = z.object({ timeZone: z.string().trim().min(1).max(64) }).strict();

export const ZCreateSubGroup = z.object({
  title: z.string().trim().min(1).max(300),
  focus: z.string().trim().min(1).max(5_000),
  /** The language the title and focus are written in; without it, judged from them (`detectLocale`), the creator's where they cannot tell. */
  language: ZLocale.optional(),
});
