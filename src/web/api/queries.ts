import { MutationCache, QueryCache, QueryClient, queryOptions, useQuery, type QueryClient as QC } from '@tanstack/react-query';
import type { ApiTokenView, Me, SessionListItem, UpdateMeInput } from '../../core/accounts';
import type { GroupListItem, GroupOverview } from '../../core/study-groups';
import type { StudyGroupStatus } from '../../core/roles';
import { useTranslation } from 'react-i18next';
import { applyLocale, isLocale } from '../i18n';
import { api, apiGet, isApiError, rememberCsrfToken } from './client';
import type { PersonNames } from '../../core/people';

export interface SessionData {
  user: Me | null;
  csrfToken: string;
}

export interface GroupListParams {
  q?: string;
  status?: StudyGroupStatus;
  sort: 'title' | 'termStart' | '-termStart';
  page: number;
  pageSize: number;
}

export interface GroupList {
  items: GroupListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface MailboxEntry {
  id: string;
  to: string;
  subject: string;
  date: string;
  size: number;
}

export interface MailboxMessage extends MailboxEntry {
  from: string;
  text: string;
  language: string | null;
}

export const keys = {
  session: ['session'] as const,
  groups: (params: GroupListParams) => ['study-groups', params] as const,
  group: (slug: string) => ['study-group', slug] as const,
  anyGroup: ['study-group'] as const,
  mySessions: ['me', 'sessions'] as const,
  tokens: ['me', 'tokens'] as const,
  mailbox: ['admin', 'mailbox'] as const,
  mailMessage: (id: string) => ['admin', 'mailbox', id] as const,
};

export const sessionQuery = queryOptions({
  queryKey: keys.session,
  queryFn: async ({ signal, client }) => {
    const session = await apiGet<SessionData>('/api/session', signal);
    rememberCsrfToken(session.csrfToken);
    // A person's chosen language follows them to every device; applied when the person
    // (not just their data) changes, so a refetch never undoes a switch in progress.
    const previous = client.getQueryData<SessionData>(keys.session);
    if (session.user?.locale && previous?.user?.id !== session.user.id) applyLocale(session.user.locale);
    return session;
  },
  staleTime: 60_000,
});

export function useSession() {
  return useQuery(sessionQuery);
}

/** The signed-in person; only for pages behind the sign-in guard. */
export function useMe(): Me {
  const { data } = useSession();
  if (!data?.user) throw new Error('useMe() used outside the signed-in part of the app');
  return data.user;
}

/** After any sign-in: forget the previous person's data and adopt the new person's language. */
export function adoptSignedInUser(queryClient: QC, user: Me) {
  const csrfToken = queryClient.getQueryData<SessionData>(keys.session)?.csrfToken ?? '';
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.session[0] });
  queryClient.setQueryData<SessionData>(keys.session, { user, csrfToken });
  if (user.locale) applyLocale(user.locale);
}

/** After sign-out: nothing of the person stays in memory. */
export function forgetSignedInUser(queryClient: QC) {
  const csrfToken = queryClient.getQueryData<SessionData>(keys.session)?.csrfToken ?? '';
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.session[0] });
  queryClient.setQueryData<SessionData>(keys.session, { user: null, csrfToken });
}

export function updateMeInCache(queryClient: QC, user: Me) {
  queryClient.setQueryData<SessionData>(keys.session, (old) => ({ csrfToken: old?.csrfToken ?? '', user }));
}

export function useGroups(params: GroupListParams) {
  const search = new URLSearchParams();
  if (params.q) search.set('q', params.q);
  if (params.status) search.set('status', params.status);
  search.set('sort', params.sort);
  search.set('page', String(params.page));
  search.set('pageSize', String(params.pageSize));
  return useQuery({
    queryKey: keys.groups(params),
    queryFn: ({ signal }) => apiGet<GroupList>(`/api/study-groups?${search.toString()}`, signal),
    placeholderData: (previous) => previous,
  });
}

/** The overview with the charter in the UI language and the authoritative one (not all four). */
export function useGroup(slug: string) {
  const { i18n } = useTranslation();
  const lang = isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  return useQuery({
    queryKey: [...keys.group(slug), lang],
    queryFn: ({ signal }) => apiGet<GroupOverview>(`/api/study-groups/${encodeURIComponent(slug)}?lang=${lang}`, signal),
    placeholderData: (previous) => previous,
  });
}

export function useMySessions() {
  return useQuery({ queryKey: keys.mySessions, queryFn: ({ signal }) => apiGet<SessionListItem[]>('/api/me/sessions', signal) });
}

export function useTokens() {
  return useQuery({ queryKey: keys.tokens, queryFn: ({ signal }) => apiGet<ApiTokenView[]>('/api/me/tokens', signal) });
}

export function useMailbox() {
  return useQuery({
    queryKey: keys.mailbox,
    queryFn: ({ signal }) => apiGet<{ mode: 'smtp' | 'file'; messages: MailboxEntry[] }>('/api/admin/mailbox', signal),
  });
}

export function useMailMessage(id: string) {
  return useQuery({
    queryKey: keys.mailMessage(id),
    queryFn: ({ signal }) => apiGet<MailboxMessage>(`/api/admin/mailbox/${encodeURIComponent(id)}`, signal),
  });
}

