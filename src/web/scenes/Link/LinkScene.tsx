import { Alert, Button, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Me } from '../../../core/accounts';
import type { AcceptedInvitation } from '../../../core/memberships';
import { api } from '../../api/client';
import { adoptSignedInUser, updateMeInCache, useSession } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { markSignedOutOnPurpose } from '../../components/guards';
import { NewPasswordFields, useNewPassword } from '../../components/NewPasswordFields';
import { PageTitle } from '../../components/PageTitle';
import { useFragmentToken } from '../../components/useFragmentToken';
import type { JoinedState } from '../Group/GroupScene';

interface LinkResult {
  user: Me;
  purpose: 'sign_in' | 'invitation';
  /** A link that invited the person into a study group also accepted the invitation. */
  invitation?: AcceptedInvitation;
}

/** Where a person goes after the link: the group they were invited to, else their groups. */
interface Destination {
  to: string;
  state?: JoinedState;
}

function destinationOf({ invitation }: LinkResult): Destination {
  if (!invitation) return { to: '/' };
  return { to: `/groups/${encodeURIComponent(invitation.groupSlug)}`, ...(invitation.joined ? { state: { joinedAs: invitation.role } } : {}) };
}

/**
 * A link works once: however often this page's effect runs (React's StrictMode runs it twice
 * in development), each token is sent once and every run shares the answer.
 */
const attempts = new Map<string, Promise<LinkResult>>();
function consumeOnce(token: string): Promise<LinkResult> {
  let attempt = attempts.get(token);
  if (!attempt) {
    attempt = api<LinkResult>('POST', '/api/auth/links/consume', { token });
    attempts.set(token, attempt);
  }
  return attempt;
}

type State = { step: 'working' } | { step: 'offer-password'; user: Me; destination: Destination } | { step: 'failed'; error: unknown };

export function LinkScene() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: session } = useSession();
  const [state, setState] = useState<State>({ step: 'working' });

  useEffect(() => {
    if (!token) return;
    let live = true;
    consumeOnce(token).then(
      (result) => {
        if (!live) return;
        const { user } = result;
        const destination = destinationOf(result);
        markSignedOutOnPurpose(false);
        adoptSignedInUser(queryClient, user);
        if (user.hasPassword) void navigate(destination.to, { replace: true, state: destination.state });
        else setState({ step: 'offer-password', user, destination });
      },
      (error: unknown) => {
        if (live) setState({ step: 'failed', error });
      },
    );
    return () => {
      live = false;
    };
  }, [token, navigate, queryClient]);

  if (!token) {
    return (
      <Stack gap="lg">
        <PageTitle order={1} size="h2">
          {t('auth.linkTitle')}
        </PageTitle>
        <Alert color="orange" variant="light" role="alert">
          {t('auth.linkMissing')}
        </Alert>
        <Group>
          <Button component={Link} to="/sign-in" variant="light">
            {t('auth.backToSignIn')}
          </Button>
        </Group>
      </Stack>
    );
  }

  if (state.step === 'failed') {
    return (
      <Stack gap="lg">
        <PageTitle order={1} size="h2">
          {t('auth.linkProblem')}
        </PageTitle>
        <ErrorAlert error={state.error} />
        <Group gap="sm">
          {session?.user ? (
            <Button component={Link} to="/">
              {t('app.backHome')}
            </Button>
          ) : (
            <>
              <Button component={Link} to="/forgot-password">
                {t('auth.requestNewLink')}
              </Button>
              <Button component={Link} to="/sign-in" variant="default">
                {t('auth.backToSignIn')}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    );
  }

  if (state.step === 'offer-password') return <OfferPassword user={state.user} destination={state.destination} />;

  return (
    <Stack gap="lg" aria-busy="true">
      <PageTitle order={1} size="h2">
        {t('auth.linkTitle')}
      </PageTitle>
      <Group gap="sm">
        <Loader size="sm" type="dots" />
        <Text c="dimmed" role="status">
          {t('auth.linkWorking')}
        </Text>
      </Group>
    </Stack>
  );
}

/** First arrival without a password: offer one, without insisting. */
function OfferPassword({ user, destination }: { user: Me; destination: Destination }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const fields = useNewPassword();
  const save = useMutation({
    mutationFn: (newPassword: string) => api('PUT', '/api/me/password', { newPassword }),
    onSuccess: () => {
      updateMeInCache(queryClient, { ...user, hasPassword: true });
      void navigate(destination.to, { replace: true, state: destination.state });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (fields.check()) save.mutate(fields.password);
  };
  return (
    <Stack gap="lg">
      <PageTitle order={1} size="h2">
        {t('auth.welcome', { name: user.displayName })}
      </PageTitle>
      <Text size="sm">{t('auth.setPasswordIntro')}</Text>
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <form onSubmit={submit}>
        <Stack gap="md">
          <input type="email" name="username" autoComplete="username" value={user.email} readOnly hidden />
          <NewPasswordFields state={fields} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? t('common.saving') : t('auth.savePassword')}
            </Button>
            <Button variant="default" onClick={() => void navigate(destination.to, { replace: true, state: destination.state })}>
              {t('auth.skipForNow')}
            </Button>
          </SimpleGrid>
        </Stack>
      </form>
    </Stack>
  );
}
