import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProposalContent, ProposalView } from '../../../core/proposals';
import { auditEvents, groupDecisions, meetings, proposalVersions, scMeetings, studyGroups } from '../../db/schema';
import { createTestContext, type TestClient, type TestContext } from '../../test/context';
import { addCouncilRole, addMember, buildCouncil, buildUser, minimalCharter, signedInClient } from '../../test/factories';
import { activateDueGroups } from './transition-group';

let t: TestContext;
let council: Awaited<ReturnType<typeof buildCouncil>>;
let krRep: TestClient;
let jpRep: TestClient;
let scChair: TestClient;
let secretariat: TestClient;
let outsider: TestClient;
let krRepId: string;

beforeAll(async () => {
  t = await createTestContext();
  council = await buildCouncil(t.db);
  const person = async (setup: (id: string) => Promise<unknown>) => {
    const u = await buildUser(t.db);
    await setup(u.id);
    return { client: await signedInClient(t.app, u), id: u.id };
  };
  const kr = await person((id) => addCouncilRole(t.db, council.council.id, id, 'sc_member', council.byCode.KR?.id));
  krRep = kr.client;
  krRepId = kr.id;
  jpRep = (await person((id) => addCouncilRole(t.db, council.council.id, id, 'sc_member', council.byCode.JP?.id))).client;
  scChair = (await person((id) => addCouncilRole(t.db, council.council.id, id, 'sc_co_chair'))).client;
  secretariat = (await person((id) => addCouncilRole(t.db, council.council.id, id, 'secretariat'))).client;
  outsider = (await person(async () => undefined)).client;
  await t.db.insert(scMeetings).values([
    { councilId: council.council.id, number: 50, heldOn: '2019-06-03', place: 'Kuala Lumpur' },
    { councilId: council.council.id, number: 51, heldOn: '2019-12-02', place: 'Hanoi' },
  ]);
});
afterAll(() => t?.close());

