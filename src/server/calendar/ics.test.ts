import { describe, expect, it } from 'vitest';
import { fromLocal } from '../../core/time';
import { buildCalendar, escapeText, foldLine, type IcsEvent } from './ics';
import { readCalendar } from './testing';
import { offsetTransitions, vtimezoneLines } from './vtimezone';

const at = (local: string, zone: string) => {
  const r = fromLocal(local, zone);
  if (!r.ok) throw new Error(`${local} ${zone}: ${r.reason}`);
  return r.instant;
};

const event = (over: Partial<IcsEvent>): IcsEvent => ({
  uid: 'meeting-1@accord.test',
  sequence: 1,
  dtstamp: new Date('2027-01-01T00:00:00Z'),
  start: new Date('2027-03-12T14:00:00Z'),
  end: null,
  timeZone: 'America/New_York',
  summary: 'A meeting',
  status: 'CONFIRMED',
  ...over,
});

describe('content lines', () => {
  it('are folded at 75 octets without splitting a UTF-8 sequence, and unfold to the original', () => {
    const line = `SUMMARY:${'동북아 평화협력 연구그룹 제3차 회의 — 東北アジアの平和と協力 😀 '.repeat(4)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(3);
    for (const [i, part] of parts.entries()) {
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(' ')).toBe(true);
      // Each piece is valid UTF-8 on its own: nothing was cut inside a character.
      expect(Buffer.from(Buffer.from(part).toString('utf8')).equals(Buffer.from(part))).toBe(true);
      expect(part).not.toContain('\uFFFD');
    }
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('DTSTART:20270312T090000')).toBe('DTSTART:20270312T090000');
  });

  it('escape commas, semicolons, backslashes and newlines in text, and a parser reads them back', () => {
    expect(escapeText('a,b;c\\d\r\ne\nf\u0007')).toBe('a\\,b\\;c\\\\d\\ne\\nf');
    const summary = 'Seoul, Korea; “Room 3\\B”\nsecond line';
    const text = buildCalendar({ events: [event({ summary, location: 'Plaza Hotel, Seoul', description: 'One;\ntwo, three' })] });
    const [e] = readCalendar(text).events;
    expect(e?.summary).toBe(summary);
    expect(e?.location).toBe('Plaza Hotel, Seoul');
    expect(e?.description).toBe('One;\ntwo, three');
  });

  it('end in CRLF, every one', () => {
    const text = buildCalendar({ events: [event({ description: 'x\ny' })] });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});

describe('time zones', () => {
  it('finds the changes of a zone to the minute, in both hemispheres and by half hours', () => {
    const ny = offsetTransitions('America/New_York', Date.UTC(2027, 0, 1), Date.UTC(2028, 0, 1));
    expect(ny.map((x) => [new Date(x.at).toISOString(), x.from, x.to])).toEqual([
      ['2027-03-14T07:00:00.000Z', -300, -240],
      ['2027-11-07T06:00:00.000Z', -240, -300],
    ]);
    expect(offsetTransitions('Asia/Seoul', Date.UTC(2027, 0, 1), Date.UTC(2028, 0, 1))).toEqual([]);
    const lordHowe = offsetTransitions('Australia/Lord_Howe', Date.UTC(2027, 0, 1), Date.UTC(2028, 0, 1));
    expect(lordHowe.map((x) => [x.from, x.to])).toEqual([
      [660, 630],
      [630, 660],
    ]);
  });

  it('writes a VTIMEZONE whose observances start at local time in the offset before the change', () => {
    const lines = vtimezoneLines('America/New_York', 2027, 2027);
    expect(lines.join('\n')).toContain('BEGIN:DAYLIGHT\nDTSTART:20270314T020000\nTZOFFSETFROM:-0500\nTZOFFSETTO:-0400\nTZNAME:EDT\nEND:DAYLIGHT');
    expect(lines.join('\n')).toContain('BEGIN:STANDARD\nDTSTART:20271107T020000\nTZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nTZNAME:EST\nEND:STANDARD');
    const seoul = vtimezoneLines('Asia/Seoul', 2027, 2027).join('\n');
    expect(seoul).toContain('TZOFFSETFROM:+0900\nTZOFFSETTO:+0900');
  });

  it('lets a real parser turn local times into the right instants across the March and November changes', () => {
    const ny = 'America/New_York';
    const times = [
      ['2027-03-12T09:00', '2027-03-12T14:00:00.000Z'], // before the March change: UTC−5
      ['2027-03-15T09:00', '2027-03-15T13:00:00.000Z'], // after it: UTC−4
      ['2027-11-05T09:00', '2027-11-05T13:00:00.000Z'], // before the November change
      ['2027-11-08T09:00', '2027-11-08T14:00:00.000Z'], // after it
      ['2029-07-01T09:00', '2029-07-01T13:00:00.000Z'], // a later year: the zone covers 2027 to 2029
    ] as const;
    const events = [
      ...times.map(([local], i) => event({ uid: `ny-${i}@accord.test`, start: at(local, ny), end: new Date(at(local, ny).getTime() + 3_600_000) })),
      event({ uid: 'seoul@accord.test', timeZone: 'Asia/Seoul', start: at('2027-10-14T09:00', 'Asia/Seoul'), end: at('2027-10-15T18:00', 'Asia/Seoul') }),
      event({ uid: 'sydney@accord.test', timeZone: 'Australia/Sydney', start: at('2027-01-20T09:00', 'Australia/Sydney') }),
    ];
    const text = buildCalendar({ events });
    expect(text).toContain('DTSTART;TZID=America/New_York:20270312T090000\r\n');
    expect(text).toContain('DTSTART;TZID=Asia/Seoul:20271014T090000\r\n');
    const read = readCalendar(text);
    expect(read.zones).toEqual(['America/New_York', 'Asia/Seoul', 'Australia/Sydney']);
    const byUid = new Map(read.events.map((e) => [e.uid, e]));
    times.forEach(([, instant], i) => {
      const e = byUid.get(`ny-${i}@accord.test`);
      expect(e?.startZone).toBe(ny);
      expect(e?.start.toISOString()).toBe(instant);
      expect(e?.end?.getTime()).toBe(new Date(instant).getTime() + 3_600_000);
    });
    expect(byUid.get('seoul@accord.test')?.start.toISOString()).toBe('2027-10-14T00:00:00.000Z');
    expect(byUid.get('seoul@accord.test')?.end?.toISOString()).toBe('2027-10-15T09:00:00.000Z');
    expect(byUid.get('sydney@accord.test')?.start.toISOString()).toBe('2027-01-19T22:00:00.000Z'); // summer: UTC+11
  });

  it('writes a time in a repeated hour in UTC, since readers disagree on which of the two a local time means', () => {
    const first = new Date('2027-11-07T05:30:00Z'); // 01:30 EDT
    const second = new Date('2027-11-07T06:30:00Z'); // 01:30 EST, an hour later
    const after = new Date('2027-11-07T07:30:00Z'); // 02:30 EST, once only
    const text = buildCalendar({ events: [event({ uid: 'a@x', start: first }), event({ uid: 'b@x', start: second }), event({ uid: 'c@x', start: after })] });
    expect(text).toContain('DTSTART:20271107T053000Z\r\n');
    expect(text).toContain('DTSTART:20271107T063000Z\r\n');
    expect(text).toContain('DTSTART;TZID=America/New_York:20271107T023000\r\n');
    const read = readCalendar(text);
    expect(read.events.map((e) => e.start.toISOString())).toEqual([first, second, after].map((d) => d.toISOString()));
  });

  it('writes UTC and unknown zones as UTC times, without a VTIMEZONE', () => {
    const text = buildCalendar({ events: [event({ timeZone: 'UTC' }), event({ uid: 'b@x', timeZone: null }), event({ uid: 'c@x', timeZone: 'Mars/Olympus_Mons' })] });
    expect(text).not.toContain('VTIMEZONE');
    expect(readCalendar(text).events.map((e) => e.start.toISOString())).toEqual(Array(3).fill('2027-03-12T14:00:00.000Z'));
  });
});
