import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LIMITS } from '../../../core/limits';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';

/** Always the same answer, whether or not the address has an account. */
export function ForgotPasswordScene() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const request = useMutation({
    mutationFn: (address: string) => api<{ expiresInMinutes: number }>('POST', '/api/auth/password-reset-requests', { email: address }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate(email.trim());
  };

  return (
    <Stack gap="lg">
      <PageTitle order={1} size="h2">
        {t('auth.forgotTitle')}
      </PageTitle>
      {request.isSuccess ? (
        <Alert color="navy" variant="light" role="status">
          {t('auth.resetSent', { email: request.variables, minutes: request.data.expiresInMinutes ?? LIMITS.passwordResetLinkMinutes })}
        </Alert>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('auth.forgotIntro')}
          </Text>
          {request.isError ? <ErrorAlert error={request.error} /> : null}
          <form onSubmit={submit}>
            <Stack gap="md">
              <TextInput
                label={t('auth.email')}
                type="email"
                name="email"
                autoComplete="username"
                required
                maxLength={LIMITS.emailMax}
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
              />
              <Button type="submit" fullWidth disabled={request.isPending}>
                {t('auth.sendReset')}
              </Button>
            </Stack>
          </form>
        </>
      )}
      <Anchor component={Link} to="/sign-in" size="sm">
        {t('auth.backToSignIn')}
      </Anchor>
    </Stack>
  );
}