const content = (over: Partial<ProposalContent> = {}): ProposalContent => ({
  charter: minimalCharter('Study Group on Maritime Confidence Building'),
  termStart: '2020-01-01',
  termEnd: '2021-12-31',
  proposingCommitteeId: council.byCode.KR?.id as string,
  coChairCommitteeIds: [council.byCode.KR?.id as string, council.byCode.JP?.id as string],
  plannedMeetings: [
    { hostCommitteeId: council.byCode.KR?.id as string, city: 'Seoul', plannedMonth: '2020-03' },
    { hostCommitteeId: council.byCode.JP?.id as string, city: null, plannedMonth: null },
  ],
  ...over,
});
const url = (slug: string, rest = '') => `/api/study-groups/${slug}${rest}`;
const propose = async (over: Partial<ProposalContent> = {}) => {
  const res = await krRep.post(`/api/councils/${council.council.slug}/proposals`, { content: content(over) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as ProposalView;
};
const versionsOf = async (slug: string) => {
  const [g] = await t.db.select().from(studyGroups).where(eq(studyGroups.slug, slug));
  return t.db.select().from(proposalVersions).where(eq(proposalVersions.groupId, g?.id as string));
};

describe('a proposal from draft to decision', () => {
  it('is drafted by the proposing committee’s representative and seen only by proposers and the secretariat', async () => {
    const p = await propose();
    expect(p).toMatchObject({ status: 'draft', current: { number: 1 }, allowedTransitions: ['submit', 'withdraw'] });
    expect((await secretariat.get(url(p.slug, '/proposal'))).statusCode).toBe(200);
    expect((await jpRep.get(url(p.slug, '/proposal'))).statusCode).toBe(404);
    expect((await outsider.get(url(p.slug))).statusCode).toBe(404);
    // Only for the committee one represents.
    const forJapan = await krRep.post(`/api/councils/${council.council.slug}/proposals`, { content: content({ proposingCommitteeId: council.byCode.JP?.id as string }) });
    expect(forJapan.statusCode).toBe(403);
    expect((await outsider.post(`/api/councils/${council.council.slug}/proposals`, { content: content() })).statusCode).toBe(403);
  });

  it('refuses bad content and changes nothing', async () => {
    const p = await propose();
    const before = await versionsOf(p.slug);
    const backwards = await krRep.put(url(p.slug, '/proposal'), { content: content({ termStart: '2021-01-01', termEnd: '2020-01-01' }), baseVersion: 1 });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors.map((e: { path: string }) => e.path)).toContain('body.content.termEnd');
    const unknownCommittee = await krRep.put(url(p.slug, '/proposal'), { content: content({ coChairCommitteeIds: ['00000000-0000-4000-8000-000000000000'] }), baseVersion: 1 });
    expect(unknownCommittee.statusCode).toBe(422);
    expect(unknownCommittee.json().code).toBe('committee.unknown');
    expect(await versionsOf(p.slug)).toEqual(before);
  });

  it('keeps a version history, refuses a stale save, and cannot be edited in place once submitted', async () => {
    const p = await propose();
    const v2 = await krRep.put(url(p.slug, '/proposal'), { content: content({ termEnd: '2022-06-30' }), note: 'Longer term', baseVersion: 1 });
    expect(v2.json()).toMatchObject({ current: { number: 2, note: 'Longer term' } });
    const stale = await krRep.put(url(p.slug, '/proposal'), { content: content(), baseVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'resource.version_conflict', latestVersion: 2 });
    expect((await krRep.post(url(p.slug, '/transitions'), { transition: 'submit' })).json().status).toBe('submitted');
    const inPlace = await krRep.put(url(p.slug, '/proposal'), { content: content(), baseVersion: 2 });
    expect(inPlace.statusCode).toBe(409);
    expect(inPlace.json().code).toBe('proposal.not_editable');
    expect(await versionsOf(p.slug)).toHaveLength(2);
    const v1 = (await krRep.get(url(p.slug, '/proposal/versions/1'))).json();
    expect(v1.content.termEnd).toBe('2021-12-31');
  });

  it('goes through review, return with reasons, resubmission and approval at a numbered SC meeting', async () => {
    const p = await propose();
    await krRep.post(url(p.slug, '/transitions'), { transition: 'submit' });
    // Now the Steering Committee sees it and reviews it; the review is kept from outsiders.
    expect((await jpRep.post(url(p.slug, '/reviews'), { body: 'Please say how this differs from the maritime study group.' })).statusCode).toBe(201);
    expect((await krRep.get(url(p.slug, '/reviews'))).json()).toHaveLength(1);
    expect((await jpRep.get(url(p.slug, '/proposal'))).json().reviews).toHaveLength(1);

    expect((await krRep.post(url(p.slug, '/transitions'), { transition: 'approve', scMeetingNumber: 50 })).statusCode).toBe(403);
    const unknownMeeting = await scChair.post(url(p.slug, '/transitions'), { transition: 'approve', scMeetingNumber: 99 });
    expect(unknownMeeting.statusCode).toBe(422);
    expect(unknownMeeting.json().code).toBe('sc_meeting.unknown');
    const noReasons = await scChair.post(url(p.slug, '/transitions'), { transition: 'return', scMeetingNumber: 50 });
    expect(noReasons.statusCode).toBe(400);
    expect(noReasons.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.reasons']);
    const [still] = await t.db.select().from(studyGroups).where(eq(studyGroups.slug, p.slug));
    expect(still?.status).toBe('submitted');

    expect((await scChair.post(url(p.slug, '/transitions'), { transition: 'return', scMeetingNumber: 50, reasons: 'Clarify the difference.' })).json().status).toBe('returned');
    await krRep.put(url(p.slug, '/proposal'), { content: content(), note: 'Revised after the SC', baseVersion: 1 });
    await krRep.post(url(p.slug, '/transitions'), { transition: 'submit' });
    const approved = (await scChair.post(url(p.slug, '/transitions'), { transition: 'approve', scMeetingNumber: 51 })).json() as ProposalView;
    expect(approved.status).toBe('approved');
    expect(approved.decisions.map((d) => [d.transition, d.scMeeting?.number ?? null, d.versionNumber])).toEqual([
      ['submit', null, 1],
      ['return', 50, 1],
      ['submit', null, 2],
      ['approve', 51, 2],
    ]);
    expect(approved.versions.map((v) => [v.number, v.submittedAt !== null])).toEqual([
      [2, true],
      [1, true],
    ]);
    // The approved plan becomes the group's meeting plan, and the overview says who approved it when.
    const overview = (await krRep.get(url(p.slug))).json();
    expect(overview.approval).toEqual({ number: 51, place: 'Hanoi', heldOn: '2019-12-02' });
    expect(overview.meetings.map((m: { sequence: number; city: string | null }) => [m.sequence, m.city])).toEqual([
      [1, 'Seoul'],
      [2, null],
    ]);
  });

  it('answers a step that is not possible with 409 naming the possible ones', async () => {
    const p = await propose();
    const res = await secretariat.post(url(p.slug, '/transitions'), { transition: 'conclude' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'lifecycle.transition_not_allowed', allowed: ['submit', 'withdraw'] });
    expect((await krRep.post(url(p.slug, '/transitions'), { transition: 'withdraw' })).json().status).toBe('withdrawn');
    const after = await krRep.post(url(p.slug, '/transitions'), { transition: 'submit' });
    expect(after.json()).toMatchObject({ code: 'lifecycle.transition_not_allowed', allowed: [] });
  });
});

describe('an approved group’s term', () => {
  async function approvedGroup(termStart: string, termEnd: string) {
    const p = await propose({ termStart, termEnd });
    await krRep.post(url(p.slug, '/transitions'), { transition: 'submit' });
    await scChair.post(url(p.slug, '/transitions'), { transition: 'approve', scMeetingNumber: 50 });
    return p.slug;
  }

  it('becomes active on its start date, is extended by a recorded decision, concludes, and seeds a follow-on', async () => {
    const started = await approvedGroup('2020-01-01', '2021-12-31');
    const future = await approvedGroup('2999-01-01', '2999-12-31');
    expect(await activateDueGroups(t.db)).toBeGreaterThanOrEqual(1);
    await t.app.changes.sync();
    const [a, f] = await Promise.all([t.db.select().from(studyGroups).where(eq(studyGroups.slug, started)), t.db.select().from(studyGroups).where(eq(studyGroups.slug, future))]);
    expect(a[0]?.status).toBe('active');
    expect(f[0]?.status).toBe('approved');

    const earlier = await scChair.post(url(started, '/transitions'), { transition: 'extend', scMeetingNumber: 51, termEnd: '2021-06-30' });
    expect(earlier.statusCode).toBe(400);
    const extended = await scChair.post(url(started, '/transitions'), { transition: 'extend', scMeetingNumber: 51, termEnd: '2022-06-30' });
    expect(extended.json().status).toBe('active');
    const [row] = await t.db.select().from(studyGroups).where(eq(studyGroups.slug, started));
    expect(row?.termEnd).toBe('2022-06-30');
    expect(await t.db.select().from(groupDecisions).where(sql`${groupDecisions.groupId} = ${row?.id} AND ${groupDecisions.transition} = 'extend'`)).toHaveLength(1);

    // A co-chair concludes it and proposes a follow-on (objective (d)).
    const coChair = await buildUser(t.db);
    await addMember(t.db, row?.id as string, coChair.id, 'co_chair', council.byCode.KR?.id ?? null);
    const cc = await signedInClient(t.app, coChair);
    expect((await cc.post(url(started, '/follow-on'))).statusCode).toBe(409);
    expect((await cc.post(url(started, '/transitions'), { transition: 'begin_conclusion' })).json().status).toBe('concluding');
    const followOn = await cc.post(url(started, '/follow-on'));
    expect(followOn.statusCode).toBe(201);
    const next = followOn.json() as ProposalView;
    expect(next).toMatchObject({ status: 'draft', current: { content: { termStart: '2022-07-01', termEnd: '2024-06-30' } } });
    const lineageRes = await cc.get(url(started, '/lineage'));
    expect(lineageRes.statusCode, lineageRes.body).toBe(200);
    const lineage = lineageRes.json();
    expect(lineage.followOns.map((g: { slug: string }) => g.slug)).toEqual([next.slug]);
    expect((await cc.get(url(next.slug, '/lineage'))).json().follows.slug).toBe(started);
    // The Steering Committee sees the concluded group but not someone else's draft follow-on.
    expect((await jpRep.get(url(started, '/lineage'))).json().followOns).toEqual([]);
  });

  it('concludes only once told what becomes of the meetings still planned, and cancels them when asked', async () => {
    const slug = await approvedGroup('2020-01-01', '2021-12-31');
    await activateDueGroups(t.db);
    await t.app.changes.sync();
    const [group] = await t.db.select().from(studyGroups).where(eq(studyGroups.slug, slug));
    const coChair = await buildUser(t.db);
    await addMember(t.db, group?.id as string, coChair.id, 'co_chair', council.byCode.KR?.id ?? null);
    const cc = await signedInClient(t.app, coChair);
    expect((await cc.post(url(slug, '/transitions'), { transition: 'begin_conclusion' })).statusCode).toBe(200);
    const plan = await t.db.select().from(meetings).where(eq(meetings.groupId, group?.id as string));
    expect(plan.map((m) => m.status)).toEqual(['planned', 'planned']);

    const silent = await cc.post(url(slug, '/transitions'), { transition: 'conclude' });
    expect(silent.statusCode).toBe(400);
    expect(silent.json()).toMatchObject({ code: 'validation.failed', errors: [{ path: 'body.cancelMeetings', code: 'required' }] });
    expect((await t.db.select().from(studyGroups).where(eq(studyGroups.slug, slug)))[0]?.status).toBe('concluding');

    const concluded = await cc.post(url(slug, '/transitions'), { transition: 'conclude', cancelMeetings: true });
    expect(concluded.statusCode, concluded.body).toBe(200);
    const after = await t.db.select().from(meetings).where(eq(meetings.groupId, group?.id as string));
    expect(after.map((m) => [m.status, m.statusReason])).toEqual([
      ['cancelled', 'The study group concluded its work.'],
      ['cancelled', 'The study group concluded its work.'],
    ]);
    const audit = await t.db.select().from(auditEvents).where(and(eq(auditEvents.groupId, group?.id as string), eq(auditEvents.action, 'meeting.cancel')));
    expect(audit).toHaveLength(2);
  });

  it('shows a timeline with the decisions, the meeting plan and what comes next', async () => {
    const slug = await approvedGroup('2099-01-01', '2100-12-31');
    const tl = (await krRep.get(url(slug, '/timeline'))).json();
    // By date: the SC meeting of 2019, the plan's March 2020 meeting, today's submission, the term, the undated meeting.
    expect(tl.items.map((i: { kind: string; past: boolean }) => [i.kind, i.past])).toEqual([
      ['decision', true],
      ['meeting', true],
      ['submitted', true],
      ['term_start', false],
      ['term_end', false],
      ['meeting', false],
    ]);
    expect(tl.items.find((i: { kind: string }) => i.kind === 'decision')).toMatchObject({ transition: 'approve', scMeeting: { number: 50, place: 'Kuala Lumpur' } });
    expect(tl.next).toMatchObject({ id: 'term_start', kind: 'term_start', date: '2099-01-01' });
    expect(new Set(tl.items.map((i: { id: string }) => i.id)).size).toBe(tl.items.length);
    // A meeting's day is its day where it is held: 09:00 in Seoul is still 1 March there.
    const [g] = await t.db.select().from(studyGroups).where(eq(studyGroups.slug, slug));
    await t.db.update(meetings).set({ startsAt: new Date('2099-03-01T00:00:00Z'), timeZone: 'Asia/Seoul' }).where(eq(meetings.groupId, g?.id as string));
    await t.db.update(meetings).set({ startsAt: new Date('2099-02-28T23:30:00Z') }).where(sql`${meetings.groupId} = ${g?.id} AND ${meetings.sequence} = 1`);
    await t.app.changes.sync();
    const seoul = (await krRep.get(url(slug, '/timeline'))).json().items.find((i: { id: string }) => i.id === 'meeting-1');
    expect(seoul).toMatchObject({ date: '2099-03-01', precision: 'day' });
    expect((await outsider.get(url(slug, '/timeline'))).statusCode).toBe(404);
  });
});

describe('sub-groups and the audit trail', () => {
  it('lets a co-chair form a sub-group that the parent’s co-chairs and its members see, and nobody else', async () => {
    const p = await propose();
    await krRep.post(url(p.slug, '/transitions'), { transition: 'submit' });
    await scChair.post(url(p.slug, '/transitions'), { transition: 'approve', scMeetingNumber: 50 });
    await secretariat.post(url(p.slug, '/transitions'), { transition: 'activate' });
    const [g] = await t.db.select().from(studyGroups).where(eq(studyGroups.slug, p.slug));
    const chair = await buildUser(t.db);
    const otherChair = await buildUser(t.db);
    const member = await buildUser(t.db);
    await addMember(t.db, g?.id as string, chair.id, 'co_chair', council.byCode.KR?.id ?? null);
    await addMember(t.db, g?.id as string, otherChair.id, 'co_chair', council.byCode.JP?.id ?? null);
    await addMember(t.db, g?.id as string, member.id, 'member', council.byCode.KR?.id ?? null);
    const [cc, occ, mm] = await Promise.all([signedInClient(t.app, chair), signedInClient(t.app, otherChair), signedInClient(t.app, member)]);

    expect((await mm.post(url(p.slug, '/sub-groups'), { title: 'Export Control Experts Group', focus: 'Export controls' })).statusCode).toBe(403);
    const created = await cc.post(url(p.slug, '/sub-groups'), { title: 'Export Control Experts Group', focus: 'Harmonising export controls on dual-use goods.' });
    expect(created.statusCode).toBe(201);
    const sub = created.json().slug as string;
    const subOverview = (await cc.get(url(sub))).json();
    expect(subOverview).toMatchObject({ myRoles: ['co_chair'], kind: 'sub_group', focus: 'Harmonising export controls on dual-use goods.' });
    expect((await occ.get(url(sub))).statusCode).toBe(200);
    expect((await mm.get(url(sub))).statusCode).toBe(404);
    expect((await jpRep.get(url(sub))).statusCode).toBe(404);
    expect((await cc.get(url(p.slug, '/lineage'))).json().subGroups).toEqual([
      { slug: sub, title: 'Export Control Experts Group', status: 'active', kind: 'sub_group', focus: 'Harmonising export controls on dual-use goods.', participantCount: 1 },
    ]);
    expect((await mm.get(url(p.slug, '/lineage'))).json().subGroups).toEqual([]);
    // A sub-group cannot spawn its own.
    expect((await cc.post(url(sub, '/sub-groups'), { title: 'Deeper', focus: 'x' })).statusCode).toBe(403);

    const trail = await cc.get(url(p.slug, '/audit?action=group.'));
    expect(trail.statusCode).toBe(200);
    expect(trail.json().items.map((e: { action: string }) => e.action)).toEqual(['group.activate', 'group.approve', 'group.submit']);
    expect(trail.json().actions).toEqual(expect.arrayContaining(['proposal.created', 'subgroup.created']));
    // The people in the trail, for its filter, with their names in every script.
    expect(trail.json().actors.map((a: { displayName: string; names: object }) => typeof a.names)).not.toContain('undefined');
    expect(trail.json().actors.length).toBeGreaterThanOrEqual(3);
    expect((await mm.get(url(p.slug, '/audit'))).statusCode).toBe(403);
    expect((await outsider.get(url(p.slug, '/audit'))).statusCode).toBe(404);
    const rows = await t.db.select().from(meetings).where(eq(meetings.groupId, g?.id as string));
    expect(rows).toHaveLength(2);
  });
});

describe('concurrency', () => {
  it('lets one of two simultaneous decisions through and answers the other 409', async () => {
    const p = await propose();
    await krRep.post(url(p.slug, '/transitions'), { transition: 'submit' });
    const [a, b] = await Promise.all([
      scChair.post(url(p.slug, '/transitions'), { transition: 'approve', scMeetingNumber: 50 }),
      secretariat.post(url(p.slug, '/transitions'), { transition: 'reject', scMeetingNumber: 50, reasons: 'Out of scope.' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const decisions = (await krRep.get(url(p.slug, '/proposal'))).json().decisions;
    expect(decisions.filter((d: { transition: string }) => d.transition !== 'submit')).toHaveLength(1);
    expect(krRepId).toBeTruthy();
  });
});
