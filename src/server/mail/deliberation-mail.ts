/**
 * Mail about a silence procedure (#5 part 7): started (with the deadline in the group's zone and
 * the recipient's own), broken (who broke it, for which member committee, and why), concluded
 * (adopted) and withdrawn. Queued in the step's own transaction, one job per person who may view
 * the draft, and rendered when sent in the recipient's language.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { LOCALES } from '../../core/charter';
import { can } from '../../core/policies';
import { isTimeZone } from '../../core/time';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { councilRoles, draftVersions, drafts, memberCommittees, silenceBreaks, silenceProcedures, studyGroups, users } from '../db/schema';
import { translator } from '../i18n';
import { enqueueJob } from '../jobs/queue';
import { dateTime } from '../modules/calendars/events';
import { ownerActor } from '../modules/calendars/feeds';
import { principalsFor, visibleGroupCondition } from '../modules/study-groups/policy';
import { groupTimeZone, loadGroupSnapshot } from '../modules/study-groups/queries';
import type { Mailer, OutgoingMail } from './mailer';

export const SILENCE_MAIL_JOB = 'mail.silence';
export type SilenceMailKind = 'started' | 'broken' | 'concluded' | 'cancelled';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
const localeOf = (locale: string | null | undefined) => ((LOCALES as readonly string[]).includes(locale ?? '') ? (locale as string) : 'en');

/**
 * The people who may view the group's drafts (`drafts.view`): its current members, its council's
 * secretariat and Steering Committee, its proposers and the parent group's co-chairs, as the
 * same table decides for each. Administrators who are none of these are not written to.
 */
export async function draftViewerIds(db: Db, groupSlug: string): Promise<string[]> {
  const snapshot = await loadGroupSnapshot(db, groupSlug);
  if (!snapshot) return [];
  const { group } = snapshot;
  const roles = await db
    .select({ userId: councilRoles.userId, councilId: councilRoles.councilId, role: councilRoles.role, committeeId: councilRoles.committeeId })
    .from(councilRoles)
    .where(and(eq(councilRoles.councilId, group.councilId), isNull(councilRoles.endedAt)));
  const candidates = new Set<string>([...snapshot.roles.keys(), ...roles.map((r) => r.userId), ...snapshot.parentCoChairIds, ...(group.createdBy ? [group.createdBy] : [])]);
  if (candidates.size === 0) return [];
  const people = await db
    .select()
    .from(users)
    .where(and(inArray(users.id, [...candidates]), isNull(users.disabledAt)));
  const facts = { status: group.status, isSubGroup: group.kind === 'sub_group' };
  return people
    .filter((u) => can(principalsFor(ownerActor(u), snapshot, roles.filter((r) => r.userId === u.id)), 'drafts.view', facts))
    .map((u) => u.id)
    .sort();
}

/** Queues one mail per person who may view the draft. */
export async function queueSilenceMail(tx: Db, groupSlug: string, kind: SilenceMailKind, payload: { procedureId: string; breakId?: string; count?: number }): Promise<number> {
  const ids = await draftViewerIds(tx, groupSlug);
  for (const userId of ids) await enqueueJob(tx, SILENCE_MAIL_JOB, { kind, userId, ...payload });
  return ids.length;
}


