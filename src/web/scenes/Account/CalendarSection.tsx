import { Alert, Anchor, Button, Code, CopyButton, Group, List, Paper, Select, Skeleton, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarFeedView, CreatedCalendarFeed } from '../../../core/calendars';
import { recordKeys, recordMutations, useCalendarFeeds, useGroups, useMe } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatDateTime } from '../../components/format';
import { AlertIcon, CalendarIcon, CheckIcon, CopyIcon } from '../../components/icons';
import { currentLocale } from '../../i18n';
import { AccountSection } from './AccountScene';

const ALL = '__all__';

/** The same address for calendar apps that open webcal: links (Apple Calendar, Outlook on the desktop). */
const webcal = (url: string) => url.replace(/^https?:/, 'webcal:');

/**
 * A feed's secret address, shown once right after it was made: copy it, or open it in a calendar
 * app, and how to subscribe by URL in the common ones. Used on the account page and on a
 * group's Meetings tab.
 */
export function FeedAddress({ feed, onClose }: { feed: CreatedCalendarFeed; onClose?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" variant="light" icon={<AlertIcon />} title={t('calendars.created.title')} role="status" data-testid="feed-created">
      <Stack gap="sm">
        <Text size="sm">{t('calendars.created.body')}</Text>
        <Group gap="xs" wrap="nowrap" align="stretch">
          <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} lang="en" data-testid="feed-url">
            {feed.url}
          </Code>
          <CopyButton value={feed.url} timeout={2000}>
            {({ copied, copy }) => (
              <Button variant={copied ? 'light' : 'filled'} color={copied ? 'teal' : 'navy'} onClick={copy} leftSection={copied ? <CheckIcon size={16} /> : <CopyIcon size={16} />} data-testid="feed-copy">
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <div>
          <Text size="sm" fw={600}>
            {t('calendars.how.title')}
          </Text>
          <List size="sm" spacing={2} mt={4}>
            <List.Item>{t('calendars.how.google')}</List.Item>
            <List.Item>{t('calendars.how.outlook')}</List.Item>
            <List.Item>{t('calendars.how.apple')}</List.Item>
          </List>
          <Text size="sm" mt={6}>
            {t('calendars.how.zone')}
          </Text>
        </div>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Anchor href={webcal(feed.url)} size="sm" data-testid="feed-webcal">
            <Group gap={4} component="span" wrap="nowrap">
              <CalendarIcon size={15} />
              {t('calendars.openApp')}
            </Group>
          </Anchor>
          {onClose ? (
            <Button variant="subtle" size="compact-sm" onClick={onClose}>
              {t('common.close')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Alert>
  );
}

/** Account → Calendars: a private address per person (all their groups) or per group, shown once; the list with revoke. */
export function CalendarSection() {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const feeds = useCalendarFeeds();
  const groups = useGroups({ sort: 'title', page: 1, pageSize: 100 });
  const [scope, setScope] = useState<string>(ALL);
  const [created, setCreated] = useState<CreatedCalendarFeed | null>(null);
  const [revoking, setRevoking] = useState<CalendarFeedView | null>(null);

  const groupTitle = (g: { title: string; titles: Record<string, string> }) => g.titles[locale] ?? g.title;
  const options = [{ value: ALL, label: t('calendars.scope.all') }, ...(groups.data?.items ?? []).map((g) => ({ value: g.slug, label: groupTitle(g) }))];

  const create = useMutation({
    mutationFn: () => recordMutations.createCalendarFeed(scope === ALL ? undefined : scope),
    onSuccess: (feed) => {
      setCreated(feed);
      void queryClient.invalidateQueries({ queryKey: recordKeys.calendarFeeds });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    create.mutate();
  };

  return (
    <AccountSection id="calendars" title={t('calendars.title')} intro={t('calendars.intro')}>
      {created ? <FeedAddress feed={created} onClose={() => setCreated(null)} /> : null}

      <form onSubmit={submit}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label={t('calendars.scope.label')}
            data={options}
            value={scope}
            onChange={(v) => setScope(v ?? ALL)}
            allowDeselect={false}
            searchable={options.length > 8}
            comboboxProps={{ withinPortal: true }}
            style={{ flex: '1 1 16rem' }}
            data-testid="feed-scope"
          />
          <Button type="submit" loading={create.isPending} data-testid="feed-create">
            {t('calendars.create')}
          </Button>
        </Group>
      </form>
      {create.isError ? <ErrorAlert error={create.error} /> : null}

      {feeds.isPending ? <Skeleton height={56} /> : null}
      {feeds.isError ? <ErrorAlert error={feeds.error} onRetry={() => void feeds.refetch()} /> : null}
      {feeds.data && feeds.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('calendars.list.none')}
        </Text>
      ) : null}
      {feeds.data && feeds.data.length > 0 ? (
        <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid="feed-list">
          {feeds.data.map((feed) => (
            <Paper component="li" key={feed.id} withBorder radius="sm" px="md" py="sm" data-testid="feed-row">
              <Group justify="space-between" gap="xs" wrap="wrap">
                <div style={{ minWidth: 0 }}>
                  <Group gap="xs" wrap="nowrap">
                    <CalendarIcon size={16} color="var(--mantine-color-navy-6)" />
                    <Text size="sm" fw={550} style={{ overflowWrap: 'anywhere' }}>
                      {feed.scope === 'all' ? t('calendars.list.allScope') : feed.group ? feed.group.title : t('calendars.list.groupGone')}
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed" mt={2}>
                    {t('calendars.list.created', { date: formatDate(feed.createdAt, locale, me.timeZone) })} ·{' '}
                    {feed.lastUsedAt ? t('calendars.list.lastUsed', { date: formatDateTime(feed.lastUsedAt, locale, me.timeZone) }) : t('calendars.list.neverUsed')}
                  </Text>
                </div>
                <Button variant="subtle" color="red" size="compact-sm" onClick={() => setRevoking(feed)} data-testid="feed-revoke">
                  {t('calendars.revoke')}
                </Button>
              </Group>
            </Paper>
          ))}
        </Stack>
      ) : null}

      <ConfirmModal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('calendars.revokeTitle')}
        message={t('calendars.revokeBody')}
        confirmLabel={t('calendars.revoke')}
        onConfirm={async () => {
          if (!revoking) return;
          await recordMutations.revokeCalendarFeed(revoking.id);
          if (created?.id === revoking.id) setCreated(null);
          await queryClient.invalidateQueries({ queryKey: recordKeys.calendarFeeds });
        }}
      />
    </AccountSection>
  );
}
