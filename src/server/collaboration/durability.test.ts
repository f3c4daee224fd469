import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { DraftText, StoredMessage } from '../../core/drafts';
import { projectRoot } from '../paths';
import { emptyDatabase, freePort } from '../test/empty-database';
import { TIPTAP_FIELD } from './ydoc';

/**
 * "All changes saved" means stored (#9 part 2): six editors type into the demo draft, the
 * server is killed with SIGKILL mid-typing (no shutdown, no final store), the editors do not
 * come back, and a new server on the same database holds every edit the editors were told was
 * saved. Run against the real server process on the suite's database (PGlite folder or
 * PostgreSQL database), as `npm start` runs it.
 */
const SLUG = 'northeast-asia-peace-and-cooperation';
const EDITORS = ['Chung Hae-rim', 'Qian Mingyuan', 'Shingo Kubota', 'Jonathan R. Ashby', 'Oh Se-rin', 'Shao Yuhang'];
const TYPING_MS = 7_000;

let dataDir: string;
let databaseUrl: string | undefined;
let drop = async () => undefined as void;

beforeAll(async () => {
  ({ dataDir, databaseUrl, drop } = await emptyDatabase('kill'));
});
afterAll(() => drop());

interface Server {
  child: ChildProcess;
  url: string;
  stdout: string;
}

/** The server from source, as `npm start` runs it, on this file's database. */
function startServer(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot(), 'src/server/main.ts'), 'start'], {
      cwd: projectRoot(),
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start\n${stdout}\n${stderr}`));
    }, 90_000);
    child.stdout?.on('data', (d) => {
      stdout += d;
      if (stdout.includes('Accord is ready at')) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${port}`, stdout });
      }
    });
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}\n${stdout}\n${stderr}`));
    });
  });
}

async function signIn(server: Server, name: string): Promise<string> {
  const line = server.stdout.split('\n').find((l) => l.includes(name) && l.includes('/link#'));
  const token = line?.split('/link#')[1]?.trim();
  if (!token) throw new Error(`no link printed for ${name}`);
  const session = await fetch(`${server.url}/api/session`);
  const csrf = /accord_csrf=([^;]+)/.exec(session.headers.get('set-cookie') ?? '')?.[1] ?? '';
  const res = await fetch(`${server.url}/api/auth/links/consume`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `accord_csrf=${csrf}`, 'x-csrf-token': csrf },
    body: JSON.stringify({ token }),
  });
  const cookie = /accord_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (res.status !== 200 || !cookie) throw new Error(`sign-in of ${name} failed: ${res.status}`);
  return `accord_session=${cookie}; accord_csrf=${csrf}`;
}

async function getJson<T>(url: string, cookie: string): Promise<T> {
  const res = await fetch(url, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface Editor {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  /** Each insertion: its text and the clock after it (the editor's state once it was made). */
  typed: { text: string; upTo: number }[];
  /** The latest state vector the server said was stored. */
  stored: Map<number, number>;
}

function connectEditor(server: Server, cookie: string, documentName: string): Editor {
  const headers = { cookie, origin: server.url };
  const socket = new HocuspocusProviderWebsocket({
    url: `${server.url.replace(/^http/, 'ws')}/collab`,
    WebSocketPolyfill: class extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { headers });
      }
    },
  });
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: documentName, document: doc });
  const editor: Editor = { doc, provider, socket, typed: [], stored: new Map() };
  provider.on('stateless', ({ payload }: { payload: string }) => {
    const message = JSON.parse(payload) as StoredMessage | { type: string };
    if (message.type === 'stored') editor.stored = Y.decodeStateVector(new Uint8Array(Buffer.from((message as StoredMessage).vector, 'base64')));
  });
  provider.attach();
  return editor;
}

const paragraphsOf = (doc: Y.Doc) =>
  doc
    .getXmlFragment(TIPTAP_FIELD)
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'paragraph' && n.toArray().some((c) => c instanceof Y.XmlText));

/** Appends a word at the end of a paragraph, as a keystroke burst of one person. */
function type(editor: Editor, who: number, n: number) {
  const ps = paragraphsOf(editor.doc);
  const p = ps[(who + n) % ps.length] as Y.XmlElement;
  const text = p.toArray().find((c): c is Y.XmlText => c instanceof Y.XmlText) as Y.XmlText;
  const word = ` ⟨e${who}w${n}⟩`;
  text.insert(text.length, word);
  editor.typed.push({ text: word, upTo: Y.getState(editor.doc.store, editor.doc.clientID) });
}

const until = async (what: string, test: () => boolean, timeoutMs = 20_000) => {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('a server killed while six people type', () => {
  it('keeps every edit the editors were told was saved, with no editor coming back', async () => {
    const port = await freePort();
    const first = await startServer(port);
    let killed = false;
    try {
      const cookies = await Promise.all(EDITORS.map((name) => signIn(first, name)));
      const list = await getJson<{ items: { id: string; title: string }[] } | { id: string; title: string }[]>(`${first.url}/api/study-groups/${SLUG}/drafts`, cookies[0] as string);
      const items = Array.isArray(list) ? list : list.items;
      const draft = await getJson<{ id: string; access: string; collab: { documentName: string } }>(`${first.url}/api/study-groups/${SLUG}/drafts/${items[0]?.id}`, cookies[0] as string);
      expect(draft.access).toBe('edit');

      const editors = cookies.map((cookie) => connectEditor(first, cookie, draft.collab.documentName));
      await until('every editor is synced', () => editors.every((e) => e.provider.isSynced && e.provider.isAuthenticated));

      // Each types a word every 150–250 ms; the server is killed in the middle of it.
      const started = Date.now();
      let n = 0;
      while (Date.now() - started < TYPING_MS) {
        editors.forEach((e, who) => type(e, who, n));
        n++;
        await new Promise((r) => setTimeout(r, 150 + (n % 5) * 25));
      }
      const exited = new Promise((r) => first.child.once('exit', r));
      first.child.kill('SIGKILL');
      killed = true;
      await exited;
      // What each editor had been told at that moment; then they go away for good.
      const saved = editors.map((e) => e.typed.filter((w) => (e.stored.get(e.doc.clientID) ?? 0) >= w.upTo).map((w) => w.text));
      const unsaved = editors.map((e, i) => e.typed.length - (saved[i]?.length ?? 0));
      for (const e of editors) {
        e.provider.destroy();
        e.socket.destroy();
      }
      // Not vacuous: much was stored before the kill, and something typed just before it was not.
      expect(saved.flat().length).toBeGreaterThan(EDITORS.length * 5);
      expect(unsaved.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

      const second = await startServer(port);
      try {
        const text = await getJson<DraftText>(`${second.url}/api/study-groups/${SLUG}/drafts/${draft.id}/text`, cookies[0] as string);
        const all = text.paragraphs.map((p) => p.text).join('\n');
        const lost = saved.flat().filter((word) => !all.includes(word));
        expect(lost, `${lost.length} of ${saved.flat().length} edits shown as saved were lost`).toEqual([]);
        // What the server had acknowledged but not stored is gone: the acknowledgement, which
        // the editor used to call "saved", is not storage.
        const typedLost = editors.flatMap((e) => e.typed.map((w) => w.text)).filter((word) => !all.includes(word));
        expect(typedLost.length).toBeGreaterThan(0);
      } finally {
        const exited2 = new Promise((r) => second.child.once('exit', r));
        second.child.kill('SIGTERM');
        await exited2;
      }
    } finally {
      if (!killed) first.child.kill('SIGKILL');
    }
  }, 240_000);
});
