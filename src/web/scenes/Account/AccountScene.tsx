import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { CalendarSection } from './CalendarSection';
import { PasswordSection } from './PasswordSection';
import { ProfileSection } from './ProfileSection';
import { SessionsSection } from './SessionsSection';
import { TokensSection } from './TokensSection';

export function AccountSection({ id, title, intro, children }: { id: string; title: string; intro?: string; children: ReactNode }) {
  return (
    <Paper component="section" withBorder radius="md" p={{ base: 'md', sm: 'xl' }} aria-labelledby={`${id}-title`} id={id}>
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id={`${id}-title`}>
            {title}
          </Title>
          {intro ? (
            <Text size="sm" c="dimmed" mt={4}>
              {intro}
            </Text>
          ) : null}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

export function AccountScene() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={860}>
      <PageTitle>{t('account.title')}</PageTitle>
      <ProfileSection />
      <PasswordSection />
      <SessionsSection />
      <CalendarSection />
      <TokensSection />
    </Stack>
  );
}
