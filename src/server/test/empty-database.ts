import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { databaseUrlWithName } from './global-setup';

/**
 * An empty database of a test file's own, for tests that run the server as its own process
 * (the command line, a SIGKILL): a fresh PostgreSQL database under the suite's PostgreSQL
 * driver, otherwise a data folder where the server makes its PGlite. `drop` removes both.
 */
export async function emptyDatabase(label: string): Promise<{ dataDir: string; databaseUrl: string | undefined; drop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `accord-${label}-`));
  let databaseUrl: string | undefined;
  let dropDatabase = async () => undefined as void;
  if (inject('testDriver') === 'postgres') {
    const templateUrl = inject('pgTemplateUrl');
    const name = `${new URL(templateUrl).pathname.slice(1).replace('_tpl_', `_${label}_`)}_${process.pid}`;
    const admin = (sql: string) => {
      const c = new pg.Client({ connectionString: databaseUrlWithName(templateUrl, 'postgres') });
      return c.connect().then(() => c.query(sql)).finally(() => c.end());
    };
    await admin(`CREATE DATABASE "${name}"`);
    databaseUrl = databaseUrlWithName(templateUrl, name);
    dropDatabase = async () => void (await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
  return {
    dataDir,
    databaseUrl,
    drop: async () => {
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A TCP port nobody listens on now, for a server process started by a test. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}
