import { z } from 'zod';
import { ZInt, ZQueryVersionNumber, ZVersionNumber } from './numbers';
import { numberBlocks, type NumberedBlock } from './draft-structure';
import { AMENDMENT_STATUSES, DRAFT_LIMITS, type DraftBlock } from './drafts';
import { diffParagraphs, diffText, diffTokens, type DiffOp } from './text-diff';
import { DRAFT_LINE_WIDTH, lineAt, numberLines } from './text-lines';

/**
 * Deliberation on a draft (issue #5, parts 3-5): named versions and their comparison,
 * amendments to a paragraph of a version, and comment threads anchored to a paragraph's words.
 * Paragraphs are named by their stable uid (src/core/draft-structure.ts) throughout, so an
 * amendment, a comment or a comparison finds the same paragraph in every version.
 */

export const DELIBERATION_LIMITS = {
  versionNameMax: 200,
  rationaleMax: 5_000,
  reasonMax: 2_000,
  commentMax: 5_000,
  mentionsMax: 20,
  mergeMax: 20,
} as const;

const ZPersonRef = z.object({ id: z.uuid(), displayName: z.string(), names: z.record(z.string(), z.string()) });
const ZCommitteeRef = z.object({ id: z.uuid(), code: z.string(), name: z.string() });
const ZDiffOp = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() });

// ---------------------------------------------------------------------------------------------
// Versions

export const ZCreateVersion = z.object({ name: z.string().trim().min(1).max(DELIBERATION_LIMITS.versionNameMax) }).strict();
export type CreateVersionInput = z.infer<typeof ZCreateVersion>;

export const ZNumberedBlock = z.object({
  type: z.string(),
  text: z.string(),
  uid: z.string().nullable(),
  kind: z.enum(['text', 'recommendation']),
  /** ¶ number (non-empty paragraphs), null for headings and empty paragraphs. */
  paragraph: z.number().int().nullable(),
  /** R number (recommendations). */
  recommendation: z.number().int().nullable(),
});

export const ZVersionSummary = z.object({
  id: z.uuid(),
  number: z.number().int().positive(),
  name: z.string(),
  /** The version this one restored, when it was made by restoring. */
  restoredFrom: z.number().int().nullable(),
  createdBy: ZPersonRef.nullable(),
  createdAt: z.iso.datetime(),
});
export type VersionSummary = z.infer<typeof ZVersionSummary>;

export const ZVersionView = ZVersionSummary.extend({ draftId: z.uuid(), blocks: z.array(ZNumberedBlock) });
export type VersionView = z.infer<typeof ZVersionView>;

/** `from` and `to` are version numbers; `to` may also be 'live', the text as it is now. */
export const ZCompareQuery = z
  .object({
    from: ZQueryVersionNumber,
    to: z.union([z.literal('live'), ZQueryVersionNumber]),
  })
  .strict();

const ZSide = z.object({ text: z.string(), kind: z.enum(['text', 'recommendation']), type: z.string(), paragraph: z.number().int().nullable(), recommendation: z.number().int().nullable() });
export type CompareSide = z.infer<typeof ZSide>;

/**
 * One paragraph of a comparison, in the newer text's order (a deleted one where it stood):
 * - equal / change: the same paragraph on both sides (the same uid, or alike enough), with the
 *   word- or character-level diff of its text; `moved` when it changed place;
 * - delete / insert: only on one side.
 * `diff` always holds the whole text, so a reader renders every row alike.
 */
export const ZCompareRow = z.object({
  op: z.enum(['equal', 'change', 'delete', 'insert']),
  uid: z.string().nullable(),
  moved: z.boolean(),
  before: ZSide.nullable(),
  after: ZSide.nullable(),
  diff: z.array(ZDiffOp),
});
export type CompareRow = z.infer<typeof ZCompareRow>;

export const ZVersionComparison = z.object({
  draftId: z.uuid(),
  from: ZVersionSummary,
  /** Null when compared with the live text. */
  to: ZVersionSummary.nullable(),
  rows: z.array(ZCompareRow),
  /** How many paragraphs changed, were deleted, inserted or moved. */
  counts: z.object({ changed: z.number().int(), deleted: z.number().int(), inserted: z.number().int(), moved: z.number().int() }),
});
export type VersionComparison = z.infer<typeof ZVersionComparison>;

