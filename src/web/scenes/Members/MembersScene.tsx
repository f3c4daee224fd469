import { ActionIcon, Alert, Anchor, Button, Group, Menu, Pagination, Paper, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { MEMBER_SORTS, type MemberListQuery, type MemberView } from '../../../core/memberships';
import { GROUP_ROLES, type GroupRole } from '../../../core/roles';
import { groupMutations, refreshGroup, useInvitations, useMe, useMembers, useSession, type MemberParams } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { SearchIcon, UsersIcon } from '../../components/icons';
import { PersonName } from '../../components/PersonName';
import { currentLocale } from '../../i18n';
import { useGroupContext } from '../Group/context';
import { RoleBadges } from '../Group/RoleBadge';
import { AddFromParentModal } from './AddFromParentModal';
import { AddRoleModal } from './AddRoleModal';
import { groupCommittees } from './committees';
import { InvitationsSection } from './InvitationsSection';
import { InviteModal, type SentInvitation } from './InviteModal';
import classes from './Members.module.css';

const PAGE_SIZE = 25;
type Sort = MemberListQuery['sort'];

function readParams(search: URLSearchParams): MemberParams {
  const role = search.get('role');
  const sort = search.get('sort');
  const page = Number(search.get('page'));
  return {
    role: GROUP_ROLES.includes(role as GroupRole) ? (role as GroupRole) : undefined,
    committee: search.get('committee')?.trim() || undefined,
    q: search.get('q')?.trim() || undefined,
    sort: (MEMBER_SORTS as readonly string[]).includes(sort ?? '') ? (sort as Sort) : 'name',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: PAGE_SIZE,
  };
}

type Pending = { kind: 'end'; member: MemberView; role: GroupRole } | { kind: 'remove'; member: MemberView } | null;

/** The group's members: who they are, their delegation and roles; managers invite and change roles here. */
export function MembersScene() {
  const { t } = useTranslation();
  const { group, isSubGroup, lineage } = useGroupContext();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const params = readParams(search);
  const members = useMembers(group.slug, params);
  const [query, setQuery] = useState(params.q ?? '');
  const [inviting, setInviting] = useState(false);
  const [sent, setSent] = useState<SentInvitation | null>(null);
  const [addingTo, setAddingTo] = useState<MemberView | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [addingFromParent, setAddingFromParent] = useState(false);
  const canInvite = group.allowedActions.includes('members.invite');
  const canManage = group.allowedActions.includes('members.manage');
  const committees = groupCommittees(group);
  // Shares its cache with the invitations list below: a count to find them from the top.
  const openInvitations = useInvitations(group.slug, 'open', canManage);
  const parent = lineage?.parent ?? null;

  /** Filters live in the address, so a filtered list can be bookmarked and shared. */
  const update = (patch: Partial<Record<'q' | 'role' | 'committee' | 'sort' | 'page', string | undefined>>) => {
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
  const setSort = (sort: Sort) => update({ sort: sort === 'name' ? undefined : sort });

  const data = members.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const filtered = Boolean(params.q || params.role || params.committee);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <div>
          <Title order={2} className={classes.title}>
            {t('members.title')}
          </Title>
          {data && data.total > 0 ? (
            <Text size="sm" c="dimmed" role="status">
              {t('groups.showing', { from: (data.page - 1) * data.pageSize + 1, to: Math.min(data.total, data.page * data.pageSize), total: data.total })}
            </Text>
          ) : null}
        </div>
        <Group gap="sm">
          {canManage && openInvitations.data?.total ? (
            <Anchor href="#invitations-title" size="sm">
              {t('members.openInvitationsCount', { count: openInvitations.data.total })}
            </Anchor>
          ) : null}
          {canManage && isSubGroup && parent ? (
            <Button variant="default" onClick={() => setAddingFromParent(true)}>
              {t('members.addFromParent')}
            </Button>
          ) : null}
          {canInvite ? (
            <Button onClick={() => setInviting(true)} leftSection={<UsersIcon size={16} />}>
              {t('members.invite')}
            </Button>
          ) : null}
        </Group>
      </Group>

      {sent ? (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setSent(null)}>
          {t('members.invitationSent', { email: sent.email })} {sent.accountCreated ? t('members.accountCreated') : null}
        </Alert>
      ) : null}

      <Text size="sm" c="dimmed" className={classes.plusNote}>
        {t('group.observersIntro')}
      </Text>

      <Paper withBorder p="md" radius="md" component="form" role="search" onSubmit={(e) => e.preventDefault()}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
          <TextInput
            label={canManage ? t('members.searchWithEmail') : t('members.search')}
            type="search"
            value={query}
            leftSection={<SearchIcon size={16} />}
            onChange={(e) => {
              setQuery(e.currentTarget.value);
              updateQuery(e.currentTarget.value);
            }}
          />
          <Select
            label={t('members.role')}
            data={[{ value: '', label: t('members.allRoles') }, ...GROUP_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))]}
            value={params.role ?? ''}
            onChange={(v) => update({ role: v || undefined })}
            allowDeselect={false}
            comboboxProps={{ shadow: 'md' }}
          />
          <Select
            label={t('members.delegation')}
            data={[{ value: '', label: t('members.allDelegations') }, ...committees.map((c) => ({ value: c.code, label: c.name }))]}
            value={params.committee ?? ''}
            onChange={(v) => update({ committee: v || undefined })}
            allowDeselect={false}
            searchable
            comboboxProps={{ shadow: 'md' }}
          />
          <Select
            label={t('members.sort')}
            data={MEMBER_SORTS.map((s) => ({ value: s, label: t(`members.sorts.${s.replace('-', 'desc_') as SortKey}`) }))}
            value={params.sort}
            onChange={(v) => v && setSort(v as Sort)}
            allowDeselect={false}
            comboboxProps={{ shadow: 'md' }}
          />
        </SimpleGrid>
      </Paper>

      {members.isError ? <ErrorAlert error={members.error} onRetry={() => void members.refetch()} /> : null}

      {members.isPending ? (
        <Stack gap="xs" aria-busy="true" aria-label={t('app.loading')}>
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} height={56} radius="sm" />
          ))}
        </Stack>
      ) : data && data.items.length === 0 ? (
        <Paper withBorder radius="md" py="xl" px="md">
          <Stack align="center" gap="sm">
            <Text fw={600}>{filtered ? t('members.noMatches') : t('members.empty')}</Text>
            {filtered ? (
              <Button
                variant="light"
                onClick={() => {
                  setQuery('');
                  update({ q: undefined, role: undefined, committee: undefined });
                }}
              >
                {t('groups.clearFilters')}
              </Button>
            ) : null}
          </Stack>
        </Paper>
      ) : data ? (
        <MemberTable
          members={data.items}
          sort={params.sort}
          onSort={setSort}
          busy={members.isFetching}
          canManage={canManage}
          onAddRole={setAddingTo}
          onEndRole={(member, role) => setPending({ kind: 'end', member, role })}
          onRemove={(member) => setPending({ kind: 'remove', member })}
        />
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

      {canManage ? <InvitationsSection slug={group.slug} /> : null}

      {canInvite ? <InviteModal opened={inviting} onClose={() => setInviting(false)} group={group} isSubGroup={isSubGroup} onSent={setSent} /> : null}
      {canManage ? <AddRoleModal member={addingTo} onClose={() => setAddingTo(null)} group={group} isSubGroup={isSubGroup} /> : null}
      {canManage && parent && addingFromParent ? (
        <AddFromParentModal opened onClose={() => setAddingFromParent(false)} slug={group.slug} parent={parent} memberIds={new Set((data?.items ?? []).map((m) => m.person.id))} />
      ) : null}
      <ConfirmModal
        opened={pending !== null}
        onClose={() => setPending(null)}
        title={pending?.kind === 'end' ? t('members.endRoleTitle', { role: t(`roles.${pending.role}`) }) : t('members.removeTitle')}
        message={
          pending?.kind === 'end'
            ? t('members.endRoleMessage', { name: pending.member.person.displayName, role: t(`roles.${pending.role}`) })
            : pending
              ? t('members.removeMessage', { name: pending.member.person.displayName })
              : ''
        }
        confirmLabel={pending?.kind === 'end' ? t('members.endRole') : t('members.remove')}
        onConfirm={async () => {
          if (pending?.kind === 'end') await groupMutations.endRole(group.slug, pending.member.person.id, pending.role);
          else if (pending) await groupMutations.removeMember(group.slug, pending.member.person.id);
          await refreshGroup(queryClient, group.slug);
        }}
      />
    </Stack>
  );
}

