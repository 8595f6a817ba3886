import { AsyncLocalStorage } from 'node:async_hooks';
import type { DeploymentCost } from '../core/governance/deployments/deployment-cost-model.js';
import type { DeploymentRecord } from '../core/governance/deployments/deployment-record.js';
import type { CostedDeployment } from '../core/governance/deployments/unit-costs.js';
import type { DeploymentFilter } from '../ports/deployment-store.js';
import type { Stores } from '../ports/stores.js';
import { addToDeploymentList, deploymentMatches, toStoredDeployment } from './deployment-list-patch.js';

/**
 * The state every gate decision and every authenticated request reads (catalogue, policy,
 * change requests, approvals, freezes, break-glass, tokens, users), and the bill reads behind a
 * release's spend so far, kept in memory so that a decision costs no database read.
 *
 * Correctness before speed:
 * 1. Only an embedded database may be cached: `tollgate serve` holds the DuckDB file alone, so
 *    every write to it passes through this process's stores (a shared PostgreSQL database is
 *    never cached; see buildServer).
 * 2. The write methods of the watched stores are wrapped on the store objects themselves, so
 *    every holder of these stores (routes, jobs, the scheduler, tests) invalidates the cache.
 *    A method not known to be a read counts as a write (so a store's own helpers are ES
 *    `#private`: a visible helper a read calls would empty the cache on every read). Every method
 *    is listed as a read or a write (READS, WRITES); a contract test fails on one in neither.
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
 * 6. Reads fall in groups, each emptied only by writes to the stores it depends on: the gate's
 *    state (above), and the bill a release's spend so far is measured from (cost lines, loads,
 *    allocation runs, rates, releases, catalogue, rate card). The webhook channels a gate
 *    denial's notice goes to are a third group, emptied by alert writes.
 * 7. Deployment lists are a fourth group, and a recorded deployment does not empty it: once
 *    its transaction has committed, each cached list the deployment belongs in gets it added
 *    in memory, in the store's order (deployment-list-patch.ts), before the writer's caller
 *    sees the commit. A webhook delivery then leaves every release's spend readable from
 *    memory: the gate measures it again without a database read (the bill group stays), where
 *    emptying the lists made every decision after a delivery wait behind the dashboard's long
 *    reads for them. A deployment whose stored form is not certain (see toStoredDeployment)
 *    empties the group as any other write does; drawing deployment ids changes no list.
 */
export interface GateStateCache {
  /** The same stores, reading the watched state from memory. */
  cachedStores: Stores;
  /** Empties the cache (writes do this themselves). */
  invalidate(): void;
  /** Reads served from memory and loads from the database, since start (all groups). */
  counts(): { hits: number; loads: number };
  /**
   * The bill's data version: a number that changes whenever the bill group is emptied (a
   * write to any of its stores: when called, when it returns, when its transaction settles).
   * Equal numbers mean no such write came in between.
   */
  billVersion(): number;
}

/** The watched stores, by their path in Stores. */
type StorePath =
  | 'catalog'
  | 'governance'
  | 'governance.rateCards'
  | 'governance.changes'
  | 'governance.deployments'
  | 'governance.releases'
  | 'access.tokens'
  | 'access.users'
  | 'costs'
  | 'state'
  | 'allocation.runs'
  | 'exchangeRates'
  | 'alerts';

/** The read methods of each watched store; all its other methods count as writes. */
const READS: Record<StorePath, readonly string[]> = {
  catalog: ['currentCatalog', 'getCatalogVersion', 'listCatalogVersions'],
  governance: ['currentPolicy', 'releaseTagCosts'],
  'governance.rateCards': ['currentRateCard'],
  'governance.changes': [
    'getChange',
    'getChanges',
    'listChanges',
    'listApprovals',
    'listApprovalsOfChanges',
    'listFreezes',
    'listBreakGlass',
  ],
  'governance.deployments': [
    'findDeploymentByDeliveryKey',
    'findDeploymentIdsByDeliveryKeys',
    'getDeployment',
    'listDeployments',
  ],
  'governance.releases': [
    'getRelease',
    'listReleases',
    'getReleaseClosing',
    'listTimeEntries',
    'listBaselines',
  ],
  'access.tokens': ['getToken', 'listTokens'],
  'access.users': ['getUser', 'getUserById', 'listUsers'],
  costs: ['queryCosts', 'countLoadLines'],
  state: ['getLoad', 'findLoadByHash', 'listLoads', 'findCurrentPeriods'],
  'allocation.runs': ['listRuns', 'currentRun', 'kindTotals', 'ownerTotals', 'ownerSourceTotals'],
  exchangeRates: ['listRates', 'listCurrencies'],
  alerts: [
    'findActiveAlert',
    'getAlert',
    'listAlerts',
    'listEvents',
    'activeSilences',
    'listWebhooks',
    'pendingDeliveries',
    'listAttempts',
  ],
};

