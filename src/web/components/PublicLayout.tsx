import { Box, Container, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { Brand } from './Brand';
import { LanguageSwitcher } from './LanguageSwitcher';
import classes from './PublicLayout.module.css';

/** Sign-in, password and link pages: a quiet card on the page, the language switcher above it. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <div className={classes.page}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className={classes.header}>
        <Group justify="space-between" wrap="nowrap" px="md" h="100%" maw={1080} mx="auto">
          <Brand to="/sign-in" />
          <LanguageSwitcher />
        </Group>
      </header>
      <main id="main" tabIndex={-1} className={classes.main}>
        <Container size={460} px="md" w="100%">
          <Text className={classes.tagline} c="dimmed" size="sm" ta="center" mb="md">
            {t('app.tagline')}
          </Text>
          <Paper withBorder radius="md" p={{ base: 'lg', xs: 'xl' }} shadow="xs">
            <Outlet />
          </Paper>
        </Container>
      </main>
      <Box component="footer" className={classes.footer}>
        <Text size="xs" c="dimmed" ta="center" maw={640} mx="auto" px="md">
          {t('app.privateCapacity')}
        </Text>
      </Box>
    </div>
  );
}
