import { Anchor, Badge, Box, Breadcrumbs, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { GroupOverview } from '../../../core/study-groups';
import { useGroup } from '../../api/queries';
import { CommitteeList } from '../../components/CommitteeList';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isNotFound } from '../../components/errors';
import { formatPlainDate } from '../../components/format';
import { NotFoundView } from '../../components/NotFound';
import { PageTitle, useDocumentTitle } from '../../components/PageTitle';
import { GroupStatusBadge } from '../../components/StatusBadge';
import { currentLocale } from '../../i18n';
import { CHARTER_SECTIONS, CharterView } from './CharterView';
import classes from './GroupScene.module.css';
import { MeetingsSection } from './MeetingsSection';
import { CoChairsSection, DelegationsSection, ObserversSection, SupportSection } from './PeopleSections';

export function GroupScene() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const group = useGroup(slug);
  useDocumentTitle(group.data ? (group.data.titles[currentLocale()] ?? group.data.title) : undefined);

  if (group.isPending) {
    return (
      <Stack gap="md" aria-busy="true" aria-label={t('app.loading')}>
        <Skeleton height={14} width={180} />
        <Skeleton height={34} width="70%" />
        <Skeleton height={18} width="45%" />
        <Skeleton height={320} mt="lg" />
      </Stack>
    );
  }
  if (group.isError && !group.data) {
    if (isNotFound(group.error)) return <NotFoundView />;
    return <ErrorAlert error={group.error} onRetry={() => void group.refetch()} />;
  }
  return <Overview group={group.data} />;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={classes.fact}>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm">
        {children}
      </Text>
    </div>
  );
}

function Overview({ group }: { group: GroupOverview }) {
  const { t } = useTranslation();
  const { hash } = useLocation();
  // A link to a section (…#meetings) arrives before the section exists: scroll once it does.
  useEffect(() => {
    if (hash.length > 1) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [hash]);
  const locale = currentLocale();
  const localTitle = group.titles[locale];
  const title = localTitle ?? group.title;
  const shortTitle = group.charter.texts[localTitle ? locale : group.charter.authoritative]?.shortTitle ?? title;

  const sections: { id: string; label: string; children?: { id: string; label: string }[] }[] = [
    { id: 'charter', label: t('group.charter'), children: CHARTER_SECTIONS.map((s) => ({ id: s, label: t(`group.sections.${s}`) })) },
    { id: 'co-chairs', label: t('group.coChairs') },
    { id: 'delegations', label: t('group.delegations') },
    { id: 'observers', label: t('group.observers') },
    { id: 'support', label: t('group.otherRoles') },
    { id: 'meetings', label: t('group.meetings') },
  ];

  return (
    <Stack gap="xl">
      <Stack gap="sm" component="header">
        <Breadcrumbs separator="›" className={classes.breadcrumbs}>
          <Anchor component={Link} to="/" size="sm">
            {t('nav.studyGroups')}
          </Anchor>
          <Text size="sm" c="dimmed" lang={localTitle ? locale : 'en'} aria-current="page">
            {shortTitle}
          </Text>
        </Breadcrumbs>
        <Group gap="xs">
          <Text size="xs" fw={600} c="dimmed" className={classes.smallCaps} lang="en">
            {group.council.acronym}
          </Text>
          <GroupStatusBadge status={group.status} size="sm" />
        </Group>
        <PageTitle lang={localTitle ? locale : 'en'} documentTitle={title} className={classes.groupTitle}>
          {title}
        </PageTitle>
        {localTitle && localTitle !== group.title ? (
          <Text c="dimmed" lang="en" mt={-4}>
            {group.title}
          </Text>
        ) : null}
        <Box component="dl" className={classes.facts}>
          <Fact label={t('groups.term')}>
            <span className={classes.nums}>{t('groups.termRange', { start: formatPlainDate(group.termStart), end: formatPlainDate(group.termEnd) })}</span>
          </Fact>
          {group.coChairCommittees.length ? <Fact label={t('groups.coChairs')}>
              <CommitteeList committees={group.coChairCommittees} />
            </Fact> : null}
          <Fact label={t('group.participants')}>{t('groups.members', { count: group.participantCount })}</Fact>
          {group.myRoles.length ? (
            <Fact label={t('groups.yourRoles')}>
              <Group gap={4} component="span">
                {group.myRoles.map((r) => (
                  <Badge key={r} variant="outline" color="navy" size="sm" radius="sm" tt="none">
                    {t(`roles.${r}`)}
                  </Badge>
                ))}
              </Group>
            </Fact>
          ) : null}
        </Box>
        {group.proposingCommittee || group.approval ? (
          <Stack gap={2}>
            {group.proposingCommittee ? (
              <Text size="sm" c="dimmed">
                {t('group.proposedBy', { committee: group.proposingCommittee.name })}
              </Text>
            ) : null}
            {group.approval ? (
              <Text size="sm" c="dimmed">
                {t('group.approvedAt', { number: group.approval.number, count: group.approval.number, ordinal: true, place: group.approval.place, date: formatPlainDate(group.approval.heldOn) })}
              </Text>
            ) : null}
          </Stack>
        ) : null}
      </Stack>

      <div className={classes.layout}>
        <nav aria-label={t('group.contents')} className={classes.toc}>
          <Text size="xs" fw={600} c="dimmed" className={classes.smallCaps} mb="xs">
            {t('group.contents')}
          </Text>
          <ul>
            {sections.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{s.label}</a>
                {s.children ? (
                  <ul>
                    {s.children.map((c) => (
                      <li key={c.id}>
                        <a href={`#${c.id}`}>{c.label}</a>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </nav>

        <Stack gap={48} className={classes.body}>
          <section id="charter" aria-labelledby="charter-title" className={classes.section}>
            <Title order={2} id="charter-title" className={classes.sectionTitle}>
              {t('group.charter')}
            </Title>
            <CharterView charter={group.charter} />
          </section>
          <section id="co-chairs" aria-labelledby="co-chairs-title" className={classes.section}>
            <Title order={2} id="co-chairs-title" className={classes.sectionTitle}>
              {t('group.coChairs')}
            </Title>
            <CoChairsSection group={group} />
          </section>
          <section id="delegations" aria-labelledby="delegations-title" className={classes.section}>
            <Title order={2} id="delegations-title" className={classes.sectionTitle}>
              {t('group.delegations')}
            </Title>
            <DelegationsSection group={group} />
          </section>
          <section id="observers" aria-labelledby="observers-title" className={classes.section}>
            <Title order={2} id="observers-title" className={classes.sectionTitle}>
              {t('group.observers')}
            </Title>
            <ObserversSection group={group} />
          </section>
          <section id="support" aria-labelledby="support-title" className={classes.section}>
            <Title order={2} id="support-title" className={classes.sectionTitle}>
              {t('group.otherRoles')}
            </Title>
            <SupportSection group={group} />
          </section>
          <section id="meetings" aria-labelledby="meetings-title" className={classes.section}>
            <Title order={2} id="meetings-title" className={classes.sectionTitle}>
              {t('group.meetings')}
            </Title>
            <MeetingsSection meetings={group.meetings} />
          </section>
        </Stack>
      </div>
    </Stack>
  );
}
