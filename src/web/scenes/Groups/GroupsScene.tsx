import { Badge, Button, EmptyState, Group, Pagination, Paper, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { StudyGroupStatus } from '../../../core/roles';
import type { GroupListItem } from '../../../core/study-groups';
import { catalogs } from '../../../core/i18n';
import { useGroups, type GroupListParams } from '../../api/queries';
import { CommitteeList } from '../../components/CommitteeList';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatPlainDate } from '../../components/format';
import { FolderIcon, SearchIcon } from '../../components/icons';
import { PageTitle } from '../../components/PageTitle';
import { GroupStatusBadge } from '../../components/StatusBadge';
import { currentLocale } from '../../i18n';
import classes from './GroupsScene.module.css';

/** The statuses, in lifecycle order (the catalog lists them in that order). */
const STATUSES = Object.keys(catalogs.en.status) as StudyGroupStatus[];
const SORTS = ['title', '-termStart', 'termStart'] as const;
const PAGE_SIZE = 20;

function readParams(search: URLSearchParams): GroupListParams {
  const status = search.get('status');
  const sort = search.get('sort');
  const page = Number(search.get('page'));
  return {
    q: search.get('q')?.trim() || undefined,
    status: STATUSES.includes(status as StudyGroupStatus) ? (status as StudyGroupStatus) : undefined,
    sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as GroupListParams['sort']) : 'title',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: PAGE_SIZE,
  };
}

