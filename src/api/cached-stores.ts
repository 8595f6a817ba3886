import type { Stores } from '../ports/stores.js';

/**
 * The stores the API hands to read-heavy use cases (the gate asks for the catalogue and the
 * policy on every decision): the current catalogue and policy are kept for `ttlMs`, every
 * other call goes straight through. While `tollgate serve` runs it holds the embedded
 * database alone, so a new catalogue or policy can only arrive through this process and is
 * seen within `ttlMs`.
 */
export function cacheCurrentVersions(stores: Stores, ttlMs: number): Stores {
  const cached = <T>(load: () => Promise<T>): (() => Promise<T>) => {
    let value: Promise<T> | undefined;
    let loadedAt = 0;
    return () => {
      const now = performance.now();
      if (!value || now - loadedAt > ttlMs) {
        loadedAt = now;
        value = load();
        value.catch(() => {
          value = undefined;
        });
      }
      return value;
    };
  };
  const catalog = Object.create(stores.catalog) as Stores['catalog'];
  catalog.currentCatalog = cached(() => stores.catalog.currentCatalog());
  const governance = Object.create(stores.governance) as Stores['governance'];
  governance.currentPolicy = cached(() => stores.governance.currentPolicy());
  return { ...stores, catalog, governance };
}
