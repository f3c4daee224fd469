import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkBreak,
  checkOutcome,
  checkPosition,
  checkSilenceStart,
  compareGrades,
  computeConsensus,
  type ConsensusInput,
  consensusGrade,
  type EligibleDelegation,
  OUTCOMES,
  type Position,
  POSITION_TEXT_MAX,
  POSITIONS,
  type RecordedPosition,
  type SilenceBreak,
  silenceState,
  ZPositionInput,
  ZSilenceBreak,
  ZSilenceStart,
} from './consensus';

const T0 = Date.UTC(2027, 2, 1, 0, 0);
const MIN = 60_000;
const DAY = 86_400_000;
const at = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();

const KR: EligibleDelegation = { committeeId: 'kr', code: 'KR' };
const CN: EligibleDelegation = { committeeId: 'cn', code: 'CN' };
const JP: EligibleDelegation = { committeeId: 'jp', code: 'JP' };
const US: EligibleDelegation = { committeeId: 'us', code: 'US' };
const FOUR = [KR, CN, JP, US];

/** A recorded position, with the text or change its kind requires. */
function rec(committeeId: string, position: Position, version = 1, minute = 0, by = 'head'): RecordedPosition {
  return {
    committeeId,
    position,
    version,
    recordedBy: by,
    recordedAt: at(minute),
    ...(position === 'reservation' ? { text: `${committeeId} reserves its position on paragraph 2` } : {}),
    ...(position === 'objection' ? { change: `${committeeId}: delete "binding"` } : {}),
  };
}

const counts = (c: Partial<Record<Position, number>>) => ({ support: 0, can_live_with: 0, reservation: 0, objection: 0, ...c });

/** The issues zod reports for an input, as path → messages. */
function issues(input: unknown): Record<string, string[]> {
  const r = ZPositionInput.safeParse(input);
  if (r.success) return {};
  const out: Record<string, string[]> = {};
  for (const i of r.error.issues) (out[i.path.join('.')] ??= []).push(i.message);
  return out;
}

describe('a delegation’s position (ZPositionInput)', () => {
  it('accepts each position with exactly the field it needs, trimmed', () => {
    expect(ZPositionInput.parse({ position: 'support', version: 3 })).toEqual({ position: 'support', version: 3 });
    expect(ZPositionInput.parse({ position: 'can_live_with', version: 1 })).toEqual({ position: 'can_live_with', version: 1 });
    expect(ZPositionInput.parse({ position: 'reservation', text: '  On paragraph 4.  ', version: 2 })).toEqual({ position: 'reservation', text: 'On paragraph 4.', version: 2 });
    expect(ZPositionInput.parse({ position: 'objection', change: ' Replace "shall" with "should" ', version: 2 })).toEqual({ position: 'objection', change: 'Replace "shall" with "should"', version: 2 });
  });

  it('refuses a reservation without its wording, also when blank', () => {
    expect(issues({ position: 'reservation', version: 1 })).toEqual({ text: [expect.stringContaining('footnote')] });
    expect(issues({ position: 'reservation', text: ' \n ', version: 1 })).toEqual({ text: [expect.stringContaining('footnote')] });
  });

  it('refuses an objection that does not say what change would let the committee live with the text', () => {
    expect(issues({ position: 'objection', version: 1 })).toEqual({ change: [expect.stringContaining('live with')] });
    expect(issues({ position: 'objection', change: '', version: 1 })).toEqual({ change: [expect.stringContaining('live with')] });
  });

  it('refuses stray fields: text or change on a position that takes none, a change on a reservation, text on an objection', () => {
    expect(issues({ position: 'support', text: 'We like it', version: 1 })).toEqual({ text: ['Only a reservation carries text; support is recorded without one'] });
    expect(issues({ position: 'support', text: '', version: 1 })).toEqual({ text: [expect.stringContaining('Only a reservation')] });
    expect(issues({ position: 'can_live_with', change: 'x', version: 1 })).toEqual({ change: ['Only an objection proposes a change; can live with is recorded without one'] });
    expect(issues({ position: 'reservation', text: 'r', change: 'x', version: 1 })).toEqual({ change: [expect.stringContaining('Only an objection')] });
    expect(issues({ position: 'objection', text: 'r', change: 'x', version: 1 })).toEqual({ text: [expect.stringContaining('Only a reservation')] });
    expect(ZPositionInput.safeParse({ position: 'support', version: 1, comment: 'hi' }).success).toBe(false);
  });

  it('caps the wording at POSITION_TEXT_MAX characters', () => {
    expect(ZPositionInput.safeParse({ position: 'reservation', text: 'r'.repeat(POSITION_TEXT_MAX), version: 1 }).success).toBe(true);
    expect(Object.keys(issues({ position: 'reservation', text: 'r'.repeat(POSITION_TEXT_MAX + 1), version: 1 }))).toEqual(['text']);
    expect(Object.keys(issues({ position: 'objection', change: 'c'.repeat(POSITION_TEXT_MAX + 1), version: 1 }))).toEqual(['change']);
  });

  it('needs the version read, a positive integer, and a known position; lists every field at once', () => {
    for (const version of [0, 1.5, -1, '1', undefined]) expect(Object.keys(issues({ position: 'support', version }))).toEqual(['version']);
    expect(Object.keys(issues({ position: 'silent', version: 1 }))).toEqual(['position']);
    expect(Object.keys(issues({ position: 'objection', version: 0 })).sort()).toEqual(['change', 'version']);
    expect(Object.keys(issues({ position: 'reservation', version: 'latest' })).sort()).toEqual(['text', 'version']);
  });
});

