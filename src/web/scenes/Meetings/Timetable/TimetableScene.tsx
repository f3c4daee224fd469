import { Alert, Button, Group, SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { timetableFrozen, type SessionView } from '../../../../core/meetings';
import { fromLocal } from '../../../../core/time';
import { meetingMutations } from '../../../api/queries';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatPlainDayLong } from '../../../components/time/format';
import { useNow, useViewerZone } from '../../../components/time/useViewerZone';
import { ClockChangeNote, OffsetLabel, usePlaceLabel } from '../../../components/time/ZonedTime';
import { atMinutes, clockChanges, minutesOfDay, sameClock, zonePlace, type ClockChange } from '../../../components/time/zones';
import { currentLocale } from '../../../i18n';
import { useMeetingContext } from '../context';
import { DayAgenda } from './DayAgenda';
import { DayGrid } from './DayGrid';
import { SessionFormModal } from './SessionForm';
import { anchoredSession, sessionAnchor } from './sessionAgenda';
import { sessionsByDay, type DayOfSessions } from './timetable';
import classes from './Timetable.module.css';
import { useSessionWrites } from './useSessionWrites';

const SHOW_MINE_KEY = 'accord.showMyTime';

/** Whether to show the viewer's own time beside each session: on unless they turned it off. */
function useShowMine(): [boolean, (v: boolean) => void] {
  const [value, setValue] = useState(() => {
    try {
      return window.localStorage.getItem(SHOW_MINE_KEY) !== 'off';
    } catch {
      return true;
    }
  });
  return [
    value,
    (v: boolean) => {
      setValue(v);
      try {
        window.localStorage.setItem(SHOW_MINE_KEY, v ? 'on' : 'off');
      } catch {
        // Private mode: the choice holds for this page.
      }
    },
  ];
}

type Editing = { session: SessionView } | { defaults: { date: string; start: string; end: string } } | null;

