import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { MeetingView } from '../../../core/study-groups';
import { formatMonth } from '../../components/format';
import { CalendarIcon, MapPinIcon } from '../../components/icons';
import { MeetingStatusBadge } from '../../components/StatusBadge';
import { ZonedSpan } from '../../components/time/ZonedTime';
import { currentLocale } from '../../i18n';
import classes from './GroupScene.module.css';

/** When: both zones (the meeting's and the viewer's) once the dates are set, else the month or "to be set". */
function MeetingWhen({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (meeting.startsAt) return <ZonedSpan start={meeting.startsAt} end={meeting.endsAt} zone={meeting.timeZone ?? 'UTC'} place={meeting.city} withYear />;
  if (meeting.plannedMonth) return <Text size="sm">{t('group.plannedFor', { month: formatMonth(meeting.plannedMonth, locale) })}</Text>;
  return (
    <Text size="sm" c="dimmed">
      {t('group.datesToBeSet')}
    </Text>
  );
}

export function MeetingsSection({ meetings }: { meetings: MeetingView[] }) {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
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
                  <Anchor component={Link} to={`/groups/${slug}/meetings/${m.id}`} c="navy.9">
                    {t('group.meetingNumber', { number: m.sequence })}
                  </Anchor>
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
