import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Stores } from '../../src/ports/stores.js';
import type { StoresFactory } from './cost-store.contract.js';

/** The contract every ExchangeRateStore adapter must keep. */
export function runExchangeRateStoreContract(adapter: string, openStores: StoresFactory): void {
  describe(`ExchangeRateStore contract: ${adapter}`, () => {
    async function withStores(work: (stores: Stores) => Promise<void>): Promise<void> {
      const stores = await openStores();
      try {
        await work(stores);
      } finally {
        await stores.close();
      }
    }

    it('lists no currencies while no rate is stored', () =>
      withStores(async (stores) => {
        assert.deepEqual(await stores.exchangeRates.listCurrencies(), []);
      }));

    it('lists each currency of either side of a stored pair once, sorted, whatever the days', () =>
      withStores(async (stores) => {
        await stores.exchangeRates.saveRates(
          [
            { date: '2026-01-01', from: 'USD', to: 'EUR', rate: '0.9123456789012345' },
            { date: '2026-01-02', from: 'USD', to: 'EUR', rate: '0.91' },
            { date: '2026-01-01', from: 'GBP', to: 'USD', rate: '1.27' },
            { date: '2025-12-31', from: 'JPY', to: 'GBP', rate: '0.0052' },
          ],
          'contract',
        );
        assert.deepEqual(await stores.exchangeRates.listCurrencies(), ['EUR', 'GBP', 'JPY', 'USD']);
        // The rates themselves are untouched by the listing.
        assert.equal((await stores.exchangeRates.listRates({})).length, 4);
      }));

    it('a rate saved again for its day and pair adds no currency', () =>
      withStores(async (stores) => {
        const rate = { date: '2026-01-01', from: 'CHF', to: 'EUR', rate: '1.05' };
        await stores.exchangeRates.saveRates([rate], 'first');
        await stores.exchangeRates.saveRates([{ ...rate, rate: '1.06' }], 'second');
        assert.deepEqual(await stores.exchangeRates.listCurrencies(), ['CHF', 'EUR']);
      }));
  });
}
