import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberView } from '../../../core/memberships';
import type { GroupRole } from '../../../core/roles';
import type { GroupOverview } from '../../../core/study-groups';
import { groupMutations, refreshGroup, useCouncilCommitteeChoices } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PersonName } from '../../components/PersonName';
import { delegationOptions } from './committees';
import { RoleOption, rolesFor } from './InviteModal';

/** Gives a member another role; without a delegation, one that needs it takes the person's own. */
export function AddRoleModal({ member, onClose, group, isSubGroup }: { member: MemberView | null; onClose: () => void; group: GroupOverview; isSubGroup: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<GroupRole | null>(null);
  const [committee, setCommittee] = useState<string | null>(null);
  const council = useCouncilCommitteeChoices(group.council.slug, member !== null);
  const held = new Set(member?.roles.map((r) => r.role) ?? []);
  const add = useMutation({
    mutationFn: (input: { userId: string; role: GroupRole; committeeCode?: string }) => groupMutations.addRole(group.slug, input.userId, { role: input.role, ...(input.committeeCode ? { committeeCode: input.committeeCode } : {}) }),
    onSuccess: () => {
      void refreshGroup(queryClient, group.slug);
      close();
    },
  });
  const close = () => {
    setRole(null);
    setCommittee(null);
    add.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (member && role) add.mutate({ userId: member.person.id, role, ...(committee ? { committeeCode: committee } : {}) });
  };
  return (
    <Modal opened={member !== null} onClose={close} title={<Text fw={600}>{t('members.addRoleTitle')}</Text>} centered radius="md" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {member ? (
        <form onSubmit={submit}>
          <Stack gap="md">
            <PersonName names={member.person.names} displayName={member.person.displayName} affiliation={member.person.affiliation} size="sm" />
            <Select
              label={t('members.role')}
              required
              placeholder={t('members.chooseRole')}
              data={rolesFor(isSubGroup)
                .filter((r) => !held.has(r))
                .map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              value={role}
              onChange={(v) => setRole(v as GroupRole | null)}
              renderOption={({ option }) => <RoleOption role={option.value as GroupRole} />}
              comboboxProps={{ shadow: 'md' }}
              maxDropdownHeight={360}
              data-autofocus
            />
            <Select
              label={t('members.delegation')}
              description={member.committee ? t('members.delegationDefault', { committee: member.committee.name }) : t('members.delegationOptional')}
              placeholder={member.committee?.name ?? t('members.noDelegation')}
              data={delegationOptions(t, group, role, council.data?.items)}
              value={committee}
              onChange={setCommittee}
              clearable
              searchable
              nothingFoundMessage={t('members.noCommitteeFound')}
              comboboxProps={{ shadow: 'md' }}
            />
            {add.isError ? <ErrorAlert error={add.error} /> : null}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={add.isPending} disabled={!role}>
                {t('members.addRole')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}
