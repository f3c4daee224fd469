import { Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { DraftSummary } from '../../../core/drafts';
import { useDrafts } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, languageName } from '../../components/format';
import { currentLocale } from '../../i18n';
import { useGroupContext } from '../Group/context';
import { DraftStatusBadge } from './DraftStatusBadge';
import classes from './Drafts.module.css';
import { StartDraftModal } from './StartDraftModal';

/**
 * The group's drafts of recommendations (#5): each with its number, its title in the language it
 * is written in, where it stands and when its text last changed. Those who may start one see how.
 */
export function DraftsScene() {
  const { t } = useTranslation();
  const { group } = useGroupContext();
  const navigate = useNavigate();
  const drafts = useDrafts(group.slug);
  const [starting, setStarting] = useState(false);
  const canCreate = group.allowedActions.includes('drafts.create');
  const list = drafts.data ?? [];

  return (
    <Stack gap="lg" data-testid="drafts">
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <div className={classes.heading}>
          <Title order={2} className={classes.title}>
            {t('drafts.title')}
          </Title>
          {list.length ? (
            <Text size="sm" c="dimmed" className={classes.intro}>
              {t('drafts.intro')}
            </Text>
          ) : null}
        </div>
        {canCreate && list.length ? (
          <Button onClick={() => setStarting(true)} data-testid="draft-start">
            {t('drafts.start.button')}
          </Button>
        ) : null}
      </Group>

      {drafts.isError ? <ErrorAlert error={drafts.error} onRetry={() => void drafts.refetch()} /> : null}
      {drafts.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label={t('app.loading')}>
          <Skeleton height={76} radius="md" />
          <Skeleton height={76} radius="md" />
        </Stack>
      ) : drafts.data && list.length === 0 ? (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} className={classes.empty} data-testid="drafts-empty">
          <Stack gap="sm" align="flex-start">
            <Title order={3} size="h4" className={classes.title}>
              {t('drafts.empty.title')}
            </Title>
            <Text size="sm" className={classes.emptyBody}>
              {t('drafts.empty.body')}
            </Text>
            {canCreate ? (
              <Button onClick={() => setStarting(true)} data-testid="draft-start-first">
                {t('drafts.start.button')}
              </Button>
            ) : (
              <Text size="sm" c="dimmed">
                {t('drafts.empty.readOnly')}
              </Text>
            )}
          </Stack>
        </Paper>
      ) : (
        <Stack gap="sm" component="ol" className={classes.list} data-testid="drafts-list">
          {[...list]
            .sort((a, b) => a.number - b.number)
            .map((d) => (
              <li key={d.id}>
                <DraftRow slug={group.slug} draft={d} />
              </li>
            ))}
        </Stack>
      )}

      {starting ? (
        <StartDraftModal
          slug={group.slug}
          onClose={() => setStarting(false)}
          onStarted={(draft) => {
            setStarting(false);
            void navigate(`/groups/${group.slug}/drafts/${draft.id}`);
          }}
        />
      ) : null}
    </Stack>
  );
}

function DraftRow({ slug, draft }: { slug: string; draft: DraftSummary }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Paper withBorder radius="md" p="md" className={classes.row} data-testid="draft-row" data-number={draft.number}>
      <span className={classes.number} aria-hidden="true">
        {draft.number}
      </span>
      <div className={classes.rowBody}>
        <Text size="xs" c="dimmed" className={classes.caps} data-testid="draft-number">
          {t('drafts.number', { number: draft.number })}
        </Text>
        <Link to={`/groups/${slug}/drafts/${draft.id}`} className={classes.rowTitle} lang={draft.lang} data-testid="draft-link">
          {draft.title}
        </Link>
        <Group gap="xs" mt={6} wrap="wrap">
          <DraftStatusBadge status={draft.status} />
          {draft.lang !== locale ? (
            <Text size="xs" c="dimmed" data-testid="draft-lang-note">
              {t('drafts.writtenIn', { language: languageName(draft.lang, locale) })}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed" data-testid="draft-updated">
            {t('drafts.lastChange', { when: formatDateTime(draft.updatedAt, locale) })}
          </Text>
        </Group>
      </div>
    </Paper>
  );
}