/** PATCH /api/me, keeping the cached session in step. */
export async function updateMe(queryClient: QC, patch: UpdateMeInput) {
  const me = await api<Me>('PATCH', '/api/me', patch);
  updateMeInCache(queryClient, me);
  // Overviews list the person with their names and affiliation: show the new ones there too.
  if ('displayName' in patch || 'names' in patch || 'affiliation' in patch) void queryClient.invalidateQueries({ queryKey: keys.anyGroup });
  return me;
}

/** Ends one of the person's sessions (a device); the session list is refreshed. */
export async function endSession(queryClient: QC, session: SessionListItem) {
  try {
    await api<{ ok: true; current: boolean }>('DELETE', `/api/me/sessions/${encodeURIComponent(session.id)}`);
  } catch (err) {
    // Already ended (signed out there, or expired): the refreshed list shows it gone.
    if (!(isApiError(err) && err.status === 404)) throw err;
  }
  await queryClient.invalidateQueries({ queryKey: keys.mySessions });
}

function onAuthRequired(queryClient: QC, err: unknown) {
  // The session ended (expired, signed out elsewhere): the sign-in guard takes the person to
  // /sign-in and brings them back afterwards.
  if (isApiError(err) && err.code === 'auth.required') {
    const current = queryClient.getQueryData<SessionData>(keys.session);
    if (current?.user) forgetSignedInUser(queryClient);
  }
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (err) => onAuthRequired(client, err) }),
    mutationCache: new MutationCache({ onError: (err) => onAuthRequired(client, err) }),
    defaultOptions: {
      queries: {
        retry: (count, err) => (isApiError(err) && err.status > 0 && err.status < 500 ? false : count < 2),
        refetchOnWindowFocus: true,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

// ---- The council and proposals (issue #3, parts 1–3 and 6) ----
// Kept together at the end of the file (imports included), so that work on other screens merges cleanly.
import type { CommitteeDetail, CommitteeView, CouncilDetail, CouncilListItem, ScMeetingView } from '../../core/council';
import type { ProposalContent, ProposalView } from '../../core/proposals';
import type { CommitteeMembershipType } from '../../core/roles';

export interface CommitteePage {
  items: CommitteeView[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ScMeetingPage {
  items: ScMeetingView[];
  total: number;
  page: number;
  pageSize: number;
}

/** One saved version of a proposal, as GET …/proposal/versions/:n answers. */
export type ProposalVersionView = ProposalView['versions'][number] & { content: ProposalContent };


export interface CommitteeListParams {
  q?: string;
  type?: CommitteeMembershipType;
  page: number;
  pageSize: number;
}

export const councilKeys = {
  all: ['council'] as const,
  list: ['council', 'list'] as const,
  detail: (slug: string) => ['council', slug] as const,
  committees: (slug: string, params: CommitteeListParams) => ['council', slug, 'committees', params] as const,
  committee: (slug: string, code: string) => ['council', slug, 'committee', code] as const,
  scMeetings: (slug: string, page: number, pageSize: number) => ['council', slug, 'sc-meetings', page, pageSize] as const,
};

export const proposalKeys = {
  all: ['proposal'] as const,
  proposal: (slug: string) => ['proposal', slug] as const,
  version: (slug: string, n: number) => ['proposal', slug, 'version', n] as const,
};

const councilPath = (slug: string) => `/api/councils/${encodeURIComponent(slug)}`;
const groupPath = (slug: string) => `/api/study-groups/${encodeURIComponent(slug)}`;

export function useCouncils() {
  return useQuery({ queryKey: councilKeys.list, queryFn: ({ signal }) => apiGet<{ items: CouncilListItem[] }>('/api/councils', signal) });
}

export function useCouncil(slug: string | undefined) {
  return useQuery({
    queryKey: councilKeys.detail(slug ?? ''),
    queryFn: ({ signal }) => apiGet<CouncilDetail>(councilPath(slug ?? ''), signal),
    enabled: Boolean(slug),
  });
}

export function useCommittees(slug: string, params: CommitteeListParams) {
  const search = new URLSearchParams();
  if (params.q) search.set('q', params.q);
  if (params.type) search.set('type', params.type);
  search.set('page', String(params.page));
  search.set('pageSize', String(params.pageSize));
  return useQuery({
    queryKey: councilKeys.committees(slug, params),
    queryFn: ({ signal }) => apiGet<CommitteePage>(`${councilPath(slug)}/committees?${search.toString()}`, signal),
    placeholderData: (previous) => previous,
  });
}

export function useCommittee(slug: string, code: string | null) {
  return useQuery({
    queryKey: councilKeys.committee(slug, code ?? ''),
    queryFn: ({ signal }) => apiGet<CommitteeDetail>(`${councilPath(slug)}/committees/${encodeURIComponent(code ?? '')}`, signal),
    enabled: Boolean(code),
  });
}

export function useScMeetings(slug: string | undefined, page = 1, pageSize = 20) {
  return useQuery({
    queryKey: councilKeys.scMeetings(slug ?? '', page, pageSize),
    queryFn: ({ signal }) => apiGet<ScMeetingPage>(`${councilPath(slug ?? '')}/sc-meetings?page=${page}&pageSize=${pageSize}`, signal),
    enabled: Boolean(slug),
    placeholderData: (previous) => previous,
  });
}

/** Any change to the council's records: every council view is read again. */
export function refreshCouncil(queryClient: QC) {
  return queryClient.invalidateQueries({ queryKey: councilKeys.all });
}

export function useProposal(slug: string) {
  return useQuery({ queryKey: proposalKeys.proposal(slug), queryFn: ({ signal }) => apiGet<ProposalView>(`${groupPath(slug)}/proposal`, signal) });
}

export function useProposalVersion(slug: string, n: number) {
  return useQuery({
    queryKey: proposalKeys.version(slug, n),
    queryFn: ({ signal }) => apiGet<ProposalVersionView>(`${groupPath(slug)}/proposal/versions/${n}`, signal),
    enabled: Number.isInteger(n) && n >= 1,
    // A saved version never changes.
    staleTime: Infinity,
  });
}

/** After a proposal changed: its page, the group's overview (title, term, status) and the lists. */
export function refreshProposal(queryClient: QC, slug: string, view?: ProposalView) {
  if (view) queryClient.setQueryData(proposalKeys.proposal(slug), view);
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: proposalKeys.proposal(slug) }),
    queryClient.invalidateQueries({ queryKey: keys.anyGroup }),
    queryClient.invalidateQueries({ queryKey: ['study-groups'] }),
  ]);
}

