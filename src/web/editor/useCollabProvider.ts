import { HocuspocusProvider, WebSocketStatus } from '@hocuspocus/provider';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { DELIBERATION_TOPICS, type DeliberationMessage, type DeliberationTopic, type StoredMessage } from '../../core/drafts';
import { collabUrl, presentPeople, type CollabUser } from './collab-user';

/**
 * Where the live connection stands, as the person is told:
 * - connecting: opening the document for the first time;
 * - connected: in sync with the server (and so with the others);
 * - reconnecting: the connection dropped (server restarting, access changed, network) and the
 *   provider is trying again; edits go on and merge when it is back;
 * - offline: the browser has no network; the same, until it is back;
 * - signedOut: the server no longer knows the session (sign in again);
 * - denied: no access to this draft any more (the page reads the draft again).
 */
export type CollabStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'signedOut' | 'denied';

export interface CollabState {
  status: CollabStatus;
  /** What the server lets this connection do; null before it said. */
  scope: 'read-write' | 'readonly' | null;
  /** Edits sent and not yet confirmed by the server. */
  unsynced: number;
  /** Has the document been received at least once (so the editor shows the real text)? */
  synced: boolean;
  /**
   * Is everything in this editor's document in the database? The server acknowledges an edit
   * when it has it in memory and stores it a moment later; it tells each editor what it stored
   * (a state vector), and only then is the edit saved: a server killed in between loses it.
   */
  stored: boolean;
}

/** Does the stored state vector cover every edit in the document? */
function covers(stored: Map<number, number> | null, document: Y.Doc): boolean {
  if (!stored) return false;
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(document))) if ((stored.get(client) ?? 0) < clock) return false;
  return true;
}

const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** The close codes of src/server/collaboration: access changed (re-authenticated at once), server restarting. */
export const CLOSE_ACCESS_CHANGED = 4403;
export const CLOSE_SERVER_RESTART = 1012;

interface Options {
  path: string;
  documentName: string;
  /** Called when the server refuses the document (no access) or says the access changed: read the draft again. */
  onAccessChanged: () => void;
  /** Called when the server says what the deliberation panels show changed (amendments, positions…). */
  onDeliberation?: (topics: DeliberationTopic[]) => void;
}

/**
 * One HocuspocusProvider per open draft, authenticated by the session cookie (same origin, empty
 * token), with its Yjs document. Reconnects by itself; the browser's offline and online events
 * drop and resume the socket at once rather than after the provider's 30 s silence timeout.
 */
export function useCollabProvider({ path, documentName, onAccessChanged, onDeliberation }: Options): { provider: HocuspocusProvider | null; state: CollabState } {
  const [provider, setProvider] = useState<HocuspocusProvider | null>(null);
  const [state, setState] = useState<CollabState>({ status: navigator.onLine ? 'connecting' : 'offline', scope: null, unsynced: 0, synced: false, stored: false });
  // The latest callbacks, without reconnecting when they change.
  const onAccessChangedRef = useRef(onAccessChanged);
  const onDeliberationRef = useRef(onDeliberation);
  useEffect(() => {
    onAccessChangedRef.current = onAccessChanged;
    onDeliberationRef.current = onDeliberation;
  });

  useEffect(() => {
    const document = new Y.Doc();
    let everConnected = false;
    let stopped: 'signedOut' | 'denied' | null = null;
    let stored: Map<number, number> | null = null;
    const set = (patch: Partial<CollabState>) => setState((s) => ({ ...s, ...patch }));
    const checkStored = () => set({ stored: covers(stored, document) });
    document.on('update', checkStored);
    const p = new HocuspocusProvider({
      url: collabUrl(path),
      name: documentName,
      document,
      token: '',
      onStatus: ({ status }) => {
        if (stopped) return;
        if (!navigator.onLine) set({ status: 'offline' });
        else if (status === WebSocketStatus.Connected) {
          /* wait for the sync to say 'connected' */
        } else set({ status: everConnected ? 'reconnecting' : 'connecting' });
      },
      onSynced: () => {
        if (stopped) return;
        // Back after a drop: what was pushed meanwhile is not replayed, so everything is read again.
        if (everConnected) onDeliberationRef.current?.([...DELIBERATION_TOPICS]);
        everConnected = true;
        set({ status: navigator.onLine ? 'connected' : 'offline', synced: true });
      },
      onAuthenticated: ({ scope }) => {
        set({ scope });
      },
      onAuthenticationFailed: ({ reason }) => {
        stopped = reason === 'unauthenticated' ? 'signedOut' : 'denied';
        set({ status: stopped });
        p.disconnect();
        onAccessChangedRef.current();
      },
      onClose: ({ event }) => {
        if (event.code === CLOSE_ACCESS_CHANGED) onAccessChangedRef.current();
      },
      onUnsyncedChanges: ({ number }) => set({ unsynced: number }),
      onStateless: ({ payload }) => {
        let message: StoredMessage | DeliberationMessage;
        try {
          message = JSON.parse(payload) as StoredMessage | DeliberationMessage;
        } catch {
          return;
        }
        if (message.type === 'stored') {
          stored = Y.decodeStateVector(fromBase64(message.vector));
          checkStored();
        } else if (message.type === 'deliberation') onDeliberationRef.current?.(message.topics);
      },
    });
    const offline = () => {
      set({ status: 'offline' });
      p.disconnect();
    };
    const online = () => {
      if (stopped) return;
      set({ status: 'reconnecting' });
      void p.connect();
    };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    setProvider(p);
    return () => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      document.off('update', checkStored);
      p.destroy();
      document.destroy();
      setProvider(null);
    };
  }, [path, documentName]);

  return { provider, state };
}

/** The people on the document now (from the provider's awareness), updated as they come and go. */
export function usePresence(provider: HocuspocusProvider | null): (CollabUser & { self: boolean })[] {
  const snapshot = useSyncExternalStore(
    (notify) => {
      const awareness = provider?.awareness;
      if (!awareness) return () => undefined;
      awareness.on('change', notify);
      return () => awareness.off('change', notify);
    },
    () => presenceKey(provider),
  );
  return snapshot ? (JSON.parse(snapshot) as (CollabUser & { self: boolean })[]) : [];
}

/** A stable string for useSyncExternalStore (a new array each time would render forever). */
function presenceKey(provider: HocuspocusProvider | null): string {
  const awareness = provider?.awareness;
  if (!awareness) return '';
  return JSON.stringify(presentPeople(awareness.getStates() as Map<number, Record<string, unknown>>, awareness.clientID));
}
