import { eq, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksOfState, stateFromParagraphs } from '../../collaboration/ydoc';
import { draftVersions, drafts, recommendationOutcomes, silenceProcedures } from '../../db/schema';
import { createTestContext, type TestClient, type TestContext } from '../../test/context';
import { addMember, buildCouncil, buildStudyGroup, buildUser, signedInClient } from '../../test/factories';
import { startSmtpServer } from '../../test/smtp';
import type { ConsensusMatrix, SilenceView } from './schemas';
import { SILENCE_CONCLUDE_JOB } from './silence';

/**
 * #9 part 1: naming a version must not void a position. On the demo draft, China's objection to
 * R2 disappeared when a version was named, and silence on the new version would have adopted R2.
 */
let t: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let slug: string;
let groupId: string;
let chair: TestClient;
let headKR: TestClient;
let headCN: TestClient;
let headJP: TestClient;
let emails: Record<string, string>;
const HOUR = 3_600_000;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestContext({ config: { smtpUrl: smtp.url } });
  const { council, byCode } = await buildCouncil(t.db);
  const group = await buildStudyGroup(t.db, { councilId: council.id, status: 'active', coChairCommitteeIds: [byCode.KR?.id as string] });
  slug = group.slug;
  groupId = group.id;
  const c = await buildUser(t.db, { locale: 'en', displayName: 'Chair Ashby' });
  const hk = await buildUser(t.db, { locale: 'ko', displayName: '서도윤' });
  const hc = await buildUser(t.db, { locale: 'zh', displayName: '王伟' });
  const hj = await buildUser(t.db, { locale: 'ja', displayName: '佐々木健' });
  await addMember(t.db, group.id, c.id, 'co_chair', byCode.US?.id ?? null);
  await addMember(t.db, group.id, hk.id, 'delegation_head', byCode.KR?.id ?? null);
  await addMember(t.db, group.id, hc.id, 'delegation_head', byCode.CN?.id ?? null);
  await addMember(t.db, group.id, hj.id, 'delegation_head', byCode.JP?.id ?? null);
  emails = { chair: c.email, KR: hk.email, CN: hc.email, JP: hj.email };
  await t.app.changes.sync();
  [chair, headKR, headCN, headJP] = await Promise.all([signedInClient(t.app, c), signedInClient(t.app, hk), signedInClient(t.app, hc), signedInClient(t.app, hj)]);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

let n = 0;
async function draftWithVersion() {
  const state = stateFromParagraphs(['Preamble.', { text: 'Establish military hotlines.', kind: 'recommendation' }, { text: 'Share maritime incident data.', kind: 'recommendation' }]);
  const [draft] = await t.db.insert(drafts).values({ groupId, number: ++n, title: `Crisis channels ${n}`, lang: 'en', state }).returning();
  const blocks = blocksOfState(state);
  await t.db.insert(draftVersions).values({ draftId: draft?.id as string, number: 1, name: 'For Seoul', state, blocks });
  return { draftId: draft?.id as string, title: draft?.title as string, r1: blocks[1]?.uid as string, r2: blocks[2]?.uid as string };
}
const base = (draftId: string) => `/api/study-groups/${slug}/drafts/${draftId}`;
const matrixOf = async (draftId: string) => (await chair.get(`${base(draftId)}/consensus`)).json() as ConsensusMatrix;
const row = (m: ConsensusMatrix, uid: string) => m.recommendations.find((r) => r.uid === uid);

