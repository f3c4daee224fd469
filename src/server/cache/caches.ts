import type { GroupRole } from '../../core/roles';
import type { GroupOverview } from '../../core/study-groups';
import type { studyGroups } from '../db/schema';
import type { Actor } from '../http/actor';
import type { Change, ChangeFeed } from './change-feed';
import type { CachedBody } from '../http/cached-body';
import type { RosterEntry } from '../modules/memberships/members';
import type { CouncilRoleRow } from '../modules/study-groups/policy';
import { LruCache } from './lru';

export interface CachedSession {
  user: Actor['user'];
  lastSeenAt: Date;
  createdAt: Date;
  expiresAt: Date;
}

export interface CachedToken {
  user: Actor['user'];
  tokenId: string;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

/** What every viewer of a group shares; each viewer's roles are read from `roles`. */
export interface GroupSnapshot {
  group: typeof studyGroups.$inferSelect;
  overview: Omit<GroupOverview, 'myRoles' | 'allowedActions'>;
  roles: Map<string, GroupRole[]>;
  /** Every current member with their roles and address, loaded the first time the list is asked for. */
  roster?: Promise<RosterEntry[]>;
  /** Co-chairs of the parent group, for a sub-group (they see everything in it). */
  parentCoChairIds: Set<string>;
  /** Prepared responses, one per variant (language asked for, viewer's roles): few per group. */
  bodies: LruCache<string, CachedBody>;
}

/**
 * The per-process caches of hot reads: sessions, API tokens, council roles and group
 * overviews. Entries are evicted by the database's change feed; a load that overlaps an
 * eviction is not stored (the generation check), and nothing is cached while the feed is down.
 */
export class AppCaches {
  readonly sessions = new LruCache<string, CachedSession>(20_000, 60_000);
  readonly tokens = new LruCache<string, CachedToken>(5_000, 60_000);
  readonly councilRoles = new LruCache<string, CouncilRoleRow[]>(20_000, 60_000);
  readonly groups = new LruCache<string, GroupSnapshot>(2_000, 300_000);
  private generation = 0;

  constructor(private readonly feed: ChangeFeed) {
    feed.subscribe((change) => this.evict(change));
    feed.onReset(() => this.clear());
  }

  get enabled(): boolean {
    return this.feed.healthy;
  }

  private readonly inflight = new WeakMap<object, Map<unknown, Promise<unknown>>>();

  /**
   * Reads through the cache: `load` runs on a miss, and its result is kept unless a change
   * arrived meanwhile. Concurrent misses of one key share one load (no stampede when many
   * people open the same page at once).
   */
  async read<K, V>(cache: LruCache<K, V>, key: K, load: () => Promise<V | undefined>): Promise<V | undefined> {
    if (!this.enabled) return load();
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    let pending = this.inflight.get(cache);
    if (!pending) this.inflight.set(cache, (pending = new Map()));
    const shared = pending.get(key) as Promise<V | undefined> | undefined;
    if (shared) return shared;
    const generation = this.generation;
    const loading = load().then((value) => {
      if (value !== undefined && generation === this.generation && this.enabled) cache.set(key, value);
      return value;
    });
    pending.set(key, loading);
    try {
      return await loading;
    } finally {
      pending.delete(key);
    }
  }

  clear() {
    this.generation++;
    this.sessions.clear();
    this.tokens.clear();
    this.councilRoles.clear();
    this.groups.clear();
  }

  private evict({ table, keys }: Change) {
    this.generation++;
    const ids = (...names: string[]) => new Set(names.flatMap((n) => (keys[n] ? [keys[n] as string] : [])));
    switch (table) {
      case 'sessions':
        for (const id of ids('id')) this.sessions.delete(id);
        break;
      case 'users': {
        const users = ids('id');
        this.sessions.deleteWhere((s) => users.has(s.user.id));
        this.tokens.deleteWhere((t) => users.has(t.user.id));
        this.groups.deleteWhere((g) => [...users].some((u) => g.roles.has(u)));
        break;
      }
      case 'api_tokens': {
        const users = ids('user_id');
        this.tokens.deleteWhere((t) => users.has(t.user.id));
        break;
      }
      case 'council_roles':
        for (const id of ids('user_id', 'old_user_id')) this.councilRoles.delete(id);
        break;
      case 'study_groups': {
        const groups = ids('id');
        this.groups.deleteWhere((g) => groups.has(g.group.id) || (g.group.parentGroupId !== null && groups.has(g.group.parentGroupId)));
        break;
      }
      case 'group_memberships':
      case 'study_group_co_chairs':
      case 'meetings': {
        const groups = ids('group_id', 'old_group_id');
        // A sub-group's snapshot holds its parent's co-chairs.
        this.groups.deleteWhere((g) => groups.has(g.group.id) || (g.group.parentGroupId !== null && groups.has(g.group.parentGroupId)));
        break;
      }
      default:
        // Committees, councils, SC meetings: rare changes that many groups show.
        this.groups.clear();
    }
  }
}
