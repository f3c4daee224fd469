import type { Config } from '../config';
import type { Db } from '../db/client';
import type { JobHandler } from '../jobs/queue';
import { linkUrl } from '../modules/accounts/links';
import { findUserById } from '../modules/accounts/queries';
import type { Mailer } from './mailer';
import { groupInvitationMailFacts } from '../modules/memberships/invitations';
import { fanOutReminders, MEETING_MAIL_JOB, MEETING_REMINDERS_JOB, sendMeetingMail } from './meeting-mail';
import { renderLinkMail, type LinkMailInput, type LinkMailKind } from './templates';

/** Job handlers that send mail, rendered at send time in the recipient's current language. */
export function mailJobHandlers(db: Db, mailer: Mailer, config: Config): Record<string, JobHandler> {
  return {
    'mail.link': async (payload) => {
      const user = await findUserById(db, String(payload.userId));
      if (!user || user.disabledAt) return; // nobody to write to any more
      const secret = payload.secret;
      if (typeof secret !== 'string') throw new Error('mail.link job without its link');
      const inviter = payload.inviterId ? await findUserById(db, String(payload.inviterId)) : undefined;
      // The person's own language; for an invitation into a group, the inviter's choice until they pick one.
      const locale = user.locale ?? (typeof payload.locale === 'string' ? payload.locale : null);
      let group: LinkMailInput['group'];
      if (payload.groupInvitationId) {
        const facts = await groupInvitationMailFacts(db, String(payload.groupInvitationId));
        if (!facts) return; // revoked or accepted before the mail went out: its link would not work
        group = { title: facts.titles[locale ?? 'en'] ?? facts.title, role: facts.role, committee: facts.committee };
      }
      await mailer.send(
        renderLinkMail({
          kind: payload.kind as LinkMailKind,
          to: user.email,
          name: user.displayName,
          locale,
          timeZone: user.timeZone,
          link: linkUrl(config.publicUrl, secret, payload.kind === 'passwordReset' ? 'password_reset' : 'sign_in'),
          expiresAt: new Date(String(payload.expiresAt)),
          ...(inviter ? { inviter: inviter.displayName } : {}),
          ...(group ? { group } : {}),
        }),
      );
    },
    [MEETING_MAIL_JOB]: (payload) => sendMeetingMail(db, mailer, config, payload),
    [MEETING_REMINDERS_JOB]: (payload) => fanOutReminders(db, payload),
  };
}
