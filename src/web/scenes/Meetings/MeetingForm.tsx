import { Alert, Button, Group, Modal, Radio, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTRIBUTION_RULES, MEETING_FORMATS, type AttributionRule, type CreateMeetingInput, type MeetingDetail, type MeetingFormat } from '../../../core/meetings';
import type { GroupOverview } from '../../../core/study-groups';
import { apiGet, isApiError } from '../../api/client';
import { meetingKeys, meetingMutations, refreshMeeting, useCouncilCommitteeChoices } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LocalTimeHint, localTimeError } from '../../components/time/LocalTimeHint';
import { TimeZoneSelect } from '../../components/time/TimeZoneSelect';
import { useViewerZone } from '../../components/time/useViewerZone';
import { ClockChangeNote } from '../../components/time/ZonedTime';
import { capitalZone, clockChanges, readLocal, zonePlace } from '../../components/time/zones';
import { currentLocale } from '../../i18n';

type When = 'dates' | 'month' | 'unknown';

interface Fields {
  title: string;
  hostCode: string | null;
  city: string;
  venue: string;
  timeZone: string | null;
  when: When;
  start: string;
  end: string;
  plannedMonth: string;
  format: MeetingFormat;
  onlineUrl: string;
  attribution: AttributionRule;
}

function fieldsOf(meeting: MeetingDetail | null, zone: string | null): Fields {
  return {
    title: meeting?.title ?? '',
    hostCode: meeting?.host?.code ?? null,
    city: meeting?.city ?? '',
    venue: meeting?.venue ?? '',
    timeZone: meeting?.timeZone ?? zone,
    when: meeting?.start ? 'dates' : meeting?.plannedMonth ? 'month' : meeting ? 'unknown' : 'dates',
    start: meeting?.start?.local ?? '',
    end: meeting?.end?.local ?? '',
    plannedMonth: meeting?.plannedMonth ?? '',
    format: meeting?.format ?? 'in_person',
    onlineUrl: meeting?.onlineUrl ?? '',
    attribution: meeting?.attribution ?? 'chatham_house',
  };
}

const emptyToNull = (s: string) => (s.trim() ? s.trim() : null);

interface Props {
  group: GroupOverview;
  /** The meeting to change; none to plan a new one. */
  meeting?: MeetingDetail;
  onClose: () => void;
  onSaved?: (meeting: MeetingDetail) => void;
}

/**
 * Plans a meeting or changes its details. Times are typed in the meeting's own zone (the form
 * says so) and read back live in the viewer's; a change names the version it started from, and
 * when someone else saved meanwhile the latest is offered instead of overwriting it.
 */