// ---- A group's members, invitations, sub-groups, timeline and audit trail (issue #3, parts 4, 5, 7, 9) ----
// Kept together at the end of the file (imports included), so that work on other screens merges cleanly.
import type { CommitteeView as GroupCouncilCommittee } from '../../core/council';
import type { Locale as GroupLocale } from '../../core/charter';
import type { InvitationStatus, InvitationView, MemberList, MemberListQuery } from '../../core/memberships';
import type { GroupRole } from '../../core/roles';
import type { Timeline } from '../../core/timeline';

/** A related group as the lineage route names it (only those the viewer may see). */
export interface RelatedGroup {
  slug: string;
  title: string;
  status: StudyGroupStatus;
  kind: 'study_group' | 'sub_group';
  focus: string | null;
  participantCount: number;
}

export interface GroupLineage {
  follows: RelatedGroup | null;
  followOns: RelatedGroup[];
  parent: RelatedGroup | null;
  subGroups: RelatedGroup[];
}

export interface AuditPerson {
  id: string;
  displayName: string;
  names: PersonNames;
}

export interface AuditEvent {
  id: number;
  at: string;
  actor: AuditPerson | null;
  action: string;
  targetType: string;
  targetId: string | null;
  /** The person the event is about, named, when it is about a person. */
  targetPerson: AuditPerson | null;
  data: Record<string, unknown>;
}

export interface AuditPage {
  items: AuditEvent[];
  total: number;
  page: number;
  pageSize: number;
  /** Every action name in this group's trail, for the filter. */
  actions: string[];
  /** Everyone who acted in this group's trail, for the filter. */
  actors: AuditPerson[];
}

export interface AuditParams {
  action?: string;
  actorId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface InvitationPage {
  items: InvitationView[];
  total: number;
  page: number;
  pageSize: number;
}

export type MemberParams = Pick<MemberListQuery, 'sort' | 'page' | 'pageSize'> & { role?: GroupRole; committee?: string; q?: string };

export interface NewGroupInvitation {
  email: string;
  displayName?: string;
  role: GroupRole;
  committeeCode?: string;
  locale?: GroupLocale;
}

/** Everything under one group shares the group's key, so one invalidation refreshes the lot. */
export const groupKeys = {
  members: (slug: string, params: MemberParams) => [...keys.group(slug), 'members', params] as const,
  invitations: (slug: string, status: InvitationStatus | 'all') => [...keys.group(slug), 'invitations', status] as const,
  lineage: (slug: string) => [...keys.group(slug), 'lineage'] as const,
  timeline: (slug: string) => [...keys.group(slug), 'timeline'] as const,
  audit: (slug: string, params: AuditParams) => [...keys.group(slug), 'audit', params] as const,
  councilCommittees: (councilSlug: string) => ['council', councilSlug, 'committees', { page: 1, pageSize: 100 }] as const,
};

const studyGroupPath = (slug: string) => `/api/study-groups/${encodeURIComponent(slug)}`;

function searchOf(params: object): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  return search.toString();
}

export function useMembers(slug: string, params: MemberParams) {
  return useQuery({
    queryKey: groupKeys.members(slug, params),
    queryFn: ({ signal }) => apiGet<MemberList>(`${studyGroupPath(slug)}/members?${searchOf(params)}`, signal),
    placeholderData: (previous) => previous,
  });
}

export function useInvitations(slug: string, status: InvitationStatus | 'all', enabled = true) {
  return useQuery({
    queryKey: groupKeys.invitations(slug, status),
    queryFn: ({ signal }) => apiGet<InvitationPage>(`${studyGroupPath(slug)}/invitations?${searchOf({ status: status === 'all' ? undefined : status, pageSize: 100 })}`, signal),
    enabled,
    placeholderData: (previous) => previous,
  });
}

