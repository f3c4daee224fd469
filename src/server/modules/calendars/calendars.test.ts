import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedCalendarFeed } from '../../../core/calendars';
import { charterTextFromPlain, type Charter } from '../../../core/charter';
import type { MeetingDetail } from '../../../core/meetings';
import { fromLocal, toLocal } from '../../../core/time';
import { redactUrl } from '../../app';
import { readCalendar } from '../../calendar/testing';
import { sha256 } from '../../crypto';
import { calendarFeeds, meetingSessions, users } from '../../db/schema';
import { createTestContext, type TestClient, type TestContext } from '../../test/context';
import { addMember, buildCouncil, buildMeeting, buildStudyGroup, buildUser, signedInClient } from '../../test/factories';
import { FEED_RATE_LIMIT } from './routes';

const logLines: string[] = [];
const logStream = new Writable({
  write(chunk, _enc, cb) {
    logLines.push(String(chunk));
    cb();
  },
});

let t: TestContext;
let chair: TestClient;
let subscriber: TestClient;
let outsider: TestClient;
let slugA: string;
let slugB: string;
let slugHidden: string;
let subscriberId: string;
const ids: Record<string, string> = {};

const instant = (local: string, zone: string) => {
  const r = fromLocal(local, zone);
  if (!r.ok) throw new Error(r.reason);
  return r.instant;
};

const charter = (en: string, ko: string): Charter => ({
  authoritative: 'en',
  texts: {
    en: charterTextFromPlain({ title: en, shortTitle: en, introduction: ['Why.'], principles: [], format: [], objectives: [{ label: 'a', text: 'To study.' }], anticipatedOutput: [], differsFromPrevious: [], keyQuestions: [] }),
    ko: charterTextFromPlain({ title: ko, shortTitle: ko, introduction: ['이유.'], principles: [], format: [], objectives: [{ label: 'a', text: '연구.' }], anticipatedOutput: [], differsFromPrevious: [], keyQuestions: [] }),
  },
});

