import { z } from 'zod';
import { ZVersionNumber } from './numbers';

/**
 * Consensus on recommendation drafts (domain.md "Consensus, as practised"; issue #5 parts 6
 * and 7): the positions delegations take on one version of a text, the graded label those
 * positions earn, what the co-chairs may declare from them, and the silence procedure.
 *
 * Pure rules only: the server loads the rows, asks these functions, and records what they
 * allow. Nothing here knows about CSCAP, four co-chairs or a particular number of delegations.
 *
 * Our reading of the sources, in one place:
 * - Consensus is not unanimity: a text can be adopted when no delegation sustains an objection
 *   on the version in front of the group. Silence does not block, and a reservation does not
 *   block (its wording goes on the record as a footnote naming the member committee).
 * - Only member committees take positions, through their delegation head; observers (the
 *   'Plus' invitees) may speak and propose but never take a position, so their rows, if any,
 *   are not counted.
 * - A position is taken on a recommendation's text. A new version that leaves that text
 *   unchanged leaves the position in force (carried over, and shown as taken on the earlier
 *   version). Where the text changed, a favourable position or a reservation no longer counts
 *   (nobody is bound to words they did not read) and is shown as needing a look; an objection
 *   stands — it still blocks adoption and silence — until its delegation withdraws or restates
 *   it on the new text. No edit, version or silence procedure removes it on its behalf.
 */

// ---------------------------------------------------------------------------------------------
// Positions

/** What a delegation can say about a text, from most to least favourable. Silence is not one: it is the absence of a position. */
export const POSITIONS = ['support', 'can_live_with', 'reservation', 'objection'] as const;
export type Position = (typeof POSITIONS)[number];
export const ZPosition = z.enum(POSITIONS);

/** The longest reservation wording or proposed change we accept (a footnote, not a paper). */
export const POSITION_TEXT_MAX = 4000;

const ZStatementText = z.string().trim().max(POSITION_TEXT_MAX);

/**
 * One delegation's position on one recommendation, as its head (or the secretariat on its
 * behalf) sends it.
 * - `reservation` requires `text`: the reservation's wording, placed on the record as a
 *   footnote naming the member committee.
 * - `objection` requires `change`: the "can't live with" test, i.e. the change that would let
 *   the committee live with the text. An objection that cannot say what would satisfy it is not
 *   one the chair can work with.
 * - `support` and `can_live_with` take neither; a stray field is refused rather than silently
 *   dropped, so nobody believes their remark went on the record when it did not.
 * - `version` is the version of the text the delegation read; a position on any other version
 *   is refused (optimistic concurrency, see `checkPosition`).
 */
export const ZPositionInput = z
  .object({
    position: ZPosition,
    text: ZStatementText.optional(),
    change: ZStatementText.optional(),
    version: ZVersionNumber,
  })
  .strict()
  .superRefine(
    (v, ctx) => {
      if (typeof v !== 'object' || v === null) return;
      const { position, text, change } = v as Record<string, unknown>;
      if (!(POSITIONS as readonly unknown[]).includes(position)) return;
      const blank = (x: unknown) => x === undefined || (typeof x === 'string' && x.trim() === '');
      if (position === 'reservation' && blank(text)) {
        ctx.addIssue({ code: 'custom', path: ['text'], message: 'A reservation is placed on the record as a footnote naming your committee: give its wording' });
      }
      if (position !== 'reservation' && text !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['text'], message: `Only a reservation carries text; ${String(position).replace(/_/g, ' ')} is recorded without one` });
      }
      if (position === 'objection' && blank(change)) {
        ctx.addIssue({ code: 'custom', path: ['change'], message: 'An objection must say what change would let your committee live with the text' });
      }
      if (position !== 'objection' && change !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['change'], message: `Only an objection proposes a change; ${String(position).replace(/_/g, ' ')} is recorded without one` });
      }
    },
    // Runs even when another field is wrong, so that the answer lists every field.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
export type PositionInput = z.output<typeof ZPositionInput>;

// ---------------------------------------------------------------------------------------------
// Error codes

/**
 * Stable error codes of these rules, with the HTTP status each is answered with; meant to join
 * `ERROR_CODES` (src/core/errors.ts) and the i18n catalogs when the routes land. A stale
 * version is the existing `resource.version_conflict`.
 */
