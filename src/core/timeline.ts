import { z } from 'zod';

/** One thing on a group's timeline. `date` is YYYY-MM-DD, or YYYY-MM when only the month is known, or null when not yet set. */
export const ZTimelineItem = z.object({
  /** Stable within the timeline: e.g. meeting-3, decision-2, term_start. */
  id: z.string(),
  kind: z.enum(['term_start', 'term_end', 'submitted', 'decision', 'meeting']),
  date: z.string().nullable(),
  precision: z.enum(['day', 'month', 'unknown']),
  transition: z.string().optional(),
  scMeeting: z.object({ number: z.number().int(), place: z.string() }).optional(),
  versionNumber: z.number().int().optional(),
  meeting: z.object({ sequence: z.number().int(), city: z.string().nullable(), host: z.string().nullable(), status: z.string() }).optional(),
  past: z.boolean(),
});
export type TimelineItem = z.infer<typeof ZTimelineItem>;

export const ZTimeline = z.object({
  termStart: z.iso.date(),
  termEnd: z.iso.date(),
  today: z.iso.date(),
  items: z.array(ZTimelineItem),
  /** The first item still to come: what comes next. */
  next: ZTimelineItem.nullable(),
});
export type Timeline = z.infer<typeof ZTimeline>;

/** Orders a timeline: dated items by date (a month sorts at its first day), undated ones last. */
export function orderTimeline(items: TimelineItem[], today: string): { items: TimelineItem[]; next: TimelineItem | null } {
  const key = (i: TimelineItem) => (i.date === null ? '9999-99-99' : i.date.length === 7 ? `${i.date}-01` : i.date);
  const sorted = [...items].sort((a, b) => key(a).localeCompare(key(b)) || (a.meeting?.sequence ?? 0) - (b.meeting?.sequence ?? 0));
  // Submissions and decisions are records of what happened; the rest is past once its date is.
  const happened = (i: TimelineItem) => i.kind === 'submitted' || i.kind === 'decision';
  const withPast = sorted.map((i) => ({ ...i, past: happened(i) || (i.date !== null && (i.date.length === 7 ? i.date < today.slice(0, 7) : i.date < today)) }));
  return { items: withPast, next: withPast.find((i) => !i.past) ?? null };
}
