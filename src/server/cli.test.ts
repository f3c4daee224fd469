import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from './db/client';
import { projectRoot } from './paths';
import { emptyDatabase } from './test/empty-database';

/** An empty database of this file's own (a PostgreSQL database or a PGlite folder). */
let dataDir: string;
let databaseUrl: string | undefined;
let drop = async () => undefined as void;

beforeAll(async () => {
  ({ dataDir, databaseUrl, drop } = await emptyDatabase('cli'));
});
afterAll(() => drop());

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command line as `npm start -- <args>` would, until it exits or prints `until`. */
function accord(args: string[], env: Record<string, string> = {}, until?: RegExp): Promise<Run & { port?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot(), 'src/server/main.ts'), ...args], {
      cwd: projectRoot(),
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), ...env },
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out\n${stdout}\n${stderr}`));
    }, 40_000);
    child.stdout.on('data', (d) => {
      stdout += d;
      if (until?.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the command line', () => {
  it('stops on a bad configuration value, naming the variable', async () => {
    const run = await accord([], { PORT: 'seventy', SMTP_URL: 'http://mail' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('PORT="seventy"');
    expect(run.stderr).toContain('SMTP_URL="http://mail"');
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
  });

  it('migrates alone with `migrate`', async () => {
    const run = await accord(['migrate']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\d+ migration\(s\) applied; the database is up to date/);
    const again = await accord(['migrate']);
    expect(again.stdout).toContain('0 migration(s) applied');
  });

  it('prints one-time links on the first start only', async () => {
    const first = await accord(['start'], {}, /Accord is ready at/);
    expect(first.stdout).toContain('First start: one-time sign-in links');
    expect(first.stdout).toMatch(/Administrator\s+administrator\s+http:\/\/127\.0\.0\.1:0\/link#[\w-]{43}/);
    expect(first.stdout).toMatch(/Head of delegation/);
    const second = await accord(['start'], {}, /Accord is ready at/);
    expect(second.stdout).toContain('Accord is ready at');
    expect(second.stdout).not.toContain('one-time sign-in links');
  });

  it('prints a fresh sign-in link for an existing account, and refuses an unknown one', async () => {
    const ok = await accord(['link', 'admin@accord.localhost']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/\/link#[\w-]{43}/);
    const unknown = await accord(['link', 'nobody@example.test']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No account for nobody@example.test');
  });

  it('stops the start on a database that a newer Accord migrated', async () => {
    const database = await openDatabase({ databaseUrl, dataDir });
    await database.db.execute(sql`INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('newer', ${Date.now() + 86_400_000})`);
    await database.close();
    const run = await accord(['start']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('was migrated by a newer version of Accord');
    const cleanup = await openDatabase({ databaseUrl, dataDir });
    await cleanup.db.execute(sql`DELETE FROM drizzle.__drizzle_migrations WHERE hash = 'newer'`);
    await cleanup.close();
  });

  it('refuses unknown commands and options with the usage', async () => {
    const run = await accord(['serve', '--fast']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Usage: npm start');
  });
});
