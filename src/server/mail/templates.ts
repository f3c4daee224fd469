import { translator } from '../i18n';
import type { OutgoingMail } from './mailer';

export type LinkMailKind = 'invitation' | 'passwordReset' | 'signIn';

export interface LinkMailInput {
  kind: LinkMailKind;
  to: string;
  name: string;
  locale: string | null;
  timeZone: string | null;
  link: string;
  expiresAt: Date;
  inviter?: string;
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
  const lines = [
    t('mail.greeting', { name: input.name }),
    t(`mail.${input.kind}.body`, { inviter: input.inviter ?? '' }),
    t(`mail.${input.kind}.action`),
    input.link,
    t('mail.expiresAt', { date: formatInZone(input.expiresAt, locale, zone), zone }),
  ];
  const footer = t('mail.footer');
  const text = `${lines.join('\n\n')}\n\n-- \n${footer}\n`;
  const html = `<!doctype html><html lang="${escapeHtml(locale)}"><body style="font-family:system-ui,sans-serif;line-height:1.5">
<p>${escapeHtml(lines[0] ?? '')}</p><p>${escapeHtml(lines[1] ?? '')}</p><p>${escapeHtml(lines[2] ?? '')}<br>
<a href="${escapeHtml(input.link)}">${escapeHtml(input.link)}</a></p><p>${escapeHtml(lines[4] ?? '')}</p>
<hr><p style="color:#666;font-size:12px">${escapeHtml(footer)}</p></body></html>`;
  return { to: input.to, subject: t(`mail.${input.kind}.subject`), text, html, language: locale };
}