export const CONSENSUS_ERRORS = {
  /** Adoption asked for while a delegation objects to the current version. */
  'consensus.objection_sustained': 409,
  /** Adoption asked for while no delegation has taken a position at all. */
  'consensus.no_positions': 409,
  /** Adoption asked for while every position was taken on an earlier version of the text. */
  'consensus.positions_stale': 409,
  /** A position from a committee that takes none here (an observer, a past member). */
  'consensus.not_eligible': 403,
  'silence.deadline_past': 422,
  'silence.deadline_too_far': 422,
  /** A break of silence at or after the deadline: the text was deemed adopted. */
  'silence.closed': 409,
  /** A break of silence dated before the procedure began. */
  'silence.not_started': 409,
} as const;
export type ConsensusErrorCode = keyof typeof CONSENSUS_ERRORS;
/** The existing code (errors.ts) for a request made on a version that is no longer current. */
export const VERSION_CONFLICT = 'resource.version_conflict';

export type Check<T extends object = object, C extends string = ConsensusErrorCode> = ({ ok: true } & T) | { ok: false; code: C };

// ---------------------------------------------------------------------------------------------
// Computing consensus

/** A member committee of the group whose delegation takes positions (never an observer). */
export interface EligibleDelegation {
  committeeId: string;
  /** The committee's code (KR, CN, US…), which names it in footnotes. */
  code: string;
}

/** A position as recorded (a row): what was said, on which version, by whom and when. */
export interface RecordedPosition {
  committeeId: string;
  position: Position;
  text?: string | null;
  change?: string | null;
  /** The version of the text the position was taken on. */
  version: number;
  /** The person who recorded it (the delegation head, or the secretariat on its behalf). */
  recordedBy: string;
  recordedAt: Date | string;
}

export interface ConsensusInput {
  /** The member committees that take positions on this recommendation; order is kept in the output. */
  eligible: readonly EligibleDelegation[];
  /** The recommendation's current version. */
  currentVersion: number;
  /** Positions recorded, in any order; several per committee are allowed (its history). */
  positions: readonly RecordedPosition[];
  /**
   * The recommendation's text in each version it appears in, by version number. A position on an
   * earlier version whose text equals the current one carries over; without the texts (or when a
   * version's text is unknown) the text is taken as changed.
   */
  texts?: ReadonlyMap<number, string>;
}

/** Whether a recommendation reads the same in two versions (the words, not their surrounding whitespace or Unicode form). */
export function sameRecommendationText(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.normalize('NFC').trim() === b.normalize('NFC').trim();
}

/** A delegation's position as counted or shown, with its committee's code. */
export interface DelegationPosition {
  committeeId: string;
  code: string;
  position: Position;
  /** The version it was taken on. */
  version: number;
  /**
   * How it stands on the current version: taken on it (`current`), taken on an earlier version
   * whose text of this recommendation is the same (`carried`), or taken on a text that has changed
   * since (`changed`: the delegation is asked to look again; only an objection still counts).
   */
  standing: 'current' | 'carried' | 'changed';
  recordedBy: string;
  recordedAt: string;
}

/**
 * Graded labels (ICANN GNSO practice, domain.md), strongest first. "Minority view" is not a
 * grade here: a dissenting delegation's objection (with its proposed change) or reservation is
 * on the record whatever the grade.
 */
export const CONSENSUS_GRADES = ['full_consensus', 'consensus', 'strong_support_significant_opposition', 'divergence'] as const;
export type ConsensusGrade = (typeof CONSENSUS_GRADES)[number];
export const ZConsensusGrade = z.enum(CONSENSUS_GRADES);

/**
 * "Strong support but significant opposition" needs at least this share of the positions taken
 * to be other than objections: support, can live with, or reservation (all three accept the text
 * going forward). Two thirds is our reading of "strong": the usual qualified majority of
 * multilateral bodies. Compared in integers (3·favourable ≥ 2·taken), so exactly 2/3 qualifies.
 */
export const STRONG_SUPPORT_SHARE = { numerator: 2, denominator: 3 } as const;

export interface Consensus {
  /** The version these counts are about: the current one. */
  version: number;
  /** The positions in force on the current version, per position: taken on it, carried over to it, and standing objections. */
  counts: Record<Position, number>;
  /** How many eligible delegations have a position in force on the current version. */
  taken: number;
  /** The counted positions, in the order of `eligible` (`standing` says how each stands). */
  current: DelegationPosition[];
  /** Eligible delegations without a position in force (those asked to look again included). Silence does not block. */
  silent: EligibleDelegation[];
  /**
   * Eligible delegations whose latest position was taken on a text that has changed since: they are
   * asked to look again. A favourable one or a reservation is not counted; an objection is (it stands).
   */
  stale: DelegationPosition[];
  /** The objections in force — on the current text, carried over, or standing on a changed text — each with its change. */
  blocking: (DelegationPosition & { change: string })[];
  /** The reservations in force (on the current text or carried over to it), for the footnotes naming each committee. */
  reservations: (DelegationPosition & { text: string })[];
  /** Committees that recorded a position but take none here (observers, past members): not counted. */
  ineligible: string[];
  /** No objection in force and at least one position in force. */
  adoptable: boolean;
  /** The graded label, or null while no position is in force. */
  grade: ConsensusGrade | null;
}

