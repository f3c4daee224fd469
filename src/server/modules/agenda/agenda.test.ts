import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgendaItemView, AgendaList } from '../../../core/agenda';
import type { MeetingDetail } from '../../../core/meetings';
import { agendaItems, auditEvents, materials, sessionAgendaItems } from '../../db/schema';
import { createTestContext, type TestClient, type TestContext } from '../../test/context';
import { addMember, buildCouncil, buildMeeting, buildStudyGroup, buildUser, signedInClient } from '../../test/factories';

let t: TestContext;
let slug: string;
let meetingId: string;
let chair: TestClient;
let member: TestClient;
let observer: TestClient;
let outsider: TestClient;
let ids: Record<string, string>;

beforeAll(async () => {
  t = await createTestContext();
  const { council, byCode } = await buildCouncil(t.db);
  const group = await buildStudyGroup(t.db, { councilId: council.id, status: 'active', coChairCommitteeIds: [byCode.KR?.id as string] });
  slug = group.slug;
  const [c, m, o, x] = await Promise.all([buildUser(t.db), buildUser(t.db), buildUser(t.db), buildUser(t.db)]);
  await addMember(t.db, group.id, c.id, 'co_chair', byCode.KR?.id ?? null);
  await addMember(t.db, group.id, m.id, 'member', byCode.JP?.id ?? null);
  await addMember(t.db, group.id, o.id, 'observer', byCode.CA?.id ?? null);
  ids = { chair: c.id, member: m.id, observer: o.id, JP: byCode.JP?.id as string };
  meetingId = (await buildMeeting(t.db, { groupId: group.id, timeZone: 'Asia/Seoul', startsAt: new Date('2027-03-10T00:00:00Z'), endsAt: new Date('2027-03-11T09:00:00Z') })).id;
  await t.app.changes.sync();
  [chair, member, observer, outsider] = await Promise.all([signedInClient(t.app, c), signedInClient(t.app, m), signedInClient(t.app, o), signedInClient(t.app, x)]);
});
afterAll(() => t?.close());

const base = () => `/api/study-groups/${slug}/agenda`;
const raise = async (client: TestClient, body: Record<string, unknown>) => {
  const res = await client.post(base(), body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as AgendaItemView;
};

describe('the open agenda', () => {
  it('takes an issue from any participant, observers included, numbered in order with the delegation it was raised for', async () => {
    const a = await raise(member, { title: '海洋における信頼醸成措置', description: '日中間の海空連絡メカニズムの運用', lang: 'ja' });
    const b = await raise(observer, { title: 'Transnational crime at sea', lang: 'en' });
    expect(a).toMatchObject({ number: 1, status: 'open', lang: 'ja', proposedBy: { id: ids.member }, committee: { code: 'JP' }, allowedActions: ['edit', 'withdraw'] });
    expect(b).toMatchObject({ number: 2, proposedBy: { id: ids.observer }, committee: { code: 'CA' } });
    const list = (await chair.get(base())).json() as AgendaList;
    expect(list.canPropose).toBe(true);
    expect(list.items.map((i) => [i.number, i.title])).toEqual([
      [1, '海洋における信頼醸成措置'],
      [2, 'Transnational crime at sea'],
    ]);
    // The co-chair keeps the agenda: edit and close, not withdraw someone else's item.
    expect(list.items[0]?.allowedActions).toEqual(['edit', 'close']);
  });

  it('is not shown to someone outside the group, who may not add to it either', async () => {
    expect((await outsider.get(base())).statusCode).toBe(404);
    const before = await t.db.select().from(agendaItems);
    expect((await outsider.post(base(), { title: 'Something else', lang: 'en' })).statusCode).toBe(404);
    expect(await t.db.select().from(agendaItems)).toEqual(before);
  });

  it('refuses bad input with field errors and stores nothing', async () => {
    const before = await t.db.select().from(agendaItems);
    const short = await member.post(base(), { title: 'x', lang: 'en' });
    expect(short.statusCode).toBe(400);
    expect(short.json().code).toBe('validation.failed');
    const lang = await member.post(base(), { title: 'A fine title', lang: 'English please' });
    expect(lang.statusCode).toBe(400);
    const extra = await member.post(base(), { title: 'A fine title', lang: 'en', number: 99 });
    expect(extra.statusCode).toBe(400);
    expect(await t.db.select().from(agendaItems)).toEqual(before);
  });

  it('lets the proposer edit with the version read, refuses a stale edit and another member’s edit', async () => {
    const item = await raise(member, { title: 'Environmental protection in the Yellow Sea', lang: 'en' });
    const edited = await member.patch(`${base()}/${item.id}`, { title: 'Environmental protection in the Yellow Sea and the East China Sea', version: item.version });
    expect(edited.json()).toMatchObject({ version: item.version + 1, title: 'Environmental protection in the Yellow Sea and the East China Sea' });
    const stale = await member.patch(`${base()}/${item.id}`, { title: 'Something else', version: item.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'resource.version_conflict', latestVersion: item.version + 1 });
    const other = await observer.patch(`${base()}/${item.id}`, { title: 'Hijacked', version: item.version + 1 });
    expect(other.statusCode).toBe(403);
    const [row] = await t.db.select().from(agendaItems).where(eq(agendaItems.id, item.id));
    expect(row?.title).toBe('Environmental protection in the Yellow Sea and the East China Sea');
  });

  it('is closed by a co-chair only with a reason, withdrawn only by its proposer, and reopened by a co-chair', async () => {
    const item = await raise(member, { title: 'Hard military security', lang: 'en' });
    const noReason = await chair.post(`${base()}/${item.id}/transitions`, { transition: 'close', version: item.version });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe('body.reason');
    expect((await member.post(`${base()}/${item.id}/transitions`, { transition: 'close', reason: 'Mine', version: item.version })).statusCode).toBe(403);
    expect((await observer.post(`${base()}/${item.id}/transitions`, { transition: 'withdraw', version: item.version })).statusCode).toBe(403);
    const closed = (await chair.post(`${base()}/${item.id}/transitions`, { transition: 'close', reason: 'Taken up under item 1.', version: item.version })).json() as AgendaItemView;
    expect(closed).toMatchObject({ status: 'closed', statusReason: 'Taken up under item 1.', allowedActions: ['reopen'] });
    const again = await chair.post(`${base()}/${item.id}/transitions`, { transition: 'close', reason: 'Again', version: closed.version });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('agenda.transition_not_allowed');
    const edit = await member.patch(`${base()}/${item.id}`, { title: 'Changed after closing', version: closed.version });
    expect(edit.statusCode).toBe(409);
    const reopened = (await chair.post(`${base()}/${item.id}/transitions`, { transition: 'reopen', version: closed.version })).json() as AgendaItemView;
    expect(reopened).toMatchObject({ status: 'open', statusReason: null });
    const withdrawn = (await member.post(`${base()}/${item.id}/transitions`, { transition: 'withdraw', version: reopened.version })).json() as AgendaItemView;
    expect(withdrawn.status).toBe('withdrawn');
    const audit = await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, item.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['agenda.item_proposed', 'agenda.item_closed', 'agenda.item_open', 'agenda.item_withdrawn']));
  });
});