/** The meeting's timetable, day by day in its own zone; the viewer's time beside each session. */
export function TimetableScene() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { group, meeting, canManage: mayManage } = useMeetingContext();
  const zone = meeting.timeZone;
  const viewer = useViewerZone();
  const now = useNow();
  // A held (or cancelled) meeting's timetable is kept as it was: the server refuses changes, so nobody is offered them.
  const frozen = timetableFrozen({ status: meeting.status, endsAt: meeting.end ? new Date(meeting.end.instant) : null }, new Date(now));
  const canManage = mayManage && !frozen;
  const labels = usePlaceLabel();
  const writes = useSessionWrites(group.slug, meeting);
  const [view, setView] = useState<'agenda' | 'grid'>('agenda');
  const [showMine, setShowMine] = useShowMine();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<SessionView | null>(null);
  const days = sessionsByDay(meeting.sessions, meeting.start?.local ?? null, meeting.end?.local ?? null);
  const instants = meeting.sessions.flatMap((s) => [s.start.instant, s.end.instant]);
  const viewerDiffers = Boolean(zone) && viewer !== zone && !sameClock(instants.length ? instants : [meeting.start?.instant ?? now], zone as string, viewer);
  const changesByDay = zone ? dayChanges(days, zone) : new Map<string, ClockChange[]>();
  const anchoredId = useAnchoredSession(meeting.sessions.map((s) => s.id), view);

  const newSession = (day?: DayOfSessions) => {
    const date = day?.date ?? days.find((d) => d.number !== null)?.date ?? meeting.start?.local.slice(0, 10) ?? '';
    const last = day?.sessions.at(-1);
    const startMin = last ? Math.min(22 * 60, minutesOfDay(last.end.local)) : minutesOfDay(meeting.start?.local ?? '09:00');
    setEditing({ defaults: { date, start: atMinutes(date || '2000-01-01', startMin).slice(11, 16), end: atMinutes(date || '2000-01-01', Math.min(23 * 60 + 45, startMin + 60)).slice(11, 16) } });
  };

  if (!zone) {
    return (
      <Stack gap="md">
        <Title order={3} className={classes.dayTitle}>
          {t('meetings.tabs.timetable')}
        </Title>
        <Alert variant="light" color="gray">
          <Text size="sm">{canManage ? t('meetings.sessions.noZoneManager') : t('meetings.sessions.noZone')}</Text>
        </Alert>
      </Stack>
    );
  }

  return (
    <Stack gap="md" data-testid="timetable">
      <Group justify="space-between" align="flex-end" gap="sm" wrap="wrap" className={classes.toolbar}>
        <div>
          <Title order={3} className={classes.dayTitle}>
            {t('meetings.tabs.timetable')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('meetings.sessions.timesIn', { place: labels.meeting(zone, meeting.city) })} <OffsetLabel zone={zone} start={meeting.start?.instant ?? now} end={meeting.end?.instant ?? null} />
          </Text>
        </div>
        <Group gap="sm" wrap="wrap">
          {viewerDiffers ? <Switch checked={showMine} onChange={(e) => setShowMine(e.currentTarget.checked)} label={t('time.showMine', { place: zonePlace(viewer, locale) })} data-testid="show-my-time" /> : null}
          <SegmentedControl
            size="xs"
            value={view}
            onChange={(v) => setView(v as 'agenda' | 'grid')}
            data={[
              { value: 'agenda', label: t('meetings.sessions.viewAgenda') },
              { value: 'grid', label: t('meetings.sessions.viewGrid') },
            ]}
            aria-label={t('meetings.sessions.viewLabel')}
            data-testid="timetable-view"
          />
          {canManage ? (
            <Button size="xs" onClick={() => newSession()} data-testid="add-session">
              {t('meetings.sessions.add')}
            </Button>
          ) : null}
        </Group>
      </Group>
      {canManage ? (
        <Text size="xs" c="dimmed">
          {view === 'agenda' ? t('meetings.sessions.agendaHelp') : t('meetings.sessions.gridHelp')}
        </Text>
      ) : null}
      {frozen ? (
        <Text size="sm" c="dimmed" data-testid="timetable-frozen">
          {meeting.status === 'cancelled' ? t('meetings.sessions.frozenCancelled') : t('meetings.sessions.frozenHeld')}
        </Text>
      ) : null}

      {writes.error ? <ErrorAlert error={writes.error} /> : null}

      {days.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('meetings.sessions.none')}
        </Text>
      ) : view === 'grid' ? (
        <>
          {[...changesByDay.entries()].flatMap(([, cs]) => cs.map((c) => <ClockChangeNote key={c.at} change={c} zone={zone} place={meeting.city} />))}
          <DayGrid
            days={days}
            zone={zone}
            showMine={showMine && viewerDiffers}
            canManage={canManage}
            onOpen={(s) => (canManage ? setEditing({ session: s }) : undefined)}
            onRetime={(s, start, end) => void writes.retime(s, start, end)}
            slug={group.slug}
            anchoredId={anchoredId}
          />
        </>
      ) : (
        <div className={classes.days}>
          {days.map((day) => (
            <section key={day.date} className={classes.day} aria-labelledby={`day-${day.date}`} data-testid="timetable-day" data-date={day.date}>
              <div className={classes.dayHead}>
                <Title order={4} id={`day-${day.date}`} className={classes.dayTitle}>
                  {day.number ? t('meetings.sessions.dayHeading', { number: day.number, date: formatPlainDayLong(day.date, locale) }) : formatPlainDayLong(day.date, locale)}
                </Title>
                {canManage ? (
                  <Button size="compact-xs" variant="subtle" onClick={() => newSession(day)} data-testid="add-session-day">
                    {t('meetings.sessions.addToDay')}
                  </Button>
                ) : null}
              </div>
              {day.number === null ? (
                <Text size="xs" c="red.8">
                  {t('meetings.sessions.outsideDayNote')}
                </Text>
              ) : null}
              {(changesByDay.get(day.date) ?? []).map((c) => (
                <ClockChangeNote key={c.at} change={c} zone={zone} place={meeting.city} />
              ))}
              <DayAgenda
                day={day}
                zone={zone}
                showMine={showMine && viewerDiffers}
                canManage={canManage}
                busy={writes.busy}
                onMove={(from, to) => void writes.reorder(days, day, from, to)}
                onEdit={(s) => setEditing({ session: s })}
                onDelete={setDeleting}
                allSessions={meeting.sessions}
                slug={group.slug}
                meetingId={meeting.id}
                anchoredId={anchoredId}
              />
            </section>
          ))}
        </div>
      )}

      {editing ? (
        <SessionFormModal
          group={group}
          meeting={meeting}
          session={'session' in editing ? editing.session : undefined}
          defaults={'defaults' in editing ? editing.defaults : undefined}
          write={writes.write}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('meetings.sessions.deleteTitle')}
        message={t('meetings.sessions.deleteBody', { title: deleting?.title ?? '' })}
        confirmLabel={t('common.delete')}
        onConfirm={async () => {
          if (deleting) await writes.apply(await meetingMutations.deleteSession(group.slug, meeting.id, deleting.id));
        }}
      />
      {writes.dialog}
    </Stack>
  );
}

/**
 * The session the address points at (…/meetings/<id>#session-<id>, as the open agenda links to
 * the sessions that take an item up): brought into view and focused once it is on the page.
 */
function useAnchoredSession(ids: string[], view: string): string | null {
  const { hash } = useLocation();
  const id = anchoredSession(hash);
  const present = id !== null && ids.includes(id);
  useEffect(() => {
    if (!id || !present) return;
    const frame = requestAnimationFrame(() => {
      const el = document.getElementById(sessionAnchor(id));
      if (!el) return;
      el.scrollIntoView({ block: 'center' });
      el.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [id, present, view]);
  return present ? id : null;
}

/** The clock changes in the meeting's zone, by the day (in that zone) they happen on. */
function dayChanges(days: DayOfSessions[], zone: string): Map<string, ClockChange[]> {
  const out = new Map<string, ClockChange[]>();
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return out;
  const from = fromLocal(`${first.date}T12:00`, zone);
  const to = fromLocal(`${last.date}T12:00`, zone);
  if (!from.ok || !to.ok) return out;
  for (const c of clockChanges(from.instant.getTime() - 12 * 3_600_000, to.instant.getTime() + 12 * 3_600_000, zone)) {
    const day = c.localAfter.slice(0, 10);
    out.set(day, [...(out.get(day) ?? []), c]);
  }
  return out;
}
