import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { openPostgresStores, type PostgresStores } from '../../src/adapters/open-postgres-stores.js';
import { PgBossJobQueue, type PgBossQueueOptions } from '../../src/adapters/queue/pg-boss-job-queue.js';
import { TollgateError } from '../../src/core/errors.js';
import type { JobHandlers } from '../../src/ports/job-queue.js';
import type { JobRecord } from '../../src/ports/job-store.js';
import { sharedPostgresCluster } from '../support/postgres-cluster.js';

const closers: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const close of closers.reverse()) await close();
});

async function openDatabase(): Promise<{ url: string; stores: PostgresStores }> {
  const url = await (await sharedPostgresCluster()).createDatabase();
  const stores = await openPostgresStores({
    url,
    poolSize: 4,
    connectRetryMs: 0,
    migrate: true,
    memoryLimit: '128MB',
    threads: 1,
  });
  closers.push(() => stores.close());
  return { url, stores };
}

async function openQueue(
  url: string,
  stores: PostgresStores,
  handlers: JobHandlers,
  options: Partial<PgBossQueueOptions> = {},
): Promise<PgBossJobQueue> {
  const queue = await PgBossJobQueue.open({
    url,
    jobs: stores.access.jobs,
    handlers,
    concurrency: 1,
    attempts: 3,
    retryDelaySeconds: 1,
    timeoutSeconds: 600,
    livenessCheckSeconds: 1,
    livenessGraceSeconds: 2,
    pollingSeconds: 0.5,
    ...options,
  });
  closers.push(() => queue.drain(0));
  return queue;
}

