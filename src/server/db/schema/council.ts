import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CommitteeMembershipType, CouncilRole } from '../../../core/roles';
import { users } from './accounts';

export const councils = pgTable(
  'councils',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    acronym: text('acronym').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('councils_slug_key').on(t.slug)],
);

export const memberCommittees = pgTable(
  'member_committees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id')
      .notNull()
      .references(() => councils.id),
    /** Short stable code within the council, e.g. KR, CN, EU, PIF. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** ISO 3166 alpha-2 code of the country it belongs to, or null for regional bodies. */
    country: text('country'),
    /** Sub-region used to tell in-region members from outside observers, e.g. northeast_asia. */
    subregion: text('subregion').notNull(),
    hostInstitution: text('host_institution'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('member_committees_code_key').on(t.councilId, t.code)],
);

/** Membership type over time: a change adds a row and closes the previous one, never overwrites. */
export const committeeMemberships = pgTable(
  'committee_memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    committeeId: uuid('committee_id')
      .notNull()
      .references(() => memberCommittees.id),
    type: text('type').$type<CommitteeMembershipType>().notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('committee_memberships_committee_idx').on(t.committeeId)],
);

export const councilRoles = pgTable(
  'council_roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id')
      .notNull()
      .references(() => councils.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').$type<CouncilRole>().notNull(),
    /** The member committee an SC member represents. */
    committeeId: uuid('committee_id').references(() => memberCommittees.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('council_roles_user_idx').on(t.userId), index('council_roles_council_idx').on(t.councilId)],
);

export const scMeetings = pgTable(
  'sc_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id')
      .notNull()
      .references(() => councils.id),
    number: integer('number').notNull(),
    heldOn: date('held_on').notNull(),
    place: text('place').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sc_meetings_number_key').on(t.councilId, t.number)],
);
