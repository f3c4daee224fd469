import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GroupRole } from '../../../core/roles';
import type { DelegationView, GroupOverview, PersonView } from '../../../core/study-groups';
import { PersonName } from '../../components/PersonName';
import { RoleBadges } from './RoleBadge';
import classes from './GroupScene.module.css';

function PersonList({ people, hideRoles }: { people: PersonView[]; hideRoles?: GroupRole[] }) {
  return (
    <Stack gap="sm" component="ul" className={classes.plainList}>
      {people.map((p) => (
        <li key={p.id}>
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <PersonName names={p.names} displayName={p.displayName} affiliation={p.affiliation} size="sm" />
            <RoleBadges roles={p.roles} hide={hideRoles} size="xs" />
          </Group>
        </li>
      ))}
    </Stack>
  );
}

export function CoChairsSection({ group }: { group: GroupOverview }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      {group.coChairs.map(({ committee, people }) => (
        <Paper key={committee.id} withBorder radius="md" p="md">
          <Stack gap="sm">
            <Group justify="space-between" gap="xs">
              <Title order={3} size="h4" lang="en">
                {committee.name}
              </Title>
              <Text size="xs" c="dimmed">
                {t('group.coChairCommittee')}
              </Text>
            </Group>
            {people.length ? (
              <PersonList people={people} hideRoles={['co_chair', 'member', 'delegation_head']} />
            ) : (
              <Text size="sm" c="dimmed">
                {t('group.noCoChairPerson')}
              </Text>
            )}
          </Stack>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function DelegationCard({ delegation }: { delegation: DelegationView }) {
  const { t } = useTranslation();
  const { committee, head, members } = delegation;
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Title order={3} size="h4" lang="en">
            {committee.name}
          </Title>
          {committee.membershipType ? (
            <Badge variant="light" color="navy" size="sm" radius="sm" tt="none">
              {t(`membershipType.${committee.membershipType}`)}
            </Badge>
          ) : null}
        </Group>
        <div>
          <Text size="xs" c="dimmed" fw={600} className={classes.smallCaps} mb={4}>
            {t('group.head')}
          </Text>
          {head ? (
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <PersonName names={head.names} displayName={head.displayName} affiliation={head.affiliation} size="sm" />
              <RoleBadges roles={head.roles} hide={['delegation_head', 'member']} size="xs" />
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              {t('group.noHead')}
            </Text>
          )}
        </div>
        <div>
          <Text size="xs" c="dimmed" fw={600} className={classes.smallCaps} mb={4}>
            {t('group.delegationMembers')}
          </Text>
          {members.length ? (
            <PersonList people={members} hideRoles={['member']} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('common.none')}
            </Text>
          )}
        </div>
      </Stack>
    </Paper>
  );
}

export function DelegationsSection({ group }: { group: GroupOverview }) {
  const { t } = useTranslation();
  if (!group.delegations.length) {
    return (
      <Text size="sm" c="dimmed">
        {t('group.noParticipants')}
      </Text>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      {group.delegations.map((d) => (
        <DelegationCard key={d.committee.id} delegation={d} />
      ))}
    </SimpleGrid>
  );
}

export function ObserversSection({ group }: { group: GroupOverview }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={720}>
        {t('group.observersIntro')}
      </Text>
      {group.observers.length ? (
        <Paper withBorder radius="md" p="md">
          <Stack gap="md" component="ul" className={classes.plainList}>
            {group.observers.map((p) => (
              <li key={p.id}>
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                  <PersonName names={p.names} displayName={p.displayName} affiliation={p.affiliation} size="sm" />
                  <Text size="xs" c="dimmed" ta="right" lang={p.committee ? 'en' : undefined}>
                    {p.committee ? p.committee.name : t('group.noCommittee')}
                  </Text>
                </Group>
              </li>
            ))}
          </Stack>
        </Paper>
      ) : (
        <Text size="sm" c="dimmed">
          {t('common.none')}
        </Text>
      )}
    </Stack>
  );
}

export function SupportSection({ group }: { group: GroupOverview }) {
  const { t } = useTranslation();
  if (!group.support.length) {
    return (
      <Text size="sm" c="dimmed">
        {t('common.none')}
      </Text>
    );
  }
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="md" component="ul" className={classes.plainList}>
        {group.support.map((p) => (
          <li key={p.id}>
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <PersonName names={p.names} displayName={p.displayName} affiliation={p.affiliation} size="sm" />
              <Stack gap={4} align="flex-end">
                <RoleBadges roles={p.roles} size="xs" />
                {p.committee ? (
                  <Text size="xs" c="dimmed" lang="en">
                    {p.committee.name}
                  </Text>
                ) : null}
              </Stack>
            </Group>
          </li>
        ))}
      </Stack>
    </Paper>
  );
}

/**
 * Everyone in a sub-group in one list: a sub-group has no delegation heads, and its members
 * are drawn from the parent group with invited experts beside them.
 */
export function ParticipantsSection({ group }: { group: GroupOverview }) {
  const { t } = useTranslation();
  const seen = new Set<string>();
  const people = [
    ...group.coChairs.flatMap((c) => c.people),
    ...group.delegations.flatMap((d) => (d.head ? [d.head, ...d.members] : d.members)),
    ...group.observers,
    ...group.support,
  ].filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
  if (!people.length) {
    return (
      <Text size="sm" c="dimmed">
        {t('group.noParticipants')}
      </Text>
    );
  }
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="md" component="ul" className={classes.plainList}>
        {people.map((p) => (
          <li key={p.id}>
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <PersonName names={p.names} displayName={p.displayName} affiliation={p.affiliation} size="sm" />
              <Stack gap={4} align="flex-end">
                <RoleBadges roles={p.roles} size="xs" withObserverNote />
                <Text size="xs" c="dimmed" lang={p.committee ? 'en' : undefined}>
                  {p.committee ? p.committee.name : t('group.noCommittee')}
                </Text>
              </Stack>
            </Group>
          </li>
        ))}
      </Stack>
    </Paper>
  );
}
