import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from './PageTitle';

/** Wrong address, or something this person may not see: the same answer for both. */
export function NotFoundView() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" py="xl" maw={560}>
      <Text size="sm" fw={600} c="dimmed" lang="en">
        404
      </Text>
      <PageTitle>{t('app.notFoundTitle')}</PageTitle>
      <Text c="dimmed">{t('app.notFoundBody')}</Text>
      <div>
        <Button component={Link} to="/" variant="light">
          {t('app.backHome')}
        </Button>
      </div>
    </Stack>
  );
}