export function useGroupLineage(slug: string) {
  return useQuery({ queryKey: groupKeys.lineage(slug), queryFn: ({ signal }) => apiGet<GroupLineage>(`${studyGroupPath(slug)}/lineage`, signal) });
}

export function useTimeline(slug: string) {
  return useQuery({ queryKey: groupKeys.timeline(slug), queryFn: ({ signal }) => apiGet<Timeline>(`${studyGroupPath(slug)}/timeline`, signal) });
}

export function useAudit(slug: string, params: AuditParams, enabled = true) {
  return useQuery({
    queryKey: groupKeys.audit(slug, params),
    queryFn: ({ signal }) => apiGet<AuditPage>(`${studyGroupPath(slug)}/audit?${searchOf(params)}`, signal),
    enabled,
    placeholderData: (previous) => previous,
  });
}

/** The council's member committees (every signed-in person may read them), for delegation choices. */
export function useCouncilCommitteeChoices(councilSlug: string, enabled = true) {
  return useQuery({
    queryKey: groupKeys.councilCommittees(councilSlug),
    queryFn: ({ signal }) => apiGet<{ items: GroupCouncilCommittee[]; total: number }>(`/api/councils/${encodeURIComponent(councilSlug)}/committees?page=1&pageSize=100`, signal),
    enabled: enabled && Boolean(councilSlug),
    staleTime: 5 * 60_000,
  });
}

/** After a change to a group's people: its overview, members, invitations, audit trail and the group list. */
export function refreshGroup(queryClient: QC, slug: string) {
  return Promise.all([queryClient.invalidateQueries({ queryKey: keys.group(slug) }), queryClient.invalidateQueries({ queryKey: ['study-groups'] })]);
}

export const groupMutations = {
  invite: (slug: string, input: NewGroupInvitation) => api<InvitationView & { accountCreated: boolean }>('POST', `${studyGroupPath(slug)}/invitations`, input),
  revokeInvitation: (slug: string, id: string) => api<InvitationView>('DELETE', `${studyGroupPath(slug)}/invitations/${encodeURIComponent(id)}`),
  addRole: (slug: string, userId: string, input: { role: GroupRole; committeeCode?: string }) => api('POST', `${studyGroupPath(slug)}/members/${encodeURIComponent(userId)}/roles`, input),
  endRole: (slug: string, userId: string, role: GroupRole) => api<{ ended: GroupRole[]; remaining: GroupRole[] }>('DELETE', `${studyGroupPath(slug)}/members/${encodeURIComponent(userId)}/roles/${role}`),
  removeMember: (slug: string, userId: string) => api<{ ended: GroupRole[]; remaining: GroupRole[] }>('DELETE', `${studyGroupPath(slug)}/members/${encodeURIComponent(userId)}`),
  createSubGroup: (slug: string, input: { title: string; focus: string; language?: GroupLocale }) => api<{ slug: string; title: string }>('POST', `${studyGroupPath(slug)}/sub-groups`, input),
};

// ---- Meetings: the list, one meeting with its timetable, attendance (issue #4, parts 1–4 and 9) ----
// Kept together at the end of the file (imports included), so that work on other screens merges cleanly.
import type { z as zod } from 'zod';
import type { CreateMeetingInput, MeetingDetail, MeetingView as MeetingItem, UpdateMeetingInput, ZAttendanceList } from '../../core/meetings';

export type MeetingAttendance = zod.infer<typeof ZAttendanceList>;
export type MeetingAttendanceEntry = MeetingAttendance['observers'][number];
export type MeetingTransitionName = 'convene' | 'postpone' | 'reschedule' | 'cancel';
export type AttendanceAnswer = 'in_person' | 'remote' | 'not_attending';
export type AttendedAs = 'in_person' | 'remote' | 'absent';

/** A session as the editor sends it: times are wall-clock 'YYYY-MM-DDTHH:mm' in the meeting's zone. */
export interface SessionInput {
  title?: string;
  start?: string;
  end?: string;
  chairId?: string | null;
  speakerIds?: string[];
  guestSpeakers?: string | null;
  description?: string | null;
  /** Keep it although it runs at the same time as another (a parallel session). */
  allowOverlap?: boolean;
  /** The open agenda's items the session takes up, in order (replaces the list). */
  agendaItemIds?: string[];
}

/** Under the group's key: a change to the group (members leaving) refreshes its meetings too. */
export const meetingKeys = {
  list: (slug: string) => [...keys.group(slug), 'meetings'] as const,
  detail: (slug: string, id: string) => [...keys.group(slug), 'meeting', id] as const,
  attendance: (slug: string, id: string) => [...keys.group(slug), 'meeting', id, 'attendance'] as const,
};

const meetingsPath = (slug: string) => `/api/study-groups/${encodeURIComponent(slug)}/meetings`;
const meetingPath = (slug: string, id: string) => `${meetingsPath(slug)}/${encodeURIComponent(id)}`;

export function useMeetings(slug: string) {
  return useQuery({ queryKey: meetingKeys.list(slug), queryFn: ({ signal }) => apiGet<MeetingItem[]>(meetingsPath(slug), signal) });
}

export function useMeeting(slug: string, id: string) {
  return useQuery({ queryKey: meetingKeys.detail(slug, id), queryFn: ({ signal }) => apiGet<MeetingDetail>(meetingPath(slug, id), signal), enabled: Boolean(id) });
}

