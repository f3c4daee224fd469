import type { GroupRole } from '../../core/roles';
import { translator } from '../i18n';
import type { OutgoingMail } from './mailer';

export type LinkMailKind = 'invitation' | 'passwordReset' | 'signIn' | 'groupInvitation';

export interface LinkMailInput {
  kind: LinkMailKind;
  to: string;
  name: string;
  locale: string | null;
  timeZone: string | null;
  link: string;
  expiresAt: Date;
  inviter?: string;
  /** For a group invitation: the group's title in the recipient's language, the role, the delegation. */
  group?: { title: string; role: GroupRole; committee: string | null };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function formatInZone(date: Date, locale: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date);
  }
}

/** A one-time-link message in the recipient's language, with the expiry in their own time zone. */
export function renderLinkMail(input: LinkMailInput): OutgoingMail {
  const locale = input.locale ?? 'en';
  const t = translator(locale);
  const zone = input.timeZone ?? 'UTC';
  const group = input.group;
  const vars = { inviter: input.inviter ?? '', group: group?.title ?? '', role: group ? t(`roles.${group.role}`) : '' };
  const paragraphs = [t('mail.greeting', { name: input.name }), t(`mail.${input.kind}.body`, vars)];
  if (group?.committee) paragraphs.push(t('mail.groupInvitation.delegation', { committee: group.committee }));
  const action = t(`mail.${input.kind}.action`);
  const expiry = t('mail.expiresAt', { date: formatInZone(input.expiresAt, locale, zone), zone });
  const footer = t('mail.footer');
  const text = `${[...paragraphs, action, input.link, expiry].join('\n\n')}\n\n-- \n${footer}\n`;
  const html = `<!doctype html><html lang="${escapeHtml(locale)}"><body style="font-family:system-ui,sans-serif;line-height:1.5">
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}<p>${escapeHtml(action)}<br>
<a href="${escapeHtml(input.link)}">${escapeHtml(input.link)}</a></p><p>${escapeHtml(expiry)}</p>
<hr><p style="color:#666;font-size:12px">${escapeHtml(footer)}</p></body></html>`;
  return { to: input.to, subject: t(`mail.${input.kind}.subject`, vars), text, html, language: locale };
}