beforeAll(async () => {
  t = await createTestContext({ logStream });
  const { council, byCode } = await buildCouncil(t.db);
  const a = await buildStudyGroup(t.db, { councilId: council.id, charter: charter('Study Group on Northeast Asia Peace and Cooperation', '동북아 평화협력 연구그룹'), coChairCommitteeIds: [byCode.US?.id as string] });
  const b = await buildStudyGroup(t.db, { councilId: council.id, title: 'Maritime Security Study Group' });
  const hidden = await buildStudyGroup(t.db, { councilId: council.id, title: 'A group the subscriber is not in' });
  [slugA, slugB, slugHidden] = [a.slug, b.slug, hidden.slug];
  const [c, s, x] = await Promise.all([
    buildUser(t.db, { locale: 'en', timeZone: 'America/New_York' }),
    buildUser(t.db, { locale: 'ko', timeZone: 'Asia/Seoul' }),
    buildUser(t.db),
  ]);
  subscriberId = s.id;
  await addMember(t.db, a.id, c.id, 'co_chair', byCode.US?.id ?? null);
  await addMember(t.db, a.id, s.id, 'member', byCode.KR?.id ?? null);
  await addMember(t.db, b.id, s.id, 'member', byCode.KR?.id ?? null);
  [chair, subscriber, outsider] = await Promise.all([signedInClient(t.app, c), signedInClient(t.app, s), signedInClient(t.app, x)]);

  const plan = async (body: Record<string, unknown>) => {
    const res = await chair.post(`/api/study-groups/${slugA}/meetings`, { hostCommitteeCode: 'US', city: 'Washington, D.C.', timeZone: 'America/New_York', ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as MeetingDetail;
  };
  // Across the March change (14 March 2027) and across the November one (7 November 2027).
  const march = await plan({ title: 'Third meeting', venue: 'Carnegie Endowment; Room 2', start: '2027-03-12T09:00', end: '2027-03-15T17:00', format: 'hybrid', onlineUrl: 'https://meet.example.test/sg-3' });
  const november = await plan({ title: 'Fourth meeting', start: '2027-11-05T09:00', end: '2027-11-08T12:00' });
  const undated = await plan({ title: 'Fifth meeting', plannedMonth: '2028-03' });
  const session = await chair.post(`/api/study-groups/${slugA}/meetings/${march.id}/sessions`, { title: 'Remedies for strategic uncertainty', start: '2027-03-15T09:00', end: '2027-03-15T10:30' });
  expect(session.statusCode, session.body).toBe(201);
  const seoul = await buildMeeting(t.db, { groupId: b.id, timeZone: 'Asia/Seoul', city: 'Seoul', startsAt: instant('2027-10-14T09:00', 'Asia/Seoul'), endsAt: instant('2027-10-15T18:00', 'Asia/Seoul') });
  const hiddenMeeting = await buildMeeting(t.db, { groupId: hidden.id });
  Object.assign(ids, { march: march.id, november: november.id, undated: undated.id, seoul: seoul.id, hidden: hiddenMeeting.id, session: (session.json() as MeetingDetail).sessions[0]?.id });
});
afterAll(() => t?.close());

const feedPath = (url: string) => new URL(url).pathname;
const fetchFeed = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: feedPath(url), headers, remoteAddress: '10.1.0.1' });
async function makeFeed(client: TestClient, body: Record<string, unknown> = {}) {
  const res = await client.post('/api/me/calendar-feeds', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as CreatedCalendarFeed;
}
async function read(url: string) {
  const res = await fetchFeed(url);
  expect(res.statusCode, res.body).toBe(200);
  return readCalendar(res.body);
}
const uid = (id: string) => `meeting-${id}@accord.test`;

describe('a personal calendar feed', () => {
  it('is made with a secret address shown once and stored only as its hash', async () => {
    const feed = await makeFeed(subscriber);
    expect(feed).toMatchObject({ scope: 'all', group: null, lastUsedAt: null });
    const token = /^http:\/\/accord\.test\/cal\/([A-Za-z0-9_-]{43})\.ics$/.exec(feed.url)?.[1] as string;
    expect(token).toBeDefined();
    const [row] = await t.db.select().from(calendarFeeds).where(eq(calendarFeeds.id, feed.id));
    expect(row?.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const list = await subscriber.get('/api/me/calendar-feeds');
    expect(list.json()).toEqual([{ id: feed.id, scope: 'all', group: null, createdAt: feed.createdAt, lastUsedAt: null }]);
    expect(list.body).not.toContain(token);
    expect((await outsider.get('/api/me/calendar-feeds')).json()).toEqual([]);
  });

  it('lists every dated meeting of the groups the person may see, at the right instants across both DST changes', async () => {
    const feed = await makeFeed(subscriber);
    const res = await fetchFeed(feed.url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toContain(`DTSTART;TZID=America/New_York:20270312T090000\r\n`);
    const cal = readCalendar(res.body);
    expect(cal.zones).toEqual(['America/New_York', 'Asia/Seoul']);
    const byUid = new Map(cal.events.map((e) => [e.uid, e]));
    // Only what the person may see, and only meetings that have a start.
    expect([...byUid.keys()].sort()).toEqual([uid(ids.march as string), uid(ids.november as string), uid(ids.seoul as string), `session-${ids.session}@accord.test`].sort());

    const march = byUid.get(uid(ids.march as string));
    expect(march?.startZone).toBe('America/New_York');
    expect(march?.start.toISOString()).toBe('2027-03-12T14:00:00.000Z'); // 09:00 EST
    expect(march?.end?.toISOString()).toBe('2027-03-15T21:00:00.000Z'); // 17:00 EDT, after the change
    const november = byUid.get(uid(ids.november as string));
    expect(november?.start.toISOString()).toBe('2027-11-05T13:00:00.000Z'); // 09:00 EDT
    expect(november?.end?.toISOString()).toBe('2027-11-08T17:00:00.000Z'); // 12:00 EST, after the change
    expect(byUid.get(uid(ids.seoul as string))?.start.toISOString()).toBe('2027-10-14T00:00:00.000Z');
    const session = byUid.get(`session-${ids.session}@accord.test`);
    expect(session?.start.toISOString()).toBe('2027-03-15T13:00:00.000Z');
    expect(session?.relatedTo).toBe(uid(ids.march as string));

    // The subscriber's calendar app, set to Seoul, shows Washington's 09:00 as 23:00 that evening.
    expect(toLocal(march?.start as Date, 'Asia/Seoul')).toBe('2027-03-12T23:00');
    expect(toLocal(november?.end as Date, 'Asia/Seoul')).toBe('2027-11-09T02:00');

    // Worded in the owner's language, with the group's Korean title and the times at the venue named.
    expect(march?.summary).toBe('동북아 평화협력 연구그룹 Third meeting');
    expect(march?.location).toBe('Carnegie Endowment; Room 2, Washington, D.C.');
    expect(march?.description).toContain('현지 시간: 2027년 3월 12일 금요일 09:00 ~ 2027년 3월 15일 월요일 17:00 (America/New_York)');
    expect(march?.description).toContain('온라인 링크: https://meet.example.test/sg-3');
    expect(march?.url).toBe(`http://accord.test/groups/${slugA}/meetings/${ids.march}`);
    expect(march?.status).toBe('CONFIRMED');
    expect(byUid.get(uid(ids.seoul as string))?.summary).toBe('Maritime Security Study Group 제1차 회의');
    expect(cal.name).toBe('Accord: 내 회의');
  });

  it('carries updates (SEQUENCE rises), marks postponed meetings and keeps cancelled ones as CANCELLED', async () => {
    const feed = await makeFeed(subscriber);
    const before = (await read(feed.url)).events.find((e) => e.uid === uid(ids.november as string));
    const detail = (await chair.get(`/api/study-groups/${slugA}/meetings/${ids.november}`)).json() as MeetingDetail;
    expect(before?.sequence).toBe(detail.version);
    const moved = await chair.patch(`/api/study-groups/${slugA}/meetings/${ids.november}`, { start: '2027-11-06T10:00', version: detail.version });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = (await read(feed.url)).events.find((e) => e.uid === uid(ids.november as string));
    expect(after?.sequence).toBeGreaterThan(before?.sequence as number);
    expect(after?.start.toISOString()).toBe('2027-11-06T14:00:00.000Z');

    await chair.post(`/api/study-groups/${slugA}/meetings/${ids.november}/transitions`, { transition: 'postpone', reason: 'A typhoon closes the airports.' });
    const postponed = (await read(feed.url)).events.find((e) => e.uid === uid(ids.november as string));
    expect(postponed).toMatchObject({ status: 'TENTATIVE', summary: '연기: 동북아 평화협력 연구그룹 Fourth meeting' });
    expect(postponed?.description).toContain('사유: A typhoon closes the airports.');
    expect(postponed?.sequence).toBeGreaterThan(after?.sequence as number);

    await chair.post(`/api/study-groups/${slugA}/meetings/${ids.november}/transitions`, { transition: 'cancel', reason: 'The hosts withdrew.' });
    const cancelled = (await read(feed.url)).events.find((e) => e.uid === uid(ids.november as string));
    expect(cancelled).toMatchObject({ status: 'CANCELLED', summary: '취소: 동북아 평화협력 연구그룹 Fourth meeting' });
    expect(cancelled?.sequence).toBeGreaterThan(postponed?.sequence as number);
    expect(cancelled?.start.toISOString()).toBe('2027-11-06T14:00:00.000Z');
  });

  it('answers 304 to a calendar app that already has this version', async () => {
    const feed = await makeFeed(subscriber);
    const first = await fetchFeed(feed.url);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect((await fetchFeed(feed.url, { 'if-none-match': etag })).statusCode).toBe(304);
    const list = (await subscriber.get('/api/me/calendar-feeds')).json() as { id: string; lastUsedAt: string | null }[];
    expect(list.find((f) => f.id === feed.id)?.lastUsedAt).not.toBeNull();
  });
});

describe('a group feed', () => {
  it('lists only that group, can be made only for a group the person sees, and empties when they leave it', async () => {
    expect((await subscriber.post('/api/me/calendar-feeds', { groupSlug: slugHidden })).statusCode).toBe(404);
    expect((await subscriber.post('/api/me/calendar-feeds', { groupSlug: 'no-such-group' })).statusCode).toBe(404);
    const groupFeed = await makeFeed(subscriber, { groupSlug: slugB });
    expect(groupFeed).toMatchObject({ scope: 'group', group: { slug: slugB, title: 'Maritime Security Study Group' } });
    const aFeed = await makeFeed(subscriber, { groupSlug: slugA });
    expect(aFeed.group).toEqual({ slug: slugA, title: '동북아 평화협력 연구그룹' });
    expect((await read(groupFeed.url)).events.map((e) => e.uid)).toEqual([uid(ids.seoul as string)]);
    const personal = await makeFeed(subscriber);
    expect((await read(aFeed.url)).events.map((e) => e.uid)).toContain(uid(ids.march as string));

    // The co-chair removes the subscriber from group A: its meetings leave both feeds at once.
    expect((await chair.delete(`/api/study-groups/${slugA}/members/${subscriberId}`)).statusCode).toBe(200);
    const after = await read(personal.url);
    expect(after.events.map((e) => e.uid)).toEqual([uid(ids.seoul as string)]);
    // The group feed still answers, empty, so subscribed calendars drop the meetings rather than keep the last copy.
    const emptied = await read(aFeed.url);
    expect(emptied.events).toEqual([]);
    expect(emptied.name).toBe('Accord: 내 회의');
    // The list no longer names a group the person cannot see.
    const listed = (await subscriber.get('/api/me/calendar-feeds')).json() as { id: string; group: unknown }[];
    expect(listed.find((f) => f.id === aFeed.id)?.group).toBeNull();
    expect(listed.find((f) => f.id === groupFeed.id)?.group).toEqual({ slug: slugB, title: 'Maritime Security Study Group' });
  });
});

describe('revocation and unknown addresses', () => {
  it('stops a revoked address at once with a plain 404, as for an unknown one', async () => {
    const feed = await makeFeed(outsider);
    expect((await fetchFeed(feed.url)).statusCode).toBe(200);
    expect((await subscriber.delete(`/api/me/calendar-feeds/${feed.id}`)).statusCode).toBe(404);
    expect((await outsider.delete(`/api/me/calendar-feeds/${feed.id}`)).statusCode).toBe(200);
    const gone = await fetchFeed(feed.url);
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(gone.body).toBe('Not found\n');
    expect((await outsider.delete(`/api/me/calendar-feeds/${feed.id}`)).statusCode).toBe(404);
    expect((await outsider.get('/api/me/calendar-feeds')).json()).toEqual([]);
    for (const path of [`/cal/${'A'.repeat(43)}.ics`, '/cal/short.ics', `/cal/${new URL(feed.url).pathname.slice(5, -4)}`, '/cal/..%2F..%2Fetc.ics']) {
      const res = await t.app.inject({ method: 'GET', url: path, remoteAddress: '10.1.0.2' });
      expect(res.statusCode, path).toBe(404);
    }
  });

  it('stops when its owner’s account is disabled', async () => {
    const person = await buildUser(t.db);
    const client = await signedInClient(t.app, person);
    const feed = await makeFeed(client);
    expect((await fetchFeed(feed.url)).statusCode).toBe(200);
    await t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, person.id));
    expect((await fetchFeed(feed.url)).statusCode).toBe(404);
  });

  it('needs a signed-in person to make, list or revoke feeds', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/me/calendar-feeds' });
    expect(res.statusCode).toBe(401);
  });
});

