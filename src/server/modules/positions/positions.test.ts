import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftBlock } from '../../../core/drafts';
import { blocksOfState, stateFromParagraphs } from '../../collaboration/ydoc';
import { auditEvents, draftVersions, drafts, groupMemberships, positions, recommendationOutcomes } from '../../db/schema';
import { createTestContext, type TestClient, type TestContext } from '../../test/context';
import { addMember, buildCouncil, buildStudyGroup, buildUser, signedInClient } from '../../test/factories';
import type { ConsensusMatrix } from './schemas';

let t: TestContext;
let council: Awaited<ReturnType<typeof buildCouncil>>;
let slug: string;
let groupId: string;
let chair: TestClient;
let headKR: TestClient;
let headJP: TestClient;
let headJPOtherDevice: TestClient;
let headCN: TestClient;
let member: TestClient;
let observer: TestClient;
let outsider: TestClient;
let ids: Record<string, string>;

beforeAll(async () => {
  t = await createTestContext();
  council = await buildCouncil(t.db, ['KR', 'CN', 'JP', 'US', 'CA', 'AU']);
  const { byCode } = council;
  const group = await buildStudyGroup(t.db, { councilId: council.council.id, status: 'active', coChairCommitteeIds: [byCode.KR?.id as string] });
  slug = group.slug;
  groupId = group.id;
  const [c, hk, hj, hc, m, o, x, r] = await Promise.all([buildUser(t.db), buildUser(t.db), buildUser(t.db), buildUser(t.db), buildUser(t.db), buildUser(t.db), buildUser(t.db), buildUser(t.db)]);
  await addMember(t.db, group.id, c.id, 'co_chair', byCode.KR?.id ?? null);
  await addMember(t.db, group.id, hk.id, 'delegation_head', byCode.KR?.id ?? null);
  await addMember(t.db, group.id, hj.id, 'delegation_head', byCode.JP?.id ?? null);
  await addMember(t.db, group.id, hc.id, 'delegation_head', byCode.CN?.id ?? null);
  // The US delegation has a member but no head here: eligible, and silent.
  await addMember(t.db, group.id, m.id, 'member', byCode.US?.id ?? null);
  // Canada sits only as an observer: it takes no position.
  await addMember(t.db, group.id, o.id, 'observer', byCode.CA?.id ?? null);
  // The rapporteur serves the group; her committee (AU) is not thereby a delegation.
  await addMember(t.db, group.id, r.id, 'rapporteur', byCode.AU?.id ?? null);
  ids = { chair: c.id, headKR: hk.id, headJP: hj.id, headCN: hc.id, member: m.id, KR: byCode.KR?.id as string, JP: byCode.JP?.id as string, CN: byCode.CN?.id as string, US: byCode.US?.id as string };
  await t.app.changes.sync();
  [chair, headKR, headJP, headJPOtherDevice, headCN, member, observer, outsider] = await Promise.all([
    signedInClient(t.app, c),
    signedInClient(t.app, hk),
    signedInClient(t.app, hj),
    signedInClient(t.app, hj),
    signedInClient(t.app, hc),
    signedInClient(t.app, m),
    signedInClient(t.app, o),
    signedInClient(t.app, x),
  ]);
});
afterAll(() => t?.close());

/** A draft with a named version 1: a preamble and two recommendations (uids as the editor keeps them). */
async function draftWithVersion(): Promise<{ draftId: string; blocks: DraftBlock[]; r1: string; r2: string }> {
  const state = stateFromParagraphs(['Preamble: the region lacks crisis channels.', { text: 'Establish military hotlines between capitals.', kind: 'recommendation' }, { text: 'Notify each other of major exercises.', kind: 'recommendation' }]);
  const [draft] = await t.db.insert(drafts).values({ groupId, number: Math.floor(Math.random() * 1e6) + 10, title: 'Recommendations on crisis channels', lang: 'en', state }).returning();
  const blocks = blocksOfState(state);
  await t.db.insert(draftVersions).values({ draftId: draft?.id as string, number: 1, name: 'Draft for the Seoul meeting', state, blocks });
  return { draftId: draft?.id as string, blocks, r1: blocks[1]?.uid as string, r2: blocks[2]?.uid as string };
}

