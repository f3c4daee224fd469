import { Button, Center, Code, Group, Paper, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useLocation, useNavigate, useRouteError } from 'react-router';
import { isApiError } from '../api/client';
import { errorMessage, isNotFound } from './errors';
import { NotFoundView } from './NotFound';
import { PageTitle } from './PageTitle';

/** The error boundary: something failed while showing this page; offer to try again. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  if ((isRouteErrorResponse(error) && error.status === 404) || isNotFound(error)) return <NotFoundView />;
  const retry = () => {
    void queryClient.resetQueries({ predicate: (q) => q.state.status === 'error' });
    // Navigating to the same place clears the router's error and renders the page afresh.
    void navigate(`${location.pathname}${location.search}${location.hash}`, { replace: true });
  };
  return (
    <Center py="xl" px="md">
      <Paper withBorder p="xl" radius="md" maw={560} w="100%">
        <Stack gap="md">
          <PageTitle order={1} size="h2">
            {t('app.errorTitle')}
          </PageTitle>
          <Text>{isApiError(error) ? errorMessage(t, error) : t('app.errorBody')}</Text>
          {import.meta.env.DEV && error instanceof Error ? <Code block>{error.message}</Code> : null}
          <Group>
            <Button onClick={retry}>{t('app.retry')}</Button>
            <Button variant="subtle" onClick={() => void navigate('/')}>
              {t('app.backHome')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}
