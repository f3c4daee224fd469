import type { TimelineItem } from '../../../core/timeline';
import { DAY, plainSpan } from './dates';

export type Lane = 'above' | 'below';

export interface LabelText {
  title: string;
  detail: string;
}

export interface PlacedItem {
  item: TimelineItem;
  index: number;
  lane: Lane;
  /** Where the marker stands; a month's item also spans x1 → x2. */
  x: number;
  x1: number;
  x2: number;
  row: number;
  /** The label's horizontal extent and which side of the marker it grows from. */
  left: number;
  right: number;
  anchor: 'start' | 'end';
}

export interface TimelineLayout {
  width: number;
  from: number;
  to: number;
  /** Pixel position of a UTC time. */
  scale: (t: number) => number;
  termStart: number;
  termEnd: number;
  placed: PlacedItem[];
  rowsAbove: number;
  rowsBelow: number;
  years: { year: number; x: number }[];
  /** Today's position, or where it lies when it is off the drawn span. */
  today: { x: number } | { off: 'before' | 'after' };
}

export interface LayoutOptions {
  width: number;
  padding: number;
  /** Measures a label's width in pixels (title and detail lines; the wider counts). */
  measure: (label: LabelText) => number;
  label: (item: TimelineItem) => LabelText;
  /** How far today may stretch the drawn span (a share of it) before it is shown off-scale. */
  todayStretch?: number;
}

const GAP = 14;

/** Governance above the axis (submission, decisions, the term), meetings below it. */
export const laneOf = (item: TimelineItem): Lane => (item.kind === 'meeting' ? 'below' : 'above');

/**
 * Places the dated items of a timeline along a horizontal axis: each label goes to the lowest
 * row of its lane where it overlaps no other label, flipping to the marker's left near the
 * right edge. Pure, so that it can be tested without a browser.
 */
export function layoutTimeline(termStart: string, termEnd: string, today: string, items: TimelineItem[], opts: LayoutOptions): TimelineLayout {
  const term = { start: plainSpan(termStart)?.start ?? 0, end: plainSpan(termEnd)?.start ?? 0 };
  const spans = items.map((item) => (item.date ? plainSpan(item.date) : null));
  let from = Math.min(term.start, ...spans.flatMap((s) => (s ? [s.start] : [])));
  let to = Math.max(term.end, ...spans.flatMap((s) => (s ? [s.end] : [])));
  const todayAt = plainSpan(today)?.start ?? 0;
  const stretch = (opts.todayStretch ?? 0.35) * Math.max(to - from, DAY);
  if (todayAt > to && todayAt - to <= stretch) to = todayAt;
  if (todayAt < from && from - todayAt <= stretch) from = todayAt;
  // A little air at both ends, so that the first and last markers are not on the edge.
  const air = Math.max((to - from) * 0.03, 15 * DAY);
  from -= air;
  to += air;
  const inner = Math.max(opts.width - 2 * opts.padding, 1);
  const scale = (t: number) => opts.padding + ((t - from) / (to - from)) * inner;

  const occupied: Record<Lane, [number, number][][]> = { above: [], below: [] };
  const placed: PlacedItem[] = [];
  const order = items
    .map((item, index) => ({ item, index, span: spans[index] }))
    .filter((e): e is { item: TimelineItem; index: number; span: { start: number; end: number } } => e.span !== null && e.span !== undefined)
    .sort((a, b) => a.span.start - b.span.start || a.index - b.index);
  for (const { item, index, span } of order) {
    const lane = laneOf(item);
    const x1 = scale(span.start);
    const x2 = scale(span.end + (span.end > span.start ? DAY : 0));
    const x = (x1 + x2) / 2;
    const w = opts.measure(opts.label(item)) + 12;
    const anchor: 'start' | 'end' = x + w > opts.width - 4 ? 'end' : 'start';
    const left = anchor === 'start' ? x - 6 : x - w + 6;
    const right = anchor === 'start' ? x - 6 + w : x + 6;
    const rows = occupied[lane];
    let row = rows.findIndex((ranges) => ranges.every(([l, r]) => right + GAP <= l || left >= r + GAP));
    if (row === -1) {
      rows.push([]);
      row = rows.length - 1;
    }
    rows[row]?.push([left, right]);
    placed.push({ item, index, lane, x, x1, x2, row, left, right, anchor });
  }

  const years: { year: number; x: number }[] = [];
  for (let y = new Date(from).getUTCFullYear() + 1; Date.UTC(y, 0, 1) <= to; y++) years.push({ year: y, x: scale(Date.UTC(y, 0, 1)) });

  return {
    width: opts.width,
    from,
    to,
    scale,
    termStart: scale(term.start),
    termEnd: scale(term.end + DAY),
    placed,
    rowsAbove: occupied.above.length,
    rowsBelow: occupied.below.length,
    years,
    today: todayAt > to ? { off: 'after' } : todayAt < from ? { off: 'before' } : { x: scale(todayAt) },
  };
}
