import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MeetingView } from '../../../core/study-groups';
import { useSession } from '../../api/queries';
import { formatMonth, formatRange } from '../../components/format';
import { CalendarIcon, MapPinIcon } from '../../components/icons';
import { MeetingStatusBadge } from '../../components/StatusBadge';
import { currentLocale } from '../../i18n';
import classes from './GroupScene.module.css';

function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function MeetingWhen({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const viewerZone = useSession().data?.user?.timeZone ?? browserZone();
  if (meeting.startsAt) {
    const zone = meeting.timeZone ?? 'UTC';
    return (
      <Stack gap={2}>
        <Text size="sm">
          {formatRange(meeting.startsAt, meeting.endsAt, locale, zone)}{' '}
          <Text span size="xs" c="dimmed">
            {t('group.localTime', { zone })}
          </Text>
        </Text>
        {viewerZone !== zone ? (
          <Text size="xs" c="dimmed">
            {t('group.yourTime', { zone: viewerZone })}: {formatRange(meeting.startsAt, meeting.endsAt, locale, viewerZone)}
          </Text>
        ) : null}
      </Stack>
    );
  }
  if (meeting.plannedMonth) return <Text size="sm">{t('group.plannedFor', { month: formatMonth(meeting.plannedMonth, locale) })}</Text>;
  return (
    <Text size="sm" c="dimmed">
      {t('group.datesToBeSet')}
    </Text>
  );
}

export function MeetingsSection({ meetings }: { meetings: MeetingView[] }) {
  const { t } = useTranslation();
  if (!meetings.length) {
    return (
      <Text size="sm" c="dimmed">
        {t('group.noMeetings')}
      </Text>
    );
  }
  return (
    <Stack gap="sm" component="ol" className={classes.plainList}>
      {meetings.map((m) => (
        <li key={m.id}>
          <Paper withBorder radius="md" p="md" className={classes.meeting}>
            <div className={classes.meetingNumber} aria-hidden="true">
              {m.sequence}
            </div>
            <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
              <Group justify="space-between" gap="xs" wrap="wrap">
                <Title order={3} size="h4">
                  {t('group.meetingNumber', { number: m.sequence })}
                </Title>
                <MeetingStatusBadge status={m.status} />
              </Group>
              <Group gap="lg" wrap="wrap">
                {m.host ? (
                  <Text size="sm" c="dimmed">
                    {t('group.host', { committee: m.host.name })}
                  </Text>
                ) : null}
                {m.city ? (
                  <Group gap={4} wrap="nowrap">
                    <MapPinIcon size={15} color="var(--mantine-color-dimmed)" />
                    <Text size="sm" lang="en">
                      {m.city}
                    </Text>
                  </Group>
                ) : null}
                <Group gap={4} wrap="nowrap" align="flex-start">
                  <CalendarIcon size={15} color="var(--mantine-color-dimmed)" style={{ marginTop: 3 }} />
                  <MeetingWhen meeting={m} />
                </Group>
              </Group>
            </Stack>
          </Paper>
        </li>
      ))}
    </Stack>
  );
}
