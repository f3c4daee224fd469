import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../app';
import { loadConfig, type Config } from '../config';
import { openDatabase, type Database, type Db } from '../db/client';
import type { Mailer } from '../mail/mailer';
import { databaseUrlWithName } from './global-setup';

export interface TestContext {
  app: FastifyInstance;
  /** Another app process on the same database: its own caches and change feed. */
  startPeer(): Promise<FastifyInstance>;
  db: Db;
  database: Database;
  config: Config;
  dataDir: string;
  close(): Promise<void>;
}

let counter = 0;

/** A database of the test file's own, copied from the run's migrated template. */
async function openTestDatabase(dataDir: string): Promise<{ database: Database; drop: () => Promise<void>; peer: () => Promise<Database> }> {
  if (inject('testDriver') === 'postgres') {
    const templateUrl = inject('pgTemplateUrl');
    const template = new URL(templateUrl).pathname.slice(1);
    const name = `${template.replace('_tpl_', '_f_')}_${process.pid}_${++counter}`.toLowerCase();
    const admin = new pg.Client({ connectionString: databaseUrlWithName(templateUrl, 'postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    await admin.end();
    const database = await openDatabase({ databaseUrl: databaseUrlWithName(templateUrl, name), dataDir });
    return {
      database,
      peer: () => openDatabase({ databaseUrl: databaseUrlWithName(templateUrl, name), dataDir }),
      drop: async () => {
        const a = new pg.Client({ connectionString: databaseUrlWithName(templateUrl, 'postgres') });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await a.end();
      },
    };
  }
  fs.cpSync(inject('pgliteTemplate'), path.join(dataDir, 'pglite'), { recursive: true });
  const database = await openDatabase({ dataDir });
  // PGlite is one process's database: a peer shares the instance (with its own caches and listener).
  return { database, drop: async () => undefined, peer: async () => ({ ...database, close: async () => undefined }) };
}

/** The whole app on a fresh database, configured for tests: no background job polling. */
export async function createTestContext(
  opts: { config?: Partial<Config>; mailer?: Mailer; logStream?: NodeJS.WritableStream } = {},
): Promise<TestContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-file-'));
  const { database, drop, peer } = await openTestDatabase(dataDir);
  const config: Config = {
    ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: opts.logStream ? 'info' : 'silent', PUBLIC_URL: 'http://accord.test' }),
    jobsPollMs: 0,
    rateLimits: { signIn: 1000, passwordReset: 1000, links: 1000, tokenAuth: 10_000 },
    ...opts.config,
  };
  const app = await buildApp({ config, database, ...(opts.mailer ? { mailer: opts.mailer } : {}), ...(opts.logStream ? { logStream: opts.logStream } : {}) });
  await app.ready();
  const peers: FastifyInstance[] = [];
  return {
    app,
    async startPeer() {
      const peerApp = await buildApp({ config, database: await peer(), ownsDatabase: true });
      await peerApp.ready();
      peers.push(peerApp);
      return peerApp;
    },
    db: database.db,
    database,
    config,
    dataDir,
    async close() {
      for (const p of peers) await p.close();
      await app.close();
      await database.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A browser-like client over app.inject: keeps cookies and echoes the CSRF cookie in the
 * header, as the web app does.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: FastifyInstance,
    private readonly opts: { csrf?: boolean; bearer?: string } = {},
  ) {}

  /** The CSRF cookie's value (named __Host-accord_csrf over https). */
  get csrf(): string | undefined {
    return this.cookies.get('accord_csrf') ?? this.cookies.get('__Host-accord_csrf');
  }

  async request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    if (method !== 'GET' && this.opts.csrf !== false && !this.csrf && !this.opts.bearer) await this.request('GET', '/api/session');
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.csrf;
    if (method !== 'GET' && this.opts.csrf !== false && csrf) h['x-csrf-token'] = csrf;
    if (this.opts.bearer) h.authorization = `Bearer ${this.opts.bearer}`;
    const res = await this.app.inject({ method, url, headers: h, ...(body !== undefined ? { payload: body as object } : {}) });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }
  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  put = (url: string, body?: unknown) => this.request('PUT', url, body ?? {});
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body ?? {});
  delete = (url: string) => this.request('DELETE', url);
}
