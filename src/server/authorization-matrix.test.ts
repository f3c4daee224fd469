import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charterTextFromPlain } from '../core/charter';
import { can, type GroupAction, type Principal } from '../core/policies';
import type { ProposalContent } from '../core/proposals';
import { GROUP_ROLES, type GroupRole, type StudyGroupStatus } from '../core/roles';
import { blocksOfState, stateFromParagraphs } from './collaboration/ydoc';
import { rowsOf } from './db/client';
import { agendaItems, councilRoles, drafts, draftVersions, groupInvitations, groupMemberships, meetingAttendance, meetingReports, meetings, meetingSessions, proposalVersions, scMeetings, silenceProcedures, studyGroups, users } from './db/schema';
import { minimalPdf } from './storage/test-files';
import { docFromParagraphs } from '../core/rich-text';
import { createTestContext, TestClient, type TestContext } from './test/context';
import { fingerprint as fingerprintOf } from './test/fingerprint';
import { addCouncilRole, addMember, buildCouncil, buildMeeting, buildStudyGroup, buildUser, signedInClient } from './test/factories';

/**
 * Every route of issue #3, called by every kind of actor. Allowed means 2xx; forbidden means
 * 401 (signed out), 403 or 404, and the database is exactly as before. What is allowed is
 * read from the role-and-action table itself, so a route that ignores the table fails here.
 */
let t: TestContext;
let council: Awaited<ReturnType<typeof buildCouncil>>;

type ActorKind = 'signed out' | 'outsider' | 'member of another group' | 'proposer' | 'SC member' | 'SC co-chair' | 'council secretariat' | 'administrator' | GroupRole;
const ACTORS: ActorKind[] = ['signed out', 'outsider', 'member of another group', 'proposer', 'SC member', 'SC co-chair', 'council secretariat', 'administrator', ...GROUP_ROLES];

interface Person {
  id: string | null;
  client: TestClient;
}
const people = new Map<ActorKind, Person>();

function principalsOf(kind: ActorKind): Set<Principal> {
  switch (kind) {
    case 'signed out':
    case 'outsider':
    case 'member of another group':
      return new Set();
    case 'proposer':
      return new Set(['proposer', 'sc_member']);
    case 'SC member':
      return new Set(['sc_member']);
    case 'SC co-chair':
      return new Set(['sc_co_chair']);
    case 'council secretariat':
      return new Set(['council_secretariat']);
    case 'administrator':
      return new Set(['admin']);
    default:
      return new Set([kind]);
  }
}

const KR = () => council.byCode.KR?.id as string;
const JP = () => council.byCode.JP?.id as string;

/** A fresh group in `status`, with every group-role actor in it and the proposer behind it. */
async function fixtureGroup(status: StudyGroupStatus) {
  const group = await buildStudyGroup(t.db, { councilId: council.council.id, status, coChairCommitteeIds: [KR(), JP()] });
  await t.db.update(studyGroups).set({ proposingCommitteeId: KR() }).where(eq(studyGroups.id, group.id));
  const content: ProposalContent = {
    charter: { authoritative: 'en', texts: { en: charterTextFromPlain({ title: group.title, shortTitle: group.title, introduction: ['x'], principles: [], format: [], objectives: [], anticipatedOutput: [], differsFromPrevious: [], keyQuestions: [] }) } },
    termStart: group.termStart,
    termEnd: group.termEnd,
    proposingCommitteeId: KR(),
    coChairCommitteeIds: [KR(), JP()],
    plannedMeetings: [],
  };
  await t.db.insert(proposalVersions).values({ groupId: group.id, number: 1, content, submittedAt: status === 'draft' ? null : new Date() });
  const meeting = await buildMeeting(t.db, { groupId: group.id });
  const [session] = await t.db
    .insert(meetingSessions)
    .values({ meetingId: meeting.id, position: 1, title: 'Opening', startsAt: new Date('2027-03-10T00:30:00Z'), endsAt: new Date('2027-03-10T01:30:00Z') })
    .returning();
  for (const role of GROUP_ROLES) {
    const person = people.get(role);
    if (person?.id) await addMember(t.db, group.id, person.id, role, role === 'observer' ? null : role === 'co_chair' ? KR() : JP());
  }
  return { group, content, meeting, session: session as NonNullable<typeof session> };
}

/** Everything stored, as one fingerprint per table (sessions and token use excepted). */
const fingerprint = () => fingerprintOf(t.db);

