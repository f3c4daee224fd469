import type { Config } from '../../config';
import type { Db } from '../../db/client';
import type { JobHandler } from '../../jobs/queue';
import { sendSilenceMail, SILENCE_MAIL_JOB } from '../../mail/deliberation-mail';
import type { Mailer } from '../../mail/mailer';
import { concludeSilence, SILENCE_CONCLUDE_JOB } from './silence';

/** The jobs of silence procedures: the conclusion due at a deadline, and the mail of each step. */
export function positionJobHandlers(db: Db, mailer: Mailer, config: Config): Record<string, JobHandler> {
  return {
    [SILENCE_CONCLUDE_JOB]: (payload) => concludeSilence(db, payload),
    [SILENCE_MAIL_JOB]: (payload) => sendSilenceMail(db, mailer, config, payload),
  };
}
