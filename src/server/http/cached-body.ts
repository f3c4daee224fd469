import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A JSON response body prepared once and sent many times: its ETag answers conditional
 * requests with 304, and its gzip and brotli forms are made the first time a client asks.
 */
export class CachedBody {
  readonly raw: Buffer;
  readonly etag: string;
  private gz: Buffer | undefined;
  private br: Buffer | undefined;

  constructor(json: string) {
    this.raw = Buffer.from(json);
    this.etag = `"${createHash('sha256').update(this.raw).digest('base64url').slice(0, 27)}"`;
  }

  private encoded(encoding: 'br' | 'gzip' | 'identity'): Buffer {
    if (encoding === 'br') return (this.br ??= brotliCompressSync(this.raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } }));
    if (encoding === 'gzip') return (this.gz ??= gzipSync(this.raw, { level: 6 }));
    return this.raw;
  }

  send(req: FastifyRequest, reply: FastifyReply) {
    reply.header('etag', this.etag).header('vary', 'Accept-Encoding').type('application/json; charset=utf-8');
    const match = req.headers['if-none-match'];
    if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === this.etag)) return reply.code(304).send();
    const accepted = acceptedEncodings(req.headers['accept-encoding']);
    // Small bodies are not worth compressing.
    const encoding = this.raw.length < 1024 ? 'identity' : accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : 'identity';
    if (encoding !== 'identity') reply.header('content-encoding', encoding);
    return reply.send(this.encoded(encoding));
  }
}

function acceptedEncodings(header: string | string[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && (!q || Number(q.slice(2)) > 0)) out.add(name);
  }
  return out;
}
