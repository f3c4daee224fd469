import { Text } from '@mantine/core';
import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SessionView } from '../../../../core/meetings';
import { fromLocal } from '../../../../core/time';
import { formatClockSpan, formatPlainDayShort } from '../../../components/time/format';
import { useViewerZone } from '../../../components/time/useViewerZone';
import { atMinutes, dayShift, offsetLabel, sameClock, zonePlace } from '../../../components/time/zones';
import { currentLocale } from '../../../i18n';
import { itemAnchor } from '../../Agenda/agenda';
import { sessionAnchor } from './sessionAgenda';
import { lanes, minutesFrom, snap, type DayOfSessions } from './timetable';
import classes from './Timetable.module.css';

/** Pixels per minute: an hour is 64 px tall. */
const PX = 64 / 60;
const MIN_LENGTH = 15;

interface Preview {
  id: string;
  day: number;
  start: number;
  end: number;
}

interface Props {
  days: DayOfSessions[];
  zone: string;
  showMine: boolean;
  canManage: boolean;
  onOpen: (session: SessionView) => void;
  onRetime: (session: SessionView, start: string, end: string) => void;
  /** Where the agenda chips link to. */
  slug: string;
  /** The session the address points at (…#session-<id>), marked. */
  anchoredId: string | null;
}

/**
 * The meeting's days side by side on a time axis in the meeting's zone, parallel sessions in
 * lanes. Those who plan the meeting drag a session up or down (or to another day) to move it
 * and drag its lower edge to lengthen or shorten it, by quarter hours; a click, Enter or Space
 * opens it, with its time fields, for those who do not use a pointer.
 */
