import { Badge, Button, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SessionListItem } from '../../../core/accounts';
import { api } from '../../api/client';
import { endSession, forgetSignedInUser, useMe, useMySessions } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { describeUserAgent, formatDateTime } from '../../components/format';
import { markSignedOutOnPurpose } from '../../components/guards';
import { currentLocale } from '../../i18n';
import { AccountSection } from './AccountScene';

export function SessionsSection() {
  const { t } = useTranslation();
  const me = useMe();
  const sessions = useMySessions();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirming, { open, close }] = useDisclosure(false);
  const [ending, setEnding] = useState<SessionListItem | null>(null);
  const locale = currentLocale();
  const device = (s: SessionListItem) => (s.userAgent ? describeUserAgent(s.userAgent) : t('account.unknownDevice'));

  const signOutEverywhere = async () => {
    await api<{ ended: number }>('DELETE', '/api/sessions');
    markSignedOutOnPurpose();
    forgetSignedInUser(queryClient);
    void navigate('/sign-in', { replace: true, state: { signedOut: true } });
  };

  return (
    <AccountSection id="sessions" title={t('account.sessions')} intro={t('account.sessionsIntro')}>
      {sessions.isPending ? <Skeleton height={64} /> : null}
      {sessions.isError ? <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} /> : null}
      {sessions.data ? (
        <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {sessions.data.map((s) => (
            <Paper component="li" key={s.id} withBorder radius="sm" px="md" py="sm" bg={s.current ? 'navy.0' : undefined}>
              <Group justify="space-between" gap="xs" wrap="wrap">
                <div>
                  <Group gap="xs">
                    <Text size="sm" fw={550} lang={s.userAgent ? 'en' : undefined}>
                      {device(s)}
                    </Text>
                    {s.current ? (
                      <Badge size="sm" variant="filled" color="navy" radius="sm" tt="none">
                        {t('account.thisDevice')}
                      </Badge>
                    ) : null}
                  </Group>
                  <Text size="xs" c="dimmed" mt={2}>
                    {t('account.signedInAt', { date: formatDateTime(s.createdAt, locale, me.timeZone) })} · {t('account.lastSeen', { date: formatDateTime(s.lastSeenAt, locale, me.timeZone) })}
                  </Text>
                </div>
                {!s.current ? (
                  <Button
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    onClick={() => setEnding(s)}
                    aria-label={t('account.signOutDeviceLabel', { device: device(s), date: formatDateTime(s.lastSeenAt, locale, me.timeZone) })}
                  >
                    {t('account.signOutDevice')}
                  </Button>
                ) : null}
              </Group>
            </Paper>
          ))}
        </Stack>
      ) : null}
      <Group>
        <Button variant="outline" color="red" onClick={open}>
          {t('account.signOutEverywhere')}
        </Button>
      </Group>
      <ConfirmModal
        opened={confirming}
        onClose={close}
        title={t('account.signOutEverywhere')}
        message={t('account.signOutEverywhereConfirm')}
        confirmLabel={t('account.signOutEverywhere')}
        onConfirm={signOutEverywhere}
      />
      <ConfirmModal
        opened={ending !== null}
        onClose={() => setEnding(null)}
        title={t('account.signOutDeviceTitle')}
        message={ending ? t('account.signOutDeviceConfirm', { device: device(ending) }) : ''}
        confirmLabel={t('account.signOutDevice')}
        onConfirm={() => (ending ? endSession(queryClient, ending) : Promise.resolve())}
      />
    </AccountSection>
  );
}
