import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksOfState, stateFromParagraphs } from '../../collaboration/ydoc';
import { rowsOf } from '../../db/client';
import { draftVersions, drafts, jobs, recommendationOutcomes, silenceBreaks, silenceProcedures } from '../../db/schema';
import { createTestContext, type TestClient, type TestContext } from '../../test/context';
import { addCouncilRole, addMember, buildCouncil, buildMeeting, buildStudyGroup, buildUser, signedInClient } from '../../test/factories';
import { startSmtpServer } from '../../test/smtp';
import type { SilenceView } from './schemas';
import { SILENCE_CONCLUDE_JOB } from './silence';

let t: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let slug: string;
let groupId: string;
let chair: TestClient;
let headKR: TestClient;
let headJP: TestClient;
let member: TestClient;
let observer: TestClient;
let people: Record<string, { id: string; email: string }>;

const HOUR = 3_600_000;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestContext({ config: { smtpUrl: smtp.url } });
  const { council, byCode } = await buildCouncil(t.db);
  const group = await buildStudyGroup(t.db, { councilId: council.id, status: 'active', coChairCommitteeIds: [byCode.KR?.id as string] });
  slug = group.slug;
  groupId = group.id;
  // The group meets in Tokyo.
  await buildMeeting(t.db, { groupId, timeZone: 'Asia/Tokyo', city: 'Tokyo', startsAt: new Date(Date.now() + 20 * 86_400_000), endsAt: new Date(Date.now() + 21 * 86_400_000) });
  const c = await buildUser(t.db, { locale: 'en', timeZone: 'America/New_York', displayName: 'Chair Park' });
  const hk = await buildUser(t.db, { locale: 'ko', timeZone: 'Asia/Seoul', displayName: '김민수' });
  const hj = await buildUser(t.db, { locale: 'ja', timeZone: 'Asia/Tokyo', displayName: '佐藤健' });
  const m = await buildUser(t.db, { locale: 'zh', timeZone: 'Asia/Shanghai', displayName: '王伟' });
  const o = await buildUser(t.db, { locale: 'en', timeZone: null, displayName: 'Olivia Observer' });
  const sc = await buildUser(t.db, { locale: 'en', displayName: 'Steering Member' });
  const x = await buildUser(t.db, { displayName: 'Outside Person' });
  await addMember(t.db, groupId, c.id, 'co_chair', byCode.KR?.id ?? null);
  await addMember(t.db, groupId, hk.id, 'delegation_head', byCode.KR?.id ?? null);
  await addMember(t.db, groupId, hj.id, 'delegation_head', byCode.JP?.id ?? null);
  await addMember(t.db, groupId, m.id, 'member', byCode.CN?.id ?? null);
  await addMember(t.db, groupId, o.id, 'observer', byCode.CA?.id ?? null);
  await addCouncilRole(t.db, council.id, sc.id, 'sc_member', byCode.US?.id ?? null);
  people = { chair: c, headKR: hk, headJP: hj, member: m, observer: o, sc, outsider: x };
  await t.app.changes.sync();
  [chair, headKR, headJP, member, observer] = await Promise.all([signedInClient(t.app, c), signedInClient(t.app, hk), signedInClient(t.app, hj), signedInClient(t.app, m), signedInClient(t.app, o)]);
  // The group's deadlines are set in Tokyo time (a meeting there does not decide it; the group does).
  const zoned = await chair.put(`/api/study-groups/${slug}/time-zone`, { timeZone: 'Asia/Tokyo' });
  expect(zoned.statusCode, zoned.body).toBe(200);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

let draftNumber = 0;
async function draftWithVersion() {
  const state = stateFromParagraphs([{ text: 'Establish military hotlines.', kind: 'recommendation' }, 'Why: incidents at sea.', { text: 'Share maritime incident data.', kind: 'recommendation' }]);
  const [draft] = await t.db.insert(drafts).values({ groupId, number: ++draftNumber, title: `Crisis channels ${draftNumber}`, lang: 'en', state }).returning();
  const blocks = blocksOfState(state);
  await t.db.insert(draftVersions).values({ draftId: draft?.id as string, number: 1, name: 'Draft for circulation', state, blocks });
  return { draftId: draft?.id as string, title: draft?.title as string, r1: blocks[0]?.uid as string, r2: blocks[2]?.uid as string };
}

const base = (draftId: string) => `/api/study-groups/${slug}/drafts/${draftId}`;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();
const procedures = (draftId: string) => t.db.select().from(silenceProcedures).where(eq(silenceProcedures.draftId, draftId));

