import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FocusDatasetRecord } from '../../src/ports/focus-dataset-store.js';
import type { Stores } from '../../src/ports/stores.js';
import type { StoresFactory } from './cost-store.contract.js';

function commitment(id: string, cost: string, row: number): FocusDatasetRecord {
  return {
    recordKey: JSON.stringify([id]),
    periodStart: '2026-01-01T00:00:00Z',
    periodEnd: '2027-01-01T00:00:00Z',
    amount: cost,
    currency: 'EUR',
    label: 'Spend',
    attributes: { ContractCommitmentId: id, ContractCommitmentCost: cost, Note: null, Quote: 'a "b" ✓' },
    sourceFile: '/exports/commitments.csv',
    sourceRow: row,
  };
}

/** The contract every FocusDatasetStore adapter must keep. */
export function runFocusDatasetStoreContract(adapter: string, openStores: StoresFactory): void {
  describe(`FocusDatasetStore contract: ${adapter}`, () => {
    async function withStores(work: (stores: Stores) => Promise<void>): Promise<void> {
      const stores = await openStores();
      try {
        await work(stores);
      } finally {
        await stores.close();
      }
    }

    it('keeps records exactly (decimals to the 16th place, attributes as given) and lists them in period order', () =>
      withStores(async (stores) => {
        const big = '123456789012345678.0123456789012345';
        const later = { ...commitment('cc-2', '0.0000000000000001', 2), periodStart: '2026-06-01T00:00:00Z' };
        assert.deepEqual(
          await stores.focusDatasets.replaceRecords('contract-commitment', [
            later,
            commitment('cc-1', big, 1),
          ]),
          { replaced: 0 },
        );
        const listed = await stores.focusDatasets.listRecords('contract-commitment', { limit: 10 });
        assert.deepEqual(
          listed.map(({ loadedAt, ...record }) => {
            assert.match(loadedAt, /^\d{4}-\d{2}-\d{2}T/);
            return record;
          }),
          [commitment('cc-1', big, 1), later],
        );
        assert.deepEqual(await stores.focusDatasets.listRecords('invoice-detail', { limit: 10 }), []);
        assert.equal((await stores.focusDatasets.listRecords('contract-commitment', { limit: 1 })).length, 1);
      }));

    it('replaces a record with the same key instead of adding a second one', () =>
      withStores(async (stores) => {
        await stores.focusDatasets.replaceRecords('contract-commitment', [commitment('cc-1', '10', 1)]);
        const again = await stores.focusDatasets.replaceRecords('contract-commitment', [
          commitment('cc-1', '12.5', 4),
          commitment('cc-3', '1', 5),
        ]);
        assert.deepEqual(again, { replaced: 1 });
        const listed = await stores.focusDatasets.listRecords('contract-commitment', { limit: 10 });
        assert.deepEqual(
          listed.map((record) => [record.recordKey, record.amount, record.sourceRow]),
          [
            ['["cc-1"]', '12.5', 4],
            ['["cc-3"]', '1', 5],
          ],
        );
      }));

    it('keeps each dataset in its own table, nulls as nulls', () =>
      withStores(async (stores) => {
        await stores.focusDatasets.replaceRecords('billing-period', [
          {
            recordKey: '["acct",null,"2026-01-01"]',
            periodStart: '2026-01-01T00:00:00Z',
            periodEnd: null,
            amount: null,
            currency: null,
            label: 'Open',
            attributes: { BillingPeriodStatus: 'Open' },
            sourceFile: 'periods.csv',
            sourceRow: 1,
          },
        ]);
        const [period] = await stores.focusDatasets.listRecords('billing-period', { limit: 10 });
        assert.equal(period?.amount, null);
        assert.equal(period?.periodEnd, null);
        assert.deepEqual(await stores.focusDatasets.listRecords('contract-commitment', { limit: 10 }), []);
      }));
  });
}
