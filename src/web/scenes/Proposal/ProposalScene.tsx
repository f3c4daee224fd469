import { Anchor, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ProposalView } from '../../../core/proposals';
import type { StudyGroupStatus } from '../../../core/roles';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/client';
import { keys, useCouncil, useGroup, useProposal } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isNotFound } from '../../components/errors';
import { NotFoundView } from '../../components/NotFound';
import { textLang } from '../../components/text-lang';
import { currentLocale } from '../../i18n';
import classes from './Proposal.module.css';
import { ProposalContentView } from './ProposalContentView';
import { DecisionsList, RecordSection, ReviewsThread, scMeetingLabel, VersionsList } from './ProposalRecord';
import { TransitionActions } from './TransitionActions';

/** The proposal, its council's committees and the group it belongs to: what every proposal page needs. */
export function useProposalPage(slug: string) {
  const proposal = useProposal(slug);
  const group = useGroup(slug);
  const council = useCouncil(group.data?.council.slug);
  const pending = proposal.isPending || group.isPending || (Boolean(group.data) && council.isPending);
  const error = proposal.error ?? group.error ?? council.error;
  const ready = proposal.data && group.data && council.data ? { proposal: proposal.data, group: group.data, council: council.data } : null;
  const retry = () => void Promise.all([proposal.refetch(), group.refetch(), council.refetch()]);
  return { pending, error, ready, retry };
}

export function PageLoading() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" aria-busy="true" aria-label={t('app.loading')}>
      <Skeleton height={14} width={220} />
      <Skeleton height={34} width="65%" />
      <Skeleton height={90} mt="md" radius="md" />
      <Skeleton height={420} radius="md" />
    </Stack>
  );
}

/** The title in the UI language when the proposal has that text, else the authoritative one. */
export function proposalTitle(view: ProposalView) {
  const locale = currentLocale();
  const charter = view.current.content.charter;
  const local = charter.texts[locale];
  const text = local ?? charter.texts[charter.authoritative];
  return { title: text?.title ?? view.slug, shortTitle: text?.shortTitle ?? text?.title ?? view.slug, lang: local ? locale : charter.authoritative };
}

/**
 * /groups/:slug/proposal, inside the group's frame (its header and navigation): the proposal as
 * it stands, its decisions, the Steering Committee's review and its versions.
 */
export function ProposalScene() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const page = useProposalPage(slug);

  if (page.pending) return <PageLoading />;
  if (!page.ready) {
    if (isNotFound(page.error)) return <NotFoundView />;
    return <ErrorAlert error={page.error} onRetry={page.retry} />;
  }
  const { proposal: view, group, council } = page.ready;
  const status = view.status as StudyGroupStatus;
  const latest = view.decisions[view.decisions.length - 1];

  return (
    <Stack gap="xl">
      <Lineage slug={slug} />
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} className={classes.statusPanel} data-status={status} component="section" aria-labelledby="proposal-status-title">
        <Stack gap="sm">
          <Group gap="sm" justify="space-between" align="flex-start" wrap="wrap">
            <Stack gap={4} maw={720}>
              <Title order={2} size="h4" id="proposal-status-title" className={classes.panelTitle}>
                {t('proposal.page.statusTitle', { status: t(`status.${status}`) })}
              </Title>
              <Text size="sm" c="dimmed">
                {t(`proposal.statusHelp.${status}`)}
              </Text>
            </Stack>
            <Text size="sm" c="dimmed" className={classes.nums}>
              {t('proposal.page.currentVersion', { number: view.current.number })}
            </Text>
          </Group>
          {latest && (latest.transition === 'return' || latest.transition === 'reject') ? (
            <div data-testid="latest-decision">
              <Text size="sm" fw={600}>
                {t(`proposal.decision.${latest.transition}`)}
                {latest.scMeeting ? ` · ${scMeetingLabel(t, latest.scMeeting)}` : ''}
              </Text>
              {latest.reasons ? (
                <Text size="sm" component="blockquote" className={classes.reasons} lang={textLang(latest.reasons)}>
                  {latest.reasons}
                </Text>
              ) : null}
            </div>
          ) : null}
          <TransitionActions slug={slug} view={view} councilSlug={council.slug} canRecordScMeeting={council.allowedActions.includes('council.manage')} termEnd={group.termEnd} />
        </Stack>
      </Paper>

      <div className={classes.layout}>
        <section aria-labelledby="proposal-text-heading" className={classes.aside}>
          <Title order={2} id="proposal-text-heading" className={classes.panelTitle} mb="sm">
            {t('proposal.page.textTitle', { number: view.current.number })}
          </Title>
          <ProposalContentView content={view.current.content} committees={council.committees} />
        </section>
        <Stack gap="md" className={classes.aside}>
          <RecordSection id="decisions" title={t('proposal.page.decisions')}>
            <DecisionsList decisions={view.decisions} />
          </RecordSection>
          {view.reviews ? (
            <RecordSection id="review" title={t('proposal.page.review')} count={view.reviews.length}>
              <Text size="xs" c="dimmed" mt={-6}>
                {t('proposal.page.reviewHint')}
              </Text>
              <ReviewsThread slug={slug} view={view} />
            </RecordSection>
          ) : null}
          <RecordSection id="versions" title={t('proposal.page.versions')} count={view.versions.length}>
            <VersionsList slug={slug} view={view} />
          </RecordSection>
        </Stack>
      </div>
    </Stack>
  );
}

interface RelatedGroup {
  slug: string;
  title: string;
}

/** GET …/lineage, cached under the group (the group's frame reads the same entry). */
function useLineage(slug: string) {
  return useQuery({
    queryKey: [...keys.group(slug), 'lineage'],
    queryFn: ({ signal }) => apiGet<{ follows: RelatedGroup | null; followOns: RelatedGroup[] }>(`/api/study-groups/${encodeURIComponent(slug)}/lineage`, signal),
  });
}

/** Objective (d): the group this proposal follows on from, and the proposals that follow on from it. */
function Lineage({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const lineage = useLineage(slug);
  if (!lineage.data || (!lineage.data.follows && lineage.data.followOns.length === 0)) return null;
  const link = (g: RelatedGroup) => (
    <Anchor component={Link} to={`/groups/${g.slug}/proposal`} size="sm" lang={textLang(g.title)} key={g.slug}>
      {g.title}
    </Anchor>
  );
  return (
    <Stack gap={2} data-testid="lineage">
      {lineage.data.follows ? (
        <Text size="sm" c="dimmed">
          {t('proposal.page.followsOn')} {link(lineage.data.follows)}
        </Text>
      ) : null}
      {lineage.data.followOns.length ? (
        <Text size="sm" c="dimmed">
          {t('proposal.page.followOns')}{' '}
          {lineage.data.followOns.map((g, i) => (
            <span key={g.slug}>
              {i > 0 ? ', ' : ''}
              {link(g)}
            </span>
          ))}
        </Text>
      ) : null}
    </Stack>
  );
}
