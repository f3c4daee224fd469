import { Alert, Button, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SC_CO_CHAIRS_MAX, type CouncilDetail, type CouncilPerson, type CouncilRoleView, type PersonFound } from '../../../core/council';
import type { CouncilRole } from '../../../core/roles';
import { api, apiGet } from '../../api/client';
import { refreshCouncil, useMe } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, personNameParts } from '../../components/format';
import { InfoIcon } from '../../components/icons';
import { PersonName } from '../../components/PersonName';
import { currentLocale } from '../../i18n';
import classes from './Council.module.css';
import { MembershipBadge } from './CommitteesPanel';

interface Assigning {
  role: CouncilRole;
  committee?: { code: string; name: string };
}

function Since({ role }: { role: CouncilRoleView }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Text size="xs" c="dimmed">
      {t('council.sc.since', { date: formatDate(role.startedAt, currentLocale(), me.timeZone) })}
    </Text>
  );
}

/** The Steering Committee: two co-chairs, and one seat per member committee with its representative. */
export function SteeringCommitteePanel({ council, canManage }: { council: CouncilDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const [assigning, setAssigning] = useState<Assigning | null>(null);
  const [ending, setEnding] = useState<CouncilRoleView | null>(null);
  const { coChairs, seats } = council.steeringCommittee;
  const vacantChairs = Math.max(0, SC_CO_CHAIRS_MAX - coChairs.length);
  const filled = seats.filter((s) => s.representative).length;

  return (
    <Stack gap="xl">
      <Stack gap="sm" component="section" aria-labelledby="sc-co-chairs" className={classes.section}>
        <Title order={2} size="h3" id="sc-co-chairs" className={classes.sectionTitle}>
          {t('council.sc.coChairs')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" data-testid="sc-co-chairs">
          {coChairs.map((r) => (
            <Paper key={r.id} withBorder radius="md" p="md" className={classes.seatCard}>
              <Stack gap="xs">
                <PersonName names={r.person.names} displayName={r.person.displayName} affiliation={r.person.affiliation} />
                <Group justify="space-between" gap="xs">
                  <Since role={r} />
                  {canManage ? (
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => setEnding(r)}>
                      {t('council.roles.end')}
                    </Button>
                  ) : null}
                </Group>
              </Stack>
            </Paper>
          ))}
          {Array.from({ length: vacantChairs }, (_, i) => (
            <Paper key={`vacant-${i}`} withBorder radius="md" p="md" className={classes.seatCard}>
              <Group justify="space-between" gap="xs">
                <Text className={classes.vacant}>{t('council.sc.vacantChair')}</Text>
                {canManage ? (
                  <Button size="compact-sm" variant="light" onClick={() => setAssigning({ role: 'sc_co_chair' })}>
                    {t('council.roles.assign')}
                  </Button>
                ) : null}
              </Group>
            </Paper>
          ))}
        </SimpleGrid>
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="sc-seats" className={classes.section}>
        <Group justify="space-between" align="baseline" gap="xs">
          <Title order={2} size="h3" id="sc-seats" className={classes.sectionTitle}>
            {t('council.sc.seats')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('council.sc.filled', { filled, total: seats.length })}
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          {t('council.sc.seatsIntro')}
        </Text>
        {/* A phone gets one seat under another; a wider screen, the table. */}
        <Stack gap={0} component="ul" className={`${classes.plainList} ${classes.seatList}`} hiddenFrom="sm">
          {seats.map((s) => (
            <li key={s.committee.id}>
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <Stack gap={4} className={classes.seatMain}>
                  <Group gap={6} wrap="wrap">
                    <Text size="sm" fw={600} lang="en">
                      {s.committee.name}
                    </Text>
                    <MembershipBadge type={s.membershipType} />
                  </Group>
                  {s.representative ? (
                    <PersonName names={s.representative.person.names} displayName={s.representative.person.displayName} affiliation={s.representative.person.affiliation} size="sm" />
                  ) : (
                    <Text size="sm" className={classes.vacant}>
                      {t('council.sc.vacant')}
                    </Text>
                  )}
                </Stack>
                {canManage ? (
                  s.representative ? (
                    <Button size="compact-xs" variant="subtle" color="red" className={classes.seatAction} onClick={() => setEnding(s.representative)}>
                      {t('council.roles.end')}
                    </Button>
                  ) : (
                    <Button size="compact-xs" variant="light" className={classes.seatAction} onClick={() => setAssigning({ role: 'sc_member', committee: s.committee })}>
                      {t('council.roles.assign')}
                    </Button>
                  )
                ) : null}
              </Group>
            </li>
          ))}
        </Stack>
        <Paper withBorder radius="md" visibleFrom="sm">
          <Table.ScrollContainer minWidth={0}>
            <Table className={classes.table} verticalSpacing="sm" horizontalSpacing="md" data-testid="sc-seats-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('council.committees.code')}</Table.Th>
                  <Table.Th>{t('council.sc.committee')}</Table.Th>
                  <Table.Th>{t('council.sc.representative')}</Table.Th>
                  {canManage ? <Table.Th aria-label={t('council.roles.actions')} /> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {seats.map((s) => (
                  <Table.Tr key={s.committee.id}>
                    <Table.Td className={classes.codeCell} lang="en">
                      {s.committee.code}
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={4} align="flex-start">
                        <Text size="sm" lang="en">
                          {s.committee.name}
                        </Text>
                        <MembershipBadge type={s.membershipType} />
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      {s.representative ? (
                        <Stack gap={2}>
                          <PersonName names={s.representative.person.names} displayName={s.representative.person.displayName} affiliation={s.representative.person.affiliation} size="sm" />
                        </Stack>
                      ) : (
                        <Text size="sm" className={classes.vacant}>
                          {t('council.sc.vacant')}
                        </Text>
                      )}
                    </Table.Td>
                    {canManage ? (
                      <Table.Td ta="right">
                        {s.representative ? (
                          <Button size="compact-xs" variant="subtle" color="red" onClick={() => setEnding(s.representative)}>
                            {t('council.roles.end')}
                          </Button>
                        ) : (
                          <Button size="compact-xs" variant="light" onClick={() => setAssigning({ role: 'sc_member', committee: s.committee })}>
                            {t('council.roles.assign')}
                          </Button>
                        )}
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      </Stack>
      {assigning ? <AssignRoleModal council={council} assigning={assigning} onClose={() => setAssigning(null)} /> : null}
      <EndRoleModal council={council} role={ending} onClose={() => setEnding(null)} />
    </Stack>
  );
}

/** The council's secretariat: who keeps the record. */
export function SecretariatPanel({ council, canManage }: { council: CouncilDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const [assigning, setAssigning] = useState(false);
  const [ending, setEnding] = useState<CouncilRoleView | null>(null);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Text size="sm" c="dimmed" maw={640}>
          {t('council.secretariat.intro')}
        </Text>
        {canManage ? (
          <Button variant="light" onClick={() => setAssigning(true)}>
            {t('council.secretariat.add')}
          </Button>
        ) : null}
      </Group>
      {council.secretariat.length ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" data-testid="secretariat">
          {council.secretariat.map((r) => (
            <Paper key={r.id} withBorder radius="md" p="md">
              <Stack gap="xs">
                <PersonName names={r.person.names} displayName={r.person.displayName} affiliation={r.person.affiliation} />
                <Group justify="space-between" gap="xs">
                  <Since role={r} />
                  {canManage ? (
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => setEnding(r)}>
                      {t('council.roles.end')}
                    </Button>
                  ) : null}
                </Group>
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      ) : (
        <Text c="dimmed">{t('council.secretariat.none')}</Text>
      )}
      {assigning ? <AssignRoleModal council={council} assigning={{ role: 'secretariat' }} onClose={() => setAssigning(false)} /> : null}
      <EndRoleModal council={council} role={ending} onClose={() => setEnding(null)} />
    </Stack>
  );
}

/** The people this council lists (co-chairs, representatives, secretariat): offered before any search. */
function listedPeople(council: CouncilDetail): CouncilPerson[] {
  const all = [...council.steeringCommittee.coChairs, ...council.steeringCommittee.seats.flatMap((s) => (s.representative ? [s.representative] : [])), ...council.secretariat];
  const byId = new Map<string, CouncilPerson>();
  for (const r of all) byId.set(r.person.id, r.person);
  return [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

function holders(council: CouncilDetail, role: CouncilRole): Set<string> {
  const list = role === 'sc_co_chair' ? council.steeringCommittee.coChairs : role === 'secretariat' ? council.secretariat : council.steeringCommittee.seats.flatMap((s) => (s.representative ? [s.representative] : []));
  return new Set(list.map((r) => r.person.id));
}

function AssignRoleModal({ council, assigning, onClose }: { council: CouncilDetail; assigning: Assigning; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const locale = currentLocale();
  const [userId, setUserId] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['council-people', council.slug, query],
    queryFn: ({ signal }) => apiGet<PersonFound[]>(`/api/councils/${encodeURIComponent(council.slug)}/people?q=${encodeURIComponent(query)}`, signal),
    enabled: query.length > 0,
    placeholderData: (previous) => previous,
  });
  const taken = holders(council, assigning.role);
  // Before any search, the council's own people; then whoever the search finds (the server matches).
  const offered: CouncilPerson[] = query ? (found.data ?? []) : listedPeople(council);
  const chosen = userId ? [...listedPeople(council), ...(found.data ?? [])].find((p) => p.id === userId) : undefined;
  const candidates = [...offered, ...(chosen && !offered.some((p) => p.id === chosen.id) ? [chosen] : [])].filter((p) => !taken.has(p.id));
  const label = (p: CouncilPerson) => {
    const parts = personNameParts(p.names, p.displayName, locale);
    const name = parts.local ? `${parts.local.text} (${parts.latin})` : parts.latin;
    return p.affiliation ? `${name} — ${p.affiliation}` : name;
  };
  const assign = useMutation({
    mutationFn: () => api<CouncilRoleView>('POST', `/api/councils/${encodeURIComponent(council.slug)}/roles`, { userId, role: assigning.role, ...(assigning.committee ? { committeeCode: assigning.committee.code } : {}) }),
    onSuccess: async () => {
      await refreshCouncil(queryClient);
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (userId) assign.mutate();
  };
  const title =
    assigning.role === 'sc_member' && assigning.committee
      ? t('council.roles.assignRepresentative', { committee: assigning.committee.name })
      : assigning.role === 'sc_co_chair'
        ? t('council.roles.assignCoChair')
        : t('council.secretariat.add');
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{title}</Text>} centered radius="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Alert variant="light" color="gray" icon={<InfoIcon />} p="xs">
            <Text size="xs">{t('council.roles.searchHint')}</Text>
          </Alert>
          <Select
            label={t('council.roles.person')}
            required
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options }) => options}
            data={candidates.map((p) => ({ value: p.id, label: label(p) }))}
            value={userId}
            onChange={setUserId}
            nothingFoundMessage={t('council.roles.noCandidates')}
            error={tried && !userId ? t('council.form.required') : undefined}
            comboboxProps={{ shadow: 'md', withinPortal: true }}
          />
          {assign.isError ? <ErrorAlert error={assign.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={assign.isPending}>
              {t('council.roles.assign')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function EndRoleModal({ council, role, onClose }: { council: CouncilDetail; role: CouncilRoleView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const what = role ? (role.role === 'sc_member' && role.committee ? t('council.roles.representativeOf', { committee: role.committee.name }) : t(`roles.${role.role}`)) : '';
  return (
    <ConfirmModal
      opened={role !== null}
      onClose={onClose}
      title={t('council.roles.endTitle')}
      message={role ? t('council.roles.endBody', { name: role.person.displayName, role: what }) : ''}
      confirmLabel={t('council.roles.end')}
      onConfirm={async () => {
        if (!role) return;
        await api('DELETE', `/api/councils/${encodeURIComponent(council.slug)}/roles/${encodeURIComponent(role.id)}`);
        await refreshCouncil(queryClient);
      }}
    />
  );
}
