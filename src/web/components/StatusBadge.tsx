import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MeetingStatus, StudyGroupStatus } from '../../core/roles';

const GROUP_COLORS: Record<StudyGroupStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  returned: 'orange',
  approved: 'teal',
  rejected: 'red',
  withdrawn: 'gray',
  active: 'green',
  concluding: 'violet',
  concluded: 'dark',
};

const MEETING_COLORS: Record<MeetingStatus, string> = {
  planned: 'blue',
  convened: 'green',
  report_drafting: 'yellow',
  report_circulated: 'violet',
  report_final: 'teal',
  postponed: 'orange',
  cancelled: 'red',
};

export function GroupStatusBadge({ status, size = 'md' }: { status: StudyGroupStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={GROUP_COLORS[status]} variant="light" size={size} radius="sm" tt="none">
      {t(`status.${status}`)}
    </Badge>
  );
}

export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={MEETING_COLORS[status]} variant="light" radius="sm" tt="none">
      {t(`meetingStatus.${status}`)}
    </Badge>
  );
}
