import fs from 'node:fs/promises';
import path from 'node:path';
import type { MailboxEntry } from '../../core/admin';
import { mailboxDir } from './mailer';


const ID = /^[0-9A-Za-z_-]+\.eml$/;

function decodeHeader(value: string): string {
  // RFC 2047 encoded words, as nodemailer writes non-ASCII subjects.
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g, (_m, charset: string, enc: string, text: string) => {
    const buf = enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'binary');
    return new TextDecoder(charset.toLowerCase() === 'utf-8' ? 'utf-8' : charset).decode(buf);
  });
}

function headersOf(raw: string): Record<string, string> {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const out: Record<string, string> = {};
  for (const line of unfolded.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).toLowerCase()] = decodeHeader(line.slice(i + 1).trim());
  }
  return out;
}

/** The development mailbox: messages written when no SMTP server is configured, newest first. */
export async function listMailbox(dataDir: string, limit = 100): Promise<MailboxEntry[]> {
  const dir = mailboxDir(dataDir);
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((n) => ID.test(n));
  } catch {
    return [];
  }
  names.sort().reverse();
  return Promise.all(
    names.slice(0, limit).map(async (id) => {
      const raw = await fs.readFile(path.join(dir, id), 'utf8');
      const h = headersOf(raw);
      const date = h.date ? new Date(h.date) : null;
      return {
        id,
        to: h.to ?? '',
        subject: h.subject ?? '',
        date: date && !Number.isNaN(date.getTime()) ? date.toISOString() : null,
        language: h['content-language'] ?? null,
        size: Buffer.byteLength(raw),
      };
    }),
  );
}

/** One message's raw source, or null for an unknown or malformed id. */
export async function readMailboxMessage(dataDir: string, id: string): Promise<string | null> {
  if (!ID.test(id)) return null;
  try {
    return await fs.readFile(path.join(mailboxDir(dataDir), id), 'utf8');
  } catch {
    return null;
  }
}