type SortKey = 'name' | 'desc_name' | 'committee' | 'desc_committee' | 'role' | 'desc_role' | 'since' | 'desc_since';

interface TableProps {
  members: MemberView[];
  sort: Sort;
  onSort: (sort: Sort) => void;
  busy: boolean;
  canManage: boolean;
  onAddRole: (member: MemberView) => void;
  onEndRole: (member: MemberView, role: GroupRole) => void;
  onRemove: (member: MemberView) => void;
}

/** A column heading that sorts by it; a second press reverses the order. */
function SortHeader({ column, label, sort, onSort }: { column: 'name' | 'committee' | 'role' | 'since'; label: string; sort: Sort; onSort: (s: Sort) => void }) {
  const { t } = useTranslation();
  const active = sort === column || sort === `-${column}`;
  const descending = sort === `-${column}`;
  return (
    <Table.Th aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}>
      <UnstyledButton
        className={classes.sortButton}
        data-active={active || undefined}
        onClick={() => onSort((active && !descending ? `-${column}` : column) as Sort)}
        title={t('members.sortBy', { column: label })}
      >
        {label}
        <span aria-hidden="true" className={classes.sortArrow}>
          {active ? (descending ? '↓' : '↑') : '↕'}
        </span>
      </UnstyledButton>
    </Table.Th>
  );
}