interface SpecRequest {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Spec {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** What the route needs, from the table; 'signed in' for what every signed-in person may do. */
  needs: GroupAction | 'signed in' | 'council.manage' | 'proposal.create';
  status?: StudyGroupStatus;
  request: (fx: Awaited<ReturnType<typeof fixtureGroup>>, person: Person) => Promise<SpecRequest> | SpecRequest;
  /** Besides the table, a condition of the route (e.g. a report in drafting is read only by its writers). */
  alsoNeeds?: (kind: ActorKind, status: StudyGroupStatus) => boolean;
}

const g = (fx: { group: { slug: string } }, rest = '') => `/api/study-groups/${fx.group.slug}${rest}`;
const c = (rest = '') => `/api/councils/${council.council.slug}${rest}`;
let membershipChanges = 0;

/** A multipart body as a browser sends it. */
function multipart(fields: Record<string, string>, file: { name: string; bytes: Uint8Array }): { body: Buffer; headers: Record<string, string> } {
  const boundary = `----AccordMatrix${randomUUID().replace(/-/g, '')}`;
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`), Buffer.from(file.bytes), Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A paper on the fixture's meeting, uploaded by the administrator (so nobody else owns it). */
async function uploaded(fx: { group: { slug: string }; meeting: { id: string } }): Promise<string> {
  const admin = people.get('administrator') as Person;
  const { body, headers } = multipart({ title: 'Background paper', kind: 'paper' }, { name: 'background.pdf', bytes: minimalPdf() });
  const res = await admin.client.request('POST', g(fx, `/meetings/${fx.meeting.id}/materials`), body, headers);
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.body}`);
  return res.json().id as string;
}

/** Marks the fixture's meeting as held, so its report may be written. */
async function convened(fx: { meeting: { id: string } }): Promise<string> {
  await t.db.update(meetings).set({ status: 'convened' }).where(eq(meetings.id, fx.meeting.id));
  return fx.meeting.id;
}
/** An open agenda item of the fixture's group that nobody in the matrix raised. */
let agendaNumber = 0;
async function agendaItem(fx: { group: { id: string } }): Promise<string> {
  const [row] = await t.db.insert(agendaItems).values({ groupId: fx.group.id, number: ++agendaNumber, title: 'Maritime confidence-building', lang: 'en' }).returning({ id: agendaItems.id });
  return row?.id as string;
}
/** A live draft in the fixture's group, started by nobody in particular. */
async function drafted(fx: { group: { id: string } }): Promise<string> {
  const [row] = await t.db.insert(drafts).values({ groupId: fx.group.id, number: 1, title: 'Recommendations', lang: 'en', state: stateFromParagraphs(['Establish hotlines.']) }).returning({ id: drafts.id });
  return row?.id as string;
}
/** A live draft with a named version 1 holding one recommendation (#5 parts 6-7), and that recommendation's uid. */
async function versioned(fx: { group: { id: string } }): Promise<{ draftId: string; uid: string; versionId: string }> {
  const draftId = await drafted(fx);
  const state = stateFromParagraphs([{ text: 'Establish hotlines.', kind: 'recommendation' }]);
  const blocks = blocksOfState(state);
  const [v] = await t.db.insert(draftVersions).values({ draftId, number: 1, name: 'For circulation', state, blocks }).returning({ id: draftVersions.id });
  return { draftId, uid: blocks[0]?.uid as string, versionId: v?.id as string };
}
/** The same, under a silence procedure that runs for another day. */
async function underSilence(fx: { group: { id: string } }): Promise<string> {
  const { draftId, versionId } = await versioned(fx);
  await t.db.insert(silenceProcedures).values({ draftId, versionId, deadline: new Date(Date.now() + 86_400_000) });
  return draftId;
}
const uniqueEmail = () => `invitee-${randomUUID().slice(0, 8)}@example.test`;

