import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { randomToken } from '../crypto';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Content-Language of the message, e.g. ko. */
  language: string;
  /** An iCalendar object sent as the text/calendar part (RFC 6047), e.g. an invitation to add to a calendar. */
  icalEvent?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; content: string; filename: string };
}

const message = (from: string, mail: OutgoingMail) => ({
  from,
  to: mail.to,
  subject: mail.subject,
  text: mail.text,
  html: mail.html,
  headers: { 'Content-Language': mail.language },
  ...(mail.icalEvent ? { icalEvent: mail.icalEvent } : {}),
});

export interface Mailer {
  kind: 'smtp' | 'file';
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/** SMTP when SMTP_URL is set; otherwise .eml files under DATA_DIR/mail for the mailbox page. */
export function createMailer(opts: { smtpUrl?: string | undefined; from: string; dataDir: string }): Mailer {
  if (opts.smtpUrl) {
    const transport = nodemailer.createTransport(opts.smtpUrl);
    return {
      kind: 'smtp',
      async send(mail) {
        const info = await transport.sendMail(message(opts.from, mail));
        return { messageId: info.messageId };
      },
      close: () => transport.close(),
    };
  }
  const dir = mailboxDir(opts.dataDir);
  let sequence = 0;
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'file',
    async send(mail) {
      const info = await builder.sendMail(message(opts.from, mail));
      await fs.mkdir(dir, { recursive: true });
      // Names sort by time, so the mailbox lists the newest first without reading every file.
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(++sequence % 1e6).padStart(6, '0')}-${randomToken(6)}.eml`;
      await fs.writeFile(path.join(dir, name), info.message as Buffer, { mode: 0o600 });
      return { messageId: info.messageId };
    },
    close: () => undefined,
  };
}

export const mailboxDir = (dataDir: string) => path.join(dataDir, 'mail');
