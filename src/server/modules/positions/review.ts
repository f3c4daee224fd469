/**
 * Heads are told which of their positions need a look (#9 part 1): when a named version changes
 * the text of a recommendation on which a delegation's position was in force, its head gets one
 * mail listing those recommendations. Queued in the naming's transaction (one job per head),
 * rendered when sent in the head's language, and only while they may still read the draft.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Position } from '../../../core/consensus';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { drafts, groupMemberships, studyGroups } from '../../db/schema';
import { translator } from '../../i18n';
import { enqueueJob } from '../../jobs/queue';
import { composeMail, mailRecipient } from '../../mail/compose';
import type { Mailer, OutgoingMail } from '../../mail/mailer';
import { mayReadDraft } from '../draft-comments/visibility';
import { loadGroupSnapshot } from '../study-groups/queries';
import { consensusOf, eligibleDelegations, positionsUpTo, recommendationsOf, recommendationTexts, versionsOf } from './queries';

export const POSITION_REVIEW_MAIL_JOB = 'mail.position_review';

export interface ReviewItem {
  /** R number in the new version. */
  number: number;
  uid: string;
  position: Position;
  /** The version the position was taken on. */
  onVersion: number;
}

/**
 * For version `number` of the draft: the positions that were in force on the version before it
 * (taken on it or carried over) and, because the text changed, need a new look now — by committee.
 * A position already waiting for a look is not listed again.
 */
export async function positionsNewlyToReview(db: Db, groupId: string, draftId: string, number: number): Promise<Map<string, ReviewItem[]>> {
  const versions = (await versionsOf(db, draftId)).filter((v) => v.number <= number);
  const now = versions.at(-1);
  const before = versions.at(-2);
  const out = new Map<string, ReviewItem[]>();
  if (!now || !before || now.number !== number) return out;
  const texts = recommendationTexts(versions);
  const [eligible, rows] = await Promise.all([eligibleDelegations(db, groupId), positionsUpTo(db, draftId, number)]);
  const earlier = rows.filter((p) => p.onVersion <= before.number);
  for (const r of recommendationsOf(now)) {
    const stale = consensusOf(r.uid, number, eligible, rows, texts).stale;
    if (stale.length === 0) continue;
    const inForceBefore = consensusOf(r.uid, before.number, eligible, earlier, texts).current.filter((p) => p.standing !== 'changed');
    for (const s of stale) {
      if (!inForceBefore.some((p) => p.committeeId === s.committeeId)) continue;
      const list = out.get(s.committeeId) ?? [];
      list.push({ number: r.number, uid: r.uid, position: s.position, onVersion: s.version });
      out.set(s.committeeId, list);
    }
  }
  return out;
}

/** Queues the mail to each current head of a delegation with positions to look at again; the number queued. */
export async function queuePositionReviews(tx: Db, input: { groupId: string; draftId: string; number: number }): Promise<number> {
  const byCommittee = await positionsNewlyToReview(tx, input.groupId, input.draftId, input.number);
  if (byCommittee.size === 0) return 0;
  const heads = await tx
    .select({ userId: groupMemberships.userId, committeeId: groupMemberships.committeeId })
    .from(groupMemberships)
    .where(and(eq(groupMemberships.groupId, input.groupId), eq(groupMemberships.role, 'delegation_head'), isNull(groupMemberships.endedAt), inArray(groupMemberships.committeeId, [...byCommittee.keys()])));
  for (const h of heads) {
    await enqueueJob(tx, POSITION_REVIEW_MAIL_JOB, { userId: h.userId, committeeId: h.committeeId, draftId: input.draftId, version: input.number, items: byCommittee.get(h.committeeId ?? '') ?? [] });
  }
  return heads.length;
}

export interface ReviewMailInput {
  to: string;
  name: string;
  locale: string;
  group: string;
  draft: string;
  version: number;
  versionName: string;
  items: ReviewItem[];
  url: string;
}

export function renderReviewMail(input: ReviewMailInput): OutgoingMail {
  const t = translator(input.locale);
  const list = input.items.map((i) => `R${i.number}`).join(', ');
  const vars = { draft: input.draft, group: input.group, version: input.version, versionName: input.versionName, list };
  const lines = input.items.map((i) => t('mail.positionReview.item', { number: i.number, position: t(`deliberation.position.${i.position}`), onVersion: i.onVersion }));
  return composeMail({
    to: input.to,
    locale: input.locale,
    subject: t('mail.positionReview.subject', vars),
    paragraphs: [[t('mail.greeting', { name: input.name })], [t('mail.positionReview.body', vars)], lines, [t('mail.positionReview.rule')]],
    link: { label: t('mail.positionReview.open'), url: input.url },
    footer: t('mail.footer'),
  });
}

export async function sendReviewMail(db: Db, mailer: Mailer, config: Config, payload: Record<string, unknown>): Promise<void> {
  const recipient = await mailRecipient(db, payload.userId);
  if (!recipient) return;
  const { user, locale } = recipient;
  const [row] = await db
    .select({
      draftId: drafts.id,
      draftTitle: drafts.title,
      draftStatus: drafts.status,
      slug: studyGroups.slug,
      groupTitle: sql<string>`coalesce((study_groups.charter->'texts'->(${locale}::text))->>'title', study_groups.title)`,
    })
    .from(drafts)
    .innerJoin(studyGroups, eq(studyGroups.id, drafts.groupId))
    .where(eq(drafts.id, String(payload.draftId)))
    .limit(1);
  if (!row) return;
  const snapshot = await loadGroupSnapshot(db, row.slug);
  if (!snapshot || !(await mayReadDraft(db, snapshot, row.draftStatus, user.id))) return;
  const version = (await versionsOf(db, row.draftId)).find((v) => v.number === Number(payload.version));
  if (!version) return;
  await mailer.send(
    renderReviewMail({
      to: user.email,
      name: user.displayName,
      locale,
      group: row.groupTitle,
      draft: row.draftTitle,
      version: version.number,
      versionName: version.name,
      items: (payload.items as ReviewItem[]) ?? [],
      url: `${config.publicUrl}/groups/${encodeURIComponent(row.slug)}/drafts/${row.draftId}?tab=positions`,
    }),
  );
}
