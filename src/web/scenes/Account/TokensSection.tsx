import { Alert, Button, Code, CopyButton, Group, Paper, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiTokenView } from '../../../core/accounts';
import { LIMITS } from '../../../core/limits';
import { api } from '../../api/client';
import { keys, useMe, useTokens } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatDateTime } from '../../components/format';
import { AlertIcon, CheckIcon, CopyIcon } from '../../components/icons';
import { currentLocale } from '../../i18n';
import { AccountSection } from './AccountScene';

type Created = ApiTokenView & { token: string };

export function TokensSection() {
  const { t } = useTranslation();
  const me = useMe();
  const tokens = useTokens();
  const queryClient = useQueryClient();
  const locale = currentLocale();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<string>('90');
  const [created, setCreated] = useState<Created | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenView | null>(null);

  const create = useMutation({
    mutationFn: () => api<Created>('POST', '/api/me/tokens', { name: name.trim(), expiresInDays: expiry === 'never' ? null : Number(expiry) }),
    onSuccess: (token) => {
      setCreated(token);
      setName('');
      void queryClient.invalidateQueries({ queryKey: keys.tokens });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) create.mutate();
  };
  const revoke = async (token: ApiTokenView) => {
    await api('DELETE', `/api/me/tokens/${encodeURIComponent(token.id)}`);
    if (created?.id === token.id) setCreated(null);
    await queryClient.invalidateQueries({ queryKey: keys.tokens });
  };

  return (
    <AccountSection id="tokens" title={t('account.tokens')} intro={t('account.tokensIntro')}>
      {created ? (
        <Alert color="yellow" variant="light" icon={<AlertIcon />} title={t('account.tokenSecret', { name: created.name })} role="status">
          <Stack gap="xs">
            <Text size="sm">{t('account.tokenCreated')}</Text>
            <Group gap="xs" wrap="nowrap" align="stretch">
              <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} lang="en" data-testid="new-token">
                {created.token}
              </Code>
              <CopyButton value={created.token} timeout={2000}>
                {({ copied, copy }) => (
                  <Button variant={copied ? 'light' : 'filled'} color={copied ? 'teal' : 'navy'} onClick={copy} leftSection={copied ? <CheckIcon size={16} /> : <CopyIcon size={16} />}>
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Group justify="flex-end">
              <Button variant="subtle" size="compact-sm" onClick={() => setCreated(null)}>
                {t('common.close')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : null}

      <form onSubmit={submit}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('account.tokenName')}
            placeholder={t('account.tokenNamePlaceholder')}
            required
            maxLength={LIMITS.tokenNameMax}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            style={{ flex: '1 1 14rem' }}
          />
          <Select
            label={t('account.tokenExpiry')}
            data={[
              { value: '30', label: t('account.tokenExpiryDays', { count: 30 }) },
              { value: '90', label: t('account.tokenExpiryDays', { count: 90 }) },
              { value: '365', label: t('account.tokenExpiryDays', { count: 365 }) },
              { value: 'never', label: t('account.tokenNoExpiry') },
            ]}
            value={expiry}
            onChange={(v) => setExpiry(v ?? '90')}
            allowDeselect={false}
            style={{ flex: '0 1 11rem' }}
          />
          <Button type="submit" disabled={create.isPending || !name.trim()}>
            {t('account.createToken')}
          </Button>
        </Group>
      </form>
      {create.isError ? <ErrorAlert error={create.error} /> : null}

      {tokens.isPending ? <Skeleton height={56} /> : null}
      {tokens.isError ? <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} /> : null}
      {tokens.data && tokens.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('account.noTokens')}
        </Text>
      ) : null}
      {tokens.data && tokens.data.length > 0 ? (
        <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {tokens.data.map((token) => (
            <Paper component="li" key={token.id} withBorder radius="sm" px="md" py="sm">
              <Group justify="space-between" gap="xs" wrap="wrap">
                <div style={{ minWidth: 0 }}>
                  <Group gap="xs">
                    <Text size="sm" fw={550}>
                      {token.name}
                    </Text>
                    <Code lang="en">{token.prefix}…</Code>
                  </Group>
                  <Text size="xs" c="dimmed" mt={2}>
                    {t('account.tokenCreatedOn', { date: formatDate(token.createdAt, locale, me.timeZone) })} ·{' '}
                    {token.lastUsedAt ? t('account.tokenLastUsed', { date: formatDateTime(token.lastUsedAt, locale, me.timeZone) }) : t('account.tokenNeverUsed')} ·{' '}
                    {token.expiresAt ? t('account.tokenExpires', { date: formatDate(token.expiresAt, locale, me.timeZone) }) : t('account.tokenNeverExpires')}
                  </Text>
                </div>
                <Button variant="subtle" color="red" size="compact-sm" onClick={() => setRevoking(token)}>
                  {t('account.revoke')}
                </Button>
              </Group>
            </Paper>
          ))}
        </Stack>
      ) : null}

      <ConfirmModal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('account.revoke')}
        message={revoking ? t('account.revokeConfirm', { name: revoking.name }) : ''}
        confirmLabel={t('account.revoke')}
        onConfirm={() => (revoking ? revoke(revoking) : Promise.resolve())}
      />
    </AccountSection>
  );
}
