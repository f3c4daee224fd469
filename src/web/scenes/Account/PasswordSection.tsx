import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../core/limits';
import { api } from '../../api/client';
import { keys, updateMeInCache, useMe } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPasswordFields, useNewPassword } from '../../components/NewPasswordFields';
import { AccountSection } from './AccountScene';

export function PasswordSection() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const fields = useNewPassword();
  const [current, setCurrent] = useState('');
  const change = useMutation({
    mutationFn: () => api('PUT', '/api/me/password', me.hasPassword ? { currentPassword: current, newPassword: fields.password } : { newPassword: fields.password }),
    onSuccess: () => {
      fields.reset();
      setCurrent('');
      updateMeInCache(queryClient, { ...me, hasPassword: true });
      // The server ends every other session when the password changes.
      void queryClient.invalidateQueries({ queryKey: keys.mySessions });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.reset();
    if (fields.check() && (!me.hasPassword || current)) change.mutate();
  };

  return (
    <AccountSection id="password" title={t('account.password')}>
      {!me.hasPassword ? (
        <Text size="sm" c="dimmed">
          {t('account.noPasswordYet')}
        </Text>
      ) : null}
      {change.isSuccess ? (
        <Alert color="green" variant="light" role="status">
          {t('account.passwordChanged')}
        </Alert>
      ) : null}
      {change.isError ? <ErrorAlert error={change.error} /> : null}
      <form onSubmit={submit}>
        <Stack gap="md" maw={420}>
          <input type="email" name="username" autoComplete="username" value={me.email} readOnly hidden />
          {me.hasPassword ? (
            <PasswordInput
              label={t('account.currentPassword')}
              name="current-password"
              autoComplete="current-password"
              required
              maxLength={LIMITS.passwordMax}
              value={current}
              onChange={(e) => setCurrent(e.currentTarget.value)}
            />
          ) : null}
          <NewPasswordFields state={fields} />
          <Group>
            <Button type="submit" disabled={change.isPending}>
              {change.isPending ? t('common.saving') : me.hasPassword ? t('account.changePassword') : t('account.setPassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AccountSection>
  );
}
