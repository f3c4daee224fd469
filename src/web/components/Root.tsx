import { Button, Center, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet, ScrollRestoration } from 'react-router';
import { useSession } from '../api/queries';
import { errorMessage } from './errors';

/** Every page waits for one answer first: who is signed in (and in which language they read). */
export function Root() {
  const session = useSession();
  const { t } = useTranslation();
  if (session.isPending) {
    return (
      <Center h="100vh" aria-busy="true">
        <Stack align="center" gap="sm">
          <Loader color="navy" type="dots" />
          <Text size="sm" c="dimmed">
            {t('app.loading')}
          </Text>
        </Stack>
      </Center>
    );
  }
  // A failed background refresh keeps the page as it is; only a first load that fails stops here.
  if (session.isError && !session.data) {
    return (
      <Center h="100vh" px="md">
        <Paper withBorder p="xl" radius="md" maw={480}>
          <Stack>
            <Title order={1} size="h2">
              {t('app.errorTitle')}
            </Title>
            <Text role="alert">{errorMessage(t, session.error)}</Text>
            <div>
              <Button onClick={() => void session.refetch()} loading={session.isFetching}>
                {t('app.retry')}
              </Button>
            </div>
          </Stack>
        </Paper>
      </Center>
    );
  }
  return (
    <>
      <ScrollRestoration />
      <Outlet />
    </>
  );
}
