/**
 * Meetings and their sessions as calendar events, worded in one reader's language. The feeds
 * and the mail attachments use the same UIDs, so an event added from an invitation and the
 * same meeting in a subscribed feed are one event in a calendar app, updated by SEQUENCE.
 */
import type { TFunction } from 'i18next';
import { formatInZone } from '../../../core/calendars';
import type { IcsEvent } from '../../calendar/ics';
import type { MeetingRow } from '../meetings/queries';

export interface MeetingFacts {
  meeting: MeetingRow;
  /** The group, its title in the reader's language when the charter has it. */
  group: { slug: string; title: string };
  host: { code: string; name: string } | null;
  /** The meeting's title names one of its people under the Chatham House Rule: a feed says 'Meeting 3' instead. */
  titleWithheld?: boolean;
}

export interface SessionFacts {
  id: string;
  meetingId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
  /** The title names one of the meeting's people under the Chatham House Rule: the event carries a neutral title instead. */
  titleWithheld?: boolean;
}

export interface EventContext {
  t: TFunction;
  locale: string;
  publicUrl: string;
  /** Whether the reader may see the online link (people who may see the meeting may). */
  withOnlineLink: boolean;
}

export const meetingUrl = (publicUrl: string, slug: string, meetingId: string) => `${publicUrl}/groups/${encodeURIComponent(slug)}/meetings/${meetingId}`;

const uidHost = (publicUrl: string) => {
  try {
    return new URL(publicUrl).hostname || 'accord';
  } catch {
    return 'accord';
  }
};
export const meetingUid = (publicUrl: string, meetingId: string) => `meeting-${meetingId}@${uidHost(publicUrl)}`;
export const sessionUid = (publicUrl: string, sessionId: string) => `session-${sessionId}@${uidHost(publicUrl)}`;

/** The meeting's title, or 'Meeting 3' in the reader's language. */
export function meetingName(t: TFunction, m: Pick<MeetingRow, 'title' | 'sequence'>): string {
  return m.title?.trim() || t('calendar.meetingNumber', { sequence: m.sequence });
}

/** 'Friday, 12 March 2027, 09:00' in the language and zone given. */
export function dateTime(t: TFunction, at: Date, locale: string, zone: string): string {
  return t('calendar.dateTime', formatInZone(at, locale, zone));
}

/** Venue and city, or 'Online' for a virtual meeting with neither. */
export function placeOf(t: TFunction, m: Pick<MeetingRow, 'venue' | 'city' | 'format'>): string | null {
  const parts = [m.venue, m.city].map((s) => s?.trim()).filter((s): s is string => Boolean(s));
  if (parts.length) return parts.join(', ');
  return m.format === 'virtual' ? t('calendar.format.virtual') : null;
}

/** The meeting's times at the venue, in its own zone and named: what the calendar app's own zone hides. */
export function venueTimes(t: TFunction, m: Pick<MeetingRow, 'startsAt' | 'endsAt' | 'timeZone'>, locale: string): string | null {
  if (!m.startsAt) return null;
  const zone = m.timeZone ?? 'UTC';
  const start = dateTime(t, m.startsAt, locale, zone);
  return m.endsAt ? t('calendar.venueTimes', { start, end: dateTime(t, m.endsAt, locale, zone), zone }) : t('calendar.venueTime', { start, zone });
}

const STATUS: Record<string, IcsEvent['status']> = { cancelled: 'CANCELLED', postponed: 'TENTATIVE' };

function titled(t: TFunction, status: string, title: string) {
  if (status === 'cancelled') return t('calendar.cancelledSummary', { title });
  if (status === 'postponed') return t('calendar.postponedSummary', { title });
  return title;
}

function statusNote(t: TFunction, m: MeetingRow): string[] {
  const lines: string[] = [];
  if (m.status === 'cancelled') lines.push(t('calendar.cancelledNote'));
  if (m.status === 'postponed') lines.push(t('calendar.postponedNote'));
  if ((m.status === 'cancelled' || m.status === 'postponed') && m.statusReason) lines.push(t('calendar.reason', { reason: m.statusReason }));
  return lines;
}

/** The meeting as one event, or null while it has no start. */
export function meetingEvent(facts: MeetingFacts, ctx: EventContext): IcsEvent | null {
  const { meeting: m, group, host } = facts;
  const { t } = ctx;
  if (!m.startsAt) return null;
  const name = meetingName(t, facts.titleWithheld ? { title: null, sequence: m.sequence } : m);
  const url = meetingUrl(ctx.publicUrl, group.slug, m.id);
  const description = [
    group.title,
    ...statusNote(t, m),
    venueTimes(t, m, ctx.locale),
    host ? t('calendar.host', { committee: host.name }) : null,
    t('calendar.formatLine', { format: t(`calendar.format.${m.format}`) }),
    ctx.withOnlineLink && m.onlineUrl && m.format !== 'in_person' ? t('calendar.online', { url: m.onlineUrl }) : null,
    t('calendar.page', { url }),
  ].filter((s): s is string => Boolean(s));
  return {
    uid: meetingUid(ctx.publicUrl, m.id),
    sequence: m.version,
    dtstamp: m.updatedAt,
    created: m.createdAt,
    lastModified: m.updatedAt,
    start: m.startsAt,
    end: m.endsAt,
    timeZone: m.timeZone,
    summary: titled(t, m.status, t('calendar.meetingSummary', { meeting: name, group: group.title })),
    location: placeOf(t, m),
    description: description.join('\n'),
    url,
    status: STATUS[m.status] ?? 'CONFIRMED',
  };
}

/**
 * A session of the timetable as its own event, linked to its meeting. Chairs and speakers are
 * left out: a feed leaves the group, and under the Chatham House Rule nothing that does names
 * participants; a title the attribution check finds a name in is withheld for a neutral one.
 */
export function sessionEvent(facts: MeetingFacts, session: SessionFacts, ctx: EventContext): IcsEvent {
  const { meeting: m, group } = facts;
  const { t } = ctx;
  const name = meetingName(t, facts.titleWithheld ? { title: null, sequence: m.sequence } : m);
  const url = meetingUrl(ctx.publicUrl, group.slug, m.id);
  const title = session.titleWithheld ? t('calendar.sessionTitleWithheld') : session.title;
  // Sessions keep no revision time of their own: the later of the meeting's and their own creation.
  const revised = session.createdAt > m.updatedAt ? session.createdAt : m.updatedAt;
  return {
    uid: sessionUid(ctx.publicUrl, session.id),
    sequence: m.version,
    dtstamp: revised,
    lastModified: revised,
    start: session.startsAt,
    end: session.endsAt,
    timeZone: m.timeZone,
    summary: titled(t, m.status, t('calendar.sessionSummary', { session: title, meeting: name })),
    location: placeOf(t, m),
    description: [group.title, name, ...statusNote(t, m), t('calendar.page', { url })].join('\n'),
    url,
    status: STATUS[m.status] ?? 'CONFIRMED',
    relatedTo: meetingUid(ctx.publicUrl, m.id),
  };
}
