import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Principal } from '../../../core/policies';
import { GROUP_ROLES, STUDY_GROUP_STATUSES, type GroupRole, type StudyGroupStatus } from '../../../core/roles';
import { studyGroups } from '../../db/schema';
import { createTestContext, type TestContext, type TestClient } from '../../test/context';
import { addCouncilRole, addMember, buildCouncil, buildStudyGroup, buildUser, signedInClient } from '../../test/factories';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

interface Built {
  slug: string;
  status: StudyGroupStatus;
  isSubGroup: boolean;
}

/**
 * Lists are filtered in SQL, single groups by can(): both must show exactly what the
 * role-and-action table says, for every status, kind and kind of person.
 */
describe('who sees which group', () => {
  it('agrees between the list, the overview and the table, for every status, kind and principal', async () => {
    const { council, byCode } = await buildCouncil(t.db);
    const KR = byCode.KR?.id as string;
    const creator = await buildUser(t.db);
    const parent = await buildStudyGroup(t.db, { councilId: council.id, status: 'active' });
    const groups: Built[] = [];
    for (const status of STUDY_GROUP_STATUSES) {
      const g = await buildStudyGroup(t.db, { councilId: council.id, status });
      await t.db.update(studyGroups).set({ proposingCommitteeId: KR, createdBy: creator.id }).where(eq(studyGroups.id, g.id));
      groups.push({ slug: g.slug, status, isSubGroup: false });
      const sub = await buildStudyGroup(t.db, { councilId: council.id, status });
      await t.db.update(studyGroups).set({ kind: 'sub_group', parentGroupId: parent.id }).where(eq(studyGroups.id, sub.id));
      groups.push({ slug: sub.slug, status, isSubGroup: true });
    }
    const ids = new Map((await t.db.select({ id: studyGroups.id, slug: studyGroups.slug }).from(studyGroups)).map((r) => [r.slug, r.id]));

    // One person per principal, holding it towards every group built above.
    const people: { name: string; principals: (g: Built) => Principal[]; client: TestClient }[] = [];
    const add = async (name: string, setup: (userId: string) => Promise<void>, principals: (g: Built) => Principal[]) => {
      const user = name === 'proposer (drafted it)' ? creator : await buildUser(t.db);
      await setup(user.id);
      people.push({ name, principals, client: await signedInClient(t.app, user) });
    };
    await add('outsider', async () => undefined, () => []);
    await add('council secretariat', (id) => addCouncilRole(t.db, council.id, id, 'secretariat'), () => ['council_secretariat']);
    await add('SC co-chair', (id) => addCouncilRole(t.db, council.id, id, 'sc_co_chair'), () => ['sc_co_chair']);
    await add('SC member of another committee', (id) => addCouncilRole(t.db, council.id, id, 'sc_member', byCode.JP?.id), () => ['sc_member']);
    await add('SC member of the proposing committee', (id) => addCouncilRole(t.db, council.id, id, 'sc_member', KR), (g) => (g.isSubGroup ? ['sc_member'] : ['sc_member', 'proposer']));
    await add('proposer (drafted it)', async () => undefined, (g) => (g.isSubGroup ? [] : ['proposer']));
    await add('parent co-chair', (id) => addMember(t.db, parent.id, id, 'co_chair', KR), (g) => (g.isSubGroup ? ['parent_co_chair'] : []));
    for (const role of GROUP_ROLES) {
      await add(
        `group ${role}`,
        async (id) => {
          for (const g of groups) await addMember(t.db, ids.get(g.slug) as string, id, role as GroupRole, role === 'observer' ? null : KR);
        },
        () => [role],
      );
    }
    await t.app.changes.sync();

    for (const person of people) {
      const list = (await person.client.get('/api/study-groups?pageSize=100')).json();
      const listed = new Set(list.items.map((g: { slug: string }) => g.slug));
      for (const g of groups) {
        const expected = can(new Set(person.principals(g)), 'group.view', g);
        const overview = await person.client.get(`/api/study-groups/${g.slug}`);
        expect(overview.statusCode, `${person.name} → ${g.status}${g.isSubGroup ? ' sub-group' : ''} (overview)`).toBe(expected ? 200 : 404);
        expect(listed.has(g.slug), `${person.name} → ${g.status}${g.isSubGroup ? ' sub-group' : ''} (list)`).toBe(expected);
      }
    }
  });
});
