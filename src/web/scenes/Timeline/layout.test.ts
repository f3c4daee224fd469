import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '../../../core/timeline';
import { formatPlainDay, formatPlainMonth, plainSpan } from './dates';
import { layoutTimeline } from './layout';

let n = 0;
const item = (kind: TimelineItem['kind'], date: string | null, extra: Partial<TimelineItem> = {}): TimelineItem => ({
  id: `${kind}-${++n}`,
  kind,
  date,
  precision: date === null ? 'unknown' : date.length === 7 ? 'month' : 'day',
  past: false,
  ...extra,
});

const items: TimelineItem[] = [
  item('submitted', '2019-05-15'),
  item('decision', '2019-06-03', { transition: 'approve' }),
  item('term_start', '2019-09-01'),
  item('decision', '2019-09-01', { transition: 'activate' }),
  item('meeting', '2019-10', { meeting: { sequence: 1, city: 'Seoul', host: 'CSCAP-Korea', status: 'planned' } }),
  item('term_end', '2021-08-31'),
  item('meeting', null, { meeting: { sequence: 2, city: null, host: 'CSCAP-China', status: 'planned' } }),
];

const opts = { width: 900, padding: 28, measure: () => 160, label: () => ({ title: 'x', detail: 'y' }) };

describe('the timeline picture’s layout', () => {
  it('places dated items in date order within the width, and leaves undated ones to the list', () => {
    const layout = layoutTimeline('2019-09-01', '2021-08-31', '2020-03-01', items, opts);
    expect(layout.placed).toHaveLength(6);
    const xs = layout.placed.map((p) => p.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    for (const p of layout.placed) {
      expect(p.left).toBeGreaterThanOrEqual(0);
      expect(p.right).toBeLessThanOrEqual(opts.width);
    }
    expect(layout.termStart).toBeLessThan(layout.termEnd);
    expect('x' in layout.today).toBe(true);
  });

  it('never lets two labels of one lane and row overlap', () => {
    const layout = layoutTimeline('2019-09-01', '2021-08-31', '2020-03-01', items, opts);
    for (const a of layout.placed) {
      for (const b of layout.placed) {
        if (a === b || a.lane !== b.lane || a.row !== b.row) continue;
        expect(a.right <= b.left || b.right <= a.left).toBe(true);
      }
    }
    // Decisions above the axis, meetings below it.
    expect(layout.placed.find((p) => p.item.kind === 'meeting')?.lane).toBe('below');
    expect(layout.placed.find((p) => p.item.kind === 'decision')?.lane).toBe('above');
  });

  it('shows today off the scale rather than squeezing a term that ended long ago', () => {
    const layout = layoutTimeline('2019-09-01', '2021-08-31', '2026-11-29', items, opts);
    expect(layout.today).toEqual({ off: 'after' });
    // Shortly after the end, today is drawn on the axis.
    expect('x' in layoutTimeline('2019-09-01', '2021-08-31', '2021-10-01', items, opts).today).toBe(true);
  });

  it('spans a month for an item planned to the month', () => {
    const layout = layoutTimeline('2019-09-01', '2021-08-31', '2020-03-01', items, opts);
    const month = layout.placed.find((p) => p.item.precision === 'month');
    expect(month && month.x2 - month.x1).toBeGreaterThan(5);
  });
});

describe('plain dates', () => {
  it('are the same day in every language and time zone', () => {
    expect(plainSpan('2019-09-01')?.start).toBe(Date.UTC(2019, 8, 1));
    expect(plainSpan('2019-10')).toEqual({ start: Date.UTC(2019, 9, 1), end: Date.UTC(2019, 9, 31) });
    expect(plainSpan('soon')).toBeNull();
    expect(formatPlainDay('2019-09-01', 'en')).toBe('Sep 1, 2019');
    expect(formatPlainDay('2019-09-01', 'ko')).toBe('2019. 9. 1.');
    expect(formatPlainDay('2019-09-01', 'ja')).toBe('2019/09/01');
    expect(formatPlainMonth('2019-10', 'zh')).toBe('2019年10月');
  });
});
