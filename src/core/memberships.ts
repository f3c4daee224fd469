import { z } from 'zod';
import { ZEmail } from './accounts';
import { ZLocale } from './charter';
import { LIMITS } from './limits';
import { ZPersonNames } from './people';
import { GROUP_ROLES, ZGroupRole, type GroupRole } from './roles';
import { ZCommitteeRef } from './study-groups';

/**
 * Roles that seat a person in a delegation: they need a member committee. A co-chair also
 * comes from one of the group's co-chairing committees. Observers (the 'Plus' invitees),
 * rapporteurs, Delphi facilitators and the secretariat may have none.
 */
export const ROLES_NEEDING_COMMITTEE: readonly GroupRole[] = ['co_chair', 'delegation_head', 'member'];

/** The order in which a person's roles are listed and sorted (the highest first). */
export const roleRank = (role: GroupRole): number => GROUP_ROLES.indexOf(role);

/** A member committee's short code within the council, e.g. KR. */
export const ZCommitteeCode = z.string().trim().min(1).max(20);

export const MEMBER_SORTS = ['name', '-name', 'committee', '-committee', 'role', '-role', 'since', '-since'] as const;

export const ZMemberListQuery = z.object({
  role: ZGroupRole.optional(),
  /** A committee code: people whose delegation it is. */
  committee: ZCommitteeCode.optional(),
  /** Part of a name (any script) or affiliation; of the address too for those who may manage members. */
  q: z.string().trim().max(200).optional(),
  sort: z.enum(MEMBER_SORTS).default('name'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(50),
});
export type MemberListQuery = z.infer<typeof ZMemberListQuery>;

export const ZMemberRole = z.object({
  role: ZGroupRole,
  committee: ZCommitteeRef.nullable(),
  since: z.iso.datetime(),
});

export const ZMemberView = z.object({
  person: z.object({
    id: z.uuid(),
    displayName: z.string(),
    names: ZPersonNames,
    affiliation: z.string().nullable(),
    /** Only for those who may manage the group's members. */
    email: z.string().optional(),
  }),
  /** The person's delegation in this group; null for an observer from outside (or support staff). */
  committee: ZCommitteeRef.nullable(),
  roles: z.array(ZMemberRole),
  /** When the person's earliest current role began. */
  since: z.iso.datetime(),
});
export type MemberView = z.infer<typeof ZMemberView>;

export const ZMemberList = z.object({
  items: z.array(ZMemberView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type MemberList = z.infer<typeof ZMemberList>;

export const ZCreateGroupInvitation = z
  .object({
    email: ZEmail,
    /** The name of a new account; an existing account keeps its own. */
    displayName: z.string().trim().min(1).max(LIMITS.nameMax).optional(),
    role: ZGroupRole,
    committeeCode: ZCommitteeCode.optional(),
    /** The language of the mail (and of a new account) when the person has not chosen one. */
    locale: ZLocale.optional(),
  })
  .strict();
export type CreateGroupInvitation = z.infer<typeof ZCreateGroupInvitation>;

export const INVITATION_STATUSES = ['open', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const ZInvitationView = z.object({
  id: z.uuid(),
  email: z.string(),
  role: ZGroupRole,
  committee: ZCommitteeRef.nullable(),
  status: z.enum(INVITATION_STATUSES),
  person: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  invitedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  acceptedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type InvitationView = z.infer<typeof ZInvitationView>;

export const ZCreatedInvitation = ZInvitationView.extend({
  /** Whether the address had no account, and one was created (without a password). */
  accountCreated: z.boolean(),
});

export const ZInvitationListQuery = z.object({
  status: z.enum(INVITATION_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(50),
});

export const ZInvitationList = z.object({
  items: z.array(ZInvitationView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ZAddRole = z.object({ role: ZGroupRole, committeeCode: ZCommitteeCode.optional() }).strict();

/** What accepting an invitation link did, beside signing the person in. */
export const ZAcceptedInvitation = z.object({ groupSlug: z.string(), role: ZGroupRole, joined: z.boolean() });
export type AcceptedInvitation = z.infer<typeof ZAcceptedInvitation>;

/**
 * The status of an invitation at `now`. An expired invitation that a newer one replaced is
 * closed with `revokedAt = expiresAt`: it still reads as expired, not as revoked.
 */
export function invitationStatus(inv: { acceptedAt: Date | string | null; revokedAt: Date | string | null; expiresAt: Date | string }, now = Date.now()): InvitationStatus {
  const time = (d: Date | string) => new Date(d).getTime();
  if (inv.acceptedAt) return 'accepted';
  if (inv.revokedAt && time(inv.revokedAt) < time(inv.expiresAt)) return 'revoked';
  if (time(inv.expiresAt) <= now) return 'expired';
  return inv.revokedAt ? 'revoked' : 'open';
}
