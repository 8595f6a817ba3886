import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { findDataRange } from '../../src/app/costs/find-data-range.js';
import { readBusinessGauges } from '../../src/app/health/read-business-gauges.js';
import { Decimal } from '../../src/core/money.js';
import { daysFrom, ingestFixture } from '../budgets/cost-fixture.js';
import { FOCUS_SAMPLE_PATH } from '../support/focus-sample.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';
import { startApi } from './api-harness.js';

it('/metrics carries the business gauges: open alerts by severity, jobs waiting, last ingest per source', async () => {
  const api = await startApi({ scheduler: 'off' }, {}, async (dbPath) => {
    const loaded = await runCli(['--db', dbPath, 'ingest', FOCUS_SAMPLE_PATH]);
    assert.equal(loaded.code, 0, loaded.stderr);
  });
  const metrics = await (await api.request('/metrics', { role: null })).text();
  assert.match(metrics, /^tollgate_open_alerts\{severity="page"\} 0$/m);
  assert.match(metrics, /^tollgate_open_alerts\{severity="ticket"\} 0$/m);
  assert.match(metrics, /^tollgate_jobs_waiting 0$/m);
  const [load] = await api.stores.state.listLoads();
  const seen = /^tollgate_last_ingest_timestamp_seconds\{source="([^"]+)"\} (\S+)$/m.exec(metrics);
  assert.ok(seen, metrics.slice(0, 2000));
  assert.equal(seen[1], load!.sourceFormat);
  assert.equal(Number(seen[2]), Date.parse(load!.loadedAt) / 1000);
  // The sample's lines are years old: no spend today (absent, not 0), and the last day says how late.
  assert.doesNotMatch(metrics, /^tollgate_spend_today\{/m);
  const [range] = (await findDataRange(api.stores, 'effective')).currencies;
  assert.ok(
    metrics.includes(
      `tollgate_cost_data_last_day_timestamp_seconds{currency="${range!.currency}"} ${Date.parse(`${range!.lastDay}T00:00:00Z`) / 1000}`,
    ),
    metrics.slice(0, 3000),
  );
});

it('spend today is the exact effective cost dated today per currency, and absent on a day without lines', async () => {
  const dir = makeTempDir();
  const db = join(dir, 'gauges.duckdb');
  await ingestFixture(
    db,
    dir,
    'costs.csv',
    daysFrom('2026-05-01', 5).map((day) => ({ day, cost: '100.25', team: 'payments' })),
  );
  await withStores(db, async (stores) => {
    const during = await readBusinessGauges(stores, new Date('2026-05-03T18:00:00Z'));
    assert.deepEqual(Object.keys(during.spendToday), ['USD']);
    assert.equal(new Decimal(during.spendToday.USD!).toFixed(2), '100.25');
    assert.deepEqual(during.lastCostDayByCurrency, { USD: Date.parse('2026-05-05T00:00:00Z') / 1000 });
    const later = await readBusinessGauges(stores, new Date('2026-05-07T09:00:00Z'));
    assert.deepEqual(later.spendToday, {});
  });
});
