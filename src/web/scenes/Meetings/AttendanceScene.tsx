import { Alert, Badge, Button, Group, Modal, Paper, Select, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUP_ROLES, type GroupRole } from '../../../core/roles';
import { meetingKeys, meetingMutations, refreshMeeting, useMeetingAttendance, type AttendedAs, type MeetingAttendanceEntry } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PersonName } from '../../components/PersonName';
import { useNow } from '../../components/time/useViewerZone';
import { RoleBadges } from '../Group/RoleBadge';
import { useMeetingContext } from './context';
import classes from './Attendance.module.css';

const isRole = (r: string): r is GroupRole => (GROUP_ROLES as readonly string[]).includes(r);

/** Who is invited and what they answered, by delegation, observers apart; those who plan record who came. */
export function AttendanceScene() {
  const { t } = useTranslation();
  const { group, meeting, canManage } = useMeetingContext();
  const list = useMeetingAttendance(group.slug, meeting.id);
  const [inviting, setInviting] = useState(false);
  const [invited, setInvited] = useState<number | null>(null);
  const now = useNow();
  // Who came is recorded once the meeting has begun (or was held).
  const recordable = canManage && (['convened', 'report_drafting', 'report_circulated', 'report_final'].includes(meeting.status) || (meeting.start !== null && Date.parse(meeting.start.instant) <= now));
  const canInvite = canManage && !['cancelled', 'report_final'].includes(meeting.status);

  return (
    <Stack gap="lg" data-testid="attendance">
      <Group justify="space-between" align="flex-end" gap="sm" wrap="wrap">
        <div>
          <Title order={3} className={classes.title}>
            {t('meetings.attendance.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('meetings.attendance.intro')}
          </Text>
        </div>
        {canInvite ? (
          <Button onClick={() => setInviting(true)} data-testid="invite-all">
            {t('meetings.attendance.inviteAll')}
          </Button>
        ) : null}
      </Group>
      {invited !== null ? (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setInvited(null)} data-testid="invited-notice">
          {invited ? t('meetings.attendance.invitedCount', { count: invited }) : t('meetings.attendance.invitedNone')}
        </Alert>
      ) : null}

      <Summary summary={list.data?.summary ?? meeting.attendance} />

      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label={t('app.loading')}>
          <Skeleton height={140} radius="md" />
          <Skeleton height={140} radius="md" />
        </Stack>
      ) : list.data && list.data.summary.invited === 0 ? (
        <Text size="sm" c="dimmed">
          {canInvite ? t('meetings.attendance.noneInvitedManager') : t('meetings.attendance.noneInvited')}
        </Text>
      ) : list.data ? (
        <Stack gap="lg">
          {list.data.delegations.map((d) => (
            <PeopleTable key={d.committee.id} title={d.committee.name} people={d.people} recordable={recordable} testId={`delegation-${d.committee.code}`} />
          ))}
          {list.data.observers.length ? <PeopleTable title={t('meetings.attendance.observers')} note={t('meetings.attendance.plus')} people={list.data.observers} recordable={recordable} testId="observers" /> : null}
          {list.data.others.length ? <PeopleTable title={t('meetings.attendance.others')} people={list.data.others} recordable={recordable} testId="others" /> : null}
        </Stack>
      ) : null}

      {inviting ? <InviteAllModal onClose={() => setInviting(false)} onDone={setInvited} /> : null}
    </Stack>
  );
}

