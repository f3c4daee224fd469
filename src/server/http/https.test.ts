import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createTestContext, type TestContext } from '../test/context';
import { buildUser, signedInClient } from '../test/factories';

let t: TestContext;
beforeAll(async () => {
  const https = loadConfig({ PUBLIC_URL: 'https://accord.example.org' });
  t = await createTestContext({ config: { publicUrl: https.publicUrl, secureCookies: https.secureCookies } });
});
afterAll(() => t?.close());

describe('behind https', () => {
  it('marks the session and CSRF cookies Secure and __Host-, and sends HSTS', async () => {
    const user = await buildUser(t.db);
    const client = await signedInClient(t.app, user);
    expect([...client.cookies.keys()].sort()).toEqual(['__Host-accord_csrf', '__Host-accord_session']);
    const res = await client.request('POST', '/api/session', { email: user.email, password: user.password });
    const cookie = (res.cookies as { name: string; secure?: boolean; httpOnly?: boolean; sameSite?: string; path?: string }[]).find((c) => c.name === '__Host-accord_session');
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect((await client.get('/api/me')).statusCode).toBe(200);
  });

  it('refuses a write from an origin other than the public address', async () => {
    const user = await buildUser(t.db);
    const client = await signedInClient(t.app, user);
    const own = await client.request('PATCH', '/api/me', { timeZone: 'Asia/Seoul' }, { origin: 'https://accord.example.org' });
    expect(own.statusCode).toBe(200);
    const foreign = await client.request('PATCH', '/api/me', { timeZone: 'Asia/Tokyo' }, { origin: 'http://accord.example.org' });
    expect(foreign.statusCode).toBe(403);
  });
});
