import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadList, ThreadView } from '../../../core/deliberation';
import type { DraftText, DraftView } from '../../../core/drafts';
import { catalogs } from '../../../core/i18n';
import { auditEvents, draftComments, drafts, groupMemberships } from '../../db/schema';
import { createTestContext, type TestClient, type TestContext } from '../../test/context';
import { addMember, buildCouncil, buildStudyGroup, buildUser, signedInClient } from '../../test/factories';
import { startSmtpServer } from '../../test/smtp';

let t: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let slug: string;
let groupId: string;
type User = Awaited<ReturnType<typeof buildUser>>;
let people: Record<'chair' | 'member' | 'korean' | 'observer' | 'facilitator' | 'outsider', User>;
let clients: Record<keyof typeof people, TestClient>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestContext({ config: { smtpUrl: smtp.url } });
  const council = await buildCouncil(t.db);
  const KR = council.byCode.KR?.id as string;
  const group = await buildStudyGroup(t.db, { councilId: council.council.id, status: 'active', title: 'Maritime Confidence Group', coChairCommitteeIds: [KR] });
  slug = group.slug;
  groupId = group.id;
  people = {
    chair: await buildUser(t.db, { displayName: 'Chair Kim' }),
    member: await buildUser(t.db, { displayName: 'Member Sato', locale: 'en' }),
    korean: await buildUser(t.db, { displayName: '박민', locale: 'ko' }),
    observer: await buildUser(t.db, { displayName: 'Observer Lee' }),
    facilitator: await buildUser(t.db),
    outsider: await buildUser(t.db),
  };
  await addMember(t.db, group.id, people.chair.id, 'co_chair', KR);
  await addMember(t.db, group.id, people.member.id, 'member', council.byCode.JP?.id ?? null);
  await addMember(t.db, group.id, people.korean.id, 'member', KR);
  await addMember(t.db, group.id, people.observer.id, 'observer');
  await addMember(t.db, group.id, people.facilitator.id, 'delphi_facilitator', KR);
  clients = Object.fromEntries(await Promise.all(Object.entries(people).map(async ([k, u]) => [k, await signedInClient(t.app, u)] as const))) as typeof clients;
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const url = (draftId: string, rest = '') => `/api/study-groups/${slug}/drafts/${draftId}/comments${rest}`;
async function draftOf(paragraphs: string[]) {
  const res = await clients.chair.post(`/api/study-groups/${slug}/drafts`, { title: 'Hotline recommendations', lang: 'en', paragraphs });
  expect(res.statusCode, res.body).toBe(201);
  const draft = res.json() as DraftView;
  const text = (await clients.chair.get(`/api/study-groups/${slug}/drafts/${draft.id}/text`)).json() as DraftText;
  return { draft, uid: (i: number) => text.paragraphs[i]?.uid as string };
}
async function thread(client: TestClient, draftId: string, body: Record<string, unknown>): Promise<ThreadView> {
  const res = await client.post(url(draftId), body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as ThreadView;
}
const stored = (draftId: string) => t.db.select().from(draftComments).where(eq(draftComments.draftId, draftId));

describe('comment threads', () => {
  it('anchors a thread to words of a paragraph, quoted; observers comment, readers read, outsiders see nothing', async () => {
    const { draft, uid } = await draftOf(['Preamble.', 'Establish military hotlines between capitals.']);
    const th = await thread(clients.member, draft.id, { blockUid: uid(1), start: 10, end: 18, body: 'Why only military?' });
    expect(th).toMatchObject({ blockUid: uid(1), start: 10, end: 18, quote: 'military', paragraph: 2, recommendation: null, resolved: false, author: { id: people.member.id }, replies: [], actions: ['reply', 'resolve'] });
    const obs = await thread(clients.observer, draft.id, { blockUid: uid(0), start: 0, end: 8, body: 'From outside the region: fine.' });
    expect(obs.quote).toBe('Preamble');

    const read = await clients.facilitator.get(url(draft.id));
    expect(read.statusCode).toBe(200);
    const list = read.json() as ThreadList;
    expect(list.canComment).toBe(false);
    expect(list.threads.map((x) => [x.quote, x.actions])).toEqual([
      ['military', []],
      ['Preamble', []],
    ]);
    expect((await clients.facilitator.post(url(draft.id), { blockUid: uid(0), start: 0, end: 3, body: 'Not mine to say.' })).statusCode).toBe(403);
    expect((await clients.outsider.get(url(draft.id))).statusCode).toBe(404);
    expect((await clients.outsider.post(url(draft.id), { blockUid: uid(0), start: 0, end: 3, body: 'Hello.' })).statusCode).toBe(404);
    expect(await stored(draft.id)).toHaveLength(2);
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'draft.comment_added'), eq(auditEvents.targetId, th.id)));
    expect(audit).toMatchObject({ actorId: people.member.id, groupId });
  });

  it('refuses an unknown paragraph, a range outside it, and mentions of people who cannot see the draft, field by field; nothing is stored', async () => {
    const { draft, uid } = await draftOf(['Short.']);
    const unknown = await clients.member.post(url(draft.id), { blockUid: 'nope', start: 0, end: 2, body: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ path: 'body.blockUid', code: 'paragraph_unknown' })]);
    const outside = await clients.member.post(url(draft.id), { blockUid: uid(0), start: 2, end: 7, body: 'x' });
    expect(outside.json().errors).toEqual([expect.objectContaining({ path: 'body.end', code: 'out_of_range' })]);
    const backwards = await clients.member.post(url(draft.id), { blockUid: uid(0), start: 3, end: 3, body: 'x' });
    expect(backwards.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.end']);
    const mention = await clients.member.post(url(draft.id), { blockUid: uid(0), start: 0, end: 5, body: 'x', mentions: [people.korean.id, people.outsider.id, crypto.randomUUID()] });
    expect(mention.statusCode).toBe(400);
    expect(mention.json().errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['body.mentions.1', 'cannot_see_draft'],
      ['body.mentions.2', 'cannot_see_draft'],
    ]);
    expect((await clients.member.post(url(draft.id), { blockUid: uid(0), start: 0, end: 5, body: '   ' })).statusCode).toBe(400);
    expect(await stored(draft.id)).toEqual([]);
    await t.app.jobs.drain();
    expect(smtp.to(people.korean.email)).toEqual([]);
  });

  it('takes replies; the author or a co-chair resolves and reopens, nobody else', async () => {
    const { draft, uid } = await draftOf(['Notify major exercises in advance.']);
    const th = await thread(clients.member, draft.id, { blockUid: uid(0), start: 7, end: 22, body: 'Define “major”.' });
    const replied = await clients.observer.post(url(draft.id, `/${th.id}/replies`), { body: 'Over 5,000 troops?' });
    expect(replied.statusCode, replied.body).toBe(201);
    expect((replied.json() as ThreadView).replies.map((r) => [r.body, r.author?.id])).toEqual([['Over 5,000 troops?', people.observer.id]]);
    expect((await clients.facilitator.post(url(draft.id, `/${th.id}/replies`), { body: 'No.' })).statusCode).toBe(403);

    expect((await clients.korean.post(url(draft.id, `/${th.id}/resolve`))).statusCode).toBe(403);
    expect((await clients.observer.post(url(draft.id, `/${th.id}/resolve`))).statusCode).toBe(403);
    const [row] = await t.db.select().from(draftComments).where(eq(draftComments.id, th.id));
    expect(row?.resolvedAt).toBeNull();
    const resolved = await clients.member.post(url(draft.id, `/${th.id}/resolve`));
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ resolved: true, resolvedBy: { id: people.member.id }, actions: ['reply', 'reopen'] });
    const reopened = await clients.chair.post(url(draft.id, `/${th.id}/reopen`));
    expect(reopened.json()).toMatchObject({ resolved: false, resolvedBy: null });
    expect((await clients.chair.post(url(draft.id, `/${th.id}/resolve`))).json().resolved).toBe(true);
    const actions = (await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, th.id))).map((a) => a.action).sort();
    expect(actions).toEqual(['draft.comment_added', 'draft.comment_reopened', 'draft.comment_resolved', 'draft.comment_resolved']);
    // A reply is not a thread: it cannot be resolved or replied to by its own id.
    const [reply] = await t.db.select().from(draftComments).where(and(eq(draftComments.draftId, draft.id), eq(draftComments.threadId, th.id)));
    expect((await clients.member.post(url(draft.id, `/${reply?.id}/resolve`))).statusCode).toBe(404);
    expect(await t.db.select().from(draftComments).where(and(eq(draftComments.draftId, draft.id), isNull(draftComments.threadId)))).toHaveLength(1);
  });

  it('takes no comments once the draft has moved past discussion', async () => {
    const { draft, uid } = await draftOf(['Adopted text.']);
    await t.db.update(drafts).set({ status: 'adopted' }).where(eq(drafts.id, draft.id));
    const res = await clients.member.post(url(draft.id), { blockUid: uid(0), start: 0, end: 7, body: 'Too late.' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('draft.text_settled');
    expect(await stored(draft.id)).toEqual([]);
  });
});

