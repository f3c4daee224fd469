import { Badge, Button, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { forgetSignedInUser, useMe, useMySessions } from '../../api/queries';
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
  const locale = currentLocale();

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
          {sessions.data.map((s, i) => (
            <Paper component="li" key={`${s.createdAt}-${i}`} withBorder radius="sm" px="md" py="sm" bg={s.current ? 'navy.0' : undefined}>
              <Group justify="space-between" gap="xs" wrap="wrap">
                <div>
                  <Group gap="xs">
                    <Text size="sm" fw={550} lang="en">
                      {s.userAgent ? describeUserAgent(s.userAgent) : t('account.unknownDevice')}
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
    </AccountSection>
  );
}