describe('positions when a version is named', () => {
  it('carry over where the text is unchanged: China’s objection still blocks adoption and silence', async () => {
    const d = await draftWithVersion();
    expect((await headKR.put(`${base(d.draftId)}/versions/1/positions/${d.r1}`, { position: 'support', version: 0 })).statusCode).toBe(200);
    expect((await headCN.put(`${base(d.draftId)}/versions/1/positions/${d.r2}`, { position: 'objection', change: 'Limit it to incidents in agreed waters.', version: 0 })).statusCode).toBe(200);
    const named = await chair.post(`${base(d.draftId)}/versions`, { name: 'After Seoul' });
    expect(named.statusCode, named.body).toBe(201);

    const m = await matrixOf(d.draftId);
    expect(m.version.number).toBe(2);
    const r2 = row(m, d.r2);
    expect(r2?.consensus).toMatchObject({ adoptable: false, blocking: [{ code: 'CN', standing: 'carried' }], stale: [] });
    const cn = r2?.cells.find((c) => c.position?.committee.code === 'CN')?.position;
    // Shown as taken on version 1 and still standing; its row belongs to version 1, so a client sends 0 to record on version 2.
    expect(cn).toMatchObject({ position: 'objection', onVersion: 1, superseded: true, standing: 'carried', version: 0 });
    expect(row(m, d.r1)?.consensus).toMatchObject({ adoptable: true, grade: 'full_consensus', taken: 1, carried: [{ code: 'KR', onVersion: 1 }] });

    const adopt = await chair.put(`${base(d.draftId)}/recommendations/${d.r2}/outcome`, { outcome: 'adopted', version: 0 });
    expect(adopt.statusCode).toBe(409);
    expect(adopt.json().code).toBe('consensus.objection_sustained');

    // Silence on the new version adopts R1 and holds R2 back.
    const started = (await chair.post(`${base(d.draftId)}/silence`, { version: 2, deadline: new Date(Date.now() + 24 * HOUR).toISOString() })).json() as SilenceView;
    const deadline = new Date(Date.now() - 1000);
    await t.db.update(silenceProcedures).set({ startedAt: new Date(Date.now() - 2 * HOUR), deadline }).where(eq(silenceProcedures.id, started.id));
    await t.db.execute(sql`UPDATE jobs SET run_at = ${deadline.toISOString()}::timestamptz WHERE kind = ${SILENCE_CONCLUDE_JOB} AND payload->>'procedureId' = ${started.id}`);
    await t.app.jobs.drain();
    const outcomes = await t.db.select().from(recommendationOutcomes).where(eq(recommendationOutcomes.draftId, d.draftId));
    expect(outcomes.map((o) => o.recommendationUid)).toEqual([d.r1]);

    // Sending back the version the matrix gave records a position on version 2: no 409.
    const restated = await headCN.put(`${base(d.draftId)}/versions/2/positions/${d.r2}`, { position: 'can_live_with', version: cn?.version ?? -1 });
    expect(restated.statusCode, restated.body).toBe(200);
    expect(row(await matrixOf(d.draftId), d.r2)?.consensus).toMatchObject({ adoptable: true, blocking: [] });
  });

  it('where the text changed: the objection stands, support waits for a new look, and the heads concerned are told', async () => {
    const d = await draftWithVersion();
    await headKR.put(`${base(d.draftId)}/versions/1/positions/${d.r2}`, { position: 'support', version: 0 });
    await headCN.put(`${base(d.draftId)}/versions/1/positions/${d.r2}`, { position: 'objection', change: 'Say which waters.', version: 0 });
    await headJP.put(`${base(d.draftId)}/versions/1/positions/${d.r1}`, { position: 'support', version: 0 });
    await t.app.jobs.drain();
    const before = Object.fromEntries(Object.entries(emails).map(([k, e]) => [k, smtp.to(e).length]));
    // R2 is rewritten in the live text, R1 is not; then a version is named.
    await t.app.collab.changeText(d.draftId, (fragment) => {
      const p = fragment.get(2) as Y.XmlElement;
      p.delete(0, p.length);
      p.insert(0, [new Y.XmlText('Share maritime incident data within 24 hours.')]);
    });
    expect((await chair.post(`${base(d.draftId)}/versions`, { name: 'Rewritten R2' })).statusCode).toBe(201);

    const m = await matrixOf(d.draftId);
    const r2 = row(m, d.r2);
    expect(r2?.consensus).toMatchObject({ adoptable: false, taken: 1, blocking: [{ code: 'CN', standing: 'changed' }] });
    expect(r2?.consensus.stale.map((s) => [s.code, s.position])).toEqual([
      ['CN', 'objection'],
      ['KR', 'support'],
    ]);
    expect(row(m, d.r1)?.consensus).toMatchObject({ adoptable: true, carried: [{ code: 'JP' }] });

    await t.app.jobs.drain();
    const to = (who: string) => smtp.to(emails[who] as string).slice(before[who]);
    const [ko] = to('KR');
    expect(ko?.parsed.subject).toContain('R2');
    expect(ko?.parsed.text).toContain('R2');
    expect(ko?.parsed.text).toContain(`/drafts/${d.draftId}?tab=positions`);
    expect(to('CN')[0]?.parsed.subject).toContain('R2');
    // Japan's position is on R1, whose text did not change; the co-chair took none.
    expect(to('JP')).toEqual([]);
    expect(to('chair')).toEqual([]);

    // Naming again without a change tells nobody again.
    const after = smtp.to(emails.KR as string).length + smtp.to(emails.CN as string).length;
    await chair.post(`${base(d.draftId)}/versions`, { name: 'Same again' });
    await t.app.jobs.drain();
    expect(smtp.to(emails.KR as string).length + smtp.to(emails.CN as string).length).toBe(after);
  });
});
