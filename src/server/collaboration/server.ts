import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Database as DatabaseExtension } from '@hocuspocus/extension-database';
import { Hocuspocus, type Connection, type Extension, type onAuthenticatePayload } from '@hocuspocus/server';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import * as Y from 'yjs';
import { draftDocumentName, draftIdOfDocument, type DraftAccess, type DraftBlock } from '../../core/drafts';
import type { Change } from '../cache/change-feed';
import type { Actor } from '../http/actor';
import { storeDraftState } from '../modules/drafts/commands';
import { draftGrant } from '../modules/drafts/policy';
import { draftState } from '../modules/drafts/queries';
import type { GroupSnapshot } from '../cache/caches';
import { actorOf, credentialOf, type Credential } from './credentials';
import { DeliberationPush, storedMessage } from './push';
import { blocksOf, TIPTAP_FIELD } from './ydoc';

/** The WebSocket path of the collaboration server, on the app's own HTTP server and port. */
export const COLLAB_PATH = '/collab';

/**
 * A document is stored this long after its last change, and at the latest this long after the
 * first unstored one while people keep typing. Until then an editor shows "Saving…": the
 * server has the edit in memory only, and a crash would lose it.
 */
const STORE_DEBOUNCE_MS = 1_500;
const STORE_MAX_DEBOUNCE_MS = 4_000;

/** Close code and reasons a client sees when the server ends its connection. */
export const COLLAB_CLOSE = {
  /** Their access to the draft changed (removed, role changed, account disabled, signed out, group's status): reconnect to learn the new one. */
  accessChanged: { code: 4403, reason: 'access-changed' },
  /** The server is stopping or restarting: reconnect. */
  restarting: { code: 1012, reason: 'server-restarting' },
} as const;

/** Reasons of a refused document (the provider's `authenticationFailed` event). */
export const COLLAB_REFUSAL = {
  /** No valid session cookie or API token: sign in again. */
  unauthenticated: 'unauthenticated',
  /** No such draft, or no access to it (the two are not told apart). */
  denied: 'permission-denied',
} as const;

/** What the server keeps about each authenticated document connection. */
export interface CollabContext {
  connId: string;
  actor: Actor;
  credential: Credential;
  draftId: string;
  groupId: string;
  parentGroupId: string | null;
  access: DraftAccess;
  /** The change epoch when authentication began: a change that arrived meanwhile is re-checked. */
  authEpoch: number;
  /** When the session or token lapses by itself: the connection is re-checked (and closed) then. */
  expiresAt: Date | null;
}

/** setTimeout's longest delay (about 24.8 days); a later expiry is re-checked then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A refusal the provider receives as `authenticationFailed` with this reason. Empty message: Hocuspocus logs nothing. */
class Refusal extends Error {
  constructor(readonly reason: string) {
    super('');
  }
}

