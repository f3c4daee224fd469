import { Badge, Button, Group, Paper, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INVITATION_STATUSES, type InvitationStatus, type InvitationView } from '../../../core/memberships';
import { groupMutations, refreshGroup, useInvitations } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { currentLocale } from '../../i18n';
import { RoleBadge } from '../Group/RoleBadge';
import classes from './Members.module.css';

const STATUS_COLORS: Record<InvitationStatus, string> = { open: 'blue', accepted: 'green', revoked: 'gray', expired: 'orange' };

/** The group's invitations (open by default), each with its status; an open one can be revoked. */
export function InvitationsSection({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<InvitationStatus | 'all'>('open');
  const invitations = useInvitations(slug, status);
  const [revoking, setRevoking] = useState<InvitationView | null>(null);

  return (
    <section aria-labelledby="invitations-title" className={classes.section}>
      <Group justify="space-between" align="flex-end" gap="sm" mb="sm" wrap="wrap">
        <Title order={2} size="h3" id="invitations-title">
          {t('members.invitations')}
        </Title>
        <SegmentedControl
          size="xs"
          value={status}
          onChange={(v) => setStatus(v as InvitationStatus | 'all')}
          data={[...INVITATION_STATUSES.map((s) => ({ value: s, label: t(`members.invitationStatus.${s}`) })), { value: 'all', label: t('members.allInvitations') }]}
          aria-label={t('members.invitationFilter')}
        />
      </Group>
      {invitations.isError ? <ErrorAlert error={invitations.error} onRetry={() => void invitations.refetch()} /> : null}
      {invitations.isPending ? (
        <Skeleton height={72} radius="md" />
      ) : invitations.data && invitations.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {status === 'open' ? t('members.noOpenInvitations') : t('members.noInvitations')}
        </Text>
      ) : invitations.data ? (
        <Paper withBorder radius="md">
          <ul className={classes.rows} aria-busy={invitations.isFetching}>
            {invitations.data.items.map((inv) => (
              <li key={inv.id} className={classes.row} data-testid="invitation">
                <InvitationRow invitation={inv} onRevoke={() => setRevoking(inv)} />
              </li>
            ))}
          </ul>
        </Paper>
      ) : null}
      <ConfirmModal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('members.revokeTitle')}
        message={revoking ? t('members.revokeMessage', { email: revoking.email }) : ''}
        confirmLabel={t('members.revoke')}
        onConfirm={async () => {
          if (!revoking) return;
          await groupMutations.revokeInvitation(slug, revoking.id);
          await refreshGroup(queryClient, slug);
        }}
      />
    </section>
  );
}

function InvitationRow({ invitation: inv, onRevoke }: { invitation: InvitationView; onRevoke: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const when =
    inv.status === 'accepted' && inv.acceptedAt
      ? t('members.acceptedOn', { date: formatDate(inv.acceptedAt, locale) })
      : inv.status === 'revoked' && inv.revokedAt
        ? t('members.revokedOn', { date: formatDate(inv.revokedAt, locale) })
        : inv.status === 'expired'
          ? t('members.expiredOn', { date: formatDate(inv.expiresAt, locale) })
          : t('members.expiresOn', { date: formatDate(inv.expiresAt, locale) });
  return (
    <Group justify="space-between" align="flex-start" gap="sm" wrap="nowrap">
      <Stack gap={4} style={{ minWidth: 0 }}>
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={550} lang="en" className={classes.email}>
            {inv.email}
          </Text>
          <Badge size="xs" variant="dot" color={STATUS_COLORS[inv.status]} radius="sm" tt="none">
            {t(`members.invitationStatus.${inv.status}`)}
          </Badge>
        </Group>
        <Group gap={6} wrap="wrap">
          <RoleBadge role={inv.role} size="xs" />
          {inv.committee ? (
            <Text size="xs" c="dimmed" lang="en">
              {inv.committee.name}
            </Text>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed">
          {inv.invitedBy ? t('members.invitedBy', { name: inv.invitedBy.displayName, date: formatDate(inv.createdAt, locale) }) : t('members.invitedOn', { date: formatDate(inv.createdAt, locale) })}
          {' · '}
          {when}
        </Text>
      </Stack>
      {inv.status === 'open' ? (
        <Button size="compact-sm" variant="default" onClick={onRevoke} aria-label={t('members.revokeFor', { email: inv.email })}>
          {t('members.revoke')}
        </Button>
      ) : null}
    </Group>
  );
}
