import { charterTextFromPlain, type Charter } from '../../../core/charter';
import { fromLocal } from '../../../core/time';
import type { FileStorage } from '../../storage/storage';
import { paperPdf } from './demo-paper';
import { backgroundPaper, firstMeetingReport } from './first-meeting-record';
import type { Db } from '../client';
import { eq } from 'drizzle-orm';
import { auditEvents, committeeMemberships, councilRoles, councils, groupDecisions, groupInvitations, groupMemberships, files, materials, materialVersions, meetingAttendance, meetingReports, meetingSessions, meetings, memberCommittees, proposalReviews, proposalVersions, scMeetings, studyGroupCoChairs, studyGroups, users } from '../schema';
import { seedCharterTexts } from './charter';
import { cscapCommittees } from './committees';
import { seedDemoDraft } from './demo-draft';
import { seedOpenAgenda } from './open-agenda';
import { demoPeople } from './people';
import { maritimeProposal } from './second-proposal';

export const DEMO_GROUP_SLUG = 'northeast-asia-peace-and-cooperation';

/**
 * Loads the demo: CSCAP with its member committees, Steering Committee and secretariat, and
 * the seed proposal's study group with fictional participants in every role.
 */
export async function seedDemo(tx: Db, opts: { storage?: FileStorage } = {}): Promise<{ userIds: Record<string, string> }> {
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
      startedAt: new Date('2019-01-01T00:00:00Z'),
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
      region: 'northeast_asia',
      charter,
    })
    .returning();
  if (!group) throw new Error('group insert returned nothing');

  await tx.insert(studyGroupCoChairs).values(['KR', 'CN', 'JP', 'US'].map((code, position) => ({ groupId: group.id, committeeId: committeeId(code), position })));

  const membershipRows = demoPeople.flatMap((p) =>
    p.groupRoles.map((role) => ({
      groupId: group.id,
      userId: userIds[p.key] as string,
      role,
      committeeId: p.committee ? committeeId(p.committee) : null,
      // Seated when the group began its work.
      startedAt: new Date('2019-09-01T00:00:00Z'),
    })),
  );
  await tx.insert(groupMemberships).values(membershipRows);

  // The proposal: Seoul in October 2019, then China, Japan and the US, dates to be set.
  const plannedMeetings = [
    { hostCommitteeId: committeeId('KR'), city: 'Seoul', plannedMonth: '2019-10' },
    { hostCommitteeId: committeeId('CN'), city: null, plannedMonth: null },
    { hostCommitteeId: committeeId('JP'), city: null, plannedMonth: null },
    { hostCommitteeId: committeeId('US'), city: null, plannedMonth: null },
  ];
  const meetingRows = await tx
    .insert(meetings)
    .values(plannedMeetings.map((m, i) => ({ groupId: group.id, sequence: i + 1, ...m, ...(m.city === 'Seoul' ? { timeZone: 'Asia/Seoul' } : {}) })))
    .returning();
  const firstMeetingSessionIds = await seedFirstMeeting(tx, meetingRows[0] as NonNullable<(typeof meetingRows)[number]>, userIds, demoPeople, opts.storage);
  // The open agenda: the proposal's issue areas, raised by participants (observers too), taken up by the first meeting's sessions.
  const personCommittee = new Map(demoPeople.map((p) => [p.key, p.committee]));
  await seedOpenAgenda(tx, {
    groupId: group.id,
    userId: (key) => userIds[key] as string,
    committeeOf: (key) => {
      const code = personCommittee.get(key);
      return code ? committeeId(code) : null;
    },
    firstMeetingSessionIds,
  });
  // A draft of recommendations under discussion, with a named version, positions, amendments and a comment thread.
  await seedDemoDraft(tx, { groupId: group.id, userId: (key) => userIds[key] as string, committeeId });

  // How the group came to be: CSCAP-Korea's representative proposed it, the Steering
  // Committee approved it, and it became active on its start date.
  const proposer = userIds['sc-kr'] as string;
  const [scMeeting] = await tx
    .insert(scMeetings)
    .values({ councilId: council.id, number: 50, heldOn: '2019-06-03', place: 'Kuala Lumpur', note: 'Demo record: the number, date and place are illustrative.' })
    .returning();
  await tx.insert(scMeetings).values({ councilId: council.id, number: 51, heldOn: '2019-12-02', place: 'Hanoi', note: 'Demo record: the number, date and place are illustrative.' });
  if (!scMeeting) throw new Error('SC meeting insert returned nothing');
  await tx.update(studyGroups).set({ createdBy: proposer, approvedAtScMeetingId: scMeeting.id }).where(eq(studyGroups.id, group.id));
  await tx.insert(proposalVersions).values({
    groupId: group.id,
    number: 1,
    content: {
      charter,
      termStart: '2019-09-01',
      termEnd: '2021-08-31',
      proposingCommitteeId: committeeId('KR'),
      coChairCommitteeIds: ['KR', 'CN', 'JP', 'US'].map(committeeId),
      plannedMeetings,
      region: 'northeast_asia',
    },
    note: 'As submitted to the Steering Committee',
    createdBy: proposer,
    createdAt: new Date('2019-05-10T02:00:00Z'),
    submittedAt: new Date('2019-05-15T02:00:00Z'),
  });
  const secretariat = userIds.secretariat as string;
  await tx.insert(groupDecisions).values([
    { groupId: group.id, transition: 'submit', fromStatus: 'draft', toStatus: 'submitted', versionNumber: 1, decidedBy: proposer, decidedAt: new Date('2019-05-15T02:00:00Z') },
    { groupId: group.id, transition: 'approve', fromStatus: 'submitted', toStatus: 'approved', scMeetingId: scMeeting.id, versionNumber: 1, decidedBy: userIds['sc-cochair-sg'] as string, decidedAt: new Date('2019-06-03T08:00:00Z') },
    { groupId: group.id, transition: 'activate', fromStatus: 'approved', toStatus: 'active', reasons: 'The term began.', versionNumber: 1, decidedBy: secretariat, decidedAt: new Date('2019-09-01T00:00:00Z') },
  ]);
  await tx.insert(auditEvents).values([
    { actorId: proposer, action: 'proposal.created', targetType: 'study_group', targetId: group.id, groupId: group.id, data: { title: group.title }, at: new Date('2019-05-10T02:00:00Z') },
    { actorId: proposer, action: 'group.submit', targetType: 'study_group', targetId: group.id, groupId: group.id, data: { from: 'draft', to: 'submitted' }, at: new Date('2019-05-15T02:00:00Z') },
    { actorId: userIds['sc-cochair-sg'] as string, action: 'group.approve', targetType: 'study_group', targetId: group.id, groupId: group.id, data: { from: 'submitted', to: 'approved', scMeeting: 50 }, at: new Date('2019-06-03T08:00:00Z') },
    { actorId: secretariat, action: 'group.activate', targetType: 'study_group', targetId: group.id, groupId: group.id, data: { from: 'approved', to: 'active' }, at: new Date('2019-09-01T00:00:00Z') },
  ]);

  // A sub-group formed around one item of the 'Open' agenda.
  const krCoChair = userIds['kr-cochair'] as string;
  const [sub] = await tx
    .insert(studyGroups)
    .values({
      councilId: council.id,
      slug: `${DEMO_GROUP_SLUG}-trust-building`,
      title: 'Experts Group on Trust-Building Measures on the Korean Peninsula',
      kind: 'sub_group',
      parentGroupId: group.id,
      focus: 'Trust-building measures on the Korean Peninsula, one of the issues named in the proposal’s ‘Open’ principle.',
      status: 'active',
      termStart: '2019-09-01',
      termEnd: '2021-08-31',
      charter: {
        authoritative: 'en',
        texts: {
          en: charterTextFromPlain({
            title: 'Experts Group on Trust-Building Measures on the Korean Peninsula',
            shortTitle: 'Trust-Building Measures',
            introduction: ['An experts group formed under the study group to develop one component of the regional cooperation framework: trust-building measures on the Korean Peninsula.'],
            principles: [],
            format: [],
            objectives: [],
            anticipatedOutput: [],
            differsFromPrevious: [],
            keyQuestions: [],
          }),
        },
      },
      createdBy: krCoChair,
    })
    .returning();
  if (!sub) throw new Error('sub-group insert returned nothing');
  const subStart = new Date('2020-02-10T01:00:00Z');
  await tx.insert(groupMemberships).values([
    { groupId: sub.id, userId: krCoChair, role: 'co_chair', committeeId: committeeId('KR'), startedAt: subStart },
    { groupId: sub.id, userId: userIds['cn-member'] as string, role: 'member', committeeId: committeeId('CN'), startedAt: subStart },
    { groupId: sub.id, userId: userIds['us-member'] as string, role: 'member', committeeId: committeeId('US'), startedAt: subStart },
    { groupId: sub.id, userId: userIds['eu-observer'] as string, role: 'observer', committeeId: null, startedAt: subStart },
  ]);
  await tx.insert(auditEvents).values({ actorId: krCoChair, action: 'subgroup.created', targetType: 'study_group', targetId: sub.id, groupId: group.id, data: { title: sub.title }, at: new Date('2020-02-10T01:00:00Z') });

  // Membership over time: a second role, a member who left, and invitations open, expired and revoked.
  const krCoChairUser = userIds['kr-cochair'] as string;
  await tx.insert(groupMemberships).values({ groupId: group.id, userId: userIds['kr-member'] as string, role: 'rapporteur', committeeId: committeeId('KR'), startedAt: new Date('2020-02-01T00:00:00Z') });
  const [former] = await tx
    .insert(users)
    .values({ email: 'batbayar.dorj@demo.accord.example', displayName: 'Batbayar Dorj', names: { latin: 'Batbayar Dorj', latinFamily: 'Dorj' }, affiliation: 'Demo Institute for Strategic Studies, Ulaanbaatar (fictional)', memberCommitteeId: committeeId('MN'), locale: 'en', timeZone: 'Asia/Ulaanbaatar', isDemo: true })
    .returning();
  if (!former) throw new Error('user insert returned nothing');
  await tx.insert(groupMemberships).values({
    groupId: group.id,
    userId: former.id,
    role: 'member',
    committeeId: committeeId('MN'),
    startedAt: new Date('2019-09-01T00:00:00Z'),
    endedAt: new Date('2020-06-30T00:00:00Z'),
    endedBy: krCoChairUser,
  });
  const [pendingInvitee] = await tx
    .insert(users)
    .values({ email: 'saranghoi.kim@demo.accord.example', displayName: 'Kim Sarang', names: { latin: 'Kim Sarang', hangul: '김사랑', latinFamily: 'Kim', hangulFamily: '김' }, locale: 'ko', isDemo: true })
    .returning();
  if (!pendingInvitee) throw new Error('user insert returned nothing');
  const day = 86_400_000;
  await tx.insert(groupInvitations).values([
    { groupId: group.id, email: pendingInvitee.email, role: 'member', committeeId: committeeId('KR'), userId: pendingInvitee.id, invitedBy: krCoChairUser, createdAt: new Date(Date.now() - 2 * day), expiresAt: new Date(Date.now() + 12 * day) },
    { groupId: group.id, email: 'late.reply@demo.accord.example', role: 'observer', invitedBy: userIds.secretariat as string, createdAt: new Date(Date.now() - 40 * day), expiresAt: new Date(Date.now() - 26 * day) },
    { groupId: group.id, email: 'wrong.address@demo.accord.example', role: 'member', committeeId: committeeId('JP'), invitedBy: userIds['jp-cochair'] as string, createdAt: new Date(Date.now() - 10 * day), expiresAt: new Date(Date.now() + 4 * day), revokedAt: new Date(Date.now() - 9 * day) },
  ]);
  await tx.insert(auditEvents).values([
    { actorId: krCoChairUser, action: 'membership.ended', targetType: 'user', targetId: former.id, groupId: group.id, data: { roles: ['member'], removed: true }, at: new Date('2020-06-30T00:00:00Z') },
    { actorId: krCoChairUser, action: 'invitation.created', targetType: 'user', targetId: pendingInvitee.id, groupId: group.id, data: { email: pendingInvitee.email, role: 'member', committee: 'KR' }, at: new Date(Date.now() - 2 * day) },
  ]);

  // A second proposal, from CSCAP-Japan, submitted and under review.
  const jpRep = userIds['sc-jp'] as string;
  const maritime = { authoritative: 'en' as const, texts: { en: maritimeProposal } };
  const [pending] = await tx
    .insert(studyGroups)
    .values({
      councilId: council.id,
      slug: 'maritime-safety-cooperation-demo',
      title: maritimeProposal.title,
      status: 'submitted',
      termStart: '2027-03-01',
      termEnd: '2028-08-31',
      proposingCommitteeId: committeeId('JP'),
      charter: maritime,
      createdBy: jpRep,
    })
    .returning();
  if (!pending) throw new Error('proposal insert returned nothing');
  await tx.insert(studyGroupCoChairs).values(['JP', 'KR', 'AU'].map((code, position) => ({ groupId: pending.id, committeeId: committeeId(code), position })));
  await tx.insert(proposalVersions).values([
    {
      groupId: pending.id,
      number: 1,
      content: { charter: maritime, termStart: '2027-03-01', termEnd: '2028-08-31', proposingCommitteeId: committeeId('JP'), coChairCommitteeIds: ['JP', 'KR', 'AU'].map(committeeId), plannedMeetings: [{ hostCommitteeId: committeeId('JP'), city: 'Tokyo', plannedMonth: '2027-05' }, { hostCommitteeId: committeeId('AU'), city: null, plannedMonth: null }] },
      note: 'First draft',
      createdBy: jpRep,
      createdAt: new Date('2026-10-20T03:00:00Z'),
      submittedAt: new Date('2026-11-02T03:00:00Z'),
    },
  ]);
  await tx.insert(groupDecisions).values({ groupId: pending.id, transition: 'submit', fromStatus: 'draft', toStatus: 'submitted', versionNumber: 1, decidedBy: jpRep, decidedAt: new Date('2026-11-02T03:00:00Z') });
  await tx.insert(proposalReviews).values({
    groupId: pending.id,
    versionNumber: 1,
    authorId: userIds['sc-au'] as string,
    body: 'A useful proposal. Could the proposers say how observers from outside the region would take part, and whether eighteen months is enough for three meetings?',
    createdAt: new Date('2026-11-12T05:00:00Z'),
  });
  return { userIds };
}

