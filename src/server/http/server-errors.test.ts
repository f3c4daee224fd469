import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/context';
import { buildUser, signedInClient } from '../test/factories';

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
