import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../../../core/i18n';
import type { GroupOverview } from '../../../core/study-groups';
import { sha256 } from '../../crypto';
import { apiTokens, auditEvents, authLinks, sessions, users } from '../../db/schema';
import { createTestContext, TestClient, type TestContext } from '../../test/context';
import { addMember, buildCouncil, buildStudyGroup, buildUser, signedInClient } from '../../test/factories';
import { startSmtpServer } from '../../test/smtp';
import { createAuthLink } from './links';
import { sessionHandle } from './sessions';

let t: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestContext({ config: { smtpUrl: smtp.url } });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const linkToken = (text: string, path: 'link' | 'reset-password') => {
  const m = new RegExp(`http://accord\\.test/${path}#([A-Za-z0-9_-]+)`).exec(text);
  if (!m?.[1]) throw new Error(`no ${path} link in: ${text}`);
  return m[1];
};

describe('sign-in', () => {
  it('signs in with the right password, with an httpOnly SameSite=Lax session cookie', async () => {
    const user = await buildUser(t.db);
    const client = new TestClient(t.app);
    const res = await client.post('/api/session', { email: user.email.toUpperCase(), password: user.password });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: user.id, email: user.email, hasPassword: true });
    const cookie = (res.cookies as { name: string; httpOnly?: boolean; sameSite?: string; secure?: boolean }[]).find((c) => c.name === 'accord_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(cookie?.secure).toBeFalsy();
    const me = await client.get('/api/session');
    expect(me.json().user.id).toBe(user.id);
    // The table holds the hash of the cookie's token, never the token.
    const stored = await t.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(stored.map((s) => s.id)).toEqual([sha256(client.cookies.get('accord_session') as string)]);
  });

  it('answers a wrong password and an unknown address alike, without saying which', async () => {
    const user = await buildUser(t.db);
    const client = new TestClient(t.app);
    const wrong = await client.post('/api/session', { email: user.email, password: 'not the password' });
    const unknown = await client.post('/api/session', { email: 'nobody-here@example.test', password: 'whatever it is' });
    const noPassword = await buildUser(t.db, { password: null });
    const linkOnly = await client.post('/api/session', { email: noPassword.email, password: 'anything at all' });
    for (const res of [wrong, unknown, linkOnly]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'auth.invalid_credentials', status: 401 });
      expect(res.json().detail).toBeUndefined();
    }
    expect(wrong.json().title).toBe(unknown.json().title);
  });

  it('rotates the session at sign-in: the previous session token stops working', async () => {
    const user = await buildUser(t.db);
    const client = await signedInClient(t.app, user);
    const first = client.cookies.get('accord_session') as string;
    const again = await client.post('/api/session', { email: user.email, password: user.password });
    expect(again.statusCode).toBe(200);
    const second = client.cookies.get('accord_session') as string;
    expect(second).not.toBe(first);
    const old = new TestClient(t.app);
    old.cookies.set('accord_session', first);
    expect((await old.get('/api/me')).statusCode).toBe(401);
  });

  it('refuses a disabled account', async () => {
    const user = await buildUser(t.db, { disabled: true });
    const res = await new TestClient(t.app).post('/api/session', { email: user.email, password: user.password });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.account_disabled');
  });

  it('signs out here, and everywhere', async () => {
    const user = await buildUser(t.db);
    const a = await signedInClient(t.app, user);
    const b = await signedInClient(t.app, user);
    const c = await signedInClient(t.app, user);
    expect((await a.delete('/api/session')).statusCode).toBe(200);
    expect((await a.get('/api/me')).statusCode).toBe(401);
    expect((await b.get('/api/me')).statusCode).toBe(200);
    const list = await b.get('/api/me/sessions');
    expect(list.json()).toHaveLength(2);
    expect(list.json().filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const everywhere = await b.delete('/api/sessions');
    expect(everywhere.json()).toEqual({ ended: 2 });
    expect((await b.get('/api/me')).statusCode).toBe(401);
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a cookie request that changes state without the CSRF header', async () => {
    const user = await buildUser(t.db);
    const client = await signedInClient(t.app, user);
    const bare = new TestClient(t.app, { csrf: false });
    for (const [k, v] of client.cookies) bare.cookies.set(k, v);
    const res = await bare.patch('/api/me', { displayName: 'Changed by a forged request' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf.invalid');
    const wrongHeader = await bare.request('PATCH', '/api/me', { displayName: 'Changed' }, { 'x-csrf-token': 'x'.repeat(32) });
    expect(wrongHeader.statusCode).toBe(403);
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.displayName).toBe(user.displayName);
  });

  it('refuses a request from another origin even with the header', async () => {
    const user = await buildUser(t.db);
    const client = await signedInClient(t.app, user);
    const res = await client.request('PATCH', '/api/me', { displayName: 'x' }, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf.invalid');
  });

  it('guards sign-in too (login CSRF)', async () => {
    const user = await buildUser(t.db);
    const res = await new TestClient(t.app, { csrf: false }).post('/api/session', { email: user.email, password: user.password });
    expect(res.statusCode).toBe(403);
  });
});

describe('one-time links', () => {
  it('signs in once with a link; the second use, an expired link and a forged one change nothing', async () => {
    const user = await buildUser(t.db, { password: null });
    const { token } = await t.db.transaction((tx) => createAuthLink(tx, { userId: user.id, purpose: 'sign_in', createdBy: null }));
    const client = new TestClient(t.app);
    const ok = await client.post('/api/auth/links/consume', { token });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ purpose: 'sign_in', user: { id: user.id, hasPassword: false } });
    expect((await client.get('/api/me')).statusCode).toBe(200);

    const reuse = await new TestClient(t.app).post('/api/auth/links/consume', { token });
    expect(reuse.statusCode).toBe(410);
    expect(reuse.json().code).toBe('link.used');

    const expired = await t.db.transaction((tx) => createAuthLink(tx, { userId: user.id, purpose: 'sign_in', createdBy: null }));
    await t.db.update(authLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(authLinks.tokenHash, sha256(expired.token)));
    const late = await new TestClient(t.app).post('/api/auth/links/consume', { token: expired.token });
    expect(late.statusCode).toBe(410);
    expect(late.json().code).toBe('link.expired');

    const sessionsBefore = await t.db.select({ n: sql<number>`count(*)::int` }).from(sessions);
    for (const forged of ['x'.repeat(43), 'short', '../../etc/passwd', '%00']) {
      const res = await new TestClient(t.app).post('/api/auth/links/consume', { token: forged });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('link.invalid');
    }
    const sessionsAfter = await t.db.select({ n: sql<number>`count(*)::int` }).from(sessions);
    expect(sessionsAfter).toEqual(sessionsBefore);
  });

  it('lets only one of two simultaneous clicks on the same link through', async () => {
    const user = await buildUser(t.db, { password: null });
    const { token } = await t.db.transaction((tx) => createAuthLink(tx, { userId: user.id, purpose: 'sign_in', createdBy: null }));
    const results = await Promise.all([1, 2, 3].map(() => new TestClient(t.app).post('/api/auth/links/consume', { token })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 410, 410]);
  });

  it('does not accept a password-reset link as a sign-in link', async () => {
    const user = await buildUser(t.db);
    const { token } = await t.db.transaction((tx) => createAuthLink(tx, { userId: user.id, purpose: 'password_reset', createdBy: null }));
    const res = await new TestClient(t.app).post('/api/auth/links/consume', { token });
    expect(res.json().code).toBe('link.invalid');
  });
});

