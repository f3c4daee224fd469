import { describe, expect, it } from 'vitest';
import { fromLocal } from '../../../core/time';
import { formatClockSpan, formatDayTime, formatDayTimeSpan, formatPlainDayLong, zoneLongName } from './format';
import { allTimeZones, atMinutes, capitalZone, clockChanges, datesBetween, dayShift, minutesOfDay, offsetLabel, readLocal, sameClock, zonePlace } from './zones';

const at = (local: string, zone: string) => {
  const r = fromLocal(local, zone);
  if (!r.ok) throw new Error(r.reason);
  return r.instant;
};
const NY = 'America/New_York';
const SEOUL = 'Asia/Seoul';

describe('a Washington meeting across the March 2021 change, read in Seoul', () => {
  // US clocks went forward on Sunday 14 March 2021 at 02:00.
  const friday = at('2021-03-12T09:00', NY);
  const monday = at('2021-03-15T09:00', NY);

  it('names the offset in force at each session', () => {
    expect(offsetLabel(friday, NY)).toBe('UTC−05:00');
    expect(offsetLabel(monday, NY)).toBe('UTC−04:00');
    expect(offsetLabel(friday, SEOUL)).toBe('UTC+09:00');
  });

  it('reads 09:00 in Washington as 23:00 the same day in Seoul before the change and 22:00 after', () => {
    expect(formatDayTime(friday, SEOUL, 'en')).toBe('Fri, Mar 12, 23:00');
    expect(formatDayTime(monday, SEOUL, 'en')).toBe('Mon, Mar 15, 22:00');
    expect(dayShift(friday, NY, SEOUL)).toBe(0);
    // An evening session in Washington is the next morning in Seoul.
    expect(dayShift(at('2021-03-12T19:00', NY), NY, SEOUL)).toBe(1);
    expect(dayShift(at('2021-03-12T08:00', SEOUL), SEOUL, NY)).toBe(-1);
  });

  it('writes spans in both zones, with both days when the span crosses midnight', () => {
    const end = at('2021-03-12T10:30', NY);
    expect(formatClockSpan(friday, end, NY, 'en')).toBe('09:00 – 10:30');
    expect(formatDayTimeSpan(friday, end, SEOUL, 'en').replace(/\s/g, ' ')).toBe('Fri, Mar 12, 23:00 – Sat, Mar 13, 00:30');
    expect(formatDayTime(friday, SEOUL, 'ko')).toBe('3월 12일 (금) 23:00');
  });

  it('finds the clock change inside the meeting, at 02:00 becoming 03:00', () => {
    const changes = clockChanges(friday, at('2021-03-16T17:00', NY), NY);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ from: -300, to: -240, localBefore: '2021-03-14T02:00', localAfter: '2021-03-14T03:00' });
    expect(new Date(changes[0]?.at ?? 0).toISOString()).toBe('2021-03-14T07:00:00.000Z');
    expect(clockChanges(friday, monday, SEOUL)).toEqual([]);
  });

  it('says that 02:30 on the day of the change does not exist, and that 01:30 in November comes twice', () => {
    const skipped = readLocal('2021-03-14T02:30', NY);
    expect(skipped.kind).toBe('skipped');
    if (skipped.kind === 'skipped') expect(skipped.change.localBefore).toBe('2021-03-14T02:00');
    const repeated = readLocal('2021-11-07T01:30', NY);
    expect(repeated.kind).toBe('repeated');
    if (repeated.kind === 'repeated') expect(repeated.instant.toISOString()).toBe('2021-11-07T05:30:00.000Z');
    expect(readLocal('2021-03-12T09:00', NY)).toEqual({ kind: 'ok', instant: friday });
    expect(readLocal('', NY).kind).toBe('empty');
    expect(readLocal('2021-02-30T09:00', NY).kind).toBe('invalid');
  });

  it('knows when two zones read the same clock', () => {
    expect(sameClock([friday], SEOUL, 'Asia/Tokyo')).toBe(true);
    expect(sameClock([friday], SEOUL, NY)).toBe(false);
  });
});

describe('zones by name', () => {
  it('names places in the reader’s script where it knows them', () => {
    expect(zonePlace(SEOUL, 'en')).toBe('Seoul');
    expect(zonePlace(SEOUL, 'ko')).toBe('서울');
    expect(zonePlace(NY, 'ja')).toBe('ニューヨーク');
    expect(zonePlace('America/Argentina/Buenos_Aires', 'ko')).toBe('Buenos Aires');
    expect(zoneLongName(at('2021-03-12T09:00', NY), NY, 'en')).toBe('Eastern Standard Time');
  });

  it('suggests the capital’s zone for a host country', () => {
    expect(capitalZone('KR')).toBe(SEOUL);
    expect(capitalZone('us')).toBe(NY);
    expect(capitalZone('CN')).toBe('Asia/Shanghai');
    expect(capitalZone(null)).toBeNull();
    expect(capitalZone('XX')).toBeNull();
  });

  it('lists every zone once, in its current spelling, with UTC', () => {
    const zones = allTimeZones();
    expect(zones).toContain('Asia/Kolkata');
    expect(zones).not.toContain('Asia/Calcutta');
    expect(zones).toContain('UTC');
    expect(new Set(zones).size).toBe(zones.length);
  });
});

describe('wall-clock arithmetic', () => {
  it('moves within and across days', () => {
    expect(minutesOfDay('2021-03-12T09:30')).toBe(570);
    expect(atMinutes('2021-03-12', 570)).toBe('2021-03-12T09:30');
    expect(atMinutes('2021-03-12', 24 * 60 + 30)).toBe('2021-03-13T00:30');
    expect(datesBetween('2021-02-27', '2021-03-02')).toEqual(['2021-02-27', '2021-02-28', '2021-03-01', '2021-03-02']);
    expect(formatPlainDayLong('2021-03-14', 'en')).toBe('Sunday, March 14, 2021');
  });
});
