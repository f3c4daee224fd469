import { useElementSize } from '@mantine/hooks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Timeline, TimelineItem } from '../../../core/timeline';
import { currentLocale } from '../../i18n';
import { formatPlainDay, formatYear } from './dates';
import { layoutTimeline, type PlacedItem, type TimelineLayout } from './layout';
import classes from './Timeline.module.css';
import { useItemText, type ItemText } from './useItemText';

const PADDING = 28;
const ROW = 46;
const CARD_H = 36;
const TOP = 30;

const TITLE_FONT = 600;
const TITLE_SIZE = 12.5;
const WHEN_SIZE = 11.5;

let canvas: HTMLCanvasElement | null = null;
/** A label's width in the page's own font, so that labels never collide. */
function textWidth(text: string, size: number, weight: number): number {
  canvas ??= document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return text.length * size * 0.6;
  ctx.font = `${weight} ${size}px ${getComputedStyle(document.body).fontFamily}`;
  return ctx.measureText(text).width;
}

export const isSameItem = (a: TimelineItem | null, b: TimelineItem) =>
  a !== null && a.kind === b.kind && a.date === b.date && a.transition === b.transition && a.meeting?.sequence === b.meeting?.sequence && a.versionNumber === b.versionNumber;

/**
 * The term as a picture: the axis from the first record to the end of the term, the term
 * itself as a band (the part already run darker), decisions and submissions above, meetings
 * below, today as a dashed line, and what comes next ringed in gold. Decorative for screen
 * readers: the ordered list beside it says the same.
 */
