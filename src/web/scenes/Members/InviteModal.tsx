import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../core/charter';
import { LIMITS } from '../../../core/limits';
import { ROLES_NEEDING_COMMITTEE } from '../../../core/memberships';
import { GROUP_ROLES, type GroupRole } from '../../../core/roles';
import type { GroupOverview } from '../../../core/study-groups';
import { groupMutations, refreshGroup, useCouncilCommitteeChoices, type NewGroupInvitation } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLocale, isLocale, LANGUAGE_NAMES, UI_LOCALES } from '../../i18n';
import { delegationOptions } from './committees';

export interface SentInvitation {
  email: string;
  accountCreated: boolean;
}

/** The roles a group can give: a sub-group has no delegation heads. */
export function rolesFor(isSubGroup: boolean): GroupRole[] {
  return GROUP_ROLES.filter((r) => !(isSubGroup && r === 'delegation_head'));
}

/** A role option with a line saying what the role does. */
export function RoleOption({ role }: { role: GroupRole }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0}>
      <Text size="sm">{t(`roles.${role}`)}</Text>
      <Text size="xs" c="dimmed">
        {t(`members.roleHints.${role}`)}
      </Text>
    </Stack>
  );
}

/**
 * Invite a person by email into a role: they receive a one-time link that signs them in (an
 * account is made for a new address) and accepts the invitation.
 */
export function InviteModal({ opened, onClose, group, isSubGroup, onSent }: { opened: boolean; onClose: () => void; group: GroupOverview; isSubGroup: boolean; onSent: (sent: SentInvitation) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<GroupRole>('member');
  const [committee, setCommittee] = useState<string | null>(null);
  const [locale, setLocale] = useState<Locale>(currentLocale());
  const [missingCommittee, setMissingCommittee] = useState(false);
  const council = useCouncilCommitteeChoices(group.council.slug, opened);
  const needsCommittee = ROLES_NEEDING_COMMITTEE.includes(role);

  const invite = useMutation({
    mutationFn: (input: NewGroupInvitation) => groupMutations.invite(group.slug, input),
    onSuccess: (created) => {
      void refreshGroup(queryClient, group.slug);
      onSent({ email: created.email, accountCreated: created.accountCreated });
      reset();
      onClose();
    },
  });

  function reset() {
    setEmail('');
    setDisplayName('');
    setRole('member');
    setCommittee(null);
    setMissingCommittee(false);
    invite.reset();
  }

  const close = () => {
    reset();
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (needsCommittee && !committee) {
      setMissingCommittee(true);
      return;
    }
    invite.mutate({
      email: email.trim(),
      ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
      role,
      ...(committee ? { committeeCode: committee } : {}),
      locale,
    });
  };

  return (
    <Modal opened={opened} onClose={close} title={<Text fw={600}>{t('members.inviteTitle')}</Text>} centered radius="md" size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('members.inviteIntro', { days: Math.round(LIMITS.invitationLinkHours / 24) })}
          </Text>
          <TextInput
            label={t('members.email')}
            type="email"
            required
            autoComplete="off"
            maxLength={LIMITS.emailMax}
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            data-autofocus
          />
          <TextInput
            label={t('members.newName')}
            description={t('members.newNameHint')}
            maxLength={LIMITS.nameMax}
            autoComplete="off"
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
          />
          <Select
            label={t('members.role')}
            description={t(`members.roleHints.${role}`)}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            required
            data={rolesFor(isSubGroup).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            value={role}
            onChange={(v) => {
              if (!v) return;
              setRole(v as GroupRole);
              // A co-chair's committee must be a co-chairing one: choose again.
              if (v === 'co_chair' && committee && !group.coChairCommittees.some((c) => c.code === committee)) setCommittee(null);
              setMissingCommittee(false);
            }}
            allowDeselect={false}
            renderOption={({ option }) => <RoleOption role={option.value as GroupRole} />}
            comboboxProps={{ shadow: 'md' }}
            maxDropdownHeight={360}
          />
          <Select
            label={t('members.delegation')}
            description={needsCommittee ? t('members.delegationRequired') : t('members.delegationOptional')}
            placeholder={needsCommittee ? t('members.chooseDelegation') : t('members.noDelegation')}
            required={needsCommittee}
            data={delegationOptions(t, group, role, council.data?.items)}
            value={committee}
            onChange={(v) => {
              setCommittee(v);
              setMissingCommittee(false);
            }}
            clearable={!needsCommittee}
            searchable
            nothingFoundMessage={t('members.noCommitteeFound')}
            error={missingCommittee ? t('members.delegationRequired') : undefined}
            comboboxProps={{ shadow: 'md' }}
            renderOption={({ option }) => <span lang="en">{option.label}</span>}
          />
          <Select
            label={t('members.mailLanguage')}
            description={t('members.mailLanguageHint')}
            data={UI_LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
            value={locale}
            onChange={(v) => {
              if (isLocale(v)) setLocale(v);
            }}
            allowDeselect={false}
            renderOption={({ option }) => <span lang={option.value}>{option.label}</span>}
          />
          {invite.isError ? <ErrorAlert error={invite.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={invite.isPending} disabled={!email.trim()}>
              {t('members.sendInvitation')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
