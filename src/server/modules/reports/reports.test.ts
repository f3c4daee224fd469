import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAttribution, type AttributionFinding } from '../../../core/attribution';
import type { ReportView } from '../../../core/reports';
import { docFromParagraphs } from '../../../core/rich-text';
import { auditEvents, meetingAttendance, meetingReports, meetings, meetingSessions, users } from '../../db/schema';
import { createTestContext, type TestClient, type TestContext } from '../../test/context';
import { addCouncilRole, addMember, buildCouncil, buildMeeting, buildStudyGroup, buildUser, signedInClient } from '../../test/factories';

let t: TestContext;
let slug: string;
let groupId: string;
let otherSlug: string;
let chair: TestClient;
let rapporteur: TestClient;
let member: TestClient;
let scMember: TestClient;
let outsider: TestClient;
let ids: Record<'chair' | 'rapporteur' | 'member' | 'yoon' | 'late', string>;
let sequence = 0;

beforeAll(async () => {
  t = await createTestContext();
  const { council, byCode } = await buildCouncil(t.db);
  const group = await buildStudyGroup(t.db, { councilId: council.id, status: 'active', coChairCommitteeIds: [byCode.US?.id as string] });
  const other = await buildStudyGroup(t.db, { councilId: council.id, status: 'active' });
  slug = group.slug;
  groupId = group.id;
  otherSlug = other.slug;
  const [c, r, m, y, sc, x, late] = await Promise.all([buildUser(t.db), buildUser(t.db), buildUser(t.db), buildUser(t.db), buildUser(t.db), buildUser(t.db), buildUser(t.db)]);
  await addMember(t.db, group.id, c.id, 'co_chair', byCode.US?.id ?? null);
  await addMember(t.db, group.id, r.id, 'rapporteur', byCode.JP?.id ?? null);
  await addMember(t.db, group.id, m.id, 'member', byCode.CN?.id ?? null);
  await addMember(t.db, group.id, y.id, 'member', byCode.KR?.id ?? null);
  await addMember(t.db, other.id, c.id, 'co_chair');
  await addCouncilRole(t.db, council.id, sc.id, 'sc_member', byCode.CA?.id ?? null);
  // A participant with a name in two scripts, an affiliation and a member committee.
  await t.db
    .update(users)
    .set({ displayName: 'Yoon Jae-seok', names: { latin: 'Yoon Jae-seok', hangul: '윤재석' }, affiliation: 'Institute for Peninsula Studies (fictional)', memberCommitteeId: byCode.KR?.id ?? null })
    .where(eq(users.id, y.id));
  await t.db.update(users).set({ displayName: 'Marguerite Late-Comer' }).where(eq(users.id, late.id));
  await addMember(t.db, group.id, late.id, 'member');
  ids = { chair: c.id, rapporteur: r.id, member: m.id, yoon: y.id, late: late.id };
  [chair, rapporteur, member, scMember, outsider] = await Promise.all([signedInClient(t.app, c), signedInClient(t.app, r), signedInClient(t.app, m), signedInClient(t.app, sc), signedInClient(t.app, x)]);
});
afterAll(() => t?.close());

/** A meeting of the group with everyone but the late-comer invited. */
async function meeting(attrs: { status?: 'planned' | 'convened' | 'postponed' | 'cancelled'; attribution?: 'chatham_house' | 'on_record' | 'closed'; invite?: boolean } = {}) {
  const m = await buildMeeting(t.db, { groupId, sequence: ++sequence, status: attrs.status ?? 'convened', attribution: attrs.attribution ?? 'chatham_house' });
  if (attrs.invite !== false) {
    await t.db.insert(meetingAttendance).values([ids.chair, ids.rapporteur, ids.member, ids.yoon].map((userId) => ({ meetingId: m.id, userId, response: 'in_person' as const })));
  }
  return m;
}
const url = (meetingId: string, rest = '', s = slug) => `/api/study-groups/${s}/meetings/${meetingId}/report${rest}`;
const doc = (...paragraphs: string[]) => docFromParagraphs(paragraphs);
const save = (client: TestClient, meetingId: string, baseVersion: number, ...paragraphs: string[]) => client.put(url(meetingId), { content: doc(...paragraphs), baseVersion });
const step = (client: TestClient, meetingId: string, transition: string) => client.post(url(meetingId, '/transitions'), { transition });
const meetingStatus = async (id: string) => (await t.db.select({ status: meetings.status }).from(meetings).where(eq(meetings.id, id)))[0]?.status;
const reportRow = async (id: string) => (await t.db.select().from(meetingReports).where(eq(meetingReports.meetingId, id)))[0] ?? null;
const NEUTRAL = 'Participants discussed confidence-building measures on the Peninsula. One participant stressed the value of hotlines.';

