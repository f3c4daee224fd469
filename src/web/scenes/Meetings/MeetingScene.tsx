import { Anchor, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import type { MeetingDetail } from '../../../core/meetings';
import { useMaterials, useMeeting } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isNotFound } from '../../components/errors';
import { ChevronLeftIcon } from '../../components/icons';
import { NotFoundView } from '../../components/NotFound';
import { useDocumentTitle } from '../../components/PageTitle';
import { textLang } from '../../components/text-lang';
import { useGroupContext } from '../Group/context';
import type { MeetingContext } from './context';
import { MeetingActions } from './MeetingActions';
import { AttributionBadge, FormatBadge, meetingTitle, MeetingStatusLine, MeetingWhen } from './MeetingBits';
import classes from './Meetings.module.css';
import { MyInvitation } from './MyInvitation';

/** The meeting's own pages, with their routes in routes.tsx. */
const MEETING_TABS = [
  { key: 'timetable', path: '' },
  { key: 'attendance', path: '/attendance' },
  { key: 'materials', path: '/materials' },
  { key: 'report', path: '/report' },
] as const;
type MeetingTab = (typeof MEETING_TABS)[number]['key'];

/** The anchor that mail's "answer the invitation" links carry: …/meetings/<id>#attendance. */
const ATTENDANCE_ANCHOR = '#attendance';

/**
 * Opens the attendance part of the meeting for a link ending in #attendance: the attendance
 * tab, with the viewer's invitation (where they answer) brought into view and focused.
 */