const side = (b: NumberedBlock): CompareSide => ({ text: b.text, kind: b.kind, type: b.type, paragraph: b.paragraph, recommendation: b.recommendation });

/** The uids that name exactly one block on each side: those paragraphs are compared with themselves. */
function sharedUids(a: readonly DraftBlock[], b: readonly DraftBlock[]): Set<string> {
  const count = (blocks: readonly DraftBlock[]) => {
    const m = new Map<string, number>();
    for (const x of blocks) if (x.uid) m.set(x.uid, (m.get(x.uid) ?? 0) + 1);
    return m;
  };
  const ca = count(a);
  const cb = count(b);
  return new Set([...ca].filter(([uid, n]) => n === 1 && cb.get(uid) === 1).map(([uid]) => uid));
}

/**
 * Compares two texts given as blocks, paragraph by paragraph, for a reader: a paragraph that
 * keeps its uid is compared with its own earlier text wherever it moved; the others (text
 * written before uids, new and deleted paragraphs) are aligned by their text with
 * `diffParagraphs`, which pairs a deleted and an inserted paragraph that are alike. Each side
 * carries its ¶ and R numbers. Pure; the server and the web compare alike.
 */
export function compareBlocks(aBlocks: readonly DraftBlock[], bBlocks: readonly DraftBlock[]): CompareRow[] {
  const a = numberBlocks(aBlocks);
  const b = numberBlocks(bBlocks);
  const shared = sharedUids(a, b);
  const aIndex = new Map(a.flatMap((x, i) => (x.uid && shared.has(x.uid) ? [[x.uid, i] as const] : [])));
  // The shared paragraphs that kept their order anchor the comparison; the others moved.
  const aOrder = a.filter((x) => x.uid && shared.has(x.uid)).map((x) => x.uid as string);
  const bOrder = b.filter((x) => x.uid && shared.has(x.uid)).map((x) => x.uid as string);
  const anchors = new Set<string>();
  const runs = diffTokens(aOrder, bOrder);
  if (runs) {
    for (const r of runs) if (r.op === 'equal') for (let k = 0; k < r.n; k++) anchors.add(aOrder[r.a + k] as string);
  } else {
    // Too reordered to work out: keep those in increasing order, greedily.
    let last = -1;
    for (const uid of bOrder) {
      const i = aIndex.get(uid) as number;
      if (i > last) {
        anchors.add(uid);
        last = i;
      }
    }
  }
  const pairRow = (x: NumberedBlock, y: NumberedBlock, moved: boolean): CompareRow => {
    const same = x.text === y.text && x.kind === y.kind;
    return { op: same ? 'equal' : 'change', uid: y.uid, moved, before: side(x), after: side(y), diff: diffText(x.text, y.text) };
  };
  const rows: CompareRow[] = [];
  let ai = 0;
  let bi = 0;
  const isAnchor = (x: NumberedBlock) => x.uid !== null && anchors.has(x.uid);
  while (ai <= a.length && bi <= b.length) {
    // One segment: the blocks before the next anchor on each side.
    let aEnd = ai;
    while (aEnd < a.length && !isAnchor(a[aEnd] as NumberedBlock)) aEnd++;
    let bEnd = bi;
    while (bEnd < b.length && !isAnchor(b[bEnd] as NumberedBlock)) bEnd++;
    const aLoose = a.slice(ai, aEnd).filter((x) => !(x.uid && shared.has(x.uid)));
    const bSeg = b.slice(bi, bEnd);
    const bLoose = bSeg.filter((x) => !(x.uid && shared.has(x.uid)));
    const ops = diffParagraphs(
      aLoose.map((x) => x.text),
      bLoose.map((x) => x.text),
    );
    let op = 0;
    const emit = (o: (typeof ops)[number]) => {
      if (o.op === 'delete') {
        const x = aLoose[o.a] as NumberedBlock;
        rows.push({ op: 'delete', uid: x.uid, moved: false, before: side(x), after: null, diff: x.text ? [{ op: 'delete', text: x.text }] : [] });
      } else if (o.op === 'insert') {
        const y = bLoose[o.b] as NumberedBlock;
        rows.push({ op: 'insert', uid: y.uid, moved: false, before: null, after: side(y), diff: y.text ? [{ op: 'insert', text: y.text }] : [] });
      } else rows.push(pairRow(aLoose[o.a] as NumberedBlock, bLoose[o.b] as NumberedBlock, false));
    };
    let looseIndex = 0;
    for (const y of bSeg) {
      if (y.uid && shared.has(y.uid)) {
        rows.push(pairRow(a[aIndex.get(y.uid) as number] as NumberedBlock, y, true));
        continue;
      }
      // Everything up to this inserted (or paired) paragraph, deletions first.
      while (op < ops.length) {
        const o = ops[op++] as (typeof ops)[number];
        emit(o);
        if (o.op !== 'delete' && o.b === looseIndex) break;
      }
      looseIndex++;
    }
    while (op < ops.length) emit(ops[op++] as (typeof ops)[number]);
    if (aEnd >= a.length && bEnd >= b.length) break;
    // The anchor itself: the same paragraph in order on both sides.
    rows.push(pairRow(a[aEnd] as NumberedBlock, b[bEnd] as NumberedBlock, false));
    ai = aEnd + 1;
    bi = bEnd + 1;
  }
  return rows;
}

