/**
 * One load-generating process of bench/collab.ts: a share of the 50 editors, each a
 * HocuspocusProvider with its own Y.Doc and its own WebSocket (the session cookie and an Origin
 * on the upgrade, as a browser sends them). Driven by the parent over the IPC channel:
 *
 *   parent → {type:'start', ...}           connect; answers {type:'ready'} once all are synced
 *   parent → {type:'go', at, seconds}      type 2 characters a second each, from `at` for `seconds`
 *   parent → {type:'progress'}             answers how many of the expected edits each client has
 *   parent → {type:'report'}               answers send and arrival times, texts, state vectors
 *   parent → {type:'close'}                destroys the providers (the server stores at once) and exits
 *
 * Times are CLOCK_MONOTONIC (process.hrtime), which every process on the machine shares, so a
 * send time from one process and an arrival time in another can be subtracted.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { blocksOf } from '../src/server/collaboration/ydoc';

const now = () => Number(process.hrtime.bigint()) / 1e6;
const send = (msg: unknown) => process.send?.(msg);

interface Seat {
  name: string;
  cookie: string;
}
interface Start {
  type: 'start';
  url: string;
  documentName: string;
  seats: Seat[];
  seed: number;
  awareness: boolean;
}

/** Deterministic pseudo-random numbers per client. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Editor {
  name: string;
  doc: Y.Doc;
  socket: HocuspocusProviderWebsocket;
  provider: HocuspocusProvider;
  random: () => number;
  /** clock → time of the local change, for this client's own keystrokes. */
  sent: number[];
  /** sender clientID → (clock → arrival time) of every remote keystroke. */
  arrived: Map<number, number[]>;
  refusals: string[];
  disconnects: number;
}

let editors: Editor[] = [];
let start: Start;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

function socketClass(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
}

function connect(seat: Seat, i: number): Editor {
  const origin = new URL(start.url).origin;
  const socket = new HocuspocusProviderWebsocket({
    url: `${start.url.replace(/^http/, 'ws')}/collab`,
    WebSocketPolyfill: socketClass({ cookie: seat.cookie, origin }),
  });
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: start.documentName, document: doc });
  const editor: Editor = { name: seat.name, doc, socket, provider, random: rng(start.seed * 1000 + i + 1), sent: [], arrived: new Map(), refusals: [], disconnects: 0 };
  // Whatever a transaction integrated from another client, by (clientID, clock): the moment the
  // keystroke became part of this client's document (pending structs count when they integrate).
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.local) return;
    const t = now();
    for (const [client, after] of tr.afterState) {
      if (client === doc.clientID) continue;
      const before = tr.beforeState.get(client) ?? 0;
      if (after <= before) continue;
      let times = editor.arrived.get(client);
      if (!times) editor.arrived.set(client, (times = []));
      for (let c = before; c < after; c++) times[c] = t;
    }
  });
  provider.on('authenticationFailed', ({ reason }: { reason: string }) => editor.refusals.push(reason));
  socket.on('disconnect', () => editor.disconnects++);
  provider.attach();
  if (start.awareness) provider.setAwarenessField('user', { name: seat.name, color: `hsl(${(i * 47) % 360} 70% 45%)` });
  return editor;
}

const paragraphs = (doc: Y.Doc) => doc.getXmlFragment('default').toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'paragraph');

/** The first XmlText of a paragraph, made if the paragraph is empty (as the editor's binding does). */
function textOf(p: Y.XmlElement): Y.XmlText {
  const first = p.toArray().find((n): n is Y.XmlText => n instanceof Y.XmlText);
  if (first) return first;
  const t = new Y.XmlText();
  p.insert(0, [t]);
  return t;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz       ';

/** One keystroke: a character at a random place in a random paragraph, and the caret after it. */
function keystroke(e: Editor) {
  const ps = paragraphs(e.doc);
  const p = ps[Math.floor(e.random() * ps.length)] as Y.XmlElement;
  const ch = LETTERS[Math.floor(e.random() * LETTERS.length)] as string;
  const text = textOf(p);
  const at = Math.floor(e.random() * (text.length + 1));
  const clock = Y.getState(e.doc.store, e.doc.clientID);
  const t = now();
  text.insert(at, ch);
  // A single character is a single item: this clock is the keystroke's id at every receiver.
  e.sent[clock] = t;
  if (start.awareness) {
    const pos = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, at + 1));
    e.provider.setAwarenessField('cursor', { anchor: pos, head: pos });
  }
}

process.on('message', (msg: { type: string; at?: number; seconds?: number } & Partial<Start>) => {
  if (msg.type === 'start') {
    start = msg as Start;
    editors = start.seats.map(connect);
    const timer = setInterval(() => {
      const refused = editors.find((e) => e.refusals.length);
      if (refused) {
        clearInterval(timer);
        send({ type: 'error', message: `${refused.name}: ${refused.refusals.join(', ')}` });
      } else if (editors.every((e) => e.provider.isSynced && e.provider.isAuthenticated)) {
        clearInterval(timer);
        send({ type: 'ready' });
      }
    }, 20);
  } else if (msg.type === 'go') {
    const at = msg.at as number;
    const end = at + (msg.seconds as number) * 1000;
    loopDelay.enable();
    const cpu0 = process.cpuUsage();
    let running = editors.length;
    editors.forEach((e) => {
      // 2 characters a second, each client at its own phase, on a schedule that does not drift.
      const phase = e.random() * 500;
      let k = 0;
      const tick = () => {
        const due = at + phase + k * 500;
        if (due >= end) {
          if (--running === 0) {
            loopDelay.disable();
            const cpu = process.cpuUsage(cpu0);
            send({ type: 'typed', cpuMs: (cpu.user + cpu.system) / 1000, loopP99: loopDelay.percentile(99) / 1e6, loopMax: loopDelay.max / 1e6 });
          }
          return;
        }
        if (now() >= due) {
          keystroke(e);
          k++;
        }
        setTimeout(tick, Math.max(0, at + phase + k * 500 - now()));
      };
      setTimeout(tick, Math.max(0, at + phase - now()));
    });
  } else if (msg.type === 'progress') {
    send({
      type: 'progress',
      editors: editors.map((e) => ({ clientId: e.doc.clientID, sent: e.sent.filter((x) => x !== undefined).length, arrived: [...e.arrived.values()].reduce((n, ts) => n + ts.filter((x) => x !== undefined).length, 0) })),
    });
  } else if (msg.type === 'report') {
    send({
      type: 'report',
      editors: editors.map((e) => ({
        name: e.name,
        clientId: e.doc.clientID,
        sent: e.sent,
        arrived: Object.fromEntries(e.arrived),
        texts: blocksOf(e.doc).map((b) => b.text),
        stateVector: Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(e.doc))),
        disconnects: e.disconnects,
      })),
    });
  } else if (msg.type === 'close') {
    for (const e of editors) {
      e.provider.destroy();
      e.socket.destroy();
    }
    setTimeout(() => process.exit(0), 200);
  }
});
