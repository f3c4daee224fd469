/**
 * Mail to people @mentioned in a draft's comments: a job per recipient, queued with the comment
 * and rendered when sent, in the recipient's language. It goes out only while the recipient may
 * still read the draft, so no remark reaches someone who may not see it.
 */
import { eq, sql } from 'drizzle-orm';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { draftComments, drafts, studyGroups, users } from '../../db/schema';
import { translator } from '../../i18n';
import type { JobHandler } from '../../jobs/queue';
import { composeMail, mailRecipient } from '../../mail/compose';
import type { Mailer, OutgoingMail } from '../../mail/mailer';
import { loadGroupSnapshot } from '../study-groups/queries';
import { DRAFT_MENTION_JOB } from './commands';
import { mayReadDraft } from './visibility';

export interface MentionMailInput {
  to: string;
  name: string;
  locale: string | null;
  author: string;
  draft: string;
  group: string;
  quote: string | null;
  body: string;
  url: string;
}

export function renderMentionMail(input: MentionMailInput): OutgoingMail {
  const t = translator(input.locale);
  const lng = input.locale ?? 'en';
  const vars = { author: input.author, draft: input.draft, group: input.group };
  const paragraphs: string[][] = [[t('mail.greeting', { name: input.name })], [t('mail.draftMention.body', vars)]];
  if (input.quote) paragraphs.push([t('mail.draftMention.quote', { quote: input.quote })]);
  paragraphs.push(input.body.split('\n'));
  return composeMail({ to: input.to, locale: lng, subject: t('mail.draftMention.subject', vars), paragraphs, link: { label: t('mail.draftMention.open'), url: input.url }, footer: t('mail.footer') });
}

export async function sendMentionMail(db: Db, mailer: Mailer, config: Config, payload: Record<string, unknown>): Promise<void> {
  const recipient = await mailRecipient(db, payload.userId);
  if (!recipient) return;
  const { user, locale } = recipient;
  const [row] = await db
    .select({
      comment: draftComments,
      draftId: drafts.id,
      draftTitle: drafts.title,
      draftStatus: drafts.status,
      slug: studyGroups.slug,
      groupTitle: sql<string>`coalesce((study_groups.charter->'texts'->(${locale}::text))->>'title', study_groups.title)`,
      author: users.displayName,
    })
    .from(draftComments)
    .innerJoin(drafts, eq(drafts.id, draftComments.draftId))
    .innerJoin(studyGroups, eq(studyGroups.id, drafts.groupId))
    .leftJoin(users, eq(users.id, draftComments.authorId))
    .where(eq(draftComments.id, String(payload.commentId)))
    .limit(1);
  if (!row) return;
  // Read past the caches: the recipient's access as it is when the mail goes out.
  const snapshot = await loadGroupSnapshot(db, row.slug);
  if (!snapshot || !(await mayReadDraft(db, snapshot, row.draftStatus, user.id))) return;
  let quote = row.comment.quote;
  const threadId = row.comment.threadId ?? row.comment.id;
  if (row.comment.threadId) {
    const [thread] = await db.select({ quote: draftComments.quote }).from(draftComments).where(eq(draftComments.id, row.comment.threadId));
    quote = thread?.quote ?? null;
  }
  await mailer.send(
    renderMentionMail({
      to: user.email,
      name: user.displayName,
      locale,
      author: row.author ?? '—',
      draft: row.draftTitle,
      group: row.groupTitle,
      quote,
      body: row.comment.body,
      url: `${config.publicUrl}/groups/${encodeURIComponent(row.slug)}/drafts/${row.draftId}#comment-${threadId}`,
    }),
  );
}

export function draftCommentJobHandlers(db: Db, mailer: Mailer, config: Config): Record<string, JobHandler> {
  return { [DRAFT_MENTION_JOB]: (payload) => sendMentionMail(db, mailer, config, payload) };
}
