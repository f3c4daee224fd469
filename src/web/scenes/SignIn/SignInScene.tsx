import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import type { Me } from '../../../core/accounts';
import { LIMITS } from '../../../core/limits';
import { api } from '../../api/client';
import { adoptSignedInUser, useSession } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { markSignedOutOnPurpose, safeNext } from '../../components/guards';
import { PageTitle } from '../../components/PageTitle';

export function SignInScene() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const next = safeNext(params.get('next'));
  const signedOut = (location.state as { signedOut?: boolean } | null)?.signedOut === true;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const signIn = useMutation({
    mutationFn: () => api<Me>('POST', '/api/session', { email: email.trim(), password }),
    onSuccess: (user) => {
      markSignedOutOnPurpose(false);
      adoptSignedInUser(queryClient, user);
      void navigate(next, { replace: true });
    },
  });

  if (session?.user && !signIn.isPending && !signIn.isSuccess) return <Navigate to={next} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate();
  };

  return (
    <Stack gap="lg">
      <PageTitle order={1} size="h2">
        {t('auth.signInTitle')}
      </PageTitle>
      {signedOut && !signIn.isError ? (
        <Alert color="gray" variant="light" role="status">
          {t('auth.signedOut')}
        </Alert>
      ) : null}
      {signIn.isError ? <ErrorAlert error={signIn.error} /> : null}
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
            data-autofocus
          />
          <PasswordInput
            label={t('auth.password')}
            name="password"
            autoComplete="current-password"
            required
            maxLength={LIMITS.passwordMax}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" fullWidth disabled={signIn.isPending}>
            {signIn.isPending ? t('auth.signingIn') : t('auth.signIn')}
          </Button>
        </Stack>
      </form>
      <Anchor component={Link} to="/forgot-password" size="sm">
        {t('auth.forgot')}
      </Anchor>
      <Text size="sm" c="dimmed">
        {t('auth.noAccount')}
      </Text>
    </Stack>
  );
}
