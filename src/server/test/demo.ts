import { eq } from 'drizzle-orm';
import { users } from '../db/schema';
import { seedDemo } from '../db/seed/demo';
import { createSession } from '../modules/accounts/sessions';
import { openFileStorage } from '../storage/storage';
import { TestClient, type TestContext } from './context';

/**
 * Loads the demo (council, group, meetings, agenda, a draft with versions, amendments and
 * comments) into the test file's database; `as(key)` is a client signed in as that demo person
 * (they have no password: a session is made directly), `admin: true` making them an
 * administrator as well.
 */
export async function loadDemo(t: TestContext) {
  const storage = await openFileStorage(t.config.dataDir);
  const userIds = (await t.db.transaction((tx) => seedDemo(tx, { storage }))).userIds;
  return {
    userIds,
    async as(key: string, opts: { admin?: boolean } = {}) {
      const id = userIds[key];
      if (!id) throw new Error(`no demo person ${key}`);
      if (opts.admin) await t.db.update(users).set({ isAdmin: true }).where(eq(users.id, id));
      const { token } = await t.db.transaction((tx) => createSession(tx, id, 'test'));
      const client = new TestClient(t.app);
      client.cookies.set('accord_session', token);
      return client;
    },
  };
}