describe('the secret address', () => {
  it('never reaches the log', async () => {
    const feed = await makeFeed(subscriber);
    const token = new URL(feed.url).pathname.slice('/cal/'.length, -'.ics'.length);
    logLines.length = 0;
    expect((await fetchFeed(feed.url)).statusCode).toBe(200);
    expect((await fetchFeed(`${feed.url}?x=1`)).statusCode).toBe(200);
    await t.app.inject({ method: 'GET', url: `/%63al/${token}.ics`, remoteAddress: '10.1.0.3' });
    const log = logLines.join('');
    expect(log).toContain('/cal/[redacted]');
    expect(log).not.toContain(token);
  });

  it('is redacted from request URLs however it is written', () => {
    expect(redactUrl('/cal/abcDEF_-123.ics')).toBe('/cal/[redacted]');
    expect(redactUrl('/cal/abcDEF_-123.ics?refresh=1')).toBe('/cal/[redacted]?refresh=1');
    expect(redactUrl('//cal/abc.ics')).toBe('/cal/[redacted]');
    expect(redactUrl('/%63al/abc.ics')).toBe('/cal/[redacted]');
    expect(redactUrl('/CAL/abc.ics')).toBe('/cal/[redacted]');
    expect(redactUrl('/api/me/calendar-feeds')).toBe('/api/me/calendar-feeds');
    expect(redactUrl('/calendar')).toBe('/calendar');
  });

  it('is rate limited per client, so addresses cannot be guessed', async () => {
    const codes: number[] = [];
    for (let i = 0; i <= FEED_RATE_LIMIT.max; i++) codes.push((await t.app.inject({ method: 'GET', url: '/cal/guess.ics', remoteAddress: '10.2.0.1' })).statusCode);
    expect(codes.slice(0, FEED_RATE_LIMIT.max).every((c) => c === 404)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    expect((await t.app.inject({ method: 'GET', url: '/cal/guess.ics', remoteAddress: '10.2.0.2' })).statusCode).toBe(404);
  });
});

describe('session titles under the Chatham House Rule', () => {
  it('withholds a session title that names one of the meeting’s people, as the report’s check would find it', async () => {
    const { council, byCode } = await buildCouncil(t.db);
    const group = await buildStudyGroup(t.db, { councilId: council.id, title: 'Chatham House Study Group' });
    const [head, reader] = await Promise.all([buildUser(t.db, { displayName: 'Seo Do-yun' }), buildUser(t.db, { locale: 'en' })]);
    await t.db.update(users).set({ names: { latin: 'Seo Do-yun', hangul: '서도윤' } }).where(eq(users.id, head.id));
    await addMember(t.db, group.id, head.id, 'member', byCode.KR?.id ?? null);
    await addMember(t.db, group.id, reader.id, 'member', byCode.JP?.id ?? null);
    const starts = instant('2027-05-10T09:00', 'Asia/Seoul');
    const chatham = await buildMeeting(t.db, { groupId: group.id, sequence: 1, attribution: 'chatham_house', startsAt: starts, endsAt: instant('2027-05-11T18:00', 'Asia/Seoul') });
    const onRecord = await buildMeeting(t.db, { groupId: group.id, sequence: 2, attribution: 'on_record', startsAt: instant('2027-06-10T09:00', 'Asia/Seoul'), endsAt: instant('2027-06-11T18:00', 'Asia/Seoul') });
    const session = (meetingId: string, position: number, title: string, guestSpeakers: string | null = null) => ({ meetingId, position, title, startsAt: new Date(starts.getTime() + position * 3_600_000), endsAt: new Date(starts.getTime() + (position + 1) * 3_600_000), guestSpeakers });
    await t.db.insert(meetingSessions).values([
      session(chatham.id, 1, 'Remarks by Seo Do-yun'),
      session(chatham.id, 2, '서도윤 박사 발표'),
      session(chatham.id, 3, 'A conversation with Dr. Guestworth', 'Dr. Imogen Guestworth (Hanbit Academy of International Affairs)'),
      session(chatham.id, 4, 'Confidence-building on the Peninsula'),
      session(onRecord.id, 1, 'Remarks by Seo Do-yun'),
    ]);
    const client = await signedInClient(t.app, reader);
    const feed = await makeFeed(client, { groupSlug: group.slug });
    const res = await fetchFeed(feed.url);
    expect(res.statusCode).toBe(200);
    const events = readCalendar(res.body).events;
    const summaries = events.filter((e) => e.uid.startsWith('session-')).map((e) => e.summary);
    expect(summaries).toEqual([
      'Session (title withheld: Chatham House Rule) (Meeting 1)',
      'Session (title withheld: Chatham House Rule) (Meeting 1)',
      'Session (title withheld: Chatham House Rule) (Meeting 1)',
      'Confidence-building on the Peninsula (Meeting 1)',
      'Remarks by Seo Do-yun (Meeting 2)',
    ]);
    const chathamText = events.filter((e) => e.description?.includes('Meeting 1') || e.summary.includes('Meeting 1')).map((e) => [e.summary, e.description, e.location].join('\n')).join('\n');
    for (const name of ['Seo Do-yun', '서도윤', 'Guestworth']) expect(chathamText).not.toContain(name);
  });
});