describe('password reset by mail', () => {
  it('mails a link in the person’s language; the link sets the password once and signs out other sessions', async () => {
    const user = await buildUser(t.db, { locale: 'ko', timeZone: 'Asia/Seoul' });
    const other = await signedInClient(t.app, user);
    const client = new TestClient(t.app);
    const res = await client.post('/api/auth/password-reset-requests', { email: user.email });
    expect(res.statusCode).toBe(202);
    await t.app.jobs.drain();
    const [mail] = smtp.to(user.email);
    expect(mail?.parsed.subject).toBe(catalogs.ko.mail.passwordReset.subject);
    expect(catalogs.ko.mail.passwordReset.subject).not.toBe(catalogs.en.mail.passwordReset.subject);
    expect(mail?.parsed.headers.get('content-language')).toBe('ko');
    expect(mail?.parsed.text).toContain('Asia/Seoul');
    const token = linkToken(mail?.parsed.text ?? '', 'reset-password');
    // The secret does not stay in the jobs table once the mail is sent.
    const jobRows = await t.db.execute(sql`SELECT payload::text AS p FROM jobs`);
    expect(JSON.stringify(jobRows)).not.toContain(token);

    const done = await client.post('/api/auth/password-resets', { token, password: 'a brand new passphrase' });
    expect(done.statusCode).toBe(200);
    expect((await client.get('/api/me')).statusCode).toBe(200);
    expect((await other.get('/api/me')).statusCode).toBe(401);
    const signIn = await new TestClient(t.app).post('/api/session', { email: user.email, password: 'a brand new passphrase' });
    expect(signIn.statusCode).toBe(200);
    const again = await new TestClient(t.app).post('/api/auth/password-resets', { token, password: 'yet another passphrase' });
    expect(again.json().code).toBe('link.used');
  });

  it('answers an unknown address exactly as a known one, and sends nothing', async () => {
    const before = smtp.received.length;
    const res = await new TestClient(t.app).post('/api/auth/password-reset-requests', { email: 'no-account@example.test' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ expiresInMinutes: 60 });
    await t.app.jobs.drain();
    expect(smtp.received.length).toBe(before);
  });

  it('refuses a short password and keeps the link usable', async () => {
    const user = await buildUser(t.db);
    const { token } = await t.db.transaction((tx) => createAuthLink(tx, { userId: user.id, purpose: 'password_reset', createdBy: null }));
    const res = await new TestClient(t.app).post('/api/auth/password-resets', { token, password: 'short' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.password');
    const ok = await new TestClient(t.app).post('/api/auth/password-resets', { token, password: 'long enough passphrase' });
    expect(ok.statusCode).toBe(200);
  });
});

describe('invitations', () => {
  it('lets an administrator invite by email; the mailed link signs the new person in once', async () => {
    const admin = await buildUser(t.db, { isAdmin: true, displayName: 'Admin Person' });
    const client = await signedInClient(t.app, admin);
    const res = await client.post('/api/invitations', { email: 'New.Person@Example.test', displayName: 'New Person', locale: 'ja' });
    expect(res.statusCode).toBe(201);
    await t.app.jobs.drain();
    const [mail] = smtp.to('new.person@example.test');
    expect(mail?.parsed.subject).toBe(catalogs.ja.mail.invitation.subject);
    expect(mail?.parsed.text).toContain('Admin Person');
    const token = linkToken(mail?.parsed.text ?? '', 'link');
    const invited = new TestClient(t.app);
    const consumed = await invited.post('/api/auth/links/consume', { token });
    expect(consumed.json()).toMatchObject({ purpose: 'invitation', user: { email: 'new.person@example.test', hasPassword: false, locale: 'ja' } });
    // A first password needs no current one.
    expect((await invited.put('/api/me/password', { newPassword: 'my first passphrase' })).statusCode).toBe(200);
    expect((await invited.put('/api/me/password', { newPassword: 'a second passphrase' })).json().code).toBe('auth.invalid_credentials');
  });

  it('refuses a second invitation to the same address and changes nothing', async () => {
    const admin = await buildUser(t.db, { isAdmin: true });
    const existing = await buildUser(t.db);
    const client = await signedInClient(t.app, admin);
    const res = await client.post('/api/invitations', { email: existing.email, displayName: 'Someone Else' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('account.exists');
    const [row] = await t.db.select().from(users).where(eq(users.id, existing.id));
    expect(row?.displayName).toBe(existing.displayName);
  });

  it('is for administrators only', async () => {
    const user = await buildUser(t.db);
    const client = await signedInClient(t.app, user);
    const res = await client.post('/api/invitations', { email: 'x@example.test', displayName: 'X' });
    expect(res.statusCode).toBe(403);
    expect((await new TestClient(t.app).post('/api/invitations', { email: 'y@example.test', displayName: 'Y' })).statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('shows the secret once, stores only its hash, authenticates scripts, and stops at revocation', async () => {
    const user = await buildUser(t.db);
    const client = await signedInClient(t.app, user);
    const created = await client.post('/api/me/tokens', { name: 'Export script', expiresInDays: 30 });
    expect(created.statusCode).toBe(201);
    const { token, id, prefix } = created.json();
    expect(token).toMatch(/^acc_/);
    expect(token.startsWith(prefix)).toBe(true);
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row?.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const list = await client.get('/api/me/tokens');
    expect(JSON.stringify(list.json())).not.toContain(token);

    const script = new TestClient(t.app, { bearer: token });
    expect((await script.get('/api/me')).json().id).toBe(user.id);
    // Token requests need no CSRF header: no cookie rides on them.
    expect((await script.patch('/api/me', { timeZone: 'Asia/Tokyo' })).statusCode).toBe(200);

    expect((await client.delete(`/api/me/tokens/${id}`)).statusCode).toBe(200);
    const after = await script.get('/api/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('auth.token_invalid');
  });

  it('rejects malformed, unknown and other people’s tokens', async () => {
    for (const header of ['Bearer nope', 'Basic abc', 'Bearer acc_' + 'x'.repeat(43), 'Bearer ' + 'a'.repeat(500)]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: header } });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('auth.token_invalid');
    }
    const owner = await buildUser(t.db);
    const other = await buildUser(t.db);
    const ownerClient = await signedInClient(t.app, owner);
    const { id } = (await ownerClient.post('/api/me/tokens', { name: 'mine', expiresInDays: null })).json();
    const otherClient = await signedInClient(t.app, other);
    expect((await otherClient.delete(`/api/me/tokens/${id}`)).statusCode).toBe(404);
  });
});

describe('profile', () => {
  it('remembers the language and time zone, and refuses unknown ones', async () => {
    const user = await buildUser(t.db);
    const client = await signedInClient(t.app, user);
    const ok = await client.patch('/api/me', { locale: 'zh', timeZone: 'America/New_York' });
    expect(ok.json()).toMatchObject({ locale: 'zh', timeZone: 'America/New_York' });
    const bad = await client.patch('/api/me', { locale: 'fr', timeZone: 'Mars/Olympus_Mons' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.locale', 'body.timeZone']);
    expect((await client.get('/api/me')).json()).toMatchObject({ locale: 'zh', timeZone: 'America/New_York' });
  });

  it('writes an audit event with each change', async () => {
    const user = await buildUser(t.db);
    const client = await signedInClient(t.app, user);
    await client.patch('/api/me', { displayName: 'Renamed' });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.actorId, user.id));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['auth.signed_in', 'user.updated']));
  });
});

describe('names in several scripts and affiliation', () => {
  const fieldPaths = (res: { json: () => { errors?: { path: string }[] } }) => [...new Set((res.json().errors ?? []).map((e) => e.path))].sort();

  it('keeps a spelling per script, trimmed; an emptied one is removed and the others stay', async () => {
    const user = await buildUser(t.db, { displayName: 'Kim Min-jun' });
    const client = await signedInClient(t.app, user);
    const set = await client.patch('/api/me', { names: { latin: '  Kim Min-jun ', hangul: '김민준', hanzi: '金敏俊', kanji: '金 敏俊' } });
    expect(set.statusCode).toBe(200);
    expect(set.json().names).toEqual({ latin: 'Kim Min-jun', hangul: '김민준', hanzi: '金敏俊', kanji: '金 敏俊' });

    // The form sends '' for a field it emptied; null says the same. A script left out is kept.
    const cleared = await client.patch('/api/me', { names: { hanzi: '', kanji: null } });
    expect(cleared.statusCode).toBe(200);
    expect((await client.get('/api/me')).json().names).toEqual({ latin: 'Kim Min-jun', hangul: '김민준' });
    const [row] = await t.db.select({ names: users.names }).from(users).where(eq(users.id, user.id));
    expect(row?.names).toEqual({ latin: 'Kim Min-jun', hangul: '김민준' });

    // Blank is empty: whitespace alone removes the spelling rather than storing spaces.
    expect((await client.patch('/api/me', { names: { hangul: '   ' } })).json().names).toEqual({ latin: 'Kim Min-jun' });

    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, user.id), eq(auditEvents.action, 'user.updated')))
      .orderBy(sql`${auditEvents.id} desc`)
      .limit(1);
    expect(event?.data).toEqual({ fields: ['names.hangul'] });
  });

  it('records the family name of a spelling, refuses one that is not part of it, and drops it with its spelling', async () => {
    const user = await buildUser(t.db, { displayName: 'Kenta Sasaki' });
    const client = await signedInClient(t.app, user);
    const set = await client.patch('/api/me', { names: { latin: 'Kenta Sasaki', kanji: '佐々木健太', latinFamily: 'Sasaki', kanjiFamily: '佐々木' } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().names).toEqual({ latin: 'Kenta Sasaki', kanji: '佐々木健太', latinFamily: 'Sasaki', kanjiFamily: '佐々木' });
    const before = (await t.db.select({ names: users.names }).from(users).where(eq(users.id, user.id)))[0]?.names;

    const wrong = await client.patch('/api/me', { names: { kanjiFamily: '佐藤', hangulFamily: '사사키' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'validation.failed' });
    expect(fieldPaths(wrong)).toEqual(['body.names.hangulFamily', 'body.names.kanjiFamily']);
    expect((await t.db.select({ names: users.names }).from(users).where(eq(users.id, user.id)))[0]?.names).toEqual(before);

    // A spelling removed takes its family name with it; an emptied family name is removed alone.
    expect((await client.patch('/api/me', { names: { kanji: '' } })).json().names).toEqual({ latin: 'Kenta Sasaki', latinFamily: 'Sasaki' });
    expect((await client.patch('/api/me', { names: { latinFamily: '' } })).json().names).toEqual({ latin: 'Kenta Sasaki' });
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, user.id), eq(auditEvents.action, 'user.updated')))
      .orderBy(sql`${auditEvents.id} desc`)
      .limit(1);
    expect(event?.data).toEqual({ fields: ['names.latinFamily'] });
  });

  it('shows the new spellings and affiliation in the group overview at once', async () => {
    const { council, byCode } = await buildCouncil(t.db);
    const kr = byCode.KR?.id as string;
    const group = await buildStudyGroup(t.db, { councilId: council.id, coChairCommitteeIds: [kr] });
    const user = await buildUser(t.db, { displayName: 'Lee Seo-yeon' });
    await addMember(t.db, group.id, user.id, 'member', kr);
    const client = await signedInClient(t.app, user);
    const person = async () => {
      const overview = (await client.get(`/api/study-groups/${group.slug}`)).json() as GroupOverview;
      return overview.delegations.flatMap((d) => [d.head, ...d.members]).find((p) => p?.id === user.id);
    };
    // Loaded (and cached) before the change.
    expect(await person()).toMatchObject({ names: {}, affiliation: null });
    await client.patch('/api/me', { names: { latin: 'Lee Seo-yeon', hangul: '이서연' }, affiliation: 'Sejong Institute' });
    expect(await person()).toMatchObject({ names: { latin: 'Lee Seo-yeon', hangul: '이서연' }, affiliation: 'Sejong Institute' });
    await client.patch('/api/me', { names: { hangul: '' }, affiliation: null });
    const after = await person();
    expect(after?.names).toEqual({ latin: 'Lee Seo-yeon' });
    expect(after?.affiliation).toBeNull();
  });

  it('sets and clears the affiliation and the time zone', async () => {
    const user = await buildUser(t.db, { timeZone: 'Asia/Seoul' });
    const client = await signedInClient(t.app, user);
    expect((await client.patch('/api/me', { affiliation: '  Korea National Diplomatic Academy ' })).json().affiliation).toBe('Korea National Diplomatic Academy');
    expect((await client.patch('/api/me', { affiliation: '' })).json().affiliation).toBeNull();
    await client.patch('/api/me', { affiliation: 'Sejong Institute' });
    expect((await client.patch('/api/me', { affiliation: null })).json().affiliation).toBeNull();
    const me = await client.patch('/api/me', { timeZone: null });
    expect(me.statusCode).toBe(200);
    expect(me.json().timeZone).toBeNull();
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ affiliation: null, timeZone: null });
  });

  it('refuses bad names and fields with the path of each, and changes nothing', async () => {
    const user = await buildUser(t.db);
    const client = await signedInClient(t.app, user);
    await client.patch('/api/me', { names: { latin: 'Before Change', hangul: '변경 전' }, affiliation: 'Before Institute' });
    const [before] = await t.db.select().from(users).where(eq(users.id, user.id));

    const long = await client.patch('/api/me', { names: { latin: 'x'.repeat(300), hangul: '가'.repeat(201) }, affiliation: 'y'.repeat(300), displayName: 'Not Saved' });
    expect(long.statusCode).toBe(400);
    expect(long.json().code).toBe('validation.failed');
    expect(fieldPaths(long)).toEqual(['body.affiliation', 'body.names.hangul', 'body.names.latin']);

    const asString = await client.patch('/api/me', { names: 'Kim Min-jun' });
    expect(asString.statusCode).toBe(400);
    expect(fieldPaths(asString)).toEqual(['body.names']);

    const unknownField = await client.patch('/api/me', { displayName: 'Not Saved', nickname: 'Minnie' });
    expect(unknownField.statusCode).toBe(400);
    expect(JSON.stringify(unknownField.json().errors)).toContain('nickname');

    const unknownScript = await client.patch('/api/me', { names: { cyrillic: 'Ким' } });
    expect(unknownScript.statusCode).toBe(400);
    expect(JSON.stringify(unknownScript.json().errors)).toContain('cyrillic');

    const wrongTypes = await client.patch('/api/me', { names: { latin: 42 }, affiliation: ['a'], timeZone: '' });
    expect(wrongTypes.statusCode).toBe(400);
    expect(fieldPaths(wrongTypes)).toEqual(['body.affiliation', 'body.names.latin', 'body.timeZone']);

    const [after] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(after).toEqual(before);
    expect((await client.get('/api/me')).json()).toMatchObject({ names: { latin: 'Before Change', hangul: '변경 전' }, affiliation: 'Before Institute' });
  });
});

