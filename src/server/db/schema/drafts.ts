import { sql } from 'drizzle-orm';
import { check, customType, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { DraftStatus } from '../../../core/drafts';
import { users } from './accounts';
import { studyGroups } from './study-groups';

/**
 * Binary data (drizzle has no bytea). node-postgres reads bytea as a Buffer, PGlite as a
 * Uint8Array; both take either when writing.
 */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * A group's recommendation documents (issue #5), edited live through /collab. The text lives in
 * `state`, a Yjs update holding the whole document; it is written by the collaboration server
 * under a row lock, merged with what is stored, and `state_version` counts those writes.
 */
export const drafts = pgTable(
  'drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => studyGroups.id, { onDelete: 'cascade' }),
    /** 1, 2, 3… within the group; never reused, so "draft 3" keeps meaning one text. */
    number: integer('number').notNull(),
    title: text('title').notNull(),
    /** The authoritative language of the text (BCP 47). */
    lang: text('lang').notNull(),
    status: text('status').$type<DraftStatus>().notNull().default('draft'),
    /** The Yjs document (Y.encodeStateAsUpdate) in Tiptap's 'default' XmlFragment layout. */
    state: bytea('state').notNull(),
    stateVersion: integer('state_version').notNull().default(1),
    /** Of the metadata (title, status): a rename names the version it started from. */
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('drafts_number_key').on(t.groupId, t.number),
    check('drafts_number_positive', sql`${t.number} > 0`),
    check('drafts_status_known', sql`${t.status} IN ('draft', 'under_discussion', 'proposed', 'adopted', 'noted', 'dropped')`),
  ],
);
