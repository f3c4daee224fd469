import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DraftSummary, DraftText, DraftView } from '../../../core/drafts';
import { TIPTAP_FIELD } from '../../collaboration/ydoc';
import { auditEvents, drafts, studyGroups } from '../../db/schema';
import { createTestContext, type TestClient, type TestContext } from '../../test/context';
import { addCouncilRole, addMember, buildCouncil, buildStudyGroup, buildUser, signedInClient } from '../../test/factories';

let t: TestContext;
let council: Awaited<ReturnType<typeof buildCouncil>>;
let slug: string;
let groupId: string;
let chair: TestClient;
let member: TestClient;
let observer: TestClient;
let facilitator: TestClient;
let scMember: TestClient;
let outsider: TestClient;
let ids: Record<'chair' | 'member', string>;

beforeAll(async () => {
  t = await createTestContext();
  council = await buildCouncil(t.db);
  const { byCode } = council;
  const group = await buildStudyGroup(t.db, { councilId: council.council.id, status: 'active', coChairCommitteeIds: [byCode.KR?.id as string] });
  slug = group.slug;
  groupId = group.id;
  const [c, m, o, f, sc, x] = await Promise.all([buildUser(t.db), buildUser(t.db), buildUser(t.db), buildUser(t.db), buildUser(t.db), buildUser(t.db)]);
  await addMember(t.db, group.id, c.id, 'co_chair', byCode.KR?.id ?? null);
  await addMember(t.db, group.id, m.id, 'member', byCode.JP?.id ?? null);
  await addMember(t.db, group.id, o.id, 'observer');
  await addMember(t.db, group.id, f.id, 'delphi_facilitator', byCode.CN?.id ?? null);
  await addCouncilRole(t.db, council.council.id, sc.id, 'sc_member', byCode.CA?.id ?? null);
  ids = { chair: c.id, member: m.id };
  [chair, member, observer, facilitator, scMember, outsider] = await Promise.all([
    signedInClient(t.app, c),
    signedInClient(t.app, m),
    signedInClient(t.app, o),
    signedInClient(t.app, f),
    signedInClient(t.app, sc),
    signedInClient(t.app, x),
  ]);
});
afterAll(() => t?.close());

const url = (rest = '', s = slug) => `/api/study-groups/${s}/drafts${rest}`;

