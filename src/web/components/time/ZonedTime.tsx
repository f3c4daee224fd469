import { Badge, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { offsetMinutes } from '../../../core/time';
import { currentLocale } from '../../i18n';
import { formatClock, formatClockSpan, formatDay, formatDayTime, formatDayTimeSpan, zoneLongName } from './format';
import classes from './Time.module.css';
import { useViewerZone } from './useViewerZone';
import { clockChanges, dayShift, offsetLabel, sameClock, zonePlace, type ClockChange } from './zones';

type When = string | number | Date;

/** '+1 day' / '−1 day': the viewer's date differs from the meeting's. */
export function DayShiftBadge({ shift }: { shift: number }) {
  const { t } = useTranslation();
  if (shift === 0) return null;
  const count = Math.abs(shift);
  return (
    <Badge size="xs" variant="light" color="yellow" radius="sm" tt="none" className={classes.shift} data-testid="day-shift">
      {shift > 0 ? t('time.daysLater', { count }) : t('time.daysEarlier', { count })}
    </Badge>
  );
}

/** 'UTC−05:00', or 'UTC−05:00 → UTC−04:00' when the clocks change within the span; the zone's own name on hover. */
export function OffsetLabel({ zone, start, end }: { zone: string; start: When; end?: When | null }) {
  const locale = currentLocale();
  const a = offsetLabel(start, zone);
  const b = end ? offsetLabel(end, zone) : a;
  const name = zoneLongName(start, zone, locale);
  return (
    <Tooltip label={`${zone} · ${name}`} withArrow openDelay={300} events={{ hover: true, focus: true, touch: true }}>
      <span className={classes.offset} tabIndex={0}>
        {a === b ? a : `${a} → ${b}`}
      </span>
    </Tooltip>
  );
}

/** Whose clock a line is read on: "Washington time" or "your time (Seoul)". */
export function usePlaceLabel() {
  const { t } = useTranslation();
  const locale = currentLocale();
  return {
    meeting: (zone: string, place?: string | null) => t('time.placeTime', { place: place?.trim() || zonePlace(zone, locale) }),
    viewer: (zone: string) => t('time.yourTime', { place: zonePlace(zone, locale) }),
  };
}

interface SpanProps {
  start: When;
  end?: When | null;
  /** The meeting's IANA zone: times are read here first. */
  zone: string;
  /** The meeting's city, when known: "Washington time" reads better than "New York time". */
  place?: string | null;
  withYear?: boolean;
  /** Say when the clocks change between start and end (daylight saving), in either zone. */
  showChanges?: boolean;
  testId?: string;
}

/**
 * A time or span as the meeting's zone reads it, and under it as the viewer's zone does when
 * that differs, with the date shift marked: the two are never left for the reader to work out.
 */
export function ZonedSpan({ start, end, zone, place, withYear = false, showChanges = false, testId }: SpanProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const viewer = useViewerZone();
  const labels = usePlaceLabel();
  const instants = end ? [start, end] : [start];
  const same = viewer === zone;
  const sameReading = !same && sameClock(instants, zone, viewer);
  const text = (z: string) => (end ? formatDayTimeSpan(start, end, z, locale, withYear) : formatDayTime(start, z, locale, withYear));
  return (
    <div className={classes.zoned} data-testid={testId}>
      <Text size="sm" className={classes.line} data-zone={zone}>
        <time dateTime={new Date(start).toISOString()} className={classes.when}>
          {text(zone)}
        </time>{' '}
        <span className={classes.place}>{labels.meeting(zone, place)}</span> <OffsetLabel zone={zone} start={start} end={end} />
      </Text>
      {same ? null : sameReading ? (
        <Text size="xs" c="dimmed" className={classes.line}>
          {t('time.sameAsYours', { place: zonePlace(viewer, locale) })}
        </Text>
      ) : (
        <Text size="sm" c="dimmed" className={classes.line} data-zone={viewer} data-testid={testId ? `${testId}-viewer` : undefined}>
          <span className={classes.when}>{text(viewer)}</span> <span className={classes.place}>{labels.viewer(viewer)}</span> <DayShiftBadge shift={dayShift(start, zone, viewer)} />
        </Text>
      )}
      {showChanges && end ? <ClockChanges start={start} end={end} zone={zone} place={place} viewer={same ? null : viewer} /> : null}
    </div>
  );
}

/** "Daylight saving: in Washington the clocks go forward on Sun, Mar 14, 02:00 → 03:00 (UTC−05:00 → UTC−04:00)." */
export function ClockChangeNote({ change, zone, place }: { change: ClockChange; zone: string; place?: string | null }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const values = {
    place: place?.trim() || zonePlace(zone, locale),
    day: formatDay(change.at, zone, locale),
    from: change.localBefore.slice(11, 16),
    to: change.localAfter.slice(11, 16),
    offsetBefore: offsetLabel(change.at - 60_000, zone),
    offsetAfter: offsetLabel(change.at, zone),
  };
  return (
    <Text size="xs" className={classes.change} data-testid="clock-change">
      {change.to > change.from ? t('time.clocksForward', values) : t('time.clocksBack', values)}
    </Text>
  );
}

function ClockChanges({ start, end, zone, place, viewer }: { start: When; end: When; zone: string; place?: string | null; viewer: string | null }) {
  const own = clockChanges(start, end, zone);
  const theirs = viewer ? clockChanges(start, end, viewer) : [];
  if (!own.length && !theirs.length) return null;
  return (
    <>
      {own.map((c) => (
        <ClockChangeNote key={`m${c.at}`} change={c} zone={zone} place={place} />
      ))}
      {viewer
        ? theirs.map((c) => (
            <ClockChangeNote key={`v${c.at}`} change={c} zone={viewer} />
          ))
        : null}
    </>
  );
}

/**
 * A session's time inside its day: '09:00 – 10:30 UTC−05:00' in the meeting's zone and, when
 * asked, the viewer's reading with the day named whenever it is not the meeting's day.
 */
export function SessionClock({ start, end, zone, showMine, day }: { start: string; end: string; zone: string; showMine: boolean; day: string }) {
  const locale = currentLocale();
  const viewer = useViewerZone();
  const labels = usePlaceLabel();
  const differs = viewer !== zone && !sameClock([start, end], zone, viewer);
  const shiftStart = dayShift(start, zone, viewer);
  const viewerDayDiffers = differs && (shiftStart !== 0 || dayShiftFromDay(end, viewer, day) !== 0);
  const mine = viewerDayDiffers ? formatDayTimeSpan(start, end, viewer, locale) : formatClockSpan(start, end, viewer, locale);
  const tooltip = differs ? `${formatClockSpan(start, end, zone, locale)} ${labels.meeting(zone)} · ${formatDayTimeSpan(start, end, viewer, locale)} ${labels.viewer(viewer)}` : `${formatClockSpan(start, end, zone, locale)} ${labels.meeting(zone)}`;
  return (
    <div className={classes.sessionClock} data-testid="session-clock">
      <Tooltip label={tooltip} withArrow openDelay={300} multiline maw={320}>
        <Text size="sm" fw={600} className={classes.clock} data-testid="session-clock-meeting">
          <time dateTime={start}>{formatClock(start, zone, locale)}</time> – <time dateTime={end}>{formatClock(end, zone, locale)}</time>
        </Text>
      </Tooltip>
      <Text size="xs" c="dimmed" className={classes.clockOffset}>
        {offsetLabel(start, zone)}
      </Text>
      {showMine && differs ? (
        <Text size="xs" c="dimmed" className={classes.mine} data-testid="session-clock-viewer">
          {mine} <span className={classes.place}>{labels.viewer(viewer)}</span> <DayShiftBadge shift={shiftStart} />
        </Text>
      ) : null}
    </div>
  );
}

/** Days between a plain date and where an instant falls in a zone. */
function dayShiftFromDay(at: string, zone: string, day: string): number {
  const local = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
  return (Date.parse(local) - Date.parse(day)) / 86_400_000;
}

/** Whether the viewer's zone reads any of these instants differently from the meeting's. */
export function useViewerDiffers(zone: string | null, instants: readonly When[]): { viewer: string; differs: boolean } {
  const viewer = useViewerZone();
  const differs = Boolean(zone) && viewer !== zone && instants.some((i) => offsetMinutes(new Date(i), zone as string) !== offsetMinutes(new Date(i), viewer));
  return { viewer, differs: zone !== null && viewer !== zone && (instants.length === 0 || differs) };
}
