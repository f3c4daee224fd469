import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../../core/accounts';
import { api, isApiError } from '../../api/client';
import { adoptSignedInUser } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { markSignedOutOnPurpose } from '../../components/guards';
import { NewPasswordFields, useNewPassword } from '../../components/NewPasswordFields';
import { PageTitle } from '../../components/PageTitle';
import { useFragmentToken } from '../../components/useFragmentToken';

export function ResetPasswordScene() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const queryClient = useQueryClient();
  const fields = useNewPassword();
  const reset = useMutation({
    mutationFn: (input: { token: string; password: string }) => api<Me>('POST', '/api/auth/password-resets', input),
    onSuccess: (user) => {
      markSignedOutOnPurpose(false);
      adoptSignedInUser(queryClient, user);
    },
  });
  const linkFailed = reset.isError && isApiError(reset.error) && reset.error.code.startsWith('link.');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!token || !fields.check()) return;
    reset.mutate({ token, password: fields.password });
  };

  if (reset.isSuccess) {
    return (
      <Stack gap="lg">
        <PageTitle order={1} size="h2">
          {t('auth.resetTitle')}
        </PageTitle>
        <Alert color="green" variant="light" role="status">
          {t('auth.resetDone')}
        </Alert>
        <Group>
          <Button component={Link} to="/">
            {t('nav.studyGroups')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <PageTitle order={1} size="h2">
        {t('auth.resetTitle')}
      </PageTitle>
      {!token ? (
        <>
          <Alert color="orange" variant="light" role="alert">
            {t('auth.resetLinkMissing')}
          </Alert>
          <Group>
            <Button component={Link} to="/forgot-password" variant="light">
              {t('auth.requestNewLink')}
            </Button>
          </Group>
        </>
      ) : linkFailed ? (
        <>
          <ErrorAlert error={reset.error} title={t('auth.linkProblem')} />
          <Group>
            <Button component={Link} to="/forgot-password" variant="light">
              {t('auth.requestNewLink')}
            </Button>
          </Group>
        </>
      ) : (
        <form onSubmit={submit}>
          <Stack gap="md">
            {reset.isError ? <ErrorAlert error={reset.error} /> : null}
            <NewPasswordFields state={fields} autoFocus />
            <Button type="submit" fullWidth disabled={reset.isPending}>
              {reset.isPending ? t('common.saving') : t('auth.savePassword')}
            </Button>
          </Stack>
        </form>
      )}
      <Text size="sm">
        <Anchor component={Link} to="/sign-in">
          {t('auth.backToSignIn')}
        </Anchor>
      </Text>
    </Stack>
  );
}
