import { eq } from 'drizzle-orm';
import { LOCALES } from '../../core/charter';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import type { OutgoingMail } from './mailer';

/** The person a queued mail is for, with the language it is written in; null when nobody is to be written to any more. */
export async function mailRecipient(db: Db, userId: unknown): Promise<{ user: typeof users.$inferSelect; locale: string } | null> {
  const [user] = await db.select().from(users).where(eq(users.id, String(userId))).limit(1);
  if (!user || user.disabledAt) return null;
  return { user, locale: (LOCALES as readonly string[]).includes(user.locale ?? '') ? (user.locale as string) : 'en' };
}

/** HTML-escapes text for a mail body. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/**
 * A plain message as every notice is written: paragraphs of lines, then an invitation to open a
 * page on Accord with its address, then the footer; as text and as the same HTML (links only for
 * the address). All strings come already translated.
 */
export function composeMail(input: { to: string; locale: string; subject: string; paragraphs: string[][]; link?: { label: string; url: string }; footer: string }): OutgoingMail {
  const { paragraphs, link, footer, locale } = input;
  const textParts = paragraphs.map((p) => p.join('\n'));
  if (link) textParts.push(`${link.label}\n${link.url}`);
  const text = `${textParts.join('\n\n')}\n\n-- \n${footer}\n`;
  const htmlParts = paragraphs.map((p) => `<p>${p.map(escapeHtml).join('<br>')}</p>`);
  if (link) htmlParts.push(`<p>${escapeHtml(link.label)}<br><a href="${escapeHtml(link.url)}">${escapeHtml(link.url)}</a></p>`);
  const html = `<!doctype html><html lang="${escapeHtml(locale)}"><body style="font-family:system-ui,sans-serif;line-height:1.5">
${htmlParts.join('\n')}
<hr><p style="color:#666;font-size:12px">${escapeHtml(footer)}</p></body></html>`;
  return { to: input.to, subject: input.subject, text, html, language: locale };
}