describe('the Co-Chairs’ Report while it is drafted', () => {
  it('is written by the rapporteur once the meeting is convened, and read only by those who write or approve it', async () => {
    const m = await meeting();
    const empty = (await rapporteur.get(url(m.id))).json() as ReportView;
    expect(empty).toMatchObject({ status: 'drafting', version: 0, updatedBy: null, content: { type: 'doc', content: [] }, attribution: 'chatham_house', meetingStatus: 'convened', allowedActions: ['save'] });

    const saved = await save(rapporteur, m.id, 0, NEUTRAL);
    expect(saved.statusCode, saved.body).toBe(200);
    const view = saved.json() as ReportView;
    expect(view).toMatchObject({ status: 'drafting', version: 1, meetingStatus: 'report_drafting', updatedBy: { id: ids.rapporteur, names: {} }, check: { rule: 'chatham_house', ok: true, findings: [] }, allowedActions: ['save'] });
    expect(view.updatedAt).toEqual(expect.any(String));
    expect(await meetingStatus(m.id)).toBe('report_drafting');

    // The co-chair reads it and may circulate it; the rapporteur may not.
    expect((await chair.get(url(m.id))).json()).toMatchObject({ version: 1, allowedActions: ['save', 'circulate'] });
    // A member, and the Steering Committee (who see the group), wait for circulation; others do not see the group at all.
    for (const reader of [member, scMember]) {
      const res = await reader.get(url(m.id));
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('report.not_circulated');
    }
    expect((await outsider.get(url(m.id))).statusCode).toBe(404);
    // A meeting of another group is not found through this one.
    expect((await chair.get(url(m.id, '', otherSlug))).statusCode).toBe(404);
  });

  it('refuses a save from a stale version, naming the latest, and keeps the other’s text', async () => {
    const m = await meeting();
    expect((await save(rapporteur, m.id, 0, 'First draft.')).statusCode).toBe(200);
    expect((await save(chair, m.id, 1, 'The co-chair’s revision.')).json()).toMatchObject({ version: 2, updatedBy: { id: ids.chair } });
    const stale = await save(rapporteur, m.id, 1, 'The rapporteur, unaware.');
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'resource.version_conflict', latestVersion: 2 });
    // A first save when one already exists is as stale.
    expect((await save(rapporteur, m.id, 0, 'Again from nothing.')).json()).toMatchObject({ code: 'resource.version_conflict', latestVersion: 2 });
    expect((await reportRow(m.id))?.content).toEqual(doc('The co-chair’s revision.'));
    expect((await rapporteur.get(url(m.id))).json()).toMatchObject({ version: 2, content: doc('The co-chair’s revision.') });
  });

  it('refuses writers outside their role: a member 403, a non-member 404, and changes nothing', async () => {
    const m = await meeting();
    await save(rapporteur, m.id, 0, NEUTRAL);
    const before = await reportRow(m.id);
    const byMember = await save(member, m.id, 1, 'A member rewrites it.');
    expect(byMember.statusCode).toBe(403);
    expect(byMember.json().code).toBe('auth.forbidden');
    expect((await step(member, m.id, 'circulate')).statusCode).toBe(403);
    // The rapporteur writes but does not circulate: the co-chairs sign the report.
    expect((await step(rapporteur, m.id, 'circulate')).statusCode).toBe(403);
    expect((await save(outsider, m.id, 1, 'An outsider.')).statusCode).toBe(404);
    expect((await step(outsider, m.id, 'circulate')).statusCode).toBe(404);
    expect((await save(scMember, m.id, 1, 'The SC.')).statusCode).toBe(403);
    expect(await reportRow(m.id)).toEqual(before);
    expect(await meetingStatus(m.id)).toBe('report_drafting');
  });

  it('validates the rich text and refuses what is not a report', async () => {
    const m = await meeting();
    const bad = await rapporteur.put(url(m.id), { content: { type: 'doc', content: [{ type: 'html', html: '<script>alert(1)</script>' }] }, baseVersion: 0 });
    expect(bad.statusCode).toBe(400);
    expect((await rapporteur.put(url(m.id), { content: doc('x'), baseVersion: -1 })).statusCode).toBe(400);
    expect((await step(chair, m.id, 'publish')).statusCode).toBe(400);
    expect(await reportRow(m.id)).toBeNull();
  });
});

