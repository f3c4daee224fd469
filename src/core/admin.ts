import { z } from 'zod';

/** A message of the development mailbox (mail written to the data folder when no SMTP is set). */
export const ZMailboxEntry = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  /** When the message was written; null if its Date header cannot be read. */
  date: z.iso.datetime().nullable(),
  language: z.string().nullable(),
  size: z.number().int(),
});
export type MailboxEntry = z.infer<typeof ZMailboxEntry>;

export const ZMailbox = z.object({ mode: z.enum(['smtp', 'file']), messages: z.array(ZMailboxEntry) });
export type Mailbox = z.infer<typeof ZMailbox>;

export const ZMailboxMessage = ZMailboxEntry.extend({ from: z.string(), text: z.string() });
export type MailboxMessage = z.infer<typeof ZMailboxMessage>;
