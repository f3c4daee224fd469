import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VersionComparison, VersionSummary, VersionView } from '../../../core/deliberation';
import type { DraftText, DraftView } from '../../../core/drafts';
import { blocksOfState } from '../../collaboration/ydoc';
import { auditEvents, drafts, draftVersions } from '../../db/schema';
import { createTestContext, type TestClient, type TestContext } from '../../test/context';
import { addMember, buildCouncil, buildStudyGroup, buildUser, signedInClient } from '../../test/factories';
import { appendParagraph, connectEditor, listen, move, pause, removeParagraph, rewrite, synced, until, type Editor } from './test-helpers';

let t: TestContext;
let port: number;
let slug: string;
let chair: TestClient;
let member: TestClient;
let observer: TestClient;
let outsider: TestClient;
const editors: Editor[] = [];

beforeAll(async () => {
  t = await createTestContext();
  port = await listen(t.app);
  const council = await buildCouncil(t.db);
  const KR = council.byCode.KR?.id as string;
  const group = await buildStudyGroup(t.db, { councilId: council.council.id, status: 'active', coChairCommitteeIds: [KR] });
  slug = group.slug;
  const [c, m, o, x] = await Promise.all([buildUser(t.db), buildUser(t.db), buildUser(t.db), buildUser(t.db)]);
  await addMember(t.db, group.id, c.id, 'co_chair', KR);
  await addMember(t.db, group.id, m.id, 'member', council.byCode.JP?.id ?? null);
  await addMember(t.db, group.id, o.id, 'observer');
  [chair, member, observer, outsider] = await Promise.all([signedInClient(t.app, c), signedInClient(t.app, m), signedInClient(t.app, o), signedInClient(t.app, x)]);
});
afterAll(() => t?.close());
afterEach(() => {
  for (const e of editors.splice(0)) e.destroy();
});

const url = (draftId: string, rest = '') => `/api/study-groups/${slug}/drafts/${draftId}/versions${rest}`;
const editor = (draft: DraftView, client: TestClient) => {
  const e = connectEditor(port, draft.collab.documentName, client);
  editors.push(e);
  return e;
};

async function draftOf(paragraphs: (string | { text: string; kind: 'text' | 'recommendation' })[], lang = 'en'): Promise<DraftView> {
  const res = await chair.post(`/api/study-groups/${slug}/drafts`, { title: 'Recommendations on confidence building', lang, paragraphs });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as DraftView;
}
async function name(draftId: string, versionName: string): Promise<VersionView> {
  const res = await chair.post(url(draftId), { name: versionName });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as VersionView;
}
async function compare(draftId: string, from: number, to: number | 'live'): Promise<VersionComparison> {
  const res = await member.get(url(draftId, `/compare?from=${from}&to=${to}`));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as VersionComparison;
}
const storedTexts = async (draftId: string) => {
  const [row] = await t.db.select({ state: drafts.state }).from(drafts).where(eq(drafts.id, draftId));
  return blocksOfState(row?.state as Uint8Array).map((b) => b.text);
};

