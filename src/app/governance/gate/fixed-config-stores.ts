import type { Stores } from '../../../ports/stores.js';

/**
 * The store object with some members replaced; its other methods run on the store itself
 * (bound, so a store's #private members still resolve).
 */
function overrideMembers<T extends object>(store: T, members: Partial<T>): T {
  return new Proxy(store, {
    get: (target, property) => {
      if (Object.hasOwn(members, property)) return members[property as keyof T];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The same stores, with the set-up every gate decision reads (the current catalogue, policy
 * and rate card, and the freezes) each read once. Only for a writer that holds the database
 * alone and changes none of these while it runs: the demo loader, which applied them all
 * itself before its events. Reading (and parsing) them again is most of a decision's cost.
 */
export async function withFixedGateSetUp(stores: Stores): Promise<Stores> {
  const catalog = await stores.catalog.currentCatalog();
  const policy = await stores.governance.currentPolicy();
  const rateCard = await stores.governance.rateCards.currentRateCard();
  const freezes = await stores.governance.changes.listFreezes();
  const { governance } = stores;
  return {
    ...stores,
    transaction: (work) => stores.transaction(work),
    close: () => stores.close(),
    catalog: overrideMembers(stores.catalog, { currentCatalog: async () => catalog }),
    governance: overrideMembers(governance, {
      currentPolicy: async () => policy,
      rateCards: overrideMembers(governance.rateCards, { currentRateCard: async () => rateCard }),
      changes: overrideMembers(governance.changes, { listFreezes: async () => freezes }),
    }),
  };
}
