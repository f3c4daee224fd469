import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { migrationsFolder } from '../paths';
import * as schema from './schema';

export type Schema = typeof schema;
/** One type for both drivers; a transaction is also a Db, so commands take `tx: Db`. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Where the data lives, for messages: a folder or a URL without its password. */
  location: string;
  close(): Promise<void>;
  /** Checks that the database answers. */
  ping(): Promise<void>;
  /**
   * Listens on a NOTIFY channel. `onLost` is called if the listening connection fails
   * (notifications may have been missed); listening resumes by itself.
   */
  listen(channel: string, onMessage: (payload: string) => void, hooks: { onLost: () => void; onRestored: () => void }): Promise<() => Promise<void>>;
}

export class DatabaseTooNewError extends Error {
  constructor(location: string, dbMigration: number, codeMigration: number) {
    super(
      `The database at ${location} was migrated by a newer version of Accord ` +
        `(its latest migration is from ${new Date(dbMigration).toISOString()}, this code knows migrations up to ` +
        `${new Date(codeMigration).toISOString()}). Start the newer version of Accord, or point DATA_DIR or ` +
        `DATABASE_URL at another database.`,
    );
  }
}

/** Hides the password in a connection URL so it can be printed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}

/** Opens PostgreSQL when a URL is given, otherwise PGlite in `<dataDir>/pglite`. */
export async function openDatabase(opts: { databaseUrl?: string | undefined; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    pool.on('error', () => {
      /* an idle client lost its connection; the pool replaces it on the next query */
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      driver: 'postgres',
      location: redactUrl(opts.databaseUrl),
      close: () => pool.end(),
      ping: async () => {
        await pool.query('select 1');
      },
      listen: (channel, onMessage, hooks) => listenPg(opts.databaseUrl as string, channel, onMessage, hooks),
    };
  }
  const dir = path.join(opts.dataDir, 'pglite');
  fs.mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    location: dir,
    close: () => client.close(),
    ping: async () => {
      await client.query('select 1');
    },
    listen: async (channel, onMessage) => client.listen(channel, onMessage),
  };
}

/** In-memory PGlite for tests that need a database of their own. */
export async function openMemoryDatabase(): Promise<Database> {
  const client = await PGlite.create();
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    location: 'memory',
    close: () => client.close(),
    ping: async () => void (await client.query('select 1')),
    listen: async (channel, onMessage) => client.listen(channel, onMessage),
  };
}

/**
 * LISTEN on a dedicated connection (a pool would hand it back), reconnecting with backoff.
 * While it is down, the caller is told, so caches that rely on it stand aside.
 */
async function listenPg(
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
  hooks: { onLost: () => void; onRestored: () => void },
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (msg) => {
      if (msg.channel === channel && msg.payload !== undefined) onMessage(msg.payload);
    });
    const lost = () => {
      if (stopped || client !== c) return;
      client = undefined;
      hooks.onLost();
      retry = setTimeout(() => void reconnect(1000), 200);
    };
    c.on('error', lost);
    c.on('end', lost);
    await c.connect();
    await c.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
    client = c;
  };
  const reconnect = async (delay: number): Promise<void> => {
    if (stopped) return;
    try {
      await connect();
      hooks.onRestored();
    } catch {
      retry = setTimeout(() => void reconnect(Math.min(delay * 2, 30_000)), delay);
    }
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const c = client;
    client = undefined;
    await c?.end().catch(() => undefined);
  };
}

const MIGRATION_LOCK = 7_242_001;

/**
 * Applies the committed migrations in one transaction, refusing a database that a newer
 * Accord has migrated. A transaction-scoped advisory lock keeps two processes starting at
 * once from migrating together. Bookkeeping is drizzle-kit's own table, so its tools agree.
 */
export async function migrateDatabase(database: Database): Promise<{ applied: number }> {
  const migrations = readMigrationFiles({ migrationsFolder: migrationsFolder() });
  const newestInCode = Math.max(...migrations.map((m) => m.folderMillis));
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.execute(sql`CREATE SCHEMA IF NOT EXISTS drizzle`);
    await tx.execute(
      sql`CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`,
    );
    const [row] = rowsOf<{ newest: string | number | null }>(
      await tx.execute(sql`SELECT max(created_at) AS newest FROM drizzle.__drizzle_migrations`),
    );
    const newestInDb = row?.newest == null ? 0 : Number(row.newest);
    if (newestInDb > newestInCode) throw new DatabaseTooNewError(database.location, newestInDb, newestInCode);
    const pending = migrations.filter((m) => m.folderMillis > newestInDb);
    for (const migration of pending) {
      for (const statement of migration.sql) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(
        sql`INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES (${migration.hash}, ${migration.folderMillis})`,
      );
    }
    return { applied: pending.length };
  });
}

/** node-postgres returns `{ rows }`, PGlite returns `{ rows }` too; raw execute results are typed loosely. */
export function rowsOf<T>(result: unknown): T[] {
  const r = result as { rows?: T[] } | T[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}
