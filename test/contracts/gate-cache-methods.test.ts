import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cacheGateState, unclassifiedStoreMethods } from '../../src/api/cached-stores.js';
import type { Stores } from '../../src/ports/stores.js';
import { ENGINES, openFreshStores } from '../support/open-both-engines.js';

/**
 * The gate cache tells reads from writes by method name: a method it does not know counts as a
 * write and empties the cache whenever it is called (a visible helper a read calls would empty
 * it on every read; a synchronous helper would be turned into one that returns a promise). So
 * every public method of every watched store, on each engine, must be listed as a read or a
 * write, and every listed name must still exist.
 */
for (const engine of ENGINES) {
  describe(`gate cache: every watched store method is a known read or write (${engine})`, () => {
    let stores: Stores;
    before(async () => {
      stores = await openFreshStores(engine);
    });
    after(async () => {
      await stores.close();
    });

    it('lists no method that is neither a read nor a write, and no name a store lacks', () => {
      assert.deepEqual(unclassifiedStoreMethods(stores), []);
    });

    it('runs uncached reads on the store itself (its #private helpers work through the cache)', async () => {
      const { cachedStores } = cacheGateState(stores);
      // Neither is served from memory; both use ES #private members of their store.
      assert.deepEqual(await cachedStores.governance.changes.listApprovalsOfChanges(['CHG-404']), []);
      assert.deepEqual(await cachedStores.alerts.listEvents(404), []);
      assert.deepEqual(unclassifiedStoreMethods(stores), []);
    });
  });
}