export function useMeetingAttendance(slug: string, id: string) {
  return useQuery({ queryKey: meetingKeys.attendance(slug, id), queryFn: ({ signal }) => apiGet<MeetingAttendance>(`${meetingPath(slug, id)}/attendance`, signal) });
}

/**
 * After a change to a meeting: the page shows the answer at once, and everything else that
 * shows meetings (the list, the overview, the timeline, attendance) is read again.
 */
export function refreshMeeting(queryClient: QC, slug: string, detail?: MeetingDetail) {
  if (detail) queryClient.setQueryData(meetingKeys.detail(slug, detail.id), detail);
  return queryClient.invalidateQueries({ queryKey: keys.group(slug), predicate: (q) => !(detail && q.queryKey[2] === 'meeting' && q.queryKey[3] === detail.id && q.queryKey.length === 4) });
}

export const meetingMutations = {
  create: (slug: string, input: CreateMeetingInput) => api<MeetingDetail>('POST', meetingsPath(slug), input),
  update: (slug: string, id: string, input: UpdateMeetingInput) => api<MeetingDetail>('PATCH', meetingPath(slug, id), input),
  transition: (slug: string, id: string, transition: MeetingTransitionName, reason?: string) => api<MeetingDetail>('POST', `${meetingPath(slug, id)}/transitions`, reason ? { transition, reason } : { transition }),
  addSession: (slug: string, id: string, input: SessionInput) => api<MeetingDetail>('POST', `${meetingPath(slug, id)}/sessions`, input),
  updateSession: (slug: string, id: string, sessionId: string, input: SessionInput) => api<MeetingDetail>('PATCH', `${meetingPath(slug, id)}/sessions/${encodeURIComponent(sessionId)}`, input),
  deleteSession: (slug: string, id: string, sessionId: string) => api<MeetingDetail>('DELETE', `${meetingPath(slug, id)}/sessions/${encodeURIComponent(sessionId)}`),
  reorderSessions: (slug: string, id: string, ids: string[]) => api<MeetingDetail>('PUT', `${meetingPath(slug, id)}/sessions/order`, { ids }),
  inviteAll: (slug: string, id: string) => api<{ invited: number }>('POST', `${meetingPath(slug, id)}/attendance/invitations`, { all: true }),
  respond: (slug: string, id: string, response: AttendanceAnswer) => api<MeetingDetail>('PUT', `${meetingPath(slug, id)}/attendance/me`, { response }),
  recordAttended: (slug: string, id: string, userId: string, attended: AttendedAs | null) => api<{ ok: true }>('PUT', `${meetingPath(slug, id)}/attendance/${encodeURIComponent(userId)}/attended`, { attended }),
};

// ---- A meeting's materials and Co-Chairs' Report, calendar feeds, the timetable's schedule (issue #4, parts 5–7, 9) ----
// Kept together at the end of the file (imports included), so that work on other screens merges cleanly.
import type { CalendarFeedView, CreatedCalendarFeed } from '../../core/calendars';
import type { MaterialList, MaterialVersionList, MaterialView } from '../../core/materials';
import type { WarningAnswer } from '../../core/attribution';
import type { ReportTransition, ReportView } from '../../core/reports';
import type { RichText as ReportText } from '../../core/rich-text';

/** A session as the timetable writes it: `parallel` marks a break-out meant to run beside others (kept with the session). */
export type SessionWrite = Omit<SessionInput, 'allowOverlap'> & { parallel?: boolean };

/** One session's new place in a drag: wall-clock times in the meeting's zone. */
export interface SessionMove {
  id: string;
  start: string;
  end: string;
}

export const recordKeys = {
  materials: (slug: string, meetingId: string) => [...meetingKeys.detail(slug, meetingId), 'materials'] as const,
  versions: (slug: string, meetingId: string, materialId: string) => [...meetingKeys.detail(slug, meetingId), 'materials', materialId, 'versions'] as const,
  report: (slug: string, meetingId: string) => [...meetingKeys.detail(slug, meetingId), 'report'] as const,
  calendarFeeds: ['me', 'calendar-feeds'] as const,
};

/** Where a meeting's materials are; uploads go here (multipart, see Materials/upload.ts). */
export const materialsPath = (slug: string, meetingId: string) => `${meetingPath(slug, meetingId)}/materials`;
const reportPath = (slug: string, meetingId: string) => `${meetingPath(slug, meetingId)}/report`;

export function useMaterials(slug: string, meetingId: string) {
  return useQuery({ queryKey: recordKeys.materials(slug, meetingId), queryFn: ({ signal }) => apiGet<MaterialList>(materialsPath(slug, meetingId), signal) });
}

export function useMaterialVersions(slug: string, meetingId: string, materialId: string | null) {
  return useQuery({
    queryKey: recordKeys.versions(slug, meetingId, materialId ?? ''),
    queryFn: ({ signal }) => apiGet<MaterialVersionList>(`${materialsPath(slug, meetingId)}/${encodeURIComponent(materialId ?? '')}/versions`, signal),
    enabled: Boolean(materialId),
  });
}