const SPECS: Spec[] = [
  { name: 'list councils', method: 'GET', needs: 'signed in', request: () => ({ url: '/api/councils' }) },
  { name: 'read the council', method: 'GET', needs: 'signed in', request: () => ({ url: c() }) },
  { name: 'list committees', method: 'GET', needs: 'signed in', request: () => ({ url: c('/committees') }) },
  { name: 'read a committee', method: 'GET', needs: 'signed in', request: () => ({ url: c('/committees/KR') }) },
  { name: 'list SC meetings', method: 'GET', needs: 'signed in', request: () => ({ url: c('/sc-meetings') }) },
  { name: 'find people for a council role', method: 'GET', needs: 'council.manage', request: () => ({ url: c('/people?q=person') }) },
  { name: 'add a committee', method: 'POST', needs: 'council.manage', request: () => ({ url: c('/committees'), body: { code: `Z${randomUUID().slice(0, 4)}`.toUpperCase(), name: 'New Committee', subregion: 'test', type: 'associate', validFrom: '2026-01-01' } }) },
  { name: 'edit a committee', method: 'PATCH', needs: 'council.manage', request: () => ({ url: c('/committees/CA'), body: { hostInstitution: `Institute ${randomUUID().slice(0, 6)}` } }) },
  {
    name: 'change a membership type',
    method: 'POST',
    needs: 'council.manage',
    // Each call a later date and the other type, so an allowed call is always a real change.
    request: () => {
      membershipChanges++;
      return { url: c('/committees/CN/memberships'), body: { type: membershipChanges % 2 ? 'associate' : 'full', validFrom: `${2100 + membershipChanges}-01-01` } };
    },
  },
  { name: 'record an SC meeting', method: 'POST', needs: 'council.manage', request: () => ({ url: c('/sc-meetings'), body: { number: 1000 + ++membershipChanges, heldOn: '2026-06-01', place: 'Seoul' } }) },
  {
    name: 'assign a council role',
    method: 'POST',
    needs: 'council.manage',
    request: async () => ({ url: c('/roles'), body: { userId: (await buildUser(t.db)).id, role: 'secretariat' } }),
  },
  { name: 'draft a proposal', method: 'POST', needs: 'proposal.create', request: (fx) => ({ url: c('/proposals'), body: { content: { ...fx.content, proposingCommitteeId: KR() } } }) },
  { name: 'list study groups', method: 'GET', needs: 'signed in', request: () => ({ url: '/api/study-groups' }) },
  { name: 'read a draft', method: 'GET', needs: 'group.view', status: 'draft', request: (fx) => ({ url: g(fx) }) },
  { name: 'read an active group', method: 'GET', needs: 'group.view', status: 'active', request: (fx) => ({ url: g(fx) }) },
  { name: 'read the proposal', method: 'GET', needs: 'group.view', status: 'submitted', request: (fx) => ({ url: g(fx, '/proposal') }) },
  { name: 'read a proposal version', method: 'GET', needs: 'group.view', status: 'submitted', request: (fx) => ({ url: g(fx, '/proposal/versions/1') }) },
  { name: 'save a new version', method: 'PUT', needs: 'proposal.edit', status: 'draft', request: (fx) => ({ url: g(fx, '/proposal'), body: { content: fx.content, baseVersion: 1 } }) },
  { name: 'submit', method: 'POST', needs: 'proposal.submit', status: 'draft', request: (fx) => ({ url: g(fx, '/transitions'), body: { transition: 'submit' } }) },
  { name: 'withdraw', method: 'POST', needs: 'proposal.withdraw', status: 'submitted', request: (fx) => ({ url: g(fx, '/transitions'), body: { transition: 'withdraw' } }) },
  { name: 'approve', method: 'POST', needs: 'proposal.decide', status: 'submitted', request: (fx) => ({ url: g(fx, '/transitions'), body: { transition: 'approve', scMeetingNumber: 7 } }) },
  { name: 'activate', method: 'POST', needs: 'group.activate', status: 'approved', request: (fx) => ({ url: g(fx, '/transitions'), body: { transition: 'activate' } }) },
  { name: 'extend', method: 'POST', needs: 'group.extend', status: 'active', request: (fx) => ({ url: g(fx, '/transitions'), body: { transition: 'extend', scMeetingNumber: 7, termEnd: '2099-12-31' } }) },
  { name: 'begin to conclude', method: 'POST', needs: 'group.conclude', status: 'active', request: (fx) => ({ url: g(fx, '/transitions'), body: { transition: 'begin_conclusion' } }) },
  { name: 'read the review', method: 'GET', needs: 'reviews.view', status: 'submitted', request: (fx) => ({ url: g(fx, '/reviews') }) },
  { name: 'comment in review', method: 'POST', needs: 'proposal.review', status: 'submitted', request: (fx) => ({ url: g(fx, '/reviews'), body: { body: 'A comment.' } }) },
  { name: 'start a follow-on', method: 'POST', needs: 'followon.create', status: 'concluded', request: (fx) => ({ url: g(fx, '/follow-on') }) },
  { name: 'read the lineage', method: 'GET', needs: 'group.view', status: 'active', request: (fx) => ({ url: g(fx, '/lineage') }) },
  { name: 'read the timeline', method: 'GET', needs: 'group.view', status: 'active', request: (fx) => ({ url: g(fx, '/timeline') }) },
  { name: 'form a sub-group', method: 'POST', needs: 'subgroup.create', status: 'active', request: (fx) => ({ url: g(fx, '/sub-groups'), body: { title: 'Experts Group', focus: 'One idea.' } }) },
  { name: 'read the audit trail', method: 'GET', needs: 'audit.view', status: 'active', request: (fx) => ({ url: g(fx, '/audit') }) },
  { name: 'list meetings', method: 'GET', needs: 'group.view', status: 'active', request: (fx) => ({ url: g(fx, '/meetings') }) },
  { name: 'read a meeting', method: 'GET', needs: 'group.view', status: 'active', request: (fx) => ({ url: g(fx, `/meetings/${fx.meeting.id}`) }) },
  { name: 'plan a meeting', method: 'POST', needs: 'meetings.manage', status: 'active', request: (fx) => ({ url: g(fx, '/meetings'), body: { timeZone: 'Asia/Tokyo', city: 'Tokyo', start: '2027-06-01T09:00', end: '2027-06-02T17:00' } }) },
  { name: 'change a meeting', method: 'PATCH', needs: 'meetings.manage', status: 'active', request: (fx) => ({ url: g(fx, `/meetings/${fx.meeting.id}`), body: { venue: 'Hall B', version: fx.meeting.version } }) },
  { name: 'postpone a meeting', method: 'POST', needs: 'meetings.manage', status: 'active', request: (fx) => ({ url: g(fx, `/meetings/${fx.meeting.id}/transitions`), body: { transition: 'postpone', reason: 'Weather.' } }) },
  { name: 'add a session', method: 'POST', needs: 'meetings.manage', status: 'active', request: (fx) => ({ url: g(fx, `/meetings/${fx.meeting.id}/sessions`), body: { title: 'Second', start: '2027-03-10T11:00', end: '2027-03-10T12:00' } }) },
  { name: 'retime a session', method: 'PATCH', needs: 'meetings.manage', status: 'active', request: (fx) => ({ url: g(fx, `/meetings/${fx.meeting.id}/sessions/${fx.session.id}`), body: { end: '2027-03-10T11:00' } }) },
  { name: 'remove a session', method: 'DELETE', needs: 'meetings.manage', status: 'active', request: (fx) => ({ url: g(fx, `/meetings/${fx.meeting.id}/sessions/${fx.session.id}`) }) },
  { name: 'move sessions by dragging', method: 'PUT', needs: 'meetings.manage', status: 'active', request: (fx) => ({ url: g(fx, `/meetings/${fx.meeting.id}/sessions/schedule`), body: { sessions: [{ id: fx.session.id, start: '2027-03-10T13:00', end: '2027-03-10T14:00' }] } }) },
  { name: 'reorder sessions', method: 'PUT', needs: 'meetings.manage', status: 'active', request: (fx) => ({ url: g(fx, `/meetings/${fx.meeting.id}/sessions/order`), body: { ids: [fx.session.id] } }) },
  { name: 'invite to a meeting', method: 'POST', needs: 'meetings.manage', status: 'active', request: (fx) => ({ url: g(fx, `/meetings/${fx.meeting.id}/attendance/invitations`), body: { all: true } }) },
  { name: 'read attendance', method: 'GET', needs: 'group.view', status: 'active', request: (fx) => ({ url: g(fx, `/meetings/${fx.meeting.id}/attendance`) }) },
  {
    name: 'answer a meeting invitation',
    method: 'PUT',
    needs: 'meetings.attend',
    status: 'active',
    // Everyone who could answer is invited first, so only the table decides.
    request: async (fx, person) => {
      if (person.id) await t.db.insert(meetingAttendance).values({ meetingId: fx.meeting.id, userId: person.id }).onConflictDoNothing();
      return { url: g(fx, `/meetings/${fx.meeting.id}/attendance/me`), body: { response: 'remote' } };
    },
  },
  {
    name: 'record attendance',
    method: 'PUT',
    needs: 'meetings.manage',
    status: 'active',
    request: async (fx) => {
      await t.db.insert(meetingAttendance).values({ meetingId: fx.meeting.id, userId: people.get('member')?.id as string }).onConflictDoNothing();
      return { url: g(fx, `/meetings/${fx.meeting.id}/attendance/${people.get('member')?.id}/attended`), body: { attended: 'in_person' } };
    },
  },
  { name: 'list materials', method: 'GET', needs: 'group.view', status: 'active', request: (fx) => ({ url: g(fx, `/meetings/${fx.meeting.id}/materials`) }) },
  {
    name: 'add a paper',
    method: 'POST',
    needs: 'materials.add',
    status: 'active',
    request: (fx) => ({ url: g(fx, `/meetings/${fx.meeting.id}/materials`), ...multipart({ title: 'A paper', kind: 'paper' }, { name: 'paper.pdf', bytes: minimalPdf() }) }),
  },
  { name: 'list a paper’s versions', method: 'GET', needs: 'group.view', status: 'active', request: async (fx) => ({ url: g(fx, `/meetings/${fx.meeting.id}/materials/${await uploaded(fx)}/versions`) }) },
  { name: 'download a paper', method: 'GET', needs: 'group.view', status: 'active', request: async (fx) => ({ url: g(fx, `/meetings/${fx.meeting.id}/materials/${await uploaded(fx)}/versions/1/file`) }) },
  {
    name: 'add a version of a paper',
    method: 'POST',
    // The uploader (the administrator here) or a meeting manager; the table's materials.add alone is not enough.
    needs: 'meetings.manage',
    status: 'active',
    request: async (fx) => ({ url: g(fx, `/meetings/${fx.meeting.id}/materials/${await uploaded(fx)}/versions`), ...multipart({}, { name: 'paper-v2.pdf', bytes: minimalPdf('second') }) }),
  },
  { name: 'withdraw a paper', method: 'DELETE', needs: 'meetings.manage', status: 'active', request: async (fx) => ({ url: g(fx, `/meetings/${fx.meeting.id}/materials/${await uploaded(fx)}`) }) },
  {
    name: 'read a report in drafting',
    method: 'GET',
    needs: 'group.view',
    status: 'active',
    request: async (fx) => ({ url: g(fx, `/meetings/${await convened(fx)}/report`) }),
    // While drafting, only those who write or approve it read it.
    alsoNeeds: (kind, status) => can(principalsOf(kind), 'report.write', { status, isSubGroup: false }) || can(principalsOf(kind), 'report.approve', { status, isSubGroup: false }),
  },
  { name: 'write the report', method: 'PUT', needs: 'report.write', status: 'active', request: async (fx) => ({ url: g(fx, `/meetings/${await convened(fx)}/report`), body: { content: docFromParagraphs(['The participants discussed the sources of insecurity.']), baseVersion: 0 } }) },
  {
    name: 'circulate the report',
    method: 'POST',
    needs: 'report.approve',
    status: 'active',
    request: async (fx) => {
      await convened(fx);
      await t.db.insert(meetingReports).values({ meetingId: fx.meeting.id, content: docFromParagraphs(['The participants discussed the sources of insecurity.']) });
      await t.db.update(meetings).set({ status: 'report_drafting' }).where(eq(meetings.id, fx.meeting.id));
      return { url: g(fx, `/meetings/${fx.meeting.id}/report/transitions`), body: { transition: 'circulate' } };
    },
  },
  { name: 'read the open agenda', method: 'GET', needs: 'group.view', status: 'active', request: (fx) => ({ url: g(fx, '/agenda') }) },
  { name: 'read an agenda item', method: 'GET', needs: 'group.view', status: 'active', request: async (fx) => ({ url: g(fx, `/agenda/${await agendaItem(fx)}`) }) },
  { name: 'raise an agenda item', method: 'POST', needs: 'agenda.propose', status: 'active', request: (fx) => ({ url: g(fx, '/agenda'), body: { title: 'Transnational crime at sea', lang: 'en' } }) },
  // Someone else's item: only those who keep the agenda change, close or reopen it.
  { name: 'change an agenda item', method: 'PATCH', needs: 'agenda.manage', status: 'active', request: async (fx) => ({ url: g(fx, `/agenda/${await agendaItem(fx)}`), body: { title: 'Maritime confidence-building measures', version: 1 } }) },
  { name: 'close an agenda item', method: 'POST', needs: 'agenda.manage', status: 'active', request: async (fx) => ({ url: g(fx, `/agenda/${await agendaItem(fx)}/transitions`), body: { transition: 'close', reason: 'Merged.', version: 1 } }) },
  {
    name: 'link an agenda item to a session',
    method: 'PATCH',
    needs: 'meetings.manage',
    status: 'active',
    request: async (fx) => ({ url: g(fx, `/meetings/${fx.meeting.id}/sessions/${fx.session.id}`), body: { agendaItemIds: [await agendaItem(fx)] } }),
  },
  { name: 'list drafts', method: 'GET', needs: 'drafts.view', status: 'active', request: (fx) => ({ url: g(fx, '/drafts') }) },
  { name: 'start a draft', method: 'POST', needs: 'drafts.create', status: 'active', request: (fx) => ({ url: g(fx, '/drafts'), body: { title: 'Recommendations on hotlines', lang: 'en', paragraphs: ['Establish hotlines.'] } }) },
  { name: 'read a live draft', method: 'GET', needs: 'drafts.view', status: 'active', request: async (fx) => ({ url: g(fx, `/drafts/${await drafted(fx)}`) }) },
  { name: 'read a live draft’s text', method: 'GET', needs: 'drafts.view', status: 'active', request: async (fx) => ({ url: g(fx, `/drafts/${await drafted(fx)}/text`) }) },
  { name: 'rename a draft', method: 'PATCH', needs: 'drafts.edit', status: 'active', request: async (fx) => ({ url: g(fx, `/drafts/${await drafted(fx)}`), body: { title: 'Recommendations, renamed', version: 1 } }) },
  { name: 'read the positions matrix', method: 'GET', needs: 'drafts.view', status: 'active', request: async (fx) => ({ url: g(fx, `/drafts/${(await versioned(fx)).draftId}/consensus`) }) },
  {
    name: 'record a delegation’s position',
    method: 'PUT',
    needs: 'drafts.position',
    status: 'active',
    request: async (fx) => {
      const { draftId, uid } = await versioned(fx);
      return { url: g(fx, `/drafts/${draftId}/versions/1/positions/${uid}`), body: { position: 'support', version: 0 } };
    },
    // The table grants it to administrators too, but a position is a delegation's: only its head records it.
    alsoNeeds: (kind) => kind === 'delegation_head',
  },
  {
    name: 'declare a recommendation’s outcome',
    method: 'PUT',
    needs: 'drafts.decide',
    status: 'active',
    request: async (fx) => {
      const { draftId, uid } = await versioned(fx);
      return { url: g(fx, `/drafts/${draftId}/recommendations/${uid}/outcome`), body: { outcome: 'dropped', version: 0 } };
    },
  },
  { name: 'read the footnotes', method: 'GET', needs: 'drafts.view', status: 'active', request: async (fx) => ({ url: g(fx, `/drafts/${(await versioned(fx)).draftId}/footnotes`) }) },
  { name: 'read silence procedures', method: 'GET', needs: 'drafts.view', status: 'active', request: async (fx) => ({ url: g(fx, `/drafts/${await underSilence(fx)}/silence`) }) },
  {
    name: 'start a silence procedure',
    method: 'POST',
    needs: 'drafts.decide',
    status: 'active',
    request: async (fx) => ({ url: g(fx, `/drafts/${(await versioned(fx)).draftId}/silence`), body: { version: 1, deadline: new Date(Date.now() + 7 * 86_400_000).toISOString() } }),
  },
  // An amendment breaks silence (participants); an objection is a delegation head's (drafts.position, as above).
  { name: 'break silence with an amendment', method: 'POST', needs: 'drafts.amend', status: 'active', request: async (fx) => ({ url: g(fx, `/drafts/${await underSilence(fx)}/silence/breaks`), body: { kind: 'amendment', reason: 'Add the Pacific.', version: 1 } }) },
  { name: 'withdraw a silence procedure', method: 'POST', needs: 'drafts.decide', status: 'active', request: async (fx) => ({ url: g(fx, `/drafts/${await underSilence(fx)}/silence/cancel`) }) },
  { name: 'list members', method: 'GET', needs: 'group.view', status: 'active', request: (fx) => ({ url: g(fx, '/members') }) },
  { name: 'invite', method: 'POST', needs: 'members.invite', status: 'active', request: (fx) => ({ url: g(fx, '/invitations'), body: { email: uniqueEmail(), displayName: 'Invited Person', role: 'member', committeeCode: 'CN' } }) },
  {
    name: 'revoke an invitation',
    method: 'DELETE',
    needs: 'members.manage',
    status: 'active',
    request: async (fx) => {
      const [inv] = await t.db
        .insert(groupInvitations)
        .values({ groupId: fx.group.id, email: uniqueEmail(), role: 'member', committeeId: KR(), expiresAt: new Date(Date.now() + 86_400_000) })
        .returning();
      return { url: g(fx, `/invitations/${inv?.id}`) };
    },
  },
  {
    name: 'end a council role',
    method: 'DELETE',
    needs: 'council.manage',
    request: async () => {
      const user = await buildUser(t.db);
      const [role] = await t.db.insert(councilRoles).values({ councilId: council.council.id, userId: user.id, role: 'secretariat' }).returning();
      return { url: c(`/roles/${role?.id}`) };
    },
  },
  { name: 'list invitations', method: 'GET', needs: 'members.manage', status: 'active', request: (fx) => ({ url: g(fx, '/invitations') }) },
  {
    name: 'give a member another role',
    method: 'POST',
    needs: 'members.manage',
    status: 'active',
    request: (fx) => ({ url: g(fx, `/members/${people.get('member')?.id}/roles`), body: { role: 'rapporteur' } }),
  },
  { name: 'end one role', method: 'DELETE', needs: 'members.manage', status: 'active', request: (fx) => ({ url: g(fx, `/members/${people.get('rapporteur')?.id}/roles/rapporteur`) }) },
  { name: 'remove a member', method: 'DELETE', needs: 'members.manage', status: 'active', request: (fx) => ({ url: g(fx, `/members/${people.get('delphi_facilitator')?.id}`) }) },
  // Versions, amendments and comments on a draft (#5 parts 3-5).
  { name: 'list a draft’s versions', method: 'GET', needs: 'drafts.view', status: 'active', request: async (fx) => ({ url: g(fx, `/drafts/${(await named(fx)).draftId}/versions`) }) },
  { name: 'name a version', method: 'POST', needs: 'drafts.decide', status: 'active', request: async (fx) => ({ url: g(fx, `/drafts/${await drafted(fx)}/versions`), body: { name: 'Draft for the Tokyo meeting' } }) },
  { name: 'read a version', method: 'GET', needs: 'drafts.view', status: 'active', request: async (fx) => ({ url: g(fx, `/drafts/${(await named(fx)).draftId}/versions/1`) }) },
  { name: 'compare versions', method: 'GET', needs: 'drafts.view', status: 'active', request: async (fx) => ({ url: g(fx, `/drafts/${(await named(fx)).draftId}/versions/compare?from=1&to=live`) }) },
  { name: 'restore a version', method: 'POST', needs: 'drafts.decide', status: 'active', request: async (fx) => ({ url: g(fx, `/drafts/${(await named(fx)).draftId}/versions/1/restore`) }) },
  { name: 'list amendments', method: 'GET', needs: 'drafts.view', status: 'active', request: async (fx) => ({ url: g(fx, `/drafts/${(await amended(fx, null)).draftId}/amendments`) }) },
  {
    name: 'propose an amendment',
    method: 'POST',
    needs: 'drafts.amend',
    status: 'active',
    request: async (fx) => {
      const { draftId, versionId, uid } = await named(fx);
      return { url: g(fx, `/drafts/${draftId}/amendments`), body: { versionId, blockUid: uid, proposedText: 'Establish naval hotlines.', rationale: 'Navies meet at sea.' } };
    },
    // An amendment is proposed on behalf of one's delegation: administrators sit in none (403 amendment.no_delegation).
    alsoNeeds: (kind) => kind !== 'administrator',
  },
  {
    name: 'accept an amendment',
    method: 'POST',
    needs: 'drafts.decide',
    status: 'active',
    request: async (fx) => {
      const { draftId, amendmentId } = await amended(fx, null);
      return { url: g(fx, `/drafts/${draftId}/amendments/${amendmentId}/accept`), body: { version: 1 } };
    },
  },
  {
    name: 'reject an amendment',
    method: 'POST',
    needs: 'drafts.decide',
    status: 'active',
    request: async (fx) => {
      const { draftId, amendmentId } = await amended(fx, null);
      return { url: g(fx, `/drafts/${draftId}/amendments/${amendmentId}/reject`), body: { version: 1, reason: 'Hotlines exist already.' } };
    },
  },
  {
    name: 'merge amendments',
    method: 'POST',
    needs: 'drafts.decide',
    status: 'active',
    request: async (fx) => {
      const first = await amended(fx, null);
      const second = await amended(fx, null, first);
      return {
        url: g(fx, `/drafts/${first.draftId}/amendments/merge`),
        body: { amendments: [{ id: first.amendmentId, version: 1 }, { id: second.amendmentId, version: 1 }], proposedText: 'Establish naval and air hotlines.', rationale: 'Both points.' },
      };
    },
  },
  {
    name: 'withdraw one’s amendment',
    method: 'POST',
    needs: 'drafts.amend',
    status: 'active',
    request: async (fx, person) => {
      const { draftId, amendmentId } = await amended(fx, person.id);
      return { url: g(fx, `/drafts/${draftId}/amendments/${amendmentId}/withdraw`), body: { version: 1 } };
    },
  },
  { name: 'list comment threads', method: 'GET', needs: 'drafts.view', status: 'active', request: async (fx) => ({ url: g(fx, `/drafts/${(await commented(fx, null)).draftId}/comments`) }) },
  {
    name: 'comment on a draft',
    method: 'POST',
    needs: 'drafts.comment',
    status: 'active',
    request: async (fx) => {
      const { draftId, uid } = await named(fx);
      return { url: g(fx, `/drafts/${draftId}/comments`), body: { blockUid: uid, start: 10, end: 18, body: 'Which hotlines?' } };
    },
  },
  {
    name: 'reply to a comment',
    method: 'POST',
    needs: 'drafts.comment',
    status: 'active',
    request: async (fx) => {
      const { draftId, threadId } = await commented(fx, null);
      return { url: g(fx, `/drafts/${draftId}/comments/${threadId}/replies`), body: { body: 'Between capitals.' } };
    },
  },
  {
    name: 'resolve one’s comment thread',
    method: 'POST',
    needs: 'drafts.comment',
    status: 'active',
    request: async (fx, person) => {
      const { draftId, threadId } = await commented(fx, person.id);
      return { url: g(fx, `/drafts/${draftId}/comments/${threadId}/resolve`) };
    },
  },
  {
    name: 'reopen one’s comment thread',
    method: 'POST',
    needs: 'drafts.comment',
    status: 'active',
    request: async (fx, person) => {
      const { draftId, threadId } = await commented(fx, person.id, true);
      return { url: g(fx, `/drafts/${draftId}/comments/${threadId}/reopen`) };
    },
  },
];