function MemberTable({ members, sort, onSort, busy, canManage, onAddRole, onEndRole, onRemove }: TableProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const zone = useSession().data?.user?.timeZone ?? undefined;
  const me = useMe();
  return (
    <Paper withBorder radius="md" className={classes.tablePaper}>
      <Table className={classes.table} verticalSpacing="sm" horizontalSpacing="md" aria-busy={busy} data-testid="members-table">
        <Table.Thead>
          <Table.Tr>
            <SortHeader column="name" label={t('members.name')} sort={sort} onSort={onSort} />
            <SortHeader column="committee" label={t('members.delegation')} sort={sort} onSort={onSort} />
            <SortHeader column="role" label={t('members.roles')} sort={sort} onSort={onSort} />
            <SortHeader column="since" label={t('members.since')} sort={sort} onSort={onSort} />
            {canManage ? (
              <Table.Th>
                <VisuallyHidden>{t('members.actions')}</VisuallyHidden>
              </Table.Th>
            ) : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((m) => {
            const observer = m.roles.some((r) => r.role === 'observer');
            return (
              <Table.Tr key={m.person.id} data-observer={observer || undefined} data-testid="member-row">
                <Table.Td className={classes.nameCell}>
                  <PersonName names={m.person.names} displayName={m.person.displayName} affiliation={m.person.affiliation} size="sm" />
                  {m.person.email ? (
                    <Text size="xs" c="dimmed" lang="en" className={classes.email}>
                      {m.person.email}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td data-label={t('members.delegation')}>
                  {m.committee ? (
                    <Text size="sm" lang="en">
                      {m.committee.name}
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('group.noCommittee')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td data-label={t('members.roles')}>
                  <RoleBadges roles={m.roles.map((r) => r.role)} withObserverNote />
                </Table.Td>
                <Table.Td data-label={t('members.since')} className={classes.since}>
                  <Text size="sm">{formatDate(m.since, locale, zone)}</Text>
                </Table.Td>
                {canManage ? (
                  <Table.Td className={classes.actionsCell}>
                    <Menu position="bottom-end" shadow="md" width={260} withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={t('members.actionsFor', { name: m.person.displayName })} data-testid="member-actions">
                          <span aria-hidden="true" className={classes.dots}>
                            ⋯
                          </span>
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => onAddRole(m)}>{t('members.addRoleMenu')}</Menu.Item>
                        {m.roles.length > 1
                          ? m.roles.map((r) => (
                              <Menu.Item key={r.role} onClick={() => onEndRole(m, r.role)}>
                                {t('members.endRoleMenu', { role: t(`roles.${r.role}`) })}
                              </Menu.Item>
                            ))
                          : null}
                        <Menu.Divider />
                        <Menu.Item color="red" onClick={() => onRemove(m)}>
                          {m.person.id === me.id ? t('members.leave') : t('members.remove')}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