export function TimelinePicture({ timeline, onOpen }: { timeline: Timeline; /** Opens an item that has a page of its own (a meeting), for pointer users; the list below has the links. */ onOpen?: (item: TimelineItem) => (() => void) | null }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const text = useItemText();
  const { ref, width } = useElementSize();
  const dated = timeline.items.filter((i) => i.date !== null);

  const layout = useMemo(() => {
    if (width < 200) return null;
    return layoutTimeline(timeline.termStart, timeline.termEnd, timeline.today, dated, {
      width,
      padding: PADDING,
      label: (item) => {
        const words = text(item);
        return { title: words.title, detail: cardLine(item, words) };
      },
      measure: ({ title, detail }) => Math.max(textWidth(title, TITLE_SIZE, TITLE_FONT), textWidth(detail, WHEN_SIZE, 400)),
    });
    // `text` changes with the language, which `locale` stands for.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [width, timeline, locale]);

  const rowsAbove = Math.max(layout?.rowsAbove ?? 1, 1);
  const rowsBelow = Math.max(layout?.rowsBelow ?? 1, 1);
  const axisY = TOP + 20 + rowsAbove * ROW;
  const height = axisY + 34 + rowsBelow * ROW;
  const todayText = formatPlainDay(timeline.today, locale);

  return (
    <div ref={ref} className={classes.picture}>
      {layout ? (
        <svg width={layout.width} height={height} viewBox={`0 0 ${layout.width} ${height}`} className={classes.svg} aria-hidden="true" focusable="false" data-testid="timeline-picture">
          {/* The axis and the term. */}
          <line x1={PADDING / 2} x2={layout.width - PADDING / 2} y1={axisY} y2={axisY} className={classes.axis} />
          <rect x={layout.termStart} y={axisY - 5} width={Math.max(layout.termEnd - layout.termStart, 2)} height={10} rx={5} className={classes.term} />
          <rect x={layout.termStart} y={axisY - 5} width={elapsed(layout)} height={10} rx={5} className={classes.termElapsed} />
          {layout.years.length === 0 || (layout.years[0]?.x ?? 0) - PADDING > 70 ? (
            <text x={PADDING} y={axisY + 24} textAnchor="start" className={classes.year}>
              {formatYear(new Date(layout.from).getUTCFullYear(), locale)}
            </text>
          ) : null}
          {layout.years.map((y) => (
            <g key={y.year}>
              <line x1={y.x} x2={y.x} y1={axisY + 6} y2={axisY + 11} className={classes.tick} />
              <text x={y.x} y={axisY + 24} textAnchor="middle" className={classes.year}>
                {formatYear(y.year, locale)}
              </text>
            </g>
          ))}

          {/* Today. */}
          {'x' in layout.today ? (
            <g>
              <line x1={layout.today.x} x2={layout.today.x} y1={TOP - 4} y2={height - 4} className={classes.today} />
              <text x={clamp(layout.today.x, 40, layout.width - 40)} y={TOP - 12} textAnchor="middle" className={classes.todayLabel}>
                {t('timeline.todayOn', { date: todayText })}
              </text>
            </g>
          ) : (
            <text x={layout.today.off === 'after' ? layout.width - 4 : 4} y={TOP - 12} textAnchor={layout.today.off === 'after' ? 'end' : 'start'} className={classes.todayLabel}>
              {layout.today.off === 'after' ? t('timeline.todayAfter', { date: todayText }) : t('timeline.todayBefore', { date: todayText })}
            </text>
          )}

          {/* Leaders first, so that cards lie over them. */}
          {layout.placed.map((p) => {
            const top = cardTop(p, axisY);
            return <line key={`l${p.index}`} x1={p.x} x2={p.x} y1={p.lane === 'above' ? axisY - 7 : axisY + 7} y2={p.lane === 'above' ? top + CARD_H : top} className={classes.leader} />;
          })}
          {layout.placed.map((p) => (
            <Marker key={`m${p.index}`} placed={p} axisY={axisY} next={isSameItem(timeline.next, p.item)} />
          ))}
          {layout.placed.map((p) => {
            const label = text(p.item);
            const top = cardTop(p, axisY);
            const next = isSameItem(timeline.next, p.item);
            const open = onOpen?.(p.item) ?? null;
            return (
              <g
                key={`c${p.index}`}
                className={classes.card}
                data-past={p.item.past || undefined}
                data-next={next || undefined}
                data-link={open ? true : undefined}
                onClick={open ?? undefined}
                data-testid={open ? 'timeline-picture-link' : undefined}
              >
                <title>{[label.title, label.when, label.detail].filter(Boolean).join(' · ')}</title>
                <rect x={p.left} y={top} width={p.right - p.left} height={CARD_H} rx={4} className={classes.cardBox} />
                <text x={p.left + 6} y={top + 15} className={classes.cardTitle}>
                  {label.title}
                </text>
                <text x={p.left + 6} y={top + 29} className={classes.cardWhen}>
                  {cardLine(p.item, label)}
                </text>
              </g>
            );
          })}
        </svg>
      ) : (
        <div style={{ height: 220 }} />
      )}
    </div>
  );
}

/** A card's second line: when, and where for a decision taken at an SC meeting or a meeting with a city. */
function cardLine(item: TimelineItem, words: ItemText): string {
  if (item.kind === 'decision' && item.scMeeting) return `${words.when} · ${words.detail}`;
  if (item.kind === 'meeting' && item.meeting?.city) return `${words.when} · ${item.meeting.city}`;
  return words.when;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

/** How much of the term has run, in pixels from its start. */
function elapsed(layout: TimelineLayout): number {
  const end = 'x' in layout.today ? layout.today.x : layout.today.off === 'after' ? layout.termEnd : layout.termStart;
  return clamp(end, layout.termStart, layout.termEnd) - layout.termStart;
}

function cardTop(p: PlacedItem, axisY: number): number {
  return p.lane === 'above' ? axisY - 16 - CARD_H - p.row * ROW : axisY + 34 + p.row * ROW;
}

function Marker({ placed: p, axisY, next }: { placed: PlacedItem; axisY: number; next: boolean }) {
  const state = { 'data-past': p.item.past || undefined, 'data-next': next || undefined };
  const ring = next ? <circle cx={p.x} cy={axisY} r={11} className={classes.nextRing} /> : null;
  switch (p.item.kind) {
    case 'term_start':
    case 'term_end':
      return <rect x={p.x - 1.5} y={axisY - 10} width={3} height={20} rx={1} className={classes.termMark} {...state} />;
    case 'decision':
      return (
        <g {...state} className={classes.mark}>
          {ring}
          <rect x={p.x - 5} y={axisY - 5} width={10} height={10} transform={`rotate(45 ${p.x} ${axisY})`} />
        </g>
      );
    case 'submitted':
      return (
        <g {...state} className={classes.mark}>
          {ring}
          <circle cx={p.x} cy={axisY} r={5} />
        </g>
      );
    case 'meeting':
      return (
        <g {...state} className={classes.mark}>
          {ring}
          {p.item.precision === 'month' ? (
            <rect x={Math.min(p.x1, p.x - 5)} y={axisY - 5} width={Math.max(p.x2 - p.x1, 10)} height={10} rx={5} />
          ) : (
            <circle cx={p.x} cy={axisY} r={6} />
          )}
        </g>
      );
  }
}
