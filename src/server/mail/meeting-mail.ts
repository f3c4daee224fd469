/**
 * Mail about meetings: invitations, changes (time, zone, place, format; postponed, planned
 * again, cancelled) and reminders 7 days and 1 day before the start. Queued as jobs in the
 * writer's transaction, one per recipient, and rendered when sent: in the recipient's language,
 * with every time both in the meeting's zone and in the recipient's own.
 *
 * Reminders are jobs due at their time. Each carries the start it was scheduled for; when it
 * runs it goes out only if the meeting is still planned for that start. A reschedule or a
 * cancellation therefore needs no clean-up: the stale reminders find nothing to do, and a new
 * start schedules its own.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { TFunction } from 'i18next';
import { INTL_LOCALE, formatMonth } from '../../core/calendars';
import { LOCALES } from '../../core/charter';
import type { AttendanceResponse } from '../../core/meetings';
import { isTimeZone } from '../../core/time';
import { buildCalendar } from '../calendar/ics';
import type { Config } from '../config';
import { rowsOf, type Db } from '../db/client';
import { meetingAttendance, meetings, memberCommittees, studyGroups, users } from '../db/schema';
import { translator } from '../i18n';
import { enqueueJob } from '../jobs/queue';
import { dateTime, meetingEvent, meetingName, meetingUrl, placeOf, type MeetingFacts } from '../modules/calendars/events';
import { ownerActor } from '../modules/calendars/feeds';
import type { MeetingRow } from '../modules/meetings/queries';
import { visibleGroupCondition } from '../modules/study-groups/policy';
import type { Mailer, OutgoingMail } from './mailer';

export const MEETING_MAIL_JOB = 'mail.meeting';
export const MEETING_REMINDERS_JOB = 'meeting.reminders';
export const REMINDER_DAYS = [7, 1] as const;

export type MeetingMailKind = 'invitation' | 'changed' | 'postponed' | 'rescheduled' | 'cancelled' | 'reminder';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The changes worth a mail, by column, and the word the mail names them by. */
const NOTIFIED: Partial<Record<keyof MeetingRow, Topic>> = { startsAt: 'time', endsAt: 'time', timeZone: 'timeZone', city: 'place', venue: 'place', format: 'format', onlineUrl: 'onlineLink' };
type Topic = 'time' | 'timeZone' | 'place' | 'format' | 'onlineLink';
const TOPIC_ORDER: Topic[] = ['time', 'timeZone', 'place', 'format', 'onlineLink'];

/** Statuses in which participants still need to hear of a change (not after the meeting). */
const LIVE = new Set(['planned', 'postponed', 'convened']);

// ---------------------------------------------------------------------------------------------
// Queueing, in the writer's transaction

/** Queues one mail per recipient (the people named, or everyone invited to the meeting). */
export async function queueMeetingMail(tx: Db, meeting: MeetingRow, kind: MeetingMailKind, opts: { userIds?: readonly string[]; topics?: Topic[] } = {}): Promise<void> {
  const userIds = opts.userIds ?? (await tx.select({ userId: meetingAttendance.userId }).from(meetingAttendance).where(eq(meetingAttendance.meetingId, meeting.id))).map((r) => r.userId);
  for (const userId of userIds) {
    await enqueueJob(tx, MEETING_MAIL_JOB, { kind, meetingId: meeting.id, userId, version: meeting.version, ...(opts.topics ? { topics: opts.topics } : {}) });
  }
}

/**
 * Schedules the reminders of a meeting's start (7 days and 1 day before), those still ahead.
 * One per meeting, start and lead time, ever: planning the same start again (postponed, then
 * planned again) neither queues a pending reminder twice nor repeats one already sent.
 */
export async function scheduleMeetingReminders(tx: Db, meeting: MeetingRow, now: Date = new Date()): Promise<void> {
  if (!meeting.startsAt || meeting.status !== 'planned') return;
  for (const days of REMINDER_DAYS) {
    const runAt = new Date(meeting.startsAt.getTime() - days * DAY);
    if (runAt <= now) continue;
    const payload = { meetingId: meeting.id, startsAt: meeting.startsAt.toISOString(), days };
    const known = rowsOf(
      await tx.execute(
        sql`SELECT 1 FROM jobs WHERE kind = ${MEETING_REMINDERS_JOB} AND failed_at IS NULL AND payload @> ${JSON.stringify(payload)}::jsonb LIMIT 1`,
      ),
    );
    if (known.length === 0) await enqueueJob(tx, MEETING_REMINDERS_JOB, payload, runAt);
  }
}

