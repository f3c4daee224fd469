import { z } from 'zod';
import { ZInt } from '../../../core/numbers';
import { CONSENSUS_GRADES, OUTCOMES, POSITION_TEXT_MAX, POSITIONS, SILENCE_BREAK_KINDS, ZPositionInput } from '../../../core/consensus';
import { SILENCE_STATUSES } from '../../../core/drafts';

/**
 * Request and response shapes of positions, outcomes and silence (#5 parts 6-7). The rules'
 * own inputs (ZPositionInput, ZSilenceStart, ZSilenceBreak) come from src/core/consensus.ts.
 */

/**
 * A position as sent: ZPositionInput's rules, where `version` is the version of the position
 * row the head read (0 when their committee had none on this version of the text): a stale one
 * answers 409, never a silent overwrite. The text's version is in the address.
 */
export const ZPositionBody = ZPositionInput.safeExtend({ version: ZInt(0) });

const ZPersonRef = z.object({ id: z.uuid(), displayName: z.string(), names: z.record(z.string(), z.string()) });
export const ZCommittee = z.object({ id: z.uuid(), code: z.string(), name: z.string() });

export const ZPositionView = z.object({
  committee: ZCommittee,
  position: z.enum(POSITIONS),
  text: z.string().nullable(),
  change: z.string().nullable(),
  /** The number of the version of the text it was taken on. */
  onVersion: z.number().int(),
  /** Taken on an earlier version than the one shown (see `standing` for whether it still counts). */
  superseded: z.boolean(),
  /**
   * How it stands on the version shown: taken on it; carried over from an earlier version whose
   * text of this recommendation is the same (it counts); or taken on a text changed since (the
   * delegation is asked to look again: only an objection still counts, and blocks).
   */
  standing: z.enum(['current', 'carried', 'changed']),
  /** The row's version: send it back to change this position (0 when superseded: a new one is recorded on the current text). */
  version: z.number().int(),
  recordedBy: ZPersonRef.nullable(),
  recordedAt: z.iso.datetime(),
});

export const ZOutcomeView = z.object({
  recommendationUid: z.string(),
  outcome: z.enum(OUTCOMES),
  grade: z.enum(CONSENSUS_GRADES).nullable(),
  summary: z.string().nullable(),
  via: z.enum(['declaration', 'silence']),
  /** The number of the version it was declared on. */
  onVersion: z.number().int(),
  declaredBy: ZPersonRef.nullable(),
  declaredAt: z.iso.datetime(),
  /** Send it back to declare again. */
  version: z.number().int(),
});

const ZCode = z.object({ committeeId: z.uuid(), code: z.string() });
export const ZConsensusView = z.object({
  counts: z.record(z.enum(POSITIONS), z.number().int()),
  taken: z.number().int(),
  silent: z.array(ZCode),
  /** Delegations whose latest position was taken on a text changed since: asked to look again (an objection among them still blocks). */
  stale: z.array(ZCode.extend({ position: z.enum(POSITIONS), onVersion: z.number().int() })),
  /** Delegations whose position was taken on an earlier version with the same text of this recommendation: it counts. */
  carried: z.array(ZCode.extend({ onVersion: z.number().int() })),
  /** The objections in force; `changed` when the text changed since it was raised (it stands until withdrawn or restated). */
  blocking: z.array(ZCode.extend({ change: z.string(), standing: z.enum(['current', 'carried', 'changed']) })),
  reservations: z.array(ZCode.extend({ text: z.string() })),
  adoptable: z.boolean(),
  grade: z.enum(CONSENSUS_GRADES).nullable(),
});

export const ZConsensusMatrix = z.object({
  draftId: z.uuid(),
  version: z.object({ number: z.number().int(), name: z.string(), createdAt: z.iso.datetime() }),
  latestVersion: z.number().int(),
  /** Positions are recorded on the latest version only; an earlier one is shown as it stood. */
  superseded: z.boolean(),
  delegations: z.array(ZCommittee),
  recommendations: z.array(
    z.object({
      number: z.number().int(),
      uid: z.string(),
      text: z.string(),
      /** One cell per delegation, in the order of `delegations`: the position in force, or null (silent). */
      cells: z.array(z.object({ committeeId: z.uuid(), position: ZPositionView.nullable() })),
      consensus: ZConsensusView,
      outcome: ZOutcomeView.nullable(),
    }),
  ),
});
export type ConsensusMatrix = z.infer<typeof ZConsensusMatrix>;

export const ZDeclareOutcome = z
  .object({
    outcome: z.enum(OUTCOMES),
    /** The chair's summary: required for 'chair_summary', refused otherwise. */
    summary: z.string().trim().min(1).max(POSITION_TEXT_MAX).optional(),
    /** The version of the outcome read (0 when none was declared). */
    version: ZInt(0),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.outcome === 'chair_summary' && !v.summary) ctx.addIssue({ code: 'custom', path: ['summary'], message: "A chair's summary needs its text" });
    if (v.outcome !== 'chair_summary' && v.summary !== undefined) ctx.addIssue({ code: 'custom', path: ['summary'], message: "Only a chair's summary carries a text" });
  });
export type DeclareOutcomeInput = z.infer<typeof ZDeclareOutcome>;

export const ZFootnotes = z.object({
  draftId: z.uuid(),
  /** The latest version, whose numbering the footnotes follow. */
  version: z.number().int(),
  recommendations: z.array(
    z.object({
      /** R number in the latest version (null when the recommendation is no longer in it). */
      number: z.number().int().nullable(),
      uid: z.string(),
      grade: z.enum(CONSENSUS_GRADES).nullable(),
      footnotes: z.array(z.object({ committee: z.object({ code: z.string(), name: z.string() }), text: z.string() })),
    }),
  ),
});

export const ZSilenceBreakView = z.object({
  id: z.uuid(),
  kind: z.enum(SILENCE_BREAK_KINDS),
  reason: z.string(),
  by: ZPersonRef.nullable(),
  committee: ZCommittee.nullable(),
  at: z.iso.datetime(),
});

export const ZSilenceView = z.object({
  id: z.uuid(),
  /** The number of the version under silence. */
  version: z.number().int(),
  status: z.enum(SILENCE_STATUSES),
  /** silenceState() now: running (with the time left), broken (the first break) or adopted; cancelled when the co-chairs withdrew it. */
  state: z.enum(['running', 'broken', 'adopted', 'cancelled']),
  remainingMs: z.number().int().nullable(),
  startedBy: ZPersonRef.nullable(),
  startedAt: z.iso.datetime(),
  deadline: z.iso.datetime(),
  concludedAt: z.iso.datetime().nullable(),
  /** The zone the group's mail gives the deadline in (its meeting nearest the deadline; UTC without one). */
  groupTimeZone: z.string(),
  breaks: z.array(ZSilenceBreakView),
});
export type SilenceView = z.infer<typeof ZSilenceView>;