describe('signing out one device', () => {
  type Listed = { id: string; current: boolean; userAgent: string | null };
  const listOf = async (client: TestClient) => (await client.get('/api/me/sessions')).json() as Listed[];
  const ended = (userId: string) =>
    t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, userId), eq(auditEvents.action, 'auth.session_ended')));

  it('ends exactly the session chosen; the other devices keep working', async () => {
    const user = await buildUser(t.db);
    const laptop = await signedInClient(t.app, user);
    const phone = await signedInClient(t.app, user);
    const tablet = await signedInClient(t.app, user);
    const phoneStored = sha256(phone.cookies.get('accord_session') as string);
    const list = await listOf(laptop);
    expect(list).toHaveLength(3);
    const phoneEntry = list.find((s) => s.id === sessionHandle(phoneStored));
    expect(phoneEntry?.current).toBe(false);

    const res = await laptop.delete(`/api/me/sessions/${phoneEntry?.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, current: false });
    // The phone is signed out at once; the laptop keeps its cookie and the tablet works on.
    expect((await phone.get('/api/me')).statusCode).toBe(401);
    expect(laptop.cookies.has('accord_session')).toBe(true);
    expect((await laptop.get('/api/me')).statusCode).toBe(200);
    expect((await tablet.get('/api/me')).statusCode).toBe(200);
    expect((await listOf(laptop)).map((s) => s.id)).not.toContain(phoneEntry?.id);
    expect(await t.db.select().from(sessions).where(eq(sessions.id, phoneStored))).toEqual([]);
    expect((await ended(user.id)).map((e) => e.data)).toEqual([{ session: phoneEntry?.id, current: false }]);

    // The same id again: that session is gone.
    const again = await laptop.delete(`/api/me/sessions/${phoneEntry?.id}`);
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('resource.not_found');
  });

  it('ends the current session too, and clears its cookie', async () => {
    const user = await buildUser(t.db);
    const here = await signedInClient(t.app, user);
    const elsewhere = await signedInClient(t.app, user);
    const current = (await listOf(here)).find((s) => s.current);
    const res = await here.delete(`/api/me/sessions/${current?.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, current: true });
    const cookie = (res.cookies as { name: string; value: string }[]).find((c) => c.name === 'accord_session');
    expect(cookie?.value).toBe('');
    expect(here.cookies.has('accord_session')).toBe(false);
    expect((await here.get('/api/me')).statusCode).toBe(401);
    expect((await elsewhere.get('/api/me')).statusCode).toBe(200);
    expect((await ended(user.id)).map((e) => e.data)).toEqual([{ session: current?.id, current: true }]);
  });

  it("refuses someone else's session as not found and leaves it working", async () => {
    const owner = await buildUser(t.db);
    const intruder = await buildUser(t.db);
    const ownerClient = await signedInClient(t.app, owner);
    const intruderClient = await signedInClient(t.app, intruder);
    const [theirs] = await listOf(ownerClient);
    const sessionsBefore = await t.db.select().from(sessions).orderBy(sessions.id);

    const res = await intruderClient.delete(`/api/me/sessions/${theirs?.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('resource.not_found');
    const unknown = await intruderClient.delete(`/api/me/sessions/${'0'.repeat(32)}`);
    expect({ ...res.json(), requestId: '', instance: '' }).toEqual({ ...unknown.json(), requestId: '', instance: '' });
    // The stored id itself does not name a session (wrong shape), nor does the cookie token.
    const stored = sha256(ownerClient.cookies.get('accord_session') as string);
    expect((await ownerClient.delete(`/api/me/sessions/${stored}`)).statusCode).toBe(400);
    expect((await ownerClient.delete(`/api/me/sessions/${stored.slice(0, 32)}`)).statusCode).toBe(404);
    expect((await ownerClient.delete(`/api/me/sessions/${encodeURIComponent(ownerClient.cookies.get('accord_session') as string)}`)).statusCode).toBe(400);

    expect((await ownerClient.get('/api/me')).statusCode).toBe(200);
    expect((await intruderClient.get('/api/me')).statusCode).toBe(200);
    expect(await t.db.select().from(sessions).orderBy(sessions.id)).toEqual(sessionsBefore.map((s) => expect.objectContaining({ id: s.id, userId: s.userId })));
    expect(await ended(intruder.id)).toEqual([]);
    expect(await ended(owner.id)).toEqual([]);
  });

  it('never lists the stored session id or the cookie token', async () => {
    const user = await buildUser(t.db);
    const clients = [await signedInClient(t.app, user), await signedInClient(t.app, user)];
    const res = await clients[0]?.get('/api/me/sessions');
    const body = res?.body ?? '';
    const items = JSON.parse(body) as Listed[];
    expect(items).toHaveLength(2);
    for (const client of clients) {
      const token = client.cookies.get('accord_session') as string;
      expect(body).not.toContain(token);
      expect(body).not.toContain(sha256(token));
      expect(body).not.toContain(sha256(token).slice(0, 32));
    }
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['createdAt', 'current', 'id', 'lastSeenAt', 'userAgent']);
    // The handles are stable from one listing to the next.
    expect((await listOf(clients[1] as TestClient)).map((s) => s.id).sort()).toEqual(items.map((s) => s.id).sort());
  });

  it('needs a signed-in person', async () => {
    const res = await new TestClient(t.app).delete(`/api/me/sessions/${'a'.repeat(32)}`);
    expect(res.statusCode).toBe(401);
  });
});
