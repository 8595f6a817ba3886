import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { addRates, listRates, loadRatesFile } from '../../src/app/currency/manage-exchange-rates.js';
import type { Stores } from '../../src/ports/stores.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { ENGINES, openFreshStores } from '../support/open-both-engines.js';
import { REPO_ROOT } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const EXAMPLE = join(REPO_ROOT, 'examples/rates/rates-2026.csv');
const dir = makeTempDir();

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function visibleState(stores: Stores): Promise<string> {
  const rates = await stores.exchangeRates.listRates({});
  const audit = await stores.access.audit.lastEntry();
  return JSON.stringify({ rates, audit: audit?.seq ?? 0 });
}

for (const engine of ENGINES) {
  describe(`exchange rates on ${engine}`, async () => {
    const stores = await openFreshStores(engine);
    after(() => stores.close());

    it('loads a year of daily rates of two pairs, exactly as written, and a reload changes nothing', async () => {
      const loaded = await loadRatesFile(stores, EXAMPLE);
      assert.deepEqual(
        { added: loaded.added, changed: loaded.changed, unchanged: loaded.unchanged },
        { added: 730, changed: 0, unchanged: 0 },
      );
      const january = await listRates(stores, {
        fromDay: '2026-01-01',
        toDay: '2026-01-31',
        fromCurrency: 'USD',
      });
      assert.equal(january.length, 31);
      assert.deepEqual(
        { date: january[0]!.date, from: january[0]!.from, to: january[0]!.to, rate: january[0]!.rate },
        { date: '2026-01-01', from: 'USD', to: 'EUR', rate: '0.9189' },
      );
      const before = await visibleState(stores);
      const again = await loadRatesFile(stores, EXAMPLE);
      assert.equal(again.unchanged, 730);
      assert.equal(await visibleState(stores), before);
    });

    it('a typed rate replaces the stored one of its day and pair, audited with the rate it replaced', async () => {
      const result = await addRates(stores, [
        { date: '2026-02-03', from: 'USD', to: 'EUR', rate: '0.93125' },
      ]);
      assert.equal(result.changed, 1);
      const [rate] = await listRates(stores, {
        fromDay: '2026-02-03',
        toDay: '2026-02-03',
        fromCurrency: 'USD',
      });
      assert.equal(rate!.rate, '0.93125');
      assert.equal(rate!.source, 'typed');
      const audit = await stores.access.audit.lastEntry();
      assert.equal(audit!.action, 'rates.save');
      assert.match(JSON.stringify(audit!.before), /"date":"2026-02-03"/);
    });

    it('a closed month keeps its rates until it is reopened', async () => {
      // Setup through the store: closing through the use case needs an allocation run of the month.
      await stores.allocation.periods.closePeriod('2026-03', 'test');
      const before = await visibleState(stores);
      const held = await addRates(stores, [
        { date: '2026-03-10', from: 'USD', to: 'EUR', rate: '0.95' },
        { date: '2026-03-11', from: 'USD', to: 'EUR', rate: '0.95' },
      ]);
      assert.deepEqual(held.frozen, [{ period: '2026-03', rates: 2 }]);
      assert.equal(held.added + held.changed, 0);
      assert.equal(await visibleState(stores), before);
      await stores.allocation.periods.reopenPeriod('2026-03');
      const applied = await addRates(stores, [{ date: '2026-03-10', from: 'USD', to: 'EUR', rate: '0.95' }]);
      assert.equal(applied.changed, 1);
    });

    describe('broken rates are refused whole, the rates as before', () => {
      const cases: [string, string, string, RegExp][] = [
        [
          'a gap',
          'date,from,to,rate\n2026-05-01,USD,EUR,0.92\n2026-05-02,USD,EUR,0.92\n2026-05-04,USD,EUR,0.92\n',
          'RATES_INVALID',
          /USD->EUR has no rate for 2026-05-03 between rows 2 \(2026-05-02\) and 3 \(2026-05-04\)/,
        ],
        [
          'a gap in a monthly series',
          'date,from,to,rate\n2026-05-01,CHF,EUR,1.05\n2026-07-01,CHF,EUR,1.04\n',
          'RATES_INVALID',
          /CHF->EUR has no rate for 2026-06-01 \(a monthly series\)/,
        ],
        [
          'a duplicate day',
          'date,from,to,rate\n2026-05-01,USD,EUR,0.92\n2026-05-01,USD,EUR,0.93\n',
          'RATES_INVALID',
          /rows 1 and 2 both give USD->EUR for 2026-05-01/,
        ],
        [
          'a rate that is not a number',
          'date,from,to,rate\n2026-05-01,USD,EUR,O.92\n',
          'RATES_INVALID',
          /row 1, field rate, value 'O\.92': not a plain decimal/,
        ],
        [
          'a zero rate',
          'date,from,to,rate\n2026-05-01,USD,EUR,0\n',
          'RATES_INVALID',
          /row 1, field rate, value '0': a rate is more than zero/,
        ],
        [
          'an unknown currency',
          'date,from,to,rate\n2026-05-01,USD,EUX,0.9\n',
          'RATES_INVALID',
          /row 1, field to, value 'EUX': not an ISO 4217/,
        ],
        [
          'a pair of one currency',
          'date,from,to,rate\n2026-05-01,EUR,EUR,1\n',
          'RATES_INVALID',
          /the same currency as from/,
        ],
        [
          'a day that does not exist',
          'date,from,to,rate\n2026-02-29,USD,EUR,0.9\n',
          'RATES_INVALID',
          /value '2026-02-29': not a calendar day/,
        ],
        ['a column missing', 'date,from,rate\n2026-05-01,USD,0.9\n', 'RATES_FILE_COLUMNS', /lacks to/],
        ['no rates', 'date,from,to,rate\n', 'RATES_INVALID', /no rates/],
        [
          'truncated mid-quote',
          'date,from,to,rate\n2026-05-01,USD,EUR,0.9\n"2026-05-02,USD',
          'RATES_FILE_UNREADABLE',
          /not a readable CSV/,
        ],
      ];
      for (const [name, content, code, message] of cases) {
        it(name, async () => {
          const path = file(`${name.replaceAll(/\W+/g, '-')}.csv`, content);
          const before = await visibleState(stores);
          await expectRefusal(() => loadRatesFile(stores, path), code, 'invalid-input', message);
          assert.equal(await visibleState(stores), before);
        });
      }
      it('a typed rate with a bad day', async () => {
        await expectRefusal(
          () => addRates(stores, [{ date: '26-05-01', from: 'USD', to: 'EUR', rate: '0.9' }]),
          'RATES_INVALID',
          'invalid-input',
          /typed rates: row 1, field date/,
        );
      });
    });
  });
}
