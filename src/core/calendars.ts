import { z } from 'zod';

/**
 * Calendar feeds: a secret address per person (every meeting of every group they may see) or
 * per group, read by calendar apps without a session. The secret is shown once, when made.
 */
export const ZCreateCalendarFeed = z
  .object({
    /** Only this group's meetings; without it, every group the person may see. */
    groupSlug: z
      .string()
      .min(1)
      .max(120)
      .regex(/^[a-z0-9-]+$/)
      .optional(),
  })
  .strict();
export type CreateCalendarFeedInput = z.infer<typeof ZCreateCalendarFeed>;

export const ZCalendarFeedView = z.object({
  id: z.uuid(),
  scope: z.enum(['all', 'group']),
  /** The group of a group feed; null for a personal feed, or when the person no longer sees the group (the feed is then empty). */
  group: z.object({ slug: z.string(), title: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type CalendarFeedView = z.infer<typeof ZCalendarFeedView>;

/** The feed just made, with its secret address: shown this once, stored only as a hash. */
export const ZCreatedCalendarFeed = ZCalendarFeedView.extend({ url: z.url() });
export type CreatedCalendarFeed = z.infer<typeof ZCreatedCalendarFeed>;

/** A feed's secret: 32 random bytes, base64url. */
export const CALENDAR_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The language tag Intl formats dates with for each UI language (British English: 12 March 2027). */
export const INTL_LOCALE: Record<string, string> = { en: 'en-GB', ko: 'ko-KR', zh: 'zh-CN', ja: 'ja-JP' };

const dateFormats = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

/**
 * An instant as people read it in a zone, in their language: the date with its weekday and the
 * time on a 24-hour clock, e.g. { date: 'Friday, 12 March 2027', time: '09:00' }.
 */
export function formatInZone(at: Date | number, locale: string, zone: string): { date: string; time: string } {
  const key = `${locale}|${zone}`;
  let f = dateFormats.get(key);
  if (!f) {
    const tag = INTL_LOCALE[locale] ?? INTL_LOCALE.en;
    f = {
      date: new Intl.DateTimeFormat(tag, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }),
      time: new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }),
    };
    dateFormats.set(key, f);
  }
  return { date: f.date.format(at), time: f.time.format(at) };
}

/** '2027-03' → 'March 2027' in the language. */
export function formatMonth(month: string, locale: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(INTL_LOCALE[locale] ?? INTL_LOCALE.en, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y ?? 1970, (m ?? 1) - 1, 15));
}