describe('graded labels (consensusGrade)', () => {
  it('gives no grade while nobody has taken a position', () => {
    expect(consensusGrade(counts({}))).toBeNull();
  });

  it('full consensus without objection or reservation; consensus when reservations are all the dissent', () => {
    expect(consensusGrade(counts({ support: 1 }))).toBe('full_consensus');
    expect(consensusGrade(counts({ can_live_with: 3 }))).toBe('full_consensus');
    expect(consensusGrade(counts({ support: 5, reservation: 1 }))).toBe('consensus');
    expect(consensusGrade(counts({ reservation: 2 }))).toBe('consensus');
  });

  it('strong support but significant opposition from exactly two thirds of the positions taken', () => {
    expect(consensusGrade(counts({ support: 2, objection: 1 }))).toBe('strong_support_significant_opposition');
    expect(consensusGrade(counts({ support: 6, objection: 3 }))).toBe('strong_support_significant_opposition');
    expect(consensusGrade(counts({ support: 1, objection: 1 }))).toBe('divergence');
    expect(consensusGrade(counts({ support: 5, objection: 3 }))).toBe('divergence'); // 62.5 %
    expect(consensusGrade(counts({ support: 13, objection: 7 }))).toBe('divergence'); // 65 %
    expect(consensusGrade(counts({ support: 7, objection: 3 }))).toBe('strong_support_significant_opposition'); // 70 %
    expect(consensusGrade(counts({ objection: 4 }))).toBe('divergence');
  });

  it('counts can-live-with and reservations with support toward the two thirds', () => {
    expect(consensusGrade(counts({ can_live_with: 2, objection: 1 }))).toBe('strong_support_significant_opposition');
    expect(consensusGrade(counts({ reservation: 2, objection: 1 }))).toBe('strong_support_significant_opposition');
    expect(consensusGrade(counts({ support: 1, can_live_with: 1, reservation: 1, objection: 2 }))).toBe('divergence');
  });

  it('orders grades from strongest to weakest, no grade last', () => {
    const ordered = ['full_consensus', 'consensus', 'strong_support_significant_opposition', 'divergence', null] as const;
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) expect(Math.sign(compareGrades(ordered[i] ?? null, ordered[j] ?? null))).toBe(Math.sign(i - j));
    }
  });
});

