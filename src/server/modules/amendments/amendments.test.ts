import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AmendmentList, AmendmentView, VersionView } from '../../../core/deliberation';
import type { DraftText, DraftView } from '../../../core/drafts';
import { amendments, auditEvents } from '../../db/schema';
import { createTestContext, type TestClient, type TestContext } from '../../test/context';
import { addMember, buildCouncil, buildStudyGroup, buildUser, signedInClient } from '../../test/factories';
import { connectEditor, listen, pause, removeParagraph, synced, typeInto, until, type Editor } from '../draft-versions/test-helpers';

let t: TestContext;
let port: number;
let slug: string;
let chair: TestClient;
let member: TestClient;
let otherMember: TestClient;
let loneMember: TestClient;
let observer: TestClient;
let facilitator: TestClient;
let outsider: TestClient;
let ids: Record<'chair' | 'member', string>;
let committees: Record<'KR' | 'JP', string>;
const editors: Editor[] = [];

beforeAll(async () => {
  t = await createTestContext();
  port = await listen(t.app);
  const council = await buildCouncil(t.db);
  committees = { KR: council.byCode.KR?.id as string, JP: council.byCode.JP?.id as string };
  const group = await buildStudyGroup(t.db, { councilId: council.council.id, status: 'active', coChairCommitteeIds: [committees.KR] });
  slug = group.slug;
  const [c, m, m2, lone, o, f, x] = await Promise.all(Array.from({ length: 7 }, () => buildUser(t.db)));
  await addMember(t.db, group.id, c!.id, 'co_chair', committees.KR);
  await addMember(t.db, group.id, m!.id, 'member', committees.JP);
  await addMember(t.db, group.id, m2!.id, 'member', council.byCode.CN?.id ?? null);
  await addMember(t.db, group.id, lone!.id, 'member', null);
  await addMember(t.db, group.id, o!.id, 'observer');
  await addMember(t.db, group.id, f!.id, 'delphi_facilitator', committees.JP);
  ids = { chair: c!.id, member: m!.id };
  [chair, member, otherMember, loneMember, observer, facilitator, outsider] = (await Promise.all([c, m, m2, lone, o, f, x].map((u) => signedInClient(t.app, u!)))) as TestClient[] as [TestClient, TestClient, TestClient, TestClient, TestClient, TestClient, TestClient];
});
afterAll(() => t?.close());
afterEach(() => {
  for (const e of editors.splice(0)) e.destroy();
});

const url = (draftId: string, rest = '') => `/api/study-groups/${slug}/drafts/${draftId}/amendments${rest}`;

