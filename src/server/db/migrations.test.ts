import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../paths';
import { createTestContext, type TestContext } from '../test/context';
import { DatabaseTooNewError, migrateDatabase, rowsOf } from './client';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

describe('migrations', () => {
  it('are all applied, and applying them again does nothing', async () => {
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
    const rows = rowsOf<{ n: number }>(await t.db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`));
    expect(rows[0]?.n).toBe(journal.entries.length);
    expect(await migrateDatabase(t.database)).toEqual({ applied: 0 });
  });

  it('refuse a database that a newer Accord has migrated, and leave it as it is', async () => {
    const future = Date.now() + 365 * 86_400_000;
    await t.db.execute(sql`INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('from-the-future', ${future})`);
    await expect(migrateDatabase(t.database)).rejects.toThrow(DatabaseTooNewError);
    await expect(migrateDatabase(t.database)).rejects.toThrow(/migrated by a newer version of Accord/);
    const rows = rowsOf<{ n: number }>(await t.db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations WHERE hash = 'from-the-future'`));
    expect(rows[0]?.n).toBe(1);
    await t.db.execute(sql`DELETE FROM drizzle.__drizzle_migrations WHERE hash = 'from-the-future'`);
  });
});
