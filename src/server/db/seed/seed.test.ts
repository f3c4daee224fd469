import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZCharterText } from '../../../core/charter';
import { familyFits, familyKey, NAME_SCRIPTS } from '../../../core/people';
import { blockTexts } from '../../../core/rich-text';
import { GROUP_ROLES, COUNCIL_ROLES } from '../../../core/roles';
import { createTestContext, TestClient, type TestContext } from '../../test/context';
import { committeeMemberships, memberCommittees, studyGroups, users } from '../schema';
import { seedCharterPlain, seedCharterTexts } from './charter';
import { DEMO_GROUP_SLUG } from './demo';
import { initializeInstance } from './index';
import { demoAgenda } from './open-agenda';
import { demoPeople } from './people';

const proposal = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'study-group-proposal.txt'), 'utf8');
const normalize = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('the demo people', () => {
  it('record the family name of every spelling, part of it (久保田 of 久保田慎吾, three kanji)', () => {
    for (const p of demoPeople) {
      for (const script of NAME_SCRIPTS) {
        const name = p.names[script];
        const family = p.names[familyKey(script)];
        expect(Boolean(family), `${p.key} ${script}`).toBe(Boolean(name));
        if (name && family) expect(familyFits(script, name, family), `${p.key} ${script}`).toBe(true);
      }
    }
    expect(demoPeople.find((p) => p.key === 'jp-cochair')?.names).toMatchObject({ kanji: '久保田慎吾', kanjiFamily: '久保田' });
  });
});

describe('the demo charter', () => {
  it('is the proposal in its own words', () => {
    const en = seedCharterPlain.en;
    const text = normalize(proposal);
    const paragraphs = [...en.introduction, ...en.principles.map((p) => p.text), ...en.format, ...en.anticipatedOutput, ...en.differsFromPrevious];
    for (const p of paragraphs) expect(text).toContain(normalize(p));
    for (const o of en.objectives) expect(text).toContain(`(${o.label})${o.text}`);
    for (const q of en.keyQuestions) expect(text).toContain(`${q.number}) ${q.text}`);
    expect(en.objectives.map((o) => o.label)).toEqual(['a', 'b', 'c', 'd']);
    expect(en.keyQuestions.map((q) => q.number)).toEqual([1, 2, 3]);
    expect(en.principles.map((p) => p.name)).toEqual(['Open', 'Plus']);
    // The stored form keeps the paragraphs as they were.
    expect(blockTexts(seedCharterTexts.en.introduction)).toEqual(en.introduction);
  });

  it('has a complete translation in Korean, Chinese and Japanese', () => {
    for (const locale of ['ko', 'zh', 'ja'] as const) {
      // The stored (rich-text) form is valid; the plain form is what the translators wrote.
      ZCharterText.parse(seedCharterTexts[locale]);
      const tr = seedCharterPlain[locale];
      const en = seedCharterPlain.en;
      expect(tr.introduction).toHaveLength(en.introduction.length);
      expect(tr.objectives).toHaveLength(en.objectives.length);
      expect(tr.keyQuestions).toHaveLength(en.keyQuestions.length);
      // Mostly in the translation's own script, not English left in place.
      const values = [tr.title, ...tr.introduction, ...tr.principles.map((p) => p.text), ...tr.format, ...tr.objectives.map((o) => o.text), ...tr.anticipatedOutput, ...tr.differsFromPrevious, ...tr.keyQuestions.map((q) => q.text)];
      const letters = values.join('').replace(/[^\p{L}]/gu, '');
      const latin = letters.replace(/[^A-Za-z]/g, '');
      expect(latin.length / letters.length).toBeLessThan(0.15);
    }
  });

  it('has fictional people for every role, with an observer from outside the region', () => {
    const groupRoles = new Set(demoPeople.flatMap((p) => p.groupRoles));
    const councilRoles = new Set(demoPeople.flatMap((p) => p.councilRoles));
    for (const role of GROUP_ROLES) expect(groupRoles, role).toContain(role);
    for (const role of COUNCIL_ROLES) expect(councilRoles, role).toContain(role);
    const observers = demoPeople.filter((p) => p.groupRoles.includes('observer'));
    expect(observers.some((p) => p.committee === null || !['KR', 'CN', 'JP', 'US'].includes(p.committee))).toBe(true);
    for (const p of demoPeople) expect(p.email).toMatch(/@demo\.accord\.example$/);
    expect(new Set(demoPeople.map((p) => p.email)).size).toBe(demoPeople.length);
  });
});

