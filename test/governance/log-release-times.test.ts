import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { logReleaseTime, logReleaseTimes } from '../../src/app/governance/releases/manage-releases.js';
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

  it('books one entry alike alone or in a list: the same refusals, the same booking, the same decision entry', async () => {
    const entries = () => stores.governance.releases.listTimeEntries('R-2026-03');
    const decisions = () => stores.governance.decisions.listDecisions({ kind: 'release.log-time' });
    const refusals: [ReturnType<typeof booking>, string, string][] = [
      [booking('-1', '2026-03-05'), 'TIME_BAD_HOURS', "Hours '-1' must be a positive number such as 7.5."],
      [booking('1', '2026-02-30'), 'TIME_BAD_DATE', "Date '2026-02-30' is not a date; write YYYY-MM-DD."],
      [
        { ...booking('1', '2026-03-05'), input: { ...booking('1', '2026-03-05').input, role: 'astronaut' } },
        'RATECARD_NO_RATE',
        "The rate card has no rate for role 'astronaut' on 2026-03-05; apply a rate card that has one.",
      ],
      [
        {
          ...booking('1', '2026-03-05'),
          input: { ...booking('1', '2026-03-05').input, releaseId: 'R-NONE' },
        },
        'RELEASE_NOT_FOUND',
        "There is no release 'R-NONE'; the releases list shows their ids.",
      ],
    ];
    for (const [bad, code, message] of refusals) {
      const [booked, logged] = [await entries(), await decisions()];
      for (const attempt of [
        () => logReleaseTime(stores, bad.input, bad.actor),
        () => logReleaseTimes(stores, [bad]),
      ]) {
        await assert.rejects(attempt(), (error: { code?: string; message?: string }) => {
          assert.deepEqual([error.code, error.message], [code, message]);
          return true;
        });
        assert.deepEqual(await entries(), booked);
        assert.deepEqual(await decisions(), logged);
      }
    }
    const alone = await logReleaseTime(stores, booking('2.5', '2026-03-06', 'cy').input, 'cy');
    const [inList] = await logReleaseTimes(stores, [booking('2.5', '2026-03-06', 'cy')]);
    assert.deepEqual(alone, inList);
    assert.deepEqual(alone, {
      ...booking('2.5', '2026-03-06', 'cy').input,
      hourlyRate: '100',
      amount: '250',
    });
    const [first, second] = (await decisions()).slice(-2).map(({ seq: _seq, at: _at, ...entry }) => entry);
    assert.deepEqual(first, second);
    assert.deepEqual(first, {
      kind: 'release.log-time',
      subject: 'release:R-2026-03',
      actor: 'cy',
      decision: 'booked',
      inputs: booking('2.5', '2026-03-06', 'cy').input,
      result: alone,
    });
  });
});
