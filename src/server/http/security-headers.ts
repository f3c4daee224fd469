import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Two header sets, computed once: API responses get the short set that OWASP recommends for
 * REST (a JSON body is never rendered), pages get the full set with a strict CSP whose style
 * nonce is made per response (Mantine's <style> tags carry it; no inline script is allowed).
 */
export function registerSecurityHeaders(app: FastifyInstance, opts: { https: boolean }) {
  const hsts = opts.https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {};
  const common = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'same-origin',
    ...hsts,
  };
  const api = { ...common, 'content-security-policy': "default-src 'none'; frame-ancestors 'none'" };
  const cspPrefix = [
    "default-src 'self'",
    "base-uri 'self'",
    "connect-src 'self'",
    "font-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "img-src 'self' data:",
    "object-src 'none'",
    "script-src 'self'",
    "script-src-attr 'none'",
    ...(opts.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  const page = {
    ...common,
    'cross-origin-opener-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };

  app.addHook('onRequest', async (req, reply) => {
    reply.headers(req.url.startsWith('/api/') ? api : page);
  });

  /** Sets the page's CSP and returns the nonce its style tags must carry. */
  return function pageNonce(reply: FastifyReply): string {
    const nonce = randomBytes(16).toString('base64');
    reply.header('content-security-policy', `${cspPrefix}; style-src 'self' 'nonce-${nonce}'`);
    return nonce;
  };
}