describe('naming versions', () => {
  it('snapshots the stored text with each block’s uid and kind, numbered ¶ and R, for the co-chairs only', async () => {
    const draft = await draftOf(['Preamble.', { text: 'Establish hotlines.', kind: 'recommendation' }, '', { text: 'Exchange observers.', kind: 'recommendation' }]);
    const v1 = await name(draft.id, 'Draft for the Tokyo meeting');
    expect(v1).toMatchObject({ number: 1, name: 'Draft for the Tokyo meeting', restoredFrom: null, draftId: draft.id });
    expect(v1.blocks.map((b) => [b.text, b.kind, b.paragraph, b.recommendation])).toEqual([
      ['Preamble.', 'text', 1, null],
      ['Establish hotlines.', 'recommendation', 2, 1],
      ['', 'text', null, null],
      ['Exchange observers.', 'recommendation', 3, 2],
    ]);
    const text = (await chair.get(`/api/study-groups/${slug}/drafts/${draft.id}/text`)).json() as DraftText;
    expect(v1.blocks.map((b) => b.uid)).toEqual(text.paragraphs.map((p) => p.uid));
    expect(v1.blocks.every((b) => typeof b.uid === 'string')).toBe(true);

    // Only the co-chairs name versions; the others are refused and nothing is stored.
    for (const [client, status] of [
      [member, 403],
      [observer, 403],
      [outsider, 404],
    ] as const) {
      expect((await client.post(url(draft.id), { name: 'Mine' })).statusCode).toBe(status);
    }
    expect((await chair.post(url(draft.id), { name: '   ' })).statusCode).toBe(400);
    expect(await t.db.select().from(draftVersions).where(eq(draftVersions.draftId, draft.id))).toHaveLength(1);

    await name(draft.id, 'After Tokyo');
    const list = (await observer.get(url(draft.id))).json() as VersionSummary[];
    expect(list.map((v) => [v.number, v.name])).toEqual([
      [1, 'Draft for the Tokyo meeting'],
      [2, 'After Tokyo'],
    ]);
    expect((await outsider.get(url(draft.id))).statusCode).toBe(404);
    expect(((await member.get(url(draft.id, '/1'))).json() as VersionView).blocks[1]?.text).toBe('Establish hotlines.');
    expect((await member.get(url(draft.id, '/9'))).statusCode).toBe(404);
    const audit = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'draft.version_named'), eq(auditEvents.targetId, draft.id)));
    expect(audit.map((a) => (a.data as { number: number }).number).sort()).toEqual([1, 2]);
  });

  it('reads the live document when it is open, before it is stored', async () => {
    const draft = await draftOf(['Shared text.']);
    const e = editor(draft, member);
    await synced(e);
    appendParagraph(e.doc, 'Typed a moment ago.', 'uid-live-1', 'recommendation');
    await until('the server has the edit', async () => ((await chair.get(`/api/study-groups/${slug}/drafts/${draft.id}/text`)).json() as DraftText).paragraphs.length === 2);
    expect(await storedTexts(draft.id)).toEqual(['Shared text.']);
    const v = await name(draft.id, 'Live');
    expect(v.blocks.map((b) => [b.text, b.uid, b.recommendation])).toEqual([
      ['Shared text.', expect.any(String), null],
      ['Typed a moment ago.', 'uid-live-1', 1],
    ]);
    // The whole state is kept: it reads back as the same text.
    const [row] = await t.db.select({ state: draftVersions.state }).from(draftVersions).where(eq(draftVersions.id, v.id));
    expect(blocksOfState(row?.state as Uint8Array).map((b) => b.text)).toEqual(['Shared text.', 'Typed a moment ago.']);
  });
});

