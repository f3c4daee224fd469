import { Alert, Anchor, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Locale } from '../../../core/charter';
import { LIMITS } from '../../../core/limits';
import { api } from '../../api/client';
import { keys } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { isLocale, LANGUAGE_NAMES, UI_LOCALES } from '../../i18n';

export function InviteScene() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [locale, setLocale] = useState<Locale>('en');
  const invite = useMutation({
    mutationFn: (input: { email: string; displayName: string; locale: Locale }) => api<{ id: string; email: string }>('POST', '/api/invitations', input),
    onSuccess: () => {
      setEmail('');
      setDisplayName('');
      void queryClient.invalidateQueries({ queryKey: keys.mailbox });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate({ email: email.trim(), displayName: displayName.trim(), locale });
  };

  return (
    <Stack gap="lg" maw={640}>
      <div>
        <PageTitle>{t('invite.title')}</PageTitle>
        <Text c="dimmed" size="sm" mt="xs">
          {t('invite.intro', { days: Math.round(LIMITS.invitationLinkHours / 24) })}
        </Text>
      </div>
      {invite.isSuccess ? (
        <Alert color="green" variant="light" role="status">
          <Stack gap={6}>
            <Text size="sm">{t('invite.sent', { email: invite.data.email })}</Text>
            <Anchor component={Link} to="/admin/mailbox" size="sm">
              {t('invite.openMailbox')}
            </Anchor>
          </Stack>
        </Alert>
      ) : null}
      {invite.isError ? <ErrorAlert error={invite.error} /> : null}
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
        <form onSubmit={submit}>
          <Stack gap="md">
            <TextInput
              label={t('invite.email')}
              type="email"
              required
              autoComplete="off"
              maxLength={LIMITS.emailMax}
              value={email}
              onChange={(e) => {
                setEmail(e.currentTarget.value);
                if (invite.isSuccess) invite.reset();
              }}
            />
            <TextInput label={t('invite.displayName')} required maxLength={LIMITS.nameMax} autoComplete="off" value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} />
            <Select
              label={t('invite.language')}
              data={UI_LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
              value={locale}
              onChange={(v) => {
                if (isLocale(v)) setLocale(v);
              }}
              allowDeselect={false}
              renderOption={({ option }) => <span lang={option.value}>{option.label}</span>}
              maw={280}
            />
            <Group>
              <Button type="submit" loading={invite.isPending} disabled={!email.trim() || !displayName.trim()}>
                {t('invite.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
