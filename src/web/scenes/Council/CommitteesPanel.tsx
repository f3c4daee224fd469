import { Autocomplete, Badge, Box, Button, Drawer, Group, Modal, Pagination, Paper, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Timeline, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { CommitteeDetail, CouncilDetail } from '../../../core/council';
import { LIMITS } from '../../../core/limits';
import { COMMITTEE_MEMBERSHIP_TYPES, type CommitteeMembershipType } from '../../../core/roles';
import { api, isApiError } from '../../api/client';
import { refreshCouncil, useCommittee, useCommittees, useMe } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, formatPlainDate } from '../../components/format';
import { SearchIcon } from '../../components/icons';
import { PersonName } from '../../components/PersonName';
import { currentLocale } from '../../i18n';
import classes from './Council.module.css';
import { KNOWN_SUBREGIONS, subregionLabel } from './council-labels';

const PAGE_SIZE = 25;
const TYPE_COLORS: Record<CommitteeMembershipType, string> = { full: 'navy', associate: 'teal', observer: 'gray' };
const todayIso = () => new Date().toISOString().slice(0, 10);

export function MembershipBadge({ type }: { type: CommitteeMembershipType | null }) {
  const { t } = useTranslation();
  if (!type) {
    return (
      <Badge variant="outline" color="gray" size="sm" radius="sm" tt="none">
        {t('council.committees.notMember')}
      </Badge>
    );
  }
  return (
    <Badge variant="light" color={TYPE_COLORS[type]} size="sm" radius="sm" tt="none">
      {t(`membershipType.${type}`)}
    </Badge>
  );
}