/** The report; `enabled` is false for a closed meeting, which keeps none. */
export function useReport(slug: string, meetingId: string, enabled = true) {
  return useQuery({ queryKey: recordKeys.report(slug, meetingId), queryFn: ({ signal }) => apiGet<ReportView>(reportPath(slug, meetingId), signal), enabled });
}

export function useCalendarFeeds() {
  return useQuery({ queryKey: recordKeys.calendarFeeds, queryFn: ({ signal }) => apiGet<CalendarFeedView[]>('/api/me/calendar-feeds', signal) });
}

export const recordMutations = {
  withdrawMaterial: (slug: string, meetingId: string, materialId: string) => api<MaterialView>('DELETE', `${materialsPath(slug, meetingId)}/${encodeURIComponent(materialId)}`),
  saveReport: (slug: string, meetingId: string, content: ReportText, baseVersion: number) => api<ReportView>('PUT', reportPath(slug, meetingId), { content, baseVersion }),
  reportStep: (slug: string, meetingId: string, transition: ReportTransition, acknowledge: WarningAnswer[] = []) =>
    api<ReportView>('POST', `${reportPath(slug, meetingId)}/transitions`, acknowledge.length ? { transition, acknowledge } : { transition }),
  createCalendarFeed: (groupSlug?: string) => api<CreatedCalendarFeed>('POST', '/api/me/calendar-feeds', groupSlug ? { groupSlug } : {}),
  revokeCalendarFeed: (feedId: string) => api<{ ok: true }>('DELETE', `/api/me/calendar-feeds/${encodeURIComponent(feedId)}`),
};

export const sessionMutations = {
  add: (slug: string, id: string, input: SessionWrite) => api<MeetingDetail>('POST', `${meetingPath(slug, id)}/sessions`, input),
  update: (slug: string, id: string, sessionId: string, input: SessionWrite) => api<MeetingDetail>('PATCH', `${meetingPath(slug, id)}/sessions/${encodeURIComponent(sessionId)}`, input),
  /** Moves and retimes several sessions in one request, all or nothing (overlaps are checked once all have moved). */
  schedule: (slug: string, id: string, sessions: SessionMove[]) => api<MeetingDetail>('PUT', `${meetingPath(slug, id)}/sessions/schedule`, { sessions }),
};

// ---- The open agenda (issue #4 parts 3, 9) ----
// Kept together at the end of the file (imports included), so that work on other screens merges cleanly.
import type { AgendaItemView, AgendaList, AgendaTransition, CreateAgendaItemInput, UpdateAgendaItemInput } from '../../core/agenda';

/** Under the group's key: a change to the group refreshes its agenda too. */
export const agendaKeys = {
  list: (slug: string) => [...keys.group(slug), 'agenda'] as const,
};

const agendaPath = (slug: string) => `/api/study-groups/${encodeURIComponent(slug)}/agenda`;
const agendaItemPath = (slug: string, id: string) => `${agendaPath(slug)}/${encodeURIComponent(id)}`;

export function useAgenda(slug: string, enabled = true) {
  return useQuery({ queryKey: agendaKeys.list(slug), queryFn: ({ signal }) => apiGet<AgendaList>(agendaPath(slug), signal), enabled });
}

/**
 * After a change to an item: the list shows the answer at once, and the meetings (whose sessions
 * cite the item's number, title and status) are read again.
 */
export function refreshAgenda(queryClient: QC, slug: string, item?: AgendaItemView) {
  if (item) {
    queryClient.setQueryData<AgendaList>(agendaKeys.list(slug), (old) => {
      if (!old) return old;
      const known = old.items.some((i) => i.id === item.id);
      const items = known ? old.items.map((i) => (i.id === item.id ? item : i)) : [...old.items, item];
      return { ...old, items: items.sort((a, b) => a.number - b.number) };
    });
  }
  return queryClient.invalidateQueries({ queryKey: keys.group(slug), predicate: (q) => q.queryKey[2] === 'agenda' || q.queryKey[2] === 'meeting' });
}

export const agendaMutations = {
  get: (slug: string, id: string) => apiGet<AgendaItemView>(agendaItemPath(slug, id)),
  create: (slug: string, input: CreateAgendaItemInput) => api<AgendaItemView>('POST', agendaPath(slug), input),
  update: (slug: string, id: string, input: UpdateAgendaItemInput) => api<AgendaItemView>('PATCH', agendaItemPath(slug, id), input),
  transition: (slug: string, id: string, transition: AgendaTransition, version: number, reason?: string) =>
    api<AgendaItemView>('POST', `${agendaItemPath(slug, id)}/transitions`, reason ? { transition, reason, version } : { transition, version }),
};

// ---- Live drafts (issue #5 parts 1, 2, 8) ----
// Kept together at the end of the file (imports included), so that work on other screens merges cleanly.
import type { CreateDraftInput, DraftSummary, DraftView, RenameDraftInput } from '../../core/drafts';

/** Under the group's key: a change to the group refreshes its drafts too. */
export const draftKeys = {
  list: (slug: string) => [...keys.group(slug), 'drafts'] as const,
  one: (slug: string, id: string) => [...keys.group(slug), 'drafts', id] as const,
};

const draftsPath = (slug: string) => `/api/study-groups/${encodeURIComponent(slug)}/drafts`;
const draftPath = (slug: string, id: string) => `${draftsPath(slug)}/${encodeURIComponent(id)}`;

