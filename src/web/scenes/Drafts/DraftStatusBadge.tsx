import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DraftStatus } from '../../../core/drafts';

const COLORS: Record<DraftStatus, string> = {
  draft: 'gray',
  under_discussion: 'blue',
  proposed: 'violet',
  adopted: 'green',
  noted: 'teal',
  dropped: 'red',
};

export function DraftStatusBadge({ status }: { status: DraftStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" radius="sm" tt="none" data-testid="draft-status" data-status={status}>
      {t(`drafts.status.${status}`)}
    </Badge>
  );
}