/**
 * The write methods of each watched store. Every other method counts as a write too (safe, but a
 * read counted as a write empties the cache on every call); the gate cache contract test fails
 * on a method in neither list, so a new store method must be classified here.
 */
const WRITES: Record<StorePath, readonly string[]> = {
  catalog: ['saveCatalog'],
  governance: ['savePolicy'],
  'governance.rateCards': ['saveRateCard'],
  'governance.changes': [
    'nextChangeId',
    'nextFreezeId',
    'nextBreakGlassId',
    'insertChange',
    'setChangeStatus',
    'insertApproval',
    'insertFreeze',
    'insertBreakGlass',
  ],
  'governance.deployments': [
    'nextDeploymentId',
    'nextDeploymentIds',
    'insertDeployment',
    'insertDeployments',
  ],
  'governance.releases': ['insertRelease', 'closeRelease', 'insertTimeEntry', 'insertBaseline'],
  'access.tokens': ['insertToken', 'revokeToken', 'revokeUserTokens'],
  'access.users': ['addUser', 'removeUser'],
  costs: ['importStagedLines', 'deleteLoadLines', 'refreshAllocatedRollups'],
  state: ['nextLoadId', 'insertLoad', 'markPeriodReplaced', 'refreshLoadStatus', 'markLoadRemoved'],
  'allocation.runs': [
    'periodInputs',
    'computeAllocation',
    'computeInTransaction',
    'insertRows',
    'resetPreview',
    'deletePeriodAllocation',
    'nextRunId',
    'insertRun',
    'markRunsReplaced',
  ],
  exchangeRates: ['saveRates'],
  alerts: [
    'openAlert',
    'touchAlert',
    'resolveAlert',
    'acknowledgeAlert',
    'addSilence',
    'addWebhook',
    'removeWebhook',
    'queueDeliveries',
    'requeueDeliveries',
    'recordAttempt',
  ],
};

interface Group {
  /** Writes to these stores empty the group. */
  emptiedBy: readonly StorePath[];
  /** The reads served from memory (store -> methods). */
  serves: Partial<Record<StorePath, readonly string[]>>;
}

const GROUPS: Record<'gate' | 'bill' | 'deployments' | 'channels', Group> = {
  gate: {
    emptiedBy: [
      'catalog',
      'governance',
      'governance.rateCards',
      'governance.changes',
      'access.tokens',
      'access.users',
    ],
    serves: {
      catalog: ['currentCatalog'],
      governance: ['currentPolicy'],
      'governance.rateCards': ['currentRateCard'],
      'governance.changes': ['getChange', 'listChanges', 'listApprovals', 'listFreezes', 'listBreakGlass'],
      'access.tokens': ['getToken'],
      'access.users': ['getUserById'],
    },
  },
  bill: {
    emptiedBy: [
      'catalog',
      'governance.rateCards',
      'governance.releases',
      'costs',
      'state',
      'allocation.runs',
      'exchangeRates',
    ],
    serves: {
      governance: ['releaseTagCosts'],
      'governance.releases': [
        'getRelease',
        'listReleases',
        'getReleaseClosing',
        'listTimeEntries',
        'listBaselines',
      ],
      costs: ['queryCosts'],
      exchangeRates: ['listRates'],
    },
  },
  // Deployment lists: a recorded deployment is added to them, not emptying them (point 7).
  deployments: {
    emptiedBy: ['governance.deployments'],
    serves: { 'governance.deployments': ['listDeployments'] },
  },
  // The channels a gate denial's notice goes to (read once per batch of decisions).
  channels: {
    emptiedBy: ['alerts'],
    serves: { alerts: ['listWebhooks'] },
  },
};

/** What a transaction has done to the cached groups so far. */
interface TransactionMark {
  /** Groups this transaction has uncommitted writes to (counted in their writersPending). */
  pending: Set<ReadCache>;
  /** Groups emptied again when it commits or rolls back. */
  wrote: Set<ReadCache>;
  /** Deployments it inserted, added to the cached lists once it has committed. */
  added: CostedDeployment[];
}

/** Writes that change no cached read: drawing numbers from a sequence. */
const CHANGE_NO_READ: Partial<Record<StorePath, readonly string[]>> = {
  'governance.deployments': ['nextDeploymentId', 'nextDeploymentIds'],
};

type DeploymentInsert = { record: DeploymentRecord; cost: DeploymentCost };

/** The deployment store's inserts, and the deployments each call's arguments insert. */
const ADDS_DEPLOYMENTS: Record<string, (args: unknown[]) => DeploymentInsert[]> = {
  insertDeployment: ([record, cost]) => [
    { record: record as DeploymentRecord, cost: cost as DeploymentCost },
  ],
  insertDeployments: ([list]) => list as DeploymentInsert[],
};