function bytesOf(data: RawData): Uint8Array {
  const buf = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

function refuseUpgrade(socket: Duplex, status: number, text: string) {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Yjs documents of the group's drafts, served by Hocuspocus on /collab of the app's own server.
 * Who may connect and whether they may write comes from the same table as HTTP (`can()`), and
 * the change feed re-checks open connections when memberships, accounts, sessions or groups change.
 */
export class CollabServer {
  readonly hocuspocus: Hocuspocus<CollabContext>;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 });
  private readonly live = new Map<string, { context: CollabContext; connection: Connection<CollabContext> }>();
  private readonly log: FastifyBaseLogger;
  private epoch = 0;
  private closing = false;
  private pending = new Set<string>();
  private pendingAll = false;
  private scheduled = false;
  private rechecks: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void)[] = [];
  /** Per connection, the timer that re-checks it when its credential lapses. */
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();
  /** Per open document, the state vector of what is known to be stored (loaded or written). */
  private readonly stored = new Map<string, Uint8Array>();
  private readonly push: DeliberationPush;

  constructor(private readonly app: FastifyInstance) {
    this.log = app.log.child({ component: 'collab' });
    const auth: Extension = {
      onAuthenticate: (data: onAuthenticatePayload<CollabContext>) => this.authenticate(data),
      connected: async ({ context, connection, documentName }: { context: CollabContext; connection: Connection<CollabContext>; documentName: string }) => {
        this.live.set(context.connId, { context, connection });
        if (context.authEpoch !== this.epoch) this.schedule([context.connId]);
        this.watchExpiry(context.connId, context.expiresAt);
        // What is stored so far, so the editor can tell "saved" from "sent" from the start.
        const stored = this.stored.get(documentName);
        if (stored) connection.sendStateless(storedMessage(stored));
      },
      onDisconnect: async ({ context }: { context: CollabContext }) => {
        if (context?.connId) {
          this.live.delete(context.connId);
          this.watchExpiry(context.connId, null);
        }
      },
    };
    const database = new DatabaseExtension({
      fetch: async ({ documentName }) => {
        const draftId = draftIdOfDocument(documentName);
        const row = draftId ? await draftState(app.db, draftId) : undefined;
        if (!row) throw new Refusal(COLLAB_REFUSAL.denied);
        this.stored.set(documentName, Y.encodeStateVectorFromUpdate(row.state));
        return row.state;
      },
      store: async ({ documentName, state }) => {
        const draftId = draftIdOfDocument(documentName);
        if (!draftId) return;
        const version = await storeDraftState(app.db, draftId, state);
        this.log.debug({ draftId, stateVersion: version, bytes: state.byteLength }, 'draft stored');
        if (version === null) return;
        // Committed: everything in `state` is in the database now. Tell the editors, whose
        // "All changes saved" waits for this rather than for the server's acknowledgement.
        const vector = Y.encodeStateVectorFromUpdate(state);
        this.stored.set(documentName, vector);
        this.hocuspocus.documents.get(documentName)?.broadcastStateless(storedMessage(vector));
      },
    });
    const forget: Extension = {
      afterUnloadDocument: async ({ documentName }: { documentName: string }) => {
        this.stored.delete(documentName);
      },
    };
    this.hocuspocus = new Hocuspocus<CollabContext>({ quiet: true, debounce: STORE_DEBOUNCE_MS, maxDebounce: STORE_MAX_DEBOUNCE_MS, extensions: [auth, database, forget] });
    this.push = new DeliberationPush(this.hocuspocus);
  }

  /** Takes WebSocket upgrades on /collab and listens to the change feed. */
  start() {
    this.app.server.on('upgrade', this.onUpgrade);
    this.unsubscribe.push(
      this.app.changes.subscribe((change) => this.onChange(change)),
      // The feed was interrupted: a removal may have been missed, so every connection is re-checked.
      this.app.changes.onReset(() => this.schedule('all')),
    );
  }

  /**
   * Stops taking connections, closes the open ones (clients reconnect to the next server) and
   * writes every document with unsaved changes before the database goes away.
   */
  async stop() {
    this.closing = true;
    this.push.stop();
    for (const timer of this.expiryTimers.values()) clearTimeout(timer);
    this.expiryTimers.clear();
    for (const off of this.unsubscribe) off();
    this.app.server.off('upgrade', this.onUpgrade);
    this.hocuspocus.closeConnections();
    for (const ws of this.wss.clients) ws.close(COLLAB_CLOSE.restarting.code, COLLAB_CLOSE.restarting.reason);
    await this.flush();
    await this.rechecks;
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /** Writes every pending store now and waits until none is running. */
  async flush(timeoutMs = 15_000) {
    const { hocuspocus } = this;
    const deadline = Date.now() + timeoutMs;
    const busy = () =>
      [...hocuspocus.documents.values()].some((d) => {
        const id = `onStoreDocument-${d.name}`;
        return hocuspocus.debouncer.isDebounced(id) || hocuspocus.debouncer.isCurrentlyExecuting(id) || d.saveMutex.isLocked();
      });
    do {
      hocuspocus.flushPendingStores();
      await new Promise((r) => setTimeout(r, 10));
    } while (busy() && Date.now() < deadline);
    if (busy()) this.log.error('drafts still being stored when the collaboration server stopped');
  }

  /** The text of a draft open on this server (fresher than what is stored), or null. */
  liveBlocks(draftId: string): DraftBlock[] | null {
    const document = this.hocuspocus.documents.get(draftDocumentName(draftId));
    return document && !document.isLoading ? blocksOf(document) : null;
  }

  /**
   * Changes a draft's text on the server (restoring a version, accepting an amendment) through a
   * Hocuspocus direct connection: in one Yjs transaction on the live document, so every editor
   * connected here sees it at once. A document nobody has open is loaded from the database,
   * changed and stored again before this returns (the store merges under the row lock as usual).
   * `change` must throw before it changes anything when it cannot apply (nothing is changed then).
   * Returns its result with the document's whole state and blocks right after the change.
   */
  async changeText<T>(draftId: string, change: (fragment: Y.XmlFragment) => T): Promise<{ result: T; state: Uint8Array; blocks: DraftBlock[] }> {
    const connection = await this.hocuspocus.openDirectConnection(draftDocumentName(draftId));
    try {
      let outcome: { ok: true; result: T; state: Uint8Array; blocks: DraftBlock[] } | { ok: false; error: unknown } | undefined;
      await connection.transact((doc) => {
        try {
          outcome = { ok: true, result: change(doc.getXmlFragment(TIPTAP_FIELD)), state: new Uint8Array(), blocks: [] };
        } catch (error) {
          outcome = { ok: false, error };
        }
      });
      if (!outcome || !outcome.ok) throw outcome?.error ?? new Error('the change did not run');
      const doc = connection.document as Y.Doc;
      return { result: outcome.result, state: Y.encodeStateAsUpdate(doc), blocks: blocksOf(doc) };
    } finally {
      await connection.disconnect();
    }
  }

  /** How many document connections are open (for tests and diagnostics). */
  get connectionCount(): number {
    return this.live.size;
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      pathname = '';
    }
    if (pathname !== COLLAB_PATH) {
      // Nobody else takes upgrades: say so rather than leave the socket hanging.
      if (this.app.server.listenerCount('upgrade') === 1) refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    if (this.closing) return refuseUpgrade(socket, 503, 'Service Unavailable');
    // Cross-site WebSocket hijacking: a page of another origin may not use our visitor's cookie.
    const origin = req.headers.origin;
    const host = req.headers.host;
    const ours = [new URL(this.app.config.publicUrl).origin, `http://${host}`, `https://${host}`];
    if (origin !== undefined && !ours.includes(origin)) return refuseUpgrade(socket, 403, 'Forbidden');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
  };

  private accept(ws: WebSocket, req: IncomingMessage) {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const v of [value].flat()) headers.append(name, v);
    }
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? COLLAB_PATH}`, { headers });
    const conn = this.hocuspocus.handleConnection(ws, request);
    ws.on('message', (data, isBinary) => {
      if (isBinary) conn.handleMessage(bytesOf(data));
    });
    ws.on('close', (code, reason) => conn.handleClose({ code, reason: reason.toString() }));
    ws.on('error', (err) => this.log.debug({ err }, 'collaboration socket error'));
  }

  private async authenticate(data: onAuthenticatePayload<CollabContext>): Promise<Partial<CollabContext>> {
    const authEpoch = this.epoch;
    const draftId = draftIdOfDocument(data.documentName);
    const credential = credentialOf(this.app, data.requestHeaders, data.token);
    if (!credential) throw new Refusal(COLLAB_REFUSAL.unauthenticated);
    const actor = await actorOf(this.app, credential);
    if (!actor) throw new Refusal(COLLAB_REFUSAL.unauthenticated);
    const grant = draftId ? await draftGrant(this.app, actor, draftId) : null;
    if (!grant) throw new Refusal(COLLAB_REFUSAL.denied);
    // Those who may only comment or read receive the document and its presence; their updates are refused.
    data.connectionConfig.readOnly = grant.access !== 'edit';
    const { expiresAt, ...who } = actor;
    return { connId: randomUUID(), actor: who, credential, draftId: grant.draft.id, groupId: grant.group.id, parentGroupId: grant.group.parentGroupId, access: grant.access, authEpoch, expiresAt };
  }

  /**
   * Re-checks a connection when its credential lapses by itself (a session's end), which no
   * change announces: it is closed then, not at the next change or never. Null stops watching.
   */
  private watchExpiry(connId: string, expiresAt: Date | null) {
    clearTimeout(this.expiryTimers.get(connId));
    this.expiryTimers.delete(connId);
    if (!expiresAt || this.closing) return;
    const timer = setTimeout(() => {
      this.expiryTimers.delete(connId);
      this.schedule([connId]);
    }, Math.min(MAX_TIMER_MS, Math.max(0, expiresAt.getTime() - Date.now()) + 50));
    timer.unref();
    this.expiryTimers.set(connId, timer);
  }

  /** Which open connections a committed change may concern. */
  private onChange({ table, keys }: Change) {
    if (this.push.take({ table, keys })) return;
    this.epoch++;
    const ids = (...names: string[]) => new Set(names.flatMap((n) => (keys[n] ? [keys[n] as string] : [])));
    const match = (test: (c: CollabContext) => boolean) => [...this.live.values()].filter((e) => test(e.context)).map((e) => e.context.connId);
    const inGroups = (groups: Set<string>) => (c: CollabContext) => groups.has(c.groupId) || (c.parentGroupId !== null && groups.has(c.parentGroupId));
    switch (table) {
      case 'group_memberships': {
        const groups = ids('group_id', 'old_group_id');
        const users = ids('user_id', 'old_user_id');
        return this.schedule(match((c) => inGroups(groups)(c) && users.has(c.actor.user.id)));
      }
      case 'study_groups':
        return this.schedule(match(inGroups(ids('id'))));
      case 'users':
      case 'council_roles': {
        const users = table === 'users' ? ids('id') : ids('user_id', 'old_user_id');
        return this.schedule(match((c) => users.has(c.actor.user.id)));
      }
      case 'sessions': {
        const sessions = ids('id');
        return this.schedule(match((c) => c.credential.kind === 'session' && sessions.has(c.credential.sessionId)));
      }
      case 'drafts': {
        // Its status changed (proposed, adopted…): editors of a settled text become readers.
        const draftId = keys.id;
        return this.schedule(match((c) => c.draftId === draftId));
      }
      case 'api_tokens': {
        const users = ids('user_id');
        return this.schedule(match((c) => c.credential.kind === 'token' && users.has(c.actor.user.id)));
      }
      default:
        return undefined;
    }
  }

  private schedule(connIds: string[] | 'all') {
    if (connIds === 'all') this.pendingAll = true;
    else for (const id of connIds) this.pending.add(id);
    if (this.scheduled || (!this.pendingAll && this.pending.size === 0)) return;
    this.scheduled = true;
    this.rechecks = this.rechecks.then(() => {
      this.scheduled = false;
      return this.recheck();
    });
  }

  /** Re-reads each connection's access past the caches; a connection whose access changed is closed. */
  private async recheck() {
    const targets = this.pendingAll ? [...this.live.values()] : [...this.pending].flatMap((id) => this.live.get(id) ?? []);
    this.pending.clear();
    this.pendingAll = false;
    const snapshots = new Map<string, Promise<GroupSnapshot | undefined>>();
    await Promise.all(
      targets.map(async (entry) => {
        let now: DraftAccess | null;
        try {
          const actor = await actorOf(this.app, entry.context.credential, { fresh: true });
          now = actor ? ((await draftGrant(this.app, actor, entry.context.draftId, { fresh: true, snapshots }))?.access ?? null) : null;
          // Still in: a session prolonged meanwhile is watched to its new end.
          if (actor && now === entry.context.access) this.watchExpiry(entry.context.connId, actor.expiresAt);
        } catch (err) {
          this.log.error({ err }, 'could not re-check a collaboration connection: closing it');
          now = null;
        }
        if (now !== entry.context.access) this.end(entry, now);
      }),
    );
  }

  /**
   * Ends a connection whose access changed: it stops being applied at once (read-only, then
   * removed from the document) and its socket is closed; the provider reconnects and is
   * authenticated afresh — refused, read-only or editing, as its access now is.
   */
  private end(entry: { context: CollabContext; connection: Connection<CollabContext> }, now: DraftAccess | null) {
    const { context, connection } = entry;
    if (!this.live.delete(context.connId)) return;
    this.watchExpiry(context.connId, null);
    this.log.info({ draftId: context.draftId, userId: context.actor.user.id, from: context.access, to: now }, 'collaboration access changed: connection closed');
    connection.readOnly = true;
    connection.close(COLLAB_CLOSE.accessChanged);
    const ws = connection.webSocket;
    if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(COLLAB_CLOSE.accessChanged.code, COLLAB_CLOSE.accessChanged.reason);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    collab: CollabServer;
  }
}

/**
 * Serves the drafts' live documents on /collab of this server: started with the app, stopped
 * before it closes (connections closed, pending stores written while the database is open).
 */
export function registerCollaboration(app: FastifyInstance): CollabServer {
  const collab = new CollabServer(app);
  app.decorate('collab', collab);
  collab.start();
  app.addHook('preClose', async () => collab.stop());
  return collab;
}
