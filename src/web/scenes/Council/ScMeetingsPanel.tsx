import { Button, Group, Modal, NumberInput, Pagination, Paper, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CouncilDetail, ScMeetingView } from '../../../core/council';
import { LIMITS } from '../../../core/limits';
import { api, isApiError } from '../../api/client';
import { refreshCouncil, useScMeetings } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatPlainDate } from '../../components/format';
import { textLang } from '../../components/text-lang';
import classes from './Council.module.css';

const PAGE_SIZE = 20;

/** Numbered Steering Committee meetings, newest first; the secretariat records each one. */
export function ScMeetingsPanel({ council, canManage }: { council: CouncilDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [recording, setRecording] = useState(false);
  const meetings = useScMeetings(council.slug, page, PAGE_SIZE);
  const data = meetings.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const nextNumber = (council.recentScMeetings[0]?.number ?? 0) + 1;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Text size="sm" c="dimmed" maw={640}>
          {t('council.meetings.intro')}
        </Text>
        {canManage ? (
          <Button variant="light" onClick={() => setRecording(true)} data-testid="record-sc-meeting">
            {t('council.meetings.record')}
          </Button>
        ) : null}
      </Group>
      {meetings.isError ? <ErrorAlert error={meetings.error} onRetry={() => void meetings.refetch()} /> : null}
      {meetings.isPending ? (
        <Skeleton height={200} radius="md" />
      ) : data && data.items.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <Text c="dimmed" ta="center">
            {t('council.meetings.none')}
          </Text>
        </Paper>
      ) : data ? (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={520}>
            <Table className={classes.table} verticalSpacing="sm" horizontalSpacing="md" data-testid="sc-meetings-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('council.meetings.number')}</Table.Th>
                  <Table.Th>{t('council.meetings.date')}</Table.Th>
                  <Table.Th>{t('council.meetings.place')}</Table.Th>
                  <Table.Th>{t('council.meetings.note')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td className={classes.codeCell}>{t('council.meetings.numberValue', { number: m.number })}</Table.Td>
                    <Table.Td className={classes.nums}>{formatPlainDate(m.heldOn)}</Table.Td>
                    <Table.Td lang={textLang(m.place)}>{m.place}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c={m.note ? undefined : 'dimmed'} lang={m.note ? textLang(m.note) : undefined}>
                        {m.note ?? '—'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ) : null}
      {pages > 1 ? (
        <Group justify="flex-end">
          <Pagination total={pages} value={page} onChange={setPage} />
        </Group>
      ) : null}
      {recording ? <RecordMeetingModal council={council} suggested={nextNumber} onClose={() => setRecording(false)} /> : null}
    </Stack>
  );
}

function RecordMeetingModal({ council, suggested, onClose }: { council: CouncilDetail; suggested: number; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [number, setNumber] = useState<number | string>(suggested);
  const [heldOn, setHeldOn] = useState('');
  const [place, setPlace] = useState('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const numberOk = typeof number === 'number' && Number.isInteger(number) && number >= 1;
  const record = useMutation({
    mutationFn: () => api<ScMeetingView>('POST', `/api/councils/${encodeURIComponent(council.slug)}/sc-meetings`, { number, heldOn, place: place.trim(), note: note.trim() || null }),
    onSuccess: async () => {
      await refreshCouncil(queryClient);
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (numberOk && heldOn && place.trim()) record.mutate();
  };
  const exists = isApiError(record.error) && record.error.code === 'sc_meeting.exists';
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{t('council.meetings.record')}</Text>} centered radius="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <NumberInput
              label={t('council.meetings.number')}
              required
              min={1}
              allowDecimal={false}
              allowNegative={false}
              value={number}
              onChange={setNumber}
              error={exists ? t('errors.sc_meeting.exists') : tried && !numberOk ? t('council.form.required') : undefined}
              data-testid="sc-meeting-number"
            />
            <TextInput type="date" label={t('council.meetings.date')} required value={heldOn} onChange={(e) => setHeldOn(e.currentTarget.value)} error={tried && !heldOn ? t('council.form.required') : undefined} data-testid="sc-meeting-date" />
          </SimpleGrid>
          <TextInput label={t('council.meetings.place')} required maxLength={LIMITS.nameMax} value={place} onChange={(e) => setPlace(e.currentTarget.value)} error={tried && !place.trim() ? t('council.form.required') : undefined} data-testid="sc-meeting-place" />
          <Textarea label={t('council.meetings.note')} autosize minRows={2} maxRows={6} maxLength={LIMITS.reasonsMax} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          {record.isError && !exists ? <ErrorAlert error={record.error} /> : null}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={record.isPending} data-testid="save-sc-meeting">
              {t('council.meetings.recordConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