export function comparisonCounts(rows: readonly CompareRow[]) {
  return {
    changed: rows.filter((r) => r.op === 'change').length,
    deleted: rows.filter((r) => r.op === 'delete').length,
    inserted: rows.filter((r) => r.op === 'insert').length,
    moved: rows.filter((r) => r.moved).length,
  };
}

// ---------------------------------------------------------------------------------------------
// Amendments

const ZText = z.string().max(DRAFT_LIMITS.paragraphMax);
const ZRationale = z.string().trim().min(1).max(DELIBERATION_LIMITS.rationaleMax);

/**
 * A change to one paragraph (by uid) of a version: its new text ('' deletes it), or a new
 * paragraph after `afterUid`. Exactly one of `blockUid` and `afterUid`.
 */
export const ZProposeAmendment = z
  .object({
    versionId: z.uuid(),
    blockUid: z.string().min(1).max(100).optional(),
    afterUid: z.string().min(1).max(100).optional(),
    proposedText: ZText,
    rationale: ZRationale,
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.blockUid === undefined) === (v.afterUid === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['blockUid'], message: 'Name the paragraph to change (blockUid) or the one a new paragraph follows (afterUid), not both.' });
    }
    if (v.afterUid !== undefined && v.proposedText.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['proposedText'], message: 'A new paragraph needs its text.' });
    }
  });
export type ProposeAmendmentInput = z.infer<typeof ZProposeAmendment>;

const ZRowVersion = ZVersionNumber;
export const ZAcceptAmendment = z
  .object({
    version: ZRowVersion,
    /**
     * The paragraph's text as the decider read it, when it no longer reads as the amended
     * version did (`outOfDate: 'changed'`): accepting then replaces that text, and is refused
     * (409 `amendment.out_of_date`) if the paragraph changed again meanwhile.
     */
    currentText: ZText.optional(),
  })
  .strict();
export const ZWithdrawAmendment = z.object({ version: ZRowVersion }).strict();
export const ZRejectAmendment = z.object({ version: ZRowVersion, reason: z.string().trim().min(1).max(DELIBERATION_LIMITS.reasonMax) }).strict();
export const ZMergeAmendments = z
  .object({
    amendments: z
      .array(z.object({ id: z.uuid(), version: ZRowVersion }).strict())
      .min(2)
      .max(DELIBERATION_LIMITS.mergeMax)
      .refine((list) => new Set(list.map((x) => x.id)).size === list.length, 'Name each amendment once.'),
    proposedText: ZText,
    rationale: ZRationale,
  })
  .strict();
