import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Licence, VendorContract } from '../../src/core/contracts/contract-model.js';
import type { ContractStore } from '../../src/ports/contract-store.js';

export interface ContractContractStores {
  contracts: ContractStore;
  transaction<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const contract = (overrides: Partial<VendorContract> = {}): VendorContract => ({
  id: 'C-1',
  vendor: 'Datadog',
  ownerTeam: 'platform',
  currency: 'USD',
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  noticeDays: 60,
  autoRenews: true,
  committedSpend: '123456.7890123456789012',
  escalationPercent: '3.5',
  monthlyFee: '10000',
  slas: [],
  ...overrides,
});

const licence: Licence = {
  id: 'C-1',
  product: 'IDE',
  publisher: null,
  metric: 'seats',
  quantity: 10,
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  price: '1000',
  currency: 'EUR',
  contractId: 'C-1',
  ownerTeam: 'platform',
};

/** What every engine's contract registers must do: versions per register and id, the newest is current, records exact. */
export function runContractStoreContract(engine: string, open: () => Promise<ContractContractStores>): void {
  describe(`ContractStore contract (${engine})`, () => {
    let stores: ContractContractStores;
    before(async () => {
      stores = await open();
    });
    after(async () => {
      await stores?.close();
    });

    it('numbers versions per register and id, lists the newest of each by id, and keeps the history', async () => {
      const first = contract({ id: 'C-b' });
      const second = contract({
        id: 'C-a',
        slas: [{ name: 'up', target: '99.9', measurement: 'm', credits: [] }],
      });
      const saved = await stores.contracts.saveVersions(
        'vendor-contract',
        [
          { id: first.id, record: first },
          { id: second.id, record: second },
        ],
        'olivia',
      );
      assert.deepEqual(saved, [1, 1]);
      // The same id in another register is another record.
      assert.deepEqual(
        await stores.contracts.saveVersions('licence', [{ id: 'C-b', record: licence }], 'olivia'),
        [1],
      );
      const changed = { ...first, noticeDays: 90 };
      assert.deepEqual(
        await stores.contracts.saveVersions('vendor-contract', [{ id: 'C-b', record: changed }], 'bea'),
        [2],
      );
      const listed = await stores.contracts.listCurrent('vendor-contract');
      assert.deepEqual(
        listed.map((version) => [version.id, version.version, version.changedBy]),
        [
          ['C-a', 1, 'olivia'],
          ['C-b', 2, 'bea'],
        ],
      );
      assert.deepEqual(
        listed[1]?.record,
        changed,
        'the record comes back exactly, amounts to the last digit',
      );
      assert.match(listed[0]!.changedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const history = await stores.contracts.history('vendor-contract', 'C-b');
      assert.deepEqual(
        history.map((version) => [version.version, version.record.noticeDays]),
        [
          [1, 60],
          [2, 90],
        ],
      );
      assert.deepEqual(
        (await stores.contracts.listCurrent('licence')).map((version) => version.record),
        [licence],
      );
      assert.deepEqual(await stores.contracts.history('vendor-contract', 'nope'), []);
      assert.deepEqual(await stores.contracts.listCurrent('sla-breach'), []);
    });

    it('saves nothing for an empty list, and a failed transaction leaves no version behind', async () => {
      assert.deepEqual(await stores.contracts.saveVersions('vendor-contract', [], 'x'), []);
      const before = await stores.contracts.listCurrent('vendor-contract');
      await assert.rejects(
        stores.transaction(async () => {
          await stores.contracts.saveVersions(
            'vendor-contract',
            [{ id: 'C-new', record: contract({ id: 'C-new' }) }],
            'x',
          );
          throw new Error('undo');
        }),
        /undo/,
      );
      assert.deepEqual(await stores.contracts.listCurrent('vendor-contract'), before);
    });
  });
}