/**
 * The first meeting as it was held (dates and venue illustrative): Seoul, two days in October
 * 2019 under the Chatham House Rule, with its timetable and who came.
 */
async function seedFirstMeeting(tx: Db, meeting: typeof meetings.$inferSelect, userIds: Record<string, string>, people: typeof demoPeople, storage: FileStorage | undefined): Promise<string[]> {
  const at = (local: string) => {
    const r = fromLocal(local, 'Asia/Seoul');
    if (!r.ok) throw new Error(`bad demo time ${local}`);
    return r.instant;
  };
  const id = (key: string) => userIds[key] as string;
  await tx
    .update(meetings)
    .set({
      title: 'First meeting: sources of insecurity in Northeast Asia',
      venue: 'Demo Conference Centre, Seoul (fictional)',
      startsAt: at('2019-10-24T09:00'),
      endsAt: at('2019-10-25T17:30'),
      plannedMonth: null,
      status: 'report_final',
      attribution: 'chatham_house',
      format: 'hybrid',
      onlineUrl: 'https://meet.example.org/accord-demo-seoul',
    })
    .where(eq(meetings.id, meeting.id));
  const sessions = [
    { title: 'Opening: the study group’s purpose and the ‘Open’ and ‘Plus’ principles', start: '2019-10-24T09:00', end: '2019-10-24T09:45', chair: 'kr-cochair', speakers: ['us-cochair'] },
    { title: 'Session 1: how the region’s security structure differs', start: '2019-10-24T10:00', end: '2019-10-24T12:30', chair: 'cn-cochair', speakers: ['kr-head', 'jp-head'] },
    { title: 'Session 2: sources of insecurity — trust on the Korean Peninsula, bilateral tensions', start: '2019-10-24T14:00', end: '2019-10-24T17:30', chair: 'jp-cochair', speakers: ['cn-head', 'us-head', 'ca-observer'] },
    { title: 'Session 3: non-traditional security — environment, transnational crime', start: '2019-10-25T09:00', end: '2019-10-25T12:00', chair: 'us-cochair', speakers: ['kr-member', 'cn-member', 'eu-observer'] },
    { title: 'Session 4: initiatives and mechanisms; what comes next', start: '2019-10-25T14:00', end: '2019-10-25T17:00', chair: 'kr-cochair', speakers: ['jp-member', 'us-member'] },
    { title: 'Closing', start: '2019-10-25T17:00', end: '2019-10-25T17:30', chair: 'kr-cochair', speakers: [] },
  ];
  const sessionRows = await tx
    .insert(meetingSessions)
    .values(sessions.map((s, i) => ({ meetingId: meeting.id, position: i + 1, title: s.title, startsAt: at(s.start), endsAt: at(s.end), chairId: id(s.chair), speakerIds: s.speakers.map(id) })))
    .returning({ id: meetingSessions.id });
  const sessionIds = sessionRows.map((r) => r.id);
  // Everyone in the group was invited; most came, some joined remotely, one could not.
  const answers: Record<string, 'in_person' | 'remote' | 'not_attending'> = { 'us-member': 'remote', 'eu-observer': 'remote', 'jp-member': 'not_attending' };
  const invited = people.filter((p) => p.groupRoles.length > 0);
  await tx.insert(meetingAttendance).values(
    invited.map((p) => {
      const response = answers[p.key] ?? 'in_person';
      return {
        meetingId: meeting.id,
        userId: id(p.key),
        invitedAt: new Date('2019-09-02T01:00:00Z'),
        invitedBy: id('secretariat'),
        response,
        respondedAt: new Date('2019-09-10T01:00:00Z'),
        attended: response === 'not_attending' ? ('absent' as const) : response,
      };
    }),
  );

  // The Co-Chairs' Report, written by the rapporteur, circulated and made final.
  await tx.insert(meetingReports).values({
    meetingId: meeting.id,
    content: firstMeetingReport,
    status: 'final',
    version: 3,
    updatedBy: id('rapporteur'),
    updatedAt: new Date('2019-11-20T02:00:00Z'),
    circulatedAt: new Date('2019-11-08T02:00:00Z'),
    finalizedAt: new Date('2019-11-20T02:00:00Z'),
  });
  // A background paper, attributed to its author (with consent).
  if (storage) {
    const bytes = paperPdf(backgroundPaper.title, backgroundPaper.paragraphs);
    const { sha256, size } = await storage.put(bytes);
    await tx.insert(files).values({ sha256, size, mimeType: 'application/pdf' }).onConflictDoNothing();
    const [material] = await tx
      .insert(materials)
      // Brought to Session 2, where trust on the Korean Peninsula was discussed.
      .values({ meetingId: meeting.id, title: backgroundPaper.title, kind: 'paper', authorId: id('kr-head'), sessionId: sessionIds[2] ?? null, createdBy: id('kr-head'), createdAt: new Date('2019-10-15T01:00:00Z') })
      .returning();
    if (!material) throw new Error('material insert returned nothing');
    await tx.insert(materialVersions).values({ materialId: material.id, number: 1, fileSha256: sha256, fileName: backgroundPaper.fileName, uploadedBy: id('kr-head'), uploadedAt: new Date('2019-10-15T01:00:00Z') });
  }
  return sessionIds;
}