/** After updateMeeting: a mail to everyone invited when the time, zone, place or format changed; reminders for a new start. */
export async function notifyMeetingChange(tx: Db, meeting: MeetingRow, changed: readonly string[]): Promise<void> {
  const topics = TOPIC_ORDER.filter((topic) => changed.some((field) => NOTIFIED[field as keyof MeetingRow] === topic));
  if (topics.length && LIVE.has(meeting.status)) await queueMeetingMail(tx, meeting, 'changed', { topics });
  if (changed.includes('startsAt')) await scheduleMeetingReminders(tx, meeting);
}

/** After a step of the meeting: postponed, planned again or cancelled are mailed to everyone invited. */
export async function notifyMeetingTransition(tx: Db, meeting: MeetingRow, transition: string): Promise<void> {
  const kind = ({ postpone: 'postponed', reschedule: 'rescheduled', cancel: 'cancelled' } as const)[transition as 'postpone' | 'reschedule' | 'cancel'];
  if (!kind) return;
  await queueMeetingMail(tx, meeting, kind);
  if (kind === 'rescheduled') await scheduleMeetingReminders(tx, meeting);
}

// ---------------------------------------------------------------------------------------------
// Sending

interface ReminderPayload {
  startsAt?: unknown;
  days?: unknown;
}

/** Whether a reminder scheduled for `payload.startsAt` should still go out now. */
function reminderDue(m: Pick<MeetingRow, 'status' | 'startsAt'>, payload: ReminderPayload, now: Date): boolean {
  if (m.status !== 'planned' || !m.startsAt || m.startsAt.toISOString() !== payload.startsAt) return false;
  const ahead = m.startsAt.getTime() - now.getTime();
  if (ahead <= 0) return false;
  // Run late (the server was down): the week's reminder gives way to the day's.
  return !(Number(payload.days) > 1 && ahead <= DAY + HOUR);
}

/** The reminder job, at its time: one mail job per invited person who has not declined. */
export async function fanOutReminders(db: Db, payload: Record<string, unknown>, now: Date = new Date()): Promise<void> {
  const [m] = await db.select().from(meetings).where(eq(meetings.id, String(payload.meetingId))).limit(1);
  if (!m || !reminderDue(m, payload, now)) return;
  const rows = await db
    .select({ userId: meetingAttendance.userId })
    .from(meetingAttendance)
    .where(and(eq(meetingAttendance.meetingId, m.id), sql`${meetingAttendance.response} IS DISTINCT FROM 'not_attending'`));
  if (rows.length === 0) return;
  await db.transaction(async (tx) => {
    for (const r of rows) await enqueueJob(tx, MEETING_MAIL_JOB, { kind: 'reminder', meetingId: m.id, userId: r.userId, startsAt: payload.startsAt, days: payload.days });
  });
}

/** Whether the mail still says something true when it is sent. */
function stillTrue(kind: MeetingMailKind, m: MeetingRow, response: AttendanceResponse | null, payload: ReminderPayload, now: Date): boolean {
  switch (kind) {
    case 'cancelled':
      return m.status === 'cancelled';
    case 'postponed':
      return m.status === 'postponed';
    case 'rescheduled':
      return m.status === 'planned';
    case 'reminder':
      return response !== 'not_attending' && reminderDue(m, payload, now);
    default:
      // The cancellation's own mail says all that is left to say.
      return m.status !== 'cancelled';
  }
}

const localeOf = (locale: string | null | undefined) => ((LOCALES as readonly string[]).includes(locale ?? '') ? (locale as string) : 'en');

/** The address and name in MAIL_FROM ('Accord <accord@localhost>'), the organizer of calendar invitations. */
export function organizerOf(mailFrom: string): { email: string; name: string | null } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(mailFrom);
  return m ? { email: (m[2] ?? '').trim(), name: m[1]?.trim() || null } : { email: mailFrom.trim(), name: null };
}

