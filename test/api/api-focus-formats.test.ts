import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeNewerFocusSample } from '../support/focus-newer-sample.js';
import { REPO_ROOT } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { startApi, waitForJob } from './api-harness.js';

const COMMITMENTS = readFileSync(
  join(REPO_ROOT, 'test', 'fixtures', 'focus-datasets', 'contract-commitment-1.3.csv'),
);

describe('FOCUS 1.4 files and FOCUS datasets through the upload route', async () => {
  const v14 = writeNewerFocusSample(makeTempDir(), '1.4');
  const FOCUS_14 = readFileSync(v14.path);
  const api = await startApi({ uploadLimitBytes: FOCUS_14.length + 1024 });

  async function upload(name: string, body: Buffer | string) {
    const accepted = await api.json(`/api/v1/ingest?filename=${name}`, {
      method: 'POST',
      role: 'finance-admin',
      headers: { 'content-type': 'text/csv' },
      body,
    });
    assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
    return waitForJob(api, accepted.body.id);
  }

  it('loads a FOCUS 1.4 upload, its provider from ServiceProviderName', async () => {
    const job = await upload('focus-1.4.csv', FOCUS_14);
    assert.equal(job.status, 'succeeded', JSON.stringify(job.error));
    assert.deepEqual(job.result.units[0].focusVersions, ['1.4']);
    const costs = await api.json('/api/v1/costs?by=provider&metric=billed', { role: 'analyst' });
    assert.deepEqual(costs.body.rows.map((row: { provider: string }) => row.provider).sort(), [
      'AWS',
      'Microsoft',
      'Oracle',
    ]);
  });

  it('loads a ContractCommitment upload into its own table and lists it', async () => {
    const job = await upload('commitments.csv', COMMITMENTS);
    assert.equal(job.status, 'succeeded', JSON.stringify(job.error));
    assert.equal(job.result.units[0].dataset.records, 3);
    const listed = await api.json('/api/v1/focus-datasets/contract-commitment?limit=2', { role: 'analyst' });
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    assert.deepEqual(
      listed.body.map((record: { recordKey: string }) => record.recordKey),
      ['["ECC-2026-Y1"]', '["SP-7f3a"]'],
    );
    const unknown = await api.json('/api/v1/focus-datasets/invoices', { role: 'analyst' });
    assert.equal(unknown.status, 400);
    const tooMany = await api.json('/api/v1/focus-datasets/invoice-detail?limit=0', { role: 'analyst' });
    assert.equal(tooMany.status, 400);
  });

  it('a broken dataset upload fails its job, naming the row, and changes nothing', async () => {
    const broken = COMMITMENTS.toString('utf8').replace('1300000.00', 'lots');
    const job = await upload('commitments-broken.csv', broken);
    assert.equal(job.status, 'failed');
    assert.equal(job.error.code, 'INGEST_INVALID_ROWS');
    assert.match(job.error.message, /row 2, column ContractCommitmentCost: "lots" is not a number/);
    const listed = await api.json('/api/v1/focus-datasets/contract-commitment', { role: 'analyst' });
    assert.equal(
      listed.body.find((r: { recordKey: string }) => r.recordKey === '["ECC-2027-Y2"]').amount,
      '1300000',
    );
  });
});
