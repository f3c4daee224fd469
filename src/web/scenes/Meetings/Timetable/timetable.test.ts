import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../../../core/meetings';
import { fromLocal } from '../../../../core/time';
import { clashing, fullOrder, lanes, orderNeedsSaving, parallelToKeep, planReorder, sessionsByDay, snap } from './timetable';

const ZONE = 'America/New_York';
let n = 0;
function session(title: string, start: string, end: string): SessionView {
  const at = (local: string) => {
    const r = fromLocal(local, ZONE);
    if (!r.ok) throw new Error(r.reason);
    return { instant: r.instant.toISOString(), local };
  };
  n += 1;
  return { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, position: n, title, start: at(start), end: at(end), chair: null, speakers: [], guestSpeakers: null, description: null, parallel: false, agendaItems: [], papers: [], warnings: [] };
}

const opening = session('Opening', '2021-03-12T09:00', '2021-03-12T09:45');
const first = session('Session 1', '2021-03-12T10:00', '2021-03-12T12:30');
const second = session('Session 2', '2021-03-12T14:00', '2021-03-12T17:30');
const monday = session('Session 3', '2021-03-15T09:00', '2021-03-15T10:30');
const day = [opening, first, second];

describe('sessions by day, in the meeting’s zone', () => {
  it('lists every day of the meeting, empty ones included, and days outside it', () => {
    const early = session('Before', '2021-03-11T18:00', '2021-03-11T19:00');
    const days = sessionsByDay([monday, second, opening, first, early], '2021-03-12T09:00', '2021-03-16T17:00');
    expect(days.map((d) => [d.date, d.number, d.sessions.map((s) => s.title)])).toEqual([
      ['2021-03-11', null, ['Before']],
      ['2021-03-12', 1, ['Opening', 'Session 1', 'Session 2']],
      ['2021-03-13', 2, []],
      ['2021-03-14', 3, []],
      ['2021-03-15', 4, ['Session 3']],
      ['2021-03-16', 5, []],
    ]);
  });
});

describe('moving a session to another place in its day', () => {
  it('swaps turns: each keeps its length, the break stays, the stretch ends when it did', () => {
    const plan = planReorder('2021-03-12', day, 2, 1);
    expect(plan.order).toEqual([opening.id, second.id, first.id]);
    expect(plan.changes).toEqual([
      { id: second.id, start: '2021-03-12T10:00', end: '2021-03-12T13:30' },
      { id: first.id, start: '2021-03-12T15:00', end: '2021-03-12T17:30' },
    ]);
    expect(plan.newOverlaps).toEqual([]);
  });

  it('moves the first session last, leaving what is outside the stretch alone', () => {
    const plan = planReorder('2021-03-12', day, 0, 2);
    expect(plan.order).toEqual([first.id, second.id, opening.id]);
    expect(plan.changes).toEqual([
      { id: first.id, start: '2021-03-12T09:00', end: '2021-03-12T11:30' },
      { id: second.id, start: '2021-03-12T11:45', end: '2021-03-12T15:15' },
      { id: opening.id, start: '2021-03-12T16:45', end: '2021-03-12T17:30' },
    ]);
  });

  it('changes nothing when dropped where it was', () => {
    expect(planReorder('2021-03-12', day, 1, 1).changes).toEqual([]);
  });

  it('with parallel sessions, gives each its new place’s start and names any new clash', () => {
    const parallel = session('Break-out', '2021-03-12T10:00', '2021-03-12T11:00');
    const sessions = [opening, first, parallel, second];
    const plan = planReorder('2021-03-12', sessions, 3, 0);
    expect(plan.changes[0]).toEqual({ id: second.id, start: '2021-03-12T09:00', end: '2021-03-12T12:30' });
    expect(plan.newOverlaps.length).toBeGreaterThan(0);
  });

  it('names no clash with a session marked parallel: the server keeps it beside others', () => {
    const breakout = { ...session('Break-out', '2021-03-12T10:00', '2021-03-12T11:00'), parallel: true };
    const plan = planReorder('2021-03-12', [opening, first, breakout, second], 3, 0);
    expect(plan.changes[0]).toEqual({ id: second.id, start: '2021-03-12T09:00', end: '2021-03-12T12:30' });
    expect(plan.newOverlaps.flat()).not.toContain(breakout.id);
  });

  it('marks the moved session parallel when a kept move clashes, and one of any other pair', () => {
    expect(parallelToKeep([['a', 'b'], ['b', 'c']], 'b')).toEqual(['b']);
    expect(parallelToKeep([['a', 'b'], ['c', 'd']], 'b')).toEqual(['b', 'c']);
    expect(parallelToKeep([['a', 'b']], 'x')).toEqual(['a']);
    expect(parallelToKeep([], 'x')).toEqual([]);
  });

  it('saves the order only when sessions start together: the timetable reads by time', () => {
    const swap = planReorder('2021-03-12', day, 2, 1);
    expect(orderNeedsSaving('2021-03-12', day, swap)).toBe(false);
    const a = session('A', '2021-03-16T09:00', '2021-03-16T10:00');
    const b = { ...session('B', '2021-03-16T09:00', '2021-03-16T09:30'), parallel: true };
    const together = planReorder('2021-03-16', [a, b], 1, 0);
    expect(together.order).toEqual([b.id, a.id]);
    expect(orderNeedsSaving('2021-03-16', [a, b], together)).toBe(true);
  });

  it('gives the whole meeting’s order, day by day', () => {
    const days = sessionsByDay([...day, monday], '2021-03-12T09:00', '2021-03-15T17:00');
    expect(fullOrder(days, '2021-03-12', [second.id, opening.id, first.id])).toEqual([second.id, opening.id, first.id, monday.id]);
  });
});

describe('parallel sessions side by side', () => {
  it('puts overlapping sessions in lanes, others alone', () => {
    const breakout = session('Break-out A', '2021-03-12T10:00', '2021-03-12T11:00');
    const breakoutB = session('Break-out B', '2021-03-12T11:00', '2021-03-12T12:00');
    const l = lanes('2021-03-12', [opening, first, breakout, breakoutB, second]);
    expect(l.get(opening.id)).toEqual({ lane: 0, of: 1 });
    expect(l.get(first.id)).toEqual({ lane: 0, of: 2 });
    expect(l.get(breakout.id)).toEqual({ lane: 1, of: 2 });
    expect(l.get(breakoutB.id)).toEqual({ lane: 1, of: 2 });
    expect(l.get(second.id)).toEqual({ lane: 0, of: 1 });
  });

  it('flags a clash only between sessions neither of which is marked parallel', () => {
    const breakout = { ...session('Break-out', '2021-03-12T10:00', '2021-03-12T11:00'), parallel: true };
    const clash = session('Clash', '2021-03-12T12:00', '2021-03-12T13:00');
    const all = [opening, first, breakout, clash];
    expect(clashing(all, breakout.id)).toEqual([]);
    expect(clashing(all, first.id).map((s) => s.title)).toEqual(['Clash']);
  });

  it('snaps dragged times to the quarter hour', () => {
    expect(snap(7)).toBe(0);
    expect(snap(8)).toBe(15);
    expect(snap(-22)).toBe(-15);
  });
});
