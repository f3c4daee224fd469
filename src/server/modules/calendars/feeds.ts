import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { checkAttribution } from '../../../core/attribution';
import type { CalendarFeedView } from '../../../core/calendars';
import { LOCALES } from '../../../core/charter';
import { docFromParagraphs } from '../../../core/rich-text';
import { buildCalendar } from '../../calendar/ics';
import { randomToken, sha256 } from '../../crypto';
import type { Db } from '../../db/client';
import { calendarFeeds, meetings, meetingSessions, memberCommittees, studyGroups, users } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { notFound } from '../../http/errors';
import { translator } from '../../i18n';
import { recordAudit } from '../audit/record';
import { meetingPeople } from '../reports/queries';
import { visibleGroupCondition } from '../study-groups/policy';
import { meetingEvent, sessionEvent, type MeetingFacts, type SessionFacts } from './events';

type FeedRow = typeof calendarFeeds.$inferSelect;
type UserRow = typeof users.$inferSelect;

/** A calendar app asks again after this long (REFRESH-INTERVAL). */
const REFRESH_MINUTES = 60;
/** last_used_at is written at most this often, so a polling calendar app does not write on every fetch. */
const TOUCH_AFTER_MS = 10 * 60_000;

export const feedUrl = (publicUrl: string, token: string) => `${publicUrl}/cal/${token}.ics`;

/** The feed's owner as the actor whose access the feed carries. */
export function ownerActor(user: Pick<UserRow, 'id' | 'email' | 'displayName' | 'isAdmin' | 'locale' | 'timeZone' | 'memberCommitteeId'>): Actor {
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName, isAdmin: user.isAdmin, locale: user.locale, timeZone: user.timeZone, memberCommitteeId: user.memberCommitteeId },
    via: 'token',
  };
}

const localeOf = (locale: string | null | undefined) => ((LOCALES as readonly string[]).includes(locale ?? '') ? (locale as string) : 'en');

/**
 * The group's title in a language the charter has, else its authoritative title. Qualified in
 * the SQL text: Drizzle leaves column names bare in select fields, and meetings has a title too.
 */
const titleIn = (locale: string) => sql<string>`coalesce((study_groups.charter->'texts'->(${locale}::text))->>'title', study_groups.title)`;

/** Makes a feed; returns it with its secret, which is stored only as a hash. */
export async function createCalendarFeed(tx: Db, actor: Actor, group: { id: string } | null): Promise<{ row: FeedRow; token: string }> {
  const token = randomToken(32);
  const [row] = await tx
    .insert(calendarFeeds)
    .values({ tokenHash: sha256(token), userId: actor.user.id, groupId: group?.id ?? null })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  // A personal setting: recorded without the group, so it stays out of the group's trail.
  await recordAudit(tx, { actorId: actor.user.id, action: 'calendar_feed.created', targetType: 'calendar_feed', targetId: row.id, data: group ? { groupId: group.id } : {} });
  return { row, token };
}

/** Revokes one of the actor's own feeds: its address answers 404 from now on. */
export async function revokeCalendarFeed(tx: Db, actor: Actor, feedId: string): Promise<void> {
  const [row] = await tx
    .update(calendarFeeds)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(calendarFeeds.id, feedId), eq(calendarFeeds.userId, actor.user.id), isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  if (!row) throw notFound('No such calendar feed.');
  await recordAudit(tx, { actorId: actor.user.id, action: 'calendar_feed.revoked', targetType: 'calendar_feed', targetId: row.id });
}

/** The actor's live feeds, newest first, without secrets; a group they no longer see is not named. */
export async function listCalendarFeeds(db: Db, actor: Actor): Promise<CalendarFeedView[]> {
  const rows = await db
    .select({ feed: calendarFeeds })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, actor.user.id), isNull(calendarFeeds.revokedAt)))
    .orderBy(desc(calendarFeeds.createdAt), asc(calendarFeeds.id));
  const groupIds = [...new Set(rows.flatMap((r) => (r.feed.groupId ? [r.feed.groupId] : [])))];
  const visible = groupIds.length
    ? await db
        .select({ id: studyGroups.id, slug: studyGroups.slug, title: titleIn(localeOf(actor.user.locale)) })
        .from(studyGroups)
        .where(and(inArray(studyGroups.id, groupIds), visibleGroupCondition(actor)))
    : [];
  return rows.map(({ feed }) => {
    const group = feed.groupId ? visible.find((g) => g.id === feed.groupId) : undefined;
    return {
      id: feed.id,
      scope: feed.groupId ? 'group' : 'all',
      group: group ? { slug: group.slug, title: group.title } : null,
      createdAt: feed.createdAt.toISOString(),
      lastUsedAt: feed.lastUsedAt?.toISOString() ?? null,
    };
  });
}

export function presentCreatedFeed(row: FeedRow, group: { slug: string; title: string } | null, url: string) {
  return { id: row.id, scope: row.groupId ? ('group' as const) : ('all' as const), group, createdAt: row.createdAt.toISOString(), lastUsedAt: null, url };
}

/** The live feed with this secret and its enabled owner, or undefined. */
export async function feedByToken(db: Db, token: string): Promise<{ feed: FeedRow; owner: UserRow } | undefined> {
  const [row] = await db
    .select({ feed: calendarFeeds, owner: users })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenHash, sha256(token)), isNull(calendarFeeds.revokedAt), isNull(users.disabledAt)))
    .limit(1);
  return row;
}

