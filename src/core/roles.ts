import { z } from 'zod';

/** Council-wide roles (domain.md): Steering Committee co-chair and member, secretariat. */
export const COUNCIL_ROLES = ['sc_co_chair', 'sc_member', 'secretariat'] as const;
export type CouncilRole = (typeof COUNCIL_ROLES)[number];
export const ZCouncilRole = z.enum(COUNCIL_ROLES);

/** Roles a person holds in one study group; a person may hold several. */
export const GROUP_ROLES = [
  'co_chair',
  'delegation_head',
  'member',
  'observer',
  'rapporteur',
  'delphi_facilitator',
  'secretariat',
] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];
export const ZGroupRole = z.enum(GROUP_ROLES);

/** Full, associate or observer membership of a member committee in the council. */
export const COMMITTEE_MEMBERSHIP_TYPES = ['full', 'associate', 'observer'] as const;
export type CommitteeMembershipType = (typeof COMMITTEE_MEMBERSHIP_TYPES)[number];

/** The study group lifecycle of domain.md; transitions are governed by the lifecycle rules. */
export const STUDY_GROUP_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'rejected',
  'withdrawn',
  'active',
  'concluding',
  'concluded',
] as const;
export type StudyGroupStatus = (typeof STUDY_GROUP_STATUSES)[number];

export const MEETING_STATUSES = [
  'planned',
  'convened',
  'report_drafting',
  'report_circulated',
  'report_final',
  'postponed',
  'cancelled',
] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
