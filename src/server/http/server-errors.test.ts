import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/context';
import { buildUser, signedInClient } from '../test/factories';
import { fingerprint } from '../test/fingerprint';
import { registerErrorHandling } from './errors';

const lines: string[] = [];
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({
    logStream: new Writable({
      write(chunk, _e, cb) {
        lines.push(String(chunk));
        cb();
      },
    }),
  });
});
afterAll(() => t?.close());

describe('a failure on our side', () => {
  it('answers 500 without internals, with a request id that the log holds with the cause', async () => {
    const user = await buildUser(t.db);
    const client = await signedInClient(t.app, user);
    // A table the list needs disappears under a signed-in person (an operator's mistake, say).
    await t.db.execute(sql`ALTER TABLE study_groups RENAME TO study_groups_gone`);
    const res = await client.get('/api/study-groups');
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body).toMatchObject({ status: 500, code: 'server.internal' });
    expect(body.detail).toContain(body.requestId);
    expect(res.body).not.toMatch(/stack|at \w+ \(|select |relation|study_groups|postgres|pglite|Error:/i);
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.requestId === body.requestId && l.level >= 50);
    expect(logged?.msg).toBe('unhandled error');
    expect(logged?.err).toBeDefined();
  });
});

describe('a bad value that slipped past every input check', () => {
  it('is a 400 problem naming no internals, logged as a warning with the route, on either driver', async () => {
    const logged: string[] = [];
    const app = Fastify({ logger: { level: 'warn', stream: { write: (l: string) => void logged.push(l) } } });
    registerErrorHandling(app);
    // Real driver errors, wrapped by Drizzle as the app's queries are: class 22, data exception.
    const values = {
      'invalid-text': sql`SELECT 'abc'::int`,
      'out-of-range': sql`SELECT ${'10000000000'}::int`,
      nul: sql`SELECT ${'{"a":"\\u0000"}'}::jsonb`,
      'in-a-transaction': sql`INSERT INTO audit_events (action, target_type, data) VALUES ('x', 'y', ${'"\\u0000"'}::jsonb)`,
    };
    for (const [name, query] of Object.entries(values)) app.get(`/api/${name}`, () => t.db.transaction((tx) => tx.execute(query)));
    app.get('/api/missing-table', () => t.db.execute(sql`SELECT * FROM no_such_table`));
    await app.ready();
    const before = await fingerprint(t.db);
    for (const name of Object.keys(values)) {
      const res = await app.inject({ method: 'GET', url: `/api/${name}` });
      expect(res.statusCode, `${name}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 400, code: 'request.invalid_value' });
      expect(res.body).not.toMatch(/select|insert|jsonb|integer|pglite|postgres/i);
    }
    expect(await fingerprint(t.db)).toEqual(before);
    const warnings = logged.map((l) => JSON.parse(l)).filter((l) => l.level === 40);
    expect(warnings.map((w) => w.route)).toEqual(Object.keys(values).map((n) => `GET /api/${n}`));
    expect(warnings.every((w) => /^22[0-9A-Z]{3}$/.test(w.sqlstate))).toBe(true);
    // Another database error is still ours: 500.
    expect((await app.inject({ method: 'GET', url: '/api/missing-table' })).statusCode).toBe(500);
    await app.close();
  });
});
