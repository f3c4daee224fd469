import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AgendaItemStatus } from '../../../core/agenda';
import { users } from './accounts';
import { memberCommittees } from './council';
import { meetingSessions } from './meetings';
import { studyGroups } from './study-groups';

/**
 * The group's open agenda: issues any member may raise (the proposal's 'Open' principle),
 * numbered in the order they were raised. Sessions of meetings take them up; later work
 * (prioritisation, Delphi rounds) assesses them.
 */
export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => studyGroups.id, { onDelete: 'cascade' }),
    /** 1, 2, 3… within the group; never reused, so "item 4" keeps meaning the same issue. */
    number: integer('number').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    /** The language the proposer wrote in (BCP 47: en, ko, zh, ja…), for the right fonts and line breaks. */
    lang: text('lang').notNull(),
    status: text('status').$type<AgendaItemStatus>().notNull().default('open'),
    /** Why an item was closed or withdrawn. */
    statusReason: text('status_reason'),
    proposedBy: uuid('proposed_by').references(() => users.id),
    /** The delegation the proposer raised it for, if any (observers raise items in their own name). */
    committeeId: uuid('committee_id').references(() => memberCommittees.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agenda_items_number_key').on(t.groupId, t.number), check('agenda_items_number_positive', sql`${t.number} > 0`)],
);

/** Which agenda items a session takes up, in the order the session lists them. */
export const sessionAgendaItems = pgTable(
  'session_agenda_items',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => meetingSessions.id, { onDelete: 'cascade' }),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.agendaItemId] }), index('session_agenda_items_item_idx').on(t.agendaItemId)],
);