describe('where a recommendation stands (computeConsensus)', () => {
  it('counts the member committees’ positions on the current version, ignores an observer’s and leaves the silent unblocking', () => {
    const c = computeConsensus({
      eligible: FOUR,
      currentVersion: 2,
      positions: [rec('kr', 'support', 2), rec('cn', 'reservation', 2), rec('jp', 'can_live_with', 2), rec('pif', 'objection', 2)],
    });
    expect(c.counts).toEqual(counts({ support: 1, reservation: 1, can_live_with: 1 }));
    expect(c.taken).toBe(3);
    expect(c.silent).toEqual([US]);
    expect(c.stale).toEqual([]);
    expect(c.blocking).toEqual([]);
    expect(c.ineligible).toEqual(['pif']);
    expect(c.reservations).toEqual([
      { committeeId: 'cn', code: 'CN', position: 'reservation', version: 2, standing: 'current', recordedBy: 'head', recordedAt: at(0), text: 'cn reserves its position on paragraph 2' },
    ]);
    expect(c.adoptable).toBe(true);
    expect(c.grade).toBe('consensus');
    expect(c.current.map((p) => p.code)).toEqual(['KR', 'CN', 'JP']);
  });

  it('asks for a new look at positions on a text changed since and does not count them, but an objection on it still blocks', () => {
    const c = computeConsensus({ eligible: FOUR, currentVersion: 3, positions: [rec('kr', 'objection', 2), rec('cn', 'support', 1), rec('jp', 'support', 3)] });
    expect(c.counts).toEqual(counts({ support: 1, objection: 1 }));
    expect(c.stale.map((p) => [p.code, p.position, p.version, p.standing])).toEqual([
      ['KR', 'objection', 2, 'changed'],
      ['CN', 'support', 1, 'changed'],
    ]);
    expect(c.silent).toEqual([CN, US]);
    expect(c.blocking.map((b) => [b.code, b.version, b.standing])).toEqual([['KR', 2, 'changed']]);
    expect(c.grade).toBe('divergence');
    expect(c.adoptable).toBe(false);
  });

  it('carries a position over to a version whose text of the recommendation is the same, and only then', () => {
    const texts = new Map([
      [1, 'Establish a maritime hotline.'],
      [2, '  Establish a maritime hotline.'],
      [3, 'Establish a maritime hotline.\u0301'.slice(0, -1)],
      [4, 'Establish a permanent maritime hotline.'],
    ]);
    const positions = [rec('kr', 'objection', 1), rec('cn', 'support', 2), rec('jp', 'reservation', 1)];
    const on3 = computeConsensus({ eligible: FOUR, currentVersion: 3, positions, texts });
    expect(on3.current.map((p) => [p.code, p.standing])).toEqual([
      ['KR', 'carried'],
      ['CN', 'carried'],
      ['JP', 'carried'],
    ]);
    expect(on3.stale).toEqual([]);
    expect(on3.blocking.map((b) => b.code)).toEqual(['KR']);
    expect(on3.reservations.map((r) => r.code)).toEqual(['JP']);
    expect(on3.silent).toEqual([US]);

    const on4 = computeConsensus({ eligible: FOUR, currentVersion: 4, positions, texts });
    expect(on4.current.map((p) => [p.code, p.standing])).toEqual([['KR', 'changed']]);
    expect(on4.stale.map((p) => p.code)).toEqual(['KR', 'CN', 'JP']);
    expect(on4.reservations).toEqual([]);
    expect(on4.blocking.map((b) => b.code)).toEqual(['KR']);
    expect(on4.adoptable).toBe(false);

    // Without the texts, every earlier version is taken as changed: nothing favourable carries.
    const blind = computeConsensus({ eligible: FOUR, currentVersion: 3, positions });
    expect(blind.current.map((p) => [p.code, p.standing])).toEqual([['KR', 'changed']]);
  });

  it('lets a delegation lift its standing objection by restating on the new text', () => {
    const texts = new Map([
      [1, 'Old words.'],
      [2, 'New words.'],
    ]);
    const c = computeConsensus({ eligible: FOUR, currentVersion: 2, positions: [rec('kr', 'objection', 1), rec('kr', 'can_live_with', 2, 5), rec('cn', 'support', 2)], texts });
    expect(c.blocking).toEqual([]);
    expect(c.stale).toEqual([]);
    expect(c.adoptable).toBe(true);
    expect(c.current.map((p) => [p.code, p.position, p.standing])).toEqual([
      ['KR', 'can_live_with', 'current'],
      ['CN', 'support', 'current'],
    ]);
  });

  it('takes each committee’s latest position: the newest version, then the latest recorded, whatever the order of the rows', () => {
    const rows = [rec('kr', 'objection', 1, 0), rec('kr', 'support', 2, 5), rec('cn', 'support', 2, 1), rec('cn', 'objection', 2, 9), rec('jp', 'support', 2, 30), rec('jp', 'reservation', 1, 40)];
    for (const positions of [rows, [...rows].reverse()]) {
      const c = computeConsensus({ eligible: FOUR, currentVersion: 2, positions });
      expect(c.counts).toEqual(counts({ support: 2, objection: 1 }));
      expect(c.blocking.map((b) => [b.code, b.change])).toEqual([['CN', 'cn: delete "binding"']]);
      expect(c.stale).toEqual([]);
      expect(c.grade).toBe('strong_support_significant_opposition');
      expect(c.adoptable).toBe(false);
    }
  });

  it('holds the more blocking of two records made at the same moment on the same version, in either order', () => {
    const rows = [rec('kr', 'support', 1, 7), rec('kr', 'objection', 1, 7), rec('cn', 'can_live_with', 1, 7), rec('cn', 'reservation', 1, 7)];
    for (const positions of [rows, [...rows].reverse()]) {
      const c = computeConsensus({ eligible: FOUR, currentVersion: 1, positions });
      expect(c.current.map((p) => [p.code, p.position])).toEqual([
        ['KR', 'objection'],
        ['CN', 'reservation'],
      ]);
    }
  });

  it('has no grade and nothing adoptable while nobody has spoken, and counts a committee listed twice once', () => {
    const c = computeConsensus({ eligible: [KR, KR, CN], currentVersion: 1, positions: [] });
    expect(c.grade).toBeNull();
    expect(c.adoptable).toBe(false);
    expect(c.silent).toEqual([KR, CN]);
    const one = computeConsensus({ eligible: [KR, KR, CN], currentVersion: 1, positions: [rec('kr', 'support')] });
    expect(one.taken).toBe(1);
    expect(one.silent).toEqual([CN]);
  });

  it('refuses a position on a version newer than the current one (rows read out of step)', () => {
    expect(() => computeConsensus({ eligible: FOUR, currentVersion: 1, positions: [rec('kr', 'support', 2)] })).toThrow(RangeError);
  });
});

