import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cacheGateState } from '../../src/api/cached-stores.js';
import { keptAnswer } from '../../src/api/kept-answers.js';
import { addRates } from '../../src/app/currency/manage-exchange-rates.js';
import { forecastCosts } from '../../src/app/forecast/forecast-costs.js';
import type { Stores } from '../../src/ports/stores.js';
import { loadReleaseBill, openReleaseStores } from '../support/release-stores.js';
import { makeTempDir } from '../support/temp-dir.js';

/**
 * GET /api/v1/forecasts keeps its answers while the bill is unchanged (kept-answers.ts): a
 * second ask is not computed again, a failure is never kept, and each write to the bill's
 * stores (a new bill and its allocation, exchange rates) makes the next ask compute afresh,
 * equal to a forecast read straight from the database.
 */
describe('forecast answers kept while the bill is unchanged', () => {
  const dir = makeTempDir();
  let stores: Stores;
  let cached: Stores;
  let computed = 0;
  const request = {
    filters: [],
    metric: 'effective' as const,
    horizon: 7,
    historyDays: 182,
    save: false as const,
  };
  const fromDatabase = async () => JSON.stringify(await forecastCosts(stores, request));
  const ask = () =>
    keptAnswer(cached, 'forecast', async () => {
      computed += 1;
      return JSON.stringify(await forecastCosts(stores, request));
    });

  before(async () => {
    stores = await openReleaseStores(dir, { withBill: false });
    cached = cacheGateState(stores).cachedStores;
  });
  after(async () => {
    await stores.close();
  });

  it('keeps no failure: without a bill each ask says FORECAST_NO_DATA again', async () => {
    await assert.rejects(ask(), { code: 'FORECAST_NO_DATA' });
    await assert.rejects(ask(), { code: 'FORECAST_NO_DATA' });
    assert.equal(computed, 2);
  });

  it('computes once after the bill is loaded, then answers from memory the same bytes', async () => {
    await loadReleaseBill(stores, dir);
    computed = 0;
    const first = await ask();
    assert.equal(first, await fromDatabase());
    assert.equal(await ask(), first);
    assert.equal(await ask(), first);
    assert.equal(computed, 1);
  });

  it('computes again after exchange rates are written, and answers as the database does', async () => {
    const before = computed;
    await ask();
    assert.equal(computed, before, 'still kept');
    await addRates(stores, [{ date: '2026-03-03', from: 'USD', to: 'EUR', rate: '0.9' }]);
    assert.equal(await ask(), await fromDatabase());
    assert.equal(computed, before + 1);
  });

  it('an answer a bill write overtook while it was computed is not handed out after the write', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const overtaken = keptAnswer(cached, 'overtaken', async () => {
      await held;
      return 'before the write';
    });
    await addRates(stores, [{ date: '2026-03-04', from: 'USD', to: 'EUR', rate: '0.8' }]);
    release();
    assert.equal(await overtaken, 'before the write');
    assert.equal(await keptAnswer(cached, 'overtaken', async () => 'after the write'), 'after the write');
    assert.equal(await keptAnswer(cached, 'overtaken', async () => 'not asked'), 'after the write');
  });

  it('keeps nothing for stores without a read cache (a shared PostgreSQL database)', async () => {
    const count = computed;
    const plain = () =>
      keptAnswer(stores, 'forecast', async () => {
        computed += 1;
        return 'answer';
      });
    await plain();
    await plain();
    assert.equal(computed, count + 2);
  });
});