/** One silence mail job: the person may still see the group; the procedure says what the mail says. */
export async function sendSilenceMail(db: Db, mailer: Mailer, config: Config, payload: Record<string, unknown>): Promise<void> {
  const kind = String(payload.kind) as SilenceMailKind;
  const [user] = await db.select().from(users).where(eq(users.id, String(payload.userId))).limit(1);
  if (!user || user.disabledAt) return;
  const locale = localeOf(user.locale);
  const [row] = await db
    .select({
      procedure: silenceProcedures,
      draftTitle: drafts.title,
      draftId: drafts.id,
      groupId: studyGroups.id,
      slug: studyGroups.slug,
      groupTitle: sql<string>`coalesce((study_groups.charter->'texts'->(${locale}::text))->>'title', study_groups.title)`,
      versionNumber: draftVersions.number,
      versionName: draftVersions.name,
    })
    .from(silenceProcedures)
    .innerJoin(drafts, eq(drafts.id, silenceProcedures.draftId))
    .innerJoin(studyGroups, eq(studyGroups.id, drafts.groupId))
    .innerJoin(draftVersions, eq(draftVersions.id, silenceProcedures.versionId))
    .where(and(eq(silenceProcedures.id, String(payload.procedureId)), visibleGroupCondition(ownerActor(user))))
    .limit(1);
  if (!row) return;
  // A start withdrawn before its mail went out says nothing true any more.
  if (kind === 'started' && row.procedure.status === 'cancelled') return;
  let broken: { kind: 'objection' | 'amendment'; reason: string; person: string | null; committee: string | null } | undefined;
  if (kind === 'broken') {
    const [b] = await db
      .select({ kind: silenceBreaks.kind, reason: silenceBreaks.reason, person: users.displayName, committee: memberCommittees.name })
      .from(silenceBreaks)
      .leftJoin(users, eq(users.id, silenceBreaks.byId))
      .leftJoin(memberCommittees, eq(memberCommittees.id, silenceBreaks.committeeId))
      .where(eq(silenceBreaks.id, String(payload.breakId)))
      .limit(1);
    if (!b) return;
    broken = b;
  }
  const groupZone = await groupTimeZone(db, row.groupId);
  await mailer.send(
    renderSilenceMail({
      kind,
      to: user.email,
      name: user.displayName,
      locale,
      timeZone: user.timeZone && isTimeZone(user.timeZone) ? user.timeZone : null,
      groupZone,
      deadline: row.procedure.deadline,
      group: row.groupTitle,
      draft: row.draftTitle,
      version: row.versionNumber,
      versionName: row.versionName,
      url: `${config.publicUrl}/groups/${encodeURIComponent(row.slug)}/drafts/${row.draftId}`,
      count: Number(payload.count ?? 0),
      ...(broken ? { broken } : {}),
    }),
  );
}

export interface SilenceMailInput {
  kind: SilenceMailKind;
  to: string;
  name: string;
  locale: string;
  /** The recipient's own zone; null when they have none (UTC is shown, and said). */
  timeZone: string | null;
  groupZone: string;
  deadline: Date;
  group: string;
  draft: string;
  version: number;
  versionName: string;
  url: string;
  count: number;
  broken?: { kind: 'objection' | 'amendment'; reason: string; person: string | null; committee: string | null };
}

/** A silence mail in the recipient's language, the deadline in the group's zone and their own. */
export function renderSilenceMail(input: SilenceMailInput): OutgoingMail {
  const { kind, locale } = input;
  const t = translator(locale);
  const own = input.timeZone ?? 'UTC';
  const time = dateTime(t, input.deadline, locale, input.groupZone);
  const deadlineLine =
    own === input.groupZone
      ? t('mail.silence.deadlineSameZone', { time, zone: input.groupZone })
      : t('mail.silence.deadline', { time, zone: input.groupZone, ownTime: dateTime(t, input.deadline, locale, own), ownZone: own });
  const b = input.broken;
  const who = b ? (b.committee ? t('mail.silence.whoWithCommittee', { person: b.person ?? '—', committee: b.committee }) : (b.person ?? '—')) : '';
  const vars = { draft: input.draft, group: input.group, version: input.version, versionName: input.versionName, count: input.count, who, deadline: dateTime(t, input.deadline, locale, own) };
  const paragraphs: string[][] = [[t('mail.greeting', { name: input.name })], [t(`mail.silence.body.${kind}`, vars)]];
  if (b) paragraphs.push([t('mail.silence.breakLine', { kind: t(`mail.silence.kind.${b.kind}`), reason: b.reason })]);
  if (kind === 'started') {
    paragraphs.push([deadlineLine, ...(input.timeZone ? [] : [t('mail.meeting.noTimeZone')])]);
    paragraphs.push([t('mail.silence.howToBreak')]);
  }
  paragraphs.push([t('mail.silence.open'), input.url]);
  const footer = t('mail.footer');
  const text = `${paragraphs.map((p) => p.join('\n')).join('\n\n')}\n\n-- \n${footer}\n`;
  const html = `<!doctype html><html lang="${escapeHtml(locale)}"><body style="font-family:system-ui,sans-serif;line-height:1.5">
${paragraphs.map((p) => `<p>${p.map((line) => (line === input.url ? `<a href="${escapeHtml(line)}">${escapeHtml(line)}</a>` : escapeHtml(line))).join('<br>')}</p>`).join('\n')}
<hr><p style="color:#666;font-size:12px">${escapeHtml(footer)}</p></body></html>`;
  return { to: input.to, subject: t(`mail.silence.subject.${kind}`, vars), text, html, language: locale };
}
