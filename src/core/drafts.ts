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

/**
 * A draft's status follows what the group did with it (domain: draft → under discussion →
 * proposed → adopted | noted | dropped): a draft until a version is named; proposed while a
 * silence procedure puts a version to the group for adoption (its text then stays as put);
 * once every recommendation of the latest version has an outcome, adopted when any was
 * adopted, noted when any was noted in a chair's summary, dropped when all were dropped;
 * under discussion otherwise.
 */
export function draftStatusOf(input: {
  versions: number;
  recommendations: readonly string[];
  outcomes: ReadonlyMap<string, 'adopted' | 'chair_summary' | 'dropped'>;
  silenceRunning: boolean;
}): DraftStatus {
  if (input.versions === 0) return 'draft';
  const decided = input.recommendations.map((uid) => input.outcomes.get(uid));
  if (decided.length > 0 && decided.every((o) => o !== undefined)) {
    if (decided.includes('adopted')) return 'adopted';
    if (decided.includes('chair_summary')) return 'noted';
    return 'dropped';
  }
  return input.silenceRunning ? 'proposed' : 'under_discussion';
}

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

/**
 * What the server pushes to a draft's connections as stateless messages (JSON):
 * - `stored`: the state vector (base64) of what is now in the database; the editor says "saved"
 *   only for edits it covers;
 * - `deliberation`: versions, amendments, comments, positions or silence changed: read them again.
 * Nothing is replayed: a client that reconnects (its access changed with the draft's status, the
 * server restarted, the network dropped) reads every topic again once it is back in sync.
 */
export const DELIBERATION_TOPICS = ['draft', 'versions', 'amendments', 'comments', 'positions', 'silence'] as const;
export type DeliberationTopic = (typeof DELIBERATION_TOPICS)[number];
export interface DeliberationMessage {
  type: 'deliberation';
  topics: DeliberationTopic[];
}
export interface StoredMessage {
  type: 'stored';
  vector: string;
}
