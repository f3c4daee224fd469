import { createBrowserRouter } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { RequireAdmin, RequireAuth } from './components/guards';
import { NotFoundView } from './components/NotFound';
import { PublicLayout } from './components/PublicLayout';
import { Root } from './components/Root';
import { RouteError } from './components/RouteError';
import { AccountScene } from './scenes/Account/AccountScene';
import { CouncilScene, CouncilsScene } from './scenes/Council/CouncilScene';
import { AgendaScene } from './scenes/Agenda/AgendaScene';
import { AuditScene } from './scenes/Audit/AuditScene';
import { DraftsScene } from './scenes/Drafts/DraftsScene';
import { ForgotPasswordScene } from './scenes/ForgotPassword/ForgotPasswordScene';
import { GroupOverviewPage, GroupScene } from './scenes/Group/GroupScene';
import { GroupsScene } from './scenes/Groups/GroupsScene';
import { InviteScene } from './scenes/Invite/InviteScene';
import { LinkScene } from './scenes/Link/LinkScene';
import { MailboxScene } from './scenes/Mailbox/MailboxScene';
import { MailMessageScene } from './scenes/Mailbox/MailMessageScene';
import { PageLoading, ProposalScene } from './scenes/Proposal/ProposalScene';
import { VersionScene } from './scenes/Proposal/VersionScene';
import { MembersScene } from './scenes/Members/MembersScene';
import { AttendanceScene } from './scenes/Meetings/AttendanceScene';
import { MaterialsScene } from './scenes/Meetings/Materials/MaterialsScene';
import { MeetingScene } from './scenes/Meetings/MeetingScene';
import { ReportScene } from './scenes/Meetings/Report/ReportScene';
import { MeetingsScene } from './scenes/Meetings/MeetingsScene';
import { TimetableScene } from './scenes/Meetings/Timetable/TimetableScene';
import { ResetPasswordScene } from './scenes/ResetPassword/ResetPasswordScene';
import { SignInScene } from './scenes/SignIn/SignInScene';
import { SubGroupsScene } from './scenes/SubGroups/SubGroupsScene';
import { TimelineScene } from './scenes/Timeline/TimelineScene';

/** Every page of the web app. Pages outside the sign-in guard are the ways in. */
export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <Root />,
      errorElement: <RouteError />,
      children: [
        {
          element: <PublicLayout />,
          errorElement: <RouteError />,
          children: [
            { path: 'sign-in', element: <SignInScene /> },
            { path: 'forgot-password', element: <ForgotPasswordScene /> },
            { path: 'reset-password', element: <ResetPasswordScene /> },
            { path: 'link', element: <LinkScene /> },
          ],
        },
        {
          element: (
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          ),
          children: [
            {
              // Inside the frame, so that a failing page keeps the header and navigation.
              errorElement: <RouteError />,
              children: [
                { index: true, element: <GroupsScene /> },
                {
                  // One group's pages share its header and navigation (GroupScene renders the child).
                  // A page of the group added elsewhere (the proposal) belongs among these children.
                  path: 'groups/:slug',
                  element: <GroupScene />,
                  children: [
                    { index: true, element: <GroupOverviewPage /> },
                    { path: 'members', element: <MembersScene /> },
                    { path: 'timeline', element: <TimelineScene /> },
                    // Meetings (#4 parts 1–4, 9): the list, and each meeting's page with its tabs.
                    { path: 'meetings', element: <MeetingsScene /> },
                    {
                      path: 'meetings/:meetingId',
                      element: <MeetingScene />,
                      children: [
                        { index: true, element: <TimetableScene /> },
                        { path: 'attendance', element: <AttendanceScene /> },
                        // The meeting's materials and its Co-Chairs' Report (#4 parts 5, 6); the report's
                        // editor (Tiptap) loads only for those who write it.
                        { path: 'materials', element: <MaterialsScene /> },
                        { path: 'report', element: <ReportScene /> },
                        { path: '*', element: <NotFoundView /> },
                      ],
                    },
                    // The open agenda (#4 part 3): items any participant raises, the sessions that take them up.
                    { path: 'agenda', element: <AgendaScene /> },
                    // Live drafts of recommendations (#5 parts 1, 2, 8); the editor (Tiptap, Yjs) loads only with a draft.
                    { path: 'drafts', element: <DraftsScene /> },
                    { path: 'drafts/:draftId', lazy: async () => ({ Component: (await import('./scenes/Drafts/DraftScene')).DraftScene }), hydrateFallbackElement: <PageLoading /> },
                    { path: 'sub-groups', element: <SubGroupsScene /> },
                    { path: 'audit', element: <AuditScene /> },
                    // The proposal (#3 parts 2, 3, 6). The editor (Tiptap) loads only when it is opened.
                    { path: 'proposal', element: <ProposalScene /> },
                    { path: 'proposal/edit', lazy: async () => ({ Component: (await import('./scenes/Proposal/ProposalEditScene')).ProposalEditScene }), hydrateFallbackElement: <PageLoading /> },
                    { path: 'proposal/versions/:n', element: <VersionScene /> },
                    { path: '*', element: <NotFoundView /> },
                  ],
                },
                // The council (#3 part 1) and a new proposal to it.
                { path: 'councils', element: <CouncilsScene /> },
                { path: 'councils/:slug', element: <CouncilScene /> },
                { path: 'councils/:slug/proposals/new', lazy: async () => ({ Component: (await import('./scenes/Proposal/ProposalEditScene')).NewProposalScene }), hydrateFallbackElement: <PageLoading /> },
                { path: 'account', element: <AccountScene /> },
                {
                  path: 'admin',
                  element: <RequireAdmin />,
                  children: [
                    { index: true, element: <NotFoundView /> },
                    { path: 'invite', element: <InviteScene /> },
                    { path: 'mailbox', element: <MailboxScene /> },
                    { path: 'mailbox/:id', element: <MailMessageScene /> },
                    { path: '*', element: <NotFoundView /> },
                  ],
                },
                { path: '*', element: <NotFoundView /> },
              ],
            },
          ],
        },
      ],
    },
  ]);
}