function useAttendanceAnchor(base: string, ready: boolean) {
  const { hash, pathname } = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    if (!ready || hash !== ATTENDANCE_ANCHOR) return;
    if (pathname.replace(/\/$/, '') !== `${base}/attendance`) {
      void navigate(`${base}/attendance${ATTENDANCE_ANCHOR}`, { replace: true });
      return;
    }
    const frame = requestAnimationFrame(() => {
      const invitation = document.getElementById('attendance');
      const target = invitation?.querySelector('[data-testid="my-invitation"]') ? invitation : document.querySelector<HTMLElement>('[data-testid="attendance"]');
      target?.scrollIntoView({ block: 'start' });
      if (target instanceof HTMLElement) {
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
        target.focus({ preventScroll: true });
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [ready, hash, pathname, base, navigate]);
}

/** One meeting: what, when in both zones, where, how, under which rule; the viewer's invitation; its tabs. */
export function MeetingScene() {
  const { t } = useTranslation();
  const { group } = useGroupContext();
  const { meetingId = '' } = useParams();
  const meeting = useMeeting(group.slug, meetingId);
  useAttendanceAnchor(`/groups/${group.slug}/meetings/${meetingId}`, Boolean(meeting.data));

  if (meeting.isPending) {
    return (
      <Stack gap="md" aria-busy="true" aria-label={t('app.loading')}>
        <Skeleton height={14} width={140} />
        <Skeleton height={30} width="60%" />
        <Skeleton height={120} />
        <Skeleton height={280} />
      </Stack>
    );
  }
  if (meeting.isError && !meeting.data) {
    if (isNotFound(meeting.error) || (meeting.error as { status?: number }).status === 400) return <NotFoundView />;
    return <ErrorAlert error={meeting.error} onRetry={() => void meeting.refetch()} />;
  }
  const canManage = group.allowedActions.includes('meetings.manage');
  const context: MeetingContext = { group, meeting: meeting.data, canManage };
  return (
    <Stack gap="lg" data-testid="meeting-page">
      <Anchor component={Link} to={`/groups/${group.slug}/meetings`} size="sm" className={classes.back}>
        <Group gap={4} wrap="nowrap" component="span">
          <ChevronLeftIcon size={14} />
          {t('meetings.allMeetings')}
        </Group>
      </Anchor>
      <MeetingHeader meeting={meeting.data} />
      {canManage ? <MeetingActions group={group} meeting={meeting.data} /> : null}
      <div id="attendance" tabIndex={-1} className={classes.anchorTarget}>
        <MyInvitation group={group} meeting={meeting.data} />
      </div>
      <MeetingTabs slug={group.slug} meeting={meeting.data} />
      <Outlet context={context} />
    </Stack>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className={classes.fact} data-testid={testId}>
      <Text component="dt" size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <dd>{children}</dd>
    </div>
  );
}

function MeetingHeader({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const title = meetingTitle(t, meeting);
  // The group's frame names the tab ('Meetings · …'); this page names the meeting, and gives the name back when left.
  useEffect(() => {
    const before = document.title;
    return () => {
      document.title = before;
    };
  }, []);
  useDocumentTitle(`${title} · ${t('meetings.title')}`);
  return (
    <header className={classes.meetingHeader}>
      <Group gap="xs" wrap="wrap">
        <Text size="xs" fw={600} c="dimmed" className={classes.caps}>
          {t('group.meetingNumber', { number: meeting.sequence })}
        </Text>
        <MeetingStatusLine meeting={meeting} withReason={false} />
        <AttributionBadge rule={meeting.attribution} />
      </Group>
      <Title order={2} className={classes.meetingTitle} lang={meeting.title ? textLang(meeting.title) : undefined} data-testid="meeting-title">
        {title}
      </Title>
      {meeting.statusReason && (meeting.status === 'postponed' || meeting.status === 'cancelled') ? (
        <Text size="sm" c={meeting.status === 'cancelled' ? 'red.8' : 'orange.9'} data-testid="status-reason">
          {t(meeting.status === 'cancelled' ? 'meetings.cancelledBecause' : 'meetings.postponedBecause', { reason: meeting.statusReason })}
        </Text>
      ) : null}
      <dl className={classes.factGrid}>
        <Fact label={t('meetings.when')} testId="meeting-dates">
          <MeetingWhen meeting={meeting} showChanges testId="meeting-when" />
        </Fact>
        <Fact label={t('meetings.where')}>
          <Stack gap={2}>
            {meeting.city || meeting.venue ? (
              <Text size="sm">{[meeting.venue, meeting.city].filter(Boolean).join(', ')}</Text>
            ) : (
              <Text size="sm" c="dimmed">
                {t('meetings.placeToBeSet')}
              </Text>
            )}
            {meeting.host ? (
              <Text size="sm" c="dimmed">
                {t('group.host', { committee: meeting.host.name })}
              </Text>
            ) : null}
          </Stack>
        </Fact>
        <Fact label={t('meetings.howHeld')}>
          <Stack gap={4}>
            <div>
              <FormatBadge format={meeting.format} />
            </div>
            {meeting.format !== 'in_person' && meeting.onlineUrl ? (
              <Anchor href={meeting.onlineUrl} target="_blank" rel="noopener noreferrer" size="sm" className={classes.reason} data-testid="online-link">
                {t('meetings.joinOnline')}
              </Anchor>
            ) : meeting.format !== 'in_person' ? (
              <Text size="sm" c="dimmed">
                {t('meetings.linkToBeSent')}
              </Text>
            ) : null}
          </Stack>
        </Fact>
        <Fact label={t('meetings.attributionRule')} testId="meeting-attribution">
          <Text size="sm">
            <Text span fw={600} size="sm">
              {t(`meetings.attribution.${meeting.attribution}.label`)}
            </Text>
            {' — '}
            {t(`meetings.attribution.${meeting.attribution}.explain`)}
          </Text>
        </Fact>
      </dl>
    </header>
  );
}

function MeetingTabs({ slug, meeting }: { slug: string; meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const materials = useMaterials(slug, meeting.id);
  const base = `/groups/${slug}/meetings/${meeting.id}`;
  const rest = pathname.startsWith(base) ? pathname.slice(base.length).replace(/\/$/, '') : '';
  const nav = useRef<HTMLElement>(null);
  // On a narrow screen the tabs scroll sideways: keep the open one in sight (the page itself does not move).
  useEffect(() => {
    const el = nav.current;
    const link = el?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!el || !link) return;
    const box = link.getBoundingClientRect();
    const frame = el.getBoundingClientRect();
    if (box.right > frame.right || box.left < frame.left) el.scrollLeft += box.left - frame.left - 16;
  }, [rest]);
  const label = (key: MeetingTab) => (key === 'materials' ? t('materials.tab') : key === 'report' ? t('report.tab') : t(`meetings.tabs.${key}`));
  const count = (key: MeetingTab): number | null => {
    if (key === 'timetable') return meeting.sessions.length;
    if (key === 'attendance') return meeting.attendance.invited;
    if (key === 'materials') return materials.data ? materials.data.items.filter((m) => !m.withdrawnAt).length : null;
    return null;
  };
  return (
    <nav ref={nav} aria-label={t('meetings.tabsLabel')} className={classes.tabs}>
      <ul className={classes.tabList}>
        {MEETING_TABS.map((tab) => {
          const active = rest === tab.path;
          const n = count(tab.key);
          return (
            <li key={tab.key}>
              <Link to={`${base}${tab.path}`} className={classes.tab} data-active={active || undefined} aria-current={active ? 'page' : undefined} data-testid={`meeting-tab-${tab.key}`}>
                {label(tab.key)}
                {n !== null ? <span className={classes.tabCount}>{n}</span> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