function Summary({ summary }: { summary: { invited: number; inPerson: number; remote: number; notAttending: number; noAnswer: number } }) {
  const { t } = useTranslation();
  const items = [
    { key: 'invited', value: summary.invited, label: t('meetings.attendance.summary.invited') },
    { key: 'inPerson', value: summary.inPerson, label: t('meetings.answers.in_person') },
    { key: 'remote', value: summary.remote, label: t('meetings.answers.remote') },
    { key: 'notAttending', value: summary.notAttending, label: t('meetings.answers.not_attending') },
    { key: 'noAnswer', value: summary.noAnswer, label: t('meetings.attendance.summary.noAnswer') },
  ];
  return (
    <SimpleGrid cols={{ base: 2, xs: 3, sm: 5 }} spacing="sm" component="dl" className={classes.summary} data-testid="attendance-summary">
      {items.map((i) => (
        <Paper key={i.key} withBorder radius="md" p="sm" className={classes.stat} data-key={i.key}>
          <Text component="dd" fw={700} size="xl" className={classes.statValue} data-testid={`summary-${i.key}`}>
            {i.value}
          </Text>
          <Text component="dt" size="xs" c="dimmed">
            {i.label}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

const ANSWER_COLORS: Record<string, string> = { in_person: 'green', remote: 'blue', not_attending: 'gray' };

function PeopleTable({ title, note, people, recordable, testId }: { title: string; note?: string; people: MeetingAttendanceEntry[]; recordable: boolean; testId: string }) {
  const { t } = useTranslation();
  return (
    <section aria-label={title} data-testid={testId}>
      <Group gap="xs" align="baseline" mb={4}>
        <Title order={4} className={classes.groupTitle}>
          {title}
        </Title>
      </Group>
      {note ? (
        <Text size="xs" c="dimmed" mb={6}>
          {note}
        </Text>
      ) : null}
      <Table verticalSpacing="xs" className={classes.table} data-recordable={recordable || undefined}>
          <colgroup>
            <col className={classes.colPerson} />
            <col className={classes.colAnswer} />
            {recordable ? <col className={classes.colAttended} /> : null}
          </colgroup>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('meetings.attendance.person')}</Table.Th>
              <Table.Th>{t('meetings.attendance.answer')}</Table.Th>
              {recordable ? <Table.Th>{t('meetings.attendance.attended')}</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.map((p) => (
              <Table.Tr key={p.person.id} data-testid="attendance-row" data-observer={p.observer || undefined}>
                <Table.Td>
                  <Stack gap={4}>
                    <PersonName names={p.person.names} displayName={p.person.displayName} size="sm" />
                    <RoleBadges roles={p.roles.filter(isRole)} size="xs" withObserverNote={p.observer} />
                  </Stack>
                </Table.Td>
                <Table.Td className={classes.answerCell}>
                  {p.response ? (
                    <Badge color={ANSWER_COLORS[p.response]} variant="light" radius="sm" tt="none" data-testid="attendance-answer" data-answer={p.response}>
                      {t(`meetings.answers.${p.response}`)}
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed" data-testid="attendance-answer" data-answer="none">
                      {t('meetings.attendance.summary.noAnswer')}
                    </Text>
                  )}
                </Table.Td>
                {recordable ? (
                  <Table.Td className={classes.attendedCell}>
                    <AttendedSelect entry={p} />
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
      </Table>
    </section>
  );
}

/** For the record: did they take part, in person or remotely, or not? */
function AttendedSelect({ entry }: { entry: MeetingAttendanceEntry }) {
  const { t } = useTranslation();
  const { group, meeting } = useMeetingContext();
  const queryClient = useQueryClient();
  const record = useMutation({
    mutationFn: (value: AttendedAs | null) => meetingMutations.recordAttended(group.slug, meeting.id, entry.person.id, value),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meetingKeys.attendance(group.slug, meeting.id) }),
  });
  const value = record.isPending ? (record.variables ?? null) : entry.attended;
  return (
    <Stack gap={4}>
      <Select
        size="xs"
        w={170}
        aria-label={t('meetings.attendance.attendedFor', { name: entry.person.displayName })}
        placeholder={t('meetings.attendance.notRecorded')}
        data={[
          { value: 'in_person', label: t('meetings.attendance.attendedAs.in_person') },
          { value: 'remote', label: t('meetings.attendance.attendedAs.remote') },
          { value: 'absent', label: t('meetings.attendance.attendedAs.absent') },
        ]}
        value={value}
        onChange={(v) => record.mutate(v as AttendedAs | null)}
        clearable
        comboboxProps={{ withinPortal: true }}
        data-testid="attended-select"
      />
      {record.isError ? <ErrorAlert error={record.error} /> : null}
    </Stack>
  );
}

function InviteAllModal({ onClose, onDone }: { onClose: () => void; onDone: (count: number) => void }) {
  const { t } = useTranslation();
  const { group, meeting } = useMeetingContext();
  const queryClient = useQueryClient();
  const invite = useMutation({
    mutationFn: () => meetingMutations.inviteAll(group.slug, meeting.id),
    onSuccess: async ({ invited }) => {
      await refreshMeeting(queryClient, group.slug);
      onDone(invited);
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} centered radius="md" title={<Text fw={600}>{t('meetings.attendance.inviteAllTitle')}</Text>}>
      <Stack gap="md">
        <Text size="sm">{t('meetings.attendance.inviteAllBody', { number: meeting.sequence })}</Text>
        {invite.isError ? <ErrorAlert error={invite.error} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => invite.mutate()} loading={invite.isPending} data-testid="confirm-invite-all">
            {t('meetings.attendance.inviteAllConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