describe('circulating under the Chatham House Rule', () => {
  it('is refused while the report names a participant (in Hangul), an affiliation or a committee, and allowed once fixed', async () => {
    const m = await meeting();
    await save(
      rapporteur,
      m.id,
      0,
      'Opening remarks.',
      '윤재석 교수는 신뢰 구축을 강조했다.',
      'A researcher of the Institute for Peninsula Studies disagreed; Committee KR would host the next meeting.',
    );
    const draft = (await chair.get(url(m.id))).json() as ReportView;
    expect(draft.check?.ok).toBe(false);
    expect(draft.allowedActions).toEqual(['save']);
    const auditBefore = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, m.id));

    const refused = await step(chair, m.id, 'circulate');
    expect(refused.statusCode).toBe(422);
    const problem = refused.json() as { code: string; rule: string; findings: AttributionFinding[] };
    expect(problem).toMatchObject({ code: 'report.attribution', rule: 'chatham_house' });
    expect(problem.findings.map((f) => ({ kind: f.kind, term: f.term, match: f.match, block: f.block, who: f.people.map((p) => p.id) }))).toEqual([
      { kind: 'name', term: '윤재석', match: '윤재석', block: 1, who: [ids.yoon] },
      { kind: 'affiliation', term: 'Institute for Peninsula Studies (fictional)', match: 'Institute for Peninsula Studies', block: 2, who: [ids.yoon] },
      { kind: 'committee', term: 'Committee KR', match: 'Committee KR', block: 2, who: [ids.yoon] },
    ]);
    expect(problem.findings[0]).toMatchObject({ in: 'text', before: '', after: ' 교수는 신뢰 구축을 강조했다.', start: 0, end: 3 });
    // Nothing changed: the report is a draft, the meeting drafting, no event recorded.
    expect(await reportRow(m.id)).toMatchObject({ status: 'drafting', circulatedAt: null });
    expect(await meetingStatus(m.id)).toBe('report_drafting');
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, m.id))).toEqual(auditBefore);

    await save(rapporteur, m.id, 1, 'Opening remarks.', 'One participant stressed confidence building.', 'Another disagreed; the next meeting will be hosted in the region.');
    const circulated = await step(chair, m.id, 'circulate');
    expect(circulated.statusCode, circulated.body).toBe(200);
    expect(circulated.json()).toMatchObject({ status: 'circulated', version: 2, meetingStatus: 'report_circulated', check: { ok: true }, allowedActions: ['reopen', 'finalize'] });
    expect((circulated.json() as ReportView).circulatedAt).toEqual(expect.any(String));
    expect(await meetingStatus(m.id)).toBe('report_circulated');

    // Now the group reads it, without the check; the Steering Committee too; outsiders still do not.
    const read = await member.get(url(m.id));
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ status: 'circulated', check: null, people: null, allowedActions: [] });
    expect((await scMember.get(url(m.id))).statusCode).toBe(200);
    expect((await outsider.get(url(m.id))).statusCode).toBe(404);
    // A circulated report does not change until a co-chair reopens it.
    const edit = await save(rapporteur, m.id, 2, 'A late change.');
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('report.circulated');
  });

  it('finds speakers and guest speakers of the timetable, and the group’s members when nobody was invited', async () => {
    const m = await meeting({ invite: false });
    await t.db.insert(meetingSessions).values({
      meetingId: m.id,
      position: 1,
      title: 'Session 1',
      startsAt: new Date('2027-03-10T01:00:00Z'),
      endsAt: new Date('2027-03-10T02:00:00Z'),
      speakerIds: [ids.late],
      guestSpeakers: 'Jane Doe, Institute of Strategy',
    });
    await save(rapporteur, m.id, 0, 'Marguerite Late-Comer and Jane Doe spoke; 윤재석 too.');
    const { check } = (await chair.get(url(m.id))).json() as ReportView;
    expect(check?.findings.map((f) => f.match)).toEqual(['Marguerite Late-Comer', 'Jane Doe', '윤재석']);
    // The editor receives the same people, to run the same check as the text changes.
    const view = (await rapporteur.get(url(m.id))).json() as ReportView;
    expect(view.people).toEqual(expect.arrayContaining([expect.objectContaining({ id: ids.yoon, names: { latin: 'Yoon Jae-seok', hangul: '윤재석' }, committees: [{ code: 'KR', name: 'Committee KR', country: 'KR' }] }), { id: null, displayName: 'Jane Doe', affiliation: 'Institute of Strategy' }]));
    expect(checkAttribution(view.content, view.people ?? [], view.attribution)).toEqual(view.check);
  });

  it('circulates a report that names speakers when the meeting was on record', async () => {
    const m = await meeting({ attribution: 'on_record' });
    await save(rapporteur, m.id, 0, 'Yoon Jae-seok (Institute for Peninsula Studies, Committee KR) opened the session; 윤재석 교수는 …');
    const res = await step(chair, m.id, 'circulate');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'circulated', attribution: 'on_record', check: { rule: 'on_record', ok: true, findings: [] } });
  });

  it('keeps no report of a closed meeting', async () => {
    const m = await meeting({ attribution: 'closed' });
    for (const res of [await chair.get(url(m.id)), await save(rapporteur, m.id, 0, 'Notes.'), await step(chair, m.id, 'circulate')]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('report.closed_meeting');
    }
    expect(await reportRow(m.id)).toBeNull();
    expect(await meetingStatus(m.id)).toBe('convened');
  });

  it('refuses to circulate an empty report or one never saved', async () => {
    const m = await meeting();
    const never = await step(chair, m.id, 'circulate');
    expect(never.statusCode).toBe(409);
    expect(never.json()).toMatchObject({ code: 'report.transition_not_allowed', allowed: [] });
    await save(rapporteur, m.id, 0, '   ');
    const empty = await step(chair, m.id, 'circulate');
    expect(empty.statusCode).toBe(422);
    expect(empty.json().code).toBe('report.empty');
  });
});