async function addVersion(draftId: string, number: number, blocks: DraftBlock[]) {
  await t.db.insert(draftVersions).values({ draftId, number, name: `Version ${number}`, state: stateFromParagraphs(blocks.map((b) => ({ text: b.text, kind: b.kind }))), blocks });
}

const base = (draftId: string) => `/api/study-groups/${slug}/drafts/${draftId}`;
const posUrl = (draftId: string, version: number, uid: string) => `${base(draftId)}/versions/${version}/positions/${uid}`;
const positionRows = (draftId: string) => t.db.select().from(positions).where(eq(positions.draftId, draftId));

describe('positions', () => {
  it('records each delegation head’s position on a recommendation and shows the matrix with the consensus', async () => {
    const d = await draftWithVersion();
    const kr = await headKR.put(posUrl(d.draftId, 1, d.r1), { position: 'support', version: 0 });
    expect(kr.statusCode, kr.body).toBe(200);
    expect(kr.json()).toMatchObject({ committee: { code: 'KR' }, position: 'support', onVersion: 1, superseded: false, version: 1, recordedBy: { id: ids.headKR } });
    expect((await headJP.put(posUrl(d.draftId, 1, d.r1), { position: 'reservation', text: 'Japan reads "capitals" as including Tokyo only.', version: 0 })).statusCode).toBe(200);
    expect((await headCN.put(posUrl(d.draftId, 1, d.r2), { position: 'objection', change: 'Replace "major exercises" by "exercises near borders".', version: 0 })).statusCode).toBe(200);

    // Everyone who may view the draft reads it, observers included; reservation texts are shown inside the group.
    const res = await observer.get(`${base(d.draftId)}/consensus`);
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json() as ConsensusMatrix;
    expect(m.version).toMatchObject({ number: 1, name: 'Draft for the Seoul meeting' });
    expect(m.superseded).toBe(false);
    expect(m.delegations.map((x) => x.code)).toEqual(['CN', 'JP', 'KR', 'US']);
    expect(m.recommendations.map((r) => [r.number, r.uid, r.text])).toEqual([
      [1, d.r1, 'Establish military hotlines between capitals.'],
      [2, d.r2, 'Notify each other of major exercises.'],
    ]);
    const [r1, r2] = m.recommendations;
    expect(r1?.cells.map((c) => c.position?.position ?? null)).toEqual([null, 'reservation', 'support', null]);
    expect(r1?.cells[1]?.position).toMatchObject({ committee: { code: 'JP', name: 'Committee JP' }, text: 'Japan reads "capitals" as including Tokyo only.', recordedBy: { id: ids.headJP } });
    expect(r1?.consensus).toMatchObject({ taken: 2, grade: 'consensus', adoptable: true, reservations: [{ code: 'JP', text: 'Japan reads "capitals" as including Tokyo only.' }] });
    expect(r1?.consensus.silent.map((s) => s.code)).toEqual(['CN', 'US']);
    expect(r2?.consensus).toMatchObject({ taken: 1, grade: 'divergence', adoptable: false, blocking: [{ code: 'CN', change: 'Replace "major exercises" by "exercises near borders".' }] });
    expect(r1?.outcome).toBeNull();

    // Someone outside the group learns nothing, not even that the draft exists.
    expect((await outsider.get(`${base(d.draftId)}/consensus`)).statusCode).toBe(404);
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'position.recorded'), eq(auditEvents.targetId, d.draftId), eq(auditEvents.actorId, ids.headKR as string)));
    expect(audit?.data).toMatchObject({ recommendation: 1, position: 'support', committeeId: ids.KR });
  });

  it('refuses bad positions with clear errors and stores nothing', async () => {
    const d = await draftWithVersion();
    const noText = await headKR.put(posUrl(d.draftId, 1, d.r1), { position: 'reservation', version: 0 });
    expect(noText.statusCode).toBe(400);
    expect(noText.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.text']);
    const stray = await headKR.put(posUrl(d.draftId, 1, d.r1), { position: 'support', change: 'Something', version: 0 });
    expect(stray.statusCode).toBe(400);
    const unknown = await headKR.put(posUrl(d.draftId, 1, 'no-such-paragraph'), { position: 'support', version: 0 });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('position.recommendation_unknown');
    // The preamble is a paragraph, not a recommendation.
    expect((await headKR.put(posUrl(d.draftId, 1, d.blocks[0]?.uid as string), { position: 'support', version: 0 })).json().code).toBe('position.recommendation_unknown');
    expect((await headKR.put(posUrl(d.draftId, 7, d.r1), { position: 'support', version: 0 })).statusCode).toBe(404);
    // A version of another draft is not this draft's.
    const other = await draftWithVersion();
    expect((await headKR.put(`${base(d.draftId)}/versions/1/positions/${other.r1}`, { position: 'support', version: 0 })).json().code).toBe('position.recommendation_unknown');
    expect(await positionRows(d.draftId)).toEqual([]);
  });

  it('takes positions from delegation heads only: observers, members and co-chairs are refused and nothing changes', async () => {
    const d = await draftWithVersion();
    for (const client of [observer, member, chair]) {
      const res = await client.put(posUrl(d.draftId, 1, d.r1), { position: 'support', version: 0 });
      expect(res.statusCode).toBe(403);
    }
    expect((await outsider.put(posUrl(d.draftId, 1, d.r1), { position: 'support', version: 0 })).statusCode).toBe(404);
    // An administrator may take the action but heads no delegation.
    const admin = await buildUser(t.db, { isAdmin: true });
    const adminClient = await signedInClient(t.app, admin);
    const res = await adminClient.put(posUrl(d.draftId, 1, d.r1), { position: 'support', version: 0 });
    expect(res.statusCode).toBe(403);
    expect(await positionRows(d.draftId)).toEqual([]);
  });

  it('never overwrites silently: a second change from a stale read gets 409 and the first stays', async () => {
    const d = await draftWithVersion();
    // The head reads the empty cell on two devices and answers from both.
    const first = await headJP.put(posUrl(d.draftId, 1, d.r1), { position: 'support', version: 0 });
    expect(first.statusCode).toBe(200);
    const second = await headJPOtherDevice.put(posUrl(d.draftId, 1, d.r1), { position: 'objection', change: 'Drop "capitals".', version: 0 });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'resource.version_conflict', latestVersion: 1 });
    let rows = await positionRows(d.draftId);
    expect(rows.map((r) => [r.position, r.version])).toEqual([['support', 1]]);

    // The delegation changes head; the new head changes the position from what they read.
    await t.db.update(groupMemberships).set({ endedAt: new Date() }).where(and(eq(groupMemberships.userId, ids.headJP as string), eq(groupMemberships.groupId, groupId)));
    await addMember(t.db, groupId, ids.headJP as string, 'member', ids.JP);
    const successor = await buildUser(t.db);
    await addMember(t.db, groupId, successor.id, 'delegation_head', ids.JP);
    await t.app.changes.sync();
    try {
    const next = await signedInClient(t.app, successor);
    const changed = await next.put(posUrl(d.draftId, 1, d.r1), { position: 'can_live_with', version: 1 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ position: 'can_live_with', version: 2, recordedBy: { id: successor.id } });
    // The former head, now a member of the delegation, speaks for it no more.
    expect((await headJP.put(posUrl(d.draftId, 1, d.r1), { position: 'support', version: 2 })).statusCode).toBe(403);
    const stale = await next.put(posUrl(d.draftId, 1, d.r1), { position: 'support', version: 1 });
    expect(stale.statusCode).toBe(409);
    rows = await positionRows(d.draftId);
    expect(rows.map((r) => [r.position, r.version, r.recordedBy])).toEqual([['can_live_with', 2, successor.id]]);
    } finally {
      // The original head again, for the other tests.
      await t.db.delete(groupMemberships).where(eq(groupMemberships.userId, successor.id));
      await t.db.delete(groupMemberships).where(and(eq(groupMemberships.userId, ids.headJP as string), eq(groupMemberships.role, 'member')));
      await t.db.update(groupMemberships).set({ endedAt: null }).where(and(eq(groupMemberships.userId, ids.headJP as string), eq(groupMemberships.groupId, groupId)));
      await t.app.changes.sync();
    }
  });

  it('lets exactly one of several simultaneous first positions land', async () => {
    const d = await draftWithVersion();
    const answers = await Promise.all(
      (['support', 'can_live_with', 'support', 'can_live_with', 'support', 'can_live_with'] as const).map((position) => headKR.put(posUrl(d.draftId, 1, d.r2), { position, version: 0 })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const winner = answers.find((a) => a.statusCode === 200)?.json().position;
    const rows = await positionRows(d.draftId);
    expect(rows.map((r) => [r.position, r.version])).toEqual([[winner, 1]]);
    // And of several changes from the same read, one.
    const changes = await Promise.all(['support', 'can_live_with', 'support', 'can_live_with'].map((position) => headKR.put(posUrl(d.draftId, 1, d.r2), { position, version: 1 })));
    expect(changes.map((a) => a.statusCode).sort()).toEqual([200, 409, 409, 409]);
    expect((await positionRows(d.draftId)).map((r) => r.version)).toEqual([2]);
  });

  it('takes positions on the latest version only; on a changed text earlier ones need a new look and an objection stands', async () => {
    const d = await draftWithVersion();
    expect((await headKR.put(posUrl(d.draftId, 1, d.r1), { position: 'support', version: 0 })).statusCode).toBe(200);
    expect((await headJP.put(posUrl(d.draftId, 1, d.r1), { position: 'objection', change: 'Say which capitals.', version: 0 })).statusCode).toBe(200);
    // Version 2 rewrites R1 (same uid) to meet Japan's objection.
    await addVersion(d.draftId, 2, d.blocks.map((b) => (b.uid === d.r1 ? { ...b, text: 'Establish military hotlines between Seoul, Beijing and Tokyo.' } : b)));
    const late = await headCN.put(posUrl(d.draftId, 1, d.r1), { position: 'support', version: 0 });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'resource.version_conflict', latestDraftVersion: 2 });

    const latest = (await member.get(`${base(d.draftId)}/consensus`)).json() as ConsensusMatrix;
    expect(latest.version.number).toBe(2);
    const r1 = latest.recommendations[0];
    expect(r1?.text).toBe('Establish military hotlines between Seoul, Beijing and Tokyo.');
    expect(r1?.cells.filter((c) => c.position).map((c) => [c.position?.committee.code, c.position?.position, c.position?.superseded, c.position?.standing, c.position?.onVersion, c.position?.version])).toEqual([
      ['JP', 'objection', true, 'changed', 1, 0],
      ['KR', 'support', true, 'changed', 1, 0],
    ]);
    // Support on a changed text does not count (nobody is bound to words they did not read); Japan's objection stands until it restates it.
    expect(r1?.consensus).toMatchObject({ taken: 1, grade: 'divergence', adoptable: false, blocking: [{ code: 'JP', standing: 'changed' }] });
    expect(r1?.consensus.stale.map((s) => s.code)).toEqual(['JP', 'KR']);

    // Japan answers on version 2 (a new row: 0 is the version it read of it).
    expect((await headJP.put(posUrl(d.draftId, 2, d.r1), { position: 'support', version: 0 })).statusCode).toBe(200);
    const now = (await member.get(`${base(d.draftId)}/consensus`)).json() as ConsensusMatrix;
    expect(now.recommendations[0]?.consensus).toMatchObject({ taken: 1, grade: 'full_consensus', adoptable: true });
    // Version 1 is shown as it stood.
    const v1 = (await member.get(`${base(d.draftId)}/consensus?version=1`)).json() as ConsensusMatrix;
    expect(v1).toMatchObject({ superseded: true, latestVersion: 2 });
    expect(v1.recommendations[0]?.consensus).toMatchObject({ grade: 'divergence', taken: 2 });
    expect(v1.recommendations[0]?.cells.find((c) => c.committeeId === ids.JP)?.position).toMatchObject({ position: 'objection', superseded: false });
    expect((await member.get(`${base(d.draftId)}/consensus?version=3`)).statusCode).toBe(404);
  });
});

