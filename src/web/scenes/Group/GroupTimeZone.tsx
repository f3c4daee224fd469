import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupOverview } from '../../../core/study-groups';
import { api } from '../../api/client';
import { keys } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TimeZoneSelect } from '../../components/time/TimeZoneSelect';
import { useNow, useViewerZone } from '../../components/time/useViewerZone';
import { offsetLabel, zonePlace } from '../../components/time/zones';
import { currentLocale } from '../../i18n';

/**
 * The zone the group's deadlines are set and read in (silence, rounds), with who chose it; those
 * who plan the group's meetings change it.
 */
export function GroupTimeZone({ group }: { group: GroupOverview }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const now = useNow();
  const [editing, setEditing] = useState(false);
  const { zone, chosen } = group.timeZone;
  const canSet = group.allowedActions.includes('meetings.manage');
  return (
    <Group gap="xs" wrap="wrap" data-testid="group-time-zone" data-zone={zone} data-chosen={chosen}>
      <Text size="sm" c="dimmed">
        {t(chosen ? 'group.timeZone.chosen' : 'group.timeZone.suggested', { place: zonePlace(zone, locale), offset: offsetLabel(now, zone) })}
      </Text>
      {canSet ? (
        <Button size="compact-xs" variant="subtle" onClick={() => setEditing(true)} data-testid="group-time-zone-change">
          {t('group.timeZone.change')}
        </Button>
      ) : null}
      {editing ? <TimeZoneModal group={group} onClose={() => setEditing(false)} /> : null}
    </Group>
  );
}

function TimeZoneModal({ group, onClose }: { group: GroupOverview; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const viewerZone = useViewerZone();
  const [zone, setZone] = useState<string | null>(group.timeZone.zone);
  const save = useMutation({
    mutationFn: () => api('PUT', `/api/study-groups/${encodeURIComponent(group.slug)}/time-zone`, { timeZone: zone }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.group(group.slug) });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (zone) save.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t('group.timeZone.title')} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('group.timeZone.hint')}</Text>
          <TimeZoneSelect
            label={t('group.timeZone.label')}
            value={zone}
            onChange={setZone}
            suggested={[group.timeZone.zone, ...group.meetings.map((m) => m.timeZone), viewerZone]}
            required
            comboboxProps={{ withinPortal: true }}
            data-testid="group-time-zone-select"
          />
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!zone} data-testid="group-time-zone-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
