import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { TollgateError } from '../../src/core/errors.js';
import type { JobHandlers, JobQueue, JobRunEvents } from '../../src/ports/job-queue.js';
import type { JobRecord, JobStore } from '../../src/ports/job-store.js';

/** A queue under test with the job store it records into; `close` ends both. */
export interface OpenedQueue {
  queue: JobQueue;
  jobs: JobStore;
  close(): Promise<void>;
}

export type OpenQueue = (handlers: JobHandlers, events: JobRunEvents) => Promise<OpenedQueue>;

function gate(): { wait: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

/** Waits (bounded) for a job to end, as a client polling GET /api/v1/jobs/:id does. */
async function settled(queue: JobQueue, id: string): Promise<JobRecord> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const job = await queue.getJob(id);
    if (job && (job.status === 'succeeded' || job.status === 'failed')) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} did not finish: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A running job as read once its first progress write has landed (bounded: 30 s). */
export async function waitForProgress(queue: JobQueue, id: string): Promise<JobRecord | undefined> {
  const deadline = Date.now() + 30_000;
  let live = await queue.getJob(id);
  while ((live?.progress ?? null) === null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    live = await queue.getJob(id);
  }
  return live;
}

/**
 * What every JobQueue does, in this process (embedded) or across workers (server mode): a job
 * is recorded before it runs, runs once, and ends recorded with its result, its refusal or its
 * skip; live progress shows while it runs; a drained queue takes no more jobs.
 */
export function runJobQueueContract(engine: string, open: OpenQueue): void {
  describe(`JobQueue contract: ${engine}`, () => {
    const opened: OpenedQueue[] = [];
    after(async () => {
      for (const one of opened) await one.close();
    });
    const openQueue = async (handlers: JobHandlers, events: JobRunEvents = {}) => {
      const one = await open(handlers, events);
      opened.push(one);
      await one.queue.startWorkers();
      return one;
    };

    test('a job is recorded queued, runs once with its input, and ends succeeded with its result', async () => {
      const seen: unknown[] = [];
      const finished: string[] = [];
      const { queue, jobs } = await openQueue(
        {
          sum: {
            run: async (request, context) => {
              seen.push({ input: request.input, work: request.work, attempt: context.attempt });
              return { total: '12.50' };
            },
          },
        },
        { onFinished: (job) => finished.push(`${job.kind}:${job.outcome}`) },
      );
      const record = await queue.enqueue({
        kind: 'sum',
        createdBy: 'ana',
        input: { period: '2026-01' },
        work: { path: '/spool/x' },
      });
      assert.equal(record.status, 'queued');
      assert.equal(record.kind, 'sum');
      assert.equal(record.createdBy, 'ana');
      assert.deepEqual(record.input, { period: '2026-01' });
      const done = await settled(queue, record.id);
      assert.equal(done.status, 'succeeded');
      assert.deepEqual(done.result, { total: '12.50' });
      assert.deepEqual(seen, [{ input: { period: '2026-01' }, work: { path: '/spool/x' }, attempt: 1 }]);
      assert.deepEqual((await jobs.getJob(record.id))?.result, { total: '12.50' });
      assert.deepEqual(finished, ['sum:succeeded']);
    });

    test('a refusal fails at once with its code and message, is not retried, and is cleaned up once', async () => {
      let runs = 0;
      let cleaned = 0;
      const { queue } = await openQueue({
        refuse: {
          run: async () => {
            runs += 1;
            throw new TollgateError('PERIOD_INVALID', 'write a month, YYYY-MM', 'usage');
          },
          cleanup: async () => {
            cleaned += 1;
          },
        },
      });
      const record = await queue.enqueue({ kind: 'refuse', createdBy: 'ana', input: { period: '2025-13' } });
      const done = await settled(queue, record.id);
      assert.equal(done.status, 'failed');
      assert.deepEqual(done.error, { code: 'PERIOD_INVALID', message: 'write a month, YYYY-MM' });
      assert.equal(runs, 1);
      assert.equal(cleaned, 1);
    });

    test('nothing to do is a skip: succeeded, with the reason', async () => {
      const nothing = new TollgateError('CATALOG_MISSING', 'No catalogue is applied yet.', 'not-found');
      const { queue } = await openQueue({
        scan: { run: async () => Promise.reject(nothing), isSkip: (error) => error === nothing },
      });
      const done = await settled(
        queue,
        (await queue.enqueue({ kind: 'scan', createdBy: 'ana', input: {} })).id,
      );
      assert.equal(done.status, 'succeeded');
      assert.deepEqual(done.result, { skipped: 'No catalogue is applied yet.' });
    });

    test('progress shows while the job runs; an unknown id is undefined', async () => {
      const running = gate();
      const release = gate();
      const { queue } = await openQueue({
        slow: {
          run: async (_request, context) => {
            context.report({ phase: 'reading', rows: 500 });
            running.open();
            await release.wait;
            return { rows: 500 };
          },
        },
      });
      const record = await queue.enqueue({ kind: 'slow', createdBy: 'ana', input: {} });
      await running.wait;
      const live = await waitForProgress(queue, record.id);
      assert.equal(live?.status, 'running');
      assert.deepEqual(live?.progress, { phase: 'reading', rows: 500 });
      release.open();
      assert.deepEqual((await settled(queue, record.id)).result, { rows: 500 });
      assert.equal(await queue.getJob('00000000-0000-4000-8000-000000000000'), undefined);
    });

    test('an unknown kind is refused and nothing is recorded', async () => {
      const { queue, jobs } = await openQueue({ known: { run: async () => ({}) } });
      const before = await jobs.listJobs({ limit: 100 });
      await assert.rejects(
        queue.enqueue({ kind: 'unknown', createdBy: 'ana', input: {} }),
        (error: unknown) => error instanceof TollgateError && error.code === 'JOB_KIND_UNKNOWN',
      );
      assert.deepEqual(await jobs.listJobs({ limit: 100 }), before);
    });

    test('a drained queue takes no more jobs: SERVER_STOPPING, nothing recorded', async () => {
      const { queue, jobs } = await openQueue({ quick: { run: async () => ({ ok: true }) } });
      const first = await queue.enqueue({ kind: 'quick', createdBy: 'ana', input: {} });
      await settled(queue, first.id);
      assert.deepEqual(await queue.drain(5_000), []);
      const before = await jobs.listJobs({ limit: 100 });
      await assert.rejects(
        queue.enqueue({ kind: 'quick', createdBy: 'ana', input: {} }),
        (error: unknown) => error instanceof TollgateError && error.code === 'SERVER_STOPPING',
      );
      assert.deepEqual(await jobs.listJobs({ limit: 100 }), before);
    });
  });
}