const emptyCounts = (): Record<Position, number> => ({ support: 0, can_live_with: 0, reservation: 0, objection: 0 });

function instantMs(t: Date | string | number): number {
  const ms = new Date(t).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Not an instant: ${String(t)}`);
  return ms;
}
const iso = (t: Date | string | number) => new Date(instantMs(t)).toISOString();

/**
 * Orders a committee's records so that the first is the one in force: the newest version, then
 * the latest recorded; on a perfect tie the more blocking one, then by content, so the answer
 * never depends on the order the rows came in.
 */
function newerFirst(a: RecordedPosition, b: RecordedPosition): number {
  return (
    b.version - a.version ||
    instantMs(b.recordedAt) - instantMs(a.recordedAt) ||
    POSITIONS.indexOf(b.position) - POSITIONS.indexOf(a.position) ||
    cmp(a.text ?? '', b.text ?? '') ||
    cmp(a.change ?? '', b.change ?? '') ||
    cmp(a.recordedBy, b.recordedBy)
  );
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The graded label that counts of positions on one version earn:
 * - null: nobody has taken a position (there is nothing to grade; silence is not assent we can label);
 * - `full_consensus`: no objection and no reservation;
 * - `consensus`: no objection, some reservations ("a small minority disagrees" but lets the text
 *   go forward, its wording on the record);
 * - `strong_support_significant_opposition`: objections, but support + can live with +
 *   reservation ≥ 2/3 of the positions taken (`STRONG_SUPPORT_SHARE`);
 * - `divergence`: otherwise.
 * Only the first two are adoptable: an objection is sustained until its change is taken up or
 * withdrawn, however few share it.
 */
export function consensusGrade(counts: Readonly<Record<Position, number>>): ConsensusGrade | null {
  const taken = POSITIONS.reduce((n, p) => n + counts[p], 0);
  if (taken === 0) return null;
  if (counts.objection === 0) return counts.reservation === 0 ? 'full_consensus' : 'consensus';
  const favourable = taken - counts.objection;
  return favourable * STRONG_SUPPORT_SHARE.denominator >= taken * STRONG_SUPPORT_SHARE.numerator ? 'strong_support_significant_opposition' : 'divergence';
}

/** Orders grades from strongest to weakest, null (no position) last: negative when `a` is stronger. */
export function compareGrades(a: ConsensusGrade | null, b: ConsensusGrade | null): number {
  const rank = (g: ConsensusGrade | null) => (g === null ? CONSENSUS_GRADES.length : CONSENSUS_GRADES.indexOf(g));
  return rank(a) - rank(b);
}

/**
 * Where a recommendation stands: each eligible delegation's latest record (newest version, then
 * latest recorded) is in force when it was taken on the current version, or on an earlier one
 * whose text of this recommendation is the same (`texts`), or when it is an objection — an
 * objection on a text changed since stands until its delegation restates or withdraws it.
 * Other positions on a changed text are listed in `stale` and not counted. Positions of
 * committees that are not eligible (observers, committees whose membership ended) are listed in
 * `ineligible` and not counted.
 *
 * @throws RangeError when a position names a version newer than `currentVersion` (the caller
 * read the recommendation and its positions out of step) or a recording time is not an instant.
 */
export function computeConsensus(input: ConsensusInput): Consensus {
  const { currentVersion } = input;
  const eligible: EligibleDelegation[] = [];
  const eligibleIds = new Set<string>();
  for (const d of input.eligible) {
    if (eligibleIds.has(d.committeeId)) continue;
    eligibleIds.add(d.committeeId);
    eligible.push(d);
  }

  const latest = new Map<string, RecordedPosition>();
  const ineligible = new Set<string>();
  for (const p of input.positions) {
    if (p.version > currentVersion) throw new RangeError(`A position on version ${p.version} of a text whose current version is ${currentVersion}`);
    if (!eligibleIds.has(p.committeeId)) {
      ineligible.add(p.committeeId);
      continue;
    }
    const held = latest.get(p.committeeId);
    if (!held || newerFirst(p, held) < 0) latest.set(p.committeeId, p);
  }

  const counts = emptyCounts();
  const current: DelegationPosition[] = [];
  const silent: EligibleDelegation[] = [];
  const stale: DelegationPosition[] = [];
  const blocking: Consensus['blocking'] = [];
  const reservations: Consensus['reservations'] = [];
  for (const d of eligible) {
    const p = latest.get(d.committeeId);
    if (!p) {
      silent.push(d);
      continue;
    }
    const standing = p.version === currentVersion ? 'current' : sameRecommendationText(input.texts?.get(p.version), input.texts?.get(currentVersion)) ? 'carried' : 'changed';
    const shown: DelegationPosition = { committeeId: d.committeeId, code: d.code, position: p.position, version: p.version, standing, recordedBy: p.recordedBy, recordedAt: iso(p.recordedAt) };
    if (standing === 'changed') {
      stale.push(shown);
      // An objection stands until its delegation withdraws or restates it; anything else waits for a new look.
      if (p.position !== 'objection') {
        silent.push(d);
        continue;
      }
    }
    counts[p.position] += 1;
    current.push(shown);
    if (p.position === 'objection') blocking.push({ ...shown, change: p.change ?? '' });
    if (p.position === 'reservation') reservations.push({ ...shown, text: p.text ?? '' });
  }

  const taken = current.length;
  const grade = consensusGrade(counts);
  return {
    version: currentVersion,
    counts,
    taken,
    current,
    silent,
    stale,
    blocking,
    reservations,
    ineligible: [...ineligible].sort(cmp),
    adoptable: taken > 0 && counts.objection === 0,
    grade,
  };
}

/**
 * Whether a delegation may record this position now: its committee must be eligible (observers
 * take no position) and the position must be on the version it read being the current one.
 */
export function checkPosition(
  input: Pick<PositionInput, 'version'>,
  context: { committeeId: string; eligible: readonly EligibleDelegation[]; currentVersion: number },
): Check<object, 'consensus.not_eligible' | typeof VERSION_CONFLICT> {
  if (!context.eligible.some((d) => d.committeeId === context.committeeId)) return { ok: false, code: 'consensus.not_eligible' };
  if (input.version !== context.currentVersion) return { ok: false, code: VERSION_CONFLICT };
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Outcomes

/**
 * What the co-chairs declare for a recommendation: adopted (with its grade), noted in a chair's
 * summary on their own responsibility ("nobody contradicted it, nobody accepted it"), or dropped.
 */
export const OUTCOMES = ['adopted', 'chair_summary', 'dropped'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const ZOutcome = z.enum(OUTCOMES);

export type OutcomeCheck =
  | { ok: true; outcome: 'adopted'; grade: 'full_consensus' | 'consensus' }
  | { ok: true; outcome: 'chair_summary' | 'dropped'; grade: ConsensusGrade | null }
  | { ok: false; code: 'consensus.objection_sustained' | 'consensus.no_positions' | 'consensus.positions_stale' };

/**
 * Whether the co-chairs may declare this outcome, and the grade to record with it (always the
 * computed one: the chair judges the sense of the meeting, but cannot relabel it).
 * - `adopted` only when adoptable: refused while an objection stands on the current version
 *   (`consensus.objection_sustained`), while nobody has taken a position on it
 *   (`consensus.positions_stale` when positions exist only on earlier versions, so the chair
 *   knows to ask delegations to look again; `consensus.no_positions` otherwise).
 * - `chair_summary` and `dropped` are the co-chairs' own responsibility and always possible; the
 *   grade at that moment (possibly null) is recorded so the record shows what they faced.
 */
export function checkOutcome(consensus: Pick<Consensus, 'grade' | 'stale'>, outcome: Outcome): OutcomeCheck {
  const { grade } = consensus;
  if (outcome !== 'adopted') return { ok: true, outcome, grade };
  if (grade === null) return { ok: false, code: consensus.stale.length > 0 ? 'consensus.positions_stale' : 'consensus.no_positions' };
  if (grade !== 'full_consensus' && grade !== 'consensus') return { ok: false, code: 'consensus.objection_sustained' };
  return { ok: true, outcome, grade };
}

// ---------------------------------------------------------------------------------------------
// Silence procedure

/** The longest silence procedure we accept: a deadline further away is almost surely a typo. */
export const SILENCE_MAX_DAYS = 90;
const DAY_MS = 86_400_000;

/** What breaks silence: a written objection, or an amendment (which changes the text). */
export const SILENCE_BREAK_KINDS = ['objection', 'amendment'] as const;
export type SilenceBreakKind = (typeof SILENCE_BREAK_KINDS)[number];

/**
 * The co-chairs put a version of the text under silence until a precise deadline (an instant;
 * an offset such as +09:00 is accepted and means the same instant in UTC).
 */
export const ZSilenceStart = z
  .object({
    /** The version circulated under silence: the one the co-chair read. */
    version: ZVersionNumber,
    deadline: z.iso.datetime({ offset: true }),
  })
  .strict();
export type SilenceStart = z.output<typeof ZSilenceStart>;

/** A delegation breaks silence in writing; who and when are the server's to record. */
export const ZSilenceBreak = z
  .object({
    kind: z.enum(SILENCE_BREAK_KINDS),
    reason: z.string().trim().min(1, 'Say what you object to, or what you would amend').max(POSITION_TEXT_MAX),
    /** The version under silence, as the delegation read it. */
    version: ZVersionNumber,
  })
  .strict();
export type SilenceBreakInput = z.output<typeof ZSilenceBreak>;

/**
 * Whether a silence procedure may start now on this version until this deadline: the version
 * must be the current one (`resource.version_conflict`), the deadline strictly in the future
 * (`silence.deadline_past`) and at most `SILENCE_MAX_DAYS` away (`silence.deadline_too_far`).
 */
export function checkSilenceStart(
  start: SilenceStart,
  context: { now: Date | string; currentVersion: number },
): Check<{ deadline: string }, 'silence.deadline_past' | 'silence.deadline_too_far' | typeof VERSION_CONFLICT> {
  if (start.version !== context.currentVersion) return { ok: false, code: VERSION_CONFLICT };
  const deadline = instantMs(start.deadline);
  const now = instantMs(context.now);
  if (deadline <= now) return { ok: false, code: 'silence.deadline_past' };
  if (deadline - now > SILENCE_MAX_DAYS * DAY_MS) return { ok: false, code: 'silence.deadline_too_far' };
  return { ok: true, deadline: iso(deadline) };
}

/** A recorded break of silence. `by` is the member committee that broke it. */
export interface SilenceBreak {
  at: Date | string;
  by: string;
  kind: SilenceBreakKind;
  reason: string;
}

export interface SilenceProcedure {
  /** The version of the text under silence: what is deemed adopted, or what a break applies to. */
  version: number;
  startedAt: Date | string;
  deadline: Date | string;
  breaks: readonly SilenceBreak[];
}

export type SilenceState =
  | { state: 'running'; version: number; deadline: string; remainingMs: number }
  | { state: 'broken'; version: number; first: SilenceBreak; breaks: SilenceBreak[] }
  | { state: 'adopted'; version: number; at: string };

/**
 * Whether a break may be recorded at `at`: only from the start up to, but not including, the
 * deadline. At the deadline the text is deemed adopted, so a break "at 12:00" against a
 * deadline of 12:00 is too late (`silence.closed`): a precise deadline must be one that cannot
 * be argued about. Breaks after a first one are still recorded: everything that breaks silence
 * goes on the record.
 */
export function checkBreak(procedure: Pick<SilenceProcedure, 'startedAt' | 'deadline'>, at: Date | string): Check<object, 'silence.closed' | 'silence.not_started'> {
  const t = instantMs(at);
  if (t < instantMs(procedure.startedAt)) return { ok: false, code: 'silence.not_started' };
  if (t >= instantMs(procedure.deadline)) return { ok: false, code: 'silence.closed' };
  return { ok: true };
}

/**
 * The state of a silence procedure at `now`: broken as soon as a break that `checkBreak` allows
 * has been recorded (the earliest is `first`; all of them, in order, are `breaks`); otherwise
 * adopted once `now` reaches the deadline; running before that. Breaks outside [startedAt,
 * deadline) or after `now` are not counted, so the answer for a given `now` never changes later.
 */
export function silenceState(input: SilenceProcedure & { now: Date | string }): SilenceState {
  const now = instantMs(input.now);
  const deadline = instantMs(input.deadline);
  const breaks = input.breaks
    .filter((b) => checkBreak(input, b.at).ok && instantMs(b.at) <= now)
    .map((b, i) => ({ b, i, t: instantMs(b.at) }))
    .sort((x, y) => x.t - y.t || cmp(x.b.by, y.b.by) || x.i - y.i)
    .map((x) => x.b);
  const first = breaks[0];
  if (first) return { state: 'broken', version: input.version, first, breaks };
  if (now >= deadline) return { state: 'adopted', version: input.version, at: iso(deadline) };
  return { state: 'running', version: input.version, deadline: iso(deadline), remainingMs: deadline - now };
}