export async function touchFeed(db: Db, feed: FeedRow): Promise<void> {
  if (feed.lastUsedAt && Date.now() - feed.lastUsedAt.getTime() < TOUCH_AFTER_MS) return;
  await db
    .update(calendarFeeds)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(calendarFeeds.id, feed.id), or(isNull(calendarFeeds.lastUsedAt), lt(calendarFeeds.lastUsedAt, new Date(Date.now() - TOUCH_AFTER_MS)))));
}

/**
 * Every dated meeting of every group the owner may see now (or of the feed's group, while they
 * may see it), with its host and sessions; group titles in the owner's language.
 */
export async function feedMeetings(db: Db, owner: Actor, groupId: string | null, locale: string): Promise<{ facts: MeetingFacts[]; sessions: SessionFacts[] }> {
  const rows = await db
    .select({ meeting: meetings, slug: studyGroups.slug, groupTitle: titleIn(locale), hostCode: memberCommittees.code, hostName: memberCommittees.name })
    .from(meetings)
    .innerJoin(studyGroups, eq(studyGroups.id, meetings.groupId))
    .leftJoin(memberCommittees, eq(memberCommittees.id, meetings.hostCommitteeId))
    .where(and(isNotNull(meetings.startsAt), visibleGroupCondition(owner), groupId ? eq(meetings.groupId, groupId) : undefined))
    .orderBy(asc(meetings.startsAt), asc(meetings.id));
  const facts = rows.map((r) => ({
    meeting: r.meeting,
    group: { slug: r.slug, title: r.groupTitle },
    host: r.hostCode && r.hostName ? { code: r.hostCode, name: r.hostName } : null,
  }));
  const ids = facts.map((f) => f.meeting.id);
  const sessions = ids.length
    ? await db
        .select({ id: meetingSessions.id, meetingId: meetingSessions.meetingId, title: meetingSessions.title, startsAt: meetingSessions.startsAt, endsAt: meetingSessions.endsAt, createdAt: meetingSessions.createdAt })
        .from(meetingSessions)
        .where(inArray(meetingSessions.meetingId, ids))
        .orderBy(asc(meetingSessions.startsAt), asc(meetingSessions.position))
    : [];
  return { facts, sessions };
}

/**
 * A feed is read without a session by calendar services outside the group, so under the
 * Chatham House Rule (and for a closed meeting) a meeting or session title that the attribution
 * check finds one of the meeting's people in — a finding or a name part alone — is withheld: the
 * same check, with the same people, as the meeting's report.
 */
export async function withholdNamedTitles(db: Db, facts: MeetingFacts[], sessions: SessionFacts[]): Promise<{ facts: MeetingFacts[]; sessions: SessionFacts[] }> {
  const guarded = facts.filter((f) => f.meeting.attribution !== 'on_record');
  if (!guarded.length) return { facts, sessions };
  const named = new Map<string, (text: string) => boolean>();
  await Promise.all(
    guarded.map(async (f) => {
      const people = await meetingPeople(db, f.meeting);
      named.set(f.meeting.id, (text) => {
        const check = checkAttribution(docFromParagraphs([text]), people, f.meeting.attribution);
        return check.findings.length > 0 || check.warnings.length > 0;
      });
    }),
  );
  const names = (meetingId: string, text: string | null | undefined) => Boolean(text?.trim() && named.get(meetingId)?.(text));
  return {
    facts: facts.map((f) => (names(f.meeting.id, f.meeting.title) ? { ...f, titleWithheld: true } : f)),
    sessions: sessions.map((s) => (names(s.meetingId, s.title) ? { ...s, titleWithheld: true } : s)),
  };
}

/** The feed as text/calendar, worded in the owner's language. */
export async function renderFeed(db: Db, publicUrl: string, feed: FeedRow, owner: UserRow): Promise<string> {
  const locale = localeOf(owner.locale);
  const t = translator(locale);
  const actor = ownerActor(owner);
  const listed = await feedMeetings(db, actor, feed.groupId, locale);
  const { facts, sessions } = await withholdNamedTitles(db, listed.facts, listed.sessions);
  const ctx = { t, locale, publicUrl, withOnlineLink: true };
  const byMeeting = new Map<string, SessionFacts[]>();
  for (const s of sessions) byMeeting.set(s.meetingId, [...(byMeeting.get(s.meetingId) ?? []), s]);
  const events = facts.flatMap((f) => {
    const main = meetingEvent(f, ctx);
    return main ? [main, ...(byMeeting.get(f.meeting.id) ?? []).map((s) => sessionEvent(f, s, ctx))] : [];
  });
  let name = t('calendar.feedName');
  if (feed.groupId) {
    const [group] = await db
      .select({ title: titleIn(locale) })
      .from(studyGroups)
      .where(and(eq(studyGroups.id, feed.groupId), visibleGroupCondition(actor)))
      .limit(1);
    if (group) name = t('calendar.groupFeedName', { group: group.title });
  }
  return buildCalendar({ name, description: t('calendar.feedDescription'), refreshMinutes: REFRESH_MINUTES, events });
}