async function settled(queue: PgBossJobQueue, id: string, ms = 60_000): Promise<JobRecord> {
  const deadline = Date.now() + ms;
  for (;;) {
    const job = await queue.getJob(id);
    if (job && (job.status === 'succeeded' || job.status === 'failed')) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} did not finish: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function gate(): { wait: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

describe('the PostgreSQL job queue (pg-boss) of server mode', () => {
  test('a refusal fails at once; a transient failure is retried with backoff; progress shows from another process', async () => {
    const { url, stores } = await openDatabase();
    const calls = { refuse: 0, flaky: 0 };
    const running = gate();
    const release = gate();
    const handlers: JobHandlers = {
      refuse: {
        run: async () => {
          calls.refuse += 1;
          throw new TollgateError('PERIOD_INVALID', 'write a month, YYYY-MM', 'usage');
        },
      },
      flaky: {
        run: async (_request, context) => {
          calls.flaky += 1;
          if (context.attempt < 3) throw new Error(`lost the connection (attempt ${context.attempt})`);
          return { attempt: context.attempt };
        },
      },
      slow: {
        run: async (_request, context) => {
          context.report({ phase: 'reading', rows: 500 });
          running.open();
          await release.wait;
          return { rows: 500 };
        },
      },
    };
    // An API process (no workers) and a worker process, as two queues on one database.
    const api = await openQueue(url, stores, handlers, { concurrency: 0 });
    const worker = await openQueue(url, stores, handlers, { concurrency: 2 });
    await worker.startWorkers();

    const refused = await api.enqueue({ kind: 'refuse', createdBy: 'test', input: { period: '2025-13' } });
    const flaky = await api.enqueue({ kind: 'flaky', createdBy: 'test', input: {} });
    const slow = await api.enqueue({ kind: 'slow', createdBy: 'test', input: {} });
    assert.equal(refused.status, 'queued');

    await running.wait;
    await new Promise((resolve) => setTimeout(resolve, 700));
    const live = await api.getJob(slow.id);
    assert.equal(live?.status, 'running');
    assert.deepEqual(live?.progress, { phase: 'reading', rows: 500 });
    release.open();

    const refusedDone = await settled(api, refused.id);
    assert.equal(refusedDone.status, 'failed');
    assert.deepEqual(refusedDone.error, { code: 'PERIOD_INVALID', message: 'write a month, YYYY-MM' });
    const flakyDone = await settled(api, flaky.id);
    assert.equal(flakyDone.status, 'succeeded');
    assert.deepEqual(flakyDone.result, { attempt: 3 });
    assert.equal((await settled(api, slow.id)).status, 'succeeded');
    assert.deepEqual(calls, { refuse: 1, flaky: 3 });
  });

  test('a job whose worker is lost on its last attempt is failed with JOB_WORKER_LOST and cleaned up', async () => {
    const { url, stores } = await openDatabase();
    const started = gate();
    const stuck = gate();
    let cleaned = 0;
    const handlers: JobHandlers = {
      hang: {
        run: async () => {
          started.open();
          // Stuck until the test ends (pg-boss would otherwise wait out its job timeout).
          await stuck.wait;
        },
        cleanup: async () => {
          cleaned += 1;
        },
      },
    };
    const worker = await openQueue(url, stores, handlers, { attempts: 1 });
    await worker.startWorkers();
    const job = await worker.enqueue({ kind: 'hang', createdBy: 'test', input: {} });
    await started.wait;
    // The worker's session ends as it would when its process dies: its job lock goes with it.
    const ended = await stores.pg.all<{ ended: boolean }>(
      "SELECT pg_terminate_backend(pid) AS ended FROM pg_locks WHERE locktype = 'advisory' AND classid = 1413958210",
    );
    assert.equal(ended.length, 1);
    const done = await settled(worker, job.id);
    assert.equal(done.status, 'failed');
    assert.equal(done.error?.code, 'JOB_WORKER_LOST');
    assert.equal(cleaned, 1);
    stuck.open();
    // The stuck attempt ending later does not undo the verdict.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await worker.getJob(job.id))?.error?.code, 'JOB_WORKER_LOST');
  });

  test('two runs of an interval job never overlap: the second finds the first and skips', async () => {
    const { url, stores } = await openDatabase();
    const first = gate();
    const release = gate();
    let runs = 0;
    const handlers: JobHandlers = {
      'scheduled:alerts': {
        run: async () => {
          runs += 1;
          first.open();
          await release.wait;
          return { budgets: 0 };
        },
      },
    };
    const one = await openQueue(url, stores, handlers);
    const two = await openQueue(url, stores, handlers);
    await one.startWorkers();
    await two.startWorkers();
    const a = await one.enqueue({ kind: 'scheduled:alerts', createdBy: 'system:scheduler', input: {} });
    await first.wait;
    const b = await two.enqueue({ kind: 'scheduled:alerts', createdBy: 'system:scheduler', input: {} });
    const skipped = await settled(two, b.id);
    assert.equal(skipped.status, 'succeeded');
    assert.deepEqual(skipped.result, { skipped: 'another run of this scheduled job was in progress' });
    release.open();
    assert.deepEqual((await settled(one, a.id)).result, { budgets: 0 });
    assert.equal(runs, 1);
  });

  test('a queue schedule runs once per interval across processes', async () => {
    const { url, stores } = await openDatabase();
    const runs: string[] = [];
    const handlers: JobHandlers = {
      'scheduled:alerts': {
        run: async (_request, context) => {
          runs.push(context.id);
          return { budgets: 0 };
        },
      },
      'scheduled:forecasts': { run: async () => ({ budgets: 0 }) },
    };
    const schedules = { alertsMinutes: 1, forecastsMinutes: 24 * 60 };
    const one = await openQueue(url, stores, handlers, { schedules, scheduleCheckSeconds: 1 });
    const two = await openQueue(url, stores, handlers, { schedules, scheduleCheckSeconds: 1 });
    await one.startWorkers();
    await two.startWorkers();
    // Two minute marks pass with both processes checking the schedule every second.
    const deadline = Date.now() + 150_000;
    while (runs.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.equal(runs.length, 2, `runs: ${runs.join(', ')}`);
    const recorded = await stores.access.jobs.listJobs({ kind: 'scheduled', limit: 50 });
    const minutes = recorded.map((job) => job.createdAt.slice(0, 16));
    assert.equal(new Set(minutes).size, minutes.length, `one run per minute: ${minutes.join(', ')}`);
    assert.ok(recorded.every((job) => job.kind === 'scheduled:alerts' && job.status === 'succeeded'));
  });
});
