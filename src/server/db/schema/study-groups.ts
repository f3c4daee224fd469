import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Transition } from '../../../core/lifecycle';
import type { ProposalContent } from '../../../core/proposals';
import type { Charter } from '../../../core/charter';
import type { AttributionRule, MeetingFormat } from '../../../core/meetings';
import type { GroupRole, MeetingStatus, StudyGroupStatus } from '../../../core/roles';
import { users } from './accounts';
import { councils, memberCommittees, scMeetings } from './council';

export const studyGroups = pgTable(
  'study_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id')
      .notNull()
      .references(() => councils.id),
    slug: text('slug').notNull(),
    /** The title in the charter's authoritative language, for sorting and logs. */
    title: text('title').notNull(),
    status: text('status').$type<StudyGroupStatus>().notNull(),
    termStart: date('term_start').notNull(),
    termEnd: date('term_end').notNull(),
    proposingCommitteeId: uuid('proposing_committee_id').references(() => memberCommittees.id),
    /** 'sub_group' for an experts group formed under `parentGroupId`. */
    kind: text('kind').$type<'study_group' | 'sub_group'>().notNull().default('study_group'),
    parentGroupId: uuid('parent_group_id').references((): AnyPgColumn => studyGroups.id),
    /** The sub-region the group is about (e.g. northeast_asia): member committees of it are 'in the region'. */
    region: text('region'),
    /**
     * The group's own time zone (IANA), in which its deadlines are set and read (silence,
     * rounds); null until someone chooses one: the proposing committee's capital then.
     */
    timeZone: text('time_zone'),
    /** A sub-group's focus: the idea or agenda item it develops. */
    focus: text('focus'),
    /** The group this one follows on from (objective (d)). */
    followsGroupId: uuid('follows_group_id').references((): AnyPgColumn => studyGroups.id),
    /** Who drafted the proposal: a proposer, with the proposing committee's SC member. */
    createdBy: uuid('created_by').references(() => users.id),
    approvedAtScMeetingId: uuid('approved_at_sc_meeting_id').references(() => scMeetings.id),
    charter: jsonb('charter').$type<Charter>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('study_groups_slug_key').on(t.slug),
    index('study_groups_council_idx').on(t.councilId),
    index('study_groups_parent_idx').on(t.parentGroupId),
    index('study_groups_follows_idx').on(t.followsGroupId),
    check('study_groups_term_order', sql`${t.termEnd} >= ${t.termStart}`),
  ],
);

/**
 * Each saved state of a proposal. A version is never changed once submitted: a revision after
 * the SC returned it is a new version, so the history shows what the SC saw each time.
 */
export const proposalVersions = pgTable(
  'proposal_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => studyGroups.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    content: jsonb('content').$type<ProposalContent>().notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('proposal_versions_number_key').on(t.groupId, t.number)],
);

/** Review comments on a submitted proposal, seen by the Steering Committee and the proposers. */
export const proposalReviews = pgTable(
  'proposal_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => studyGroups.id, { onDelete: 'cascade' }),
    versionNumber: integer('version_number').notNull(),
    authorId: uuid('author_id').references(() => users.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('proposal_reviews_group_idx').on(t.groupId, t.createdAt)],
);

/** Every lifecycle step, with the SC meeting that decided it when there was one. */
export const groupDecisions = pgTable(
  'group_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => studyGroups.id, { onDelete: 'cascade' }),
    transition: text('transition').$type<Transition>().notNull(),
    fromStatus: text('from_status').$type<StudyGroupStatus>().notNull(),
    toStatus: text('to_status').$type<StudyGroupStatus>().notNull(),
    scMeetingId: uuid('sc_meeting_id').references(() => scMeetings.id),
    reasons: text('reasons'),
    /** For an extension: the new end of the term. */
    termEnd: date('term_end'),
    versionNumber: integer('version_number'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('group_decisions_group_idx').on(t.groupId, t.decidedAt)],
);

/** An emailed invitation to take a role in a group; accepting it creates the membership. */
export const groupInvitations = pgTable(
  'group_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => studyGroups.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role').$type<GroupRole>().notNull(),
    committeeId: uuid('committee_id').references(() => memberCommittees.id),
    userId: uuid('user_id').references(() => users.id),
    invitedBy: uuid('invited_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('group_invitations_group_idx').on(t.groupId),
    // One open invitation per address, group and role.
    uniqueIndex('group_invitations_open_key').on(t.groupId, t.email, t.role).where(sql`accepted_at IS NULL AND revoked_at IS NULL`),
  ],
);

export const studyGroupCoChairs = pgTable(
  'study_group_co_chairs',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => studyGroups.id, { onDelete: 'cascade' }),
    committeeId: uuid('committee_id')
      .notNull()
      .references(() => memberCommittees.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.committeeId] })],
);

export const groupMemberships = pgTable(
  'group_memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => studyGroups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').$type<GroupRole>().notNull(),
    /** The delegation the person sits in for this role; null for an observer without one. */
    committeeId: uuid('committee_id').references(() => memberCommittees.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedBy: uuid('ended_by').references(() => users.id),
  },
  (t) => [
    index('group_memberships_group_idx').on(t.groupId),
    index('group_memberships_user_idx').on(t.userId),
    uniqueIndex('group_memberships_active_role_key').on(t.groupId, t.userId, t.role).where(sql`ended_at IS NULL`),
    // One head per delegation at a time.
    uniqueIndex('group_memberships_one_head_key').on(t.groupId, t.committeeId).where(sql`role = 'delegation_head' AND ended_at IS NULL`),
  ],
);

export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => studyGroups.id, { onDelete: 'cascade' }),
    sequence: integer('sequence').notNull(),
    hostCommitteeId: uuid('host_committee_id').references(() => memberCommittees.id),
    city: text('city'),
    /** IANA zone that gives the meeting's times their meaning. */
    timeZone: text('time_zone'),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    /** 'YYYY-MM' while only the month is planned; null when dates are still to be set. */
    plannedMonth: text('planned_month'),
    status: text('status').$type<MeetingStatus>().notNull().default('planned'),
    /** Why a meeting was postponed or cancelled. */
    statusReason: text('status_reason'),
    title: text('title'),
    venue: text('venue'),
    format: text('format').$type<MeetingFormat>().notNull().default('in_person'),
    /** The link for a virtual or hybrid meeting; shown only to those who may see the meeting. */
    onlineUrl: text('online_url'),
    /** How remarks may be attributed: the Chatham House Rule unless the co-chairs decide otherwise. */
    attribution: text('attribution').$type<AttributionRule>().notNull().default('chatham_house'),
    /** Bumped by every change of the meeting's details: an edit names the version it read. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('meetings_sequence_key').on(t.groupId, t.sequence), check('meetings_time_order', sql`${t.endsAt} IS NULL OR ${t.startsAt} IS NULL OR ${t.endsAt} > ${t.startsAt}`)],
);
