import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupMemberships, studyGroups } from '../../db/schema';
import { createTestContext, type TestContext } from '../../test/context';
import { addMember, buildCouncil, buildStudyGroup, buildUser, signedInClient } from '../../test/factories';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

describe('a sub-group’s members', () => {
  it('are drawn from the parent group, and leave with it', async () => {
    const { council, byCode } = await buildCouncil(t.db);
    const parent = await buildStudyGroup(t.db, { councilId: council.id, status: 'active', coChairCommitteeIds: [byCode.KR?.id as string] });
    const [chair, expert, stranger] = await Promise.all([buildUser(t.db), buildUser(t.db), buildUser(t.db)]);
    await addMember(t.db, parent.id, chair.id, 'co_chair', byCode.KR?.id ?? null);
    await addMember(t.db, parent.id, expert.id, 'member', byCode.CN?.id ?? null);
    const cc = await signedInClient(t.app, chair);
    const sub = (await cc.post(`/api/study-groups/${parent.slug}/sub-groups`, { title: 'Export Control Experts Group', focus: 'Export controls.' })).json().slug as string;
    // The creator co-chairs it in the delegation they sit in in the parent.
    const [seat] = await t.db
      .select({ committeeId: groupMemberships.committeeId })
      .from(groupMemberships)
      .innerJoin(studyGroups, eq(studyGroups.id, groupMemberships.groupId))
      .where(eq(studyGroups.slug, sub));
    expect(seat?.committeeId).toBe(byCode.KR?.id);

    const added = await cc.post(`/api/study-groups/${sub}/members/${expert.id}/roles`, { role: 'member' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().committee.code).toBe('CN');
    const notInParent = await cc.post(`/api/study-groups/${sub}/members/${stranger.id}/roles`, { role: 'member', committeeCode: 'JP' });
    expect(notInParent.statusCode).toBe(404);

    const ex = await signedInClient(t.app, expert);
    expect((await ex.get(`/api/study-groups/${sub}`)).statusCode).toBe(200);
    // Removed from the parent: the sub-group seat ends too.
    expect((await cc.delete(`/api/study-groups/${parent.slug}/members/${expert.id}`)).statusCode).toBe(200);
    expect((await ex.get(`/api/study-groups/${sub}`)).statusCode).toBe(404);
    const audit = (await cc.get(`/api/study-groups/${sub}/audit?action=membership.ended`)).json();
    expect(audit.items).toHaveLength(1);
  });
});