/** The key prefix of the cached deployment lists. */
const DEPLOYMENT_LISTS = 'governance.deployments.listDeployments:';

/** Beyond this many entries (distinct filters and ids) a group starts afresh. */
const MAX_ENTRIES = 10_000;

const caches = new WeakMap<Stores, GateStateCache>();
/** The cache each cached view reads through (the view, not the stores it wraps). */
const views = new WeakMap<Stores, GateStateCache>();

class ReadCache {
  private readonly entries = new Map<string, Promise<unknown>>();
  hits = 0;
  loads = 0;
  /** Transactions that wrote this group's stores and have not committed or rolled back yet. */
  writersPending = 0;
  /** Counts the emptyings: the group's data version. */
  version = 0;

  invalidate(): void {
    this.version += 1;
    this.entries.clear();
  }

  /**
   * Brings every cached entry whose key starts with `prefix` up to date: `update` gets the
   * entry's arguments and says how its value changes (a function of the value), that it stays
   * as it is (false), or that it must be read again (undefined: the entry is removed).
   */
  patch(
    prefix: string,
    update: (args: unknown[]) => ((value: unknown) => unknown) | false | undefined,
  ): void {
    for (const [key, value] of [...this.entries]) {
      if (!key.startsWith(prefix)) continue;
      const change = update(JSON.parse(key.slice(prefix.length)) as unknown[]);
      if (change === false) continue;
      if (change === undefined) this.entries.delete(key);
      else
        this.keep(
          key,
          value.then((current) => deepFreeze(change(current))),
        );
    }
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
    return this.keep(key, load().then(deepFreeze));
  }