/** One meeting mail job: checks it still holds, then renders and sends it. */
export async function sendMeetingMail(db: Db, mailer: Mailer, config: Config, payload: Record<string, unknown>, now: Date = new Date()): Promise<void> {
  const kind = String(payload.kind) as MeetingMailKind;
  const [user] = await db.select().from(users).where(eq(users.id, String(payload.userId))).limit(1);
  if (!user || user.disabledAt) return;
  const locale = localeOf(user.locale);
  // The meeting, while the person may still see its group (removed people get no more mail about it).
  const [row] = await db
    .select({
      meeting: meetings,
      slug: studyGroups.slug,
      groupTitle: sql<string>`coalesce((study_groups.charter->'texts'->(${locale}::text))->>'title', study_groups.title)`,
      hostCode: memberCommittees.code,
      hostName: memberCommittees.name,
      response: meetingAttendance.response,
    })
    .from(meetings)
    .innerJoin(studyGroups, eq(studyGroups.id, meetings.groupId))
    .innerJoin(meetingAttendance, and(eq(meetingAttendance.meetingId, meetings.id), eq(meetingAttendance.userId, user.id)))
    .leftJoin(memberCommittees, eq(memberCommittees.id, meetings.hostCommitteeId))
    .where(and(eq(meetings.id, String(payload.meetingId)), visibleGroupCondition(ownerActor(user))))
    .limit(1);
  if (!row || !stillTrue(kind, row.meeting, row.response, payload, now)) return;
  const facts: MeetingFacts = { meeting: row.meeting, group: { slug: row.slug, title: row.groupTitle }, host: row.hostCode && row.hostName ? { code: row.hostCode, name: row.hostName } : null };
  const topics = Array.isArray(payload.topics) ? (payload.topics as Topic[]).filter((x) => TOPIC_ORDER.includes(x)) : [];
  await mailer.send(
    renderMeetingMail({
      kind,
      facts,
      to: user.email,
      name: user.displayName,
      locale,
      timeZone: user.timeZone && isTimeZone(user.timeZone) ? user.timeZone : null,
      response: row.response,
      topics,
      publicUrl: config.publicUrl,
      organizer: organizerOf(config.mailFrom),
      now,
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Rendering

export interface MeetingMailInput {
  kind: MeetingMailKind;
  facts: MeetingFacts;
  to: string;
  name: string;
  locale: string;
  /** The recipient's own zone; null when they have not chosen one (UTC is shown, and said). */
  timeZone: string | null;
  response: AttendanceResponse | null;
  topics: Topic[];
  publicUrl: string;
  organizer: { email: string; name: string | null };
  now: Date;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

type Block = { kind: 'p'; lines: string[] } | { kind: 'link'; label: string; url: string };

/** The meeting's start and end, each in its zone and in the recipient's, side by side. */
function timeLines(t: TFunction, m: MeetingRow, locale: string, ownZone: string | null): string[] {
  if (!m.startsAt) return [m.plannedMonth ? t('mail.meeting.plannedFor', { month: formatMonth(m.plannedMonth, locale) }) : t('mail.meeting.datesNotSet')];
  const zone = m.timeZone && isTimeZone(m.timeZone) ? m.timeZone : 'UTC';
  const own = ownZone ?? 'UTC';
  const line = (at: Date, which: 'starts' | 'ends') => {
    const time = dateTime(t, at, locale, zone);
    if (own === zone) return which === 'starts' ? t('mail.meeting.startsSameZone', { time, zone }) : t('mail.meeting.endsSameZone', { time, zone });
    const vars = { time, zone, ownTime: dateTime(t, at, locale, own), ownZone: own };
    return which === 'starts' ? t('mail.meeting.starts', vars) : t('mail.meeting.ends', vars);
  };
  const lines = [line(m.startsAt, 'starts'), ...(m.endsAt ? [line(m.endsAt, 'ends')] : [])];
  if (!ownZone && zone !== 'UTC') lines.push(t('mail.meeting.noTimeZone'));
  return lines;
}

function listOf(locale: string, items: string[]): string {
  try {
    return new Intl.ListFormat(INTL_LOCALE[locale] ?? 'en-GB', { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** A meeting mail in the recipient's language and zones, with a calendar object where one helps. */
export function renderMeetingMail(input: MeetingMailInput): OutgoingMail {
  const { kind, facts, locale } = input;
  const m = facts.meeting;
  const t = translator(locale);
  const name = meetingName(t, m);
  const vars = { meeting: name, group: facts.group.title };
  const days = m.startsAt ? Math.max(1, Math.round((m.startsAt.getTime() - input.now.getTime()) / DAY)) : 0;
  const when = new Intl.RelativeTimeFormat(INTL_LOCALE[locale] ?? 'en-GB', { numeric: 'auto' }).format(days, 'day');
  const url = meetingUrl(input.publicUrl, facts.group.slug, m.id);

  const intro = [t(`mail.meeting.body.${kind}`, { ...vars, when, topics: listOf(locale, input.topics.map((x) => t(`mail.meeting.topics.${x}`))) })];
  if ((kind === 'postponed' || kind === 'cancelled') && m.statusReason) intro.push(t('mail.meeting.reason', { reason: m.statusReason }));
  const place = placeOf(t, m);
  const details = [
    t('calendar.meetingSummary', vars),
    ...timeLines(t, m, locale, input.timeZone),
    ...(place ? [t('mail.meeting.place', { place })] : []),
    ...(facts.host ? [t('calendar.host', { committee: facts.host.name })] : []),
    t('calendar.formatLine', { format: t(`calendar.format.${m.format}`) }),
    // The recipient is invited, so they may see the link; a cancelled meeting has none to give.
    ...(m.onlineUrl && m.format !== 'in_person' && kind !== 'cancelled' ? [t('calendar.online', { url: m.onlineUrl })] : []),
  ];
  const blocks: Block[] = [{ kind: 'p', lines: [t('mail.greeting', { name: input.name })] }, { kind: 'p', lines: intro }, { kind: 'p', lines: details }, { kind: 'link', label: t('mail.meeting.open'), url }];
  const mayAnswer = kind !== 'cancelled' && (kind === 'invitation' || input.response === null);
  if (kind === 'reminder' && input.response === null) blocks.push({ kind: 'p', lines: [t('mail.meeting.notAnswered')] });
  if (mayAnswer) blocks.push({ kind: 'link', label: t('mail.meeting.answer'), url: `${url}#attendance` });

  let icalEvent: OutgoingMail['icalEvent'];
  const event = kind === 'reminder' ? null : meetingEvent(facts, { t, locale, publicUrl: input.publicUrl, withOnlineLink: true });
  if (event) {
    const method = kind === 'cancelled' ? 'CANCEL' : 'REQUEST';
    const partstat = input.response === 'not_attending' ? 'DECLINED' : input.response ? 'ACCEPTED' : 'NEEDS-ACTION';
    const content = buildCalendar({
      method,
      events: [{ ...event, dtstamp: input.now, organizer: input.organizer, attendees: [{ email: input.to, name: input.name, partstat, rsvp: false }] }],
    });
    icalEvent = { method, content, filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics' };
    blocks.push({ kind: 'p', lines: [t(method === 'CANCEL' ? 'mail.meeting.cancelCalendarFile' : 'mail.meeting.calendarFile')] });
  }

  const footer = t('mail.footer');
  const text = `${blocks.map((b) => (b.kind === 'p' ? b.lines.join('\n') : `${b.label}\n${b.url}`)).join('\n\n')}\n\n-- \n${footer}\n`;
  const html = `<!doctype html><html lang="${escapeHtml(locale)}"><body style="font-family:system-ui,sans-serif;line-height:1.5">
${blocks
  .map((b) => (b.kind === 'p' ? `<p>${b.lines.map(escapeHtml).join('<br>')}</p>` : `<p>${escapeHtml(b.label)}<br><a href="${escapeHtml(b.url)}">${escapeHtml(b.url)}</a></p>`))
  .join('\n')}
<hr><p style="color:#666;font-size:12px">${escapeHtml(footer)}</p></body></html>`;
  return { to: input.to, subject: t(`mail.meeting.subject.${kind}`, { ...vars, when }), text, html, language: locale, ...(icalEvent ? { icalEvent } : {}) };
}
