import { z } from 'zod';
import { ZAttributionRule } from './meetings';
import { ZPersonNames, type PersonNames } from './people';

/*
 * What the attribution check (`./attribution`) exchanges: the people it looks for, its findings
 * and warnings, and the answers to warnings. Apart from the matcher, so that schemas that embed
 * a check (the report's view) do not pull the matcher and its Unicode data in with them.
 */

/** Someone whose identity or affiliation a report under the Chatham House Rule must not reveal. */
export interface AttributionPerson {
  /** The account; null for a guest speaker known only by the text of the timetable. */
  id: string | null;
  displayName: string;
  names?: PersonNames | undefined;
  affiliation?: string | null | undefined;
  /** The member committees the person belongs to or sits for (their delegation), with the committee's country (ISO 3166 alpha-2) when it has one. */
  committees?: { code: string; name: string; country?: string | null | undefined }[] | undefined;
}

export const ATTRIBUTION_SOURCES = ['display_name', 'latin', 'hangul', 'hanzi', 'kanji', 'affiliation', 'committee_name', 'committee_code', 'committee_country'] as const;
export type AttributionSource = (typeof ATTRIBUTION_SOURCES)[number];

const ZPlace = {
  /** Whose it is; several people when they share it (an affiliation, a committee, a given name). */
  people: z.array(z.object({ id: z.string().nullable(), displayName: z.string() })),
  /** The top-level block of the report (0-based), as `blockTexts` numbers them. */
  block: z.number().int(),
  /** In the block's text, or in the address of a link in it. */
  in: z.enum(['text', 'link']),
  /** Offsets of the match in the block's text (or the link's address), UTF-16 units. */
  start: z.number().int(),
  end: z.number().int(),
  match: z.string(),
  /** Up to 40 characters either side of the match, to show where it is. */
  before: z.string(),
  after: z.string(),
};

export const ZAttributionFinding = z.object({
  kind: z.enum(['name', 'affiliation', 'committee']),
  /** Which of the person's records matched: a script of the name, the affiliation, a committee (its name, code, or country's delegation). */
  source: z.enum(ATTRIBUTION_SOURCES),
  /** The record as stored: 'Yoon Jae-seok', '윤재석', 'CSCAP-Korea'. */
  term: z.string(),
  ...ZPlace,
});
export type AttributionFinding = z.infer<typeof ZAttributionFinding>;

/**
 * A part of a participant's name found alone ('Harriet thanked the hosts', 'Ashby disagreed'):
 * in a group of thirty it identifies someone, but it may also be someone else or a word, so it
 * is not refused outright. It must be answered (acknowledged by its `key`) before the report
 * leaves the group.
 */
export const ZAttributionWarning = z.object({
  kind: z.literal('name_part'),
  part: z.enum(['given', 'family']),
  source: z.enum(ATTRIBUTION_SOURCES),
  /** The spelling the part belongs to ('Harriet Osei'). */
  term: z.string(),
  /** Stable while the text is the same: names the warning in an acknowledgement. */
  key: z.string(),
  ...ZPlace,
});
export type AttributionWarning = z.infer<typeof ZAttributionWarning>;

export const ZAttributionCheck = z.object({
  rule: ZAttributionRule,
  /** True when nothing was found: the report may leave the group once its warnings are answered. */
  ok: z.boolean(),
  findings: z.array(ZAttributionFinding),
  warnings: z.array(ZAttributionWarning),
});
export type AttributionCheck = z.infer<typeof ZAttributionCheck>;

/** How a warning was answered: the name there is not this participant's, or it was reviewed and may stand. */
export const WARNING_ANSWERS = ['not_this_person', 'reviewed'] as const;
export const ZWarningAnswer = z.object({ key: z.string().min(1).max(400), answer: z.enum(WARNING_ANSWERS) }).strict();
export type WarningAnswer = z.infer<typeof ZWarningAnswer>;

export const ZAttributionPerson = z.object({
  id: z.string().nullable(),
  displayName: z.string(),
  names: ZPersonNames.optional(),
  affiliation: z.string().nullable().optional(),
  committees: z.array(z.object({ code: z.string(), name: z.string(), country: z.string().nullable().optional() })).optional(),
});