describe('outcomes', () => {
  const outcomeUrl = (draftId: string, uid: string) => `${base(draftId)}/recommendations/${uid}/outcome`;

  it('adopts only what the rules allow, with the computed grade; a chair’s summary needs its text', async () => {
    const d = await draftWithVersion();
    const none = await chair.put(outcomeUrl(d.draftId, d.r1), { outcome: 'adopted', version: 0 });
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('consensus.no_positions');
    await headKR.put(posUrl(d.draftId, 1, d.r1), { position: 'support', version: 0 });
    await headJP.put(posUrl(d.draftId, 1, d.r1), { position: 'reservation', text: 'Japan will consult its ministry first.', version: 0 });
    await headCN.put(posUrl(d.draftId, 1, d.r2), { position: 'objection', change: 'Only exercises near borders.', version: 0 });
    const blocked = await chair.put(outcomeUrl(d.draftId, d.r2), { outcome: 'adopted', version: 0 });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({ code: 'consensus.objection_sustained', blocking: ['CN'] });
    const noSummary = await chair.put(outcomeUrl(d.draftId, d.r2), { outcome: 'chair_summary', version: 0 });
    expect(noSummary.statusCode).toBe(400);
    expect(noSummary.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.summary']);
    expect(await t.db.select().from(recommendationOutcomes).where(eq(recommendationOutcomes.draftId, d.draftId))).toEqual([]);

    const adopted = await chair.put(outcomeUrl(d.draftId, d.r1), { outcome: 'adopted', version: 0 });
    expect(adopted.statusCode, adopted.body).toBe(200);
    expect(adopted.json()).toMatchObject({ outcome: 'adopted', grade: 'consensus', via: 'declaration', onVersion: 1, version: 1, declaredBy: { id: ids.chair } });
    const summary = await chair.put(outcomeUrl(d.draftId, d.r2), { outcome: 'chair_summary', summary: 'Nobody contradicted it, nobody accepted it.', version: 0 });
    expect(summary.json()).toMatchObject({ outcome: 'chair_summary', grade: 'divergence', summary: 'Nobody contradicted it, nobody accepted it.' });

    // Re-declaring needs the version read.
    const stale = await chair.put(outcomeUrl(d.draftId, d.r2), { outcome: 'dropped', version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('resource.version_conflict');
    const dropped = await chair.put(outcomeUrl(d.draftId, d.r2), { outcome: 'dropped', version: 1 });
    expect(dropped.json()).toMatchObject({ outcome: 'dropped', version: 2, summary: null });

    const m = (await observer.get(`${base(d.draftId)}/consensus`)).json() as ConsensusMatrix;
    expect(m.recommendations.map((r) => r.outcome?.outcome)).toEqual(['adopted', 'dropped']);

    // The reservation is kept as a footnote naming the member committee, for adopted recommendations only.
    const notes = await member.get(`${base(d.draftId)}/footnotes`);
    expect(notes.statusCode).toBe(200);
    expect(notes.json()).toEqual({
      draftId: d.draftId,
      version: 1,
      recommendations: [{ number: 1, uid: d.r1, grade: 'consensus', footnotes: [{ committee: { code: 'JP', name: 'Committee JP' }, text: 'Japan will consult its ministry first.' }] }],
    });
  });

  it('is declared by the co-chairs only; refusals change nothing', async () => {
    const d = await draftWithVersion();
    await headKR.put(posUrl(d.draftId, 1, d.r1), { position: 'support', version: 0 });
    for (const client of [headKR, member, observer]) expect((await client.put(outcomeUrl(d.draftId, d.r1), { outcome: 'adopted', version: 0 })).statusCode).toBe(403);
    expect((await outsider.put(outcomeUrl(d.draftId, d.r1), { outcome: 'adopted', version: 0 })).statusCode).toBe(404);
    expect((await chair.put(outcomeUrl(d.draftId, 'nothing-here'), { outcome: 'dropped', version: 0 })).json().code).toBe('position.recommendation_unknown');
    expect(await t.db.select().from(recommendationOutcomes).where(eq(recommendationOutcomes.draftId, d.draftId))).toEqual([]);
    const [{ n } = { n: 0 }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(and(eq(auditEvents.action, 'outcome.declared'), eq(auditEvents.targetId, d.draftId)));
    expect(n).toBe(0);
  });
});
