import type { Config } from '../../config';
import type { Db } from '../../db/client';
import type { JobHandler } from '../../jobs/queue';
import { sendSilenceMail, SILENCE_MAIL_JOB } from '../../mail/deliberation-mail';
import type { Mailer } from '../../mail/mailer';
import { POSITION_REVIEW_MAIL_JOB, sendReviewMail } from './review';
import { concludeSilence, SILENCE_CONCLUDE_JOB } from './silence';

/** The jobs of positions and silence: the conclusion due at a deadline, the mail of each step, and heads told to look again. */
export function positionJobHandlers(db: Db, mailer: Mailer, config: Config): Record<string, JobHandler> {
  return {
    [SILENCE_CONCLUDE_JOB]: (payload) => concludeSilence(db, payload),
    [SILENCE_MAIL_JOB]: (payload) => sendSilenceMail(db, mailer, config, payload),
    [POSITION_REVIEW_MAIL_JOB]: (payload) => sendReviewMail(db, mailer, config, payload),
  };
}
