import type { AppCaches } from './cache/caches';
import type { ChangeFeed } from './cache/change-feed';
import type { Config } from './config';
import type { Database, Db } from './db/client';
import type { Actor } from './http/actor';
import type { JobRunner } from './jobs/queue';
import type { Mailer } from './mail/mailer';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    db: Db;
    mailer: Mailer;
    jobs: JobRunner;
    changes: ChangeFeed;
    caches: AppCaches;
    registeredRoutes: { method: string; url: string; public: boolean }[];
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Routes that a signed-out visitor may call; every other /api route needs an actor. */
    public?: boolean;
  }
}
