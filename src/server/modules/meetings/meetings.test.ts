import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingDetail } from '../../../core/meetings';
import { meetings, meetingSessions, sessionAgendaItems } from '../../db/schema';
import { createTestContext, type TestClient, type TestContext } from '../../test/context';
import { addMember, buildCouncil, buildStudyGroup, buildUser, signedInClient } from '../../test/factories';

let t: TestContext;
let slug: string;
let chair: TestClient;
let member: TestClient;
let observer: TestClient;
let outsider: TestClient;
let ids: Record<string, string>;

beforeAll(async () => {
  t = await createTestContext();
  const { council, byCode } = await buildCouncil(t.db);
  const group = await buildStudyGroup(t.db, { councilId: council.id, status: 'active', coChairCommitteeIds: [byCode.US?.id as string] });
  slug = group.slug;
  const [c, m, o, x, late] = await Promise.all([buildUser(t.db), buildUser(t.db), buildUser(t.db), buildUser(t.db), buildUser(t.db)]);
  await addMember(t.db, group.id, c.id, 'co_chair', byCode.US?.id ?? null);
  await addMember(t.db, group.id, m.id, 'member', byCode.KR?.id ?? null);
  await addMember(t.db, group.id, o.id, 'observer', null);
  ids = { chair: c.id, member: m.id, observer: o.id, late: late.id };
  [chair, member, observer, outsider] = await Promise.all([signedInClient(t.app, c), signedInClient(t.app, m), signedInClient(t.app, o), signedInClient(t.app, x)]);
});
afterAll(() => t?.close());

