import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { ConsensusGrade, Outcome, Position, SilenceBreakKind } from '../../../core/consensus';
import type { AmendmentStatus, DraftBlock, SilenceStatus } from '../../../core/drafts';
import { users } from './accounts';
import { memberCommittees } from './council';
import { bytea, drafts } from './drafts';

/**
 * Named snapshots of a draft ("Draft for the Tokyo meeting"): the whole Yjs state, and its blocks
 * as read then (with each block's stable uid), so versions compare, amendments and positions
 * name the text they were about, and an old one can be restored as a new one.
 */
export const draftVersions = pgTable(
  'draft_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    state: bytea('state').notNull(),
    blocks: jsonb('blocks').$type<DraftBlock[]>().notNull(),
    /** The version this one restored, when it was made by restoring. */
    restoredFrom: integer('restored_from'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('draft_versions_number_key').on(t.draftId, t.number), check('draft_versions_number_positive', sql`${t.number} > 0`)],
);

/** A proposed change to one paragraph of a given version, on behalf of a delegation. */
export const amendments = pgTable(
  'amendments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    /** A1, A2… within the draft. */
    number: integer('number').notNull(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => draftVersions.id),
    /** The paragraph (its stable uid) the amendment changes; null for a new paragraph after `afterUid`. */
    blockUid: text('block_uid'),
    afterUid: text('after_uid'),
    /** The paragraph's text in that version, and the text proposed instead ('' deletes it). */
    originalText: text('original_text').notNull(),
    proposedText: text('proposed_text').notNull(),
    rationale: text('rationale').notNull(),
    proposedBy: uuid('proposed_by').references(() => users.id),
    committeeId: uuid('committee_id').references(() => memberCommittees.id),
    status: text('status').$type<AmendmentStatus>().notNull().default('open'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    mergedInto: uuid('merged_into').references((): AnyPgColumn => amendments.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('amendments_number_key').on(t.draftId, t.number), index('amendments_block_idx').on(t.draftId, t.blockUid)],
);

/** Comment threads anchored to a range of a paragraph; a reply names its thread's first comment. */
export const draftComments = pgTable(
  'draft_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    threadId: uuid('thread_id').references((): AnyPgColumn => draftComments.id, { onDelete: 'cascade' }),
    blockUid: text('block_uid'),
    /** Offsets in the paragraph's text when the thread began, and the words quoted. */
    anchorStart: integer('anchor_start'),
    anchorEnd: integer('anchor_end'),
    quote: text('quote'),
    body: text('body').notNull(),
    authorId: uuid('author_id').references(() => users.id),
    mentions: uuid('mentions').array().notNull().default(sql`'{}'::uuid[]`),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('draft_comments_draft_idx').on(t.draftId, t.createdAt), index('draft_comments_thread_idx').on(t.threadId)],
);

/** A delegation's position on one recommendation (by uid) of one version. */
export const positions = pgTable(
  'positions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => draftVersions.id),
    recommendationUid: text('recommendation_uid').notNull(),
    committeeId: uuid('committee_id')
      .notNull()
      .references(() => memberCommittees.id),
    position: text('position').$type<Position>().notNull(),
    /** A reservation's wording (a footnote naming the committee). */
    text: text('text'),
    /** An objection's change that would let the committee live with the text. */
    change: text('change'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    /** Bumped on each change: a second writer sends the one it read. */
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('positions_key').on(t.versionId, t.recommendationUid, t.committeeId), index('positions_draft_idx').on(t.draftId)],
);

/** What the co-chairs declared for a recommendation: adopted with its grade, noted in a chair's summary, dropped. */
export const recommendationOutcomes = pgTable(
  'recommendation_outcomes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    recommendationUid: text('recommendation_uid').notNull(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => draftVersions.id),
    outcome: text('outcome').$type<Outcome>().notNull(),
    grade: text('grade').$type<ConsensusGrade>(),
    /** The chair's summary, on the co-chairs' own responsibility. */
    summary: text('summary'),
    /** 'silence' when adopted at a silence procedure's deadline. */
    via: text('via').notNull().default('declaration'),
    declaredBy: uuid('declared_by').references(() => users.id),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull().defaultNow(),
    /** Bumped on each re-declaration: a co-chair replaces an outcome only from the one they read. */
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('recommendation_outcomes_key').on(t.draftId, t.recommendationUid)],
);

/** A version put under silence until a deadline. */
export const silenceProcedures = pgTable(
  'silence_procedures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => draftVersions.id),
    status: text('status').$type<SilenceStatus>().notNull().default('running'),
    startedBy: uuid('started_by').references(() => users.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    concludedAt: timestamp('concluded_at', { withTimezone: true }),
  },
  (t) => [index('silence_procedures_draft_idx').on(t.draftId)],
);

/** What broke silence: an objection or an amendment before the deadline, by whom and why. */
export const silenceBreaks = pgTable('silence_breaks', {
  id: uuid('id').primaryKey().defaultRandom(),
  procedureId: uuid('procedure_id')
    .notNull()
    .references(() => silenceProcedures.id, { onDelete: 'cascade' }),
  kind: text('kind').$type<SilenceBreakKind>().notNull(),
  reason: text('reason').notNull(),
  byId: uuid('by_id').references(() => users.id),
  committeeId: uuid('committee_id').references(() => memberCommittees.id),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});