describe('recording a position (checkPosition)', () => {
  it('refuses an observer’s committee and a position on a version that is no longer current', () => {
    const context = { committeeId: 'kr', eligible: FOUR, currentVersion: 4 };
    expect(checkPosition({ version: 4 }, context)).toEqual({ ok: true });
    expect(checkPosition({ version: 3 }, context)).toEqual({ ok: false, code: 'resource.version_conflict' });
    expect(checkPosition({ version: 4 }, { ...context, committeeId: 'pif' })).toEqual({ ok: false, code: 'consensus.not_eligible' });
  });
});

describe('what the co-chairs declare (checkOutcome)', () => {
  const of = (positions: RecordedPosition[], currentVersion = 1) => computeConsensus({ eligible: FOUR, currentVersion, positions });

  it('records adoption with the computed grade when no objection stands', () => {
    expect(checkOutcome(of([rec('kr', 'support')]), 'adopted')).toEqual({ ok: true, outcome: 'adopted', grade: 'full_consensus' });
    expect(checkOutcome(of([rec('kr', 'support'), rec('cn', 'reservation')]), 'adopted')).toEqual({ ok: true, outcome: 'adopted', grade: 'consensus' });
  });

  it('refuses adoption over an objection, however strong the support', () => {
    const c = of([rec('kr', 'support'), rec('cn', 'support'), rec('jp', 'support'), rec('us', 'objection')]);
    expect(c.grade).toBe('strong_support_significant_opposition');
    expect(checkOutcome(c, 'adopted')).toEqual({ ok: false, code: 'consensus.objection_sustained' });
  });

  it('refuses adoption with no position, and says so differently when the positions are on an earlier version', () => {
    expect(checkOutcome(of([]), 'adopted')).toEqual({ ok: false, code: 'consensus.no_positions' });
    expect(checkOutcome(of([rec('kr', 'support', 1)], 2), 'adopted')).toEqual({ ok: false, code: 'consensus.positions_stale' });
  });

  it('lets the co-chairs note a text in their summary or drop it whatever the positions, recording the grade they faced', () => {
    expect(checkOutcome(of([]), 'chair_summary')).toEqual({ ok: true, outcome: 'chair_summary', grade: null });
    expect(checkOutcome(of([rec('kr', 'objection')]), 'chair_summary')).toEqual({ ok: true, outcome: 'chair_summary', grade: 'divergence' });
    expect(checkOutcome(of([rec('kr', 'support')]), 'dropped')).toEqual({ ok: true, outcome: 'dropped', grade: 'full_consensus' });
  });
});

