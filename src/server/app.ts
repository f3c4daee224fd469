import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { LIMITS } from '../core/limits';
import { AppCaches } from './cache/caches';
import { ChangeFeed } from './cache/change-feed';
import { registerCollaboration } from './collaboration/server';
import type { Config } from './config';
import type { Database } from './db/client';
import { registerAuth } from './http/auth';
import { registerInputGuard } from './http/input-guard';
import { registerSecurityHeaders } from './http/security-headers';
import { AppError, registerErrorHandling, sendProblem } from './http/errors';
import { JobRunner } from './jobs/queue';
import { mailJobHandlers } from './mail/jobs';
import { createMailer, type Mailer } from './mail/mailer';
import { accountRoutes } from './modules/accounts/routes';
import { adminRoutes } from './modules/admin/routes';
import { agendaRoutes } from './modules/agenda/routes';
import { calendarRoutes } from './modules/calendars/routes';
import { membershipRoutes } from './modules/memberships/routes';
import { materialRoutes } from './modules/materials/routes';
import { councilRoutes } from './modules/council/routes';
import { draftRoutes } from './modules/drafts/routes';
import { draftVersionRoutes } from './modules/draft-versions/routes';
import { amendmentRoutes } from './modules/amendments/routes';
import { draftCommentRoutes } from './modules/draft-comments/routes';
import { draftCommentJobHandlers } from './modules/draft-comments/mail';
import { positionJobHandlers } from './modules/positions/jobs';
import { positionRoutes } from './modules/positions/routes';
import { meetingRoutes } from './modules/meetings/routes';
import { proposalRoutes } from './modules/proposals/routes';
import { reportRoutes } from './modules/reports/routes';
import { activateDueGroups } from './modules/proposals/transition-group';
import { studyGroupRoutes } from './modules/study-groups/routes';
import { systemRoutes } from './modules/system/routes';
import { webDistFolder } from './paths';
import './types';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface BuildOptions {
  config: Config;
  database: Database;
  mailer?: Mailer;
  /** A pino destination for tests that read the log; defaults to stdout. */
  logStream?: NodeJS.WritableStream;
  /** Close the database when the app closes (the CLI does; tests share one). */
  ownsDatabase?: boolean;
}

/** A calendar feed's address is its secret (/cal/<token>.ics): nothing after /cal/ is logged, however it is spelled. */
function redactPath(pathname: string): string {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // malformed escapes: judge the path as sent
  }
  return /^\/+cal\//i.test(decoded) ? '/cal/[redacted]' : pathname;
}

/** Query values and path segments that carry secrets never reach the log. */
export function redactUrl(url: string): string {
  const [rawPath, query] = url.split('?', 2);
  const pathname = rawPath === undefined ? undefined : redactPath(rawPath);
  if (!query) return pathname ?? url;
  const params = new URLSearchParams(query);
  for (const key of [...params.keys()]) if (/token|secret|key|password|code/i.test(key)) params.set(key, '[redacted]');
  return `${pathname}?${params.toString()}`;
}

const loggerOptions = (config: Config, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] => ({
  level: config.logLevel,
  ...(stream ? { stream } : {}),
  redact: {
    paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', '*.password', '*.newPassword', '*.currentPassword', '*.token'],
    censor: '[redacted]',
  },
  serializers: {
    req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), ip: req.ip }),
    res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  },
});

