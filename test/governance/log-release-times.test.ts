import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { logReleaseTimes } from '../../src/app/governance/releases/manage-releases.js';
import type { Stores } from '../../src/ports/stores.js';
import { openReleaseStores } from '../support/release-stores.js';
import { makeTempDir } from '../support/temp-dir.js';

const booking = (hours: string, date: string, person = 'dev') => ({
  input: { releaseId: 'R-2026-03', person, role: 'engineer', hours, date },
  actor: person,
});

/** Stores that count how often the rate card is read. */
function countingRateCardReads(stores: Stores): { stores: Stores; reads: () => number } {
  let reads = 0;
  const rateCards = stores.governance.rateCards;
  const counted = new Proxy(rateCards, {
    get: (target, property) => {
      const value: unknown = Reflect.get(target, property, target);
      if (property === 'currentRateCard')
        return () => {
          reads++;
          return target.currentRateCard();
        };
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const governance = new Proxy(stores.governance, {
    get: (target, property) => (property === 'rateCards' ? counted : Reflect.get(target, property, target)),
  });
  return { stores: { ...stores, governance, transaction: (w) => stores.transaction(w) }, reads: () => reads };
}

describe('booking several labour entries at once', () => {
  const dir = makeTempDir();
  let stores: Stores;
  before(async () => {
    stores = await openReleaseStores(dir, { withBill: false });
  });
  after(async () => {
    await stores.close();
  });

  it('reads the rate card once for the whole call and logs each entry as its own booking', async () => {
    const counting = countingRateCardReads(stores);
    const entries = await logReleaseTimes(counting.stores, [
      booking('2', '2026-03-02', 'ana'),
      booking('3.5', '2026-03-03', 'bo'),
      booking('1', '2026-03-04', 'ana'),
    ]);
    assert.equal(counting.reads(), 1);
    assert.deepEqual(
      entries.map((e) => [e.person, e.hourlyRate, e.amount]),
      [
        ['ana', '100', '200'],
        ['bo', '100', '350'],
        ['ana', '100', '100'],
      ],
    );
    const logged = await stores.governance.decisions.listDecisions({ kind: 'release.log-time' });
    assert.deepEqual(
      logged.map((d) => d.actor),
      ['ana', 'bo', 'ana'],
    );
  });

  it('books none when one entry is bad, naming the bad one', async () => {
    const before = await stores.governance.releases.listTimeEntries('R-2026-03');
    for (const [bad, code] of [
      [booking('-1', '2026-03-05'), 'TIME_BAD_HOURS'],
      [booking('1', '2026-02-30'), 'TIME_BAD_DATE'],
      [
        { ...booking('1', '2026-03-05'), input: { ...booking('1', '2026-03-05').input, role: 'astronaut' } },
        'RATECARD_NO_RATE',
      ],
    ] as const) {
      await assert.rejects(
        logReleaseTimes(stores, [booking('4', '2026-03-05'), bad]),
        (error: { code?: string }) => error.code === code,
      );
      assert.deepEqual(await stores.governance.releases.listTimeEntries('R-2026-03'), before);
    }
  });
});
