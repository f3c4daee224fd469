import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CommitteeDetail, CouncilDetail, CouncilRoleView } from '../../../core/council';
import { auditEvents, committeeMemberships, councilRoles, councils, memberCommittees, scMeetings, users } from '../../db/schema';
import { createTestContext, TestClient, type TestContext } from '../../test/context';
import { addCouncilRole, buildCouncil, buildUser, signedInClient } from '../../test/factories';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const todayIso = () => new Date().toISOString().slice(0, 10);
const shiftDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** A council of its own per test, with an administrator, its secretariat, an SC member and an outsider. */
async function setup(codes?: string[]) {
  const built = await buildCouncil(t.db, codes);
  const admin = await buildUser(t.db, { isAdmin: true });
  const secretary = await buildUser(t.db, { displayName: 'Sam Secretary', email: `sec-${built.council.slug}@example.test` });
  const representative = await buildUser(t.db, { displayName: 'Kim Representative' });
  const outsider = await buildUser(t.db);
  await addCouncilRole(t.db, built.council.id, secretary.id, 'secretariat');
  await addCouncilRole(t.db, built.council.id, representative.id, 'sc_member', built.byCode.KR?.id ?? null);
  await t.app.changes.sync();
  const base = `/api/councils/${built.council.slug}`;
  return {
    ...built,
    base,
    users: { admin, secretary, representative, outsider },
    as: {
      admin: await signedInClient(t.app, admin),
      secretary: await signedInClient(t.app, secretary),
      representative: await signedInClient(t.app, representative),
      outsider: await signedInClient(t.app, outsider),
      anonymous: new TestClient(t.app),
    },
  };
}

/** Every stored row of the council's records and the audit trail: compared around refusals. */
async function stored(councilId: string) {
  const committees = await t.db.select().from(memberCommittees).where(eq(memberCommittees.councilId, councilId)).orderBy(asc(memberCommittees.id));
  const ids = committees.map((c) => c.id);
  return {
    council: await t.db.select().from(councils).where(eq(councils.id, councilId)),
    committees,
    memberships: ids.length ? await t.db.select().from(committeeMemberships).where(inArray(committeeMemberships.committeeId, ids)).orderBy(asc(committeeMemberships.id)) : [],
    roles: await t.db.select().from(councilRoles).where(eq(councilRoles.councilId, councilId)).orderBy(asc(councilRoles.id)),
    scMeetings: await t.db.select().from(scMeetings).where(eq(scMeetings.councilId, councilId)).orderBy(asc(scMeetings.id)),
    // Sign-ins are audited too; everything else counts.
    audit: (await t.db.select().from(auditEvents).orderBy(asc(auditEvents.id))).filter((e) => !e.action.startsWith('auth.')),
  };
}

async function auditOf(targetId: string) {
  return t.db.select().from(auditEvents).where(eq(auditEvents.targetId, targetId)).orderBy(asc(auditEvents.id));
}

const paths = (res: { json(): unknown }) => ((res.json() as { errors?: { path: string }[] }).errors ?? []).map((e) => e.path).sort();

