import type { z } from 'zod';
import type { Consensus, DelegationPosition } from '../../../core/consensus';
import type { committeesById, OutcomeRow, peopleById, PositionRow } from './queries';
import type { ZConsensusView, ZOutcomeView, ZPositionView } from './schemas';

/** How positions, outcomes and consensus are shown (the matrix, a recorded position, a declared outcome). */

type People = Awaited<ReturnType<typeof peopleById>>;
type Committees = Awaited<ReturnType<typeof committeesById>>;

/**
 * A position as shown on version `shownVersion`. `standing` is how it stands there (computeConsensus:
 * taken on it, carried over from an unchanged text, or taken on a text changed since). Its `version`
 * is the row's only when it was taken on the version shown: on a later version a position is a new
 * record, so a client sends 0 (what ZPositionView promises).
 */
export const positionView = (
  p: PositionRow & { onVersion: number },
  shownVersion: number,
  standing: DelegationPosition['standing'],
  people: People,
  committees: Committees,
): z.infer<typeof ZPositionView> => {
  const committee = committees.get(p.committeeId);
  return {
    committee: committee ?? { id: p.committeeId, code: '?', name: '?' },
    position: p.position,
    text: p.text,
    change: p.change,
    onVersion: p.onVersion,
    superseded: p.onVersion !== shownVersion,
    standing,
    version: p.onVersion === shownVersion ? p.version : 0,
    recordedBy: p.recordedBy ? (people.get(p.recordedBy) ?? null) : null,
    recordedAt: p.recordedAt.toISOString(),
  };
};

/** How the committee's position in force stands in a computed consensus (changed when it is not in force). */
export function standingIn(c: Consensus, committeeId: string, onVersion: number): DelegationPosition['standing'] {
  const found = c.current.find((p) => p.committeeId === committeeId) ?? c.stale.find((p) => p.committeeId === committeeId);
  return found?.standing ?? (onVersion === c.version ? 'current' : 'changed');
}

export const outcomeView = (o: OutcomeRow & { onVersion: number }, people: People): z.infer<typeof ZOutcomeView> => ({
  recommendationUid: o.recommendationUid,
  outcome: o.outcome,
  grade: o.grade,
  summary: o.summary,
  via: o.via === 'silence' ? 'silence' : 'declaration',
  onVersion: o.onVersion,
  declaredBy: o.declaredBy ? (people.get(o.declaredBy) ?? null) : null,
  declaredAt: o.declaredAt.toISOString(),
  version: o.version,
});

export const consensusView = (c: Consensus): z.infer<typeof ZConsensusView> => ({
  counts: c.counts,
  taken: c.taken,
  silent: c.silent.map((d) => ({ committeeId: d.committeeId, code: d.code })),
  stale: c.stale.map((d) => ({ committeeId: d.committeeId, code: d.code, position: d.position, onVersion: d.version })),
  carried: c.current.filter((d) => d.standing === 'carried').map((d) => ({ committeeId: d.committeeId, code: d.code, onVersion: d.version })),
  blocking: c.blocking.map((d) => ({ committeeId: d.committeeId, code: d.code, change: d.change, standing: d.standing })),
  reservations: c.reservations.map((d) => ({ committeeId: d.committeeId, code: d.code, text: d.text })),
  adoptable: c.adoptable,
  grade: c.grade,
});