export type MergeAmendmentsInput = z.infer<typeof ZMergeAmendments>;

export const AMENDMENT_ACTIONS = ['accept', 'reject', 'merge', 'withdraw'] as const;
export type AmendmentAction = (typeof AMENDMENT_ACTIONS)[number];

/** What a viewer may do with an amendment: the co-chairs decide open ones; the proposer withdraws their own. */
export function amendmentActions(a: { status: string; proposedBy: string | null }, viewer: { id: string; canDecide: boolean; canAmend: boolean }): AmendmentAction[] {
  if (a.status !== 'open') return [];
  const out: AmendmentAction[] = [];
  if (viewer.canDecide) out.push('accept', 'reject', 'merge');
  if (viewer.canAmend && a.proposedBy === viewer.id) out.push('withdraw');
  return out;
}

export const ZAmendmentView = z.object({
  id: z.uuid(),
  number: z.number().int().positive(),
  /** A1, A2… */
  label: z.string(),
  status: z.enum(AMENDMENT_STATUSES),
  /** Of the amendment: every decision sends the one it read. */
  version: z.number().int(),
  draftVersion: z.object({ id: z.uuid(), number: z.number().int(), name: z.string() }),
  blockUid: z.string().nullable(),
  afterUid: z.string().nullable(),
  /** The paragraph's ¶ and R numbers in the amended version (for a new paragraph: of the one it follows). */
  paragraph: z.number().int().nullable(),
  /**
   * The lines of the amended version the change touches, numbered as the line view numbers
   * them (`lineView`, DRAFT_LINE_WIDTH): a change cites "¶2, lines 5–6"; a new paragraph comes
   * after `last`, the last line of the one it follows (`first` null then).
   */
  lines: z.object({ first: z.number().int().nullable(), last: z.number().int() }).nullable(),
  recommendation: z.number().int().nullable(),
  kind: z.enum(['text', 'recommendation']).nullable(),
  originalText: z.string(),
  proposedText: z.string(),
  diff: z.array(ZDiffOp),
  rationale: z.string(),
  proposedBy: ZPersonRef.nullable(),
  committee: ZCommitteeRef.nullable(),
  createdAt: z.iso.datetime(),
  decidedBy: ZPersonRef.nullable(),
  decidedAt: z.iso.datetime().nullable(),
  decisionReason: z.string().nullable(),
  /** The amendment this one was merged into, and those merged into this one. */
  mergedInto: z.number().int().nullable(),
  mergedFrom: z.array(z.number().int()),
  /** A newer version of the draft exists than the one amended. */
  superseded: z.boolean(),
  /** Numbers of the other open amendments that touch the same paragraph. */
  collidesWith: z.array(z.number().int()),
  /** Numbers of amendments to the same paragraph accepted after this one was proposed. */
  overtakenBy: z.array(z.number().int()),
  /**
   * For an open amendment, against the live text: 'changed' when its paragraph no longer reads
   * as the amended version did (accepting needs the current text), 'gone' when the paragraph
   * (or the one a new paragraph follows) is no longer there; null otherwise.
   */
  outOfDate: z.enum(['changed', 'gone']).nullable(),
  /** The paragraph as it reads now, when it changed; null otherwise. */
  liveText: z.string().nullable(),
  actions: z.array(z.enum(AMENDMENT_ACTIONS)),
});
export type AmendmentView = z.infer<typeof ZAmendmentView>;

export const ZAmendmentList = z.object({
  amendments: z.array(ZAmendmentView),
  /** The latest named version, which new amendments are made against. */
  latestVersion: z.number().int().nullable(),
  canAmend: z.boolean(),
  canDecide: z.boolean(),
});
export type AmendmentList = z.infer<typeof ZAmendmentList>;

export const amendmentLabel = (n: number) => `A${n}`;

/**
 * Where an open amendment stands against the live text (`liveTextOf` gives a paragraph's text
 * now by uid, undefined when it is gone): one rule for the server's view, the accept check and
 * the editor, which applies it to the text as it is typed.
 */
