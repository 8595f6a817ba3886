import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { openPostgresStores, type PostgresStores } from '../../src/adapters/open-postgres-stores.js';
import {
  PgBossJobQueue,
  type PgBossQueueOptions,
} from '../../src/adapters/postgres/jobs/pg-boss-job-queue.js';
import { TollgateError } from '../../src/core/errors.js';
import type { JobHandlers } from '../../src/ports/job-queue.js';
import type { JobRecord } from '../../src/ports/job-store.js';
import { waitForProgress } from '../contracts/job-queue.contract.js';
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
    // Only the worker-lost test is about the reaper: elsewhere a loaded machine must not let it
    // judge a job whose worker is merely slow to start.
    livenessGraceSeconds: 60,
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
    // The progress write is asynchronous: wait for it to arrive (bounded), not for a fixed time.
    const live = await waitForProgress(api, slow.id);
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
    const givenUpEnded = gate();
    const worker = await openQueue(url, stores, handlers, {
      attempts: 1,
      livenessGraceSeconds: 2,
      onLog: (_level, _fields, message) => {
        if (message.startsWith('attempt ended after it was given up')) givenUpEnded.open();
      },
    });
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
    // The stuck attempt ending later does not undo the verdict (waited for, at most 30 s).
    await Promise.race([givenUpEnded.wait, new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
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
    // On failure, say what the first run and pg-boss's rows were doing (the second should not run).
    const skipped = await settled(two, b.id).catch(async (error: Error) => {
      const rows = await stores.pg.all(
        "SELECT id, state, retry_count, started_on, completed_on, output FROM tollgate_queue.job WHERE name LIKE '%alerts%'",
      );
      throw new Error(
        `${error.message}; first: ${JSON.stringify(await one.getJob(a.id))}; rows: ${JSON.stringify(rows)}`,
      );
    });
    assert.equal(skipped.status, 'succeeded');
    assert.deepEqual(skipped.result, { skipped: 'another run of this scheduled job was in progress' });
    release.open();
    assert.deepEqual((await settled(one, a.id)).result, { budgets: 0 });
    assert.equal(runs, 1);
  });

  // Every worker busy at once holds its sessions (a job lock each, a run lock per scheduled
  // kind); the queries each job still needs to finish must get a connection all the same.
  test('every worker of a process can run at once and still finish', { timeout: 120_000 }, async () => {
    const { url, stores } = await openDatabase();
    const release = gate();
    let running = 0;
    const allRunning = gate();
    const blocked = async () => {
      running += 1;
      if (running === 3) allRunning.open();
      await release.wait;
      return { budgets: 0 };
    };
    const handlers: JobHandlers = {
      'scheduled:alerts': { run: blocked },
      'scheduled:forecasts': { run: blocked },
      work: { run: blocked },
    };
    const queue = await openQueue(url, stores, handlers);
    await queue.startWorkers();
    const ids = [
      (await queue.enqueue({ kind: 'scheduled:alerts', createdBy: 'system:scheduler', input: {} })).id,
      (await queue.enqueue({ kind: 'scheduled:forecasts', createdBy: 'system:scheduler', input: {} })).id,
      (await queue.enqueue({ kind: 'work', createdBy: 'test', input: {} })).id,
    ];
    await allRunning.wait;
    assert.equal(queue.running, 3);
    release.open();
    for (const id of ids) assert.equal((await settled(queue, id)).status, 'succeeded');
  });

  // Bounded: a claim that never gets its connection fails the test instead of hanging the file.
  test('a queue schedule sends one job per interval slot across processes', {
    timeout: 120_000,
  }, async () => {
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
    // No timers: each process is asked for its due slots at explicit times, all at once.
    const schedules = { alertsMinutes: 1, forecastsMinutes: 24 * 60 };
    const one = await openQueue(url, stores, handlers, { schedules, scheduleCheckSeconds: 0 });
    const two = await openQueue(url, stores, handlers, { schedules, scheduleCheckSeconds: 0 });
    const three = await openQueue(url, stores, handlers, { schedules, scheduleCheckSeconds: 0 });
    await one.startWorkers();
    await two.startWorkers();
    const base = Date.parse('2026-03-02T10:00:00Z');
    const sentPerSlot: number[] = [];
    for (const minute of [0, 1, 2]) {
      const at = (seconds: number) => new Date(base + minute * 60_000 + seconds * 1000);
      const sent = (
        await Promise.all([
          one.sendDueSchedules(at(0)),
          two.sendDueSchedules(at(0)),
          three.sendDueSchedules(at(0)),
          two.sendDueSchedules(at(30)),
          three.sendDueSchedules(at(59.999)),
        ])
      ).flat();
      sentPerSlot.push(sent.length);
      for (const id of sent) assert.equal((await settled(one, id)).status, 'succeeded');
    }
    // Alerts: one per minute. Forecasts (daily): one, in the first minute.
    assert.deepEqual(sentPerSlot, [2, 1, 1]);
    // A process that started during a slot leaves that slot alone, as a cron schedule would.
    const minute3 = base + 3 * 60_000;
    assert.deepEqual(await one.sendDueSchedules(new Date(minute3 + 5000), new Date(minute3 + 1000)), []);
    const claimed = await stores.pg.all<{ kind: string; slot: string }>(
      "SELECT kind, to_char(slot_start, 'HH24:MI') AS slot FROM job_schedule_slots ORDER BY kind, slot_start",
    );
    assert.deepEqual(
      claimed.map((row) => `${row.kind}@${row.slot}`),
      [
        'scheduled:alerts@10:00',
        'scheduled:alerts@10:01',
        'scheduled:alerts@10:02',
        'scheduled:forecasts@00:00',
      ],
    );
    assert.equal(runs.length, 3, `runs: ${runs.join(', ')}`);
    const recorded = await stores.access.jobs.listJobs({ kind: 'scheduled', limit: 50 });
    assert.deepEqual(recorded.map((job) => job.kind).sort(), [
      'scheduled:alerts',
      'scheduled:alerts',
      'scheduled:alerts',
      'scheduled:forecasts',
    ]);
    assert.ok(recorded.every((job) => job.status === 'succeeded'));
  });
});