const base = () => `/api/study-groups/${slug}/meetings`;
const plan = async (body: Record<string, unknown> = {}) => {
  const res = await chair.post(base(), { title: 'Third meeting', hostCommitteeCode: 'US', city: 'Washington, D.C.', timeZone: 'America/New_York', start: '2027-03-12T09:00', end: '2027-03-15T17:00', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as MeetingDetail;
};

describe('a meeting across time zones', () => {
  it('is entered in its own zone, stored as instants, and read in its zone', async () => {
    const m = await plan();
    expect(m).toMatchObject({ sequence: 1, timeZone: 'America/New_York', attribution: 'chatham_house', format: 'in_person', status: 'planned', host: { code: 'US' } });
    expect(m.start).toEqual({ instant: '2027-03-12T14:00:00.000Z', local: '2027-03-12T09:00' });
    // After the March change the same wall-clock hour is an hour earlier in UTC.
    expect(m.end).toEqual({ instant: '2027-03-15T21:00:00.000Z', local: '2027-03-15T17:00' });
    const second = await plan({ title: 'Fourth meeting', start: null, end: null, plannedMonth: '2027-10' });
    expect(second).toMatchObject({ sequence: 2, start: null, plannedMonth: '2027-10' });
  });

  it('refuses an end before the start, an unknown zone and a skipped hour, listing each, and stores nothing', async () => {
    const before = await t.db.select().from(meetings);
    const bad = await chair.post(base(), { timeZone: 'Asia/Seoul', start: '2027-05-02T10:00', end: '2027-05-01T10:00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.end']);
    const zone = await chair.post(base(), { timeZone: 'Mars/Olympus_Mons', start: '2027-05-01T10:00' });
    expect(zone.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.timeZone']);
    const skipped = await chair.post(base(), { timeZone: 'America/New_York', start: '2027-03-14T02:30', end: '2027-03-14T05:00' });
    expect(skipped.json().errors).toEqual([expect.objectContaining({ path: 'body.start', code: 'nonexistent_time' })]);
    expect(await t.db.select().from(meetings)).toEqual(before);
  });

  it('refuses a stale edit, and a member may not plan or change meetings', async () => {
    const m = await plan();
    const ok = await chair.patch(`${base()}/${m.id}`, { venue: 'Carnegie Endowment (fictional room)', version: m.version });
    expect(ok.json()).toMatchObject({ venue: 'Carnegie Endowment (fictional room)', version: m.version + 1 });
    const stale = await chair.patch(`${base()}/${m.id}`, { venue: 'Elsewhere', version: m.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'resource.version_conflict', latestVersion: m.version + 1 });
    expect((await member.post(base(), { timeZone: 'Asia/Seoul' })).statusCode).toBe(403);
    expect((await member.patch(`${base()}/${m.id}`, { venue: 'x', version: m.version + 1 })).statusCode).toBe(403);
    expect((await outsider.get(`${base()}/${m.id}`)).statusCode).toBe(404);
  });

  it('keeps its attribution rule once the report has been circulated', async () => {
    const m = await plan();
    expect((await chair.patch(`${base()}/${m.id}`, { attribution: 'on_record', version: m.version })).json().attribution).toBe('on_record');
    await t.db.update(meetings).set({ status: 'report_circulated' }).where(eq(meetings.id, m.id));
    const [row] = await t.db.select().from(meetings).where(eq(meetings.id, m.id));
    const locked = await chair.patch(`${base()}/${m.id}`, { attribution: 'chatham_house', version: row?.version });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('meeting.attribution_locked');
    expect((await t.db.select().from(meetings).where(eq(meetings.id, m.id)))[0]?.attribution).toBe('on_record');
  });

  it('is postponed or cancelled with a reason, and a step that is not possible names the possible ones', async () => {
    const m = await plan();
    expect((await chair.post(`${base()}/${m.id}/transitions`, { transition: 'postpone' })).statusCode).toBe(400);
    const postponed = (await chair.post(`${base()}/${m.id}/transitions`, { transition: 'postpone', reason: 'A typhoon closes the airports.' })).json();
    expect(postponed).toMatchObject({ status: 'postponed', statusReason: 'A typhoon closes the airports.', allowedTransitions: ['reschedule', 'cancel'] });
    const convene = await chair.post(`${base()}/${m.id}/transitions`, { transition: 'convene' });
    expect(convene.statusCode).toBe(409);
    expect(convene.json()).toMatchObject({ code: 'lifecycle.transition_not_allowed', allowed: ['reschedule', 'cancel'] });
  });
});

describe('the timetable', () => {
  it('keeps sessions in the meeting’s zone, refuses an overlap unless parallel, and flags sessions outside the days', async () => {
    const m = await plan();
    const add = (body: Record<string, unknown>) => chair.post(`${base()}/${m.id}/sessions`, body);
    const first = await add({ title: 'Sources of insecurity', start: '2027-03-12T09:30', end: '2027-03-12T11:00', chairId: ids.chair, speakerIds: [ids.member] });
    expect(first.statusCode, first.body).toBe(201);
    const clash = await add({ title: 'Overlapping', start: '2027-03-12T10:30', end: '2027-03-12T12:00' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ code: 'session.overlap', overlaps: [{ title: 'Sources of insecurity' }] });
    const parallel = (await add({ title: 'Break-out B', start: '2027-03-12T10:30', end: '2027-03-12T12:00', parallel: true })).json() as MeetingDetail;
    const outside = (await add({ title: 'Excursion', start: '2027-03-16T09:00', end: '2027-03-16T12:00' })).json() as MeetingDetail;
    const byTitle = Object.fromEntries(outside.sessions.map((s) => [s.title, s.warnings]));
    // A break-out meant to run in parallel is not a mistake: no overlap warning, and it stays parallel when edited.
    expect(byTitle).toEqual({ 'Sources of insecurity': [], 'Break-out B': [], Excursion: ['outside_meeting_days'] });
    const breakOut = outside.sessions.find((s) => s.title === 'Break-out B');
    expect(breakOut?.parallel).toBe(true);
    const renamed = await chair.patch(`${base()}/${m.id}/sessions/${breakOut?.id}`, { title: 'Break-out B: maritime incidents' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(parallel.sessions[0]?.speakers.map((p) => p.id)).toEqual([ids.member]);
    // Retimed after the clocks changed: 09:00 on Monday 15 March is 13:00 UTC.
    const excursion = outside.sessions.find((s) => s.title === 'Excursion');
    const retimed = (await chair.patch(`${base()}/${m.id}/sessions/${excursion?.id}`, { start: '2027-03-15T09:00', end: '2027-03-15T10:00' })).json() as MeetingDetail;
    const moved = retimed.sessions.find((s) => s.title === 'Excursion');
    expect(moved?.start).toEqual({ instant: '2027-03-15T13:00:00.000Z', local: '2027-03-15T09:00' });
    expect(moved?.warnings).toEqual([]);
    // A drag moves several sessions at once: all or nothing, overlaps checked after the move.
    const [s1, s2] = [retimed.sessions.find((s) => s.title === 'Sources of insecurity'), retimed.sessions.find((s) => s.title === 'Excursion')];
    const swap = await chair.put(`${base()}/${m.id}/sessions/schedule`, {
      sessions: [
        { id: s1?.id, start: '2027-03-15T09:00', end: '2027-03-15T10:30' },
        { id: s2?.id, start: '2027-03-12T09:30', end: '2027-03-12T10:30' },
      ],
    });
    expect(swap.statusCode, swap.body).toBe(200);
    expect((swap.json() as MeetingDetail).sessions.find((s) => s.id === s1?.id)?.start.local).toBe('2027-03-15T09:00');
    const onto = await chair.put(`${base()}/${m.id}/sessions/schedule`, { sessions: [{ id: s2?.id, start: '2027-03-15T09:30', end: '2027-03-15T10:00' }] });
    expect(onto.statusCode).toBe(409);
    expect((await t.db.select().from(meetingSessions).where(eq(meetingSessions.id, s2?.id as string)))[0]?.startsAt.toISOString()).toBe('2027-03-12T14:30:00.000Z');
    const reversed = [...retimed.sessions].reverse().map((s) => s.id);
    expect((await chair.put(`${base()}/${m.id}/sessions/order`, { ids: reversed })).statusCode).toBe(200);
    const rows = await t.db.select().from(meetingSessions).where(eq(meetingSessions.meetingId, m.id));
    expect(rows.sort((a, b) => a.position - b.position).map((r) => r.id)).toEqual(reversed);
    expect((await chair.put(`${base()}/${m.id}/sessions/order`, { ids: reversed.slice(1) })).statusCode).toBe(400);
    const strangerSpeaker = await add({ title: 'With a stranger', start: '2027-03-13T09:00', end: '2027-03-13T10:00', speakerIds: [ids.late] });
    expect(strangerSpeaker.statusCode).toBe(400);
  });
});

describe('a held meeting’s timetable', () => {
  /** Every kind of timetable change, each naming a session that exists (and an agenda item to link). */
  const changes = (m: MeetingDetail, sessions: string[], item: string) => [
    { name: 'add', send: () => chair.post(`${base()}/${m.id}/sessions`, { title: 'Late addition', start: '2027-03-14T09:00', end: '2027-03-14T10:00' }) },
    { name: 'edit', send: () => chair.patch(`${base()}/${m.id}/sessions/${sessions[0]}`, { title: 'Renamed afterwards' }) },
    { name: 'retime', send: () => chair.patch(`${base()}/${m.id}/sessions/${sessions[0]}`, { start: '2027-03-13T13:00', end: '2027-03-13T14:00' }) },
    { name: 'agenda items', send: () => chair.patch(`${base()}/${m.id}/sessions/${sessions[0]}`, { agendaItemIds: [item] }) },
    { name: 'drag', send: () => chair.put(`${base()}/${m.id}/sessions/schedule`, { sessions: [{ id: sessions[1], start: '2027-03-14T15:00', end: '2027-03-14T16:00' }] }) },
    {
      name: 'order',
      send: async () => {
        const all = await t.db.select().from(meetingSessions).where(eq(meetingSessions.meetingId, m.id));
        return chair.put(`${base()}/${m.id}/sessions/order`, { ids: all.sort((a, b) => b.position - a.position).map((r) => r.id) });
      },
    },
    { name: 'delete', send: () => chair.delete(`${base()}/${m.id}/sessions/${sessions[1]}`) },
  ];
  const timetable = async (meetingId: string) => {
    const rows = await t.db.select().from(meetingSessions).where(eq(meetingSessions.meetingId, meetingId));
    const links = await t.db.select().from(sessionAgendaItems);
    return { rows: rows.sort((a, b) => a.id.localeCompare(b.id)), links: links.filter((l) => rows.some((r) => r.id === l.sessionId)) };
  };
  const withSessions = async () => {
    const m = await plan();
    const a = await chair.post(`${base()}/${m.id}/sessions`, { title: 'Opening', start: '2027-03-12T09:30', end: '2027-03-12T11:00' });
    const b = await chair.post(`${base()}/${m.id}/sessions`, { title: 'Maritime incidents', start: '2027-03-12T13:00', end: '2027-03-12T15:00' });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const item = await chair.post(`/api/study-groups/${slug}/agenda`, { title: 'Incidents at sea', lang: 'en' });
    expect(item.statusCode, item.body).toBe(201);
    return { m, sessions: (b.json() as MeetingDetail).sessions.map((s) => s.id), item: item.json().id as string };
  };

  it('refuses every change once the meeting was held or its report begun, and nothing stored changes', async () => {
    const { m, sessions, item } = await withSessions();
    const held = [
      { status: 'convened' as const, startsAt: new Date('2020-03-12T14:00:00Z'), endsAt: new Date('2020-03-15T21:00:00Z') },
      { status: 'report_drafting' as const },
      { status: 'report_final' as const },
      { status: 'cancelled' as const },
    ];
    for (const state of held) {
      await t.db.update(meetings).set(state).where(eq(meetings.id, m.id));
      const before = await timetable(m.id);
      for (const change of changes(m, sessions, item)) {
        const res = await change.send();
        expect(res.statusCode, `${state.status}: ${change.name}`).toBe(409);
        expect(res.json().code, `${state.status}: ${change.name}`).toBe('meeting.timetable_frozen');
      }
      expect(await timetable(m.id)).toEqual(before);
    }
  });

  it('still takes every change while the meeting is planned, or convened and not yet over', async () => {
    for (const state of [{ status: 'planned' as const }, { status: 'convened' as const, startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() + 86_400_000) }]) {
      const { m, sessions, item } = await withSessions();
      await t.db.update(meetings).set(state).where(eq(meetings.id, m.id));
      for (const change of changes(m, sessions, item)) {
        const res = await change.send();
        expect(res.statusCode, `${state.status}: ${change.name}: ${res.body}`).toBeLessThan(300);
      }
      const after = await timetable(m.id);
      expect(after.rows.map((r) => r.title).sort()).toEqual(['Late addition', 'Renamed afterwards']);
      expect(after.links.map((l) => l.agendaItemId)).toEqual([item]);
    }
  });
});

describe('attendance', () => {
  it('invites the members, takes their answers, and lists them by delegation with observers marked', async () => {
    const m = await plan();
    expect((await member.put(`${base()}/${m.id}/attendance/me`, { response: 'in_person' })).json().code).toBe('attendance.not_invited');
    expect((await chair.post(`${base()}/${m.id}/attendance/invitations`, { all: true })).json()).toEqual({ invited: 3 });
    expect((await chair.post(`${base()}/${m.id}/attendance/invitations`, { all: true })).json()).toEqual({ invited: 0 });
    expect((await chair.post(`${base()}/${m.id}/attendance/invitations`, { userIds: [ids.late] })).statusCode).toBe(400);
    expect((await member.put(`${base()}/${m.id}/attendance/me`, { response: 'remote' })).json().myAttendance).toEqual({ invited: true, response: 'remote' });
    await observer.put(`${base()}/${m.id}/attendance/me`, { response: 'in_person' });
    const list = (await member.get(`${base()}/${m.id}/attendance`)).json();
    expect(list.summary).toEqual({ invited: 3, inPerson: 1, remote: 1, notAttending: 0, noAnswer: 1 });
    expect(list.delegations.map((d: { committee: { code: string } }) => d.committee.code)).toEqual(['KR', 'US']);
    expect(list.observers).toHaveLength(1);
    expect(list.observers[0]).toMatchObject({ observer: true, response: 'in_person' });
    expect((await chair.put(`${base()}/${m.id}/attendance/${ids.member}/attended`, { attended: 'remote' })).statusCode).toBe(200);
    expect((await member.put(`${base()}/${m.id}/attendance/${ids.member}/attended`, { attended: 'absent' })).statusCode).toBe(403);
    // Answers close when the meeting is cancelled; only managers see the steps.
    expect((await member.get(`${base()}/${m.id}`)).json().allowedTransitions).toEqual([]);
    expect((await chair.get(`${base()}/${m.id}`)).json().allowedTransitions).toEqual(['convene', 'postpone', 'cancel']);
    await chair.post(`${base()}/${m.id}/transitions`, { transition: 'cancel', reason: 'No quorum.' });
    const late = await member.put(`${base()}/${m.id}/attendance/me`, { response: 'in_person' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('meeting.not_open');
    expect((await outsider.get(`${base()}/${m.id}/attendance`)).statusCode).toBe(404);
  });
});
