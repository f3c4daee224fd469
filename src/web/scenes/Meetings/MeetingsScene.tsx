import { Anchor, Button, Group, Modal, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { MeetingView } from '../../../core/meetings';
import { recordKeys, recordMutations, useMeetings } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CalendarIcon, MapPinIcon } from '../../components/icons';
import { offsetLabel, zonePlace } from '../../components/time/zones';
import { useNow, useViewerZone } from '../../components/time/useViewerZone';
import { textLang } from '../../components/text-lang';
import { currentLocale } from '../../i18n';
import { FeedAddress } from '../Account/CalendarSection';
import { useGroupContext } from '../Group/context';
import { AttributionBadge, FormatBadge, meetingTitle, MeetingStatusLine, MeetingWhen, MyAnswer } from './MeetingBits';
import { MeetingFormModal } from './MeetingForm';
import classes from './Meetings.module.css';

/** The group's meetings in order, each in its own zone and the viewer's; co-chairs plan new ones here. */
export function MeetingsScene() {
  const { t } = useTranslation();
  const { group } = useGroupContext();
  const navigate = useNavigate();
  const meetings = useMeetings(group.slug);
  const canManage = group.allowedActions.includes('meetings.manage');
  const [planning, setPlanning] = useState(false);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <div className={classes.headingText}>
          <Title order={2} className={classes.sceneTitle}>
            {t('meetings.title')}
          </Title>
          <YourZoneNote />
        </div>
        <Group gap="sm" wrap="wrap">
          <SubscribeButton slug={group.slug} />
          {canManage ? (
            <Button onClick={() => setPlanning(true)} data-testid="plan-meeting">
              {t('meetings.plan')}
            </Button>
          ) : null}
        </Group>
      </Group>

      {meetings.isError ? <ErrorAlert error={meetings.error} onRetry={() => void meetings.refetch()} /> : null}
      {meetings.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label={t('app.loading')}>
          <Skeleton height={120} radius="md" />
          <Skeleton height={120} radius="md" />
        </Stack>
      ) : meetings.data?.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('group.noMeetings')}
        </Text>
      ) : meetings.data ? (
        <Stack gap="sm" component="ol" className={classes.plainList} data-testid="meeting-list">
          {meetings.data.map((m) => (
            <li key={m.id}>
              <MeetingCard slug={group.slug} meeting={m} />
            </li>
          ))}
        </Stack>
      ) : null}

      {planning ? <MeetingFormModal group={group} onClose={() => setPlanning(false)} onSaved={(m) => void navigate(`/groups/${group.slug}/meetings/${m.id}`)} /> : null}
    </Stack>
  );
}

/**
 * A calendar feed of this group's meetings for the viewer's calendar app: made on request, its
 * secret address shown once, with how to subscribe; managed (and revoked) on the account page.
 */
function SubscribeButton({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const create = useMutation({
    mutationFn: () => recordMutations.createCalendarFeed(slug),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: recordKeys.calendarFeeds }),
  });
  const close = () => {
    setOpen(false);
    create.reset();
  };
  return (
    <>
      <Button variant="default" leftSection={<CalendarIcon size={16} />} onClick={() => setOpen(true)} data-testid="subscribe-calendar">
        {t('calendars.subscribe')}
      </Button>
      <Modal opened={open} onClose={close} centered radius="md" size="lg" title={<Text fw={600}>{t('calendars.subscribeTitle')}</Text>} data-testid="subscribe-dialog">
        <Stack gap="md">
          {create.data ? (
            <FeedAddress feed={create.data} />
          ) : (
            <Text size="sm">{t('calendars.subscribeBody')}</Text>
          )}
          {create.isError ? <ErrorAlert error={create.error} /> : null}
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Anchor component={Link} to="/account#calendars" size="sm" onClick={close}>
              {t('calendars.manage')}
            </Anchor>
            {create.data ? (
              <Button onClick={close}>{t('common.close')}</Button>
            ) : (
              <Group gap="sm">
                <Button variant="default" onClick={close}>
                  {t('common.cancel')}
                </Button>
                <Button onClick={() => create.mutate()} loading={create.isPending} data-testid="subscribe-create">
                  {t('calendars.create')}
                </Button>
              </Group>
            )}
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** "Times are shown in each meeting's zone and in yours: Seoul (UTC+09:00). Change it in Account." */
export function YourZoneNote() {
  const { t } = useTranslation();
  const zone = useViewerZone();
  const now = useNow();
  return (
    <Text size="sm" c="dimmed" data-testid="your-zone">
      {t('meetings.yourZone', { place: zonePlace(zone, currentLocale()), offset: offsetLabel(now, zone) })}{' '}
      <Anchor component={Link} to="/account" size="sm">
        {t('meetings.changeZone')}
      </Anchor>
    </Text>
  );
}

function MeetingCard({ slug, meeting }: { slug: string; meeting: MeetingView }) {
  const { t } = useTranslation();
  const title = meetingTitle(t, meeting);
  const numbered = t('group.meetingNumber', { number: meeting.sequence });
  return (
    <Paper withBorder radius="md" p="md" className={classes.card} data-testid="meeting-card" data-sequence={meeting.sequence} data-status={meeting.status}>
      <div className={classes.number} aria-hidden="true">
        {meeting.sequence}
      </div>
      <Stack gap={8} className={classes.cardBody}>
        <Group justify="space-between" gap="xs" wrap="wrap" align="flex-start">
          <div className={classes.cardTitle}>
            {meeting.title ? (
              <Text size="xs" c="dimmed" fw={600} className={classes.caps}>
                {numbered}
              </Text>
            ) : null}
            <Title order={3} size="h4">
              <Anchor component={Link} to={`/groups/${slug}/meetings/${meeting.id}`} className={classes.titleLink} lang={meeting.title ? textLang(meeting.title) : undefined}>
                {title}
              </Anchor>
            </Title>
          </div>
          <MeetingStatusLine meeting={meeting} withReason={false} />
        </Group>
        {meeting.statusReason && (meeting.status === 'postponed' || meeting.status === 'cancelled') ? (
          <Text size="sm" c={meeting.status === 'cancelled' ? 'red.8' : 'orange.9'}>
            {t('meetings.reason', { reason: meeting.statusReason })}
          </Text>
        ) : null}
        <Group gap="md" wrap="wrap" className={classes.facts}>
          {meeting.host ? (
            <Text size="sm" c="dimmed">
              {t('group.host', { committee: meeting.host.name })}
            </Text>
          ) : null}
          {meeting.city ? (
            <Group gap={4} wrap="nowrap">
              <MapPinIcon size={15} color="var(--mantine-color-dimmed)" />
              <Text size="sm">{meeting.city}</Text>
            </Group>
          ) : null}
          <FormatBadge format={meeting.format} />
          <AttributionBadge rule={meeting.attribution} />
        </Group>
        <MeetingWhen meeting={meeting} testId="meeting-when" />
        <MyAnswer meeting={meeting} />
      </Stack>
    </Paper>
  );
}
