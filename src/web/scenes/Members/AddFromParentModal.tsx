import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupRole } from '../../../core/roles';
import { groupMutations, refreshGroup, useMembers, type RelatedGroup } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { personNameParts } from '../../components/format';
import { currentLocale } from '../../i18n';
import { RoleOption, rolesFor } from './InviteModal';

/**
 * A sub-group draws its members from the group it belongs to: a member of the parent joins
 * directly, in a role, without an invitation (outside experts are invited by email instead).
 */
export function AddFromParentModal({ opened, onClose, slug, parent, memberIds }: { opened: boolean; onClose: () => void; slug: string; parent: RelatedGroup; memberIds: Set<string> }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const locale = currentLocale();
  const [userId, setUserId] = useState<string | null>(null);
  const [role, setRole] = useState<GroupRole>('member');
  const parentMembers = useMembers(parent.slug, { sort: 'name', page: 1, pageSize: 100 });
  const candidates = (parentMembers.data?.items ?? []).filter((m) => !memberIds.has(m.person.id));
  const add = useMutation({
    mutationFn: (input: { userId: string; role: GroupRole }) => groupMutations.addRole(slug, input.userId, { role: input.role }),
    onSuccess: () => {
      void refreshGroup(queryClient, slug);
      close();
    },
  });
  const close = () => {
    setUserId(null);
    setRole('member');
    add.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (userId) add.mutate({ userId, role });
  };
  return (
    <Modal opened={opened} onClose={close} title={<Text fw={600}>{t('members.addFromParentTitle')}</Text>} centered radius="md" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('members.addFromParentIntro', { group: parent.title })}
          </Text>
          <Select
            label={t('members.person')}
            required
            searchable
            placeholder={t('members.choosePerson')}
            nothingFoundMessage={t('members.noMatches')}
            data={candidates.map((m) => {
              const name = personNameParts(m.person.names, m.person.displayName, locale);
              return { value: m.person.id, label: name.local ? `${name.local.text} (${name.latin})` : name.latin };
            })}
            value={userId}
            onChange={setUserId}
            comboboxProps={{ shadow: 'md' }}
            maxDropdownHeight={320}
            data-autofocus
          />
          <Select
            label={t('members.role')}
            description={t(`members.roleHints.${role}`)}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            required
            data={rolesFor(true).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            value={role}
            onChange={(v) => v && setRole(v as GroupRole)}
            allowDeselect={false}
            renderOption={({ option }) => <RoleOption role={option.value as GroupRole} />}
            comboboxProps={{ shadow: 'md' }}
            maxDropdownHeight={360}
          />
          {add.isError ? <ErrorAlert error={add.error} /> : null}
          {parentMembers.isError ? <ErrorAlert error={parentMembers.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending} disabled={!userId}>
              {t('members.addToSubGroup')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