  /** Caches the value under the key; a failed read is not kept. */
  private keep<T>(key: string, value: Promise<T>): Promise<T> {
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

function storeAt(stores: Stores, path: StorePath): object {
  return path.split('.').reduce<object>((store, key) => (store as Record<string, object>)[key]!, stores);
}

/**
 * Wraps the watched stores' writes and the transaction in place, and returns a view of the
 * same stores whose cached reads come from memory. Wrapping the same stores twice returns
 * the first cache.
 */
export function cacheGateState(stores: Stores): GateStateCache {
  const existing = caches.get(stores);
  if (existing) return existing;
  const groups = {
    gate: new ReadCache(),
    bill: new ReadCache(),
    deployments: new ReadCache(),
    channels: new ReadCache(),
  };
  const all = Object.values(groups);
  const inTransaction = new AsyncLocalStorage<TransactionMark>();

  const emptiedBy = (path: StorePath) =>
    (Object.keys(GROUPS) as (keyof typeof GROUPS)[])
      .filter((name) => GROUPS[name].emptiedBy.includes(path))
      .map((name) => groups[name]);

  /** Counts the transaction as a writer of the group until it commits or rolls back. */
  const markPending = (mark: TransactionMark | undefined, group: ReadCache) => {
    if (mark && !mark.pending.has(group)) {
      mark.pending.add(group);
      group.writersPending += 1;
    }
  };

  /** Adds committed deployments to every cached list they belong in (point 7). */
  const addDeployments = (added: readonly CostedDeployment[]) =>
    groups.deployments.patch(DEPLOYMENT_LISTS, (args) => {
      const filter = (args[0] ?? {}) as DeploymentFilter;
      const matches = added.map((deployment) => deploymentMatches(filter, deployment));
      if (matches.includes(undefined)) return undefined;
      const mine = added.filter((_, index) => matches[index]);
      if (mine.length === 0) return false;
      return (list) => addToDeploymentList(list as CostedDeployment[], mine);
    });

  const watch = (path: StorePath) => {
    const store = storeAt(stores, path);
    const target = store as Record<string, AnyMethod>;
    const emptied = emptiedBy(path);
    for (const name of methodNames(store)) {
      if (READS[path].includes(name) || CHANGE_NO_READ[path]?.includes(name)) continue;
      const write = target[name]!.bind(store);
      const empty = async (args: unknown[]) => {
        const mark = inTransaction.getStore();
        for (const group of emptied) {
          markPending(mark, group);
          mark?.wrote.add(group);
          group.invalidate();
        }
        try {
          return await write(...args);
        } finally {
          for (const group of emptied) group.invalidate();
        }
      };
      const inserted = path === 'governance.deployments' ? ADDS_DEPLOYMENTS[name] : undefined;
      target[name] = !inserted
        ? (...args: unknown[]) => empty(args)
        : async (...args: unknown[]) => {
            const added = inserted(args).map(({ record, cost }) => toStoredDeployment(record, cost));
            if (!added.every((deployment) => deployment !== undefined)) return empty(args);
            const mark = inTransaction.getStore();
            if (mark) {
              // Added once the transaction commits; until then its own reads go to the database.
              markPending(mark, groups.deployments);
              const result = await write(...args);
              mark.added.push(...added);
              return result;
            }
            try {
              const result = await write(...args);
              addDeployments(added);
              return result;
            } catch (error) {
              groups.deployments.invalidate();
              throw error;
            }
          };
    }
  };
  for (const path of Object.keys(READS) as StorePath[]) watch(path);

  const transaction = stores.transaction.bind(stores);
  stores.transaction = <T>(work: () => Promise<T>): Promise<T> => {
    if (inTransaction.getStore()) return transaction(work);
    const mark: TransactionMark = { pending: new Set(), wrote: new Set(), added: [] };
    const settle = (committed: boolean) => {
      if (committed && mark.added.length > 0) addDeployments(mark.added);
      for (const group of mark.pending) group.writersPending -= 1;
      for (const group of mark.wrote) group.invalidate();
    };
    // The mark travels with the work itself: a queued transaction may run in another's context.
    // A work run again (its shared commit failed) starts with nothing added.
    return transaction(() => {
      mark.added = [];
      return inTransaction.run(mark, work);
    }).then(
      (result) => {
        settle(true);
        return result;
      },
      (error: unknown) => {
        settle(false);
        throw error;
      },
    );
  };

  /** A view on the store itself: every method it does not cache is the store's own. */
  const view = <S extends object>(store: S, path: StorePath): S => {
    const cached: S = Object.create(store);
    const methods: Record<string, AnyMethod> = cached as Record<string, AnyMethod>;
    // Every method runs on the store itself, not on the view: a store's ES #private members
    // exist only on the store (called on the view, a method using them throws).
    for (const name of methodNames(store))
      methods[name] = (store as Record<string, AnyMethod>)[name]!.bind(store);
    for (const [name, group] of Object.entries(GROUPS) as [keyof typeof GROUPS, Group][]) {
      const cache = groups[name];
      for (const method of group.serves[path] ?? []) {
        const read = (store as Record<string, AnyMethod>)[method]!.bind(store);
        methods[method] = (...args: unknown[]) => {
          // In a transaction while this group's writes are uncommitted (its own or, in a shared
          // commit, another's), only the database knows what this transaction should see.
          const transaction = inTransaction.getStore();
          if (transaction && cache.writersPending > 0) return read(...args);
          return cache.read(`${path}.${method}:${JSON.stringify(args)}`, () => read(...args), !transaction);
        };
      }
    }
    return cached;
  };
  const governance = view(stores.governance, 'governance');
  for (const key of ['changes', 'rateCards', 'deployments', 'releases'] as const)
    Object.defineProperty(governance, key, { value: view(stores.governance[key], `governance.${key}`) });
  const access = Object.create(stores.access) as Stores['access'];
  Object.defineProperty(access, 'tokens', { value: view(stores.access.tokens, 'access.tokens') });
  Object.defineProperty(access, 'users', { value: view(stores.access.users, 'access.users') });
  const cachedStores: Stores = {
    ...stores,
    catalog: view(stores.catalog, 'catalog'),
    costs: view(stores.costs, 'costs'),
    alerts: view(stores.alerts, 'alerts'),
    exchangeRates: view(stores.exchangeRates, 'exchangeRates'),
    governance,
    access,
  };
  const result: GateStateCache = {
    cachedStores,
    invalidate: () => {
      for (const group of all) group.invalidate();
    },
    counts: () => ({
      hits: all.reduce((sum, group) => sum + group.hits, 0),
      loads: all.reduce((sum, group) => sum + group.loads, 0),
    }),
    billVersion: () => groups.bill.version,
  };
  caches.set(stores, result);
  views.set(cachedStores, result);
  return result;
}

/** The read cache a cached view reads through; undefined for any other stores (PostgreSQL's). */
export function readCacheOf(view: Stores): GateStateCache | undefined {
  return views.get(view);
}

/**
 * The methods of the watched stores that are neither a known read nor a known write, and the
 * listed names no store has (`path.method`). Empty when every method is classified.
 */
export function unclassifiedStoreMethods(stores: Stores): string[] {
  const found: string[] = [];
  for (const path of Object.keys(READS) as StorePath[]) {
    const names = methodNames(storeAt(stores, path));
    for (const name of names)
      if (!READS[path].includes(name) && !WRITES[path].includes(name)) found.push(`${path}.${name}`);
    for (const name of [...READS[path], ...WRITES[path]])
      if (!names.includes(name)) found.push(`${path}.${name} (listed, not found)`);
  }
  return found;
}
