import assert from 'node:assert/strict';
import { it } from 'node:test';
import { FOCUS_SAMPLE_PATH } from '../support/focus-sample.js';
import { runCli } from '../support/run-cli.js';
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
});
