import { Button, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ATTENDANCE_RESPONSES, type AttendanceResponse, type MeetingDetail } from '../../../core/meetings';
import type { GroupOverview } from '../../../core/study-groups';
import { meetingMutations, refreshMeeting } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNow } from '../../components/time/useViewerZone';
import classes from './Meetings.module.css';

/** The answers that make sense for how the meeting is held: no 'in person' for a virtual one. */
function answersFor(meeting: MeetingDetail): AttendanceResponse[] {
  if (meeting.format === 'virtual') return ['remote', 'not_attending'];
  if (meeting.format === 'in_person') return ['in_person', 'not_attending'];
  return [...ATTENDANCE_RESPONSES];
}

/** Answers are taken while a meeting is still to come (or under way), not once it is over. */
function stillOpen(meeting: MeetingDetail, now: number): boolean {
  if (meeting.status === 'planned' || meeting.status === 'postponed') return true;
  return meeting.status === 'convened' && (!meeting.end || Date.parse(meeting.end.instant) > now);
}

/** The viewer's invitation: will they come in person, join remotely, or not attend? */
export function MyInvitation({ group, meeting }: { group: GroupOverview; meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mine = meeting.myAttendance;
  const now = useNow();
  const canAnswer = group.allowedActions.includes('meetings.attend') && stillOpen(meeting, now);
  const answer = useMutation({
    mutationFn: (response: AttendanceResponse) => meetingMutations.respond(group.slug, meeting.id, response),
    onSuccess: (detail) => refreshMeeting(queryClient, group.slug, detail),
  });

  if (!mine.invited) {
    if (!group.allowedActions.includes('meetings.attend') || meeting.status !== 'planned') return null;
    return (
      <Text size="sm" c="dimmed" data-testid="not-invited">
        {t('meetings.invitation.notInvited')}
      </Text>
    );
  }
  const current = answer.isPending ? answer.variables : mine.response;
  return (
    <Paper withBorder radius="md" p="md" className={classes.invitation} component="section" aria-labelledby="my-invitation-title" data-testid="my-invitation">
      <Stack gap="sm">
        <div>
          <Text fw={600} id="my-invitation-title">
            {t('meetings.invitation.title')}
          </Text>
          <Text size="sm" c="dimmed" role="status" data-testid="my-invitation-state">
            {meeting.status === 'cancelled'
              ? t('meetings.invitation.cancelled')
              : mine.response
                ? canAnswer
                  ? t('meetings.invitation.answered', { answer: t(`meetings.answers.${mine.response}`) })
                  : t('meetings.invitation.answeredClosed', { answer: t(`meetings.answers.${mine.response}`) })
                : canAnswer
                  ? t('meetings.invitation.question')
                  : t('meetings.invitation.closedUnanswered')}
          </Text>
        </div>
        {canAnswer ? (
          <div className={classes.answers} role="group" aria-labelledby="my-invitation-title">
            {answersFor(meeting).map((r) => (
              <Button
                key={r}
                variant={current === r ? 'filled' : 'default'}
                color={r === 'not_attending' && current === r ? 'gray' : 'navy'}
                aria-pressed={current === r}
                onClick={() => answer.mutate(r)}
                loading={answer.isPending && answer.variables === r}
                data-testid={`answer-${r}`}
              >
                {t(`meetings.answerButtons.${r}`)}
              </Button>
            ))}
          </div>
        ) : null}
        {answer.isError ? <ErrorAlert error={answer.error} /> : null}
      </Stack>
    </Paper>
  );
}
