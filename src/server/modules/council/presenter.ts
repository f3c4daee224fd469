import type { CommitteeView, CouncilPerson, CouncilRoleView, MembershipPeriod, ScMeetingView } from '../../../core/council';
import type { PersonNames } from '../../../core/people';
import type { CommitteeMembershipType, CouncilRole } from '../../../core/roles';
import type { committeeMemberships, memberCommittees, scMeetings } from '../../db/schema';

export interface PersonRow {
  id: string;
  displayName: string;
  names: PersonNames;
  affiliation: string | null;
}

/** A person as the council shows them: names and affiliation, never the email address. */
export const presentPerson = (p: PersonRow): CouncilPerson => ({ id: p.id, displayName: p.displayName, names: p.names, affiliation: p.affiliation });

export interface CommitteeRow {
  committee: typeof memberCommittees.$inferSelect;
  membershipType: CommitteeMembershipType | null;
  memberSince: string | null;
}

export const presentCommittee = ({ committee: c, membershipType, memberSince }: CommitteeRow): CommitteeView => ({
  id: c.id,
  code: c.code,
  name: c.name,
  country: c.country,
  subregion: c.subregion,
  hostInstitution: c.hostInstitution,
  membershipType,
  memberSince,
});

export const presentMembership = (m: typeof committeeMemberships.$inferSelect): MembershipPeriod => ({
  id: m.id,
  type: m.type,
  validFrom: m.validFrom,
  validTo: m.validTo,
  recordedAt: m.createdAt.toISOString(),
});

export interface RoleRow {
  id: string;
  role: CouncilRole;
  startedAt: Date;
  endedAt: Date | null;
  person: PersonRow;
  committeeId: string | null;
  committeeCode: string | null;
  committeeName: string | null;
}

export const presentRole = (r: RoleRow): CouncilRoleView => ({
  id: r.id,
  role: r.role,
  person: presentPerson(r.person),
  committee: r.committeeId && r.committeeCode && r.committeeName ? { id: r.committeeId, code: r.committeeCode, name: r.committeeName } : null,
  startedAt: r.startedAt.toISOString(),
  endedAt: r.endedAt ? r.endedAt.toISOString() : null,
});

export const presentScMeeting = (m: typeof scMeetings.$inferSelect): ScMeetingView => ({ id: m.id, number: m.number, heldOn: m.heldOn, place: m.place, note: m.note });
