import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ContractFactory, withStores } from './governance-stores.contract.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const INTERRUPTED = { code: 'JOB_INTERRUPTED', message: 'the server stopped' };

/** Distinct creation instants (the store stamps them to the millisecond). */
const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 3));

/** The contract every adapter of the job store keeps. */
export function runJobStoreContract(adapter: string, open: ContractFactory): void {
  describe(`Job store contract: ${adapter}`, () => {
    it('moves jobs from queued to running to succeeded or failed, keeping input, result and error whole', () =>
      withStores(open, async (s) => {
        const jobs = s.access.jobs;
        const input = { path: '/data/ünïcödé 💸.csv', options: { z: [1, 2], a: null, amount: '10.50' } };
        const queued = await jobs.insertJob({ id: 'job-1', kind: 'ingest', createdBy: 'amy', input });
        assert.deepEqual(queued, {
          id: 'job-1',
          kind: 'ingest',
          createdBy: 'amy',
          input,
          status: 'queued',
          progress: null,
          result: null,
          error: null,
          createdAt: queued.createdAt,
          startedAt: null,
          finishedAt: null,
        });
        assert.match(queued.createdAt, ISO);
        assert.deepEqual(await jobs.getJob('job-1'), queued);

        await jobs.markRunning('job-1');
        const running = await jobs.getJob('job-1');
        assert.equal(running?.status, 'running');
        assert.match(running?.startedAt ?? '', ISO);
        assert.equal(running?.finishedAt, null);
        await jobs.finishJob('job-1', { status: 'succeeded', result: { lines: 12, total: '10.5' } });
        const done = await jobs.getJob('job-1');
        assert.equal(done?.status, 'succeeded');
        assert.deepEqual(done?.result, { lines: 12, total: '10.5' });
        assert.equal(done?.error, null);
        assert.equal(done?.startedAt, running?.startedAt);
        assert.match(done?.finishedAt ?? '', ISO);

        await jobs.insertJob({ id: 'job-2', kind: 'allocation', createdBy: 'amy', input: {} });
        await jobs.markRunning('job-2');
        await jobs.finishJob('job-2', { status: 'failed', error: { code: 'E_X', message: 'broke' } });
        const failed = await jobs.getJob('job-2');
        assert.deepEqual(
          [failed?.status, failed?.error, failed?.result],
          ['failed', { code: 'E_X', message: 'broke' }, null],
        );

        await jobs.insertJob({ id: 'job-3', kind: 'export', createdBy: 'amy', input: {} });
        await jobs.finishJob('job-3', { status: 'succeeded', result: undefined });
        assert.equal((await jobs.getJob('job-3'))?.result, null, 'no result is stored as null');
        assert.equal(await jobs.getJob('job-9'), undefined);
      }));

    it('refuses a second job with the same id and leaves the first as it was', () =>
      withStores(open, async (s) => {
        const first = await s.access.jobs.insertJob({
          id: 'job-1',
          kind: 'ingest',
          createdBy: 'amy',
          input: {},
        });
        await assert.rejects(() =>
          s.access.jobs.insertJob({ id: 'job-1', kind: 'allocation', createdBy: 'zoe', input: { x: 1 } }),
        );
        assert.deepEqual(await s.access.jobs.getJob('job-1'), first);
      }));

    it('lists jobs newest first, by kind (or its prefix before a colon), status and limit', () =>
      withStores(open, async (s) => {
        const jobs = s.access.jobs;
        for (const [id, kind] of [
          ['job-1', 'ingest'],
          ['job-2', 'scheduled:alerts'],
          ['job-3', 'scheduledx'],
          ['job-4', 'scheduled'],
          ['job-5', 'scheduled:forecasts'],
        ] as const) {
          await jobs.insertJob({ id, kind, createdBy: 'system', input: {} });
          await nextMillisecond();
        }
        await jobs.markRunning('job-2');
        await jobs.markRunning('job-5');
        await jobs.finishJob('job-5', { status: 'succeeded', result: null });
        const ids = async (filter: Parameters<typeof jobs.listJobs>[0]) =>
          (await jobs.listJobs(filter)).map((job) => job.id);
        assert.deepEqual(await ids({ limit: 10 }), ['job-5', 'job-4', 'job-3', 'job-2', 'job-1']);
        assert.deepEqual(await ids({ limit: 2 }), ['job-5', 'job-4']);
        assert.deepEqual(
          await ids({ kind: 'scheduled', limit: 10 }),
          ['job-5', 'job-4', 'job-2'],
          'not scheduledx',
        );
        assert.deepEqual(await ids({ kind: 'scheduled:alerts', limit: 10 }), ['job-2']);
        assert.deepEqual(await ids({ kind: 'sched', limit: 10 }), [], 'a prefix ends at a colon');
        assert.deepEqual(await ids({ status: 'queued', limit: 10 }), ['job-4', 'job-3', 'job-1']);
        assert.deepEqual(await ids({ kind: 'scheduled', status: 'running', limit: 10 }), ['job-2']);
        assert.deepEqual(await ids({ kind: 'scheduled', status: 'queued', limit: 1 }), ['job-4']);
      }));

    it('fails the unfinished jobs and returns each as it was, oldest first; finished jobs are left alone', () =>
      withStores(open, async (s) => {
        const jobs = s.access.jobs;
        const inserted = [];
        for (const id of ['job-1', 'job-2', 'job-3', 'job-4']) {
          inserted.push(await jobs.insertJob({ id, kind: 'ingest', createdBy: 'amy', input: { id } }));
          await nextMillisecond();
        }
        await jobs.markRunning('job-1');
        await jobs.finishJob('job-1', { status: 'succeeded', result: { ok: true } });
        await jobs.markRunning('job-4');
        const running = await jobs.getJob('job-4');
        const before = [inserted[1], inserted[2], running];

        const failed = await jobs.failUnfinishedJobs(INTERRUPTED);
        assert.deepEqual(failed, before, 'as they were (queued, or running since markRunning), oldest first');
        for (const id of ['job-2', 'job-3', 'job-4']) {
          const job = await jobs.getJob(id);
          assert.equal(job?.status, 'failed');
          assert.deepEqual(job?.error, INTERRUPTED);
          assert.match(job?.finishedAt ?? '', ISO);
        }
        assert.equal((await jobs.getJob('job-4'))?.startedAt, running?.startedAt);
        const done = await jobs.getJob('job-1');
        assert.deepEqual([done?.status, done?.result, done?.error], ['succeeded', { ok: true }, null]);
        assert.deepEqual(await jobs.failUnfinishedJobs(INTERRUPTED), [], 'nothing is unfinished any more');
      }));

    it('leaves no job behind when the transaction that inserted it fails', () =>
      withStores(open, async (s) => {
        await assert.rejects(
          s.transaction(async () => {
            await s.access.jobs.insertJob({ id: 'job-1', kind: 'ingest', createdBy: 'amy', input: {} });
            throw new Error('half way');
          }),
          /half way/,
        );
        assert.equal(await s.access.jobs.getJob('job-1'), undefined);
        assert.deepEqual(await s.access.jobs.listJobs({ limit: 10 }), []);
      }));
  });
}
