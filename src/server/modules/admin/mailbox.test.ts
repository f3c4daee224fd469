import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../../../core/i18n';
import { createTestContext, TestClient, type TestContext } from '../../test/context';
import { buildUser, signedInClient } from '../../test/factories';

let t: TestContext;
beforeAll(async () => {
  // No SMTP_URL: mail goes to DATA_DIR/mail and the mailbox page lists it.
  t = await createTestContext();
});
afterAll(() => t?.close());

describe('the development mailbox', () => {
  it('lists what would have been sent, newest first, and shows a message with its link', async () => {
    const admin = await buildUser(t.db, { isAdmin: true });
    const client = await signedInClient(t.app, admin);
    expect((await client.post('/api/invitations', { email: 'first@example.test', displayName: 'First Person', locale: 'ko' })).statusCode).toBe(201);
    expect((await client.post('/api/invitations', { email: 'second@example.test', displayName: 'Second Person', locale: 'zh' })).statusCode).toBe(201);
    await t.app.jobs.drain();

    const box = await client.get('/api/admin/mailbox');
    expect(box.statusCode).toBe(200);
    const { mode, messages } = box.json();
    expect(mode).toBe('file');
    expect(messages.map((m: { to: string }) => m.to)).toEqual(['second@example.test', 'first@example.test']);
    // Non-ASCII subjects are decoded for the list.
    expect(messages[1]).toMatchObject({ subject: catalogs.ko.mail.invitation.subject, language: 'ko' });
    expect(Date.parse(messages[0].date)).toBeGreaterThan(Date.now() - 60_000);

    const message = (await client.get(`/api/admin/mailbox/${messages[1].id}`)).json();
    expect(message.text).toMatch(/http:\/\/accord\.test\/link#[\w-]{43}/);
    expect(message.text).toContain('First Person');
  });

  it('is for administrators only, and refuses ids that are not message names', async () => {
    const user = await buildUser(t.db);
    const client = await signedInClient(t.app, user);
    expect((await client.get('/api/admin/mailbox')).statusCode).toBe(403);
    expect((await new TestClient(t.app).get('/api/admin/mailbox')).statusCode).toBe(401);
    const admin = await signedInClient(t.app, await buildUser(t.db, { isAdmin: true }));
    for (const id of ['..%2F..%2Fpglite%2FPG_VERSION', 'nope.eml', '%2Fetc%2Fpasswd']) {
      const res = await admin.get(`/api/admin/mailbox/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.json().code).toBe('resource.not_found');
    }
  });
});
