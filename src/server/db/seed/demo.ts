import type { Charter } from '../../../core/charter';
import type { Db } from '../client';
import { committeeMemberships, councilRoles, councils, groupMemberships, meetings, memberCommittees, studyGroupCoChairs, studyGroups, users } from '../schema';
import { seedCharterTexts } from './charter';
import { cscapCommittees } from './committees';
import { demoPeople } from './people';

export const DEMO_GROUP_SLUG = 'northeast-asia-peace-and-cooperation';

/**
 * Loads the demo: CSCAP with its member committees, Steering Committee and secretariat, and
 * the seed proposal's study group with fictional participants in every role.
 */
export async function seedDemo(tx: Db): Promise<{ userIds: Record<string, string> }> {
  const [council] = await tx
    .insert(councils)
    .values({
      slug: 'cscap',
      acronym: 'CSCAP',
      name: 'Council for Security Cooperation in the Asia Pacific',
      description: 'A network of national member committees for Track-2 dialogue on Asia-Pacific security.',
    })
    .returning();
  if (!council) throw new Error('council insert returned nothing');

  const committeeRows = await tx
    .insert(memberCommittees)
    .values(cscapCommittees.map((c) => ({ councilId: council.id, code: c.code, name: c.name, country: c.country, subregion: c.subregion })))
    .returning();
  const committeeId = (code: string) => {
    const row = committeeRows.find((r) => r.code === code);
    if (!row) throw new Error(`demo refers to unknown committee ${code}`);
    return row.id;
  };
  await tx.insert(committeeMemberships).values(
    cscapCommittees.map((c) => ({ committeeId: committeeId(c.code), type: c.type, validFrom: '2019-01-01' })),
  );

  const userRows = await tx
    .insert(users)
    .values(
      demoPeople.map((p) => ({
        email: p.email,
        displayName: p.displayName,
        names: p.names,
        affiliation: p.affiliation,
        memberCommitteeId: p.committee ? committeeId(p.committee) : null,
        locale: p.locale,
        timeZone: p.timeZone,
        isDemo: true,
      })),
    )
    .returning({ id: users.id, email: users.email });
  const userIds = Object.fromEntries(demoPeople.map((p) => [p.key, userRows.find((u) => u.email === p.email)?.id as string]));

  const councilRoleRows = demoPeople.flatMap((p) =>
    p.councilRoles.map((role) => ({
      councilId: council.id,
      userId: userIds[p.key] as string,
      role,
      committeeId: role === 'sc_member' && p.committee ? committeeId(p.committee) : null,
    })),
  );
  if (councilRoleRows.length) await tx.insert(councilRoles).values(councilRoleRows);

  const charter: Charter = { authoritative: 'en', texts: seedCharterTexts };
  const [group] = await tx
    .insert(studyGroups)
    .values({
      councilId: council.id,
      slug: DEMO_GROUP_SLUG,
      title: seedCharterTexts.en.title,
      status: 'active',
      termStart: '2019-09-01',
      termEnd: '2021-08-31',
      proposingCommitteeId: committeeId('KR'),
      charter,
    })
    .returning();
  if (!group) throw new Error('group insert returned nothing');

  await tx.insert(studyGroupCoChairs).values(['KR', 'CN', 'JP', 'US'].map((code, position) => ({ groupId: group.id, committeeId: committeeId(code), position })));

  const membershipRows = demoPeople.flatMap((p) =>
    p.groupRoles.map((role) => ({ groupId: group.id, userId: userIds[p.key] as string, role, committeeId: p.committee ? committeeId(p.committee) : null })),
  );
  await tx.insert(groupMemberships).values(membershipRows);

  // The proposal: Seoul in October 2019, then China, Japan and the US, dates to be set.
  await tx.insert(meetings).values([
    { groupId: group.id, sequence: 1, hostCommitteeId: committeeId('KR'), city: 'Seoul', timeZone: 'Asia/Seoul', plannedMonth: '2019-10' },
    { groupId: group.id, sequence: 2, hostCommitteeId: committeeId('CN') },
    { groupId: group.id, sequence: 3, hostCommitteeId: committeeId('JP') },
    { groupId: group.id, sequence: 4, hostCommitteeId: committeeId('US') },
  ]);
  return { userIds };
}