/** Moves a procedure's deadline (and its job) into the past, as if the clock had reached it. */
async function reachDeadline(procedureId: string) {
  const deadline = new Date(Date.now() - 1000);
  await t.db.update(silenceProcedures).set({ startedAt: new Date(Date.now() - 2 * HOUR), deadline }).where(eq(silenceProcedures.id, procedureId));
  await t.db.execute(sql`UPDATE jobs SET run_at = ${deadline.toISOString()}::timestamptz WHERE kind = ${SILENCE_CONCLUDE_JOB} AND payload->>'procedureId' = ${procedureId}`);
}

const mailsFor = (email: string, subjectPart: string) => smtp.to(email).filter((m) => m.parsed.subject?.includes(subjectPart));

describe('the silence procedure', () => {
  it('starts on the latest version with a deadline told to everyone who may view the draft, in their language and zones', async () => {
    const d = await draftWithVersion();
    const res = await chair.post(`${base(d.draftId)}/silence`, { version: 1, deadline: '2099-01-01T00:00:00Z' });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('silence.deadline_too_far');
    const past = await chair.post(`${base(d.draftId)}/silence`, { version: 1, deadline: new Date(Date.now() - 60_000).toISOString() });
    expect(past.statusCode).toBe(422);
    expect(past.json()).toMatchObject({ code: 'silence.deadline_past', errors: [{ path: 'body.deadline' }] });
    expect((await chair.post(`${base(d.draftId)}/silence`, { version: 2, deadline: inHours(48) })).json().code).toBe('resource.version_conflict');
    expect(await procedures(d.draftId)).toEqual([]);

    const started = await chair.post(`${base(d.draftId)}/silence`, { version: 1, deadline: inHours(72) });
    expect(started.statusCode, started.body).toBe(201);
    const view = started.json() as SilenceView;
    expect(view).toMatchObject({ version: 1, status: 'running', state: 'running', groupTimeZone: 'Asia/Tokyo', startedBy: { id: people.chair?.id }, breaks: [] });
    expect(view.remainingMs).toBeGreaterThan(71 * HOUR);
    // Only one runs per draft.
    const again = await chair.post(`${base(d.draftId)}/silence`, { version: 1, deadline: inHours(24) });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('silence.already_running');
    expect(await procedures(d.draftId)).toHaveLength(1);

    await t.app.jobs.drain();
    // The Korean head reads it in Korean, the deadline in Tokyo time (the group's) and Seoul time (his).
    const [ko] = mailsFor(people.headKR?.email as string, d.title);
    expect(ko?.parsed.subject).toContain('침묵 절차');
    expect(ko?.parsed.text).toContain('마감 시한');
    expect(ko?.parsed.text).toContain('Asia/Tokyo');
    expect(ko?.parsed.text).toContain('Asia/Seoul');
    expect(ko?.parsed.headers.get('content-language')).toBe('ko');
    // The co-chair in New York reads English with both zones.
    const [en] = mailsFor(people.chair?.email as string, d.title);
    expect(en?.parsed.subject).toMatch(/^Silence procedure until/);
    expect(en?.parsed.text).toMatch(/Deadline: .*\(Asia\/Tokyo, the group's time\) — .* in your time zone \(America\/New_York\)/);
    // The Japanese head's zone is the group's: said once.
    expect(mailsFor(people.headJP?.email as string, d.title)[0]?.parsed.text).toContain('グループとあなたのタイムゾーン');
    // The observer and the Steering Committee member may view drafts and are told; someone outside is not.
    expect(mailsFor(people.observer?.email as string, d.title)).toHaveLength(1);
    expect(mailsFor(people.sc?.email as string, d.title)).toHaveLength(1);
    expect(smtp.to(people.outsider?.email as string)).toHaveLength(0);
  });

  it('is started by the co-chairs only; refusals store nothing', async () => {
    const d = await draftWithVersion();
    for (const client of [headKR, member, observer]) expect((await client.post(`${base(d.draftId)}/silence`, { version: 1, deadline: inHours(24) })).statusCode).toBe(403);
    expect(await procedures(d.draftId)).toEqual([]);
    const [{ n } = { n: 0 }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(jobs).where(sql`payload->>'procedureId' IS NOT NULL AND payload->>'procedureId' NOT IN (SELECT id::text FROM silence_procedures)`);
    expect(n).toBe(0);
  });

  it('is broken by an amendment before the deadline, recorded with who, the committee and why, and everyone is told', async () => {
    const d = await draftWithVersion();
    const started = (await chair.post(`${base(d.draftId)}/silence`, { version: 1, deadline: inHours(24) })).json() as SilenceView;
    // An objection is a delegation head's: a member sends an amendment.
    expect((await member.post(`${base(d.draftId)}/silence/breaks`, { kind: 'objection', reason: 'No.', version: 1 })).statusCode).toBe(403);
    // Observers take part in neither.
    expect((await observer.post(`${base(d.draftId)}/silence/breaks`, { kind: 'amendment', reason: 'Add the Pacific.', version: 1 })).statusCode).toBe(403);
    expect((await member.post(`${base(d.draftId)}/silence/breaks`, { kind: 'amendment', reason: '', version: 1 })).statusCode).toBe(400);
    expect(await t.db.select().from(silenceBreaks).where(eq(silenceBreaks.procedureId, started.id))).toEqual([]);

    const res = await member.post(`${base(d.draftId)}/silence/breaks`, { kind: 'amendment', reason: '在“热线”后加上“以及海上事故通报机制”。', version: 1 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'amendment', by: { id: people.member?.id }, committee: { code: 'CN', name: 'Committee CN' }, reason: '在“热线”后加上“以及海上事故通报机制”。' });
    // A head's objection is recorded too: everything that breaks silence is on the record.
    expect((await headJP.post(`${base(d.draftId)}/silence/breaks`, { kind: 'objection', reason: 'Japan cannot accept R2 as worded.', version: 1 })).statusCode).toBe(201);

    const [view] = (await observer.get(`${base(d.draftId)}/silence`)).json() as SilenceView[];
    expect(view).toMatchObject({ id: started.id, status: 'broken', state: 'broken' });
    expect(view?.breaks.map((b) => [b.kind, b.committee?.code])).toEqual([
      ['amendment', 'CN'],
      ['objection', 'JP'],
    ]);

    await t.app.jobs.drain();
    // One mail per break, in any order of delivery.
    const ko = mailsFor(people.headKR?.email as string, `침묵 깨짐: ${d.title}`).map((m) => m.parsed.text ?? '');
    expect(ko).toHaveLength(2);
    const amendmentMail = ko.find((text) => text.includes('王伟(Committee CN)'));
    expect(amendmentMail).toContain('수정안 사유: 在“热线”后加上“以及海上事故通报机制”。');
    expect(ko.find((text) => text.includes('佐藤健(Committee JP)'))).toContain('이의 사유: Japan cannot accept R2 as worded.');
    const zh = mailsFor(people.member?.email as string, `沉默被打破：${d.title}`).map((m) => m.parsed.text ?? '');
    expect(zh.some((text) => text.includes('修正案：在“热线”后加上“以及海上事故通报机制”。'))).toBe(true);

    // Broken, the procedure adopts nothing at its deadline.
    await reachDeadline(started.id);
    await t.app.jobs.drain();
    expect(await t.db.select().from(recommendationOutcomes).where(eq(recommendationOutcomes.draftId, d.draftId))).toEqual([]);
    expect((await procedures(d.draftId))[0]?.status).toBe('broken');
  });

  it('refuses a break at the deadline: the text is deemed adopted then', async () => {
    const d = await draftWithVersion();
    const started = (await chair.post(`${base(d.draftId)}/silence`, { version: 1, deadline: inHours(24) })).json() as SilenceView;
    // The deadline is now (just passed), the conclusion job has not run yet.
    await t.db.update(silenceProcedures).set({ startedAt: new Date(Date.now() - HOUR), deadline: new Date() }).where(eq(silenceProcedures.id, started.id));
    const late = await headKR.post(`${base(d.draftId)}/silence/breaks`, { kind: 'objection', reason: 'Too late?', version: 1 });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('silence.closed');
    expect(await t.db.select().from(silenceBreaks).where(eq(silenceBreaks.procedureId, started.id))).toEqual([]);
    // Nor may it be withdrawn any more.
    expect((await chair.post(`${base(d.draftId)}/silence/cancel`)).json().code).toBe('silence.closed');
  });

  it('adopts, when the job runs after the deadline, every recommendation of the version without an outcome, with its grade', async () => {
    const d = await draftWithVersion();
    await headKR.put(`${base(d.draftId)}/versions/1/positions/${d.r1}`, { position: 'support', version: 0 });
    await headJP.put(`${base(d.draftId)}/versions/1/positions/${d.r1}`, { position: 'reservation', text: 'Japan notes its constitutional limits.', version: 0 });
    const started = (await chair.post(`${base(d.draftId)}/silence`, { version: 1, deadline: inHours(24) })).json() as SilenceView;

    // Before the deadline the job is not due: nothing happens.
    await t.app.jobs.drain();
    expect(await t.db.select().from(recommendationOutcomes).where(eq(recommendationOutcomes.draftId, d.draftId))).toEqual([]);
    expect((await procedures(d.draftId))[0]?.status).toBe('running');

    await reachDeadline(started.id);
    await t.app.jobs.drain();
    const outcomes = await t.db.select().from(recommendationOutcomes).where(eq(recommendationOutcomes.draftId, d.draftId));
    expect(outcomes.map((o) => [o.recommendationUid, o.outcome, o.via, o.grade]).sort()).toEqual(
      [
        [d.r1, 'adopted', 'silence', 'consensus'],
        [d.r2, 'adopted', 'silence', null],
      ].sort(),
    );
    const [view] = (await member.get(`${base(d.draftId)}/silence`)).json() as SilenceView[];
    expect(view).toMatchObject({ status: 'adopted', state: 'adopted' });
    const notes = (await member.get(`${base(d.draftId)}/footnotes`)).json();
    expect(notes.recommendations[0]).toMatchObject({ number: 1, footnotes: [{ committee: { code: 'JP' }, text: 'Japan notes its constitutional limits.' }] });

    const [ja] = mailsFor(people.headJP?.email as string, `沈黙手続きにより採択：${d.title}`);
    expect(ja?.parsed.text).toContain('勧告 2 件');
    expect(ja?.parsed.headers.get('content-language')).toBe('ja');
    // The job ran once: running it again changes nothing.
    await t.db.execute(sql`UPDATE jobs SET finished_at = NULL, run_at = now() - interval '1 second' WHERE kind = ${SILENCE_CONCLUDE_JOB} AND payload->>'procedureId' = ${started.id}`);
    await t.app.jobs.drain();
    expect(await t.db.select().from(recommendationOutcomes).where(eq(recommendationOutcomes.draftId, d.draftId))).toHaveLength(2);
    expect(mailsFor(people.headJP?.email as string, `沈黙手続きにより採択：${d.title}`)).toHaveLength(1);
  });

  it('keeps an outcome the co-chairs declared before the deadline, and adopts nothing once withdrawn', async () => {
    const d = await draftWithVersion();
    expect((await chair.put(`${base(d.draftId)}/recommendations/${d.r2}/outcome`, { outcome: 'dropped', version: 0 })).statusCode).toBe(200);
    const first = (await chair.post(`${base(d.draftId)}/silence`, { version: 1, deadline: inHours(24) })).json() as SilenceView;
    expect((await headKR.post(`${base(d.draftId)}/silence/cancel`)).statusCode).toBe(403);
    const cancelled = await chair.post(`${base(d.draftId)}/silence/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ id: first.id, status: 'cancelled', state: 'cancelled' });
    expect((await member.post(`${base(d.draftId)}/silence/breaks`, { kind: 'amendment', reason: 'Late idea.', version: 1 })).json().code).toBe('silence.not_running');
    await reachDeadline(first.id);
    await t.app.jobs.drain();
    expect((await t.db.select().from(recommendationOutcomes).where(eq(recommendationOutcomes.draftId, d.draftId))).map((o) => o.outcome)).toEqual(['dropped']);
    expect(mailsFor(people.headKR?.email as string, `침묵 절차 철회: ${d.title}`)).toHaveLength(1);

    // A new one may start; at its deadline only the undeclared recommendation is adopted.
    const second = (await chair.post(`${base(d.draftId)}/silence`, { version: 1, deadline: inHours(24) })).json() as SilenceView;
    await reachDeadline(second.id);
    await t.app.jobs.drain();
    const rows = await t.db.select().from(recommendationOutcomes).where(eq(recommendationOutcomes.draftId, d.draftId));
    expect(rows.map((o) => [o.recommendationUid, o.outcome, o.via]).sort()).toEqual(
      [
        [d.r1, 'adopted', 'silence'],
        [d.r2, 'dropped', 'declaration'],
      ].sort(),
    );
    expect((await t.db.select().from(silenceProcedures).where(and(eq(silenceProcedures.draftId, d.draftId), eq(silenceProcedures.status, 'adopted')))).map((p) => p.id)).toEqual([second.id]);
  });

  it('is broken by an objection recorded as a position while it runs, recorded with the change asked for', async () => {
    const d = await draftWithVersion();
    const started = (await chair.post(`${base(d.draftId)}/silence`, { version: 1, deadline: inHours(24) })).json() as SilenceView;
    // A reservation does not block, so it does not break silence.
    expect((await headKR.put(`${base(d.draftId)}/versions/1/positions/${d.r1}`, { position: 'reservation', text: 'Korea notes its view.', version: 0 })).statusCode).toBe(200);
    expect((await procedures(d.draftId))[0]?.status).toBe('running');
    const res = await headJP.put(`${base(d.draftId)}/versions/1/positions/${d.r2}`, { position: 'objection', change: 'Share the data through the coast guards only.', version: 0 });
    expect(res.statusCode, res.body).toBe(200);
    expect((await procedures(d.draftId))[0]?.status).toBe('broken');
    const breaks = await t.db.select().from(silenceBreaks).where(eq(silenceBreaks.procedureId, started.id));
    expect(breaks).toEqual([expect.objectContaining({ kind: 'objection', reason: 'Share the data through the coast guards only.', byId: people.headJP?.id })]);
    // Broken: at the deadline nothing is adopted.
    await reachDeadline(started.id);
    await t.app.jobs.drain();
    expect(await t.db.select().from(recommendationOutcomes).where(eq(recommendationOutcomes.draftId, d.draftId))).toEqual([]);
  });

  it('adopts under silence only what nobody objects to: a standing objection holds its recommendation back', async () => {
    const d = await draftWithVersion();
    await headJP.put(`${base(d.draftId)}/versions/1/positions/${d.r2}`, { position: 'objection', change: 'Coast guards only.', version: 0 });
    const started = (await chair.post(`${base(d.draftId)}/silence`, { version: 1, deadline: inHours(24) })).json() as SilenceView;
    await reachDeadline(started.id);
    await t.app.jobs.drain();
    const outcomes = await t.db.select().from(recommendationOutcomes).where(eq(recommendationOutcomes.draftId, d.draftId));
    expect(outcomes.map((o) => [o.recommendationUid, o.outcome, o.via])).toEqual([[d.r1, 'adopted', 'silence']]);
  });
});

describe("a draft's status", () => {
  const statusOf = async (draftId: string) => (await chair.get(base(draftId))).json() as { status: string; access: string; version: number };

  it('follows silence and outcomes: proposed (and settled) under silence, back under discussion when withdrawn, noted when every recommendation is decided', async () => {
    const d = await draftWithVersion();
    const started = await chair.post(`${base(d.draftId)}/silence`, { version: 1, deadline: inHours(72) });
    expect(started.statusCode, started.body).toBe(201);
    expect(await statusOf(d.draftId)).toMatchObject({ status: 'proposed', access: 'read' });
    // The text put to the group stays as put: no amendment is accepted into it meanwhile.
    const renamed = await chair.patch(base(d.draftId), { title: 'Renamed under silence', version: (await statusOf(d.draftId)).version });
    expect(renamed.statusCode).toBe(403);

    expect((await chair.post(`${base(d.draftId)}/silence/cancel`, {})).statusCode).toBe(200);
    expect(await statusOf(d.draftId)).toMatchObject({ status: 'under_discussion', access: 'edit' });

    expect((await chair.put(`${base(d.draftId)}/recommendations/${d.r1}/outcome`, { outcome: 'dropped', version: 0 })).statusCode).toBe(200);
    expect((await statusOf(d.draftId)).status).toBe('under_discussion');
    const noted = await chair.put(`${base(d.draftId)}/recommendations/${d.r2}/outcome`, { outcome: 'chair_summary', summary: 'Noted; the delegations differ on data sharing.', version: 0 });
    expect(noted.statusCode, noted.body).toBe(200);
    expect(await statusOf(d.draftId)).toMatchObject({ status: 'noted', access: 'read' });
    const changes = await t.db.execute(sql`SELECT data FROM audit_events WHERE action = 'draft.status_changed' AND target_id = ${d.draftId} ORDER BY at`);
    expect(rowsOf<{ data: { from: string; to: string } }>(changes).map((r) => `${r.data.from}→${r.data.to}`)).toEqual(['draft→proposed', 'proposed→under_discussion', 'under_discussion→noted']);
  });

  it('is adopted when silence adopts every recommendation', async () => {
    const d = await draftWithVersion();
    const started = await chair.post(`${base(d.draftId)}/silence`, { version: 1, deadline: inHours(72) });
    await reachDeadline((started.json() as { id: string }).id);
    await t.app.jobs.drain();
    expect((await statusOf(d.draftId)).status).toBe('adopted');
  });
});