/** A live draft with version 1 named by the administrator (so nobody else owns it), and its paragraph's uid. */
async function named(fx: { group: { id: string; slug: string } }): Promise<{ draftId: string; versionId: string; uid: string }> {
  const draftId = await drafted(fx);
  const res = await (people.get('administrator') as Person).client.post(g(fx, `/drafts/${draftId}/versions`), { name: 'For the matrix' });
  if (res.statusCode !== 201) throw new Error(`naming a version failed: ${res.body}`);
  const version = res.json() as { id: string; blocks: { uid: string }[] };
  return { draftId, versionId: version.id, uid: version.blocks[0]?.uid as string };
}
/** An open amendment to that paragraph, proposed by `by` (or by nobody in particular); a second one joins the first's draft. */
async function amended(fx: { group: { id: string; slug: string } }, by: string | null, on?: { draftId: string; versionId: string; uid: string }) {
  const base = on ?? (await named(fx));
  const [row] = rowsOf<{ id: string }>(
    await t.db.execute(sql`INSERT INTO amendments (draft_id, number, version_id, block_uid, original_text, proposed_text, rationale, proposed_by)
      VALUES (${base.draftId}, (SELECT coalesce(max(number), 0) + 1 FROM amendments WHERE draft_id = ${base.draftId}), ${base.versionId}, ${base.uid}, 'Establish hotlines.', 'Establish naval hotlines.', 'Navies meet at sea.', ${by}) RETURNING id`),
  );
  return { ...base, amendmentId: row?.id as string };
}
/** A comment thread on that paragraph, written by `by` (or by nobody in particular), resolved if asked. */
async function commented(fx: { group: { id: string; slug: string } }, by: string | null, resolved = false) {
  const base = await named(fx);
  const [row] = rowsOf<{ id: string }>(
    await t.db.execute(sql`INSERT INTO draft_comments (draft_id, block_uid, anchor_start, anchor_end, quote, body, author_id, resolved_at)
      VALUES (${base.draftId}, ${base.uid}, 10, 18, 'hotlines', 'Which hotlines?', ${by}, ${resolved ? sql`now()` : null}) RETURNING id`),
  );
  return { ...base, threadId: row?.id as string };
}

