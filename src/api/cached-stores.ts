import { AsyncLocalStorage } from 'node:async_hooks';
import type { Stores } from '../ports/stores.js';

/**
 * The state every gate decision and every authenticated request reads (catalogue, policy,
 * change requests, approvals, freezes, break-glass, tokens, users), kept in memory so that a
 * decision costs no database read.
 *
 * Correctness before speed:
 * 1. Only an embedded database may be cached: `tollgate serve` holds the DuckDB file alone, so
 *    every write to it passes through this process's stores (a shared PostgreSQL database is
 *    never cached; see buildServer).
 * 2. The write methods of the watched stores are wrapped on the store objects themselves, so
 *    every holder of these stores (routes, jobs, the scheduler, tests) invalidates the cache.
 *    A method not known to be a read counts as a write.
 * 3. A write empties the cache when it is called, when it returns and, when it ran inside a
 *    transaction, when that transaction has committed or rolled back. A read that raced with
 *    the write may be cached again before the commit; the last emptying removes it, and it
 *    happens before the writer's caller (the HTTP answer) sees the commit. So once an approval
 *    or a freeze has been acknowledged, the next decision reads it.
 * 4. Inside a transaction a cached value is used only while no transaction has uncommitted
 *    writes of the watched state, and a value read there is never cached: a transaction sees
 *    its own (and, in a shared commit, its predecessors') uncommitted writes; others must not.
 * 5. Cached values are deeply frozen: a caller that tried to change a shared value would throw
 *    instead of corrupting the next caller's answer.
 */
export interface GateStateCache {
  /** The same stores, reading the watched state from memory. */
  cachedStores: Stores;
  /** Empties the cache (writes do this themselves). */
  invalidate(): void;
  /** Reads served from memory and loads from the database, since start. */
  counts(): { hits: number; loads: number };
}

/** Reads of each watched store; all its other methods count as writes. */
const WATCHED = {
  catalog: ['currentCatalog', 'getCatalogVersion', 'listCatalogVersions'],
  governance: ['currentPolicy', 'releaseTagCosts'],
  rateCards: ['currentRateCard'],
  changes: ['getChange', 'listChanges', 'listApprovals', 'listFreezes', 'listBreakGlass'],
  tokens: ['getToken', 'listTokens'],
  users: ['getUser', 'getUserById', 'listUsers'],
} as const;

/** Reads served from memory in the cached view (store -> methods). */
const CACHED = {
  catalog: ['currentCatalog'],
  governance: ['currentPolicy'],
  rateCards: ['currentRateCard'],
  changes: ['getChange', 'listChanges', 'listApprovals', 'listFreezes', 'listBreakGlass'],
  tokens: ['getToken'],
  users: ['getUserById'],
} as const;

/** Beyond this many entries (distinct filters and ids) the cache starts afresh. */
const MAX_ENTRIES = 10_000;

const caches = new WeakMap<Stores, GateStateCache>();

class ReadCache {
  private readonly entries = new Map<string, Promise<unknown>>();
  hits = 0;
  loads = 0;

  invalidate(): void {
    this.entries.clear();
  }

  read<T>(key: string, load: () => Promise<T>, fill = true): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      this.hits += 1;
      return hit as Promise<T>;
    }
    this.loads += 1;
    if (!fill) return load();
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const value = load().then(deepFreeze);
    this.entries.set(key, value);
    value.catch(() => {
      if (this.entries.get(key) === value) this.entries.delete(key);
    });
    return value;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

// biome-ignore lint/suspicious/noExplicitAny: store methods of every shape are wrapped alike
type AnyMethod = (...args: any[]) => Promise<any>;

/** The methods of an object and its prototype chain (class instances keep them on the prototype). */
function methodNames(target: object): string[] {
  const names = new Set<string>();
  for (let proto = target; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto))
    for (const name of Object.getOwnPropertyNames(proto))
      if (name !== 'constructor' && typeof (target as Record<string, unknown>)[name] === 'function')
        names.add(name);
  return [...names];
}

/**
 * Wraps the watched stores' writes and the transaction in place, and returns a view of the
 * same stores whose watched reads come from memory. Wrapping the same stores twice returns
 * the first cache.
 */
export function cacheGateState(stores: Stores): GateStateCache {
  const existing = caches.get(stores);
  if (existing) return existing;
  const cache = new ReadCache();
  const inTransaction = new AsyncLocalStorage<{ wrote: boolean }>();
  /** Transactions that wrote watched state and have not committed or rolled back yet. */
  let writersPending = 0;

  const watch = (store: object, reads: readonly string[]) => {
    const target = store as Record<string, AnyMethod>;
    for (const name of methodNames(store)) {
      if (reads.includes(name)) continue;
      const write = target[name]!.bind(store);
      target[name] = async (...args: unknown[]) => {
        const mark = inTransaction.getStore();
        if (mark && !mark.wrote) {
          mark.wrote = true;
          writersPending += 1;
        }
        cache.invalidate();
        try {
          return await write(...args);
        } finally {
          cache.invalidate();
        }
      };
    }
  };
  watch(stores.catalog, WATCHED.catalog);
  watch(stores.governance, WATCHED.governance);
  watch(stores.governance.rateCards, WATCHED.rateCards);
  watch(stores.governance.changes, WATCHED.changes);
  watch(stores.access.tokens, WATCHED.tokens);
  watch(stores.access.users, WATCHED.users);

  const transaction = stores.transaction.bind(stores);
  stores.transaction = <T>(work: () => Promise<T>): Promise<T> => {
    if (inTransaction.getStore()) return transaction(work);
    const mark = { wrote: false };
    // The mark travels with the work itself: a queued transaction may run in another's context.
    return transaction(() => inTransaction.run(mark, work)).finally(() => {
      if (!mark.wrote) return;
      writersPending -= 1;
      cache.invalidate();
    });
  };

  const view = <S extends object>(store: S, prefix: string, reads: readonly string[]): S => {
    // A view on the store itself: every method it does not cache is the store's own.
    const cached: S = Object.create(store);
    const methods: Record<string, AnyMethod> = cached as Record<string, AnyMethod>;
    for (const name of reads) {
      const read = (store as Record<string, AnyMethod>)[name]!.bind(store);
      methods[name] = (...args: unknown[]) => {
        // In a transaction while watched writes are uncommitted (its own or, in a shared
        // commit, another's), only the database knows what this transaction should see.
        const transaction = inTransaction.getStore();
        if (transaction && writersPending > 0) return read(...args);
        return cache.read(`${prefix}.${name}:${JSON.stringify(args)}`, () => read(...args), !transaction);
      };
    }
    return cached;
  };
  const governance = view(stores.governance, 'governance', CACHED.governance);
  Object.defineProperty(governance, 'changes', {
    value: view(stores.governance.changes, 'changes', CACHED.changes),
  });
  Object.defineProperty(governance, 'rateCards', {
    value: view(stores.governance.rateCards, 'rateCards', CACHED.rateCards),
  });
  const access = Object.create(stores.access) as Stores['access'];
  Object.defineProperty(access, 'tokens', { value: view(stores.access.tokens, 'tokens', CACHED.tokens) });
  Object.defineProperty(access, 'users', { value: view(stores.access.users, 'users', CACHED.users) });
  const cachedStores: Stores = {
    ...stores,
    catalog: view(stores.catalog, 'catalog', CACHED.catalog),
    governance,
    access,
  };
  const result: GateStateCache = {
    cachedStores,
    invalidate: () => cache.invalidate(),
    counts: () => ({ hits: cache.hits, loads: cache.loads }),
  };
  caches.set(stores, result);
  return result;
}
