import type { AddressInfo } from 'node:net';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { DeliberationMessage, DraftText, DraftView, StoredMessage } from '../../core/drafts';
import { buildApp } from '../app';
import { drafts, sessions, studyGroups, users } from '../db/schema';
import { createSession } from '../modules/accounts/sessions';
import { createTestContext, TestClient, type TestContext } from '../test/context';
import { addMember, buildCouncil, buildStudyGroup, buildUser, signedInClient } from '../test/factories';
import { blocksOf, blocksOfState, TIPTAP_FIELD } from './ydoc';

/**
 * Live drafts over real WebSockets: HocuspocusProvider clients (as the web editor uses) against
 * the app listening on an ephemeral port, on PGlite and on PostgreSQL alike.
 */
let t: TestContext;
let council: Awaited<ReturnType<typeof buildCouncil>>;
let port: number;

type User = Awaited<ReturnType<typeof buildUser>>;
interface Seat {
  user: User;
  client: TestClient;
}

beforeAll(async () => {
  t = await createTestContext();
  council = await buildCouncil(t.db);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(() => t?.close());

/** Every provider a test opened, destroyed after it (they would otherwise keep reconnecting). */
const peers: Peer[] = [];
afterEach(() => {
  for (const p of peers.splice(0)) p.destroy();
});

async function until(what: string, test: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await test()) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fresh working group with a co-chair, and a helper to seat more people in it. */
async function workingGroup(status: 'active' | 'concluding' = 'active') {
  const KR = council.byCode.KR?.id as string;
  const group = await buildStudyGroup(t.db, { councilId: council.council.id, status, coChairCommitteeIds: [KR] });
  const seat = async (role: Parameters<typeof addMember>[3] | null, committee: string | null = council.byCode.JP?.id ?? null): Promise<Seat> => {
    const user = await buildUser(t.db);
    if (role) await addMember(t.db, group.id, user.id, role, role === 'observer' ? null : committee);
    return { user, client: await signedInClient(t.app, user) };
  };
  const chair = await seat('co_chair', KR);
  const draftOf = async (paragraphs: string[] = []): Promise<DraftView> => {
    const res = await chair.client.post(`/api/study-groups/${group.slug}/drafts`, { title: 'Recommendations on confidence building', lang: 'en', paragraphs });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json() as DraftView;
  };
  return { group, chair, seat, draftOf };
}

interface Peer {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  scopes: string[];
  refusals: string[];
  /** Close codes of the socket, as the client saw them. */
  closes: number[];
  /** The server's stateless messages, parsed. */
  messages: (StoredMessage | DeliberationMessage)[];
  texts(): string[];
  destroy(): void;
}

/** A Node WebSocket that sends what a browser would send with the upgrade (the session cookie, an Origin). */
function socketWith(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
}

const cookieOf = (client: TestClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/** Connects a provider to a draft's document, signed in as the client (or with a token, or as nobody). */
function connect(documentName: string, as: { client?: TestClient; token?: string; doc?: Y.Doc; port?: number } = {}): Peer {
  const socket = new HocuspocusProviderWebsocket({
    url: `ws://127.0.0.1:${as.port ?? port}/collab`,
    WebSocketPolyfill: socketWith(as.client ? { cookie: cookieOf(as.client) } : {}),
    delay: 50,
    minDelay: 50,
    maxDelay: 200,
  });
  const doc = as.doc ?? new Y.Doc();
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: documentName, document: doc, ...(as.token ? { token: as.token } : {}) });
  const peer: Peer = {
    doc,
    provider,
    socket,
    scopes: [],
    refusals: [],
    closes: [],
    messages: [],
    texts: () => blocksOf(doc).map((b) => b.text),
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
  provider.on('authenticated', ({ scope }: { scope: string }) => peer.scopes.push(scope));
  provider.on('authenticationFailed', ({ reason }: { reason: string }) => peer.refusals.push(reason));
  socket.on('disconnect', ({ event }: { event: { code: number } }) => peer.closes.push(event.code));
  provider.on('stateless', ({ payload }: { payload: string }) => peer.messages.push(JSON.parse(payload) as StoredMessage | DeliberationMessage));
  provider.attach();
  peers.push(peer);
  return peer;
}

async function synced(...list: Peer[]) {
  await until('the providers are synced', () => list.every((p) => p.provider.isSynced && p.provider.isAuthenticated));
}

/** Appends a paragraph, as the editor's binding writes one. */
function addParagraph(doc: Y.Doc, text: string) {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(TIPTAP_FIELD).push([p]);
}
/** Types into the n-th paragraph. */
function typeInto(doc: Y.Doc, n: number, at: number | 'end', text: string) {
  const t0 = (doc.getXmlFragment(TIPTAP_FIELD).get(n) as Y.XmlElement).get(0) as Y.XmlText;
  t0.insert(at === 'end' ? t0.length : at, text);
}

async function restText(client: TestClient, slug: string, draftId: string, app?: FastifyInstance): Promise<DraftText> {
  const res = app ? await app.inject({ method: 'GET', url: `/api/study-groups/${slug}/drafts/${draftId}/text`, headers: { cookie: cookieOf(client) } }) : await client.get(`/api/study-groups/${slug}/drafts/${draftId}/text`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DraftText;
}
async function storedRow(draftId: string) {
  const [row] = await t.db.select({ state: drafts.state, stateVersion: drafts.stateVersion }).from(drafts).where(eq(drafts.id, draftId));
  if (!row) throw new Error('no draft');
  return { version: row.stateVersion, texts: blocksOfState(row.state).map((b) => b.text) };
}

describe('editing a draft together', () => {
  it('lets two editors type at once and both end with the same text, which the server holds too', async () => {
    const { group, chair, seat, draftOf } = await workingGroup();
    const member = await seat('member');
    const draft = await draftOf(['Preamble.']);
    const a = connect(draft.collab.documentName, { client: member.client });
    const b = connect(draft.collab.documentName, { client: chair.client });
    await synced(a, b);
    expect(a.scopes).toEqual(['read-write']);
    expect(a.texts()).toEqual(['Preamble.']);

    addParagraph(a.doc, 'From Tokyo: establish hotlines.');
    typeInto(b.doc, 0, 'end', ' Agreed.');
    await until('both editors converge', () => a.texts().length === 2 && JSON.stringify(a.texts()) === JSON.stringify(b.texts()) && b.texts()[0] === 'Preamble. Agreed.');
    expect(b.texts()).toEqual(['Preamble. Agreed.', 'From Tokyo: establish hotlines.']);
    const live = await restText(chair.client, group.slug, draft.id);
    expect(live).toMatchObject({ source: 'live', paragraphs: [{ text: 'Preamble. Agreed.' }, { text: 'From Tokyo: establish hotlines.' }] });

    // Presence: each sees the other's named caret state.
    a.provider.setAwarenessField('user', { name: 'Member from Tokyo' });
    await until('the co-chair sees the member', () => [...(b.provider.awareness?.getStates().values() ?? [])].some((s) => (s.user as { name?: string } | undefined)?.name === 'Member from Tokyo'));
  });

  it('merges edits made while disconnected when the editor reconnects', async () => {
    const { group, chair, seat, draftOf } = await workingGroup();
    const member = await seat('member');
    const draft = await draftOf(['Shared paragraph.']);
    const a = connect(draft.collab.documentName, { client: member.client });
    const b = connect(draft.collab.documentName, { client: chair.client });
    await synced(a, b);

    a.socket.disconnect();
    await until('the member is offline', () => a.closes.length > 0);
    typeInto(a.doc, 0, 0, 'Seoul: ');
    addParagraph(a.doc, 'Written offline in Seoul.');
    typeInto(b.doc, 0, 'end', ' (Beijing)');
    addParagraph(b.doc, 'Written online in Beijing.');
    await pause(200);
    expect(b.texts()).toEqual(['Shared paragraph. (Beijing)', 'Written online in Beijing.']);

    void a.socket.connect();
    await until('the offline edits merge', () => a.texts().length === 3 && JSON.stringify(a.texts()) === JSON.stringify(b.texts()));
    expect(a.texts()[0]).toBe('Seoul: Shared paragraph. (Beijing)');
    expect([...a.texts()].slice(1).sort()).toEqual(['Written offline in Seoul.', 'Written online in Beijing.']);
    expect((await restText(chair.client, group.slug, draft.id)).paragraphs.map((p) => p.text)).toEqual(a.texts());
  });
});

describe('who may connect, and who may write', () => {
  it('gives observers the document read-only: their edits are neither applied, passed on nor stored', async () => {
    const { group, chair, seat, draftOf } = await workingGroup();
    const member = await seat('member');
    const observer = await seat('observer');
    const draft = await draftOf(['Base text.']);
    const m = connect(draft.collab.documentName, { client: member.client });
    const o = connect(draft.collab.documentName, { client: observer.client });
    await synced(m, o);
    expect(o.scopes).toEqual(['readonly']);
    expect(m.scopes).toEqual(['read-write']);

    addParagraph(o.doc, 'Inserted by the observer.');
    typeInto(o.doc, 0, 0, 'OBSERVER ');
    addParagraph(m.doc, 'Inserted by the member.');
    await until('the observer receives the member’s edit', () => o.texts().includes('Inserted by the member.'));
    await pause(200);
    expect(m.texts()).toEqual(['Base text.', 'Inserted by the member.']);
    expect((await restText(chair.client, group.slug, draft.id)).paragraphs.map((p) => p.text)).toEqual(['Base text.', 'Inserted by the member.']);

    // An observer who connects with changes already made offline does not get them in either.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(m.doc));
    addParagraph(offline, 'Smuggled in on reconnect.');
    const o2 = connect(draft.collab.documentName, { client: observer.client, doc: offline });
    await synced(o2);
    await pause(200);
    expect(m.texts()).toEqual(['Base text.', 'Inserted by the member.']);

    // Once everyone has left, the stored text is the member's alone.
    for (const p of peers.splice(0)) p.destroy();
    await until('the document is stored', async () => (await storedRow(draft.id)).version > 1);
    expect((await storedRow(draft.id)).texts).toEqual(['Base text.', 'Inserted by the member.']);
    await until('the document is unloaded', async () => (await restText(chair.client, group.slug, draft.id)).source === 'stored');
    expect(await restText(chair.client, group.slug, draft.id)).toMatchObject({ source: 'stored', paragraphs: [{ text: 'Base text.' }, { text: 'Inserted by the member.' }] });
  });

  it('refuses people outside the group, signed-out visitors, unknown drafts and other sites', async () => {
    const { chair, seat, draftOf } = await workingGroup();
    const outsider = await seat(null);
    const draft = await draftOf(['Confidential within the group.']);

    const x = connect(draft.collab.documentName, { client: outsider.client });
    const anonymous = connect(draft.collab.documentName);
    const unknown = connect(`draft:${crypto.randomUUID()}`, { client: chair.client });
    const malformed = connect('report:1', { client: chair.client });
    const badToken = connect(draft.collab.documentName, { token: 'acc_not-a-real-token' });
    await until('every one is refused', () => [x, anonymous, unknown, malformed, badToken].every((p) => p.refusals.length > 0));
    expect(x.refusals[0]).toBe('permission-denied');
    expect(anonymous.refusals[0]).toBe('unauthenticated');
    expect(unknown.refusals[0]).toBe('permission-denied');
    expect(malformed.refusals[0]).toBe('permission-denied');
    expect(badToken.refusals[0]).toBe('unauthenticated');
    await pause(100);
    for (const p of [x, anonymous, unknown, malformed, badToken]) {
      expect(p.scopes).toEqual([]);
      expect(p.texts()).toEqual([]);
    }

    // A page of another site may not use the visitor's cookie; other paths take no upgrade.
    const status = (path: string, headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('error', () => resolve(-1));
      });
    expect(await status('/collab', { cookie: cookieOf(chair.client), origin: 'https://evil.example' })).toBe(403);
    expect(await status('/collab', { cookie: cookieOf(chair.client), origin: 'http://accord.test' })).toBe(101);
    expect(await status('/elsewhere', { cookie: cookieOf(chair.client) })).toBe(404);
  });

  it('accepts a personal API token as the provider’s token, for clients that cannot send the cookie', async () => {
    const { seat, draftOf } = await workingGroup();
    const member = await seat('member');
    const created = await member.client.post('/api/me/tokens', { name: 'bench client' });
    expect(created.statusCode, created.body).toBe(201);
    const draft = await draftOf(['Text.']);
    const p = connect(draft.collab.documentName, { token: (created.json() as { token: string }).token });
    await synced(p);
    expect(p.scopes).toEqual(['read-write']);
    expect(p.texts()).toEqual(['Text.']);
  });
});

describe('a restart', () => {
  it('keeps the text: stored when the server closes, read back by a new server on the same database, where editors reconnect', async () => {
    const { group, seat, draftOf } = await workingGroup();
    const member = await seat('member');
    const draft = await draftOf(['Before the restart.']);
    // Like `npm start`, the first server owns its database connection and closes it last (on PostgreSQL).
    const first = await t.startPeer();
    await first.listen({ port: 0, host: '127.0.0.1' });
    const firstPort = (first.server.address() as AddressInfo).port;
    const p = connect(draft.collab.documentName, { client: member.client, port: firstPort });
    await synced(p);
    addParagraph(p.doc, 'Typed just before the restart.');
    await until('the server has the edit', async () => (await restText(member.client, group.slug, draft.id, first)).paragraphs.length === 2);
    // Closed at once, well inside the store's debounce: closing writes what is pending.
    await first.close();
    await until('the editor is disconnected', () => p.closes.length > 0);

    const second = await buildApp({ config: t.config, database: t.database });
    try {
      const text = await restText(member.client, group.slug, draft.id, second);
      expect(text).toMatchObject({ source: 'stored', paragraphs: [{ text: 'Before the restart.' }, { text: 'Typed just before the restart.' }] });
      expect(text.stateVersion).toBeGreaterThan(1);
      // The editor's provider finds the new server on the same address and goes on.
      await second.listen({ port: firstPort, host: '127.0.0.1' });
      await until('the editor reconnects', () => p.scopes.length === 2 && p.provider.isSynced);
      addParagraph(p.doc, 'Typed after the restart.');
      await until('the new server has it', async () => (await restText(member.client, group.slug, draft.id, second)).paragraphs.length === 3);
    } finally {
      for (const peer of peers.splice(0)) peer.destroy();
      await second.close();
    }
    expect((await storedRow(draft.id)).texts).toEqual(['Before the restart.', 'Typed just before the restart.', 'Typed after the restart.']);
  });
});

describe('access that changes while connected', () => {
  it('closes a removed member’s connection at once; reconnecting is refused and later edits go nowhere', async () => {
    const { group, chair, seat, draftOf } = await workingGroup();
    const member = await seat('member');
    const bystander = await seat('member');
    const draft = await draftOf(['Text of the group.']);
    const m = connect(draft.collab.documentName, { client: member.client });
    const c = connect(draft.collab.documentName, { client: chair.client });
    await synced(m, c);

    // A change to someone else's membership leaves the connection alone.
    expect((await chair.client.delete(`/api/study-groups/${group.slug}/members/${bystander.user.id}`)).statusCode).toBe(200);
    await pause(300);
    expect(m.closes).toEqual([]);

    const removed = await chair.client.delete(`/api/study-groups/${group.slug}/members/${member.user.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    const waited = await until('the member’s connection is closed', () => m.closes.length > 0, 2_000);
    expect(waited).toBeLessThan(2_000);
    expect(m.closes[0]).toBe(4403);
    await until('reconnecting is refused', () => m.refusals.length > 0);
    expect(m.refusals[0]).toBe('permission-denied');

    addParagraph(m.doc, 'Written after removal.');
    await pause(300);
    expect(c.texts()).toEqual(['Text of the group.']);
  });

  it('downgrades a member who becomes an observer: reconnected read-only', async () => {
    const { group, chair, seat, draftOf } = await workingGroup();
    const person = await seat('member');
    await addMember(t.db, group.id, person.user.id, 'observer');
    const draft = await draftOf(['Text.']);
    const p = connect(draft.collab.documentName, { client: person.client });
    const c = connect(draft.collab.documentName, { client: chair.client });
    await synced(p, c);
    expect(p.scopes).toEqual(['read-write']);

    const ended = await chair.client.delete(`/api/study-groups/${group.slug}/members/${person.user.id}/roles/member`);
    expect(ended.statusCode, ended.body).toBe(200);
    await until('the connection is closed', () => p.closes.length > 0, 2_000);
    await until('it is back, read-only', () => p.scopes.length === 2);
    expect(p.scopes[1]).toBe('readonly');
    addParagraph(p.doc, 'No longer mine to write.');
    await pause(300);
    expect(c.texts()).toEqual(['Text.']);
  });

  it('closes the connections of a disabled account and of a session that signed out', async () => {
    const { seat, draftOf } = await workingGroup();
    const disabled = await seat('member');
    const leaving = await seat('member');
    const draft = await draftOf(['Text.']);
    const d = connect(draft.collab.documentName, { client: disabled.client });
    const l = connect(draft.collab.documentName, { client: leaving.client });
    await synced(d, l);

    await t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.user.id));
    await until('the disabled account’s connection is closed', () => d.closes.length > 0, 2_000);
    await until('and refused', () => d.refusals.length > 0);
    expect(d.refusals[0]).toBe('unauthenticated');
    expect(l.closes).toEqual([]);

    expect((await leaving.client.delete('/api/session')).statusCode).toBe(200);
    await until('the signed-out session’s connection is closed', () => l.closes.length > 0, 2_000);
  });

  it('closes a connection when its session expires, though no change announces it', async () => {
    const { seat, draftOf } = await workingGroup();
    const member = await seat('member');
    const draft = await draftOf(['Text.']);
    const { token, id } = await t.db.transaction((tx) => createSession(tx, member.user.id, 'test'));
    await t.db.update(sessions).set({ expiresAt: new Date(Date.now() + 1_500) }).where(eq(sessions.id, id));
    const client = new TestClient(t.app);
    client.cookies.set('accord_session', token);
    const p = connect(draft.collab.documentName, { client });
    await synced(p);
    expect(p.closes).toEqual([]);
    await until('the connection is closed when the session ends', () => p.closes.length > 0, 5_000);
    await until('and its reconnection refused', () => p.refusals.length > 0);
    expect(p.refusals[0]).toBe('unauthenticated');
  });

  it('leaves everyone reading when the group concludes', async () => {
    const { group, chair, seat, draftOf } = await workingGroup('concluding');
    const member = await seat('member');
    const draft = await draftOf(['Final text.']);
    const m = connect(draft.collab.documentName, { client: member.client });
    const c = connect(draft.collab.documentName, { client: chair.client });
    await synced(m, c);
    await t.db.update(studyGroups).set({ status: 'concluded' }).where(eq(studyGroups.id, group.id));
    await until('both are reconnected read-only', () => m.scopes.length === 2 && c.scopes.length === 2);
    expect([m.scopes[1], c.scopes[1]]).toEqual(['readonly', 'readonly']);
    addParagraph(c.doc, 'After the end.');
    await pause(300);
    expect(m.texts()).toEqual(['Final text.']);
  });
});

/** Whether the last `stored` message a peer received covers everything in its document. */
function storedCovers(peer: Peer): boolean {
  const last = peer.messages.filter((m): m is StoredMessage => m.type === 'stored').at(-1);
  if (!last) return false;
  const stored = Y.decodeStateVector(new Uint8Array(Buffer.from(last.vector, 'base64')));
  return [...Y.decodeStateVector(Y.encodeStateVector(peer.doc))].every(([client, clock]) => (stored.get(client) ?? 0) >= clock);
}

describe('what the server tells the editors', () => {
  it('says an edit is stored only once it is in the database, not when the server has it in memory', async () => {
    const { chair, draftOf } = await workingGroup();
    const draft = await draftOf(['Opening paragraph.']);
    const a = connect(draft.collab.documentName, { client: chair.client });
    await synced(a);
    await until('the stored state is announced on connecting', () => storedCovers(a));

    typeInto(a.doc, 0, 'end', ' Typed just now.');
    await until('the server acknowledged the edit', () => !a.provider.hasUnsyncedChanges);
    // In the server's memory, not yet written (the store waits for a pause in typing).
    expect(storedCovers(a)).toBe(false);
    expect((await storedRow(draft.id)).texts).toEqual(['Opening paragraph.']);

    await until('the edit is announced as stored', () => storedCovers(a), 15_000);
    expect((await storedRow(draft.id)).texts).toEqual(['Opening paragraph. Typed just now.']);
  });

  it('pushes changes to versions, amendments and the draft to everyone viewing it, as they are committed', async () => {
    const { group, chair, seat, draftOf } = await workingGroup();
    const member = await seat('member');
    const draft = await draftOf(['Preamble.']);
    const viewer = connect(draft.collab.documentName, { client: member.client });
    await synced(viewer);
    const topics = () => viewer.messages.flatMap((m) => (m.type === 'deliberation' ? m.topics : []));

    const named = await chair.client.post(`/api/study-groups/${group.slug}/drafts/${draft.id}/versions`, { name: 'First reading' });
    expect(named.statusCode, named.body).toBe(201);
    await until('the viewer is told a version was named', () => topics().includes('versions'));

    const version = named.json() as { id: string; blocks: { uid: string }[] };
    const proposed = await member.client.post(`/api/study-groups/${group.slug}/drafts/${draft.id}/amendments`, {
      versionId: version.id,
      blockUid: version.blocks[0]?.uid,
      proposedText: 'A preamble agreed by all.',
      rationale: 'Clearer.',
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    await until('the viewer is told of the amendment', () => topics().includes('amendments'));

    // Naming the first version put the draft under discussion (its version moved on with its status).
    const named1 = (await chair.client.get(`/api/study-groups/${group.slug}/drafts/${draft.id}`)).json() as DraftView;
    expect(named1.status).toBe('under_discussion');
    const renamed = await chair.client.patch(`/api/study-groups/${group.slug}/drafts/${draft.id}`, { title: 'Recommendations, second title', version: named1.version });
    expect(renamed.statusCode, renamed.body).toBe(200);
    await until('the viewer is told the draft changed', () => topics().includes('draft'));
    // Nothing of the content travels this way: each viewer reads it again with its own access.
    expect(JSON.stringify(viewer.messages)).not.toContain('agreed by all');

    // Silence settles the text: the viewer is reconnected as a reader, and still told what changes.
    const started = await chair.client.post(`/api/study-groups/${group.slug}/drafts/${draft.id}/silence`, { version: 1, deadline: new Date(Date.now() + 48 * 3_600_000).toISOString() });
    expect(started.statusCode, started.body).toBe(201);
    await until('the viewer is reconnected read-only', () => viewer.scopes.at(-1) === 'readonly');
    viewer.messages.length = 0;
    const broken = await member.client.post(`/api/study-groups/${group.slug}/drafts/${draft.id}/silence/breaks`, { kind: 'amendment', reason: 'Add the Pacific.', version: 1 });
    expect(broken.statusCode, broken.body).toBe(201);
    // Broken, the text is open again: the viewer is reconnected as an editor, and a client reads
    // everything again when it reconnects (a push sent while it was away is not replayed).
    await until('the viewer is told silence was broken, or reconnected', () => topics().includes('silence') || viewer.scopes.length === 3);
    await until('the viewer is an editor again', () => viewer.scopes.at(-1) === 'read-write');
  });
});
