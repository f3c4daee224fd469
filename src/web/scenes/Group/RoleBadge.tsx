import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { roleRank } from '../../../core/memberships';
import type { GroupRole } from '../../../core/roles';
import { WRAPPING_BADGE } from '../../components/StatusBadge';

/** Roles that speak for a delegation stand out; observers ('Plus') are marked apart. */
const STYLE: Record<GroupRole, { color: string; variant: 'light' | 'outline' | 'filled' }> = {
  co_chair: { color: 'navy', variant: 'filled' },
  delegation_head: { color: 'navy', variant: 'light' },
  member: { color: 'gray', variant: 'light' },
  observer: { color: 'teal', variant: 'outline' },
  rapporteur: { color: 'gray', variant: 'outline' },
  delphi_facilitator: { color: 'gray', variant: 'outline' },
  secretariat: { color: 'gray', variant: 'outline' },
};

export function RoleBadge({ role, size = 'sm' }: { role: GroupRole; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const style = STYLE[role];
  return (
    <Badge color={style.color} variant={style.variant} size={size} radius="sm" tt="none" fw={600} styles={WRAPPING_BADGE}>
      {t(`roles.${role}`)}
    </Badge>
  );
}

/** A person's roles, highest first; an observer's carries the 'Plus' note beside it. */
export function RoleBadges({ roles, size = 'sm', hide = [], withObserverNote = false }: { roles: GroupRole[]; size?: 'xs' | 'sm'; hide?: GroupRole[]; withObserverNote?: boolean }) {
  const { t } = useTranslation();
  const shown = [...new Set(roles)].filter((r) => !hide.includes(r)).sort((a, b) => roleRank(a) - roleRank(b));
  if (!shown.length) return null;
  return (
    <Group gap={4} wrap="wrap">
      {shown.map((r) => (
        <RoleBadge key={r} role={r} size={size} />
      ))}
      {withObserverNote && shown.includes('observer') ? (
        <Text span size="xs" c="teal.8" fw={500}>
          {t('members.plusNote')}
        </Text>
      ) : null}
    </Group>
  );
}