export function useDrafts(slug: string, enabled = true) {
  return useQuery({ queryKey: draftKeys.list(slug), queryFn: ({ signal }) => apiGet<DraftSummary[]>(draftsPath(slug), signal), enabled });
}

/** One draft with the viewer's access to its text and where to edit it live. */
export function useDraft(slug: string, id: string) {
  return useQuery({ queryKey: draftKeys.one(slug, id), queryFn: ({ signal }) => apiGet<DraftView>(draftPath(slug, id), signal) });
}

/** After a change to a draft: its page shows the answer at once, the list is read again. */
export function refreshDraft(queryClient: QC, slug: string, draft?: DraftView) {
  if (draft) queryClient.setQueryData<DraftView>(draftKeys.one(slug, draft.id), draft);
  return queryClient.invalidateQueries({ queryKey: draftKeys.list(slug), exact: true });
}

export const draftMutations = {
  get: (slug: string, id: string) => apiGet<DraftView>(draftPath(slug, id)),
  create: (slug: string, input: CreateDraftInput) => api<DraftView>('POST', draftsPath(slug), input),
  rename: (slug: string, id: string, input: RenameDraftInput) => api<DraftView>('PATCH', draftPath(slug, id), input),
};

// ---- Deliberation on a draft (issue #5 parts 3-7, 8): versions, amendments, comments, positions, silence ----
// Kept together at the end of the file (imports included), so that work on other screens merges cleanly.
import type { Position as DeliberationPosition, Outcome as DeliberationOutcome, SilenceBreakKind } from '../../core/consensus';
import type { AmendmentList, AmendmentView, ThreadList, ThreadView, VersionComparison, VersionSummary, VersionView } from '../../core/deliberation';
import type { DeliberationTopic } from '../../core/drafts';
import type { ConsensusMatrix, SilenceView } from '../../server/modules/positions/schemas';

export const deliberationKeys = {
  all: (slug: string, id: string) => [...draftKeys.one(slug, id), 'deliberation'] as const,
  versions: (slug: string, id: string) => [...draftKeys.one(slug, id), 'deliberation', 'versions'] as const,
  compare: (slug: string, id: string, from: number, to: number | 'live') => [...draftKeys.one(slug, id), 'deliberation', 'compare', from, to] as const,
  amendments: (slug: string, id: string) => [...draftKeys.one(slug, id), 'deliberation', 'amendments'] as const,
  comments: (slug: string, id: string) => [...draftKeys.one(slug, id), 'deliberation', 'comments'] as const,
  consensus: (slug: string, id: string, version?: number) => [...draftKeys.one(slug, id), 'deliberation', 'consensus', version ?? 'latest'] as const,
  silence: (slug: string, id: string) => [...draftKeys.one(slug, id), 'deliberation', 'silence'] as const,
};

export type PositionMatrix = ConsensusMatrix;
export type PositionCell = ConsensusMatrix['recommendations'][number]['cells'][number];
export type MatrixRow = ConsensusMatrix['recommendations'][number];
export type SilenceProcedureView = SilenceView;
export type OutcomeRecord = NonNullable<MatrixRow['outcome']>;

export function useDraftVersions(slug: string, id: string) {
  return useQuery({ queryKey: deliberationKeys.versions(slug, id), queryFn: ({ signal }) => apiGet<VersionSummary[]>(`${draftPath(slug, id)}/versions`, signal) });
}

/** One named version with its blocks: versions never change once named, so it is read once. */
export function useDraftVersion(slug: string, id: string, number: number | null) {
  return useQuery({
    queryKey: [...draftKeys.one(slug, id), 'deliberation', 'version', number ?? 0] as const,
    queryFn: ({ signal }) => apiGet<VersionView>(`${draftPath(slug, id)}/versions/${number}`, signal),
    enabled: number !== null,
    staleTime: Infinity,
  });
}

export function useVersionComparison(slug: string, id: string, from: number | null, to: number | 'live' | null) {
  return useQuery({
    queryKey: deliberationKeys.compare(slug, id, from ?? 0, to ?? 'live'),
    queryFn: ({ signal }) => apiGet<VersionComparison>(`${draftPath(slug, id)}/versions/compare?from=${from}&to=${to}`, signal),
    enabled: from !== null && to !== null,
  });
}

export function useAmendments(slug: string, id: string) {
  return useQuery({ queryKey: deliberationKeys.amendments(slug, id), queryFn: ({ signal }) => apiGet<AmendmentList>(`${draftPath(slug, id)}/amendments`, signal)});
}

export function useCommentThreads(slug: string, id: string) {
  return useQuery({ queryKey: deliberationKeys.comments(slug, id), queryFn: ({ signal }) => apiGet<ThreadList>(`${draftPath(slug, id)}/comments`, signal)});
}

/** The positions matrix of the latest named version (or of `version`); 404 while no version is named. */
export function useConsensusMatrix(slug: string, id: string, version?: number) {
  return useQuery({
    queryKey: deliberationKeys.consensus(slug, id, version),
    queryFn: ({ signal }) => apiGet<ConsensusMatrix>(`${draftPath(slug, id)}/consensus${version ? `?version=${version}` : ''}`, signal),
    retry: (count, err) => !(isApiError(err) && err.status < 500) && count < 2,
  });
}

