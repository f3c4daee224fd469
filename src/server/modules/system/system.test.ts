import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TestClient, type TestContext } from '../../test/context';
import { buildUser } from '../../test/factories';

const logLines: string[] = [];
const logStream = new Writable({
  write(chunk, _enc, cb) {
    logLines.push(String(chunk));
    cb();
  },
});

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext({ logStream, config: { rateLimits: { signIn: 3, passwordReset: 2, links: 1000, tokenAuth: 5 } } });
});
afterAll(() => t?.close());

describe('health', () => {
  it('checks the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: t.database.driver });
  });
});

describe('OpenAPI', () => {
  it('documents every API route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    const apiRoutes = t.app.registeredRoutes.filter((r) => r.url.startsWith('/api/') && r.url !== '/api/openapi.json' && r.method !== 'HEAD');
    expect(apiRoutes.length).toBeGreaterThanOrEqual(18);
    for (const r of apiRoutes) {
      const openapiPath = r.url.replace(/:(\w+)/g, '{$1}');
      expect(documented, `${r.method} ${r.url}`).toContain(`${r.method} ${openapiPath}`);
    }
  });
});

describe('rate limits', () => {
  it('limits sign-in attempts and answers 429 problem+json', async () => {
    const client = new TestClient(t.app);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await client.post('/api/session', { email: 'x@example.test', password: 'wrong password' })).statusCode);
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    const res = await client.post('/api/session', { email: 'x@example.test', password: 'wrong password' });
    expect(res.json().code).toBe('rate_limited');
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('limits password reset requests', async () => {
    const client = new TestClient(t.app);
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await client.post('/api/auth/password-reset-requests', { email: 'x@example.test' })).statusCode);
    expect(codes).toEqual([202, 202, 429]);
  });

  it('limits API token use per client', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Bearer acc_guessing' } })).statusCode);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429]);
  });
});

describe('logs', () => {
  it('never hold passwords, tokens or session ids, and carry the request id of a problem', async () => {
    const user = await buildUser(t.db, { password: 'a very secret passphrase' });
    const client = new TestClient(t.app);
    await client.get('/api/session');
    // A distinct address from the rate-limit tests so this sign-in is not throttled.
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      remoteAddress: '10.0.0.9',
      headers: { cookie: `accord_csrf=${client.cookies.get('accord_csrf')}`, 'x-csrf-token': client.cookies.get('accord_csrf') as string },
      payload: { email: user.email, password: 'a very secret passphrase' },
    });
    expect(res.statusCode).toBe(200);
    const session = (res.cookies as { name: string; value: string }[]).find((c) => c.name === 'accord_session')?.value as string;
    const me = await t.app.inject({ method: 'GET', url: '/api/me?token=abc123secret', remoteAddress: '10.0.0.9', headers: { cookie: `accord_session=${session}` } });
    expect(me.statusCode).toBe(200);
    const log = logLines.join('');
    expect(log).toContain(me.headers['x-request-id'] as string);
    expect(log).not.toContain('a very secret passphrase');
    expect(log).not.toContain(session);
    expect(log).not.toContain('abc123secret');
    expect(log).not.toContain('acc_guessing');
  });
});
