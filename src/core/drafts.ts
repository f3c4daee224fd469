import { z } from 'zod';
import { ZVersionNumber } from './numbers';
import { ZLang } from './agenda';
import { can, type GroupFacts, type Principal } from './policies';

/**
 * Live drafts of a group's recommendations (issue #5): documents several people edit at once,
 * held as Yjs state and served on /collab. A draft's lifecycle follows domain.md's recommendation:
 * draft → under discussion → proposed → adopted (with a grade) | noted | dropped. Text changes
 * only while it is a draft or under discussion; later it is settled by positions and decisions.
 */
export const DRAFT_STATUSES = ['draft', 'under_discussion', 'proposed', 'adopted', 'noted', 'dropped'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];
export const EDITABLE_DRAFT_STATUSES: readonly DraftStatus[] = ['draft', 'under_discussion'];

/** How far someone may go with a draft's text: type in it, comment on it, or read it. */
export const DRAFT_ACCESS = ['edit', 'comment', 'read'] as const;
export type DraftAccess = (typeof DRAFT_ACCESS)[number];

/**
 * The viewer's access to one draft, from the same table as every other right (`can()`), so
 * HTTP, the collaboration server and the UI agree. Null: they may not see it at all.
 */
export function draftAccess(principals: ReadonlySet<Principal>, group: GroupFacts, status: DraftStatus): DraftAccess | null {
  if (!can(principals, 'drafts.view', group)) return null;
  const open = EDITABLE_DRAFT_STATUSES.includes(status);
  if (open && can(principals, 'drafts.edit', group)) return 'edit';
  if (open && can(principals, 'drafts.comment', group)) return 'comment';
  return 'read';
}

/** The name of a draft's live document on /collab. */
export const draftDocumentName = (draftId: string) => `draft:${draftId}`;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The draft a /collab document name stands for, or null when it names none. */
export function draftIdOfDocument(name: string): string | null {
  const m = /^draft:(.+)$/.exec(name);
  return m?.[1] && UUID_RE.test(m[1]) ? m[1].toLowerCase() : null;
}

export const DRAFT_LIMITS = {
  titleMax: 300,
  /** Paragraphs of the initial text sent when a draft is created. */
  initialParagraphsMax: 500,
  paragraphMax: 20_000,
} as const;

/** The language the text is authoritative in (the same tags as agenda items). */
const ZDraftLang = ZLang;

const ZTitle = z.string().trim().min(3).max(DRAFT_LIMITS.titleMax);

export const ZCreateDraft = z
  .object({
    title: ZTitle,
    /** Without it, judged from the title and paragraphs (`detectTextLanguage`), the author's language where they cannot tell. */
    lang: ZDraftLang.optional(),
    /** Optional starting text, one string per paragraph; line breaks inside a string are kept as typed. */
    paragraphs: z
      .array(z.union([z.string().max(DRAFT_LIMITS.paragraphMax), z.object({ text: z.string().max(DRAFT_LIMITS.paragraphMax), kind: z.enum(['text', 'recommendation']) }).strict()]))
      .max(DRAFT_LIMITS.initialParagraphsMax)
      .optional(),
  })
  .strict();
export type CreateDraftInput = z.infer<typeof ZCreateDraft>;

export const ZRenameDraft = z.object({ title: ZTitle, version: ZVersionNumber }).strict();
export type RenameDraftInput = z.infer<typeof ZRenameDraft>;

const ZPersonRef = z.object({ id: z.uuid(), displayName: z.string(), names: z.record(z.string(), z.string()) });

export const ZDraftSummary = z.object({
  id: z.uuid(),
  number: z.number().int().positive(),
  title: z.string(),
  lang: z.string(),
  status: z.enum(DRAFT_STATUSES),
  /** Of the title and status; a rename sends it back. */
  version: z.number().int(),
  /** Bumped each time the live text is stored. */
  stateVersion: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type DraftSummary = z.infer<typeof ZDraftSummary>;

export const ZDraftView = ZDraftSummary.extend({
  groupId: z.uuid(),
  createdBy: ZPersonRef.nullable(),
  /** What the viewer may do with the text; the collaboration server applies the same. */
  access: z.enum(DRAFT_ACCESS),
  /** Connect a HocuspocusProvider to `collab.path` (same origin) with `collab.documentName`. */
  collab: z.object({ path: z.literal('/collab'), documentName: z.string() }),
});
export type DraftView = z.infer<typeof ZDraftView>;

/**
 * One block of text as read from the live document: a paragraph, heading, list item's paragraph…
 * with its stable uid (null in text written before uids, until an editor opens it) and, for a
 * paragraph, whether it is a recommendation (see draft-structure.ts).
 */
export const ZDraftBlock = z.object({ type: z.string(), text: z.string(), uid: z.string().nullable(), kind: z.enum(['text', 'recommendation']) });
export type DraftBlock = z.infer<typeof ZDraftBlock>;

export const ZDraftText = z.object({
  draftId: z.uuid(),
  lang: z.string(),
  /** The last stored version; a text read from the live document ('live') may be newer than it. */
  stateVersion: z.number().int(),
  source: z.enum(['live', 'stored']),
  paragraphs: z.array(ZDraftBlock),
});
export type DraftText = z.infer<typeof ZDraftText>;

/** An amendment's life: open until the co-chairs accept, reject or merge it, or its proposer withdraws it. */
export const AMENDMENT_STATUSES = ['open', 'accepted', 'rejected', 'merged', 'withdrawn'] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

/** A silence procedure runs until its deadline: broken by an objection or amendment, or the text is adopted. */
export const SILENCE_STATUSES = ['running', 'broken', 'adopted', 'cancelled'] as const;
export type SilenceStatus = (typeof SILENCE_STATUSES)[number];
