import { Alert, Anchor, Badge, Breadcrumbs, Button, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { CouncilDetail } from '../../../core/council';
import type { ProposalContent, ProposalView } from '../../../core/proposals';
import { api } from '../../api/client';
import { proposalKeys, refreshProposal, useCouncil, useGroup, useMe, useProposal } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isNotFound } from '../../components/errors';
import { InfoIcon } from '../../components/icons';
import { textLang } from '../../components/text-lang';
import { NotFoundView } from '../../components/NotFound';
import { PageTitle } from '../../components/PageTitle';
import classes from './Proposal.module.css';
import { blankForm, formFromContent } from './proposal-form';
import { ProposalForm } from './ProposalForm';

/**
 * The committees someone may propose for: any, for the secretariat, an SC co-chair or an
 * administrator; otherwise the committee(s) whose Steering Committee seat they hold.
 */
function proposingChoices(council: CouncilDetail, me: { id: string; isAdmin: boolean }): string[] | null {
  if (me.isAdmin || council.myRoles.includes('secretariat') || council.myRoles.includes('sc_co_chair')) return null;
  return council.steeringCommittee.seats.filter((s) => s.representative?.person.id === me.id).map((s) => s.committee.id);
}

function Loading() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" aria-busy="true" aria-label={t('app.loading')}>
      <Skeleton height={14} width={200} />
      <Skeleton height={34} width="60%" />
      <Skeleton height={480} mt="lg" radius="md" />
    </Stack>
  );
}

/** /councils/:slug/proposals/new: a member committee's representative drafts a proposal. */
export function NewProposalScene() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const council = useCouncil(slug);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  if (council.isPending) return <Loading />;
  if (council.isError) return isNotFound(council.error) ? <NotFoundView /> : <ErrorAlert error={council.error} onRetry={() => void council.refetch()} />;
  const c = council.data;
  const choices = proposingChoices(c, me);
  const header = (
    <Stack gap="sm" component="header">
      <Breadcrumbs separator="›" className={classes.breadcrumbs}>
        <Anchor component={Link} to={`/councils/${c.slug}`} size="sm" lang="en">
          {c.acronym}
        </Anchor>
        <Text size="sm" c="dimmed" aria-current="page">
          {t('proposal.new.crumb')}
        </Text>
      </Breadcrumbs>
      <PageTitle className={classes.pageTitle}>{t('proposal.new.title')}</PageTitle>
      <Text c="dimmed" maw={760}>
        {t('proposal.new.intro', { council: c.acronym })}
      </Text>
    </Stack>
  );
  if (!c.allowedActions.includes('proposal.create')) {
    return (
      <Stack gap="lg">
        {header}
        <Alert color="gray" variant="light" icon={<InfoIcon />}>
          {t('proposal.new.notAllowed')}
        </Alert>
      </Stack>
    );
  }
  const initial = blankForm('en', choices?.length === 1 ? (choices[0] ?? null) : null);
  return (
    <Stack gap="lg">
      {header}
      <ProposalForm
        initial={initial}
        committees={c.committees}
        proposingChoices={choices}
        baseVersion={null}
        headingOrder={2}
        save={(content: ProposalContent, note: string) => api<ProposalView>('POST', `/api/councils/${encodeURIComponent(c.slug)}/proposals`, { content, ...(note ? { note } : {}) })}
        onSaved={(view) => {
          queryClient.setQueryData(proposalKeys.proposal(view.slug), view);
          void refreshProposal(queryClient, view.slug);
          void navigate(`/groups/${view.slug}/proposal/edit`, { replace: true, state: { created: view.current.number } });
        }}
      />
    </Stack>
  );
}

/** /groups/:slug/proposal/edit, inside the group's frame: a new version of a draft or returned proposal. */
export function ProposalEditScene() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const proposal = useProposal(slug);
  const group = useGroup(slug);
  const council = useCouncil(group.data?.council.slug);
  const queryClient = useQueryClient();
  // A reload after a conflict starts the form again from the latest version.
  const [generation, setGeneration] = useState(0);
  const created = (location.state as { created?: number } | null)?.created;

  if (proposal.isPending || group.isPending || (group.data && council.isPending)) return <Loading />;
  const failed = proposal.error ?? group.error ?? council.error;
  if (failed && (!proposal.data || !group.data || !council.data)) {
    return isNotFound(failed) ? <NotFoundView /> : <ErrorAlert error={failed} onRetry={() => void Promise.all([proposal.refetch(), group.refetch(), council.refetch()])} />;
  }
  if (!proposal.data || !group.data || !council.data) return <Loading />;
  const p = proposal.data;
  const proposalHref = `/groups/${slug}/proposal`;

  // Inside the group's frame, which has the group's title as the page's heading.
  const header = (
    <Group gap="sm" justify="space-between" align="center" wrap="wrap">
      <Group gap="sm" align="center">
        <Title order={2} className={classes.panelTitle}>
          {t('proposal.edit.title')}
        </Title>
        <Badge variant="outline" color="gray" size="md" radius="sm" tt="none">
          {t('proposal.edit.editingVersion', { number: p.current.number })}
        </Badge>
      </Group>
      <Anchor component={Link} to={proposalHref} size="sm">
        {t('proposal.edit.backToProposal')}
      </Anchor>
    </Group>
  );

  if (!p.allowedActions.includes('proposal.edit')) {
    return (
      <Stack gap="lg">
        {header}
        <Alert color="gray" variant="light" icon={<InfoIcon />}>
          <Group justify="space-between" gap="sm">
            <Text size="sm">{['draft', 'returned'].includes(p.status) ? t('proposal.edit.notYours') : t('errors.proposal.not_editable')}</Text>
            <Button component={Link} to={proposalHref} size="xs" variant="white">
              {t('proposal.form.viewProposal')}
            </Button>
          </Group>
        </Alert>
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      {header}
      {created && created === p.current.number ? (
        <Alert color="teal" variant="light" icon={<InfoIcon />} role="status">
          {t('proposal.edit.created', { number: created })}
        </Alert>
      ) : null}
      {p.status === 'returned' ? <ReturnedNotice view={p} /> : null}
      <ProposalForm
        key={generation}
        initial={formFromContent(p.current.content)}
        committees={council.data.committees}
        proposingChoices={proposingChoices(council.data, me)}
        baseVersion={p.current.number}
        proposalHref={proposalHref}
        headingOrder={3}
        save={(content, note, baseVersion) => api<ProposalView>('PUT', `/api/study-groups/${encodeURIComponent(slug)}/proposal`, { content, baseVersion: baseVersion ?? p.current.number, ...(note ? { note } : {}) })}
        onSaved={(view) => void refreshProposal(queryClient, slug, view)}
        onReload={() => {
          void proposal.refetch().then(() => setGeneration((n) => n + 1));
        }}
      />
    </Stack>
  );
}

function ReturnedNotice({ view }: { view: ProposalView }) {
  const { t } = useTranslation();
  const returned = [...view.decisions].reverse().find((d) => d.transition === 'return');
  if (!returned) return null;
  return (
    <Alert color="orange" variant="light" icon={<InfoIcon />} title={t('proposal.edit.returnedTitle')}>
      <Stack gap={4}>
        {returned.reasons ? (
          <Text size="sm" className={classes.preWrap} lang={textLang(returned.reasons)}>
            {returned.reasons}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {t('proposal.edit.returnedHint')}
        </Text>
      </Stack>
    </Alert>
  );
}
