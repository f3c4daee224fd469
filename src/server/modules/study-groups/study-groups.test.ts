import { gunzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupOverview } from '../../../core/study-groups';
import { groupMemberships, users } from '../../db/schema';
import { seedCharterTexts } from '../../db/seed/charter';
import { DEMO_GROUP_SLUG, seedDemo } from '../../db/seed/demo';
import { demoPeople } from '../../db/seed/people';
import { createTestContext, TestClient, type TestContext } from '../../test/context';
import { addCouncilRole, addMember, buildCouncil, buildStudyGroup, buildUser, signedInClient } from '../../test/factories';
import { createSession } from '../accounts/sessions';

let t: TestContext;
let demoIds: Record<string, string>;

beforeAll(async () => {
  t = await createTestContext();
  demoIds = (await t.db.transaction((tx) => seedDemo(tx))).userIds;
});
afterAll(() => t?.close());

/** A client signed in as a demo person (they have no password: a session is made directly). */
async function asDemo(key: string) {
  const id = demoIds[key];
  if (!id) throw new Error(`no demo person ${key}`);
  const { token } = await t.db.transaction((tx) => createSession(tx, id, 'test'));
  const client = new TestClient(t.app);
  client.cookies.set('accord_session', token);
  return client;
}

describe('the demo group overview', () => {
  it('shows the charter, co-chairs, delegations, observers and planned meetings', async () => {
    const client = await asDemo('kr-cochair');
    const res = await client.get(`/api/study-groups/${DEMO_GROUP_SLUG}`);
    expect(res.statusCode).toBe(200);
    const g = res.json() as GroupOverview;
    expect(g.title).toBe('Study Group on Northeast Asia Peace and Cooperation');
    expect(g.titles.ko).toBe(seedCharterTexts.ko.title);
    expect(g.charter.authoritative).toBe('en');
    expect(g.charter.texts.en?.objectives.map((o) => o.label)).toEqual(['a', 'b', 'c', 'd']);
    expect(g.termStart).toBe('2019-09-01');
    expect(g.termEnd).toBe('2021-08-31');
    expect(g.proposingCommittee?.name).toBe('CSCAP-Korea');
    expect(g.coChairs.map((c) => c.committee.name)).toEqual(['CSCAP-Korea', 'CSCAP-China', 'CSCAP-Japan', 'CSCAP-US']);
    for (const c of g.coChairs) expect(c.people).toHaveLength(1);
    expect(g.myRoles).toEqual(['co_chair']);

    const delegationCodes = g.delegations.map((d) => d.committee.code);
    expect(delegationCodes.slice(0, 4)).toEqual(['KR', 'CN', 'JP', 'US']);
    for (const d of g.delegations.slice(0, 4)) {
      expect(d.head?.roles).toContain('delegation_head');
      expect(d.committee.membershipType).toBe('full');
    }
    // In the region of Northeast Asia: the Korean, Chinese and Japanese delegations; not the US one.
    expect(g.region).toBe('northeast_asia');
    expect(Object.fromEntries(g.delegations.slice(0, 4).map((d) => [d.committee.code, d.committee.inRegion]))).toEqual({ KR: true, CN: true, JP: true, US: false });
    expect(g.observers.map((o) => o.committee?.inRegion ?? null).sort()).toEqual([false, null]);
    const expectedObservers = demoPeople.filter((p) => p.groupRoles.includes('observer')).map((p) => p.displayName).sort();
    expect(g.observers.map((o) => o.displayName).sort()).toEqual(expectedObservers);
    expect(g.support.flatMap((p) => p.roles)).toEqual(expect.arrayContaining(['secretariat', 'rapporteur', 'delphi_facilitator']));

    // The first meeting was held in Seoul in October 2019 (illustrative dates); the others are still to be dated.
    expect(g.meetings[0]?.startsAt).toBe('2019-10-24T00:00:00.000Z');
    expect(g.meetings.map((m) => [m.sequence, m.host?.code, m.city, m.plannedMonth])).toEqual([
      [1, 'KR', 'Seoul', null],
      [2, 'CN', null, null],
      [3, 'JP', null, null],
      [4, 'US', null, null],
    ]);
    // Participants' email addresses are not part of the overview.
    expect(res.body).not.toContain('@demo.accord.example');
  });

  it('sends the charter in the language asked for beside the authoritative one, compressed and cacheable', async () => {
    const client = await asDemo('jp-head');
    const url = `/api/study-groups/${DEMO_GROUP_SLUG}`;
    const ja = (await client.get(`${url}?lang=ja`)).json() as GroupOverview;
    expect(Object.keys(ja.charter.texts).sort()).toEqual(['en', 'ja']);
    expect(ja.charter.texts.ja?.title).toBe(seedCharterTexts.ja.title);
    const en = (await client.get(`${url}?lang=en`)).json() as GroupOverview;
    expect(Object.keys(en.charter.texts)).toEqual(['en']);
    const all = (await client.get(url)).json() as GroupOverview;
    expect(Object.keys(all.charter.texts).sort()).toEqual(['en', 'ja', 'ko', 'zh']);
    expect((await client.get(`${url}?lang=fr`)).statusCode).toBe(400);

    const gz = await client.request('GET', `${url}?lang=ja`, undefined, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString()).charter.texts.ja.title).toBe(seedCharterTexts.ja.title);
    const br = await client.request('GET', `${url}?lang=ja`, undefined, { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(gz.rawPayload.length + 1024);

    const etag = String(gz.headers.etag);
    const again = await client.request('GET', `${url}?lang=ja`, undefined, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // A change to the group makes a new version: the old ETag no longer matches.
    await t.db.update(users).set({ displayName: 'Miho Takaoka-Renamed' }).where(eq(users.id, demoIds['jp-head'] as string));
    await t.app.changes.sync();
    const changed = await client.request('GET', `${url}?lang=ja`, undefined, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain('Miho Takaoka-Renamed');
  });

  it('is visible to the secretariat and the Steering Committee, not to outsiders', async () => {
    for (const key of ['secretariat', 'sc-cochair-sg', 'sc-au']) {
      expect((await (await asDemo(key)).get(`/api/study-groups/${DEMO_GROUP_SLUG}`)).statusCode, key).toBe(200);
    }
    const outsider = await buildUser(t.db);
    const client = await signedInClient(t.app, outsider);
    const res = await client.get(`/api/study-groups/${DEMO_GROUP_SLUG}`);
    const missing = await client.get('/api/study-groups/no-such-group');
    expect(res.statusCode).toBe(404);
    // Not visible looks exactly like not there.
    expect({ ...res.json(), requestId: '', instance: '' }).toEqual({ ...missing.json(), requestId: '', instance: '' });
    expect((await client.get('/api/study-groups')).json()).toMatchObject({ items: [], total: 0 });
    expect((await new TestClient(t.app).get(`/api/study-groups/${DEMO_GROUP_SLUG}`)).statusCode).toBe(401);
  });

  it('drops a member whose membership ended', async () => {
    const client = await asDemo('cn-member');
    expect((await client.get(`/api/study-groups/${DEMO_GROUP_SLUG}`)).statusCode).toBe(200);
    await t.db.update(groupMemberships).set({ endedAt: new Date() }).where(eq(groupMemberships.userId, demoIds['cn-member'] as string));
    await t.app.changes.sync();
    expect((await client.get(`/api/study-groups/${DEMO_GROUP_SLUG}`)).statusCode).toBe(404);
    const overview = (await (await asDemo('kr-cochair')).get(`/api/study-groups/${DEMO_GROUP_SLUG}`)).json() as GroupOverview;
    const everyone = [...overview.delegations.flatMap((d) => [d.head, ...d.members]), ...overview.observers, ...overview.support];
    expect(everyone.map((p) => p?.id)).not.toContain(demoIds['cn-member']);
    // The count on the list agrees with the people the overview shows.
    const people = new Set([...everyone, ...overview.coChairs.flatMap((c) => c.people)].map((p) => p?.id));
    expect(overview.participantCount).toBe(people.size);
  });
});

describe("the group's time zone", () => {
  it('is the proposing committee’s capital until those who plan its meetings choose one; others may not', async () => {
    const read = async () => ((await (await asDemo('kr-member')).get(`/api/study-groups/${DEMO_GROUP_SLUG}`)).json() as GroupOverview).timeZone;
    // Proposed by CSCAP-Korea: Seoul, until someone chooses.
    expect(await read()).toEqual({ zone: 'Asia/Seoul', chosen: false });

    const member = await asDemo('kr-member');
    const refused = await member.put(`/api/study-groups/${DEMO_GROUP_SLUG}/time-zone`, { timeZone: 'Asia/Tokyo' });
    expect(refused.statusCode).toBe(403);
    const chair = await asDemo('jp-cochair');
    const unknown = await chair.put(`/api/study-groups/${DEMO_GROUP_SLUG}/time-zone`, { timeZone: 'Asia/Atlantis' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'validation.failed', errors: [{ path: 'body.timeZone', code: 'unknown_zone' }] });
    expect(await read()).toEqual({ zone: 'Asia/Seoul', chosen: false });

    const set = await chair.put(`/api/study-groups/${DEMO_GROUP_SLUG}/time-zone`, { timeZone: 'Asia/Tokyo' });
    expect(set.statusCode, set.body).toBe(200);
    await t.app.changes.sync();
    expect(await read()).toEqual({ zone: 'Asia/Tokyo', chosen: true });
  });
});

describe('the list of study groups', () => {
  it('shows members only their groups, filters, sorts and paginates', async () => {
    const { council, byCode } = await buildCouncil(t.db);
    const person = await buildUser(t.db);
    const titles = ['Maritime Security', 'Export Controls', 'Cyber Norms', 'Water Security', 'Energy Futures'];
    for (const [i, title] of titles.entries()) {
      const g = await buildStudyGroup(t.db, { councilId: council.id, title, termStart: `202${i}-01-01`, coChairCommitteeIds: [byCode.KR?.id as string] });
      if (i !== 2) await addMember(t.db, g.id, person.id, i === 0 ? 'co_chair' : 'member', byCode.KR?.id ?? null);
    }
    const client = await signedInClient(t.app, person);
    const all = (await client.get('/api/study-groups?pageSize=2')).json();
    expect(all.total).toBe(4);
    expect(all.items.map((g: { title: string }) => g.title)).toEqual(['Energy Futures', 'Export Controls']);
    const page2 = (await client.get('/api/study-groups?pageSize=2&page=2')).json();
    expect(page2.items.map((g: { title: string }) => g.title)).toEqual(['Maritime Security', 'Water Security']);
    expect(page2.items[0].myRoles).toEqual(['co_chair']);
    const filtered = (await client.get('/api/study-groups?q=secur')).json();
    expect(filtered.items.map((g: { title: string }) => g.title)).toEqual(['Maritime Security', 'Water Security']);
    const newest = (await client.get('/api/study-groups?sort=-termStart')).json();
    expect(newest.items[0].title).toBe('Energy Futures');
    // A wildcard in the filter is literal text.
    expect((await client.get('/api/study-groups?q=%25')).json().total).toBe(0);

    // The council's secretariat sees every group of the council, including the one the person is not in.
    const secretary = await buildUser(t.db);
    await addCouncilRole(t.db, council.id, secretary.id, 'secretariat');
    const sec = await signedInClient(t.app, secretary);
    expect((await sec.get('/api/study-groups')).json().total).toBe(5);
  });

  it('finds the demo group by its Korean title', async () => {
    const client = await asDemo('kr-head');
    const res = await client.get(`/api/study-groups?q=${encodeURIComponent('동북아')}`);
    expect(res.json().items.map((g: { slug: string }) => g.slug)).toEqual([DEMO_GROUP_SLUG]);
  });

  it('hides groups from a disabled account’s sessions', async () => {
    const client = await asDemo('us-member');
    expect((await client.get('/api/study-groups')).statusCode).toBe(200);
    await t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, demoIds['us-member'] as string));
    await t.app.changes.sync();
    expect((await client.get('/api/study-groups')).statusCode).toBe(401);
  });
});
