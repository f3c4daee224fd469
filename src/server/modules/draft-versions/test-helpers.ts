import type { AddressInfo } from 'node:net';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { blocksOf, TIPTAP_FIELD } from '../../collaboration/ydoc';
import type { TestClient } from '../../test/context';

/** Helpers for tests that drive real HocuspocusProviders against the app (as collab.test.ts does). */

export async function listen(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

export async function until(what: string, test: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await test()) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const cookieOf = (client: TestClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

export interface Editor {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  texts(): string[];
  uids(): (string | null)[];
  destroy(): void;
}

/** A provider connected to a draft's document, signed in as the client (its session cookie). */
export function connectEditor(port: number, documentName: string, client: TestClient): Editor {
  const headers = { cookie: cookieOf(client) };
  const Socket = class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
  const socket = new HocuspocusProviderWebsocket({ url: `ws://127.0.0.1:${port}/collab`, WebSocketPolyfill: Socket, delay: 50, minDelay: 50, maxDelay: 200 });
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: documentName, document: doc });
  provider.attach();
  return {
    doc,
    provider,
    texts: () => blocksOf(doc).map((b) => b.text),
    uids: () => blocksOf(doc).map((b) => b.uid),
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

export const synced = (...editors: Editor[]) => until('the editors are synced', () => editors.every((e) => e.provider.isSynced && e.provider.isAuthenticated));

const fragmentOf = (doc: Y.Doc) => doc.getXmlFragment(TIPTAP_FIELD);

/** Types into the n-th paragraph (at its end by default). */
export function typeInto(doc: Y.Doc, n: number, text: string, at: number | 'end' = 'end') {
  const p = fragmentOf(doc).get(n) as Y.XmlElement;
  let t0 = p.get(0) as Y.XmlText | undefined;
  if (!t0) {
    t0 = new Y.XmlText('');
    p.insert(0, [t0]);
  }
  t0.insert(at === 'end' ? t0.length : at, text);
}

/** Replaces the n-th paragraph's text, keeping the paragraph (and its uid). */
export function rewrite(doc: Y.Doc, n: number, text: string) {
  const p = fragmentOf(doc).get(n) as Y.XmlElement;
  doc.transact(() => {
    if (p.length) p.delete(0, p.length);
    p.insert(0, [new Y.XmlText(text)]);
  });
}

/** Moves the paragraph at `from` to `to` (as a cut and paste keeps its uid). */
export function move(doc: Y.Doc, from: number, to: number) {
  const f = fragmentOf(doc);
  doc.transact(() => {
    const clone = (f.get(from) as Y.XmlElement).clone();
    f.delete(from, 1);
    f.insert(to, [clone]);
  });
}

export function removeParagraph(doc: Y.Doc, n: number) {
  fragmentOf(doc).delete(n, 1);
}

export function appendParagraph(doc: Y.Doc, text: string, uid: string, kind: 'text' | 'recommendation' = 'text') {
  const p = new Y.XmlElement('paragraph');
  p.setAttribute('uid', uid);
  p.setAttribute('kind', kind);
  p.insert(0, [new Y.XmlText(text)]);
  fragmentOf(doc).push([p]);
}
