import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupOverview } from '../../core/study-groups';
import { groupMemberships } from '../db/schema';
import { createTestContext, TestClient, type TestContext } from '../test/context';
import { addMember, buildCouncil, buildStudyGroup, buildUser, signedInClient } from '../test/factories';

let t: TestContext;
let peer: FastifyInstance;

beforeAll(async () => {
  t = await createTestContext();
  peer = await t.startPeer();
});
afterAll(() => t?.close());

/** The same browser (cookies) talking to another process of the same installation. */
function onPeer(client: TestClient) {
  const other = new TestClient(peer);
  for (const [k, v] of client.cookies) other.cookies.set(k, v);
  return other;
}

async function groupWithMember() {
  const { council, byCode } = await buildCouncil(t.db);
  const group = await buildStudyGroup(t.db, { councilId: council.id, coChairCommitteeIds: [byCode.KR?.id as string] });
  const user = await buildUser(t.db, { displayName: 'Original Name' });
  await addMember(t.db, group.id, user.id, 'member', byCode.KR?.id ?? null);
  return { group, user };
}

describe('caches across processes', () => {
  it('end a session everywhere when it is signed out in another process', async () => {
    const user = await buildUser(t.db);
    const client = await signedInClient(t.app, user);
    const there = onPeer(client);
    expect((await there.get('/api/me')).statusCode).toBe(200); // now cached in the peer
    expect((await client.delete('/api/sessions')).statusCode).toBe(200);
    await peer.changes.sync();
    expect((await there.get('/api/me')).statusCode).toBe(401);
  });

  it('show a participant’s new name in another process’s cached overview', async () => {
    const { group, user } = await groupWithMember();
    const client = await signedInClient(t.app, user);
    const there = onPeer(client);
    const before = (await there.get(`/api/study-groups/${group.slug}`)).json() as GroupOverview;
    expect(JSON.stringify(before)).toContain('Original Name');
    expect((await client.patch('/api/me', { displayName: 'Renamed Person' })).statusCode).toBe(200);
    await peer.changes.sync();
    const after = (await there.get(`/api/study-groups/${group.slug}`)).json() as GroupOverview;
    expect(JSON.stringify(after)).toContain('Renamed Person');
    expect(JSON.stringify(after)).not.toContain('Original Name');
  });

  it('end access to a group as soon as the membership ends, whoever wrote it', async () => {
    const { group, user } = await groupWithMember();
    const client = await signedInClient(t.app, user);
    const there = onPeer(client);
    expect((await client.get(`/api/study-groups/${group.slug}`)).statusCode).toBe(200);
    expect((await there.get(`/api/study-groups/${group.slug}`)).statusCode).toBe(200);
    // Written straight to the database, as another tool or process would.
    await t.db.update(groupMemberships).set({ endedAt: new Date() }).where(eq(groupMemberships.userId, user.id));
    await t.app.changes.sync();
    await peer.changes.sync();
    expect((await client.get(`/api/study-groups/${group.slug}`)).statusCode).toBe(404);
    expect((await there.get(`/api/study-groups/${group.slug}`)).statusCode).toBe(404);
  });

  it('stand aside while the change feed is down', async () => {
    const { group, user } = await groupWithMember();
    const client = await signedInClient(t.app, user);
    const there = onPeer(client);
    expect((await there.get(`/api/study-groups/${group.slug}`)).statusCode).toBe(200);
    await peer.changes.stop();
    expect(peer.caches.enabled).toBe(false);
    await t.db.update(groupMemberships).set({ endedAt: new Date() }).where(eq(groupMemberships.userId, user.id));
    // No notification can reach the peer now, yet it reads the database and sees the change.
    expect((await there.get(`/api/study-groups/${group.slug}`)).statusCode).toBe(404);
  });
});