export function GroupsScene() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const params = readParams(search);
  const groups = useGroups(params);
  const [query, setQuery] = useState(params.q ?? '');

  /** Filters live in the address, so a filtered list can be bookmarked and shared. */
  const update = (patch: Partial<Record<'q' | 'status' | 'sort' | 'page', string | undefined>>) => {
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(patch)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        if (!('page' in patch)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };
  const updateQuery = useDebouncedCallback((value: string) => update({ q: value.trim() || undefined }), 300);

  const filtered = Boolean(params.q || params.status);
  const data = groups.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <PageTitle>{t('groups.title')}</PageTitle>
        {data && data.total > 0 ? (
          <Text size="sm" c="dimmed" role="status">
            {t('groups.showing', {
              from: (data.page - 1) * data.pageSize + 1,
              to: Math.min(data.total, data.page * data.pageSize),
              total: data.total,
            })}
          </Text>
        ) : null}
      </Group>

      <Paper withBorder p="md" radius="md" component="form" role="search" onSubmit={(e) => e.preventDefault()}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <TextInput
            label={t('groups.search')}
            type="search"
            value={query}
            leftSection={<SearchIcon size={16} />}
            onChange={(e) => {
              setQuery(e.currentTarget.value);
              updateQuery(e.currentTarget.value);
            }}
          />
          <Select
            label={t('groups.status')}
            data={[{ value: '', label: t('groups.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
            value={params.status ?? ''}
            onChange={(value) => update({ status: value || undefined })}
            allowDeselect={false}
            comboboxProps={{ shadow: 'md' }}
          />
          <Select
            label={t('groups.sort')}
            data={[
              { value: 'title', label: t('groups.sortTitle') },
              { value: '-termStart', label: t('groups.sortNewest') },
              { value: 'termStart', label: t('groups.sortOldest') },
            ]}
            value={params.sort}
            onChange={(value) => update({ sort: value && value !== 'title' ? value : undefined })}
            allowDeselect={false}
            comboboxProps={{ shadow: 'md' }}
          />
        </SimpleGrid>
      </Paper>

      {groups.isError ? <ErrorAlert error={groups.error} onRetry={() => void groups.refetch()} /> : null}

      {groups.isPending ? (
        <Stack gap="md" aria-busy="true" aria-label={t('app.loading')}>
          {[0, 1].map((i) => (
            <Skeleton key={i} height={150} radius="md" />
          ))}
        </Stack>
      ) : data && data.items.length === 0 ? (
        <Paper withBorder radius="md" py={48} px="md">
          {filtered ? (
            <EmptyState
              icon={<SearchIcon size={26} />}
              withIndicatorBackground
              title={<Title order={2} size="h3">{t('groups.noMatches')}</Title>}
              description={t('groups.noMatchesBody')}
            >
              <EmptyState.Actions>
                <Button
                  variant="light"
                  onClick={() => {
                    setQuery('');
                    update({ q: undefined, status: undefined });
                  }}
                >
                  {t('groups.clearFilters')}
                </Button>
              </EmptyState.Actions>
            </EmptyState>
          ) : (
            <EmptyState
              icon={<FolderIcon size={26} />}
              withIndicatorBackground
              title={<Title order={2} size="h3">{t('groups.empty')}</Title>}
              description={t('groups.emptyBody')}
              maw={520}
              mx="auto"
            />
          )}
        </Paper>
      ) : data ? (
        <Stack gap="md" component="ul" className={classes.list} aria-busy={groups.isFetching}>
          {data.items.map((group) => (
            <li key={group.id}>
              <GroupCard group={group} />
            </li>
          ))}
        </Stack>
      ) : null}

      {data && pages > 1 ? (
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed">
            {t('common.page', { page: data.page, pages })}
          </Text>
          <Pagination
            total={pages}
            value={Math.min(data.page, pages)}
            onChange={(page) => update({ page: page > 1 ? String(page) : undefined })}
            getControlProps={(control) => (control === 'previous' ? { 'aria-label': t('common.previous') } : control === 'next' ? { 'aria-label': t('common.next') } : {})}
            getItemProps={(page) => ({ 'aria-label': t('common.page', { page, pages }) })}
          />
        </Group>
      ) : null}
    </Stack>
  );
}

function GroupCard({ group }: { group: GroupListItem }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const localTitle = group.titles[locale];
  const title = localTitle ?? group.title;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} className={classes.card}>
      <Stack gap="sm">
        <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
          <Text size="xs" fw={600} c="dimmed" className={classes.council} lang="en">
            {group.council.acronym}
          </Text>
          <GroupStatusBadge status={group.status} size="sm" />
        </Group>
        <Title order={2} size="h3" lang={localTitle ? locale : 'en'}>
          <Link to={`/groups/${group.slug}`} className={classes.titleLink}>
            {title}
          </Link>
        </Title>
        {localTitle && localTitle !== group.title ? (
          <Text size="sm" c="dimmed" lang="en" mt={-6}>
            {group.title}
          </Text>
        ) : null}
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" mt={4} component="dl" className={classes.facts}>
          <div>
            <Text component="dt" size="xs" c="dimmed">
              {t('groups.term')}
            </Text>
            <Text component="dd" size="sm" className={classes.nums}>
              {t('groups.termRange', { start: formatPlainDate(group.termStart), end: formatPlainDate(group.termEnd) })}
            </Text>
          </div>
          <div>
            <Text component="dt" size="xs" c="dimmed">
              {t('groups.coChairs')}
            </Text>
            <Text component="dd" size="sm">
              {group.coChairCommittees.length ? <CommitteeList committees={group.coChairCommittees} /> : t('common.none')}
            </Text>
          </div>
          <div>
            <Text component="dt" size="xs" c="dimmed">
              {t('group.participants')}
            </Text>
            <Text component="dd" size="sm">
              {t('groups.members', { count: group.participantCount })}
            </Text>
          </div>
        </SimpleGrid>
        {group.myRoles.length ? (
          <Group gap={6} align="center">
            <Text size="xs" c="dimmed">
              {t('groups.yourRoles')}
            </Text>
            {group.myRoles.map((role) => (
              <Badge key={role} variant="outline" color="navy" size="sm" radius="sm" tt="none">
                {t(`roles.${role}`)}
              </Badge>
            ))}
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