describe('mentions', () => {
  it('mail each mentioned person in their own language, not the author, and not someone who lost access before it went out', async () => {
    const { draft, uid } = await draftOf(['Establish military hotlines between capitals.']);
    const extra = await buildUser(t.db, { locale: 'ja' });
    await addMember(t.db, groupId, extra.id, 'member');
    await t.app.changes.sync();
    const th = await thread(clients.member, draft.id, { blockUid: uid(0), start: 10, end: 18, body: 'What do you think?\n@박민', mentions: [people.korean.id, people.member.id, people.chair.id, extra.id] });
    expect(th.mentions.map((m) => m.id).sort()).toEqual([people.korean.id, people.member.id, people.chair.id, extra.id].sort());
    // The Japanese member leaves the group before the mail is sent.
    await t.db.update(groupMemberships).set({ endedAt: new Date() }).where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, extra.id)));
    await t.app.jobs.drain();

    const [ko] = smtp.to(people.korean.email);
    expect(ko?.parsed.subject).toBe(catalogs.ko.mail.draftMention.subject.replace('{{author}}', 'Member Sato').replace('{{draft}}', 'Hotline recommendations'));
    expect(ko?.parsed.text).toContain('Maritime Confidence Group');
    expect(ko?.parsed.text).toContain('“military”');
    expect(ko?.parsed.text).toContain('What do you think?');
    expect(ko?.parsed.text).toContain(`/groups/${slug}/drafts/${draft.id}#comment-${th.id}`);
    expect(ko?.parsed.headers.get('content-language')).toBe('ko');
    const [en] = smtp.to(people.chair.email);
    expect(en?.parsed.subject).toBe('Member Sato mentioned you in “Hotline recommendations”');
    expect(smtp.to(people.member.email)).toEqual([]);
    expect(smtp.to(extra.email)).toEqual([]);

    // A reply's mentions notify too.
    const reply = await clients.korean.post(url(draft.id, `/${th.id}/replies`), { body: '좋습니다.', mentions: [people.member.id] });
    expect(reply.statusCode, reply.body).toBe(201);
    await t.app.jobs.drain();
    const [toMember] = smtp.to(people.member.email);
    expect(toMember?.parsed.subject).toBe('박민 mentioned you in “Hotline recommendations”');
    expect(toMember?.parsed.text).toContain('좋습니다.');
    expect(toMember?.parsed.text).toContain('“military”');
  });
});