export function MeetingFormModal({ group, meeting, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const phone = useMediaQuery('(max-width: 36em)');
  const queryClient = useQueryClient();
  const viewerZone = useViewerZone();
  const committees = useCouncilCommitteeChoices(group.council.slug);
  const [base, setBase] = useState<MeetingDetail | null>(meeting ?? null);
  const hostCountry = (code: string | null) => committees.data?.items.find((c) => c.code === code)?.country ?? null;
  // The zone follows the host's capital until someone picks one (a meeting planned in the proposal
  // has a host and no zone yet); without a host, the group's own zone; a meeting keeps its own.
  const [fields, setFields] = useState<Fields>(() => fieldsOf(meeting ?? null, meeting?.timeZone ?? capitalZone(hostCountry(meeting?.host?.code ?? null)) ?? group.timeZone.zone));
  const [zoneChosen, setZoneChosen] = useState(Boolean(meeting?.timeZone));
  // The council's committees (and so the host's country) arrive after the form opens.
  const hostZone = capitalZone(hostCountry(fields.hostCode));
  const zone = !zoneChosen && hostZone ? hostZone : fields.timeZone;
  const [tried, setTried] = useState(false);
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => setFields((f) => ({ ...f, [key]: value }));

  const save = useMutation({
    mutationFn: async () => {
      const body: CreateMeetingInput = {
        title: emptyToNull(fields.title),
        hostCommitteeCode: fields.hostCode,
        city: emptyToNull(fields.city),
        venue: emptyToNull(fields.venue),
        timeZone: zone ?? viewerZone,
        start: fields.when === 'dates' ? fields.start : null,
        end: fields.when === 'dates' ? fields.end : null,
        plannedMonth: fields.when === 'month' ? fields.plannedMonth : null,
        format: fields.format,
        onlineUrl: fields.format === 'in_person' ? null : emptyToNull(fields.onlineUrl),
        attribution: fields.attribution,
      };
      return base ? meetingMutations.update(group.slug, base.id, { ...body, version: base.version }) : meetingMutations.create(group.slug, body);
    },
    onSuccess: async (saved) => {
      await refreshMeeting(queryClient, group.slug, saved);
      onSaved?.(saved);
      onClose();
    },
  });

  const loadLatest = useMutation({
    mutationFn: async () => {
      if (!base) throw new Error('nothing to reload');
      return queryClient.fetchQuery({ queryKey: meetingKeys.detail(group.slug, base.id), queryFn: ({ signal }) => apiGet<MeetingDetail>(`/api/study-groups/${encodeURIComponent(group.slug)}/meetings/${encodeURIComponent(base.id)}`, signal), staleTime: 0 });
    },
    onSuccess: (latest) => {
      setBase(latest);
      setFields(fieldsOf(latest, latest.timeZone ?? capitalZone(hostCountry(latest.host?.code ?? null)) ?? group.timeZone.zone));
      save.reset();
      setTried(false);
    },
  });

  const place = fields.city.trim() || (zone ? zonePlace(zone, locale) : '');
  const serverError = (field: string) => {
    if (!isApiError(save.error)) return null;
    const e = save.error.fieldErrors.find((f) => f.path === `body.${field}`);
    if (!e) return null;
    if (e.code === 'nonexistent_time') return t('time.skippedShort');
    if (e.code === 'too_small' && field === 'end') return t('meetings.form.endBeforeStart');
    if (e.code === 'unknown_zone') return t('meetings.form.unknownZone');
    if (e.code === 'unknown_committee') return t('errors.committee.unknown');
    return e.message;
  };

  const startReading = readLocal(fields.start, zone ?? 'UTC');
  const endReading = readLocal(fields.end, zone ?? 'UTC');
  const instantOf = (r: typeof startReading) => (r.kind === 'ok' || r.kind === 'repeated' ? r.instant : null);
  const startAt = instantOf(startReading);
  const endAt = instantOf(endReading);
  const problems = {
    timeZone: !zone ? t('meetings.form.zoneRequired') : null,
    start: fields.when === 'dates' ? (!fields.start ? t('meetings.form.startRequired') : localTimeError(t, locale, fields.start, zone, fields.city)) : null,
    end:
      fields.when === 'dates'
        ? !fields.end ? t('meetings.form.endRequired')
        : (localTimeError(t, locale, fields.end, zone, fields.city) ?? (startAt && endAt && endAt <= startAt ? t('meetings.form.endBeforeStart') : null))
        : null,
    plannedMonth: fields.when === 'month' && !/^\d{4}-\d{2}$/.test(fields.plannedMonth) ? t('meetings.form.monthRequired') : null,
    onlineUrl: fields.format !== 'in_person' && fields.onlineUrl.trim() && !/^https?:\/\/\S+$/i.test(fields.onlineUrl.trim()) ? t('meetings.form.badUrl') : null,
  };
  // A skipped time is said as soon as it is typed; the rest once a save was tried.
  const shown = (key: keyof typeof problems, live = false) => ((tried || live) && problems[key]) || serverError(key);
  const changes = startAt && endAt && zone && endAt > startAt ? clockChanges(startAt, endAt, zone) : [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.values(problems).some(Boolean)) return;
    save.mutate();
  };

  const coChairCodes = new Set(group.coChairCommittees.map((c) => c.code));
  const hostOptions = (() => {
    const all = [...(committees.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'en'));
    const option = (c: { code: string; name: string }) => ({ value: c.code, label: c.name });
    const first = all.filter((c) => coChairCodes.has(c.code));
    const rest = all.filter((c) => !coChairCodes.has(c.code));
    if (!all.length && fields.hostCode && base?.host) return [option(base.host)];
    return [...(first.length ? [{ group: t('meetings.form.coChairing'), items: first.map(option) }] : []), ...(rest.length ? [{ group: t('meetings.form.otherCommittees'), items: rest.map(option) }] : [])];
  })();

  const conflict = isApiError(save.error) && save.error.code === 'resource.version_conflict';
  const skippedLive = (local: string) => (readLocal(local, zone ?? 'UTC').kind === 'skipped' ? localTimeError(t, locale, local, zone, fields.city) : null);

  return (
    <Modal opened onClose={onClose} fullScreen={phone} size="lg" radius="md" title={<Text fw={600}>{base ? t('meetings.form.editTitle', { number: base.sequence }) : t('meetings.form.planTitle')}</Text>}>
      <form onSubmit={submit} noValidate data-testid="meeting-form">
        <Stack gap="md">
          <TextInput label={t('meetings.form.title')} description={t('meetings.form.titleHint')} value={fields.title} onChange={(e) => set('title', e.currentTarget.value)} maxLength={300} data-autofocus />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label={t('meetings.form.host')}
              placeholder={t('meetings.form.hostPlaceholder')}
              data={hostOptions}
              value={fields.hostCode}
              searchable
              clearable
              onChange={(code) => {
                set('hostCode', code);
                const suggestion = capitalZone(hostCountry(code));
                if (!zoneChosen && suggestion) set('timeZone', suggestion);
              }}
              error={serverError('hostCommitteeCode')}
              comboboxProps={{ withinPortal: true }}
              data-testid="meeting-host"
            />
            <TextInput label={t('meetings.form.city')} value={fields.city} onChange={(e) => set('city', e.currentTarget.value)} maxLength={100} data-testid="meeting-city" />
          </SimpleGrid>
          <TextInput label={t('meetings.form.venue')} value={fields.venue} onChange={(e) => set('venue', e.currentTarget.value)} maxLength={300} />
          <TimeZoneSelect
            label={t('meetings.form.timeZone')}
            description={t('meetings.form.timeZoneHint')}
            required
            value={zone}
            onChange={(z) => {
              set('timeZone', z);
              setZoneChosen(true);
            }}
            suggested={[hostZone, group.timeZone.zone, viewerZone]}
            at={startAt}
            error={shown('timeZone')}
            data-testid="meeting-zone"
          />

          <Stack gap={6}>
            <Text size="sm" fw={500} id="meeting-when-label">
              {t('meetings.form.when')}
            </Text>
            <SegmentedControl
              aria-labelledby="meeting-when-label"
              value={fields.when}
              onChange={(v) => set('when', v as When)}
              data={[
                { value: 'dates', label: t('meetings.form.whenDates') },
                { value: 'month', label: t('meetings.form.whenMonth') },
                { value: 'unknown', label: t('meetings.form.whenUnknown') },
              ]}
              fullWidth
              data-testid="meeting-when-mode"
            />
          </Stack>
          {fields.when === 'dates' ? (
            <Stack gap="sm">
              {zone ? (
                <Alert variant="light" color="navy" p="xs" data-testid="zone-notice">
                  <Text size="sm">{t('meetings.form.timesIn', { place, zone })}</Text>
                </Alert>
              ) : null}
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <Stack gap={4}>
                  <TextInput type="datetime-local" label={t('meetings.form.start')} required value={fields.start} onChange={(e) => set('start', e.currentTarget.value)} error={shown('start') || skippedLive(fields.start)} data-testid="meeting-start" />
                  <LocalTimeHint local={fields.start} zone={zone} place={fields.city} testId="meeting-start-hint" />
                </Stack>
                <Stack gap={4}>
                  <TextInput type="datetime-local" label={t('meetings.form.end')} required value={fields.end} onChange={(e) => set('end', e.currentTarget.value)} error={shown('end') || skippedLive(fields.end)} data-testid="meeting-end" />
                  <LocalTimeHint local={fields.end} zone={zone} place={fields.city} testId="meeting-end-hint" />
                </Stack>
              </SimpleGrid>
              {changes.map((c) => (zone ? <ClockChangeNote key={c.at} change={c} zone={zone} place={fields.city} /> : null))}
            </Stack>
          ) : fields.when === 'month' ? (
            <TextInput type="month" label={t('meetings.form.plannedMonth')} value={fields.plannedMonth} onChange={(e) => set('plannedMonth', e.currentTarget.value)} error={shown('plannedMonth')} w={{ base: '100%', sm: 260 }} />
          ) : null}

          <Radio.Group label={t('meetings.form.format')} value={fields.format} onChange={(v) => set('format', v as MeetingFormat)}>
            <Group gap="lg" mt={6} wrap="wrap">
              {MEETING_FORMATS.map((f) => (
                <Radio key={f} value={f} label={t(`meetings.format.${f}`)} data-testid={`format-${f}`} />
              ))}
            </Group>
          </Radio.Group>
          {fields.format !== 'in_person' ? (
            <TextInput type="url" label={t('meetings.form.onlineUrl')} description={t('meetings.form.onlineUrlHint')} placeholder="https://" value={fields.onlineUrl} onChange={(e) => set('onlineUrl', e.currentTarget.value)} error={shown('onlineUrl') || serverError('onlineUrl')} />
          ) : null}

          <Radio.Group label={t('meetings.form.attribution')} value={fields.attribution} onChange={(v) => set('attribution', v as AttributionRule)}>
            <Stack gap="sm" mt={6}>
              {ATTRIBUTION_RULES.map((r) => (
                <Radio key={r} value={r} label={t(`meetings.attribution.${r}.label`)} description={t(`meetings.attribution.${r}.explain`)} data-testid={`attribution-${r}`} />
              ))}
            </Stack>
          </Radio.Group>

          {conflict ? (
            <Alert color="orange" variant="light" role="alert" data-testid="version-conflict">
              <Stack gap="xs">
                <Text size="sm">{t('meetings.form.conflict')}</Text>
                {loadLatest.isError ? <ErrorAlert error={loadLatest.error} /> : null}
                <Group>
                  <Button size="xs" variant="white" color="orange" onClick={() => loadLatest.mutate()} loading={loadLatest.isPending}>
                    {t('meetings.form.loadLatest')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : save.isError && !(isApiError(save.error) && save.error.fieldErrors.length) ? (
            <ErrorAlert error={save.error} />
          ) : save.isError ? (
            <Alert color="red" variant="light" role="alert">
              <Text size="sm">{t('errors.validation.failed')}</Text>
            </Alert>
          ) : null}

          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={conflict} data-testid="meeting-save">
              {base ? t('common.save') : t('meetings.form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
