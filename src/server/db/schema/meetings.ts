import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AttendanceResponse, MaterialKind, ReportStatus } from '../../../core/meetings';
import type { RichText } from '../../../core/rich-text';
import { users } from './accounts';
import { meetings, studyGroups } from './study-groups';

/** One session of a meeting's timetable. */
export const meetingSessions = pgTable(
  'meeting_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    /** Order in the timetable when times are equal or not yet set. */
    position: integer('position').notNull(),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    chairId: uuid('chair_id').references(() => users.id),
    /** Speakers who are members of the group. */
    speakerIds: uuid('speaker_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Speakers from outside the group, as written (a name and affiliation). */
    guestSpeakers: text('guest_speakers'),
    description: text('description'),
    /** A break-out meant to run beside others: its overlaps are intended, not mistakes. */
    parallel: boolean('parallel').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_sessions_meeting_idx').on(t.meetingId, t.startsAt), check('meeting_sessions_time_order', sql`${t.endsAt} > ${t.startsAt}`)],
);

/** A participant invited to a meeting, and their answer. */
export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
    invitedBy: uuid('invited_by').references(() => users.id),
    response: text('response').$type<AttendanceResponse>(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    /** Recorded afterwards by the secretariat or rapporteur: who actually took part. */
    attended: text('attended').$type<'in_person' | 'remote' | 'absent'>(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index('meeting_attendance_user_idx').on(t.userId)],
);

/** Stored files, by the SHA-256 of their content: the same file uploaded twice is stored once. */
export const files = pgTable('files', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  /** The type the content was recognised as, not what its name claimed. */
  mimeType: text('mime_type').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A paper, slides or image for a meeting; its versions hold the files. */
export const materials = pgTable(
  'materials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    kind: text('kind').$type<MaterialKind>().notNull(),
    /** A prepared paper is attributed to its author (with consent, under the Chatham House Rule). */
    authorId: uuid('author_id').references(() => users.id),
    sessionId: uuid('session_id').references(() => meetingSessions.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [index('materials_meeting_idx').on(t.meetingId)],
);

export const materialVersions = pgTable(
  'material_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    materialId: uuid('material_id')
      .notNull()
      .references(() => materials.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    fileSha256: text('file_sha256')
      .notNull()
      .references(() => files.sha256),
    fileName: text('file_name').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('material_versions_number_key').on(t.materialId, t.number)],
);

/** The Co-Chairs' Report of a meeting, written by the rapporteur. */
export const meetingReports = pgTable('meeting_reports', {
  meetingId: uuid('meeting_id')
    .primaryKey()
    .references(() => meetings.id, { onDelete: 'cascade' }),
  content: jsonb('content').$type<RichText>().notNull(),
  status: text('status').$type<ReportStatus>().notNull().default('drafting'),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  circulatedAt: timestamp('circulated_at', { withTimezone: true }),
  finalizedAt: timestamp('finalized_at', { withTimezone: true }),
});

/**
 * Secret calendar addresses: a person's (every meeting they may see) or a group's. Stored as
 * the hash of the secret; revoking one stops it at once.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    /** The person whose calendar it is, and whose access it carries. */
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Null: every group of the person; otherwise only this group. */
    groupId: uuid('group_id').references(() => studyGroups.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('calendar_feeds_token_key').on(t.tokenHash), index('calendar_feeds_user_idx').on(t.userId)],
);
