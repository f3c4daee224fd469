import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { simpleParser } from 'mailparser';
import { z } from 'zod';
import { ZMailbox, ZMailboxMessage } from '../../../core/admin';
import { requireAdmin } from '../../http/auth';
import { notFound } from '../../http/errors';
import { listMailbox, readMailboxMessage } from '../../mail/mailbox';

const tags = ['admin'];

/** The development mailbox: what Accord would have sent, when no SMTP server is configured. */
export async function adminRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/admin/mailbox',
    { schema: { tags, summary: 'Messages written to the data folder (no SMTP_URL)', response: { 200: ZMailbox } } },
    async (req) => {
      requireAdmin(req);
      return { mode: root.mailer.kind, messages: root.mailer.kind === 'file' ? await listMailbox(root.config.dataDir) : [] };
    },
  );
  app.get(
    '/api/admin/mailbox/:id',
    {
      schema: {
        tags,
        summary: 'One message of the development mailbox',
        params: z.object({ id: z.string().max(100) }),
        response: { 200: ZMailboxMessage },
      },
    },
    async (req) => {
      requireAdmin(req);
      const raw = await readMailboxMessage(root.config.dataDir, req.params.id);
      if (raw === null) throw notFound('No such message.');
      const parsed = await simpleParser(raw);
      const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
      return {
        id: req.params.id,
        to,
        from: parsed.from?.text ?? '',
        subject: parsed.subject ?? '',
        date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
        size: Buffer.byteLength(raw),
        text: parsed.text ?? '',
        language: (parsed.headers.get('content-language') as string | undefined) ?? null,
      };
    },
  );
}
