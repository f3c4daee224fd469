import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Charter } from '../../../core/charter';
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
    approvedAtScMeetingId: uuid('approved_at_sc_meeting_id').references(() => scMeetings.id),
    charter: jsonb('charter').$type<Charter>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('study_groups_slug_key').on(t.slug), index('study_groups_council_idx').on(t.councilId)],
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
  },
  (t) => [index('group_memberships_group_idx').on(t.groupId), index('group_memberships_user_idx').on(t.userId)],
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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('meetings_sequence_key').on(t.groupId, t.sequence)],
);