export function useSilence(slug: string, id: string) {
  return useQuery({ queryKey: deliberationKeys.silence(slug, id), queryFn: ({ signal }) => apiGet<SilenceView[]>(`${draftPath(slug, id)}/silence`, signal)});
}

/**
 * What to read again when the server pushes that something changed (src/server/collaboration):
 * nothing of the deliberation is polled, each change reaches every viewer as it is committed.
 */
export function refreshDeliberationTopics(queryClient: QC, slug: string, id: string, topics: readonly DeliberationTopic[]) {
  const base = deliberationKeys.all(slug, id);
  const parts = new Set<string>();
  for (const topic of topics) {
    if (topic === 'versions') ['versions', 'compare', 'consensus'].forEach((p) => parts.add(p));
    if (topic === 'amendments') parts.add('amendments');
    if (topic === 'comments') parts.add('comments');
    if (topic === 'positions') parts.add('consensus');
    if (topic === 'silence') ['silence', 'consensus'].forEach((p) => parts.add(p));
  }
  const reads = [...parts].map((part) => queryClient.invalidateQueries({ queryKey: [...base, part] }));
  if (topics.includes('draft')) {
    reads.push(queryClient.invalidateQueries({ queryKey: draftKeys.one(slug, id), exact: true }), queryClient.invalidateQueries({ queryKey: draftKeys.list(slug), exact: true }));
  }
  return Promise.all(reads);
}

/** After any step of deliberation: everything about the draft's deliberation is read again. */
export function refreshDeliberation(queryClient: QC, slug: string, id: string) {
  return queryClient.invalidateQueries({ queryKey: deliberationKeys.all(slug, id) });
}

export interface PositionBody {
  position: DeliberationPosition;
  text?: string;
  change?: string;
  /** The version of the position row read (0 for none). */
  version: number;
}

export const deliberationMutations = {
  nameVersion: (slug: string, id: string, name: string) => api<VersionView>('POST', `${draftPath(slug, id)}/versions`, { name }),
  restoreVersion: (slug: string, id: string, number: number) => api<VersionView>('POST', `${draftPath(slug, id)}/versions/${number}/restore`),
  propose: (slug: string, id: string, input: { versionId: string; blockUid?: string; afterUid?: string; proposedText: string; rationale: string }) => api<AmendmentView>('POST', `${draftPath(slug, id)}/amendments`, input),
  /** `currentText`: the paragraph as the decider read it, when it changed since the amended version. */
  accept: (slug: string, id: string, a: Pick<AmendmentView, 'id' | 'version'>, currentText?: string) =>
    api<AmendmentView>('POST', `${draftPath(slug, id)}/amendments/${a.id}/accept`, { version: a.version, ...(currentText !== undefined ? { currentText } : {}) }),
  reject: (slug: string, id: string, a: Pick<AmendmentView, 'id' | 'version'>, reason: string) => api<AmendmentView>('POST', `${draftPath(slug, id)}/amendments/${a.id}/reject`, { version: a.version, reason }),
  withdraw: (slug: string, id: string, a: Pick<AmendmentView, 'id' | 'version'>) => api<AmendmentView>('POST', `${draftPath(slug, id)}/amendments/${a.id}/withdraw`, { version: a.version }),
  merge: (slug: string, id: string, input: { amendments: { id: string; version: number }[]; proposedText: string; rationale: string }) => api<AmendmentView>('POST', `${draftPath(slug, id)}/amendments/merge`, input),
  startThread: (slug: string, id: string, input: { blockUid: string; start: number; end: number; body: string; mentions: string[] }) => api<ThreadView>('POST', `${draftPath(slug, id)}/comments`, input),
  reply: (slug: string, id: string, threadId: string, input: { body: string; mentions: string[] }) => api<ThreadView>('POST', `${draftPath(slug, id)}/comments/${threadId}/replies`, input),
  resolveThread: (slug: string, id: string, threadId: string, step: 'resolve' | 'reopen') => api<ThreadView>('POST', `${draftPath(slug, id)}/comments/${threadId}/${step}`),
  recordPosition: (slug: string, id: string, versionNumber: number, uid: string, body: PositionBody) =>
    api<PositionCell['position']>('PUT', `${draftPath(slug, id)}/versions/${versionNumber}/positions/${encodeURIComponent(uid)}`, body),
  declareOutcome: (slug: string, id: string, uid: string, body: { outcome: DeliberationOutcome; summary?: string; version: number }) =>
    api<OutcomeRecord>('PUT', `${draftPath(slug, id)}/recommendations/${encodeURIComponent(uid)}/outcome`, body),
  startSilence: (slug: string, id: string, body: { version: number; deadline: string }) => api<SilenceView>('POST', `${draftPath(slug, id)}/silence`, body),
  breakSilence: (slug: string, id: string, body: { kind: SilenceBreakKind; reason: string; version: number }) => api<unknown>('POST', `${draftPath(slug, id)}/silence/breaks`, body),
  cancelSilence: (slug: string, id: string) => api<SilenceView>('POST', `${draftPath(slug, id)}/silence/cancel`),
};
