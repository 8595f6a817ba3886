import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FOCUS_SAMPLE_PATH } from '../support/focus-sample.js';
import { startApi, waitForJob } from './api-harness.js';

describe('allocation, budgets, forecasts and alerts over HTTP', async () => {
  const api = await startApi();
  const upload = await api.json('/api/v1/ingest?filename=focus_sample.csv', {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: readFileSync(FOCUS_SAMPLE_PATH),
  });
  await waitForJob(api, upload.body.id);

  it('new data triggers a scheduled allocation of its periods (skipped here: no catalogue yet)', async () => {
    await api.server.services.scheduler.idle();
    const rows = await api.stores.fileEngine.all<{ status: string; input_json: string; result_json: string }>(
      "SELECT status, input_json, result_json FROM jobs WHERE kind = 'scheduled:allocation'",
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.status, 'succeeded');
    assert.match(rows[0]!.input_json, /\d{4}-\d{2}/);
    assert.match(rows[0]!.result_json, /skipped/);
    const listed = await api.json('/api/v1/jobs?kind=scheduled', { role: 'analyst' });
    assert.deepEqual(
      listed.body.map((job: { kind: string }) => job.kind),
      ['scheduled:allocation'],
    );
    const ingests = await api.json('/api/v1/jobs?kind=ingest&status=succeeded');
    assert.equal(ingests.body.length, 1);
    const injected = await api.json(`/api/v1/jobs?kind=${encodeURIComponent("x' OR 1=1 --")}`);
    assert.deepEqual(injected.body, []);
  });

  it('runs allocation as a job; without a catalogue the job fails with the allocation error and changes nothing', async () => {
    const before = await api.json('/api/v1/periods');
    const accepted = await api.json('/api/v1/allocation/runs', {
      method: 'POST',
      role: 'finance-admin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ period: '2024-09' }),
    });
    assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
    assert.equal(accepted.body.kind, 'allocation');
    const job = await waitForJob(api, accepted.body.id);
    assert.equal(job.status, 'failed');
    assert.match(job.error.code, /CATALOG/);
    assert.deepEqual((await api.json('/api/v1/periods')).body, before.body);
    const bad = await api.json('/api/v1/allocation/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ period: '2024-09', extra: 1 }),
    });
    assert.equal(bad.status, 400);
  });

  it('lists budgets and alerts, and forecasts stored costs without saving a snapshot', async () => {
    assert.deepEqual((await api.json('/api/v1/budgets', { role: 'viewer' })).body, []);
    assert.deepEqual((await api.json('/api/v1/alerts', { role: 'viewer' })).body, []);
    const missing = await api.json('/api/v1/budgets/none/status');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'BUDGET_NOT_FOUND');
    const forecast = await api.json('/api/v1/forecasts?horizon=7d&metric=billed');
    assert.equal(forecast.status, 200, JSON.stringify(forecast.body));
    assert.ok(Array.isArray(forecast.body));
    const badHorizon = await api.json('/api/v1/forecasts?horizon=forever');
    assert.equal(badHorizon.status, 400);
    assert.equal(badHorizon.body.error.code, 'FORECAST_BAD_HORIZON');
    const ack = await api.json('/api/v1/alerts/999/acknowledge', { method: 'POST', role: 'budget-owner' });
    assert.equal(ack.status, 404);
    assert.equal(ack.body.error.code, 'ALERT_NOT_FOUND');
  });

  it('statements and quality refuse a bad period with a stable code', async () => {
    const statement = await api.json('/api/v1/statements?team=payments&period=last-month');
    assert.equal(statement.status, 400, JSON.stringify(statement.body));
    const quality = await api.json('/api/v1/quality?period=2024-13');
    assert.equal(quality.status, 400, JSON.stringify(quality.body));
    assert.deepEqual((await api.json('/api/v1/rules/versions')).body, []);
    const diff = await api.json('/api/v1/rules/diff?from=1&to=2');
    assert.equal(diff.status, 404, JSON.stringify(diff.body));
    const restore = await api.json('/api/v1/rules/versions/v1/restore', { method: 'POST' });
    assert.equal(restore.status, 404, JSON.stringify(restore.body));
    const catalog = await api.json('/api/v1/catalog');
    assert.equal(catalog.body.error.code, 'CATALOG_MISSING');
  });
});
