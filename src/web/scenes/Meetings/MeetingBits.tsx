import { Badge, Group, Text, Tooltip } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AttributionRule, MeetingFormat, MeetingView } from '../../../core/meetings';
import { MEETING_STATUSES, type MeetingStatus } from '../../../core/roles';
import { formatMonth } from '../../components/format';
import { MeetingStatusBadge } from '../../components/StatusBadge';
import { ZonedSpan } from '../../components/time/ZonedTime';
import { currentLocale } from '../../i18n';
import classes from './Meetings.module.css';

/** The meeting's own title, else 'Meeting 5'. */
export function meetingTitle(t: TFunction, meeting: Pick<MeetingView, 'title' | 'sequence'>): string {
  return meeting.title?.trim() || t('group.meetingNumber', { number: meeting.sequence });
}

export function isMeetingStatus(status: string): status is MeetingStatus {
  return (MEETING_STATUSES as readonly string[]).includes(status);
}

/** The status, and for a postponed or cancelled meeting the reason given, so nobody has to ask. */
export function MeetingStatusLine({ meeting, withReason = true }: { meeting: Pick<MeetingView, 'status' | 'statusReason'>; withReason?: boolean }) {
  const { t } = useTranslation();
  const status = meeting.status;
  return (
    <Group gap={6} wrap="wrap" align="baseline" data-testid="meeting-status" data-status={status}>
      {isMeetingStatus(status) ? <MeetingStatusBadge status={status} /> : <Badge variant="light">{status}</Badge>}
      {withReason && meeting.statusReason && (status === 'postponed' || status === 'cancelled') ? (
        <Text size="sm" c={status === 'cancelled' ? 'red.8' : 'orange.9'} className={classes.reason}>
          {t('meetings.reason', { reason: meeting.statusReason })}
        </Text>
      ) : null}
    </Group>
  );
}

const ATTRIBUTION_COLORS: Record<AttributionRule, string> = { chatham_house: 'grape', on_record: 'blue', closed: 'dark' };

/** 'Chatham House Rule', with what it means on hover (and said in full on the meeting's page). */
export function AttributionBadge({ rule }: { rule: AttributionRule }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t(`meetings.attribution.${rule}.explain`)} multiline maw={320} withArrow events={{ hover: true, focus: true, touch: true }}>
      <Badge color={ATTRIBUTION_COLORS[rule]} variant="outline" radius="sm" tt="none" tabIndex={0} data-testid="attribution-badge">
        {t(`meetings.attribution.${rule}.label`)}
      </Badge>
    </Tooltip>
  );
}

export function FormatBadge({ format }: { format: MeetingFormat }) {
  const { t } = useTranslation();
  return (
    <Badge color="gray" variant="light" radius="sm" tt="none">
      {t(`meetings.format.${format}`)}
    </Badge>
  );
}

/** The viewer's own answer, or that they have not answered yet; nothing when not invited. */
export function MyAnswer({ meeting }: { meeting: Pick<MeetingView, 'myAttendance'> }) {
  const { t } = useTranslation();
  const mine = meeting.myAttendance;
  if (!mine.invited) return null;
  return (
    <Text size="sm" data-testid="my-answer" data-answer={mine.response ?? 'none'}>
      <Text span c="dimmed" size="sm">
        {t('meetings.myAnswer')}
      </Text>{' '}
      {mine.response ? (
        <Text span fw={600} size="sm">
          {t(`meetings.answers.${mine.response}`)}
        </Text>
      ) : (
        <Text span fw={600} size="sm" c="orange.9">
          {t('meetings.notAnswered')}
        </Text>
      )}
    </Text>
  );
}

/** When a meeting is held: both zones when its dates are set, else the month it is planned for. */
export function MeetingWhen({ meeting, withYear = true, showChanges = false, testId }: { meeting: Pick<MeetingView, 'start' | 'end' | 'timeZone' | 'plannedMonth' | 'city'>; withYear?: boolean; showChanges?: boolean; testId?: string }) {
  const { t } = useTranslation();
  if (meeting.start) {
    return <ZonedSpan start={meeting.start.instant} end={meeting.end?.instant ?? null} zone={meeting.timeZone ?? 'UTC'} place={meeting.city} withYear={withYear} showChanges={showChanges} testId={testId} />;
  }
  if (meeting.plannedMonth) return <Text size="sm">{t('group.plannedFor', { month: formatMonth(meeting.plannedMonth, currentLocale()) })}</Text>;
  return (
    <Text size="sm" c="dimmed">
      {t('group.datesToBeSet')}
    </Text>
  );
}