function expectedAllowed(spec: Spec, kind: ActorKind, status: StudyGroupStatus): boolean {
  if (kind === 'signed out') return false;
  if (spec.alsoNeeds && !spec.alsoNeeds(kind, status)) return false;
  const p = principalsOf(kind);
  if (spec.needs === 'signed in') return true;
  if (spec.needs === 'council.manage') return p.has('admin') || p.has('council_secretariat');
  if (spec.needs === 'proposal.create') return ['admin', 'council_secretariat', 'sc_co_chair', 'sc_member'].some((x) => p.has(x as Principal)) && (!p.has('sc_member') || kind === 'proposer');
  return can(p, spec.needs, { status, isSubGroup: false });
}

beforeAll(async () => {
  t = await createTestContext();
  council = await buildCouncil(t.db);
  await t.db.insert(scMeetings).values({ councilId: council.council.id, number: 7, heldOn: '2026-06-01', place: 'Jakarta' });
  const other = await buildStudyGroup(t.db, { councilId: council.council.id, status: 'active' });
  const make = async (kind: ActorKind, setup: (id: string) => Promise<unknown> = async () => undefined, attrs: { isAdmin?: boolean } = {}) => {
    if (kind === 'signed out') {
      people.set(kind, { id: null, client: new TestClient(t.app) });
      return;
    }
    const user = await buildUser(t.db, attrs);
    await setup(user.id);
    people.set(kind, { id: user.id, client: await signedInClient(t.app, user) });
  };
  await make('signed out');
  await make('outsider');
  await make('member of another group', (id) => addMember(t.db, other.id, id, 'member', KR()));
  await make('proposer', (id) => addCouncilRole(t.db, council.council.id, id, 'sc_member', KR()));
  await make('SC member', (id) => addCouncilRole(t.db, council.council.id, id, 'sc_member', JP()));
  await make('SC co-chair', (id) => addCouncilRole(t.db, council.council.id, id, 'sc_co_chair'));
  await make('council secretariat', (id) => addCouncilRole(t.db, council.council.id, id, 'secretariat'));
  await make('administrator', async () => undefined, { isAdmin: true });
  for (const role of GROUP_ROLES) await make(role);
});
afterAll(() => t?.close());