describe('reading a council', () => {
  it('lists councils with counts to anyone signed in, and the viewer’s roles', async () => {
    const c = await setup();
    await addCouncilRole(t.db, c.council.id, c.users.admin.id, 'sc_co_chair');
    await t.db.insert(scMeetings).values({ councilId: c.council.id, number: 40, heldOn: '2013-12-01', place: 'Hanoi' });
    await t.app.changes.sync();
    expect((await c.as.anonymous.get('/api/councils')).statusCode).toBe(401);
    const list = (await c.as.outsider.get('/api/councils')).json() as { items: { slug: string; counts: unknown; myRoles: string[] }[] };
    const mine = list.items.find((i) => i.slug === c.council.slug);
    expect(mine?.counts).toEqual({ committees: 5, byType: { full: 5, associate: 0, observer: 0 }, scCoChairs: 1, scRepresentatives: 1, secretariat: 1, scMeetings: 1 });
    expect(mine?.myRoles).toEqual([]);
    const asSecretary = (await c.as.secretary.get('/api/councils')).json() as typeof list;
    expect(asSecretary.items.find((i) => i.slug === c.council.slug)?.myRoles).toEqual(['secretariat']);
  });

  it('shows committees with their current type, the Steering Committee, the secretariat and recent SC meetings', async () => {
    const c = await setup(['KR', 'CN', 'JP', 'PIF']);
    const KR = c.byCode.KR?.id as string;
    const PIF = c.byCode.PIF?.id as string;
    await t.db.update(memberCommittees).set({ hostInstitution: 'Seoul Forum for International Affairs' }).where(eq(memberCommittees.id, KR));
    // PIF was full until last year and is associate since; a change planned for next year does not count yet.
    await t.db.update(committeeMemberships).set({ validTo: shiftDays(todayIso(), -366) }).where(eq(committeeMemberships.committeeId, PIF));
    await t.db.insert(committeeMemberships).values([
      { committeeId: PIF, type: 'associate', validFrom: shiftDays(todayIso(), -365), validTo: shiftDays(todayIso(), 364) },
      { committeeId: PIF, type: 'observer', validFrom: shiftDays(todayIso(), 365) },
    ]);
    const coChair = await buildUser(t.db, { displayName: 'Co Chair' });
    await addCouncilRole(t.db, c.council.id, coChair.id, 'sc_co_chair');
    for (let n = 1; n <= 7; n++) await t.db.insert(scMeetings).values({ councilId: c.council.id, number: n, heldOn: `201${n}-06-05`, place: `Place ${n}` });
    await t.app.changes.sync();

    const res = await c.as.outsider.get(c.base);
    expect(res.statusCode).toBe(200);
    const d = res.json() as CouncilDetail;
    expect(d.committees.map((x) => [x.code, x.membershipType])).toEqual([
      ['CN', 'full'],
      ['JP', 'full'],
      ['KR', 'full'],
      ['PIF', 'associate'],
    ]);
    expect(d.committees.find((x) => x.code === 'KR')).toMatchObject({ hostInstitution: 'Seoul Forum for International Affairs', subregion: 'test', memberSince: '2000-01-01' });
    expect(d.steeringCommittee.coChairs.map((r) => r.person.displayName)).toEqual(['Co Chair']);
    expect(d.steeringCommittee.seats.map((s) => [s.committee.code, s.representative?.person.displayName ?? null])).toEqual([
      ['CN', null],
      ['JP', null],
      ['KR', 'Kim Representative'],
      ['PIF', null],
    ]);
    expect(d.secretariat.map((r) => r.person)).toEqual([{ id: c.users.secretary.id, displayName: 'Sam Secretary', names: {}, affiliation: null }]);
    expect(d.recentScMeetings.map((m) => m.number)).toEqual([7, 6, 5, 4, 3]);
    expect(d.allowedActions).toEqual([]);
    // People are shown by name and affiliation, never by address.
    expect(res.body).not.toContain(c.users.secretary.email);

    expect(((await c.as.secretary.get(c.base)).json() as CouncilDetail).allowedActions).toEqual(['council.manage', 'proposal.create']);
    expect(((await c.as.admin.get(c.base)).json() as CouncilDetail).allowedActions).toEqual(['council.manage', 'proposal.create']);
    expect(((await c.as.representative.get(c.base)).json() as CouncilDetail).allowedActions).toEqual(['proposal.create']);
    expect(((await c.as.representative.get(c.base)).json() as CouncilDetail).myRoles).toEqual(['sc_member']);

    const missing = await c.as.outsider.get('/api/councils/no-such-council');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('resource.not_found');
    expect((await c.as.anonymous.get(c.base)).statusCode).toBe(401);
  });

  it('filters committees by current type and by name or code, and paginates', async () => {
    const c = await setup(['AU', 'CA', 'CN', 'EU', 'JP', 'KR', 'US']);
    const EU = c.byCode.EU?.id as string;
    const US = c.byCode.US?.id as string;
    await t.db.update(committeeMemberships).set({ validTo: shiftDays(todayIso(), -11) }).where(eq(committeeMemberships.committeeId, EU));
    await t.db.insert(committeeMemberships).values({ committeeId: EU, type: 'observer', validFrom: shiftDays(todayIso(), -10) });
    // A change from tomorrow: still full today.
    await t.db.update(committeeMemberships).set({ validTo: todayIso() }).where(eq(committeeMemberships.committeeId, US));
    await t.db.insert(committeeMemberships).values({ committeeId: US, type: 'associate', validFrom: shiftDays(todayIso(), 1) });
    await t.db.update(memberCommittees).set({ name: 'CSCAP-China' }).where(eq(memberCommittees.id, c.byCode.CN?.id as string));

    const get = async (query: string) => (await c.as.outsider.get(`${c.base}/committees${query}`)).json();
    const page1 = await get('?pageSize=3');
    expect(page1).toMatchObject({ total: 7, page: 1, pageSize: 3 });
    expect(page1.items.map((x: { code: string }) => x.code)).toEqual(['AU', 'CA', 'CN']);
    expect((await get('?pageSize=3&page=3')).items.map((x: { code: string }) => x.code)).toEqual(['US']);
    expect((await get('?type=observer')).items.map((x: { code: string }) => x.code)).toEqual(['EU']);
    expect((await get('?type=associate')).total).toBe(0);
    expect((await get('?type=full')).total).toBe(6);
    expect((await get('?q=china')).items.map((x: { code: string }) => x.code)).toEqual(['CN']);
    expect((await get('?q=jp')).items.map((x: { code: string }) => x.code)).toEqual(['JP']);
    expect((await get('?q=%25')).total).toBe(0);
    expect((await c.as.outsider.get(`${c.base}/committees?type=member&pageSize=0`)).statusCode).toBe(400);
    expect(paths(await c.as.outsider.get(`${c.base}/committees?type=member&pageSize=0`))).toEqual(['querystring.pageSize', 'querystring.type']);

    const eu = (await c.as.outsider.get(`${c.base}/committees/eu`)).json() as CommitteeDetail;
    expect(eu.membershipType).toBe('observer');
    expect(eu.history.map((h) => [h.type, h.validFrom, h.validTo])).toEqual([
      ['observer', shiftDays(todayIso(), -10), null],
      ['full', '2000-01-01', shiftDays(todayIso(), -11)],
    ]);
    expect((await c.as.outsider.get(`${c.base}/committees/XX`)).statusCode).toBe(404);
    const kr = (await c.as.outsider.get(`${c.base}/committees/KR`)).json() as CommitteeDetail;
    expect(kr.representative?.person.displayName).toBe('Kim Representative');
  });
});