/** Member committees: filter by the type valid today and by name or code; a drawer with each one's history. */
export function CommitteesPanel({ council, canManage }: { council: CouncilDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const q = search.get('q') ?? '';
  const typeParam = search.get('type');
  const type = (COMMITTEE_MEMBERSHIP_TYPES as readonly string[]).includes(typeParam ?? '') ? (typeParam as CommitteeMembershipType) : undefined;
  const page = Math.max(1, Number(search.get('page')) || 1);
  const open = search.get('committee');
  const [query, setQuery] = useState(q);
  const [adding, setAdding] = useState(false);
  const committees = useCommittees(council.slug, { q: q || undefined, type, page, pageSize: PAGE_SIZE });

  const update = (patch: Record<string, string | undefined>) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        if (!('page' in patch) && !('committee' in patch)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  const updateQuery = useDebouncedCallback((value: string) => update({ q: value.trim() || undefined }), 300);
  const data = committees.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm" wrap="wrap">
        <Group gap="sm" align="flex-end" wrap="wrap" role="search">
          <TextInput
            label={t('council.committees.search')}
            type="search"
            value={query}
            leftSection={<SearchIcon size={16} />}
            onChange={(e) => {
              setQuery(e.currentTarget.value);
              updateQuery(e.currentTarget.value);
            }}
            w={260}
            data-testid="committee-search"
          />
          <Select
            label={t('council.committees.type')}
            data={[{ value: '', label: t('council.committees.allTypes') }, ...COMMITTEE_MEMBERSHIP_TYPES.map((m) => ({ value: m, label: t(`membershipType.${m}`) }))]}
            value={type ?? ''}
            onChange={(v) => update({ type: v || undefined })}
            allowDeselect={false}
            w={200}
            comboboxProps={{ shadow: 'md' }}
          />
        </Group>
        {canManage ? (
          <Button variant="light" onClick={() => setAdding(true)} data-testid="add-committee">
            {t('council.committees.add')}
          </Button>
        ) : null}
      </Group>

      {committees.isError ? <ErrorAlert error={committees.error} onRetry={() => void committees.refetch()} /> : null}
      {committees.isPending ? (
        <Skeleton height={320} radius="md" />
      ) : data && data.items.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <Text c="dimmed" ta="center">
            {t('council.committees.noMatches')}
          </Text>
        </Paper>
      ) : data ? (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={0}>
            <Table className={classes.table} verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-busy={committees.isFetching} data-testid="committees-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('council.committees.code')}</Table.Th>
                  <Table.Th>{t('council.committees.name')}</Table.Th>
                  <Table.Th visibleFrom="sm">{t('council.committees.membership')}</Table.Th>
                  <Table.Th visibleFrom="sm">{t('council.committees.since')}</Table.Th>
                  <Table.Th visibleFrom="md">{t('council.committees.hostInstitution')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((c) => (
                  <Table.Tr key={c.id} className={classes.clickableRow} onClick={() => update({ committee: c.code })}>
                    <Table.Td className={classes.codeCell} lang="en">
                      {c.code}
                    </Table.Td>
                    <Table.Td>
                      <UnstyledButton className={classes.rowButton} lang="en" onClick={(e) => (e.stopPropagation(), update({ committee: c.code }))} aria-haspopup="dialog">
                        {c.name}
                      </UnstyledButton>
                      <Text size="xs" c="dimmed">
                        {subregionLabel(t, c.subregion)}
                      </Text>
                      {/* On a phone the membership goes under the name instead of in its own column. */}
                      <Box hiddenFrom="sm" mt={4}>
                        <MembershipBadge type={c.membershipType} />
                      </Box>
                    </Table.Td>
                    <Table.Td visibleFrom="sm">
                      <MembershipBadge type={c.membershipType} />
                    </Table.Td>
                    <Table.Td visibleFrom="sm" className={classes.nums}>
                      {c.memberSince ? formatPlainDate(c.memberSince) : '—'}
                    </Table.Td>
                    <Table.Td visibleFrom="md">
                      {c.hostInstitution ? (
                        <Text size="sm" lang="en">
                          {c.hostInstitution}
                        </Text>
                      ) : (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ) : null}
      {data ? (
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed" role="status">
            {data.total ? t('council.committees.showing', { from: (data.page - 1) * data.pageSize + 1, to: Math.min(data.total, data.page * data.pageSize), total: data.total }) : ''}
          </Text>
          {pages > 1 ? (
            <Pagination
              total={pages}
              value={Math.min(page, pages)}
              onChange={(p) => update({ page: p > 1 ? String(p) : undefined })}
              getControlProps={(control) => (control === 'previous' ? { 'aria-label': t('common.previous') } : control === 'next' ? { 'aria-label': t('common.next') } : {})}
            />
          ) : null}
        </Group>
      ) : null}

      <CommitteeDrawer councilSlug={council.slug} code={open} canManage={canManage} onClose={() => update({ committee: undefined })} />
      {adding ? <AddCommitteeModal council={council} onClose={() => setAdding(false)} onAdded={(code) => (setAdding(false), update({ committee: code }))} /> : null}
    </Stack>
  );
}

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

function CommitteeDrawer({ councilSlug, code, canManage, onClose }: { councilSlug: string; code: string | null; canManage: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const committee = useCommittee(councilSlug, code);
  const c = committee.data;
  return (
    <Drawer
      opened={Boolean(code)}
      onClose={onClose}
      position="right"
      size="md"
      title={
        <Text fw={600} lang="en">
          {c ? `${c.name} (${c.code})` : code}
        </Text>
      }
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {committee.isPending ? (
        <Stack gap="sm">
          <Skeleton height={20} />
          <Skeleton height={120} />
        </Stack>
      ) : committee.isError ? (
        <ErrorAlert error={committee.error} onRetry={() => void committee.refetch()} />
      ) : c ? (
        <CommitteeDetailView key={c.code} councilSlug={councilSlug} committee={c} canManage={canManage} />
      ) : null}
    </Drawer>
  );
}

function CommitteeDetailView({ councilSlug, committee: c, canManage }: { councilSlug: string; committee: CommitteeDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const [mode, setMode] = useState<'view' | 'edit' | 'membership'>('view');
  return (
    <Stack gap="lg" data-testid="committee-detail">
      <Group gap="xs">
        <MembershipBadge type={c.membershipType} />
        {c.memberSince ? (
          <Text size="sm" c="dimmed">
            {t('council.committees.sinceDate', { date: formatPlainDate(c.memberSince) })}
          </Text>
        ) : null}
      </Group>
      <Box component="dl" className={classes.detailFacts}>
        <Fact label={t('council.committees.country')}>{c.country ?? '—'}</Fact>
        <Fact label={t('council.committees.subregion')}>{subregionLabel(t, c.subregion)}</Fact>
        <Fact label={t('council.committees.hostInstitution')}>
          <span lang="en">{c.hostInstitution ?? '—'}</span>
        </Fact>
        <Fact label={t('council.committees.representative')}>
          {c.representative ? <PersonName names={c.representative.person.names} displayName={c.representative.person.displayName} size="sm" /> : <span className={classes.vacant}>{t('council.sc.vacant')}</span>}
        </Fact>
      </Box>

      {canManage && mode === 'view' ? (
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => setMode('edit')}>
            {t('council.committees.edit')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setMode('membership')} data-testid="change-membership">
            {t('council.committees.changeMembership')}
          </Button>
        </Group>
      ) : null}
      {mode === 'edit' ? <EditCommitteeForm councilSlug={councilSlug} committee={c} onDone={() => setMode('view')} /> : null}
      {mode === 'membership' ? <ChangeMembershipForm councilSlug={councilSlug} committee={c} onDone={() => setMode('view')} /> : null}

      <Stack gap="sm">
        <Title order={3} size="h4" className={classes.sectionTitle}>
          {t('council.committees.history')}
        </Title>
        <Timeline active={0} bulletSize={12} lineWidth={2} data-testid="membership-history">
          {c.history.map((h) => (
            <Timeline.Item key={h.id} color={TYPE_COLORS[h.type]} title={<Text size="sm" fw={600}>{t(`membershipType.${h.type}`)}</Text>}>
              <Text size="sm" className={classes.nums}>
                {h.validTo ? t('council.committees.period', { from: formatPlainDate(h.validFrom), to: formatPlainDate(h.validTo) }) : t('council.committees.periodOpen', { from: formatPlainDate(h.validFrom) })}
              </Text>
              <Text size="xs" c="dimmed">
                {t('council.committees.recorded', { when: formatDateTime(h.recordedAt, locale, me.timeZone) })}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
    </Stack>
  );
}

function EditCommitteeForm({ councilSlug, committee: c, onDone }: { councilSlug: string; committee: CommitteeDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(c.name);
  const [host, setHost] = useState(c.hostInstitution ?? '');
  const [subregion, setSubregion] = useState(c.subregion);
  const save = useMutation({
    mutationFn: () => {
      const patch: Record<string, string | null> = {};
      if (name.trim() !== c.name) patch.name = name.trim();
      if ((host.trim() || null) !== c.hostInstitution) patch.hostInstitution = host.trim() || null;
      if (subregion.trim() !== c.subregion) patch.subregion = subregion.trim();
      return Object.keys(patch).length ? api<CommitteeDetail>('PATCH', `/api/councils/${encodeURIComponent(councilSlug)}/committees/${encodeURIComponent(c.code)}`, patch) : Promise.resolve(c);
    },
    onSuccess: async () => {
      await refreshCouncil(queryClient);
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() && subregion.trim()) save.mutate();
  };
  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={submit}>
      <Stack gap="sm">
        <Text fw={600} size="sm">
          {t('council.committees.edit')}
        </Text>
        <TextInput label={t('council.committees.name')} required lang="en" maxLength={LIMITS.nameMax} value={name} onChange={(e) => setName(e.currentTarget.value)} error={!name.trim() ? t('council.form.required') : undefined} />
        <TextInput label={t('council.committees.hostInstitution')} lang="en" maxLength={LIMITS.nameMax} value={host} onChange={(e) => setHost(e.currentTarget.value)} />
        <SubregionInput value={subregion} onChange={setSubregion} />
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" size="xs" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function SubregionInput({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <Autocomplete
      label={t('council.committees.subregion')}
      description={t('council.form.subregionHint')}
      required
      data={KNOWN_SUBREGIONS.map((s) => ({ value: s, label: `${subregionLabel(t, s)} (${s})` }))}
      value={value}
      onChange={onChange}
      comboboxProps={{ shadow: 'md' }}
      error={value && !/^[a-z][a-z0-9_]*$/.test(value) ? t('council.form.subregionFormat') : undefined}
    />
  );
}

function ChangeMembershipForm({ councilSlug, committee: c, onDone }: { councilSlug: string; committee: CommitteeDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const current = c.history.find((h) => h.validTo === null) ?? c.history[0];
  const [type, setType] = useState<CommitteeMembershipType | null>(null);
  const [validFrom, setValidFrom] = useState(todayIso());
  const [tried, setTried] = useState(false);
  const tooEarly = Boolean(current && validFrom && validFrom <= current.validFrom);
  const save = useMutation({
    mutationFn: () => api<CommitteeDetail>('POST', `/api/councils/${encodeURIComponent(councilSlug)}/committees/${encodeURIComponent(c.code)}/memberships`, { type, validFrom }),
    onSuccess: async () => {
      await refreshCouncil(queryClient);
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (type && validFrom && !tooEarly) save.mutate();
  };
  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text fw={600} size="sm">
          {t('council.committees.changeMembership')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('council.committees.changeHint')}
        </Text>
        <SimpleGrid cols={2} spacing="sm">
          <Select
            label={t('council.committees.newType')}
            required
            data={COMMITTEE_MEMBERSHIP_TYPES.map((m) => ({ value: m, label: t(`membershipType.${m}`) }))}
            value={type}
            onChange={(v) => setType(v as CommitteeMembershipType | null)}
            error={tried && !type ? t('council.form.required') : undefined}
            comboboxProps={{ shadow: 'md', withinPortal: true }}
            data-testid="membership-type"
          />
          <TextInput
            type="date"
            label={t('council.committees.validFrom')}
            required
            value={validFrom}
            onChange={(e) => setValidFrom(e.currentTarget.value)}
            error={tried && !validFrom ? t('council.form.required') : tooEarly && current ? t('council.committees.validFromAfter', { date: formatPlainDate(current.validFrom) }) : undefined}
            data-testid="membership-valid-from"
          />
        </SimpleGrid>
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" size="xs" loading={save.isPending} data-testid="save-membership">
            {t('council.committees.recordChange')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function AddCommitteeModal({ council, onClose, onAdded }: { council: CouncilDetail; onClose: () => void; onAdded: (code: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [country, setCountry] = useState('');
  const [subregion, setSubregion] = useState('');
  const [host, setHost] = useState('');
  const [type, setType] = useState<CommitteeMembershipType>('full');
  const [validFrom, setValidFrom] = useState(todayIso());
  const [tried, setTried] = useState(false);
  const codeOk = /^[A-Za-z0-9][A-Za-z0-9-]{0,15}$/.test(code.trim());
  const countryOk = !country.trim() || /^[A-Za-z]{2}$/.test(country.trim());
  const subregionOk = /^[a-z][a-z0-9_]*$/.test(subregion.trim());
  const add = useMutation({
    mutationFn: () =>
      api<CommitteeDetail>('POST', `/api/councils/${encodeURIComponent(council.slug)}/committees`, {
        code: code.trim(),
        name: name.trim(),
        country: country.trim() ? country.trim().toUpperCase() : null,
        subregion: subregion.trim(),
        hostInstitution: host.trim() || null,
        type,
        validFrom,
      }),
    onSuccess: async (created) => {
      await refreshCouncil(queryClient);
      onAdded(created.code);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (codeOk && name.trim() && countryOk && subregionOk && validFrom) add.mutate();
  };
  const exists = isApiError(add.error) && add.error.code === 'committee.exists';
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{t('council.committees.add')}</Text>} centered radius="md" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <TextInput
              label={t('council.committees.code')}
              description={t('council.form.codeHint')}
              required
              lang="en"
              maxLength={16}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={exists ? t('errors.committee.exists') : tried && !codeOk ? t('council.form.codeFormat') : undefined}
              data-testid="committee-code"
            />
            <TextInput
              label={t('council.committees.name')}
              required
              lang="en"
              maxLength={LIMITS.nameMax}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={tried && !name.trim() ? t('council.form.required') : undefined}
              className={classes.spanTwo}
              data-testid="committee-name"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput label={t('council.committees.country')} description={t('council.form.countryHint')} lang="en" maxLength={2} value={country} onChange={(e) => setCountry(e.currentTarget.value)} error={tried && !countryOk ? t('council.form.countryFormat') : undefined} />
            <SubregionInput value={subregion} onChange={setSubregion} />
          </SimpleGrid>
          <TextInput label={t('council.committees.hostInstitution')} lang="en" maxLength={LIMITS.nameMax} value={host} onChange={(e) => setHost(e.currentTarget.value)} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Select
              label={t('council.committees.membership')}
              required
              allowDeselect={false}
              data={COMMITTEE_MEMBERSHIP_TYPES.map((m) => ({ value: m, label: t(`membershipType.${m}`) }))}
              value={type}
              onChange={(v) => setType((v as CommitteeMembershipType | null) ?? 'full')}
              comboboxProps={{ shadow: 'md', withinPortal: true }}
            />
            <TextInput type="date" label={t('council.committees.validFrom')} required value={validFrom} onChange={(e) => setValidFrom(e.currentTarget.value)} error={tried && !validFrom ? t('council.form.required') : undefined} />
          </SimpleGrid>
          {add.isError && !exists ? <ErrorAlert error={add.error} /> : null}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending} data-testid="save-committee">
              {t('council.committees.addConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
