import { Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../core/charter';
import { currentLocale } from '../../i18n';
import { formatDayTime, formatPlainDayShort } from './format';
import classes from './Time.module.css';
import { useViewerZone } from './useViewerZone';
import { DayShiftBadge } from './ZonedTime';
import { dayShift, offsetLabel, readLocal, sameClock, zonePlace } from './zones';

/**
 * Why a wall-clock time cannot be used in the meeting's zone, in words: a time the clocks skip
 * ("02:30 does not exist in Washington on Sun, Mar 14: the clocks go forward from 02:00 to 03:00").
 * Null when it can be used (or is empty). The server says the same with code nonexistent_time.
 */
export function localTimeError(t: TFunction, locale: Locale, local: string, zone: string | null, place?: string | null): string | null {
  if (!local || !zone) return null;
  const r = readLocal(local, zone);
  if (r.kind === 'invalid') return t('time.invalid');
  if (r.kind !== 'skipped') return null;
  return t('time.skipped', {
    time: local.slice(11, 16),
    place: place?.trim() || zonePlace(zone, locale),
    day: formatPlainDayShort(local.slice(0, 10), locale),
    from: r.change.localBefore.slice(11, 16),
    to: r.change.localAfter.slice(11, 16),
  });
}

/**
 * Under a time field: what the typed time is for the viewer ("= Sat, Mar 13, 23:00 your time
 * (Seoul) +1 day"), live as they type, and a warning when the time comes twice that night.
 */
export function LocalTimeHint({ local, zone, place, testId }: { local: string; zone: string | null; place?: string | null; testId?: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const viewer = useViewerZone();
  if (!zone || !local) return null;
  const r = readLocal(local, zone);
  if (r.kind !== 'ok' && r.kind !== 'repeated') return null;
  const placeName = place?.trim() || zonePlace(zone, locale);
  const mine =
    viewer === zone ? null
    : sameClock([r.instant], zone, viewer) ? t('time.sameAsYours', { place: zonePlace(viewer, locale) })
    : null;
  return (
    <div data-testid={testId}>
      {r.kind === 'repeated' ? (
        <Text size="xs" className={classes.change}>
          {t('time.repeated', { time: local.slice(11, 16), place: placeName, offset: offsetLabel(r.instant, zone) })}
        </Text>
      ) : null}
      {viewer === zone ? null : mine ? (
        <Text size="xs" c="dimmed" className={classes.hint}>
          {mine}
        </Text>
      ) : (
        <Text size="xs" c="dimmed" className={classes.hint} data-testid={testId ? `${testId}-viewer` : undefined}>
          {t('time.equivalent', { time: formatDayTime(r.instant, viewer, locale), place: zonePlace(viewer, locale) })} <DayShiftBadge shift={dayShift(r.instant, zone, viewer)} />
        </Text>
      )}
    </div>
  );
}
