import { Alert, AppShell, Box, Burger, Button, Container, Divider, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { forgetSignedInUser, useMe } from '../api/queries';
import { Brand } from './Brand';
import { errorMessage } from './errors';
import { personNameParts } from './format';
import { markSignedOutOnPurpose } from './guards';
import { currentLocale } from '../i18n';
import { LanguageSwitcher } from './LanguageSwitcher';
import classes from './AppLayout.module.css';

function useNavItems() {
  const { t } = useTranslation();
  const me = useMe();
  return [
    { to: '/', label: t('nav.studyGroups'), match: (p: string) => p === '/' || p.startsWith('/groups') },
    { to: '/councils', label: t('council.nav'), match: (p: string) => p.startsWith('/councils') },
    ...(me.isAdmin
      ? [
          { to: '/admin/invite', label: t('nav.invite'), match: (p: string) => p.startsWith('/admin/invite') },
          { to: '/admin/mailbox', label: t('nav.mailbox'), match: (p: string) => p.startsWith('/admin/mailbox') },
        ]
      : []),
    { to: '/account', label: t('nav.account'), match: (p: string) => p.startsWith('/account') },
  ];
}

function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const signOut = async () => {
    setPending(true);
    setError(null);
    try {
      await api('DELETE', '/api/session');
      markSignedOutOnPurpose();
      forgetSignedInUser(queryClient);
      void navigate('/sign-in', { replace: true, state: { signedOut: true } });
    } catch (err) {
      setError(err);
      setPending(false);
    }
  };
  return { signOut, pending, error };
}

/** The signed-in frame: header with navigation, language and the person; a burger menu on phones. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const items = useNavItems();
  const { signOut, pending, error } = useSignOut();
  const name = personNameParts(me.names, me.displayName, currentLocale());

  const isActive = (match: (p: string) => boolean) => match(location.pathname);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 300, breakpoint: 'md', collapsed: { desktop: true, mobile: !opened } }} padding={0}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header className={classes.header}>
        <Group h="100%" px={{ base: 'sm', sm: 'xl' }} justify="space-between" wrap="nowrap" maw={1240} mx="auto">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t('nav.menu')} aria-expanded={opened} aria-controls="accord-mobile-nav" />
            <Brand />
            <Box component="nav" aria-label={t('nav.main')} visibleFrom="md" ml="lg">
              <Group gap={4} wrap="nowrap" component="ul" className={classes.navList}>
                {items.map((item) => (
                  <li key={item.to}>
                    <Link to={item.to} className={classes.navLink} data-active={isActive(item.match) || undefined} aria-current={isActive(item.match) ? 'page' : undefined}>
                      {item.label}
                    </Link>
                  </li>
                ))}
              </Group>
            </Box>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitcher />
            <Group gap="xs" wrap="nowrap" visibleFrom="md">
              <Divider orientation="vertical" mx={4} />
              <UnstyledButton component={Link} to="/account" className={classes.person} title={t('nav.signedInAs', { name: me.displayName })}>
                {name.local ? <span lang={name.local.lang}>{name.local.text}</span> : <span>{name.latin}</span>}
              </UnstyledButton>
              <Button variant="default" size="compact-sm" fw={500} onClick={() => void signOut()} loading={pending}>
                {t('nav.signOut')}
              </Button>
            </Group>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="md" id="accord-mobile-nav" hiddenFrom="md" className={classes.mobileNav}>
        {/* Only while open: a closed menu must be neither read out nor reachable with Tab. */}
        {opened ? (
          <Stack gap="lg" h="100%">
            <nav aria-label={t('nav.main')}>
              <Stack gap={2} component="ul" className={classes.navList}>
                {items.map((item) => (
                  <li key={item.to}>
                    <Link to={item.to} onClick={close} className={classes.mobileLink} data-active={isActive(item.match) || undefined} aria-current={isActive(item.match) ? 'page' : undefined}>
                      {item.label}
                    </Link>
                  </li>
                ))}
              </Stack>
            </nav>
            <Divider />
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                {t('nav.signedInAs', { name: me.displayName })}
              </Text>
              <Button variant="default" onClick={() => void signOut()} loading={pending}>
                {t('nav.signOut')}
              </Button>
            </Stack>
          </Stack>
        ) : null}
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
        <Container size={1240} px={{ base: 'md', sm: 'xl' }} py={{ base: 'lg', sm: 'xl' }} className={classes.content}>
          {error ? (
            <Alert color="red" variant="light" mb="md" role="alert">
              {errorMessage(t, error)}
            </Alert>
          ) : null}
          <Outlet />
        </Container>
        <Box component="footer" className={classes.footer}>
          <Container size={1240} px={{ base: 'md', sm: 'xl' }}>
            <Text size="xs" c="dimmed" maw={760}>
              {t('app.privateCapacity')}
            </Text>
          </Container>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
