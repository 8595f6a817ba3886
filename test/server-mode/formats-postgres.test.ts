import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { openPostgresStores, type PostgresStores } from '../../src/adapters/open-postgres-stores.js';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { listFocusDatasetRecords } from '../../src/app/costs/list-focus-datasets.js';
import { queryCosts } from '../../src/app/costs/query-costs.js';
import type { Stores } from '../../src/ports/stores.js';
import { writeNewerFocusSample } from '../support/focus-newer-sample.js';
import { sharedPostgresCluster } from '../support/postgres-cluster.js';
import { REPO_ROOT, SHARED_DATA } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const dir = makeTempDir();
const FILES = [
  join(SHARED_DATA, 'aws-cur', 'sample-anonymous-aws-export-dataset.csv'),
  writeNewerFocusSample(dir, '1.4').path,
  join(REPO_ROOT, 'test', 'fixtures', 'focus-datasets', 'contract-commitment-1.3.csv'),
];

/** The same loads on either engine, and what they answer. */
async function loadAndRead(stores: Stores) {
  const summary = await ingestBillingFiles(stores, FILES, {
    onError: 'fail',
    dryRun: false,
    rejectReportPath: join(dir, 'rejects.csv'),
  });
  const answers = [];
  for (const metric of ['billed', 'effective', 'list'] as const) {
    const report = await queryCosts(stores.costs, { groupBy: ['provider', 'month'], metric, filters: [] });
    answers.push(report.rows);
  }
  const commitments = await listFocusDatasetRecords(stores, 'contract-commitment', 100);
  return {
    rows: summary.rowsLoaded,
    totals: summary.totals,
    answers,
    commitments: commitments.map(({ loadedAt: _, ...record }) => record),
  };
}

describe('AWS CUR, FOCUS 1.4 and a FOCUS dataset load the same in server mode (PostgreSQL)', () => {
  const opened: PostgresStores[] = [];
  after(async () => {
    for (const stores of opened) await stores.close().catch(() => undefined);
  });

  it('answers the same totals, to the last decimal, as the embedded file', async () => {
    const duck = await openDuckDbStores({
      path: join(dir, 'embedded.duckdb'),
      memoryLimit: '256MB',
      threads: 1,
    });
    const embedded = await loadAndRead(duck).finally(() => duck.close());
    const cluster = await sharedPostgresCluster();
    const pg = await openPostgresStores({
      url: await cluster.createDatabase(),
      poolSize: 4,
      connectRetryMs: 0,
      migrate: true,
      memoryLimit: '256MB',
      threads: 1,
    });
    opened.push(pg);
    const server = await loadAndRead(pg);
    assert.equal(server.rows, 1281 + 1000 + 3);
    assert.deepEqual(server, embedded);
  });
});
