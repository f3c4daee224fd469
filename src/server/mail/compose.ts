import type { OutgoingMail } from './mailer';

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
