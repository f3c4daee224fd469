import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TestClient, type TestContext } from '../test/context';
import { buildUser, signedInClient } from '../test/factories';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const isProblem = (res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }) => {
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json() as { status: number; code: string; type: string; title: string; requestId: string };
  expect(body.status).toBe(res.statusCode);
  expect(body.code).toMatch(/^[a-z_]+(\.[a-z_]+)*$/);
  expect(body.requestId).toBe(res.headers['x-request-id']);
  return body;
};

describe('bad input', () => {
  it('answers unknown API routes with a 404 problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(isProblem(res).code).toBe('request.not_found');
    const post = await new TestClient(t.app).post('/api/no-such-thing', {});
    expect(post.statusCode).toBe(404);
  });

  it('answers malformed JSON with 400', async () => {
    const client = new TestClient(t.app);
    await client.get('/api/session');
    const res = await client.request('POST', '/api/session', undefined, { 'content-type': 'application/json' });
    const raw = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json', cookie: `accord_csrf=${client.cookies.get('accord_csrf')}`, 'x-csrf-token': client.cookies.get('accord_csrf') as string },
      payload: '{"email": "a@b.c", "password": ',
    });
    expect(raw.statusCode).toBe(400);
    expect(isProblem(raw).code).toBe('request.malformed_json');
    expect([400]).toContain(res.statusCode);
  });

  it('answers a body over 1 MB with 413', async () => {
    const client = new TestClient(t.app);
    await client.get('/api/session');
    const res = await client.request('POST', '/api/session', { email: 'a@example.test', password: 'x'.repeat(1024 * 1024 + 10) });
    expect(res.statusCode).toBe(413);
    expect(isProblem(res).code).toBe('request.too_large');
  });

  it('answers a body that is not JSON with 415', async () => {
    const client = new TestClient(t.app);
    await client.get('/api/session');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `accord_csrf=${client.cookies.get('accord_csrf')}`, 'x-csrf-token': client.cookies.get('accord_csrf') as string },
      payload: 'email=a%40b.c&password=x',
    });
    expect(res.statusCode).toBe(415);
    expect(isProblem(res).code).toBe('request.unsupported_media_type');
  });

  it('lists every invalid field at once', async () => {
    const user = await buildUser(t.db);
    const client = await signedInClient(t.app, user);
    const res = await client.post('/api/me/tokens', { name: 42, expiresInDays: 'soon' });
    expect(res.statusCode).toBe(400);
    const body = isProblem(res) as unknown as { code: string; errors: { path: string }[] };
    expect(body.code).toBe('validation.failed');
    expect(body.errors.map((e) => e.path).sort()).toEqual(['body.expiresInDays', 'body.name']);
  });

  it('answers invalid query and path values with 400, not 500', async () => {
    const user = await buildUser(t.db);
    const client = await signedInClient(t.app, user);
    expect((await client.get('/api/study-groups?page=-1&pageSize=100000')).statusCode).toBe(400);
    expect((await client.delete('/api/me/tokens/not-a-uuid')).statusCode).toBe(400);
    expect((await client.get('/api/study-groups/%E0%A4%A')).statusCode).toBe(400);
    expect((await client.get('/api/study-groups/' + 'a'.repeat(300))).statusCode).toBeLessThan(500);
  });

  it('never answers 500 to arbitrary JSON bodies on any write route', async () => {
    const user = await buildUser(t.db);
    const client = await signedInClient(t.app, user);
    const routes: [string, 'POST' | 'PATCH' | 'PUT'][] = [
      ['/api/session', 'POST'],
      ['/api/auth/links/consume', 'POST'],
      ['/api/auth/password-reset-requests', 'POST'],
      ['/api/auth/password-resets', 'POST'],
      ['/api/me', 'PATCH'],
      ['/api/me/password', 'PUT'],
      ['/api/me/tokens', 'POST'],
      ['/api/invitations', 'POST'],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue({ maxDepth: 3 }), async ([url, method], body) => {
        const res = await client.request(method, url, body === null ? {} : body);
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode >= 400) isProblem(res);
      }),
      { numRuns: 150 },
    );
    // The signed-in person's session survived whatever was thrown at it.
    expect((await client.get('/api/me')).statusCode).toBe(200);
  });

  it('serves pages with a strict CSP whose style nonce changes every time', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/groups/anything', headers: { accept: 'text/html' } });
    const again = await t.app.inject({ method: 'GET', url: '/groups/anything', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(String(again.headers['content-security-policy'])).not.toContain(nonce as string);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('gives API responses the REST security headers and no caching', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'cache-control': 'no-store',
    });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});
