import { Alert, Button, Checkbox, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingDetail, SessionView } from '../../../../core/meetings';
import type { GroupOverview } from '../../../../core/study-groups';
import { isApiError } from '../../../api/client';
import { sessionMutations, type SessionWrite } from '../../../api/queries';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { personNameParts } from '../../../components/format';
import { LocalTimeHint, localTimeError } from '../../../components/time/LocalTimeHint';
import { atMinutes, readLocal, zonePlace } from '../../../components/time/zones';
import { currentLocale } from '../../../i18n';
import { groupPeople } from '../context';

interface Props {
  group: GroupOverview;
  meeting: MeetingDetail;
  /** The session to change; none to add one. */
  session?: SessionView;
  /** For a new session: the day and times to start from. */
  defaults?: { date: string; start: string; end: string };
  write: (title: string, send: (parallel: boolean) => Promise<MeetingDetail>) => Promise<boolean>;
  onClose: () => void;
}

/**
 * A session: its title, day and times (typed in the meeting's zone, read back live in the
 * viewer's), chair and speakers from the group's members, guests by name.
 */
export function SessionFormModal({ group, meeting, session, defaults, write, onClose }: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const phone = useMediaQuery('(max-width: 36em)');
  const zone = meeting.timeZone ?? 'UTC';
  const [title, setTitle] = useState(session?.title ?? '');
  const [date, setDate] = useState(session?.start.local.slice(0, 10) ?? defaults?.date ?? meeting.start?.local.slice(0, 10) ?? '');
  const [start, setStart] = useState(session?.start.local.slice(11, 16) ?? defaults?.start ?? '09:00');
  const [end, setEnd] = useState(session?.end.local.slice(11, 16) ?? defaults?.end ?? '10:00');
  // A session that ends on a later day than it starts (rare: a virtual meeting across the world) keeps that many days.
  const spanDays = session ? Math.round((Date.parse(session.end.local.slice(0, 10)) - Date.parse(session.start.local.slice(0, 10))) / 86_400_000) : 0;
  const endDate = date ? atMinutes(date, spanDays * 1440).slice(0, 10) : '';
  const [chairId, setChairId] = useState<string | null>(session?.chair?.id ?? null);
  const [speakerIds, setSpeakerIds] = useState<string[]>(session?.speakers.map((s) => s.id) ?? []);
  const [guests, setGuests] = useState(session?.guestSpeakers ?? '');
  const [description, setDescription] = useState(session?.description ?? '');
  const [parallel, setParallel] = useState(session?.parallel ?? false);
  const [tried, setTried] = useState(false);
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);

  const people = groupPeople(group).map((p) => {
    const parts = personNameParts(p.names, p.displayName, locale);
    return { value: p.id, label: parts.local ? `${parts.local.text} (${parts.latin})` : parts.latin };
  });
  // Someone who has left the group still chairs the sessions they chaired.
  for (const p of [...(session?.chair ? [session.chair] : []), ...(session?.speakers ?? [])]) if (!people.some((o) => o.value === p.id)) people.push({ value: p.id, label: p.displayName });

  const startLocal = date && start ? `${date}T${start}` : '';
  const endLocal = endDate && end ? `${endDate}T${end}` : '';
  const startR = readLocal(startLocal, zone);
  const endR = readLocal(endLocal, zone);
  const at = (r: typeof startR) => (r.kind === 'ok' || r.kind === 'repeated' ? r.instant : null);
  const serverError = (field: string) => {
    if (!isApiError(failed)) return null;
    const e = failed.fieldErrors.find((f) => f.path === `body.${field}`);
    if (!e) return null;
    if (e.code === 'nonexistent_time') return t('time.skippedShort');
    if (e.code === 'too_small') return t('meetings.sessions.form.endBeforeStart');
    if (e.code === 'not_a_member') return t('meetings.sessions.form.notAMember');
    return e.message;
  };
  const problems = {
    title: !title.trim() ? t('meetings.sessions.form.titleRequired') : null,
    date: !date ? t('meetings.sessions.form.dateRequired') : null,
    start: !start ? t('meetings.sessions.form.startRequired') : localTimeError(t, locale, startLocal, zone, meeting.city),
    end: !end ? t('meetings.sessions.form.endRequired') : (localTimeError(t, locale, endLocal, zone, meeting.city) ?? ((at(startR) && at(endR) && (at(endR) as Date) <= (at(startR) as Date)) ? t('meetings.sessions.form.endBeforeStart') : null)),
  };
  const skipped = (r: typeof startR, local: string) => (r.kind === 'skipped' ? localTimeError(t, locale, local, zone, meeting.city) : null);
  const shown = (key: keyof typeof problems) => (tried && problems[key]) || null;
  const firstDay = meeting.start?.local.slice(0, 10);
  const lastDay = meeting.end?.local.slice(0, 10) ?? firstDay;
  const outside = Boolean(date && firstDay && lastDay && (date < firstDay || date > lastDay));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.values(problems).some(Boolean)) return;
    const body: SessionWrite = {
      title: title.trim(),
      start: startLocal,
      end: endLocal,
      chairId,
      speakerIds,
      guestSpeakers: guests.trim() || null,
      description: description.trim() || null,
      parallel,
    };
    setPending(true);
    setFailed(null);
    try {
      // Refused for overlapping, it may be kept as a parallel session: sent again marked so.
      const saved = await write(body.title ?? '', (keepParallel) => {
        const input = keepParallel ? { ...body, parallel: true } : body;
        return session ? sessionMutations.update(group.slug, meeting.id, session.id, input) : sessionMutations.add(group.slug, meeting.id, input);
      });
      if (saved) onClose();
    } catch (err) {
      setFailed(err);
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal opened onClose={onClose} fullScreen={phone} size="lg" radius="md" title={<Text fw={600}>{session ? t('meetings.sessions.form.editTitle') : t('meetings.sessions.form.addTitle')}</Text>}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="session-form">
        <Stack gap="md">
          <TextInput label={t('meetings.sessions.form.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={300} error={shown('title')} data-autofocus data-testid="session-title-input" />
          <Alert variant="light" color="navy" p="xs" data-testid="session-zone-notice">
            <Text size="sm">{t('meetings.form.timesIn', { place: meeting.city?.trim() || zonePlace(zone, locale), zone })}</Text>
          </Alert>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <TextInput type="date" label={t('meetings.sessions.form.date')} required value={date} onChange={(e) => setDate(e.currentTarget.value)} error={shown('date')} data-testid="session-date" />
            <Stack gap={4}>
              <TextInput type="time" label={t('meetings.sessions.form.start')} required value={start} onChange={(e) => setStart(e.currentTarget.value)} error={shown('start') || skipped(startR, startLocal) || serverError('start')} data-testid="session-start" />
              <LocalTimeHint local={startLocal} zone={zone} place={meeting.city} testId="session-start-hint" />
            </Stack>
            <Stack gap={4}>
              <TextInput type="time" label={t('meetings.sessions.form.end')} required value={end} onChange={(e) => setEnd(e.currentTarget.value)} error={shown('end') || skipped(endR, endLocal) || serverError('end')} data-testid="session-end" />
              <LocalTimeHint local={endLocal} zone={zone} place={meeting.city} testId="session-end-hint" />
            </Stack>
          </SimpleGrid>
          {outside ? (
            <Text size="sm" c="orange.9" data-testid="session-outside">
              {t('meetings.sessions.form.outsideDays')}
            </Text>
          ) : null}
          <Checkbox label={t('meetings.sessions.warnings.overlap')} description={t('meetings.sessions.overlap.explain')} checked={parallel} onChange={(e) => setParallel(e.currentTarget.checked)} data-testid="session-parallel" />
          <Select label={t('meetings.sessions.form.chair')} data={people} value={chairId} onChange={setChairId} searchable clearable comboboxProps={{ withinPortal: true }} error={serverError('chairId')} data-testid="session-chair" />
          <MultiSelect
            label={t('meetings.sessions.form.speakers')}
            description={t('meetings.sessions.form.speakersHint')}
            data={people}
            value={speakerIds}
            onChange={setSpeakerIds}
            searchable
            clearable
            comboboxProps={{ withinPortal: true }}
            error={serverError('speakerIds')}
            data-testid="session-speakers"
          />
          <TextInput label={t('meetings.sessions.form.guests')} description={t('meetings.sessions.form.guestsHint')} value={guests} onChange={(e) => setGuests(e.currentTarget.value)} maxLength={1000} />
          <Textarea label={t('meetings.sessions.form.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} maxRows={8} maxLength={5000} />
          {failed && !(isApiError(failed) && failed.fieldErrors.length) ? <ErrorAlert error={failed} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="session-save">
              {session ? t('common.save') : t('meetings.sessions.form.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
