import { Anchor, Badge, Box, Breadcrumbs, Button, Group, Paper, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import type { CouncilDetail } from '../../../core/council';
import { useCouncil, useCouncils } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isNotFound } from '../../components/errors';
import { NotFoundView } from '../../components/NotFound';
import { PageTitle } from '../../components/PageTitle';
import { CommitteesPanel } from './CommitteesPanel';
import classes from './Council.module.css';
import { ScMeetingsPanel } from './ScMeetingsPanel';
import { SecretariatPanel, SteeringCommitteePanel } from './SteeringCommitteePanel';

function Loading() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" aria-busy="true" aria-label={t('app.loading')}>
      <Skeleton height={14} width={120} />
      <Skeleton height={34} width="55%" />
      <Skeleton height={18} width="40%" />
      <Skeleton height={360} mt="lg" radius="md" />
    </Stack>
  );
}

/** /councils: straight to the council when there is one, else the list. */
export function CouncilsScene() {
  const { t } = useTranslation();
  const councils = useCouncils();
  if (councils.isPending) return <Loading />;
  if (councils.isError) return <ErrorAlert error={councils.error} onRetry={() => void councils.refetch()} />;
  const items = councils.data.items;
  if (items.length === 1 && items[0]) return <Navigate to={`/councils/${items[0].slug}`} replace />;
  return (
    <Stack gap="lg">
      <PageTitle>{t('council.listTitle')}</PageTitle>
      {items.length === 0 ? (
        <Text c="dimmed">{t('council.none')}</Text>
      ) : (
        <Stack gap="md" component="ul" className={classes.plainList}>
          {items.map((c) => (
            <li key={c.id}>
              <Paper withBorder radius="md" p="lg">
                <Stack gap={4}>
                  <Text size="xs" fw={600} c="dimmed" className={classes.smallCaps} lang="en">
                    {c.acronym}
                  </Text>
                  <Title order={2} size="h3" lang="en">
                    <Anchor component={Link} to={`/councils/${c.slug}`} c="navy.9">
                      {c.name}
                    </Anchor>
                  </Title>
                  <Text size="sm" c="dimmed">
                    {t('council.countsLine', { committees: c.counts.committees, meetings: c.counts.scMeetings })}
                  </Text>
                </Stack>
              </Paper>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

const TABS = ['committees', 'steering-committee', 'secretariat', 'sc-meetings'] as const;
type Tab = (typeof TABS)[number];

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm">
        {children}
      </Text>
    </div>
  );
}

/** /councils/:slug: member committees, the Steering Committee, the secretariat and SC meetings. */
export function CouncilScene() {
  const { slug = '' } = useParams();
  const council = useCouncil(slug);
  if (council.isPending) return <Loading />;
  if (council.isError) return isNotFound(council.error) ? <NotFoundView /> : <ErrorAlert error={council.error} onRetry={() => void council.refetch()} />;
  return <Council council={council.data} />;
}

function Council({ council }: { council: CouncilDetail }) {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const tabParam = search.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as Tab) : 'committees';
  const canManage = council.allowedActions.includes('council.manage');
  const { counts } = council;

  const setTab = (value: string | null) => {
    setSearch(
      (prev) => {
        const next = new URLSearchParams();
        if (value && value !== 'committees') next.set('tab', value);
        // The committee drawer belongs to the committees tab.
        if (value === 'committees' && prev.get('committee')) next.set('committee', prev.get('committee') ?? '');
        return next;
      },
      { replace: true },
    );
  };

  return (
    <Stack gap="xl">
      <Stack gap="sm" component="header">
        <Breadcrumbs separator="›">
          <Anchor component={Link} to="/councils" size="sm">
            {t('council.nav')}
          </Anchor>
          <Text size="sm" c="dimmed" aria-current="page" lang="en">
            {council.acronym}
          </Text>
        </Breadcrumbs>
        <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
          <Stack gap={4} maw={820}>
            <Group gap="xs">
              <Text size="xs" fw={600} c="dimmed" className={classes.smallCaps} lang="en">
                {council.acronym}
              </Text>
              {council.myRoles.map((r) => (
                <Badge key={r} variant="outline" color="navy" size="sm" radius="sm" tt="none">
                  {t(`roles.${r}`)}
                </Badge>
              ))}
            </Group>
            <PageTitle lang="en" className={classes.pageTitle}>
              {council.name}
            </PageTitle>
            {council.description ? (
              <Text c="dimmed" lang="en">
                {council.description}
              </Text>
            ) : null}
          </Stack>
          {council.allowedActions.includes('proposal.create') ? (
            <Button component={Link} to={`/councils/${council.slug}/proposals/new`} data-testid="draft-proposal">
              {t('council.draftProposal')}
            </Button>
          ) : null}
        </Group>
        <Box component="dl" className={classes.facts}>
          <Fact label={t('council.facts.committees')}>
            {t('council.facts.committeesValue', { total: counts.committees, full: counts.byType.full, associate: counts.byType.associate, observer: counts.byType.observer })}
          </Fact>
          <Fact label={t('council.facts.steeringCommittee')}>{t('council.facts.steeringValue', { coChairs: counts.scCoChairs, representatives: counts.scRepresentatives })}</Fact>
          <Fact label={t('council.facts.scMeetings')}>
            {council.recentScMeetings[0]
              ? t('council.facts.latestMeeting', { number: council.recentScMeetings[0].number, place: council.recentScMeetings[0].place, date: council.recentScMeetings[0].heldOn })
              : t('council.facts.noMeetings')}
          </Fact>
        </Box>
      </Stack>

      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <div className={classes.tabs}>
          <Tabs.List>
            <Tabs.Tab value="committees">{t('council.tabs.committees')}</Tabs.Tab>
            <Tabs.Tab value="steering-committee">{t('council.tabs.steeringCommittee')}</Tabs.Tab>
            <Tabs.Tab value="secretariat">{t('council.tabs.secretariat')}</Tabs.Tab>
            <Tabs.Tab value="sc-meetings">{t('council.tabs.scMeetings')}</Tabs.Tab>
          </Tabs.List>
        </div>
        <Tabs.Panel value="committees" pt="lg">
          <CommitteesPanel council={council} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="steering-committee" pt="lg">
          <SteeringCommitteePanel council={council} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="secretariat" pt="lg">
          <SecretariatPanel council={council} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="sc-meetings" pt="lg">
          <ScMeetingsPanel council={council} canManage={canManage} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
