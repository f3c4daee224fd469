import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../db/client';

declare module 'vitest' {
  export interface ProvidedContext {
    testDriver: 'pglite' | 'postgres';
    /** A migrated PGlite data folder that each test file copies. */
    pgliteTemplate: string;
    /** A migrated PostgreSQL database that each test file clones with CREATE DATABASE … TEMPLATE. */
    pgTemplateUrl: string;
    runId: string;
  }
}

export function testDriver(): 'pglite' | 'postgres' {
  return process.env.ACCORD_TEST_DRIVER === 'postgres' ? 'postgres' : 'pglite';
}

export function databaseUrlWithName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Migrates one template database per run (PGlite folder or PostgreSQL database); every test
 * file then starts from a copy of it, so files run in parallel without sharing rows.
 */
export default async function setup(project: TestProject) {
  const driver = testDriver();
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  project.provide('testDriver', driver);
  project.provide('runId', runId);
  if (driver === 'postgres') {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error('ACCORD_TEST_DRIVER=postgres needs TEST_DATABASE_URL (a database the tests may use, e.g. postgres://postgres@127.0.0.1:5432/accord_test)');
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    const baseName = new URL(base).pathname.slice(1) || 'postgres';
    const template = `${baseName}_tpl_${runId}`.toLowerCase();
    await admin.query(`CREATE DATABASE "${template}"`);
    const templateUrl = databaseUrlWithName(base, template);
    const database = await openDatabase({ databaseUrl: templateUrl, dataDir: os.tmpdir() });
    await migrateDatabase(database);
    await database.close();
    project.provide('pgTemplateUrl', templateUrl);
    project.provide('pgliteTemplate', '');
    return async () => {
      // Drop the template and every per-file database of this run.
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${baseName}_%${runId}%`.toLowerCase()]);
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-test-'));
  const database = await openDatabase({ dataDir: path.join(dir, 'template') });
  await migrateDatabase(database);
  await database.close();
  project.provide('pgliteTemplate', path.join(dir, 'template', 'pglite'));
  project.provide('pgTemplateUrl', '');
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