/** Builds the whole application; the command line and the tests both start here. */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config, database } = opts;
  const app = Fastify({
    logger: loggerOptions(config, opts.logStream),
    genReqId: () => randomUUID(),
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: LIMITS.bodyBytes,
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: 200 },
  });
  // The API speaks JSON only; a form or text body is refused (415) before any handler runs.
  app.removeContentTypeParser(['text/plain']);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const mailer = opts.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir });
  app.decorate('config', config);
  app.decorate('database', database);
  app.decorate('db', database.db);
  app.decorate('mailer', mailer);
  const changes = new ChangeFeed(database, app.log);
  await changes.start();
  app.decorate('changes', changes);
  app.decorate('caches', new AppCaches(changes));
  const jobs = new JobRunner(database.db, { ...mailJobHandlers(database.db, mailer, config), ...positionJobHandlers(database.db, mailer, config), ...draftCommentJobHandlers(database.db, mailer, config) }, app.log, config.jobsPollMs);
  app.decorate('jobs', jobs);

  registerErrorHandling(app);
  // Every route, as registered: the OpenAPI and authorization tests walk this list.
  const registeredRoutes: { method: string; url: string; public: boolean }[] = [];
  app.decorate('registeredRoutes', registeredRoutes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) registeredRoutes.push({ method, url: route.url, public: Boolean(route.config?.public) });
  });
  app.addHook('onSend', async (req, reply) => {
    // A write answers only once its changes have reached this process's caches, so the
    // client's next request reads what it wrote; other processes follow within milliseconds.
    if (!SAFE_METHODS.has(req.method) && reply.statusCode < 400) await changes.sync();
    reply.header('x-request-id', req.id);
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  const pageNonce = registerSecurityHeaders(app, { https: config.secureCookies });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => new AppError('rate_limited', `Too many requests. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`),
  });
  // Bearer tokens are rate limited per client address, before they are even looked up.
  const tokenLimiter = app.rateLimit({ max: config.rateLimits.tokenAuth, timeWindow: '1 minute', groupId: 'api-token' });
  app.addHook('onRequest', async (req, reply) => {
    if (req.headers.authorization !== undefined) await tokenLimiter.call(app, req, reply);
  });
  registerAuth(app);
  registerInputGuard(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Accord API', version: '0.1.0', description: 'Multinational study groups, from proposal to consensus. Authenticate with a session cookie (plus the x-csrf-token header on writes) or a personal token: Authorization: Bearer acc_…' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'accord_session' } } },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  await app.register(systemRoutes);
  await app.register(accountRoutes);
  await app.register(studyGroupRoutes);
  await app.register(membershipRoutes);
  await app.register(councilRoutes);
  await app.register(proposalRoutes);
  await app.register(reportRoutes);
  await app.register(materialRoutes);
  await app.register(meetingRoutes);
  await app.register(agendaRoutes);
  await app.register(calendarRoutes);
  // Live drafts: the REST routes, and Hocuspocus on /collab of this same server (issue #5).
  registerCollaboration(app);
  await app.register(draftRoutes);
  await app.register(draftVersionRoutes);
  await app.register(amendmentRoutes);
  await app.register(draftCommentRoutes);
  await app.register(positionRoutes);
  await app.register(adminRoutes);
  await registerWeb(app, pageNonce);

  // Approved groups become active on their start date: checked at start and every hour.
  let activation: NodeJS.Timeout | undefined;
  const activate = () =>
    activateDueGroups(database.db).then(
      (n) => n && app.log.info({ groups: n }, 'activated groups whose term began'),
      (err: unknown) => app.log.error({ err }, 'activating due groups failed'),
    );
  app.addHook('onReady', async () => {
    jobs.start();
    if (config.jobsPollMs > 0) {
      void activate();
      activation = setInterval(() => void activate(), 3_600_000);
    }
  });
  app.addHook('onClose', async () => {
    if (activation) clearInterval(activation);
    await jobs.stop();
    await changes.stop();
    mailer.close();
    if (opts.ownsDatabase) await database.close();
  });
  return app;
}

/** Serves the built web app with a per-request CSP nonce, and the SPA's routes. */
async function registerWeb(app: FastifyInstance, pageNonce: (reply: FastifyReply) => string) {
  const dist = webDistFolder();
  const indexPath = path.join(dist, 'index.html');
  const hasWeb = fs.existsSync(indexPath);
  let indexHtml: string | undefined;
  if (hasWeb) {
    indexHtml = fs.readFileSync(indexPath, 'utf8');
    await app.register(fastifyStatic, { root: path.join(dist, 'assets'), prefix: '/assets/', immutable: true, maxAge: '365d', index: false, wildcard: true });
    for (const file of fs.readdirSync(dist).filter((f) => f !== 'index.html' && f !== 'assets')) {
      app.get(`/${file}`, { schema: { hide: true } }, (_req, reply) => reply.sendFile(file, dist, { maxAge: '1d', immutable: false }));
    }
  }
  app.setNotFoundHandler((req, reply) => {
    const accepts = req.headers.accept ?? '';
    if ((req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/') && accepts.includes('text/html')) {
      const nonce = pageNonce(reply);
      const html = indexHtml
        ? indexHtml.replaceAll('__CSP_NONCE__', nonce)
        : '<!doctype html><meta charset="utf-8"><title>Accord</title><p>The web app is not built. Run <code>npm run build</code> (npm start does it for you).</p>';
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
    }
    return sendProblem(reply, req, 'request.not_found', `Nothing at ${req.method} ${req.url.split('?')[0]}.`);
  });
}