describe('first start', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t?.close());

  it('loads the demo once, prints working one-time links, and never loads it twice', async () => {
    const links = await initializeInstance(t.db, t.config, { demo: true });
    expect(links).not.toBeNull();
    expect(links).toHaveLength(demoPeople.length + 1);
    expect(links?.[0]).toMatchObject({ role: 'administrator', email: t.config.adminEmail });
    // There is no default password anywhere.
    const withPassword = await t.db.select().from(users).where(isNotNull(users.passwordHash));
    expect(withPassword).toHaveLength(0);

    const second = await initializeInstance(t.db, t.config, { demo: true });
    expect(second).toBeNull();
    const groups = await t.db.select().from(studyGroups);
    // The seed's group, a sub-group of it, and a second proposal under the SC's review.
    expect(groups.map((g) => [g.kind, g.status]).sort()).toEqual([
      ['study_group', 'active'],
      ['study_group', 'submitted'],
      ['sub_group', 'active'],
    ]);
    expect(groups.find((g) => g.slug === DEMO_GROUP_SLUG)).toMatchObject({ termStart: '2019-09-01', termEnd: '2021-08-31', status: 'active' });

    // The council: every member committee of domain.md with its membership type.
    const committees = await t.db.select({ code: memberCommittees.code, type: committeeMemberships.type }).from(memberCommittees).innerJoin(committeeMemberships, eq(committeeMemberships.committeeId, memberCommittees.id));
    expect(committees.filter((c) => c.type === 'full')).toHaveLength(21);
    expect(committees.filter((c) => c.type === 'associate').map((c) => c.code)).toEqual(['PIF']);

    // A demo person's printed link signs them in and shows them the group.
    const coChair = demoPeople.find((p) => p.groupRoles.includes('co_chair'));
    const link = links?.find((l) => l.email === coChair?.email);
    const token = link?.url.split('#')[1];
    expect(link?.url.startsWith(`${t.config.publicUrl}/link#`)).toBe(true);
    const client = new TestClient(t.app);
    expect((await client.post('/api/auth/links/consume', { token })).statusCode).toBe(200);
    const list = await client.get('/api/study-groups');
    expect(list.json().items.map((g: { slug: string }) => g.slug)).toContain(DEMO_GROUP_SLUG);
    // The proposal's history is on record: submitted, approved at an SC meeting, activated.
    const proposal = (await client.get(`/api/study-groups/${DEMO_GROUP_SLUG}/proposal`)).json();
    expect(proposal.decisions.map((d: { transition: string }) => d.transition)).toEqual(['submit', 'approve', 'activate']);
    expect(proposal.current.content.termStart).toBe('2019-09-01');

    // The first meeting's record: a final Co-Chairs' Report that names nobody, and a paper to download.
    const meetingsList = (await client.get(`/api/study-groups/${DEMO_GROUP_SLUG}/meetings`)).json();
    const first = meetingsList[0];
    expect(first).toMatchObject({ sequence: 1, status: 'report_final', attribution: 'chatham_house', timeZone: 'Asia/Seoul' });
    const report = (await client.get(`/api/study-groups/${DEMO_GROUP_SLUG}/meetings/${first.id}/report`)).json();
    expect(report.status).toBe('final');
    expect(report.check).not.toBeNull();
    expect(report.check.findings).toEqual([]);
    expect(report.check.warnings).toEqual([]);
    const papers = (await client.get(`/api/study-groups/${DEMO_GROUP_SLUG}/meetings/${first.id}/materials`)).json().items;
    expect(papers).toHaveLength(1);
    const file = await client.get(`/api/study-groups/${DEMO_GROUP_SLUG}/meetings/${first.id}/materials/${papers[0].id}/versions/1/file`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // The open agenda: the proposal's issue areas in the participants' languages, one raised by an
    // observer, one closed and one withdrawn; the first meeting's sessions take them up with the paper.
    const agenda = (await client.get(`/api/study-groups/${DEMO_GROUP_SLUG}/agenda`)).json();
    expect(agenda.items.map((i: { number: number }) => i.number)).toEqual(demoAgenda.map((_, i) => i + 1));
    expect(new Set(agenda.items.map((i: { lang: string }) => i.lang))).toEqual(new Set(['en', 'ko', 'zh', 'ja']));
    expect(agenda.items.map((i: { status: string }) => i.status).sort()).toEqual([...Array(7).fill('open'), 'closed', 'withdrawn'].sort());
    const observers = new Set(demoPeople.filter((p) => p.groupRoles.includes('observer')).map((p) => p.email));
    const raisedBy = await t.db.select({ email: users.email, id: users.id }).from(users);
    const emailOf = new Map(raisedBy.map((u) => [u.id, u.email]));
    expect(agenda.items.some((i: { proposedBy: { id: string } }) => observers.has(emailOf.get(i.proposedBy.id) ?? ''))).toBe(true);
    const detail = (await client.get(`/api/study-groups/${DEMO_GROUP_SLUG}/meetings/${first.id}`)).json();
    const taken = detail.sessions.flatMap((s: { agendaItems: { number: number }[] }) => s.agendaItems.map((i) => i.number));
    expect(new Set(taken)).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(detail.sessions.flatMap((s: { papers: { id: string }[] }) => s.papers.map((p) => p.id))).toEqual([papers[0].id]);

    // A draft under discussion: a named version, the delegations' positions with every grade the
    // demo should show, two colliding amendments and a rejected one, an observer's thread.
    const draftList = (await client.get(`/api/study-groups/${DEMO_GROUP_SLUG}/drafts`)).json();
    const draft = (draftList.items ?? draftList)[0];
    const matrix = (await client.get(`/api/study-groups/${DEMO_GROUP_SLUG}/drafts/${draft.id}/consensus`)).json();
    expect(matrix.recommendations.map((r: { number: number; consensus: { grade: string | null } }) => [r.number, r.consensus.grade])).toEqual([
      [1, 'full_consensus'],
      [2, 'strong_support_significant_opposition'],
      [3, 'consensus'],
      [4, null],
    ]);
    expect(matrix.recommendations[0].outcome).toMatchObject({ outcome: 'adopted', grade: 'full_consensus' });
    const amendmentList = (await client.get(`/api/study-groups/${DEMO_GROUP_SLUG}/drafts/${draft.id}/amendments`)).json();
    expect(amendmentList.amendments.map((a: { number: number; status: string; collidesWith: number[] }) => [a.number, a.status, a.collidesWith])).toEqual([
      [1, 'open', [2]],
      [2, 'open', [1]],
      [3, 'rejected', []],
      [4, 'open', []],
    ]);
    // The fourth adds a paragraph after R2 and cites the line it follows.
    expect(amendmentList.amendments[3]).toMatchObject({ blockUid: null, recommendation: 2, outOfDate: null, lines: { first: null } });
    const threads = (await client.get(`/api/study-groups/${DEMO_GROUP_SLUG}/drafts/${draft.id}/comments`)).json().threads;
    expect(threads).toHaveLength(1);
    expect(threads[0].quote).toBe('staffed at all hours');
  });

  it('does not bring the demo back after the groups are deleted', async () => {
    await t.db.delete(studyGroups).where(eq(studyGroups.kind, 'sub_group'));
    await t.db.delete(studyGroups);
    expect(await initializeInstance(t.db, t.config, { demo: true })).toBeNull();
    const [count] = await t.db.select({ n: sql<number>`count(*)::int` }).from(studyGroups);
    expect(count?.n).toBe(0);
  });
});

describe('first start without the demo', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t?.close());

  it('creates only the administrator', async () => {
    const links = await initializeInstance(t.db, t.config, { demo: false });
    expect(links?.map((l) => l.role)).toEqual(['administrator']);
    const all = await t.db.select().from(users);
    expect(all.map((u) => u.email)).toEqual([t.config.adminEmail]);
    expect(all[0]?.isAdmin).toBe(true);
    expect(await t.db.select().from(studyGroups)).toHaveLength(0);
  });
});