export function DayGrid({ days, zone, showMine, canManage, onOpen, onRetime, slug, anchoredId }: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const viewer = useViewerZone();
  const [preview, setPreview] = useState<Preview | null>(null);
  const columns = useRef<(HTMLDivElement | null)[]>([]);
  const cleanup = useRef<(() => void) | null>(null);
  useEffect(() => () => cleanup.current?.(), []);

  const spans = days.flatMap((d) => d.sessions.map((s) => ({ start: minutesFrom(d.date, s.start.local), end: Math.min(1440, minutesFrom(d.date, s.end.local)) })));
  const axisStart = Math.max(0, Math.min(8 * 60, ...spans.map((s) => Math.floor(s.start / 60) * 60)));
  const axisEnd = Math.min(1440, Math.max(18 * 60, ...spans.map((s) => Math.ceil(s.end / 60) * 60)));
  const height = (axisEnd - axisStart) * PX;
  const hours = Array.from({ length: (axisEnd - axisStart) / 60 + 1 }, (_, i) => axisStart + i * 60);

  function begin(e: ReactPointerEvent<HTMLElement>, session: SessionView, dayIndex: number, mode: 'move' | 'resize') {
    if (!canManage || e.button !== 0 || !e.isPrimary) return;
    e.preventDefault();
    e.stopPropagation();
    const el = e.currentTarget;
    const day = days[dayIndex] as DayOfSessions;
    const orig = { day: dayIndex, start: minutesFrom(day.date, session.start.local), end: minutesFrom(day.date, session.end.local) };
    const rects = columns.current.map((c) => c?.getBoundingClientRect() ?? null);
    const x0 = e.clientX;
    const y0 = e.clientY;
    let moved = false;
    let current: Preview = { id: session.id, ...orig };
    try {
      el.setPointerCapture(e.pointerId);
    } catch {
      // The pointer went away already.
    }
    const move = (ev: PointerEvent) => {
      if (!moved && Math.abs(ev.clientX - x0) < 4 && Math.abs(ev.clientY - y0) < 4) return;
      moved = true;
      const delta = snap((ev.clientY - y0) / PX);
      if (mode === 'resize') {
        current = { ...current, end: Math.min(1440, Math.max(orig.start + MIN_LENGTH, orig.end + delta)) };
      } else {
        const length = orig.end - orig.start;
        const start = Math.max(0, Math.min(1440 - MIN_LENGTH, orig.start + delta));
        const column = rects.findIndex((r) => r && ev.clientX >= r.left && ev.clientX <= r.right);
        current = { ...current, day: column === -1 ? current.day : column, start, end: start + length };
      }
      setPreview(current);
    };
    const finish = (commit: boolean) => {
      cleanup.current?.();
      if (!commit) {
        setPreview(null);
        return;
      }
      if (!moved) {
        setPreview(null);
        if (mode === 'move') onOpen(session);
        return;
      }
      const changed = current.day !== orig.day || current.start !== orig.start || current.end !== orig.end;
      setPreview(null);
      if (changed) {
        const date = (days[current.day] as DayOfSessions).date;
        onRetime(session, atMinutes(date, current.start), atMinutes(date, current.end));
      }
    };
    const up = () => finish(true);
    const cancel = () => finish(false);
    const key = (ev: globalThis.KeyboardEvent) => {
      if (ev.key === 'Escape') finish(false);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', cancel);
    window.addEventListener('keydown', key);
    cleanup.current = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', cancel);
      window.removeEventListener('keydown', key);
      cleanup.current = null;
    };
  }

  const open = (e: KeyboardEvent<HTMLElement>, session: SessionView) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(session);
    }
  };

  const label = (date: string, start: number, end: number) => {
    const a = fromLocal(atMinutes(date, start), zone);
    const b = fromLocal(atMinutes(date, end), zone);
    const mine = a.ok && b.ok && showMine && viewer !== zone && !sameClock([a.instant, b.instant], zone, viewer) ? { text: formatClockSpan(a.instant, b.instant, viewer, locale), shift: dayShift(a.instant, zone, viewer) } : null;
    return { own: `${atMinutes(date, start).slice(11, 16)} – ${atMinutes(date, end).slice(11, 16)}`, mine };
  };

  return (
    <div className={classes.gridScroll} data-testid="day-grid">
      <div className={classes.grid} style={{ '--days': days.length } as CSSProperties}>
        <div className={classes.corner} />
        {days.map((d) => (
          <div key={d.date} className={classes.gridHead} data-outside={d.number === null || undefined}>
            <Text size="sm" fw={600}>
              {formatPlainDayShort(d.date, locale)}
            </Text>
            <Text size="xs" c="dimmed">
              {d.number ? t('meetings.sessions.dayNumber', { number: d.number }) : t('meetings.sessions.outsideDay')} · {offsetLabel(`${d.date}T12:00:00Z`, zone)}
            </Text>
          </div>
        ))}
        <div className={classes.axis} style={{ height }} aria-hidden="true">
          {hours.map((h) => (
            <span key={h} className={classes.hour} style={{ top: (h - axisStart) * PX }}>
              {String(Math.floor(h / 60)).padStart(2, '0')}:00
            </span>
          ))}
        </div>
        {days.map((d, di) => {
          const laneOf = lanes(d.date, d.sessions);
          const here = [
            ...d.sessions.filter((s) => !(preview && preview.id === s.id && preview.day !== di)),
            ...(preview && preview.day === di ? days.flatMap((o) => o.sessions).filter((s) => s.id === preview.id && !d.sessions.some((x) => x.id === s.id)) : []),
          ];
          return (
            <div key={d.date} ref={(el) => void (columns.current[di] = el)} className={classes.gridDay} style={{ height }} data-testid="grid-day" data-date={d.date}>
              {hours.map((h) => (
                <span key={h} className={classes.hourLine} style={{ top: (h - axisStart) * PX }} aria-hidden="true" />
              ))}
              {here.map((s) => {
                const p = preview?.id === s.id ? preview : null;
                const start = p ? p.start : minutesFrom(d.date, s.start.local);
                const end = p ? p.end : Math.min(1440, minutesFrom(d.date, s.end.local));
                const lane = p ? { lane: 0, of: 1 } : (laneOf.get(s.id) ?? { lane: 0, of: 1 });
                const text = label(d.date, start, end);
                const style: CSSProperties = {
                  top: (start - axisStart) * PX,
                  height: Math.max(18, (end - start) * PX - 2),
                  left: `calc(${(lane.lane / lane.of) * 100}% + 2px)`,
                  width: `calc(${100 / lane.of}% - 4px)`,
                };
                return (
                  <div
                    key={s.id}
                    className={classes.block}
                    style={style}
                    data-dragging={p ? true : undefined}
                    data-warning={s.warnings.length ? true : undefined}
                    data-parallel={s.parallel || undefined}
                    data-manage={canManage || undefined}
                    data-testid="grid-session"
                    data-session-id={s.id}
                    id={sessionAnchor(s.id)}
                    data-anchored={anchoredId === s.id || undefined}
                    {...(canManage
                      ? {
                          role: 'button',
                          tabIndex: 0,
                          'aria-label': t('meetings.sessions.gridLabel', { title: s.title, time: text.own, place: zonePlace(zone, locale) }),
                          onPointerDown: (e: ReactPointerEvent<HTMLElement>) => begin(e, s, di, 'move'),
                          onKeyDown: (e: KeyboardEvent<HTMLElement>) => open(e, s),
                        }
                      : {})}
                  >
                    <span className={classes.blockTime}>{text.own}</span>
                    {text.mine ? (
                      <span className={classes.blockMine}>
                        {text.mine.text}
                        {text.mine.shift ? ` (${text.mine.shift > 0 ? t('time.daysLater', { count: text.mine.shift }) : t('time.daysEarlier', { count: -text.mine.shift })})` : ''}
                      </span>
                    ) : null}
                    <span className={classes.blockTitle}>{s.title}</span>
                    {s.parallel ? <span className={classes.blockParallel}>{t('meetings.sessions.warnings.overlap')}</span> : null}
                    {s.agendaItems.length ? (
                      <span className={classes.blockItems} data-testid="grid-agenda-items">
                        {s.agendaItems.map((item) => {
                          const text = t('agenda.itemNumber', { number: item.number });
                          // A block that those who plan the meeting drag is itself a button: its chips are words there, links for everyone else.
                          return canManage ? (
                            <span key={item.id} className={classes.blockChip} data-status={item.status} title={item.title}>
                              {text}
                            </span>
                          ) : (
                            <Link key={item.id} to={`/groups/${slug}/agenda#${itemAnchor(item.number)}`} className={classes.blockChip} data-status={item.status} title={item.title} data-testid="grid-agenda-chip">
                              {text}
                            </Link>
                          );
                        })}
                      </span>
                    ) : null}
                    {canManage ? <span className={classes.resize} onPointerDown={(e) => begin(e, s, di, 'resize')} aria-hidden="true" data-testid="grid-resize" /> : null}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