describe('comparing versions', () => {
  it('compares paragraph by paragraph, each paragraph against its own earlier text wherever it moved, with numbers on both sides', async () => {
    const draft = await draftOf(['Preamble on the region.', { text: 'Establish military hotlines between capitals.', kind: 'recommendation' }, { text: 'Notify major exercises in advance.', kind: 'recommendation' }, 'A paragraph to drop.']);
    await name(draft.id, 'First');
    const e = editor(draft, chair);
    await synced(e);
    // Move R2 before R1 and reword it; reword R1; drop the last; add a new recommendation.
    move(e.doc, 2, 1);
    rewrite(e.doc, 1, 'Notify all major exercises thirty days in advance.');
    rewrite(e.doc, 2, 'Establish naval hotlines between capitals.');
    removeParagraph(e.doc, 3);
    appendParagraph(e.doc, 'Hold an annual review.', 'uid-new', 'recommendation');
    await until('the server has the edits', async () => JSON.stringify((await compare(draft.id, 1, 'live')).rows.map((r) => r.op)) !== JSON.stringify(['equal', 'equal', 'equal', 'equal']));
    await pause(100);

    const live = await compare(draft.id, 1, 'live');
    expect(live.to).toBeNull();
    const second = await name(draft.id, 'Second');
    const cmp = await compare(draft.id, 1, second.number);
    expect(cmp.to?.number).toBe(2);
    for (const c of [live, cmp]) {
      const rows = c.rows.map((r) => ({ op: r.op, before: r.before && [r.before.paragraph, r.before.recommendation], after: r.after && [r.after.paragraph, r.after.recommendation] }));
      expect(rows).toEqual([
        { op: 'equal', before: [1, null], after: [1, null] },
        { op: 'change', before: [3, 2], after: [2, 1] },
        { op: 'change', before: [2, 1], after: [3, 2] },
        { op: 'delete', before: [4, null], after: null },
        { op: 'insert', before: null, after: [4, 3] },
      ]);
      // Of the two that swapped places, one is shown as moved (either reads right).
      expect(c.rows.slice(1, 3).filter((r) => r.moved)).toHaveLength(1);
      expect(c.rows.filter((r) => r.moved)).toHaveLength(1);
      expect(c.counts).toEqual({ changed: 2, deleted: 1, inserted: 1, moved: 1 });
      // Word-level diff of the moved paragraph against its own earlier text.
      const diff = c.rows[1]?.diff ?? [];
      expect(diff.filter((d) => d.op === 'insert').map((d) => d.text.trim())).toEqual(['all', 'thirty days']);
      expect(diff.filter((d) => d.op === 'delete')).toEqual([]);
      expect(diff.map((d) => d.text).join('')).toBe('Notify all major exercises thirty days in advance.');
      expect(c.rows[2]?.diff).toEqual([
        { op: 'equal', text: 'Establish ' },
        { op: 'delete', text: 'military' },
        { op: 'insert', text: 'naval' },
        { op: 'equal', text: ' hotlines between capitals.' },
      ]);
    }
  });

  it('diffs Korean character by character', async () => {
    const draft = await draftOf([{ text: '역내 협력을 강화한다.', kind: 'recommendation' }], 'ko');
    await name(draft.id, '첫 판');
    const e = editor(draft, chair);
    await synced(e);
    rewrite(e.doc, 0, '역내 협력에 기여한다.');
    await until('the server has the edit', async () => (await compare(draft.id, 1, 'live')).rows[0]?.op === 'change');
    const [row] = (await compare(draft.id, 1, 'live')).rows;
    expect(row?.diff).toEqual([
      { op: 'equal', text: '역내 협력' },
      { op: 'delete', text: '을 강화' },
      { op: 'insert', text: '에 기여' },
      { op: 'equal', text: '한다.' },
    ]);
  });

  it('answers 404 for a version that does not exist and 400 for a malformed query', async () => {
    const draft = await draftOf(['Text.']);
    await name(draft.id, 'Only');
    expect((await member.get(url(draft.id, '/compare?from=1&to=2'))).statusCode).toBe(404);
    expect((await member.get(url(draft.id, '/compare?from=1&to=yesterday'))).statusCode).toBe(400);
    expect((await outsider.get(url(draft.id, '/compare?from=1&to=live'))).statusCode).toBe(404);
  });
});