describe('the silence procedure', () => {
  const now = new Date(T0);

  it('takes a version and a precise instant, with or without an offset', () => {
    expect(ZSilenceStart.safeParse({ version: 2, deadline: '2027-03-08T12:00:00Z' }).success).toBe(true);
    expect(ZSilenceStart.safeParse({ version: 2, deadline: '2027-03-08T21:00:00+09:00' }).success).toBe(true);
    expect(ZSilenceStart.safeParse({ version: 2, deadline: '2027-03-08T12:00' }).success).toBe(false);
    expect(ZSilenceStart.safeParse({ version: 2, deadline: '2027-03-08T12:00:00Z', note: 'x' }).success).toBe(false);
    expect(ZSilenceBreak.safeParse({ kind: 'amendment', reason: '  ', version: 2 }).success).toBe(false);
    expect(ZSilenceBreak.parse({ kind: 'objection', reason: ' Para 3 ', version: 2 })).toEqual({ kind: 'objection', reason: 'Para 3', version: 2 });
  });

  it('starts only on the current version with a deadline in the future and at most 90 days away', () => {
    const start = (deadlineMs: number, version = 2) => checkSilenceStart({ version, deadline: new Date(deadlineMs).toISOString() }, { now, currentVersion: 2 });
    expect(start(T0)).toEqual({ ok: false, code: 'silence.deadline_past' });
    expect(start(T0 - 1)).toEqual({ ok: false, code: 'silence.deadline_past' });
    expect(start(T0 + 1)).toEqual({ ok: true, deadline: new Date(T0 + 1).toISOString() });
    expect(start(T0 + 90 * DAY).ok).toBe(true);
    expect(start(T0 + 90 * DAY + 1)).toEqual({ ok: false, code: 'silence.deadline_too_far' });
    expect(start(T0 + DAY, 1)).toEqual({ ok: false, code: 'resource.version_conflict' });
    // An offset names the same instant: 21:00 in Seoul is 12:00 UTC.
    expect(checkSilenceStart({ version: 2, deadline: '2027-03-08T21:00:00+09:00' }, { now, currentVersion: 2 })).toEqual({ ok: true, deadline: '2027-03-08T12:00:00.000Z' });
  });

  const procedure = { version: 2, startedAt: at(0), deadline: at(60) };
  const brk = (minute: number, by = 'kr', kind: SilenceBreak['kind'] = 'objection'): SilenceBreak => ({ at: at(minute), by, kind, reason: 'Para 3' });

  it('runs until the deadline, and the text is deemed adopted at the deadline itself', () => {
    expect(silenceState({ ...procedure, breaks: [], now: at(59) })).toEqual({ state: 'running', version: 2, deadline: at(60), remainingMs: MIN });
    expect(silenceState({ ...procedure, breaks: [], now: at(60) })).toEqual({ state: 'adopted', version: 2, at: at(60) });
    expect(silenceState({ ...procedure, breaks: [], now: at(600) })).toEqual({ state: 'adopted', version: 2, at: at(60) });
  });

  it('is broken by a break a millisecond before the deadline, and refuses one exactly at it', () => {
    const lastMoment: SilenceBreak = { at: new Date(T0 + 60 * MIN - 1).toISOString(), by: 'cn', kind: 'amendment', reason: 'Para 3' };
    expect(checkBreak(procedure, lastMoment.at)).toEqual({ ok: true });
    expect(silenceState({ ...procedure, breaks: [lastMoment], now: at(61) })).toMatchObject({ state: 'broken', version: 2, first: lastMoment });
    expect(checkBreak(procedure, at(60))).toEqual({ ok: false, code: 'silence.closed' });
    expect(silenceState({ ...procedure, breaks: [brk(60)], now: at(61) })).toEqual({ state: 'adopted', version: 2, at: at(60) });
  });

  it('counts no break from before the start, and reports the earliest break first with every break on the record', () => {
    expect(checkBreak(procedure, at(-1))).toEqual({ ok: false, code: 'silence.not_started' });
    expect(checkBreak(procedure, at(0))).toEqual({ ok: true });
    expect(silenceState({ ...procedure, breaks: [brk(-1)], now: at(30) }).state).toBe('running');
    const late = brk(40, 'us');
    const early = brk(10, 'jp', 'amendment');
    expect(silenceState({ ...procedure, breaks: [late, early], now: at(50) })).toEqual({ state: 'broken', version: 2, first: early, breaks: [early, late] });
  });

  it('does not count a break dated after the moment asked about', () => {
    expect(silenceState({ ...procedure, breaks: [brk(40)], now: at(30) }).state).toBe('running');
    expect(silenceState({ ...procedure, breaks: [brk(40)], now: at(40) }).state).toBe('broken');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

/** Ten committees, of which the first `n` are eligible: the others stand for observers and past members. */
const committee = (i: number): EligibleDelegation => ({ committeeId: `c${i}`, code: `K${i}` });
const ADOPTABLE = new Set(['full_consensus', 'consensus']);

const arbRecord = (maxVersion: number) =>
  fc
    .record({ i: fc.integer({ min: 0, max: 9 }), position: fc.constantFrom(...POSITIONS), version: fc.integer({ min: 1, max: maxVersion }), minute: fc.integer({ min: 0, max: 5 }), by: fc.constantFrom('p1', 'p2') })
    .map(({ i, position, version, minute, by }) => rec(`c${i}`, position, version, minute, by));

const arbInput: fc.Arbitrary<ConsensusInput> = fc.integer({ min: 1, max: 4 }).chain((currentVersion) =>
  fc.record({
    eligible: fc.integer({ min: 0, max: 7 }).map((n) => Array.from({ length: n }, (_, i) => committee(i))),
    currentVersion: fc.constant(currentVersion),
    positions: fc.array(arbRecord(currentVersion), { maxLength: 18 }),
  }),
);

/** A position recorded after every other one, for an eligible committee chosen by `pick`. */
const later = (input: ConsensusInput, pick: number, position: Position): RecordedPosition => {
  const d = input.eligible[pick % input.eligible.length] as EligibleDelegation;
  return rec(d.committeeId, position, input.currentVersion, 1000);
};

describe('properties of computeConsensus', () => {
  it('accounts for every eligible delegation once: counted or silent, and the stale among the silent unless they object', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const c = computeConsensus(input);
        const sum = POSITIONS.reduce((n, p) => n + c.counts[p], 0);
        expect(sum).toBe(c.taken);
        expect(c.current).toHaveLength(c.taken);
        expect(c.taken + c.silent.length).toBe(input.eligible.length);
        const silentIds = new Set(c.silent.map((d) => d.committeeId));
        for (const s of c.stale) expect(s.version < input.currentVersion && silentIds.has(s.committeeId) === (s.position !== 'objection')).toBe(true);
        for (const p of c.current) expect(silentIds.has(p.committeeId)).toBe(false);
        expect(c.blocking).toHaveLength(c.counts.objection);
        expect(c.reservations).toHaveLength(c.counts.reservation);
      }),
      { numRuns: 300 },
    );
  });

  it('is adoptable exactly when graded full consensus or consensus, and only then may be declared adopted', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const c = computeConsensus(input);
        expect(c.adoptable).toBe(c.grade !== null && ADOPTABLE.has(c.grade));
        expect(c.adoptable).toBe(c.taken > 0 && c.counts.objection === 0);
        const adopted = checkOutcome(c, 'adopted');
        expect(adopted.ok).toBe(c.adoptable);
        if (adopted.ok) expect(adopted.grade).toBe(c.grade);
        for (const outcome of OUTCOMES.filter((o) => o !== 'adopted')) expect(checkOutcome(c, outcome)).toEqual({ ok: true, outcome, grade: c.grade });
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answer whatever the order of the positions', () => {
    const withPermutation = arbInput.chain((input) => fc.tuple(fc.constant(input), fc.shuffledSubarray([...input.positions], { minLength: input.positions.length })));
    fc.assert(
      fc.property(withPermutation, ([input, shuffled]) => {
        expect(computeConsensus({ ...input, positions: shuffled })).toEqual(computeConsensus(input));
      }),
      { numRuns: 300 },
    );
  });

  it('never lowers the grade when a delegation moves to support', () => {
    fc.assert(
      fc.property(arbInput, fc.nat(), (input, pick) => {
        fc.pre(input.eligible.length > 0);
        const before = computeConsensus(input).grade;
        const after = computeConsensus({ ...input, positions: [...input.positions, later(input, pick, 'support')] }).grade;
        expect(compareGrades(after, before)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('is never adoptable once a delegation objects', () => {
    fc.assert(
      fc.property(arbInput, fc.nat(), (input, pick) => {
        fc.pre(input.eligible.length > 0);
        const c = computeConsensus({ ...input, positions: [...input.positions, later(input, pick, 'objection')] });
        expect(c.adoptable).toBe(false);
        expect(c.blocking.length).toBeGreaterThan(0);
        expect(checkOutcome(c, 'adopted')).toEqual({ ok: false, code: 'consensus.objection_sustained' });
      }),
      { numRuns: 300 },
    );
  });

  it('never lets a reservation block: a reservation where no objection stands keeps the text adoptable, though not as full consensus', () => {
    fc.assert(
      fc.property(arbInput, fc.nat(), (input, pick) => {
        fc.pre(input.eligible.length > 0);
        const c = computeConsensus(input);
        const withReservation = computeConsensus({ ...input, positions: [...input.positions, later(input, pick, 'reservation')] });
        if (c.counts.objection === 0) expect(withReservation.adoptable).toBe(true);
        expect(withReservation.grade).not.toBe('full_consensus');
      }),
      { numRuns: 300 },
    );
  });

  it('is not moved by earlier positions of committees that took one on the current version, nor by committees that take no position', () => {
    const extra = arbInput.chain((input) =>
      fc.tuple(
        fc.constant(input),
        fc.array(arbRecord(Math.max(1, input.currentVersion - 1)), { minLength: 1, maxLength: 8 }),
        fc.array(arbRecord(input.currentVersion).map((r) => ({ ...r, committeeId: `observer-${r.committeeId}` })), { minLength: 1, maxLength: 4 }),
      ),
    );
    fc.assert(
      fc.property(extra, ([input, older, observers]) => {
        const c = computeConsensus(input);
        const counted = (x: typeof c) => ({ counts: x.counts, current: x.current, blocking: x.blocking, reservations: x.reservations, adoptable: x.adoptable, grade: x.grade, silent: x.silent });
        const onCurrent = new Set(input.positions.filter((p) => p.version === input.currentVersion).map((p) => p.committeeId));
        const superseded = older.filter((p) => onCurrent.has(p.committeeId));
        if (input.currentVersion > 1) expect(counted(computeConsensus({ ...input, positions: [...input.positions, ...superseded] }))).toEqual(counted(c));
        const withObservers = computeConsensus({ ...input, positions: [...observers, ...input.positions] });
        expect(counted(withObservers)).toEqual(counted(c));
        expect(withObservers.stale).toEqual(c.stale);
        for (const o of observers) expect(withObservers.ineligible).toContain(o.committeeId);
      }),
      { numRuns: 300 },
    );
  });

  it('counts every eligible committee whose latest position is an objection as blocking, on whatever version it was taken', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const c = computeConsensus(input);
        const blocking = new Set(c.blocking.map((b) => b.committeeId));
        for (const d of input.eligible) {
          const mine = input.positions.filter((p) => p.committeeId === d.committeeId);
          const newest = Math.max(...mine.map((p) => p.version));
          const latestAll = mine.filter((p) => p.version === newest);
          // Only when every record on its newest version objects is its latest surely an objection.
          if (latestAll.length > 0 && latestAll.every((p) => p.position === 'objection')) expect(blocking.has(d.committeeId)).toBe(true);
          if (latestAll.length > 0 && latestAll.every((p) => p.position !== 'objection')) expect(blocking.has(d.committeeId)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('grades exactly by the rule: no objection → (full) consensus; otherwise two thirds favourable → strong support', () => {
    const arbCounts = fc.record({ support: fc.nat(12), can_live_with: fc.nat(12), reservation: fc.nat(12), objection: fc.nat(12) });
    fc.assert(
      fc.property(arbCounts, (k) => {
        const taken = k.support + k.can_live_with + k.reservation + k.objection;
        const g = consensusGrade(k);
        if (taken === 0) expect(g).toBeNull();
        else if (k.objection === 0) expect(g).toBe(k.reservation === 0 ? 'full_consensus' : 'consensus');
        else expect(g).toBe((taken - k.objection) / taken >= 2 / 3 - 1e-12 ? 'strong_support_significant_opposition' : 'divergence');
      }),
      { numRuns: 500 },
    );
  });
});

describe('properties of the silence procedure', () => {
  const arbProcedure = fc
    .record({
      start: fc.integer({ min: 0, max: 1000 }),
      length: fc.integer({ min: 1, max: 1000 }),
      breaks: fc.array(fc.record({ minute: fc.integer({ min: -100, max: 2200 }), by: fc.constantFrom('kr', 'cn', 'jp'), kind: fc.constantFrom('objection' as const, 'amendment' as const) }), { maxLength: 5 }),
      now: fc.integer({ min: -100, max: 2200 }),
      then: fc.integer({ min: 0, max: 2000 }),
    })
    .map(({ start, length, breaks, now, then }) => ({
      procedure: { version: 1, startedAt: at(start), deadline: at(start + length), breaks: breaks.map((b) => ({ at: at(b.minute), by: b.by, kind: b.kind, reason: 'r' })) },
      start,
      deadline: start + length,
      now,
      later: now + then,
    }));

  it('accepts a break exactly from the start until just before the deadline', () => {
    fc.assert(
      fc.property(arbProcedure, fc.integer({ min: -100, max: 2200 }), ({ procedure, start, deadline }, minute) => {
        const r = checkBreak(procedure, at(minute));
        expect(r.ok).toBe(minute >= start && minute < deadline);
        if (!r.ok) expect(r.code).toBe(minute < start ? 'silence.not_started' : 'silence.closed');
      }),
    );
  });

  it('never changes its answer once broken or adopted, and is broken only by a break allowed and already made', () => {
    fc.assert(
      fc.property(arbProcedure, ({ procedure, deadline, now, later: afterwards }) => {
        const s = silenceState({ ...procedure, now: at(now) });
        const s2 = silenceState({ ...procedure, now: at(afterwards) });
        // Later breaks join the record, but the state and the first break stay.
        if (s.state === 'adopted') expect(s2).toEqual(s);
        if (s.state === 'broken') expect(s2).toMatchObject({ state: 'broken', first: s.first });
        if (s.state === 'broken') {
          expect(checkBreak(procedure, s.first.at).ok).toBe(true);
          expect(new Date(s.first.at).getTime()).toBeLessThanOrEqual(T0 + now * MIN);
        }
        if (s.state === 'adopted') expect(now).toBeGreaterThanOrEqual(deadline);
        if (s.state === 'running') expect(now).toBeLessThan(deadline);
        const allowed = procedure.breaks.filter((b) => checkBreak(procedure, b.at).ok && new Date(b.at).getTime() <= T0 + now * MIN);
        expect(s.state === 'broken').toBe(allowed.length > 0);
      }),
      { numRuns: 500 },
    );
  });
});