/** The requests each spec made, to check that every route was called. */
const exercised: { method: string; url: string }[] = [];

describe('the authorization matrix of issues #3, #4 and #5', () => {
  for (const spec of SPECS) {
    it(`${spec.method} ${spec.name}`, async () => {
      const status = spec.status ?? 'active';
      for (const kind of ACTORS) {
        const person = people.get(kind) as Person;
        const fx = await fixtureGroup(status);
        await t.app.changes.sync();
        const { url, body, headers } = await spec.request(fx, person);
        exercised.push({ method: spec.method, url });
        const before = spec.method === 'GET' ? null : await fingerprint();
        const res = await person.client.request(spec.method, url, body ?? (spec.method === 'GET' || spec.method === 'DELETE' ? undefined : {}), headers);
        const label = `${spec.method} ${url} as ${kind}: ${res.statusCode} ${res.statusCode >= 400 ? res.body.slice(0, 200) : ''}`;
        if (expectedAllowed(spec, kind, status)) {
          expect(res.statusCode, label).toBeGreaterThanOrEqual(200);
          expect(res.statusCode, label).toBeLessThan(300);
        } else {
          expect([401, 403, 404], label).toContain(res.statusCode);
          if (kind === 'signed out') expect(res.statusCode, label).toBe(401);
          if (before) expect(await fingerprint(), label).toEqual(before);
        }
      }
    });
  }
});

