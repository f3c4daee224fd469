import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charterTextFromPlain, type Charter } from '../../../core/charter';
import type { MeetingDetail } from '../../../core/meetings';
import { readCalendar } from '../../calendar/testing';
import { jobs } from '../../db/schema';
import { MEETING_REMINDERS_JOB } from '../../mail/meeting-mail';
import { createTestContext, type TestClient, type TestContext } from '../../test/context';
import { addMember, buildCouncil, buildStudyGroup, buildUser, signedInClient } from '../../test/factories';
import { startSmtpServer, type ReceivedMail } from '../../test/smtp';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let t: TestContext;
let chair: TestClient;
let decliner: TestClient;
let slug: string;
const people = {
  chair: { email: 'ashby@example.test', locale: 'en', timeZone: 'America/New_York', id: '' },
  seoul: { email: 'yoon@example.test', locale: 'ko', timeZone: 'Asia/Seoul', id: '' },
  tokyo: { email: 'morishita@example.test', locale: 'ja', timeZone: null, id: '' },
  decliner: { email: 'pemberton@example.test', locale: 'en', timeZone: 'Australia/Sydney', id: '' },
  leaver: { email: 'leaver@example.test', locale: 'zh', timeZone: 'Asia/Shanghai', id: '' },
};
type Who = keyof typeof people;

const text = (title: string) => charterTextFromPlain({ title, shortTitle: title, introduction: ['x'], principles: [], format: [], objectives: [{ label: 'a', text: 'x' }], anticipatedOutput: [], differsFromPrevious: [], keyQuestions: [] });
const charter: Charter = {
  authoritative: 'en',
  texts: { en: text('Study Group on Northeast Asia Peace and Cooperation'), ko: text('동북아 평화협력 연구그룹'), ja: text('北東アジアの平和と協力に関する研究グループ'), zh: text('东北亚和平与合作研究组') },
};

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestContext({ config: { smtpUrl: smtp.url } });
  const { council, byCode } = await buildCouncil(t.db);
  const group = await buildStudyGroup(t.db, { councilId: council.id, charter, coChairCommitteeIds: [byCode.US?.id as string] });
  slug = group.slug;
  for (const [who, p] of Object.entries(people)) {
    const user = await buildUser(t.db, { email: p.email, displayName: who, locale: p.locale, timeZone: p.timeZone });
    p.id = user.id;
    await addMember(t.db, group.id, user.id, who === 'chair' ? 'co_chair' : 'member', who === 'chair' ? (byCode.US?.id ?? null) : (byCode.KR?.id ?? null));
  }
  chair = await signedInClient(t.app, { email: people.chair.email, password: 'correct horse battery staple' });
  decliner = await signedInClient(t.app, { email: people.decliner.email, password: 'correct horse battery staple' });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const base = () => `/api/study-groups/${slug}/meetings`;
let seen = 0;
/** Runs the due jobs and returns the mail that arrived meanwhile, by recipient. */
async function deliver(): Promise<Map<Who, ReceivedMail[]>> {
  await t.app.jobs.drain();
  const fresh = smtp.received.slice(seen);
  seen = smtp.received.length;
  const out = new Map<Who, ReceivedMail[]>();
  for (const m of fresh) {
    const who = (Object.keys(people) as Who[]).find((k) => m.envelopeTo.includes(people[k].email));
    if (who) out.set(who, [...(out.get(who) ?? []), m]);
  }
  return out;
}
const one = (mail: Map<Who, ReceivedMail[]>, who: Who) => {
  const list = mail.get(who) ?? [];
  expect(list, `mail to ${who}`).toHaveLength(1);
  return list[0] as ReceivedMail;
};
const calendarOf = (m: ReceivedMail) => {
  const part = m.parsed.attachments.find((a) => a.contentType === 'text/calendar');
  expect(part, 'a text/calendar part').toBeDefined();
  return readCalendar((part?.content as Buffer).toString('utf8'));
};
/** Makes reminder jobs due now, as if their time had come: the queue's clock is the database's. */
async function makeRemindersDue(meetingId: string, filter: { days?: number; startsAt?: string } = {}) {
  await t.db
    .update(jobs)
    .set({ runAt: sql`now() - interval '1 second'` })
    .where(
      and(
        eq(jobs.kind, MEETING_REMINDERS_JOB),
        isNull(jobs.finishedAt),
        sql`${jobs.payload}->>'meetingId' = ${meetingId}`,
        filter.days ? sql`${jobs.payload}->>'days' = ${String(filter.days)}` : undefined,
        filter.startsAt ? sql`${jobs.payload}->>'startsAt' = ${filter.startsAt}` : undefined,
      ),
    );
}
async function pendingReminders(meetingId: string) {
  const rows = await t.db
    .select({ runAt: jobs.runAt, payload: jobs.payload })
    .from(jobs)
    .where(and(eq(jobs.kind, MEETING_REMINDERS_JOB), isNull(jobs.finishedAt), sql`${jobs.payload}->>'meetingId' = ${meetingId}`));
  return rows.map((r) => ({ runAt: r.runAt.toISOString(), ...(r.payload as { days: number; startsAt: string }) })).sort((a, b) => a.runAt.localeCompare(b.runAt));
}

