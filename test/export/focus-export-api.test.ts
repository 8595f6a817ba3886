import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startApi } from '../api/api-harness.js';
import { ALLOCATION_LINES, allocatePeriod } from '../contracts/allocation-run-store.contract.js';
import { stage } from '../contracts/cost-store.contract.js';

describe('GET /api/v1/exports/focus', () => {
  it('streams an allocated period as FOCUS CSV, and refuses what cannot be exported', async () => {
    const api = await startApi();
    await stage(api.stores, ALLOCATION_LINES, 'api_export_lines');
    await api.stores.costs.importStagedLines({ engine: api.stores.fileEngine, relation: 'api_export_lines' });
    const runId = await allocatePeriod(api.stores, '2026-01');

    const response = await api.request('/api/v1/exports/focus?period=2026-01', { role: 'analyst' });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
    assert.equal(response.headers.get('x-tollgate-allocation-run'), String(runId));
    assert.match(response.headers.get('content-disposition') ?? '', /focus-2026-01-run\d+\.csv/);
    const lines = (await response.text()).trimEnd().split('\n');
    assert.equal(lines.length, 7);
    assert.ok(lines[0]!.split(',').includes('AllocatedMethodId'));

    const parquet = await api.request('/api/v1/exports/focus?period=2026-01&format=parquet', {
      role: 'admin',
    });
    assert.equal(parquet.status, 200);
    assert.equal(
      Buffer.from(await parquet.arrayBuffer())
        .subarray(0, 4)
        .toString(),
      'PAR1',
    );

    const none = await api.json('/api/v1/exports/focus?period=2026-02');
    assert.equal(none.status, 409);
    assert.equal(none.body.error.code, 'EXPORT_NOT_ALLOCATED');
    assert.match(none.body.error.message, /run the allocation for 2026-02 first/);
    const badFormat = await api.json('/api/v1/exports/focus?period=2026-01&format=xlsx');
    assert.equal(badFormat.status, 400);
    assert.match(badFormat.body.error.message, /format xlsx is not one of csv, parquet/);
    const badPeriod = await api.json('/api/v1/exports/focus?period=January');
    assert.equal(badPeriod.status, 400);
    assert.equal((await api.request('/api/v1/exports/focus?period=2026-01', { role: 'viewer' })).status, 403);
  });
});