describe('refusals', () => {
  it('answers 401 signed out, 404 for an unknown council, 403 to a non-manager whatever the body, and changes nothing', async () => {
    const c = await setup();
    const writes: ['POST' | 'PATCH' | 'DELETE', string, unknown][] = [
      ['POST', `${c.base}/committees`, { code: 'NZ', name: 'CSCAP New Zealand', subregion: 'oceania', type: 'full', validFrom: '2020-01-01' }],
      ['PATCH', `${c.base}/committees/KR`, { name: 'Renamed' }],
      ['POST', `${c.base}/committees/KR/memberships`, { type: 'observer', validFrom: '2020-01-01' }],
      ['POST', `${c.base}/sc-meetings`, { number: 1, heldOn: '2020-01-01', place: 'Seoul' }],
      ['POST', `${c.base}/roles`, { userId: c.users.outsider.id, role: 'secretariat' }],
      ['DELETE', `${c.base}/roles/00000000-0000-4000-8000-000000000000`, undefined],
    ];
    const before = await stored(c.council.id);
    for (const [method, url, body] of writes) {
      expect((await c.as.anonymous.request(method, url, body)).statusCode, `${method} ${url} signed out`).toBe(401);
      for (const who of ['outsider', 'representative'] as const) {
        const res = await c.as[who].request(method, url, body);
        expect(res.statusCode, `${method} ${url} as ${who}`).toBe(403);
        expect(res.json().code).toBe('auth.forbidden');
        // The right is checked before the body: a bad body is 403 too, and changes nothing.
        expect((await c.as[who].request(method, url, { nonsense: true })).statusCode, `${method} ${url} as ${who}, bad body`).toBe(403);
      }
      const unknown = await c.as.admin.request(method, url.replace(c.council.slug, 'no-such-council'), body);
      expect(unknown.statusCode, `${method} ${url} unknown council`).toBe(404);
    }
    expect(await stored(c.council.id)).toEqual(before);
  });
});

