import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LicenceUsage } from '../../src/core/contracts/contract-model.js';
import type { LicenceUsageStore } from '../../src/ports/licence-usage-store.js';

export interface LicenceUsageContractStores {
  licenceUsage: LicenceUsageStore;
  transaction<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const usage = (licenceId: string, ...quantities: number[]): LicenceUsage => ({
  licenceId,
  assignments: quantities.map((quantity, index) => ({
    assignee: `holder-${index + 1}`,
    team: 'platform',
    quantity,
  })),
});

/** What every engine's licence usage store must do: one snapshot per licence and day, replaced per day. */
export function runLicenceUsageStoreContract(
  engine: string,
  open: () => Promise<LicenceUsageContractStores>,
): void {
  describe(`LicenceUsageStore contract (${engine})`, () => {
    let stores: LicenceUsageContractStores;
    before(async () => {
      stores = await open();
    });
    after(async () => {
      await stores?.close();
    });

    it('keeps one snapshot per licence and day, and answers the newest on or before a day', async () => {
      await stores.licenceUsage.replaceSnapshots(
        [
          { asOf: '2026-01-31', usage: usage('L-b', 3, 2) },
          { asOf: '2026-02-28', usage: usage('L-b', 7) },
          { asOf: '2026-01-15', usage: usage('L-a', 1) },
        ],
        'olivia',
      );
      assert.deepEqual(await stores.licenceUsage.latestOnOrBefore('2026-01-14'), []);
      const january = await stores.licenceUsage.latestOnOrBefore('2026-02-27');
      assert.deepEqual(
        january.map((snapshot) => [snapshot.licenceId, snapshot.asOf, snapshot.loadedBy]),
        [
          ['L-a', '2026-01-15', 'olivia'],
          ['L-b', '2026-01-31', 'olivia'],
        ],
      );
      assert.deepEqual(january[1]?.usage, usage('L-b', 3, 2), 'the usage comes back exactly');
      assert.match(january[0]!.loadedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      assert.deepEqual(
        (await stores.licenceUsage.latestOnOrBefore('2026-02-28')).map((snapshot) => snapshot.asOf),
        ['2026-01-15', '2026-02-28'],
      );
      assert.deepEqual(
        (await stores.licenceUsage.listBetween('2026-01-16', '2026-02-28')).map((snapshot) => [
          snapshot.licenceId,
          snapshot.asOf,
        ]),
        [
          ['L-b', '2026-01-31'],
          ['L-b', '2026-02-28'],
        ],
      );
    });

    it('replaces only the days given: the same day again is the new usage, other days stay', async () => {
      await stores.licenceUsage.replaceSnapshots([{ asOf: '2026-01-31', usage: usage('L-b', 9) }], 'bea');
      const found = await stores.licenceUsage.findSnapshots([
        { licenceId: 'L-b', asOf: '2026-01-31' },
        { licenceId: 'L-b', asOf: '2026-02-28' },
        { licenceId: 'L-b', asOf: '2026-03-31' },
      ]);
      assert.deepEqual(
        found.map((snapshot) => [snapshot.asOf, snapshot.usage, snapshot.loadedBy]),
        [
          ['2026-01-31', usage('L-b', 9), 'bea'],
          ['2026-02-28', usage('L-b', 7), 'olivia'],
        ],
      );
      assert.equal((await stores.licenceUsage.listBetween('2026-01-01', '2026-12-31')).length, 3);
      assert.deepEqual(await stores.licenceUsage.findSnapshots([]), []);
    });

    it('saves nothing for an empty list, and a failed transaction leaves no snapshot behind', async () => {
      await stores.licenceUsage.replaceSnapshots([], 'x');
      const before = await stores.licenceUsage.listBetween('2000-01-01', '2099-12-31');
      await assert.rejects(
        stores.transaction(async () => {
          await stores.licenceUsage.replaceSnapshots(
            [
              { asOf: '2026-01-31', usage: usage('L-b', 1) },
              { asOf: '2026-05-31', usage: usage('L-c', 1) },
            ],
            'x',
          );
          throw new Error('undo');
        }),
        /undo/,
      );
      assert.deepEqual(await stores.licenceUsage.listBetween('2000-01-01', '2099-12-31'), before);
    });
  });
}