/** A draft with a named version 1: a preamble, two recommendations, a closing paragraph. */
async function setting(texts: string[] = ['Preamble on the region.', 'Establish military hotlines between capitals.', 'Notify major exercises in advance.', 'Closing words.']) {
  const res = await chair.post(`/api/study-groups/${slug}/drafts`, {
    title: 'Recommendations',
    lang: 'en',
    paragraphs: texts.map((text, i) => ({ text, kind: i === 1 || i === 2 ? 'recommendation' : 'text' })),
  });
  expect(res.statusCode, res.body).toBe(201);
  const draft = res.json() as DraftView;
  const v = await chair.post(`/api/study-groups/${slug}/drafts/${draft.id}/versions`, { name: 'First reading' });
  expect(v.statusCode, v.body).toBe(201);
  const version = v.json() as VersionView;
  const uid = (i: number) => version.blocks[i]?.uid as string;
  return { draft, version, uid };
}
async function propose(client: TestClient, draftId: string, body: Record<string, unknown>): Promise<AmendmentView> {
  const res = await client.post(url(draftId), body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as AmendmentView;
}
const list = async (client: TestClient, draftId: string) => {
  const res = await client.get(url(draftId));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as AmendmentList;
};
const liveText = async (draftId: string) => ((await chair.get(`/api/study-groups/${slug}/drafts/${draftId}/text`)).json() as DraftText).paragraphs.map((p) => p.text);
const rows = (draftId: string) => t.db.select().from(amendments).where(eq(amendments.draftId, draftId)).orderBy(amendments.number);
const editor = (draft: DraftView, client: TestClient) => {
  const e = connectEditor(port, draft.collab.documentName, client);
  editors.push(e);
  return e;
};

describe('proposing amendments', () => {
  it('numbers them, names the paragraph by ¶/R in the amended version, diffs the words and flags collisions', async () => {
    const { draft, version, uid } = await setting();
    const a1 = await propose(member, draft.id, { versionId: version.id, blockUid: uid(1), proposedText: 'Establish naval hotlines between capitals.', rationale: 'Navies meet at sea.' });
    expect(a1).toMatchObject({
      number: 1,
      label: 'A1',
      status: 'open',
      version: 1,
      draftVersion: { number: 1, name: 'First reading' },
      paragraph: 2,
      recommendation: 1,
      kind: 'recommendation',
      originalText: 'Establish military hotlines between capitals.',
      committee: { id: committees.JP, code: 'JP' },
      proposedBy: { id: ids.member },
      superseded: false,
      collidesWith: [],
      actions: ['withdraw'],
    });
    expect(a1.diff).toEqual([
      { op: 'equal', text: 'Establish ' },
      { op: 'delete', text: 'military' },
      { op: 'insert', text: 'naval' },
      { op: 'equal', text: ' hotlines between capitals.' },
    ]);
    const a2 = await propose(chair, draft.id, { versionId: version.id, blockUid: uid(1), proposedText: '', rationale: 'Hotlines exist already.' });
    const a3 = await propose(otherMember, draft.id, { versionId: version.id, afterUid: uid(2), proposedText: 'Hold an annual review.', rationale: 'Keep track.' });
    expect(a2).toMatchObject({ number: 2, committee: { code: 'KR' }, collidesWith: [1] });
    expect(a3).toMatchObject({ number: 3, blockUid: null, afterUid: uid(2), originalText: '', recommendation: 2, collidesWith: [] });

    const seen = await list(observer, draft.id);
    expect(seen).toMatchObject({ latestVersion: 1, canAmend: false, canDecide: false });
    expect(seen.amendments.map((a) => [a.label, a.collidesWith, a.actions])).toEqual([
      ['A1', [2], []],
      ['A2', [1], []],
      ['A3', [], []],
    ]);
    expect((await list(chair, draft.id)).amendments[0]?.actions).toEqual(['accept', 'reject', 'merge']);
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'amendment.proposed'), eq(auditEvents.targetId, a1.id)));
    expect(audit).toMatchObject({ actorId: ids.member, data: { number: 1, committee: 'JP' } });

    // A newer version supersedes the amendments made to the older one.
    await chair.post(`/api/study-groups/${slug}/drafts/${draft.id}/versions`, { name: 'Second reading' });
    expect((await list(member, draft.id)).amendments.map((a) => a.superseded)).toEqual([true, true, true]);
    expect((await list(member, draft.id)).latestVersion).toBe(2);
  });

  it('refuses unknown paragraphs, versions of other drafts, empty rationales, oversize text and people without a delegation; nothing is stored', async () => {
    const { draft, version, uid } = await setting();
    const other = await setting(['Elsewhere.']);
    const valid = { versionId: version.id, blockUid: uid(1), proposedText: 'Changed.', rationale: 'Because.' };

    const unknown = await member.post(url(draft.id), { ...valid, blockUid: 'no-such-uid' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'amendment.paragraph_unknown', errors: [{ path: 'body.blockUid' }] });
    const unknownAfter = await member.post(url(draft.id), { versionId: version.id, afterUid: 'no-such-uid', proposedText: 'New.', rationale: 'Because.' });
    expect(unknownAfter.json()).toMatchObject({ code: 'amendment.paragraph_unknown', errors: [{ path: 'body.afterUid' }] });
    // A paragraph of the other draft's version is not in this one either.
    expect((await member.post(url(draft.id), { ...valid, blockUid: other.uid(0) })).json().code).toBe('amendment.paragraph_unknown');
    const foreign = await member.post(url(draft.id), { ...valid, versionId: other.version.id });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors).toEqual([expect.objectContaining({ path: 'body.versionId' })]);
    const empty = await member.post(url(draft.id), { ...valid, rationale: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.rationale']);
    const oversize = await member.post(url(draft.id), { ...valid, proposedText: 'x'.repeat(20_001) });
    expect(oversize.statusCode).toBe(400);
    expect(oversize.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.proposedText']);
    const both = await member.post(url(draft.id), { ...valid, afterUid: uid(0) });
    expect(both.statusCode).toBe(400);
    const unchanged = await member.post(url(draft.id), { ...valid, proposedText: 'Establish military hotlines between capitals.' });
    expect(unchanged.json().errors).toEqual([expect.objectContaining({ path: 'body.proposedText', code: 'unchanged' })]);

    const lone = await loneMember.post(url(draft.id), valid);
    expect(lone.statusCode).toBe(403);
    expect(lone.json().code).toBe('amendment.no_delegation');
    expect((await observer.post(url(draft.id), valid)).statusCode).toBe(403);
    expect((await facilitator.post(url(draft.id), valid)).statusCode).toBe(403);
    expect((await outsider.post(url(draft.id), valid)).statusCode).toBe(404);
    expect(await rows(draft.id)).toEqual([]);
    expect(await rows(other.draft.id)).toEqual([]);
  });
});