describe('sessions and the agenda', () => {
  it('a session takes up agenda items and shows its papers; the item lists the session', async () => {
    const one = await raise(member, { title: 'Trust building on the Korean Peninsula', lang: 'en' });
    const two = await raise(member, { title: '한반도 비핵화와 평화체제', lang: 'ko' });
    const res = await chair.post(`/api/study-groups/${slug}/meetings/${meetingId}/sessions`, { title: 'Session 1', start: '2027-03-10T10:00', end: '2027-03-10T12:00', agendaItemIds: [two.id, one.id] });
    expect(res.statusCode, res.body).toBe(201);
    const session = (res.json() as MeetingDetail).sessions.find((s) => s.title === 'Session 1');
    expect(session?.agendaItems.map((i) => i.number)).toEqual([two.number, one.number]);
    await t.db.insert(materials).values([
      { meetingId, title: 'Background paper', kind: 'paper', sessionId: session?.id ?? null, authorId: ids.member },
      { meetingId, title: 'Withdrawn slides', kind: 'slides', sessionId: session?.id ?? null, withdrawnAt: new Date() },
    ]);
    const detail = (await member.get(`/api/study-groups/${slug}/meetings/${meetingId}`)).json() as MeetingDetail;
    expect(detail.sessions[0]?.papers.map((p) => p.title)).toEqual(['Background paper']);
    const item = (await member.get(`${base()}/${one.id}`)).json() as AgendaItemView;
    expect(item.sessions).toEqual([expect.objectContaining({ meetingId, sessionId: session?.id, title: 'Session 1', start: '2027-03-10T01:00:00.000Z' })]);
    // Reordering the list replaces it.
    const patched = await chair.patch(`/api/study-groups/${slug}/meetings/${meetingId}/sessions/${session?.id}`, { agendaItemIds: [one.id] });
    expect((patched.json() as MeetingDetail).sessions[0]?.agendaItems.map((i) => i.id)).toEqual([one.id]);
  });

  it('refuses an item of another group or a closed one, and changes nothing', async () => {
    const { council } = await buildCouncil(t.db, ['AU']);
    const other = await buildStudyGroup(t.db, { councilId: council.id, status: 'active' });
    const [foreign] = await t.db.insert(agendaItems).values({ groupId: other.id, number: 1, title: 'Not ours', lang: 'en' }).returning();
    const closed = await raise(member, { title: 'An item to close', lang: 'en' });
    await chair.post(`${base()}/${closed.id}/transitions`, { transition: 'close', reason: 'Out of scope.', version: closed.version });
    const before = await t.db.select().from(sessionAgendaItems);
    const res = await chair.post(`/api/study-groups/${slug}/meetings/${meetingId}/sessions`, { title: 'Session 2', start: '2027-03-10T14:00', end: '2027-03-10T15:00', agendaItemIds: [foreign?.id, closed.id] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { code: string }) => e.code)).toEqual(['unknown_agenda_item', 'agenda_item_not_open']);
    expect(await t.db.select().from(sessionAgendaItems)).toEqual(before);
    const detail = (await chair.get(`/api/study-groups/${slug}/meetings/${meetingId}`)).json() as MeetingDetail;
    expect(detail.sessions.map((s) => s.title)).not.toContain('Session 2');
  });
});

describe('the language an item is written in (#9)', () => {
  it('is judged from the text, not from the screens of the person who wrote it', async () => {
    expect((await member.patch('/api/me', { locale: 'en' })).statusCode).toBe(200);
    const zh = await raise(member, { title: '海底电缆维修许可的简化' });
    expect(zh.lang).toBe('zh');
    const read = (await chair.get(`${base()}/${zh.id}`)).json() as AgendaItemView;
    expect(read).toMatchObject({ title: '海底电缆维修许可的简化', lang: 'zh' });
    expect((await raise(member, { title: '해저 케이블 수리 허가' })).lang).toBe('ko');
    // What the letters cannot tell is in the author's language; a language named is kept.
    expect((await raise(member, { title: '2027 — 3.1' })).lang).toBe('en');
    expect((await raise(member, { title: '海底電纜', lang: 'ja' })).lang).toBe('ja');
  });
});
