import { join } from 'node:path';
import { InProcessJobQueue } from '../../src/adapters/jobs/in-process-job-queue.js';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { openPostgresStores } from '../../src/adapters/open-postgres-stores.js';
import { PgBossJobQueue } from '../../src/adapters/postgres/jobs/pg-boss-job-queue.js';
import { sharedPostgresCluster } from '../support/postgres-cluster.js';
import { makeTempDir } from '../support/temp-dir.js';
import { runJobQueueContract } from './job-queue.contract.js';

const dir = makeTempDir();
let counter = 0;

runJobQueueContract('in process, over DuckDB', async (handlers, events) => {
  const stores = await openDuckDbStores({
    path: join(dir, `queue-${counter++}.duckdb`),
    memoryLimit: '256MB',
    threads: 1,
  });
  const queue = new InProcessJobQueue(stores.access.jobs, handlers, events);
  return {
    queue,
    jobs: stores.access.jobs,
    close: async () => {
      await queue.drain(1000);
      await stores.close();
    },
  };
});

runJobQueueContract('pg-boss, over PostgreSQL', async (handlers, events) => {
  const url = await (await sharedPostgresCluster()).createDatabase();
  const stores = await openPostgresStores({
    url,
    poolSize: 4,
    connectRetryMs: 0,
    migrate: true,
    memoryLimit: '128MB',
    threads: 1,
  });
  const queue = await PgBossJobQueue.open({
    url,
    jobs: stores.access.jobs,
    handlers,
    events,
    concurrency: 1,
    attempts: 3,
    retryDelaySeconds: 1,
    timeoutSeconds: 600,
    livenessCheckSeconds: 1,
    // No contract case is about a lost worker (server-mode/job-queue.test.ts is): a loaded
    // machine must not let the reaper judge a job whose worker is merely slow to start.
    livenessGraceSeconds: 60,
    pollingSeconds: 0.5,
  });
  return {
    queue,
    jobs: stores.access.jobs,
    close: async () => {
      await queue.drain(0);
      await stores.close();
    },
  };
});
