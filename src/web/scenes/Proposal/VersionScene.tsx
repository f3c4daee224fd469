import { Alert, Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe, useProposalVersion } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isNotFound } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { InfoIcon } from '../../components/icons';
import { textLang } from '../../components/text-lang';
import { NotFoundView } from '../../components/NotFound';
import { currentLocale } from '../../i18n';
import classes from './Proposal.module.css';
import { ProposalContentView } from './ProposalContentView';
import { PageLoading, useProposalPage } from './ProposalScene';

/** /groups/:slug/proposal/versions/:n, inside the group's frame: one saved version, read-only, exactly as it was saved. */
export function VersionScene() {
  const { slug = '', n = '' } = useParams();
  const number = Number(n);
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const page = useProposalPage(slug);
  const version = useProposalVersion(slug, number);

  if (!Number.isInteger(number) || number < 1) return <NotFoundView />;
  if (page.pending || version.isPending) return <PageLoading />;
  if (!page.ready || !version.data) {
    const error = page.error ?? version.error;
    if (isNotFound(error)) return <NotFoundView />;
    return <ErrorAlert error={error} onRetry={() => (page.retry(), void version.refetch())} />;
  }
  const { proposal: view, council } = page.ready;
  const v = version.data;
  const isCurrent = v.number === view.current.number;
  const charter = v.content.charter;
  const vText = charter.texts[locale] ?? charter.texts[charter.authoritative];

  return (
    <Stack gap="xl">
      <Stack gap="sm" component="header">
        <Anchor component={Link} to={`/groups/${slug}/proposal`} size="sm">
          {t('proposal.edit.backToProposal')}
        </Anchor>
        <Group gap="xs">
          <Badge variant="outline" color="gray" size="sm" radius="sm" tt="none">
            {t('proposal.version.readOnly')}
          </Badge>
          {v.submittedAt ? (
            <Badge variant="light" color="blue" size="sm" radius="sm" tt="none">
              {t('proposal.record.submitted')}
            </Badge>
          ) : null}
        </Group>
        <Title order={2} className={classes.panelTitle}>
          {t('proposal.version.title', { number: v.number })}
        </Title>
        {vText ? (
          <Text c="dimmed" lang={charter.texts[locale] ? locale : charter.authoritative}>
            {vText.title}
          </Text>
        ) : null}
        <Text size="sm" c="dimmed">
          {[v.createdBy ? t('proposal.record.by', { name: v.createdBy }) : null, t('proposal.version.savedAt', { when: formatDateTime(v.createdAt, locale, me.timeZone) }), v.submittedAt ? t('proposal.version.submittedAt', { when: formatDateTime(v.submittedAt, locale, me.timeZone) }) : null]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {v.note ? (
          <Text size="sm" className={classes.reasons} lang={textLang(v.note)}>
            {v.note}
          </Text>
        ) : null}
      </Stack>
      <Alert variant="light" color={isCurrent ? 'navy' : 'orange'} icon={<InfoIcon />}>
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Text size="sm">{isCurrent ? t('proposal.version.isCurrent') : t('proposal.version.isEarlier', { current: view.current.number })}</Text>
          <Button component={Link} to={`/groups/${slug}/proposal`} size="compact-sm" variant="white">
            {t('proposal.version.back')}
          </Button>
        </Group>
      </Alert>
      <ProposalContentView content={v.content} committees={council.committees} />
    </Stack>
  );
}
