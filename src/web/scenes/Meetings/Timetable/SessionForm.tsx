import { ActionIcon, Alert, Button, Checkbox, Group, Modal, MultiSelect, Pill, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItemRef } from '../../../../core/agenda';
import type { MeetingDetail, SessionView } from '../../../../core/meetings';
import type { GroupOverview } from '../../../../core/study-groups';
import { isApiError } from '../../../api/client';
import { sessionMutations, useAgenda, type SessionWrite } from '../../../api/queries';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { personNameParts } from '../../../components/format';
import { LocalTimeHint, localTimeError } from '../../../components/time/LocalTimeHint';
import { atMinutes, readLocal, zonePlace } from '../../../components/time/zones';
import { currentLocale } from '../../../i18n';
import { groupPeople } from '../context';
import { agendaChoices, agendaFieldErrors, moved } from './sessionAgenda';
import classes from './Timetable.module.css';

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
 * viewer's), chair and speakers from the group's members, guests by name, and the open agenda's
 * items it takes up, in order.
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
  const [agendaIds, setAgendaIds] = useState<string[]>(session?.agendaItems.map((i) => i.id) ?? []);
  const [sentAgendaIds, setSentAgendaIds] = useState<string[]>([]);
  const agenda = useAgenda(group.slug);
  // Those chosen stay choices when they close meanwhile (shown closed, refused by the server with the item named).
  const choices = agendaChoices(agenda.data?.items, [...(session?.agendaItems ?? []), ...(agenda.data?.items ?? []).filter((i) => agendaIds.includes(i.id))]);
  const itemLabel = (number: number) => t('agenda.itemNumber', { number });
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
  const agendaError = (() => {
    if (!isApiError(failed)) return null;
    const found = agendaFieldErrors(failed.fieldErrors, sentAgendaIds, choices);
    if (!found.length) return null;
    return found
      .map((e) => (e.code === 'agenda_item_not_open' && e.item ? t('meetings.sessions.form.agendaNotOpen', { number: e.item.number }) : e.code === 'unknown_agenda_item' || !e.item ? t('meetings.sessions.form.agendaUnknown') : e.message))
      .join(' ');
  })();
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
      agendaItemIds: agendaIds,
    };
    setPending(true);
    setFailed(null);
    setSentAgendaIds(agendaIds);
    try {
      // Refused for overlapping, it may be kept as a parallel session: sent again marked so.
      const saved = await write(body.title ?? '', (keepParallel) => {
        const input = keepParallel ? { ...body, parallel: true } : body;
        return session ? sessionMutations.update(group.slug, meeting.id, session.id, input) : sessionMutations.add(group.slug, meeting.id, input);
      });
      if (saved) onClose();
    } catch (err) {
      setFailed(err);
      // An item closed meanwhile: the choices are read again, so it shows as closed.
      if (isApiError(err) && err.fieldErrors.some((f) => f.path.startsWith('body.agendaItemIds'))) void agenda.refetch();
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
          <AgendaItemsField
            choices={choices}
            value={agendaIds}
            onChange={setAgendaIds}
            itemLabel={itemLabel}
            error={agendaError}
            loading={agenda.isPending}
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

/**
 * The open agenda's items the session takes up: chosen from the group's open items (and those
 * it already takes up, closed or not), in the order it takes them up; with two or more, the
 * order is shown as a list whose arrows move an item earlier or later.
 */
function AgendaItemsField({
  choices,
  value,
  onChange,
  itemLabel,
  error,
  loading,
}: {
  choices: AgendaItemRef[];
  value: string[];
  onChange: (ids: string[]) => void;
  itemLabel: (number: number) => string;
  error: string | null;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const byId = new Map(choices.map((c) => [c.id, c]));
  const chosen = value.map((id) => byId.get(id)).filter((c): c is AgendaItemRef => Boolean(c));
  return (
    <Stack gap={6}>
      <MultiSelect
        label={t('meetings.sessions.form.agendaItems')}
        description={t('meetings.sessions.form.agendaItemsHint')}
        data={choices.map((c) => ({ value: c.id, label: `${itemLabel(c.number)} · ${c.title}` }))}
        value={value}
        onChange={onChange}
        searchable
        clearable
        nothingFoundMessage={t('meetings.sessions.form.agendaNothing')}
        comboboxProps={{ withinPortal: true }}
        error={error}
        disabled={loading && !choices.length}
        renderOption={({ option }) => {
          const item = byId.get(option.value);
          if (!item) return option.label;
          return (
            <span className={classes.agendaOption}>
              <span className={classes.agendaOptionNumber}>{itemLabel(item.number)}</span>
              <span lang={item.lang}>{item.title}</span>
              {item.status !== 'open' ? <span className={classes.agendaOptionStatus}>{t(`agenda.status.${item.status}`)}</span> : null}
            </span>
          );
        }}
        renderPill={({ option, value: id, onRemove, disabled }) => {
          const item = byId.get(String(id));
          return (
            <Pill withRemoveButton={!disabled} onRemove={onRemove} disabled={disabled} className={classes.agendaPill} title={item?.title}>
              {item ? (
                <>
                  {itemLabel(item.number)} · <span lang={item.lang}>{item.title}</span>
                  {item.status !== 'open' ? ` · ${t(`agenda.status.${item.status}`)}` : null}
                </>
              ) : (
                (option?.label ?? String(id))
              )}
            </Pill>
          );
        }}
        data-testid="session-agenda"
      />
      {chosen.length > 1 ? (
        <div className={classes.agendaOrder} data-testid="session-agenda-order">
          <Text size="xs" c="dimmed">
            {t('meetings.sessions.form.agendaOrder')}
          </Text>
          <ol className={classes.agendaOrderList}>
            {chosen.map((item, i) => (
              <li key={item.id} className={classes.agendaOrderRow} data-testid="session-agenda-order-row">
                <span className={classes.agendaOrderIndex} aria-hidden="true">
                  {i + 1}.
                </span>
                <Text size="sm" className={classes.agendaOrderText}>
                  <span className={classes.agendaOptionNumber}>{itemLabel(item.number)}</span> <span lang={item.lang}>{item.title}</span>
                </Text>
                <Group gap={2} wrap="nowrap">
                  <ActionIcon variant="subtle" color="gray" size="sm" disabled={i === 0} onClick={() => onChange(moved(value, value.indexOf(item.id), value.indexOf(item.id) - 1))} aria-label={t('meetings.sessions.form.moveItemUp', { number: item.number })}>
                    <OrderArrow up />
                  </ActionIcon>
                  <ActionIcon variant="subtle" color="gray" size="sm" disabled={i === chosen.length - 1} onClick={() => onChange(moved(value, value.indexOf(item.id), value.indexOf(item.id) + 1))} aria-label={t('meetings.sessions.form.moveItemDown', { number: item.number })}>
                    <OrderArrow />
                  </ActionIcon>
                </Group>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </Stack>
  );
}

const OrderArrow = ({ up = false }: { up?: boolean }) => (
  <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" style={up ? undefined : { transform: 'rotate(180deg)' }}>
    <path d="M12 19V5M5 12l7-7 7 7" />
  </svg>
);