describe('restoring a version', () => {
  it('replaces the live text for connected editors at once, keeps the uids, and records a new version', async () => {
    const draft = await draftOf(['Preamble.', { text: 'Establish hotlines.', kind: 'recommendation' }]);
    const v1 = await name(draft.id, 'Before Tokyo');
    const a = editor(draft, member);
    const b = editor(draft, chair);
    await synced(a, b);
    rewrite(a.doc, 1, 'Abolish hotlines.');
    appendParagraph(a.doc, 'Something added later.', 'uid-later');
    await until('both see the edits', () => b.texts().length === 3 && b.texts()[1] === 'Abolish hotlines.');
    await name(draft.id, 'After Tokyo');

    const res = await chair.post(url(draft.id, '/1/restore'));
    expect(res.statusCode, res.body).toBe(201);
    const v3 = res.json() as VersionView;
    expect(v3).toMatchObject({ number: 3, name: 'Restored from version 1', restoredFrom: 1 });
    expect(v3.blocks.map((x) => [x.text, x.uid, x.kind])).toEqual(v1.blocks.map((x) => [x.text, x.uid, x.kind]));
    await until('the editors see the old text', () => JSON.stringify(a.texts()) === JSON.stringify(['Preamble.', 'Establish hotlines.']) && JSON.stringify(b.texts()) === JSON.stringify(a.texts()));
    expect(a.uids()).toEqual(v1.blocks.map((x) => x.uid));
    // Nothing is lost: the version before the restore is still there to compare and restore.
    expect(((await member.get(url(draft.id))).json() as VersionSummary[]).map((v) => v.number)).toEqual([1, 2, 3]);
    const back = await compare(draft.id, 2, 3);
    expect(back.counts).toEqual({ changed: 1, deleted: 1, inserted: 0, moved: 0 });
    // An editor goes on typing in the restored text.
    rewrite(b.doc, 0, 'Preamble, amended.');
    await until('the other editor sees it', () => a.texts()[0] === 'Preamble, amended.');
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'draft.version_restored'), eq(auditEvents.targetId, draft.id)));
    expect(audit?.data).toMatchObject({ number: 3, restoredFrom: 1 });
  });

  it('restores into the stored text when nobody is connected', async () => {
    const draft = await draftOf(['One.', 'Two.']);
    await name(draft.id, 'Original');
    const e = editor(draft, member);
    await synced(e);
    removeParagraph(e.doc, 1);
    rewrite(e.doc, 0, 'One, changed.');
    await until('the server has the edit', async () => ((await chair.get(`/api/study-groups/${slug}/drafts/${draft.id}/text`)).json() as DraftText).paragraphs.length === 1);
    editors.splice(0).forEach((x) => x.destroy());
    await until('it is stored and closed', async () => JSON.stringify(await storedTexts(draft.id)) === JSON.stringify(['One, changed.']) && !t.app.collab.hocuspocus.documents.has(draft.collab.documentName));

    const res = await chair.post(url(draft.id, '/1/restore'));
    expect(res.statusCode, res.body).toBe(201);
    expect(await storedTexts(draft.id)).toEqual(['One.', 'Two.']);
    expect(t.app.collab.hocuspocus.documents.has(draft.collab.documentName)).toBe(false);
    const text = (await chair.get(`/api/study-groups/${slug}/drafts/${draft.id}/text`)).json() as DraftText;
    expect(text).toMatchObject({ source: 'stored', paragraphs: [{ text: 'One.' }, { text: 'Two.' }] });
  });

  it('is refused to those who do not decide, and once the draft has moved past discussion; the text stays', async () => {
    const draft = await draftOf(['Kept as it is.']);
    await name(draft.id, 'One');
    const e = editor(draft, member);
    await synced(e);
    rewrite(e.doc, 0, 'Edited live.');
    await until('the server has it', async () => ((await chair.get(`/api/study-groups/${slug}/drafts/${draft.id}/text`)).json() as DraftText).paragraphs[0]?.text === 'Edited live.');
    expect((await member.post(url(draft.id, '/1/restore'))).statusCode).toBe(403);
    expect((await observer.post(url(draft.id, '/1/restore'))).statusCode).toBe(403);
    expect((await outsider.post(url(draft.id, '/1/restore'))).statusCode).toBe(404);
    expect((await chair.post(url(draft.id, '/7/restore'))).statusCode).toBe(404);
    await t.db.update(drafts).set({ status: 'proposed' }).where(eq(drafts.id, draft.id));
    const settled = await chair.post(url(draft.id, '/1/restore'));
    expect(settled.statusCode).toBe(409);
    expect(settled.json().code).toBe('draft.text_settled');
    await pause(100);
    expect(e.texts()).toEqual(['Edited live.']);
    expect(await t.db.select().from(draftVersions).where(eq(draftVersions.draftId, draft.id))).toHaveLength(1);
  });
});