describe('deciding amendments', () => {
  it('accepts into the live text that a connected editor sees, recorded with who and when; a stale or repeated decision is refused', async () => {
    const { draft, version, uid } = await setting();
    const e = editor(draft, member);
    await synced(e);
    const a1 = await propose(member, draft.id, { versionId: version.id, blockUid: uid(1), proposedText: 'Establish naval hotlines\nbetween capitals.', rationale: 'Navies meet at sea.' });
    const a2 = await propose(otherMember, draft.id, { versionId: version.id, blockUid: uid(3), proposedText: '', rationale: 'Say less.' });
    const a3 = await propose(otherMember, draft.id, { versionId: version.id, afterUid: uid(2), proposedText: 'Hold an annual review.', rationale: 'Keep track.' });

    // Stale: the amendment's version is 1; sending 2 changes nothing.
    const stale = await chair.post(url(draft.id, `/${a1.id}/accept`), { version: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'resource.version_conflict', latestVersion: 1 });
    expect((await member.post(url(draft.id, `/${a1.id}/accept`), { version: 1 })).statusCode).toBe(403);
    await pause(100);
    expect(e.texts()).toEqual(['Preamble on the region.', 'Establish military hotlines between capitals.', 'Notify major exercises in advance.', 'Closing words.']);
    expect((await rows(draft.id)).map((r) => r.status)).toEqual(['open', 'open', 'open']);

    const accepted = await chair.post(url(draft.id, `/${a1.id}/accept`), { version: 1 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', version: 2, decidedBy: { id: ids.chair }, decidedAt: expect.any(String), actions: [] });
    await until('the editor sees the accepted text', () => e.texts()[1] === 'Establish naval hotlines\nbetween capitals.');
    expect(e.uids()[1]).toBe(uid(1));
    for (const a of [a2, a3]) expect((await chair.post(url(draft.id, `/${a.id}/accept`), { version: 1 })).statusCode).toBe(200);
    await until('the editor sees all three', () => e.texts().length === 4 && e.texts()[3] === 'Hold an annual review.');
    expect(e.texts()).toEqual(['Preamble on the region.', 'Establish naval hotlines\nbetween capitals.', 'Notify major exercises in advance.', 'Hold an annual review.']);
    expect(await liveText(draft.id)).toEqual(e.texts());
    // The new paragraph follows a recommendation, so it is one (R3), with a uid of its own.
    const text = (await chair.get(`/api/study-groups/${slug}/drafts/${draft.id}/text`)).json() as DraftText;
    expect(text.paragraphs[3]).toMatchObject({ kind: 'recommendation', uid: expect.any(String) });
    expect(text.paragraphs[3]?.uid).not.toBe(uid(2));

    const again = await chair.post(url(draft.id, `/${a1.id}/accept`), { version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('amendment.not_open');
    const audit = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'amendment.accepted'), eq(auditEvents.targetId, a1.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: ids.chair, data: { number: 1, applied: 'changed', uid: uid(1) } });
  });

  it('refuses to accept an amendment whose paragraph was deleted from the live text, and leaves it open', async () => {
    const { draft, version, uid } = await setting();
    const a1 = await propose(member, draft.id, { versionId: version.id, blockUid: uid(3), proposedText: 'Closing words, amended.', rationale: 'Clearer.' });
    const e = editor(draft, chair);
    await synced(e);
    removeParagraph(e.doc, 3);
    await until('the server has the deletion', async () => (await liveText(draft.id)).length === 3);
    const res = await chair.post(url(draft.id, `/${a1.id}/accept`), { version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('amendment.paragraph_gone');
    expect((await rows(draft.id))[0]).toMatchObject({ status: 'open', version: 1, decidedBy: null });
    expect(e.texts()).toHaveLength(3);
    // It can still be rejected, with a reason (required).
    const noReason = await chair.post(url(draft.id, `/${a1.id}/reject`), { version: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors.map((x: { path: string }) => x.path)).toEqual(['body.reason']);
    const rejected = await chair.post(url(draft.id, `/${a1.id}/reject`), { version: 1, reason: 'The paragraph was dropped in Tokyo.' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionReason: 'The paragraph was dropped in Tokyo.', decidedBy: { id: ids.chair } });
    expect(await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'amendment.rejected'), eq(auditEvents.targetId, a1.id)))).toHaveLength(1);
  });

  it('flags an amendment whose paragraph another accepted amendment changed, and accepts it only over the current text', async () => {
    const { draft, version, uid } = await setting();
    const a1 = await propose(member, draft.id, { versionId: version.id, blockUid: uid(1), proposedText: 'Establish military hotlines between capitals and commands.', rationale: 'Commands too.' });
    const a2 = await propose(otherMember, draft.id, { versionId: version.id, blockUid: uid(1), proposedText: 'Establish hotlines between foreign ministries.', rationale: 'Civilian channel.' });
    expect((await list(chair, draft.id)).amendments.find((a) => a.id === a2.id)).toMatchObject({ collidesWith: [a1.number], outOfDate: null, liveText: null, overtakenBy: [] });
    // Each cites the line it changes in the amended version (one line a paragraph here), and a new paragraph the line it follows.
    expect(a1.lines).toEqual({ first: 2, last: 2 });
    const a3 = await propose(member, draft.id, { versionId: version.id, afterUid: uid(3), proposedText: 'A new closing paragraph.', rationale: 'End on a hopeful note.' });
    expect(a3.lines).toEqual({ first: null, last: 4 });

    const accepted = await chair.post(url(draft.id, `/${a1.id}/accept`), { version: 1 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const second = (await list(chair, draft.id)).amendments.find((a) => a.id === a2.id) as AmendmentView;
    // No longer colliding with an open one, but overtaken: the paragraph reads as A1 made it.
    expect(second).toMatchObject({ status: 'open', collidesWith: [], overtakenBy: [a1.number], outOfDate: 'changed', liveText: 'Establish military hotlines between capitals and commands.' });

    // Accepting as before would overwrite A1 without a word: refused, nothing changes.
    const blind = await chair.post(url(draft.id, `/${a2.id}/accept`), { version: 1 });
    expect(blind.statusCode).toBe(409);
    expect(blind.json()).toMatchObject({ code: 'amendment.out_of_date', liveText: 'Establish military hotlines between capitals and commands.' });
    const stale = await chair.post(url(draft.id, `/${a2.id}/accept`), { version: 1, currentText: 'Establish military hotlines between capitals.' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('amendment.out_of_date');
    expect((await liveText(draft.id))[1]).toBe('Establish military hotlines between capitals and commands.');
    expect((await rows(draft.id))[1]).toMatchObject({ status: 'open', version: 1 });

    // Over the text as it reads now, it is the co-chair's informed decision.
    const informed = await chair.post(url(draft.id, `/${a2.id}/accept`), { version: 1, currentText: 'Establish military hotlines between capitals and commands.' });
    expect(informed.statusCode, informed.body).toBe(200);
    expect((await liveText(draft.id))[1]).toBe('Establish hotlines between foreign ministries.');
  });

  it('flags an amendment whose paragraph was typed over in the live text', async () => {
    const { draft, version, uid } = await setting();
    const a1 = await propose(member, draft.id, { versionId: version.id, blockUid: uid(3), proposedText: 'Closing words, amended.', rationale: 'Clearer.' });
    const e = editor(draft, chair);
    await synced(e);
    typeInto(e.doc, 3, ' Added in the room.');
    await until('the server has the typing', async () => (await liveText(draft.id))[3] === 'Closing words. Added in the room.');
    expect((await list(member, draft.id)).amendments[0]).toMatchObject({ id: a1.id, outOfDate: 'changed', liveText: 'Closing words. Added in the room.' });
    const res = await chair.post(url(draft.id, `/${a1.id}/accept`), { version: 1 });
    expect(res.statusCode).toBe(409);
    expect(e.texts()[3]).toBe('Closing words. Added in the room.');
  });

  it('lets the proposer alone withdraw an open amendment', async () => {
    const { draft, version, uid } = await setting();
    const a1 = await propose(member, draft.id, { versionId: version.id, blockUid: uid(0), proposedText: 'A shorter preamble.', rationale: 'Brevity.' });
    expect((await otherMember.post(url(draft.id, `/${a1.id}/withdraw`), { version: 1 })).statusCode).toBe(403);
    expect((await chair.post(url(draft.id, `/${a1.id}/withdraw`), { version: 1 })).statusCode).toBe(403);
    expect((await rows(draft.id))[0]?.status).toBe('open');
    const res = await member.post(url(draft.id, `/${a1.id}/withdraw`), { version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'withdrawn', version: 2 });
    expect((await member.post(url(draft.id, `/${a1.id}/withdraw`), { version: 2 })).json().code).toBe('amendment.not_open');
  });

  it('merges open amendments to one paragraph into a new one; the originals point to it', async () => {
    const { draft, version, uid } = await setting();
    const a1 = await propose(member, draft.id, { versionId: version.id, blockUid: uid(2), proposedText: 'Notify all major exercises in advance.', rationale: 'All of them.' });
    const a2 = await propose(otherMember, draft.id, { versionId: version.id, blockUid: uid(2), proposedText: 'Notify major exercises thirty days in advance.', rationale: 'A date.' });
    const a3 = await propose(otherMember, draft.id, { versionId: version.id, blockUid: uid(1), proposedText: 'Something else.', rationale: 'Other.' });
    const body = { amendments: [{ id: a1.id, version: 1 }, { id: a2.id, version: 1 }], proposedText: 'Notify all major exercises thirty days in advance.', rationale: 'Both delegations’ points.' };

    expect((await member.post(url(draft.id, '/merge'), body)).statusCode).toBe(403);
    const mismatch = await chair.post(url(draft.id, '/merge'), { ...body, amendments: [{ id: a1.id, version: 1 }, { id: a3.id, version: 1 }] });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().code).toBe('amendment.merge_mismatch');
    const stale = await chair.post(url(draft.id, '/merge'), { ...body, amendments: [{ id: a1.id, version: 1 }, { id: a2.id, version: 3 }] });
    expect(stale.statusCode).toBe(409);
    expect((await rows(draft.id)).map((r) => r.status)).toEqual(['open', 'open', 'open']);

    const res = await chair.post(url(draft.id, '/merge'), body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ number: 4, status: 'open', recommendation: 2, originalText: 'Notify major exercises in advance.', mergedFrom: [1, 2], committee: null, proposedBy: { id: ids.chair } });
    const after = await list(member, draft.id);
    expect(after.amendments.map((a) => [a.label, a.status, a.mergedInto])).toEqual([
      ['A1', 'merged', 4],
      ['A2', 'merged', 4],
      ['A3', 'open', null],
      ['A4', 'open', null],
    ]);
    // Merged ones no longer count as colliding.
    expect(after.amendments[3]?.collidesWith).toEqual([]);
    expect((await chair.post(url(draft.id, `/${a1.id}/accept`), { version: 2 })).json().code).toBe('amendment.not_open');
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'amendment.merged'))).toHaveLength(1);
  });
});