async function planAndInvite(body: Record<string, unknown> = {}) {
  const res = await chair.post(base(), {
    title: 'Third meeting',
    hostCommitteeCode: 'US',
    city: 'Washington, D.C.',
    venue: 'Carnegie Endowment',
    timeZone: 'America/New_York',
    start: '2027-03-12T09:00',
    end: '2027-03-15T17:00',
    format: 'hybrid',
    onlineUrl: 'https://meet.example.test/sg-3',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  const m = res.json() as MeetingDetail;
  expect((await chair.post(`${base()}/${m.id}/attendance/invitations`, { all: true })).json()).toEqual({ invited: 5 });
  return m;
}
const current = async (id: string) => (await chair.get(`${base()}/${id}`)).json() as MeetingDetail;

describe('an invitation', () => {
  it('reaches each person in their language with the times in the meeting’s zone and their own, a link to answer and a calendar file', async () => {
    const m = await planAndInvite();
    const mail = await deliver();
    expect([...mail.keys()].sort()).toEqual(['chair', 'decliner', 'leaver', 'seoul', 'tokyo']);

    const seoul = one(mail, 'seoul');
    expect(seoul.parsed.subject).toBe('초대: 동북아 평화협력 연구그룹 Third meeting');
    expect(seoul.parsed.headers.get('content-language')).toBe('ko');
    const body = seoul.parsed.text ?? '';
    expect(body).toContain('“동북아 평화협력 연구그룹”의 Third meeting에 초대합니다.');
    // Washington's 09:00 on Friday is 23:00 in Seoul the same day; 17:00 on Monday (after the March change) is 06:00 on Tuesday.
    expect(body).toContain('시작: 2027년 3월 12일 금요일 09:00 (America/New_York) — 내 시간대(Asia/Seoul) 기준 2027년 3월 12일 금요일 23:00');
    expect(body).toContain('종료: 2027년 3월 15일 월요일 17:00 (America/New_York) — 내 시간대(Asia/Seoul) 기준 2027년 3월 16일 화요일 06:00');
    expect(body).toContain('장소: Carnegie Endowment, Washington, D.C.');
    expect(body).toContain('형식: 하이브리드(대면 및 온라인)');
    expect(body).toContain('온라인 링크: https://meet.example.test/sg-3');
    expect(body).toContain(`http://accord.test/groups/${slug}/meetings/${m.id}\n`);
    expect(body).toContain(`http://accord.test/groups/${slug}/meetings/${m.id}#attendance`);
    expect(seoul.parsed.html).toContain(`<a href="http://accord.test/groups/${slug}/meetings/${m.id}#attendance">`);

    const cal = calendarOf(seoul);
    expect(cal.method).toBe('REQUEST');
    expect(cal.events).toHaveLength(1);
    expect(cal.events[0]).toMatchObject({ uid: `meeting-${m.id}@accord.test`, sequence: m.version, startZone: 'America/New_York', status: 'CONFIRMED', organizer: 'mailto:accord@localhost', attendees: [`mailto:${people.seoul.email}`] });
    expect(cal.events[0]?.start.toISOString()).toBe('2027-03-12T14:00:00.000Z');
    expect(cal.events[0]?.end?.toISOString()).toBe('2027-03-15T21:00:00.000Z');

    // Someone whose zone is the meeting's reads it once; someone without a zone reads UTC, and is told so.
    const en = one(mail, 'chair');
    expect(en.parsed.subject).toBe('Invitation: Third meeting — Study Group on Northeast Asia Peace and Cooperation');
    expect(en.parsed.text).toContain('Starts: Friday, 12 March 2027, 09:00 (America/New_York, your time zone too)');
    const ja = one(mail, 'tokyo');
    expect(ja.parsed.subject).toBe('ご招待：北東アジアの平和と協力に関する研究グループ Third meeting');
    expect(ja.parsed.text).toContain('開始：2027年3月12日金曜日 09:00（America/New_York）— あなたのタイムゾーン（UTC）では 2027年3月12日金曜日 14:00');
    expect(ja.parsed.text).toContain('UTCで表示しています');
    const zh = one(mail, 'leaver');
    expect(zh.parsed.subject).toBe('会议邀请：东北亚和平与合作研究组Third meeting');
    expect(zh.parsed.text).toContain('您所在时区（Asia/Shanghai）为 2027年3月12日星期五 22:00');
  });
});

describe('changes', () => {
  it('are mailed when the time, zone, place or format changes (with a newer calendar SEQUENCE), not for a new title', async () => {
    const m = await planAndInvite({ title: 'Retimed meeting' });
    await deliver();
    const renamed = await chair.patch(`${base()}/${m.id}`, { title: 'Retimed meeting (renamed)', version: m.version });
    expect(renamed.statusCode).toBe(200);
    expect((await deliver()).size).toBe(0);

    const moved = await chair.patch(`${base()}/${m.id}`, { start: '2027-03-13T10:00', venue: 'Brookings', version: m.version + 1 });
    expect(moved.statusCode, moved.body).toBe(200);
    const mail = await deliver();
    expect(mail.size).toBe(5);
    const en = one(mail, 'decliner');
    expect(en.parsed.subject).toBe('Changed: Retimed meeting (renamed) — Study Group on Northeast Asia Peace and Cooperation');
    expect(en.parsed.text).toContain('has changed (the time and the place)');
    // Sydney is 15 hours ahead of Washington in March (UTC+11 against UTC−4 after the change).
    expect(en.parsed.text).toContain('Starts: Saturday, 13 March 2027, 10:00 (America/New_York) — Sunday, 14 March 2027, 02:00 in your time zone (Australia/Sydney)');
    const ko = one(mail, 'seoul');
    expect(ko.parsed.subject).toBe('변경: 동북아 평화협력 연구그룹 Retimed meeting (renamed)');
    expect(ko.parsed.text).toContain('변경되었습니다(일시 및 장소)');
    const cal = calendarOf(ko);
    expect(cal.method).toBe('REQUEST');
    expect(cal.events[0]?.sequence).toBe(m.version + 2);
    expect(cal.events[0]?.start.toISOString()).toBe('2027-03-13T15:00:00.000Z');
  });

  it('tells everyone invited when a meeting is postponed, planned again or cancelled, with the reason; a cancellation removes it from calendars', async () => {
    const m = await planAndInvite({ title: 'Uncertain meeting' });
    await deliver();
    await chair.post(`${base()}/${m.id}/transitions`, { transition: 'postpone', reason: 'A typhoon closes the airports.' });
    const postponed = one(await deliver(), 'seoul');
    expect(postponed.parsed.subject).toBe('연기: 동북아 평화협력 연구그룹 Uncertain meeting');
    expect(postponed.parsed.text).toContain('사유: A typhoon closes the airports.');
    expect(calendarOf(postponed).events[0]?.status).toBe('TENTATIVE');

    await chair.post(`${base()}/${m.id}/transitions`, { transition: 'reschedule' });
    expect(one(await deliver(), 'chair').parsed.subject).toBe('Planned again: Uncertain meeting — Study Group on Northeast Asia Peace and Cooperation');

    await chair.post(`${base()}/${m.id}/transitions`, { transition: 'cancel', reason: 'The hosts withdrew.' });
    const mail = await deliver();
    expect(mail.size).toBe(5);
    const cancelled = one(mail, 'tokyo');
    expect(cancelled.parsed.subject).toBe('中止：北東アジアの平和と協力に関する研究グループ Uncertain meeting');
    expect(cancelled.parsed.text).toContain('理由：The hosts withdrew.');
    expect(cancelled.parsed.text).not.toContain('https://meet.example.test/sg-3');
    const cal = calendarOf(cancelled);
    expect(cal.method).toBe('CANCEL');
    expect(cal.events[0]).toMatchObject({ uid: `meeting-${m.id}@accord.test`, status: 'CANCELLED', sequence: (await current(m.id)).version });
  });

  it('are not sent once they are no longer true, nor to someone removed from the group', async () => {
    const m = await planAndInvite({ title: 'Short-lived meeting' });
    await deliver();
    // A change, then a cancellation before the mail goes out: only the cancellation is sent.
    await chair.patch(`${base()}/${m.id}`, { city: 'Baltimore', version: m.version });
    await chair.post(`${base()}/${m.id}/transitions`, { transition: 'cancel', reason: 'Merged with the fourth meeting.' });
    const mail = await deliver();
    expect(mail.get('chair')?.map((x) => x.parsed.subject)).toEqual(['Cancelled: Short-lived meeting — Study Group on Northeast Asia Peace and Cooperation']);

    const next = await planAndInvite({ title: 'Without the leaver' });
    await deliver();
    await chair.patch(`${base()}/${next.id}`, { venue: 'Elsewhere', version: next.version });
    expect((await chair.delete(`/api/study-groups/${slug}/members/${people.leaver.id}`)).statusCode).toBe(200);
    const after = await deliver();
    expect(after.has('leaver')).toBe(false);
    expect(after.size).toBe(4);
  });
});

describe('reminders', () => {
  it('go out 7 days and 1 day before the start to those who have not declined, not after a change of time or a cancellation', async () => {
    // The leaver left in the test before: invite the four who remain.
    const res = await chair.post(base(), { title: 'Fourth meeting', hostCommitteeCode: 'US', city: 'Washington, D.C.', timeZone: 'America/New_York', start: '2027-11-05T09:00', end: '2027-11-08T12:00' });
    const m = res.json() as MeetingDetail;
    expect((await chair.post(`${base()}/${m.id}/attendance/invitations`, { all: true })).json()).toEqual({ invited: 4 });
    await deliver();
    expect((await decliner.put(`${base()}/${m.id}/attendance/me`, { response: 'not_attending' })).statusCode).toBe(200);
    const start = '2027-11-05T13:00:00.000Z';
    expect(await pendingReminders(m.id)).toEqual([
      { runAt: '2027-10-29T13:00:00.000Z', meetingId: m.id, startsAt: start, days: 7 },
      { runAt: '2027-11-04T13:00:00.000Z', meetingId: m.id, startsAt: start, days: 1 },
    ]);

    // The week's reminder comes due.
    await makeRemindersDue(m.id, { days: 7 });
    const week = await deliver();
    expect([...week.keys()].sort()).toEqual(['chair', 'seoul', 'tokyo']);
    const ko = one(week, 'seoul');
    expect(ko.parsed.subject).toMatch(/^알림: 동북아 평화협력 연구그룹 Fourth meeting, .+ 시작$/);
    expect(ko.parsed.text).toContain('시작: 2027년 11월 5일 금요일 09:00 (America/New_York) — 내 시간대(Asia/Seoul) 기준 2027년 11월 5일 금요일 22:00');
    expect(ko.parsed.text).toContain('종료: 2027년 11월 8일 월요일 12:00 (America/New_York) — 내 시간대(Asia/Seoul) 기준 2027년 11월 9일 화요일 02:00');
    expect(ko.parsed.text).toContain('아직 초대에 회신하지 않으셨습니다.');
    expect(ko.parsed.attachments.filter((a) => a.contentType === 'text/calendar')).toEqual([]);

    // The start moves: the pending day's reminder is stale, and the new start has its own two.
    const detail = await current(m.id);
    await chair.patch(`${base()}/${m.id}`, { start: '2027-11-06T09:00', version: detail.version });
    await deliver(); // the change itself
    const newStart = '2027-11-06T13:00:00.000Z'; // 09:00 EDT, the day before the November change
    expect((await pendingReminders(m.id)).map((r) => [r.startsAt, r.days])).toEqual([
      [newStart, 7],
      [start, 1],
      [newStart, 1],
    ]);
    await makeRemindersDue(m.id, { startsAt: start });
    expect((await deliver()).size).toBe(0);
    await makeRemindersDue(m.id, { startsAt: newStart, days: 7 });
    const moved = await deliver();
    expect([...moved.keys()].sort()).toEqual(['chair', 'seoul', 'tokyo']);
    expect(one(moved, 'chair').parsed.text).toContain('Starts: Saturday, 6 November 2027, 09:00 (America/New_York, your time zone too)');

    // Planning the same start again (postponed, then planned again) does not queue it twice.
    await chair.post(`${base()}/${m.id}/transitions`, { transition: 'postpone', reason: 'Funding.' });
    await chair.post(`${base()}/${m.id}/transitions`, { transition: 'reschedule' });
    await deliver();
    expect((await pendingReminders(m.id)).map((r) => [r.startsAt, r.days])).toEqual([[newStart, 1]]);

    // Cancelled: the remaining reminder finds nothing to say.
    await chair.post(`${base()}/${m.id}/transitions`, { transition: 'cancel', reason: 'The hosts withdrew.' });
    await deliver();
    await makeRemindersDue(m.id);
    expect((await deliver()).size).toBe(0);
    expect(await pendingReminders(m.id)).toEqual([]);
  });

  it('ran without a failed job', async () => {
    const failed = await t.db.select({ kind: jobs.kind, error: jobs.lastError }).from(jobs).where(sql`${jobs.lastError} IS NOT NULL`);
    expect(failed).toEqual([]);
  });
});
