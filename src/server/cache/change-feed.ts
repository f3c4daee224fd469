import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/client';

export const CHANGES_CHANNEL = 'accord_changes';

/** One committed row change, as the database's triggers announce it (migration 0001). */
export interface Change {
  table: string;
  keys: Record<string, string | null>;
}

type Listener = (change: Change) => void;

/**
 * The database's change notifications, for caches and live connections in this process.
 * While the listening connection is down, `healthy` is false and caches must not be used.
 */
export class ChangeFeed {
  healthy = false;
  private readonly listeners = new Set<Listener>();
  private readonly resetListeners = new Set<() => void>();
  private readonly pendingSyncs = new Map<string, () => void>();
  private readonly instance = randomUUID();
  private syncCounter = 0;
  private unlisten: (() => Promise<void>) | undefined;

  constructor(
    private readonly database: Database,
    private readonly log: FastifyBaseLogger,
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.database.listen(CHANGES_CHANNEL, (payload) => this.receive(payload), {
      onLost: () => {
        this.log.warn('change feed lost its connection: caches are bypassed until it is back');
        this.healthy = false;
        this.reset();
        for (const resolve of this.pendingSyncs.values()) resolve();
        this.pendingSyncs.clear();
      },
      onRestored: () => {
        this.log.info('change feed restored');
        this.reset();
        this.healthy = true;
      },
    });
    this.healthy = true;
  }

  async stop(): Promise<void> {
    this.healthy = false;
    for (const resolve of this.pendingSyncs.values()) resolve();
    this.pendingSyncs.clear();
    await this.unlisten?.();
  }

  /** Calls `fn` for every change; returns the unsubscribe function. */
  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Calls `fn` when everything must be forgotten (the feed was interrupted). */
  onReset(fn: () => void): () => void {
    this.resetListeners.add(fn);
    return () => this.resetListeners.delete(fn);
  }

  /**
   * Resolves once every change committed before the call has reached this process: the
   * database delivers notifications in commit order, so our own marker comes after them.
   */
  async sync(timeoutMs = 2000): Promise<void> {
    if (!this.healthy) return;
    const id = `${this.instance}:${++this.syncCounter}`;
    const arrived = new Promise<void>((resolve) => this.pendingSyncs.set(id, resolve));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    await this.database.db.execute(sql`SELECT pg_notify(${CHANGES_CHANNEL}, ${JSON.stringify({ sync: id })})`);
    const result = await Promise.race([arrived, timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') {
      this.pendingSyncs.delete(id);
      this.log.warn('change feed sync timed out: caches reset');
      this.reset();
    }
  }

  private reset() {
    for (const fn of this.resetListeners) fn();
  }

  private receive(payload: string) {
    let message: { t?: string; k?: Record<string, string | null>; sync?: string };
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    if (message.sync) {
      const resolve = this.pendingSyncs.get(message.sync);
      if (resolve) {
        this.pendingSyncs.delete(message.sync);
        resolve();
      }
      return;
    }
    if (!message.t) return;
    const change: Change = { table: message.t, keys: message.k ?? {} };
    for (const fn of this.listeners) {
      try {
        fn(change);
      } catch (err) {
        this.log.error({ err, table: change.table }, 'change listener failed');
        this.reset();
      }
    }
  }
}