describe('the Chatham House check cannot be walked around (#9 part 3)', () => {
  /** A convened Chatham House meeting with a guest speaker in its timetable, and a participant with a three-kanji family name recorded. */
  async function withGuest() {
    const m = await meeting();
    await t.db.insert(meetingSessions).values({
      meetingId: m.id,
      position: 1,
      title: 'Session 1',
      startsAt: new Date('2027-03-10T01:00:00Z'),
      endsAt: new Date('2027-03-10T02:00:00Z'),
      guestSpeakers: 'Dr. Imogen Guestworth (Hanbit Academy of International Affairs)',
    });
    return m;
  }
  const circulate = (meetingId: string, acknowledge?: { key: string; answer: string }[]) => chair.post(url(meetingId, '/transitions'), { transition: 'circulate', ...(acknowledge ? { acknowledge } : {}) });

  beforeAll(async () => {
    await t.db.update(users).set({ names: { latin: 'Shingo Kubota', kanji: '久保田慎吾', kanjiFamily: '久保田' } }).where(eq(users.id, ids.member));
  });

  it('refuses each way round it with 422 report.attribution, and changes nothing', async () => {
    const texts: [string, string][] = [
      ['Imogen Guestworth said that hotlines matter.', 'Imogen Guestworth'],
      ['Imo\u00adgen Guest\u200bworth said so.', 'Imo\u00adgen Guest\u200bworth'],
      ['As J. S. Yoon put it, trust comes first.', 'J. S. Yoon'],
      ['Yoon Jae-s\u0435ok disagreed.', 'Yoon Jae-s\u0435ok'],
      ['A Hanbit Academy study was cited.', 'Hanbit Academy'],
      ['The Korean delegation disagreed.', 'Korean delegation'],
      ['久保田氏は反対した。', '久保田氏'],
    ];
    for (const [text, match] of texts) {
      const m = await withGuest();
      expect((await save(rapporteur, m.id, 0, text)).statusCode).toBe(200);
      const before = await reportRow(m.id);
      const auditBefore = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, m.id));
      const refused = await circulate(m.id);
      expect(refused.statusCode, text).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      const problem = refused.json() as { code: string; findings: AttributionFinding[] };
      expect(problem.code, text).toBe('report.attribution');
      expect(problem.findings.map((f) => f.match), text).toEqual([match]);
      expect(await reportRow(m.id)).toEqual(before);
      expect(await meetingStatus(m.id)).toBe('report_drafting');
      expect(await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, m.id))).toEqual(auditBefore);
    }
  });

  it('refuses a name part alone until it is answered (422 report.attribution_unanswered), then circulates and records the answer', async () => {
    const m = await withGuest();
    await save(rapporteur, m.id, 0, 'Imogen thanked the hosts.', 'One participant stressed the value of hotlines.');
    const view = (await chair.get(url(m.id))).json() as ReportView;
    expect(view.check).toMatchObject({ ok: true, findings: [], warnings: [{ kind: 'name_part', part: 'given', match: 'Imogen', block: 0, start: 0, end: 6, people: [{ id: null, displayName: 'Imogen Guestworth' }] }] });
    const key = view.check?.warnings[0]?.key as string;

    const refused = await circulate(m.id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'report.attribution_unanswered', warnings: [{ key, match: 'Imogen' }] });
    expect(await reportRow(m.id)).toMatchObject({ status: 'drafting', circulatedAt: null });
    // An answer to another text (a stale key) answers nothing.
    expect((await circulate(m.id, [{ key: '0:text:0:6:harriet', answer: 'reviewed' }])).json()).toMatchObject({ code: 'report.attribution_unanswered' });
    expect((await circulate(m.id, [{ key, answer: 'maybe' }])).statusCode).toBe(400);

    const done = await circulate(m.id, [{ key, answer: 'not_this_person' }]);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'circulated' });
    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, m.id), eq(auditEvents.action, 'report.circulated')));
    expect(event?.data).toMatchObject({ acknowledged: [{ answer: 'not_this_person', block: 0, start: 0, end: 6, people: [null] }] });
    // The audit trail records where and whose, not the name itself.
    expect(JSON.stringify(event?.data)).not.toContain('Imogen');

    // Finalizing asks again.
    expect((await step(chair, m.id, 'finalize')).json()).toMatchObject({ code: 'report.attribution_unanswered' });
    expect((await chair.post(url(m.id, '/transitions'), { transition: 'finalize', acknowledge: [{ key, answer: 'reviewed' }] })).statusCode).toBe(200);
  });
});