export function amendmentAgainstLive(
  a: { status: string; blockUid: string | null; afterUid: string | null; originalText: string },
  liveTextOf: (uid: string) => string | undefined,
): { outOfDate: 'changed' | 'gone' | null; liveText: string | null } {
  if (a.status !== 'open') return { outOfDate: null, liveText: null };
  const live = liveTextOf((a.blockUid ?? a.afterUid) as string);
  if (live === undefined) return { outOfDate: 'gone', liveText: null };
  if (a.blockUid && live !== a.originalText) return { outOfDate: 'changed', liveText: live };
  return { outOfDate: null, liveText: null };
}

/**
 * The lines an amendment cites in the version it amends (`texts`: the version's blocks' text,
 * in order, as numbered; `index`: the amended block or, for a new paragraph, the one it follows):
 * from the line where the first changed character is to the line of the last; for a new
 * paragraph, the last line of the one before.
 */
export function amendedLines(texts: readonly string[], index: number, change: { insert: boolean; originalText: string; proposedText: string }, width = DRAFT_LINE_WIDTH): { first: number | null; last: number } | null {
  const numbered = numberLines(texts, width)[index];
  if (!numbered) return null;
  const lastLine = numbered.firstLine + numbered.lineCount - 1;
  if (change.insert) return { first: null, last: lastLine };
  let at = 0;
  let from: number | null = null;
  let to = 0;
  for (const op of amendmentDiff(change.originalText, change.proposedText)) {
    if (op.op === 'equal') {
      at += op.text.length;
      continue;
    }
    if (from === null) from = at;
    if (op.op === 'delete') at += op.text.length;
    to = at;
  }
  if (from === null) return { first: numbered.firstLine, last: lastLine };
  const len = texts[index]?.length ?? 0;
  const line = (offset: number) => numbered.firstLine + lineAt(numbered.lines, Math.min(Math.max(offset, 0), len));
  // The last changed character is the one before `to` (a pure insertion sits at `from`).
  return { first: line(from), last: line(to > from ? to - 1 : from) };
}

/** The diff an amendment shows: word by word in Latin scripts, character by character in CJK. */
export const amendmentDiff = (originalText: string, proposedText: string): DiffOp[] => diffText(originalText, proposedText);

// ---------------------------------------------------------------------------------------------
// Comments

const ZMentions = z.array(z.uuid()).max(DELIBERATION_LIMITS.mentionsMax).default([]);
const ZBody = z.string().trim().min(1).max(DELIBERATION_LIMITS.commentMax);

/** A new thread on the words `start`..`end` (UTF-16 offsets, end exclusive) of a paragraph. */
export const ZCreateThread = z
  .object({
    blockUid: z.string().min(1).max(100),
    start: ZInt(0),
    end: ZInt(0),
    body: ZBody,
    /** People to notify, by user id: each must be able to see the draft. */
    mentions: ZMentions,
  })
  .strict()
  .refine((v) => v.end > v.start, { path: ['end'], message: 'The range must hold at least one character.' });
export type CreateThreadInput = z.infer<typeof ZCreateThread>;

export const ZReply = z.object({ body: ZBody, mentions: ZMentions }).strict();
export type ReplyInput = z.infer<typeof ZReply>;

export const ZComment = z.object({
  id: z.uuid(),
  body: z.string(),
  author: ZPersonRef.nullable(),
  mentions: z.array(ZPersonRef),
  createdAt: z.iso.datetime(),
});

export const ZThreadView = ZComment.extend({
  blockUid: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  quote: z.string(),
  /** The paragraph's numbers in the live text now; null when it no longer exists there. */
  paragraph: z.number().int().nullable(),
  recommendation: z.number().int().nullable(),
  resolved: z.boolean(),
  resolvedBy: ZPersonRef.nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  replies: z.array(ZComment),
  /** resolve / reopen, as the viewer may. */
  actions: z.array(z.enum(['reply', 'resolve', 'reopen'])),
});
export type ThreadView = z.infer<typeof ZThreadView>;

export const ZThreadList = z.object({ threads: z.array(ZThreadView), canComment: z.boolean() });
export type ThreadList = z.infer<typeof ZThreadList>;
