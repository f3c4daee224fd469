import { describe, expect, it } from 'vitest';
import { timetableFrozen } from './meetings';
import { MEETING_STATUSES } from './roles';

const now = new Date('2027-03-20T00:00:00Z');
const past = new Date('2027-03-15T21:00:00Z');
const ahead = new Date('2027-03-25T21:00:00Z');

describe('a held meeting’s timetable', () => {
  it('is frozen once the report has begun, whatever the end, and for a cancelled meeting', () => {
    for (const status of ['report_drafting', 'report_circulated', 'report_final', 'cancelled']) {
      expect(timetableFrozen({ status, endsAt: ahead }, now), status).toBe(true);
      expect(timetableFrozen({ status, endsAt: null }, now), status).toBe(true);
    }
  });

  it('is frozen for a convened meeting whose end has passed, not while it is still being held', () => {
    expect(timetableFrozen({ status: 'convened', endsAt: past }, now)).toBe(true);
    expect(timetableFrozen({ status: 'convened', endsAt: now }, now)).toBe(true);
    expect(timetableFrozen({ status: 'convened', endsAt: ahead }, now)).toBe(false);
    expect(timetableFrozen({ status: 'convened', endsAt: null }, now)).toBe(false);
  });

  it('stays open for a planned or postponed meeting, even one whose dates have passed', () => {
    for (const status of ['planned', 'postponed']) {
      expect(timetableFrozen({ status, endsAt: past }, now), status).toBe(false);
    }
  });

  it('decides every status', () => {
    const decided = MEETING_STATUSES.filter((s) => timetableFrozen({ status: s, endsAt: past }, now));
    expect(decided).toEqual(['convened', 'report_drafting', 'report_circulated', 'report_final', 'cancelled']);
  });
});
