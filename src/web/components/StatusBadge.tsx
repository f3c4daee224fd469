import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MeetingStatus, StudyGroupStatus } from '../../core/roles';

/**
 * A badge whose words wrap instead of being cut ("보…", "联…" at 375 px): for labels that must
 * be read whole, a role or a position.
 */
export const WRAPPING_BADGE = { root: { whiteSpace: 'normal', height: 'auto', minHeight: 22, paddingBlock: 2, maxWidth: '100%' }, label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip' } } as const;

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
