import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drafts, meetings } from '../db/schema';
import { DEMO_GROUP_SLUG } from '../db/seed/demo';
import { minimalPdf } from '../storage/test-files';
import { createTestContext, TestClient, type TestContext } from '../test/context';
import { loadDemo } from '../test/demo';
import { buildUser, signedInClient } from '../test/factories';
import { fingerprint } from '../test/fingerprint';

let t: TestContext;
let demo: Awaited<ReturnType<typeof loadDemo>>;
beforeAll(async () => {
  t = await createTestContext();
  demo = await loadDemo(t);
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

/** A refusal of the kind: 400 problem+json with `code` naming `path`, and nothing stored changed. */
async function refused(send: () => Promise<{ statusCode: number; headers: Record<string, unknown>; json: () => unknown; body: string }>, code: string, path: string) {
  const before = await fingerprint(t.db);
  const res = await send();
  expect(res.statusCode, res.body).toBe(400);
  const body = isProblem(res) as unknown as { code: string; errors?: { path: string; code: string }[] };
  expect(body.code).toBe(code);
  expect(body.errors?.map((e) => e.path)).toContain(path);
  expect(await fingerprint(t.db)).toEqual(before);
  return body;
}

describe('text that cannot be stored, and numbers out of range (#9 part 4)', () => {
  const g = `/api/study-groups/${DEMO_GROUP_SLUG}`;
  let client: TestClient;
  let d: string;
  let uid: string;
  beforeAll(async () => {
    client = await demo.as('us-cochair', { admin: true });
    const [draft] = await t.db.select().from(drafts).limit(1);
    d = `${g}/drafts/${draft?.id}`;
    const text = (await client.get(`${d}/text`)).json() as { paragraphs: { uid: string | null }[] };
    uid = text.paragraphs.find((p) => p.uid)?.uid as string;
  });

  it('refuses a NUL in an agenda item title, a token name, a profile and a comment', async () => {
    await refused(() => client.post(`${g}/agenda`, { title: 'Cable\u0000repair', lang: 'en' }), 'request.invalid_text', 'body.title');
    await refused(() => client.post('/api/me/tokens', { name: 'script\u0000' }), 'request.invalid_text', 'body.name');
    await refused(() => client.patch('/api/me', { displayName: 'Jonathan\u0000Ashby' }), 'request.invalid_text', 'body.displayName');
    await refused(() => client.patch('/api/me', { names: { latin: 'J\u0000' } }), 'request.invalid_text', 'body.names.latin');
    await refused(() => client.post(`${d}/comments`, { blockUid: uid, start: 0, end: 3, body: 'Which\u0000hotlines?' }), 'request.invalid_text', 'body.body');
  });

  it('refuses the other C0 controls but keeps tab, line feed and carriage return', async () => {
    await refused(() => client.post(`${g}/agenda`, { title: 'Cable\u001brepair', lang: 'en' }), 'request.invalid_text', 'body.title');
    const ok = await client.post(`${g}/agenda`, { title: 'Cable repair', description: 'One\tline\r\nanother', lang: 'en' });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses a lone surrogate in a draft title, sent as JSON escapes', async () => {
    const raw = '{"title":"Draft \\ud800 recommendations","lang":"en"}';
    const body = await refused(() => client.request('POST', `${g}/drafts`, raw, { 'content-type': 'application/json' }), 'request.invalid_text', 'body.title');
    expect(body.errors?.[0]?.code).toBe('lone_surrogate');
    // JSON.stringify writes a lone surrogate as an escape, so an object body is the same request.
    await refused(() => client.patch(d, { title: 'Renamed \udfff', version: 1 }), 'request.invalid_text', 'body.title');
    // A surrogate pair is one character and welcome.
    const ok = await client.post(`${g}/drafts`, { title: 'Draft 😀 recommendations', lang: 'en' });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses %00 in query parameters: group list, audit trail, committees, people, members', async () => {
    await refused(() => client.get('/api/study-groups?q=%00'), 'request.invalid_text', 'querystring.q');
    await refused(() => client.get(`${g}/audit?action=%00`), 'request.invalid_text', 'querystring.action');
    await refused(() => client.get('/api/councils/cscap/committees?q=%00'), 'request.invalid_text', 'querystring.q');
    await refused(() => client.get('/api/councils/cscap/people?q=x%00y'), 'request.invalid_text', 'querystring.q');
    await refused(() => client.get(`${g}/members?q=%00`), 'request.invalid_text', 'querystring.q');
  });

  it('refuses %00 in the council slug and in other path segments', async () => {
    await refused(() => client.get('/api/councils/%00'), 'request.invalid_text', 'params.slug');
    await refused(() => client.get('/api/councils/cscap%00/committees?q=x'), 'request.invalid_text', 'params.slug');
    await refused(() => client.post('/api/councils/%00/proposals', {}), 'request.invalid_text', 'params.councilSlug');
    await refused(() => client.get(`/api/study-groups/${DEMO_GROUP_SLUG}%00`), 'request.invalid_text', 'params.slug');
  });

  it('refuses version numbers past what is stored (from=1e10) as a validation error', async () => {
    await refused(() => client.get(`${d}/versions/compare?from=1e10&to=1`), 'validation.failed', 'querystring.from');
    await refused(() => client.get(`${d}/versions/compare?from=1&to=1e10`), 'validation.failed', 'querystring.to');
    await refused(() => client.get(`${d}/versions/1e10`), 'validation.failed', 'params.number');
    await refused(() => client.get(`${d}/consensus?version=1e10`), 'validation.failed', 'querystring.version');
    await refused(() => client.patch(d, { title: 'Renamed', version: 1e10 }), 'validation.failed', 'body.version');
    await refused(() => client.post(`${d}/comments`, { blockUid: uid, start: 0, end: 1e10, body: 'x' }), 'validation.failed', 'body.end');
  });

  it('refuses a NUL in the text fields of an upload', async () => {
    const [meeting] = await t.db.select().from(meetings).limit(1);
    const boundary = `----Accord${randomUUID().replace(/-/g, '')}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nBackground\u0000paper\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\npaper\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="paper.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      minimalPdf(),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    await refused(
      () => client.request('POST', `${g}/meetings/${meeting?.id}/materials`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` }),
      'request.invalid_text',
      'body.title',
    );
  });
});
