import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromLocal, offsetMinutes, toLocal } from './time';

const instant = (local: string, zone: string) => {
  const r = fromLocal(local, zone);
  if (!r.ok) throw new Error(r.reason);
  return r.instant;
};

describe('times in a meeting’s zone', () => {
  it('reads a Washington session across the March change, seen from Seoul', () => {
    // 2027: US clocks go forward on Sunday 14 March at 02:00.
    const before = instant('2027-03-12T09:00', 'America/New_York');
    const after = instant('2027-03-15T09:00', 'America/New_York');
    expect(before.toISOString()).toBe('2027-03-12T14:00:00.000Z');
    expect(after.toISOString()).toBe('2027-03-15T13:00:00.000Z');
    expect(toLocal(before, 'Asia/Seoul')).toBe('2027-03-12T23:00');
    expect(toLocal(after, 'Asia/Seoul')).toBe('2027-03-15T22:00');
    expect(offsetMinutes(before, 'America/New_York')).toBe(-300);
    expect(offsetMinutes(after, 'America/New_York')).toBe(-240);
  });

  it('reads a Washington session across the November change, seen from Seoul', () => {
    // 2027: US clocks go back on Sunday 7 November at 02:00.
    const before = instant('2027-11-05T15:30', 'America/New_York');
    const after = instant('2027-11-08T15:30', 'America/New_York');
    expect(toLocal(before, 'Asia/Seoul')).toBe('2027-11-06T04:30');
    expect(toLocal(after, 'Asia/Seoul')).toBe('2027-11-09T05:30');
  });

  it('refuses a time that the spring change skips, and takes the first of a repeated one', () => {
    expect(fromLocal('2027-03-14T02:30', 'America/New_York')).toEqual({ ok: false, reason: 'nonexistent' });
    expect(instant('2027-11-07T01:30', 'America/New_York').toISOString()).toBe('2027-11-07T05:30:00.000Z');
    expect(fromLocal('2027-02-30T10:00', 'Asia/Seoul')).toEqual({ ok: false, reason: 'malformed' });
    expect(fromLocal('2027-03-01T10:00', 'Mars/Olympus')).toEqual({ ok: false, reason: 'unknown_zone' });
  });

  it('turns any instant into a wall-clock time that names it again, in any zone', () => {
    const zones = ['Asia/Seoul', 'America/New_York', 'Australia/Sydney', 'Europe/Brussels', 'Asia/Kolkata', 'Pacific/Auckland', 'UTC'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2032, 0, 1) }), fc.constantFrom(...zones), (ms, zone) => {
        const t = ms - (ms % 60_000);
        const back = fromLocal(toLocal(t, zone), zone);
        expect(back.ok).toBe(true);
        // The same instant, or (in a repeated hour) the first of the two.
        if (back.ok) expect(back.instant.getTime() === t || back.instant.getTime() === t - 3_600_000).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