async function create(client: TestClient, body: Record<string, unknown>, s = slug): Promise<DraftView> {
  const res = await client.post(url('', s), body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as DraftView;
}

describe('starting and reading drafts', () => {
  it('starts a draft from plain paragraphs, numbered in the group, with the text as a Yjs document', async () => {
    const draft = await create(member, { title: 'Recommendations on hotlines', lang: 'en', paragraphs: [{ text: 'Establish military hotlines.', kind: 'recommendation' }, 'Keep them\nstaffed at all hours.'] });
    expect(draft).toMatchObject({ title: 'Recommendations on hotlines', lang: 'en', status: 'draft', version: 1, stateVersion: 1, groupId, access: 'edit', createdBy: { id: ids.member } });
    expect(draft.collab).toEqual({ path: '/collab', documentName: `draft:${draft.id}` });

    const text = (await scMember.get(url(`/${draft.id}/text`))).json() as DraftText;
    expect(text).toEqual({
      draftId: draft.id,
      lang: 'en',
      stateVersion: 1,
      source: 'stored',
      paragraphs: [
        { type: 'paragraph', text: 'Establish military hotlines.', kind: 'recommendation', uid: expect.any(String) },
        { type: 'paragraph', text: 'Keep them\nstaffed at all hours.', kind: 'text', uid: expect.any(String) },
      ],
    });
    // Stored as a Yjs update whose 'default' fragment holds one paragraph element per paragraph.
    const [row] = await t.db.select({ state: drafts.state }).from(drafts).where(eq(drafts.id, draft.id));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, row?.state as Uint8Array);
    expect(doc.getXmlFragment(TIPTAP_FIELD).toArray().map((n) => (n as Y.XmlElement).nodeName)).toEqual(['paragraph', 'paragraph']);

    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'draft.created'), eq(auditEvents.targetId, draft.id)));
    expect(audit).toMatchObject({ actorId: ids.member, groupId, data: { title: 'Recommendations on hotlines', lang: 'en' } });
  });

  it('numbers drafts in the group without gaps or duplicates, even when started at the same moment', async () => {
    const group = await buildStudyGroup(t.db, { councilId: council.council.id, status: 'active' });
    const chairUser = await buildUser(t.db);
    await addMember(t.db, group.id, chairUser.id, 'co_chair');
    const client = await signedInClient(t.app, chairUser);
    const made = await Promise.all(['Draft one', 'Draft two', 'Draft three', 'Draft four'].map((title) => create(client, { title, lang: 'ko' }, group.slug)));
    expect(made.map((d) => d.number).sort()).toEqual([1, 2, 3, 4]);
    const list = (await client.get(url('', group.slug))).json() as DraftSummary[];
    expect(list.map((d) => d.number)).toEqual([1, 2, 3, 4]);
    // An empty draft is an empty document.
    expect(((await client.get(url(`/${made[0]?.id}/text`, group.slug))).json() as DraftText).paragraphs).toEqual([]);
  });

  it('tells each viewer their access: edit for participants, comment for observers, read for the others who see the group', async () => {
    const draft = await create(chair, { title: 'Maritime incidents', lang: 'ja', paragraphs: ['海上事故の防止'] });
    const accessOf = async (client: TestClient) => ((await client.get(url(`/${draft.id}`))).json() as DraftView).access;
    expect(await accessOf(chair)).toBe('edit');
    expect(await accessOf(member)).toBe('edit');
    expect(await accessOf(observer)).toBe('comment');
    expect(await accessOf(facilitator)).toBe('read');
    expect(await accessOf(scMember)).toBe('read');
    // Those who do not see the group do not see its drafts: 404, as if there were none.
    for (const path of ['', `/${draft.id}`, `/${draft.id}/text`]) expect((await outsider.get(url(path))).statusCode).toBe(404);
    // Lists show the draft to every reader.
    expect(((await observer.get(url())).json() as DraftSummary[]).map((d) => d.id)).toContain(draft.id);
  });

  it('refuses to start drafts for observers and readers, and in groups that are not working', async () => {
    const before = (await chair.get(url())).json() as DraftSummary[];
    for (const client of [observer, facilitator, scMember]) expect((await client.post(url(), { title: 'Not mine to start', lang: 'en' })).statusCode).toBe(403);
    expect((await outsider.post(url(), { title: 'Not mine to start', lang: 'en' })).statusCode).toBe(404);
    const invalid = await member.post(url(), { title: 'x', lang: 'English', paragraphs: 'one' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.lang', 'body.paragraphs', 'body.title']);
    expect((await chair.get(url())).json()).toEqual(before);

    const concluded = await buildStudyGroup(t.db, { councilId: council.council.id, status: 'concluded' });
    const person = await buildUser(t.db);
    await addMember(t.db, concluded.id, person.id, 'member');
    const client = await signedInClient(t.app, person);
    const res = await client.post(url('', concluded.slug), { title: 'Too late', lang: 'en' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'group.status_forbids', allowedStatuses: ['approved', 'active', 'concluding'] });
  });

  it('answers 404 for a draft of another group asked through this one', async () => {
    const other = await buildStudyGroup(t.db, { councilId: council.council.id, status: 'active' });
    await addMember(t.db, other.id, ids.chair, 'co_chair');
    await t.app.changes.sync();
    const foreign = await create(chair, { title: 'Elsewhere', lang: 'en' }, other.slug);
    expect((await chair.get(url(`/${foreign.id}`))).statusCode).toBe(404);
    expect((await chair.get(url(`/${foreign.id}/text`))).statusCode).toBe(404);
    expect((await chair.patch(url(`/${foreign.id}`), { title: 'Hijacked', version: 1 })).statusCode).toBe(404);
  });
});

describe('renaming drafts', () => {
  it('renames from the version read; a stale version answers 409 and changes nothing', async () => {
    const draft = await create(member, { title: 'First title', lang: 'en' });
    const renamed = await member.patch(url(`/${draft.id}`), { title: 'Second title', version: 1 });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ title: 'Second title', version: 2 });

    const stale = await chair.patch(url(`/${draft.id}`), { title: 'Third title', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'resource.version_conflict', latestVersion: 2 });
    expect(((await chair.get(url(`/${draft.id}`))).json() as DraftView).title).toBe('Second title');
    expect(await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'draft.renamed'), eq(auditEvents.targetId, draft.id)))).toHaveLength(1);
  });

  it('is refused to those who may not edit, and once the draft has moved past discussion', async () => {
    const draft = await create(chair, { title: 'Settled text', lang: 'en' });
    for (const client of [observer, facilitator, scMember]) expect((await client.patch(url(`/${draft.id}`), { title: 'Changed', version: 1 })).statusCode).toBe(403);
    await t.db.update(drafts).set({ status: 'adopted' }).where(eq(drafts.id, draft.id));
    expect(((await member.get(url(`/${draft.id}`))).json() as DraftView).access).toBe('read');
    expect((await member.patch(url(`/${draft.id}`), { title: 'Changed', version: 1 })).statusCode).toBe(403);
    expect(((await chair.get(url(`/${draft.id}`))).json() as DraftView).title).toBe('Settled text');
  });

  it('leaves everyone reading once the group concludes', async () => {
    const group = await buildStudyGroup(t.db, { councilId: council.council.id, status: 'concluding' });
    const person = await buildUser(t.db);
    await addMember(t.db, group.id, person.id, 'member');
    const client = await signedInClient(t.app, person);
    const draft = await create(client, { title: 'Final memorandum', lang: 'zh' }, group.slug);
    await t.db.update(studyGroups).set({ status: 'concluded' }).where(eq(studyGroups.id, group.id));
    await t.app.changes.sync();
    expect(((await client.get(url(`/${draft.id}`, group.slug))).json() as DraftView).access).toBe('read');
    const res = await client.patch(url(`/${draft.id}`, group.slug), { title: 'Changed', version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('group.status_forbids');
  });
});
