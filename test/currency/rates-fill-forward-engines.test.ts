import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { addRates, listRates, loadRatesFile } from '../../src/app/currency/manage-exchange-rates.js';
import type { Stores } from '../../src/ports/stores.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { ENGINES, openFreshStores } from '../support/open-both-engines.js';
import { REPO_ROOT } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// Real ECB reference rates, 2025-04-14 to 2025-05-09, as the ECB publishes them (SOURCES.md there).
const ECB = join(REPO_ROOT, 'test/fixtures/rates/ecb-eurofxref-hist-2025-04.csv');
const ECB_TEXT = readFileSync(ECB, 'utf8');
const dir = makeTempDir();

/** What the file publishes: day -> USD value, and how many currencies it quotes. */
const published = new Map(
  ECB_TEXT.trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .map((cells) => [cells[0]!, cells[1]!] as const),
);
const QUOTED = ECB_TEXT.split('\n')[1]!
  .split(',')
  .slice(1)
  .filter((cell) => cell !== '' && cell !== 'N/A').length;
/** 2025-04-14 to 2025-05-09. */
const DAYS = 26;

async function visibleState(stores: Stores): Promise<string> {
  const rates = await stores.exchangeRates.listRates({});
  const audit = await stores.access.audit.lastEntry();
  return JSON.stringify({ rates, audit: audit?.seq ?? 0 });
}

for (const engine of ENGINES) {
  describe(`rates filled forward on ${engine}`, async () => {
    const stores = await openFreshStores(engine);
    after(() => stores.close());

    it("the ECB's own file skips weekends and holidays: refused as it is, naming the first missing day; nothing saved", async () => {
      const before = await visibleState(stores);
      await expectRefusal(
        () => loadRatesFile(stores, ECB),
        'RATES_INVALID',
        'invalid-input',
        /EUR->USD has no rate for 2025-04-18 .*fill them forward/,
      );
      assert.equal(await visibleState(stores), before);
    });

    it('with fill-forward (stated): every day of every quoted currency, each skipped day at the last published rate and marked with it', async () => {
      const result = await loadRatesFile(stores, ECB, undefined, true);
      assert.equal(result.fillForward, true);
      assert.equal(result.added, QUOTED * DAYS);
      assert.equal(result.filled.length, QUOTED);
      // Good Friday, Saturday, Sunday, Easter Monday; two weekends; Labour Day; one more weekend.
      assert.ok(result.filled.every((pair) => pair.days === DAYS - published.size));
      const usd = await listRates(stores, { fromCurrency: 'EUR', toCurrency: 'USD' });
      assert.equal(usd.length, DAYS);
      for (const rate of usd) {
        const own = published.get(rate.date);
        if (own !== undefined) {
          assert.equal(rate.rate, own, rate.date);
          assert.equal(rate.filledFrom, null, rate.date);
        } else {
          assert.ok(rate.filledFrom! < rate.date && published.has(rate.filledFrom!), rate.date);
          assert.equal(rate.rate, published.get(rate.filledFrom!), rate.date);
        }
      }
      const day = (date: string) => usd.find((rate) => rate.date === date)!;
      assert.deepEqual(
        [day('2025-04-18').filledFrom, day('2025-04-21').filledFrom],
        ['2025-04-17', '2025-04-17'],
      );
      assert.deepEqual([day('2025-05-01').rate, day('2025-05-01').filledFrom], ['1.1373', '2025-04-30']);
      const audit = await stores.access.audit.lastEntry();
      assert.equal(audit?.action, 'rates.save');
      assert.match(JSON.stringify(audit?.after), /"fillForward":true/);
    });

    it('loading it again, filled forward, changes nothing', async () => {
      const before = await visibleState(stores);
      const again = await loadRatesFile(stores, ECB, undefined, true);
      assert.equal(again.unchanged, QUOTED * DAYS);
      assert.equal(await visibleState(stores), before);
    });

    it('fill-forward still refuses a broken rate or a day given twice, saving nothing', async () => {
      const before = await visibleState(stores);
      const lines = ECB_TEXT.trim().split('\n');
      const broken = join(dir, `${engine}-broken.csv`);
      writeFileSync(broken, [lines[0], lines[1]!.replace('1.1252', 'abc'), ...lines.slice(2)].join('\n'));
      await expectRefusal(
        () => loadRatesFile(stores, broken, undefined, true),
        'RATES_INVALID',
        'invalid-input',
        /row 1, field rate, value 'abc'/,
      );
      const twice = join(dir, `${engine}-twice.csv`);
      writeFileSync(twice, [...lines, lines[3]].join('\n'));
      await expectRefusal(
        () => loadRatesFile(stores, twice, undefined, true),
        'RATES_INVALID',
        'invalid-input',
        /both give EUR->USD for 2025-05-07/,
      );
      assert.equal(await visibleState(stores), before);
    });

    it('typed rates can be filled forward too (the API body fillForward)', async () => {
      const result = await addRates(
        stores,
        [
          { date: '2026-03-06', from: 'USD', to: 'EUR', rate: '0.9' },
          { date: '2026-03-09', from: 'USD', to: 'EUR', rate: '0.91' },
        ],
        undefined,
        true,
      );
      assert.deepEqual(result.filled, [{ pair: 'USD->EUR', days: 2 }]);
      const weekend = await listRates(stores, {
        fromDay: '2026-03-07',
        toDay: '2026-03-08',
        fromCurrency: 'USD',
      });
      assert.deepEqual(
        weekend.map((rate) => [rate.date, rate.rate, rate.filledFrom]),
        [
          ['2026-03-07', '0.9', '2026-03-06'],
          ['2026-03-08', '0.9', '2026-03-06'],
        ],
      );
    });
  });
}