describe('reopening and making the report final', () => {
  it('reopens for changes, then finalizes; after that nothing changes, and the meeting’s status follows each step', async () => {
    const m = await meeting();
    const statuses: (string | undefined)[] = [await meetingStatus(m.id)];
    await save(rapporteur, m.id, 0, NEUTRAL);
    statuses.push(await meetingStatus(m.id));
    await step(chair, m.id, 'circulate');
    statuses.push(await meetingStatus(m.id));
    // Reopened for a change; a draft cannot be made final.
    const early = await step(chair, m.id, 'reopen');
    expect(early.statusCode).toBe(200);
    statuses.push(await meetingStatus(m.id));
    const notYet = await step(chair, m.id, 'finalize');
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json()).toMatchObject({ code: 'report.transition_not_allowed', allowed: ['circulate'] });
    expect((await save(rapporteur, m.id, 1, NEUTRAL, 'A paragraph added after reopening.')).json()).toMatchObject({ version: 2 });
    await step(chair, m.id, 'circulate');
    statuses.push(await meetingStatus(m.id));
    const final = await step(chair, m.id, 'finalize');
    expect(final.statusCode, final.body).toBe(200);
    expect(final.json()).toMatchObject({ status: 'final', version: 2, meetingStatus: 'report_final', allowedActions: [] });
    expect((final.json() as ReportView).finalizedAt).toEqual(expect.any(String));
    statuses.push(await meetingStatus(m.id));
    expect(statuses).toEqual(['convened', 'report_drafting', 'report_circulated', 'report_drafting', 'report_circulated', 'report_final']);

    const before = await reportRow(m.id);
    const refused = [await save(rapporteur, m.id, 2, 'Changed after the end.'), await save(chair, m.id, 2, 'Or by a co-chair.'), await step(chair, m.id, 'reopen'), await step(chair, m.id, 'finalize'), await step(chair, m.id, 'circulate')];
    for (const res of refused) {
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('report.final');
    }
    expect(await reportRow(m.id)).toEqual(before);
    expect(await meetingStatus(m.id)).toBe('report_final');
    expect((await member.get(url(m.id))).json()).toMatchObject({ status: 'final', content: doc(NEUTRAL, 'A paragraph added after reopening.') });

    const events = await t.db
      .select({ action: auditEvents.action, actorId: auditEvents.actorId, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.targetType, 'meeting'), eq(auditEvents.targetId, m.id)))
      .orderBy(asc(auditEvents.id));
    expect(events.map((e) => e.action)).toEqual(['report.saved', 'report.circulated', 'report.reopened', 'report.saved', 'report.circulated', 'report.finalized']);
    expect(events[0]).toMatchObject({ actorId: ids.rapporteur, data: { version: 1, meetingStatus: { from: 'convened', to: 'report_drafting' } } });
    expect(events[5]).toMatchObject({ actorId: ids.chair, data: { from: 'circulated', to: 'final', meetingStatus: { from: 'report_circulated', to: 'report_final' } } });
  });

  it('checks again before it is final: someone invited after circulation is caught', async () => {
    const m = await meeting();
    await save(rapporteur, m.id, 0, 'Marguerite Late-Comer summed up the discussion.');
    // Not invited yet: the late-comer is no participant of this meeting.
    expect((await step(chair, m.id, 'circulate')).statusCode).toBe(200);
    await t.db.insert(meetingAttendance).values({ meetingId: m.id, userId: ids.late, response: 'remote' });
    const refused = await step(chair, m.id, 'finalize');
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'report.attribution', findings: [{ match: 'Marguerite Late-Comer', people: [{ id: ids.late }] }] });
    expect(await reportRow(m.id)).toMatchObject({ status: 'circulated', finalizedAt: null });
    expect((await chair.get(url(m.id))).json()).toMatchObject({ allowedActions: ['reopen'] });
  });

  it('follows the meeting: nothing is written before it is convened, or for a postponed or cancelled one', async () => {
    for (const status of ['planned', 'postponed', 'cancelled'] as const) {
      const m = await meeting({ status });
      expect((await rapporteur.get(url(m.id))).json()).toMatchObject({ version: 0, meetingStatus: status, allowedActions: [] });
      const res = await save(rapporteur, m.id, 0, 'Too early.');
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'report.meeting_status', meetingStatus: status, allowedMeetingStatuses: ['convened', 'report_drafting'] });
      expect(await reportRow(m.id)).toBeNull();
      expect(await meetingStatus(m.id)).toBe(status);
    }
  });
});