describe('the matrix’s reach', () => {
  it('called every route that issue #3 added (runs after the matrix)', () => {
    const mine = t.app.registeredRoutes.filter(
      (r) => r.method !== 'HEAD' && (r.url.startsWith('/api/councils') || /^\/api\/study-groups\/:slug\/(proposal|transitions|reviews|follow-on|lineage|timeline|sub-groups|audit|members|invitations|meetings|drafts)/.test(r.url)),
    );
    expect(mine.length).toBeGreaterThanOrEqual(30);
    // Every route is exercised by a spec: the specs' URLs, with parameters filled in, match it.
    for (const route of mine) {
      const pattern = new RegExp(`^${route.url.replace(/:[A-Za-z]+/g, '[^/?]+')}(\\?|$)`);
      expect(
        exercised.some((e) => e.method === route.method && pattern.test(e.url)),
        `${route.method} ${route.url} has no spec in the matrix`,
      ).toBe(true);
    }
  });

});

describe('the matrix itself', () => {
  it('knows a route that ignores the table would be caught', async () => {
    // A member of the group must not end another member's role.
    const fx = await fixtureGroup('active');
    await t.app.changes.sync();
    const before = await fingerprint();
    const res = await (people.get('member') as Person).client.delete(g(fx, `/members/${people.get('observer')?.id}`));
    expect(res.statusCode).toBe(403);
    expect(await fingerprint()).toEqual(before);
    const [row] = await t.db.select().from(groupMemberships).where(eq(groupMemberships.userId, people.get('observer')?.id as string)).limit(1);
    expect(row).toBeDefined();
    const [u] = await t.db.select().from(users).where(eq(users.id, people.get('observer')?.id as string));
    expect(u).toBeDefined();
  });
});