describe('member committees', () => {
  it('adds a committee with its first membership, audited; a duplicate code is 409 and changes nothing', async () => {
    const c = await setup();
    const res = await c.as.secretary.post(`${c.base}/committees`, {
      code: 'nz',
      name: ' CSCAP New Zealand ',
      country: 'NZ',
      subregion: 'oceania',
      hostInstitution: 'Centre for Strategic Studies',
      type: 'full',
      validFrom: '1994-06-08',
    });
    expect(res.statusCode).toBe(201);
    const nz = res.json() as CommitteeDetail;
    expect(nz).toMatchObject({ code: 'NZ', name: 'CSCAP New Zealand', country: 'NZ', subregion: 'oceania', hostInstitution: 'Centre for Strategic Studies', membershipType: 'full', memberSince: '1994-06-08', representative: null });
    expect(nz.history).toHaveLength(1);
    const [event, ...more] = await auditOf(nz.id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ actorId: c.users.secretary.id, action: 'committee.created', targetType: 'member_committee' });
    expect(event?.data).toMatchObject({ councilId: c.council.id, code: 'NZ', membership: { type: 'full', validFrom: '1994-06-08' } });

    const before = await stored(c.council.id);
    const dup = await c.as.admin.post(`${c.base}/committees`, { code: 'KR', name: 'Another Korea', subregion: 'northeast_asia', type: 'observer', validFrom: '2020-01-01' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('committee.exists');
    expect((await c.as.admin.post(`${c.base}/committees`, { code: 'nz', name: 'Again', subregion: 'oceania', type: 'full', validFrom: '2020-01-01' })).json().code).toBe('committee.exists');
    expect(await stored(c.council.id)).toEqual(before);
    // The same code in another council is another committee.
    const other = await setup();
    expect((await other.as.admin.post(`${other.base}/committees`, { code: 'NZ', name: 'CSCAP New Zealand', subregion: 'oceania', type: 'full', validFrom: '2020-01-01' })).statusCode).toBe(201);
  });

  it('lists every invalid field of a new committee and stores nothing', async () => {
    const c = await setup();
    const before = await stored(c.council.id);
    const res = await c.as.admin.post(`${c.base}/committees`, { code: 'N Z!', name: '  ', country: 'nz', subregion: 'Oceania', type: 'member', validFrom: '2021-02-30', extra: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation.failed');
    expect(paths(res)).toEqual(['body', 'body.code', 'body.country', 'body.name', 'body.subregion', 'body.type', 'body.validFrom']);
    expect(paths(await c.as.admin.post(`${c.base}/committees`, {}))).toEqual(['body.code', 'body.name', 'body.subregion', 'body.type', 'body.validFrom']);
    expect(await stored(c.council.id)).toEqual(before);
  });

  it('changes name, host institution and sub-region, auditing what changed', async () => {
    const c = await setup();
    const KR = c.byCode.KR?.id as string;
    const res = await c.as.secretary.patch(`${c.base}/committees/KR`, { name: 'CSCAP-Korea', hostInstitution: 'Seoul Forum', subregion: 'northeast_asia' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: 'KR', name: 'CSCAP-Korea', hostInstitution: 'Seoul Forum', subregion: 'northeast_asia', membershipType: 'full' });
    const [event] = await auditOf(KR);
    expect(event).toMatchObject({ action: 'committee.updated', actorId: c.users.secretary.id });
    expect(event?.data).toEqual({
      councilId: c.council.id,
      code: 'KR',
      changes: { name: { from: 'Committee KR', to: 'CSCAP-Korea' }, hostInstitution: { from: null, to: 'Seoul Forum' }, subregion: { from: 'test', to: 'northeast_asia' } },
    });
    // '' clears the host institution; only what differs is recorded.
    expect((await c.as.admin.patch(`${c.base}/committees/kr`, { name: 'CSCAP-Korea', hostInstitution: '' })).json().hostInstitution).toBeNull();
    expect((await auditOf(KR)).map((e) => e.data.changes)).toEqual([expect.anything(), { hostInstitution: { from: 'Seoul Forum', to: null } }]);
    // Nothing different: nothing written.
    await c.as.admin.patch(`${c.base}/committees/KR`, { name: 'CSCAP-Korea' });
    expect(await auditOf(KR)).toHaveLength(2);

    const before = await stored(c.council.id);
    expect(paths(await c.as.admin.patch(`${c.base}/committees/KR`, {}))).toEqual(['body']);
    expect(paths(await c.as.admin.patch(`${c.base}/committees/KR`, { name: '', subregion: 'North East', code: 'KO' }))).toEqual(['body', 'body.name', 'body.subregion']);
    expect((await c.as.admin.patch(`${c.base}/committees/XX`, { name: 'Nobody' })).statusCode).toBe(404);
    expect(await stored(c.council.id)).toEqual(before);
  });
});

describe('membership over time', () => {
  it('closes the current row the day before and adds one; the history is never overwritten', async () => {
    const c = await setup();
    const CN = c.byCode.CN?.id as string;
    const since = shiftDays(todayIso(), -30);
    const res = await c.as.secretary.post(`${c.base}/committees/CN/memberships`, { type: 'associate', validFrom: since });
    expect(res.statusCode).toBe(201);
    const cn = res.json() as CommitteeDetail;
    expect(cn.membershipType).toBe('associate');
    expect(cn.memberSince).toBe(since);
    expect(cn.history.map((h) => [h.type, h.validFrom, h.validTo])).toEqual([
      ['associate', since, null],
      ['full', '2000-01-01', shiftDays(since, -1)],
    ]);
    const [event] = await auditOf(CN);
    expect(event).toMatchObject({ action: 'committee.membership_changed', targetType: 'member_committee', actorId: c.users.secretary.id });
    expect(event?.data).toMatchObject({ code: 'CN', from: { type: 'full', validFrom: '2000-01-01', validTo: shiftDays(since, -1) }, to: { type: 'associate', validFrom: since } });

    // A change decided for next year: today's type stays, the history shows what is coming.
    const next = shiftDays(todayIso(), 365);
    const later = (await c.as.admin.post(`${c.base}/committees/CN/memberships`, { type: 'full', validFrom: next })).json() as CommitteeDetail;
    expect(later.membershipType).toBe('associate');
    expect(later.history.map((h) => [h.type, h.validFrom, h.validTo])).toEqual([
      ['full', next, null],
      ['associate', since, shiftDays(next, -1)],
      ['full', '2000-01-01', shiftDays(since, -1)],
    ]);
    const list = (await c.as.outsider.get(`${c.base}/committees?type=associate`)).json();
    expect(list.items.map((x: { code: string }) => x.code)).toEqual(['CN']);
  });

  it('refuses a start not after the current row’s, an unchanged type, and bad input, changing nothing', async () => {
    const c = await setup();
    await c.as.admin.post(`${c.base}/committees/JP/memberships`, { type: 'observer', validFrom: '2010-01-01' });
    const before = await stored(c.council.id);
    for (const validFrom of ['2010-01-01', '2009-12-31', '1999-01-01']) {
      const res = await c.as.admin.post(`${c.base}/committees/JP/memberships`, { type: 'full', validFrom });
      expect(res.statusCode, validFrom).toBe(400);
      expect(res.json().code).toBe('validation.failed');
      expect(res.json().errors).toEqual([{ path: 'body.validFrom', code: 'too_early', message: expect.stringContaining('2010-01-01') }]);
    }
    expect(paths(await c.as.admin.post(`${c.base}/committees/JP/memberships`, { type: 'observer', validFrom: '2011-01-01' }))).toEqual(['body.type']);
    expect(paths(await c.as.admin.post(`${c.base}/committees/JP/memberships`, { type: 'founding', validFrom: 'soon' }))).toEqual(['body.type', 'body.validFrom']);
    expect((await c.as.admin.post(`${c.base}/committees/XX/memberships`, { type: 'full', validFrom: '2020-01-01' })).statusCode).toBe(404);
    expect(await stored(c.council.id)).toEqual(before);
  });
});

describe('Steering Committee meetings', () => {
  it('records numbered meetings, lists them newest first, and refuses a number twice', async () => {
    const c = await setup();
    const res = await c.as.secretary.post(`${c.base}/sc-meetings`, { number: 41, heldOn: '2014-06-05', place: 'Kuala Lumpur', note: 'Approved the study group.' });
    expect(res.statusCode).toBe(201);
    const meeting = res.json();
    expect(meeting).toMatchObject({ number: 41, heldOn: '2014-06-05', place: 'Kuala Lumpur', note: 'Approved the study group.' });
    expect((await auditOf(meeting.id)).map((e) => [e.action, e.targetType, e.data.number])).toEqual([['sc_meeting.created', 'sc_meeting', 41]]);
    for (const [number, heldOn] of [[40, '2013-12-02'], [42, '2014-12-01'], [43, '2015-06-01']] as const) {
      expect((await c.as.admin.post(`${c.base}/sc-meetings`, { number, heldOn, place: 'Somewhere' })).statusCode).toBe(201);
    }
    const page = (await c.as.outsider.get(`${c.base}/sc-meetings?pageSize=2`)).json();
    expect(page).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(page.items.map((m: { number: number }) => m.number)).toEqual([43, 42]);
    expect((await c.as.outsider.get(`${c.base}/sc-meetings?pageSize=2&page=2`)).json().items.map((m: { number: number }) => m.number)).toEqual([41, 40]);

    const before = await stored(c.council.id);
    const dup = await c.as.admin.post(`${c.base}/sc-meetings`, { number: 41, heldOn: '2014-06-06', place: 'Elsewhere' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('sc_meeting.exists');
    expect(paths(await c.as.admin.post(`${c.base}/sc-meetings`, { number: 0.5, heldOn: '5 June 2014', place: '' }))).toEqual(['body.heldOn', 'body.number', 'body.place']);
    expect(await stored(c.council.id)).toEqual(before);
  });
});

describe('council roles', () => {
  it('assigns an SC representative per committee and two co-chairs at most, audited; every refusal changes nothing', async () => {
    const c = await setup();
    const [a, b, d] = [await buildUser(t.db, { displayName: 'A' }), await buildUser(t.db, { displayName: 'B' }), await buildUser(t.db, { displayName: 'D' })];

    const rep = await c.as.secretary.post(`${c.base}/roles`, { userId: a.id, role: 'sc_member', committeeCode: 'jp' });
    expect(rep.statusCode).toBe(201);
    const repRole = rep.json() as CouncilRoleView;
    expect(repRole).toMatchObject({ role: 'sc_member', person: { id: a.id, displayName: 'A' }, committee: { code: 'JP' }, endedAt: null });
    const [event] = await auditOf(repRole.id);
    expect(event).toMatchObject({ action: 'council_role.assigned', targetType: 'council_role', actorId: c.users.secretary.id });
    expect(event?.data).toEqual({ councilId: c.council.id, userId: a.id, role: 'sc_member', committeeId: c.byCode.JP?.id, committeeCode: 'JP' });
    for (const u of [a, b]) expect((await c.as.admin.post(`${c.base}/roles`, { userId: u.id, role: 'sc_co_chair' })).statusCode).toBe(201);

    const before = await stored(c.council.id);
    const refusals: [unknown, number, string, string[]?][] = [
      [{ userId: b.id, role: 'sc_member', committeeCode: 'KR' }, 409, 'council.representative_exists'],
      [{ userId: d.id, role: 'sc_co_chair' }, 409, 'council.co_chairs_full'],
      [{ userId: a.id, role: 'sc_member', committeeCode: 'CN' }, 409, 'council.role_exists'],
      [{ userId: d.id, role: 'sc_member', committeeCode: 'XX' }, 422, 'committee.unknown'],
      [{ userId: d.id, role: 'sc_member' }, 400, 'validation.failed', ['body.committeeCode']],
      [{ userId: d.id, role: 'secretariat', committeeCode: 'KR' }, 400, 'validation.failed', ['body.committeeCode']],
      [{ userId: 'someone', role: 'chair' }, 400, 'validation.failed', ['body.role', 'body.userId']],
      [{ userId: 'someone', role: 'sc_member' }, 400, 'validation.failed', ['body.committeeCode', 'body.userId']],
      [{ userId: '00000000-0000-4000-8000-000000000000', role: 'secretariat' }, 400, 'validation.failed', ['body.userId']],
    ];
    for (const [body, status, code, fields] of refusals) {
      const res = await c.as.admin.post(`${c.base}/roles`, body);
      expect([res.statusCode, res.json().code], JSON.stringify(body)).toEqual([status, code]);
      if (fields) expect(paths(res), JSON.stringify(body)).toEqual(fields);
    }
    const disabled = await buildUser(t.db, { disabled: true });
    expect(paths(await c.as.admin.post(`${c.base}/roles`, { userId: disabled.id, role: 'secretariat' }))).toEqual(['body.userId']);
    expect(await stored(c.council.id)).toEqual(before);

    // The seat is free again once the representative's role has ended.
    const [krSeat] = await t.db.select().from(councilRoles).where(and(eq(councilRoles.userId, c.users.representative.id), eq(councilRoles.councilId, c.council.id)));
    const ended = await c.as.admin.delete(`${c.base}/roles/${krSeat?.id}`);
    expect(ended.statusCode).toBe(200);
    expect(ended.json().endedAt).not.toBeNull();
    expect((await c.as.admin.post(`${c.base}/roles`, { userId: b.id, role: 'sc_member', committeeCode: 'KR' })).statusCode).toBe(201);
    const detail = (await c.as.outsider.get(c.base)).json() as CouncilDetail;
    expect(detail.steeringCommittee.seats.find((s) => s.committee.code === 'KR')?.representative?.person.id).toBe(b.id);
    expect(detail.steeringCommittee.coChairs.map((r) => r.person.displayName)).toEqual(['A', 'B']);
  });

  it('ends a role without deleting it, audited once; ending it again changes nothing; another council’s role is 404', async () => {
    const c = await setup();
    const holder = await buildUser(t.db);
    const role = (await c.as.admin.post(`${c.base}/roles`, { userId: holder.id, role: 'secretariat' })).json() as CouncilRoleView;
    const res = await c.as.secretary.delete(`${c.base}/roles/${role.id}`);
    expect(res.statusCode).toBe(200);
    const endedAt = res.json().endedAt as string;
    expect(endedAt).toEqual(expect.any(String));
    const [row] = await t.db.select().from(councilRoles).where(eq(councilRoles.id, role.id));
    expect(row?.endedAt?.toISOString()).toBe(endedAt);
    expect((await auditOf(role.id)).map((e) => [e.action, e.actorId])).toEqual([
      ['council_role.assigned', c.users.admin.id],
      ['council_role.ended', c.users.secretary.id],
    ]);

    const before = await stored(c.council.id);
    const again = await c.as.admin.delete(`${c.base}/roles/${role.id}`);
    expect([again.statusCode, again.json().endedAt]).toEqual([200, endedAt]);
    const other = await setup();
    const [foreign] = await t.db.select().from(councilRoles).where(eq(councilRoles.councilId, other.council.id));
    expect((await c.as.admin.delete(`${c.base}/roles/${foreign?.id}`)).statusCode).toBe(404);
    expect((await c.as.admin.delete(`${c.base}/roles/not-a-uuid`)).statusCode).toBe(400);
    expect(await stored(c.council.id)).toEqual(before);
  });

  it('ends the person’s council access at once, in this process and in another one', async () => {
    const c = await setup();
    const peer = await t.startPeer();
    const peerClient = new TestClient(peer);
    peerClient.cookies.set('accord_session', c.as.secretary.cookies.get('accord_session') as string);
    // Both processes have the secretary's roles cached.
    expect((await c.as.secretary.get(c.base)).json().allowedActions).toContain('council.manage');
    expect((await peerClient.get(c.base)).json().allowedActions).toContain('council.manage');
    expect((await c.as.secretary.post(`${c.base}/sc-meetings`, { number: 1, heldOn: '2020-01-01', place: 'Seoul' })).statusCode).toBe(201);

    const [role] = await t.db.select().from(councilRoles).where(and(eq(councilRoles.userId, c.users.secretary.id), eq(councilRoles.councilId, c.council.id)));
    expect((await c.as.admin.delete(`${c.base}/roles/${role?.id}`)).statusCode).toBe(200);
    // The response came after the change reached this process's caches: no waiting needed.
    expect((await c.as.secretary.post(`${c.base}/sc-meetings`, { number: 2, heldOn: '2020-06-01', place: 'Beijing' })).statusCode).toBe(403);
    expect((await c.as.secretary.get(c.base)).json()).toMatchObject({ allowedActions: [], myRoles: [] });
    // The other process learns it from the database's change feed.
    await peer.changes.sync();
    expect((await peerClient.get(c.base)).json()).toMatchObject({ allowedActions: [], myRoles: [] });
  });
});

describe('concurrent writes', () => {
  beforeEach(async () => {
    await t.app.changes.sync();
  });

  it('keeps one representative per committee, two co-chairs and unique codes and numbers when requests race', async () => {
    const c = await setup();
    await c.as.admin.get('/api/session');
    const people = await Promise.all([0, 1, 2, 3].map(() => buildUser(t.db)));
    const reps = await Promise.all(people.map((p) => c.as.admin.post(`${c.base}/roles`, { userId: p.id, role: 'sc_member', committeeCode: 'CN' })));
    expect(reps.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    const chairs = await Promise.all(people.map((p) => c.as.admin.post(`${c.base}/roles`, { userId: p.id, role: 'sc_co_chair' })));
    expect(chairs.map((r) => r.statusCode).sort()).toEqual([201, 201, 409, 409]);
    const committees = await Promise.all([0, 1, 2].map((i) => c.as.admin.post(`${c.base}/committees`, { code: 'MN', name: `Mongolia ${i}`, subregion: 'northeast_asia', type: 'full', validFrom: '2000-01-01' })));
    expect(committees.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(committees.filter((r) => r.statusCode === 409).map((r) => r.json().code)).toEqual(['committee.exists', 'committee.exists']);
    const meetings = await Promise.all([0, 1, 2].map((i) => c.as.admin.post(`${c.base}/sc-meetings`, { number: 50, heldOn: `2020-0${i + 1}-01`, place: 'Here' })));
    expect(meetings.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    const changes = await Promise.all(['2020-01-01', '2021-01-01'].map((validFrom) => c.as.admin.post(`${c.base}/committees/JP/memberships`, { type: 'observer', validFrom })));
    // Serialized on the committee: the second sees the first's row (an unchanged type or a later date).
    const jp = (await c.as.admin.get(`${c.base}/committees/JP`)).json() as CommitteeDetail;
    expect(jp.history.filter((h) => h.validTo === null)).toHaveLength(1);
    expect(changes.filter((r) => r.statusCode === 201)).toHaveLength(1);
    // Exactly one audit event per stored change.
    const stored_ = await stored(c.council.id);
    const audited = stored_.audit.filter((e) => (e.data as { councilId?: string }).councilId === c.council.id);
    expect(audited.filter((e) => e.action === 'council_role.assigned')).toHaveLength(3);
    expect(audited.filter((e) => e.action === 'committee.created')).toHaveLength(1);
    expect(audited.filter((e) => e.action === 'sc_meeting.created')).toHaveLength(1);
    expect(audited.filter((e) => e.action === 'committee.membership_changed')).toHaveLength(1);
  });
});

describe('OpenAPI', () => {
  it('documents every council route with a summary', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { summary?: string }>> };
    const routes = t.app.registeredRoutes.filter((r) => r.url.startsWith('/api/councils') && r.method !== 'HEAD');
    // Eleven of ours; other modules add routes under a council (proposals).
    expect(routes.length).toBeGreaterThanOrEqual(11);
    for (const r of routes) {
      const op = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      expect(op?.summary, `${r.method} ${r.url}`).toEqual(expect.any(String));
    }
  });
});

describe('finding people for a role', () => {
  it('finds people by any spelling of their name or by address, for the council’s managers only', async () => {
    const s = await setup();
    const hanzi = await buildUser(t.db, { displayName: 'Zhou Lan', email: `zhou-${s.council.slug}@example.test` });
    await t.db.update(users).set({ names: { latin: 'Zhou Lan', hanzi: '周岚' }, memberCommitteeId: s.byCode.CN?.id ?? null }).where(eq(users.id, hanzi.id));
    const disabled = await buildUser(t.db, { displayName: 'Zhou Disabled', disabled: true });
    const byScript = (await s.as.secretary.get(`${s.base}/people?q=${encodeURIComponent('周')}`)).json();
    expect(byScript.map((p: { id: string }) => p.id)).toEqual([hanzi.id]);
    expect(byScript[0]).toMatchObject({ email: hanzi.email, committee: { code: 'CN' } });
    const byName = (await s.as.secretary.get(`${s.base}/people?q=zhou`)).json();
    expect(byName.map((p: { id: string }) => p.id)).not.toContain(disabled.id);
    expect((await s.as.secretary.get(`${s.base}/people?q=${encodeURIComponent(`zhou-${s.council.slug}`)}`)).json()).toHaveLength(1);
    // A literal % matches nothing rather than everyone.
    expect((await s.as.secretary.get(`${s.base}/people?q=%25`)).json()).toEqual([]);
    expect((await s.as.representative.get(`${s.base}/people?q=zhou`)).statusCode).toBe(403);
    expect((await s.as.secretary.get(`${s.base}/people`)).statusCode).toBe(400);
  });
});
