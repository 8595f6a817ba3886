import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { type ScheduledTask, Scheduler } from '../../src/app/jobs/run-scheduler.js';
import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import { TollgateError } from '../../src/core/errors.js';
import type { Stores } from '../../src/ports/stores.js';
import { makeTempDir } from '../support/temp-dir.js';

async function openStores(): Promise<Stores> {
  const stores = await openTollgate(
    loadConfig({ db: join(makeTempDir('tollgate-scheduler-'), 's.duckdb') }, {}),
  );
  after(() => stores.close());
  return stores;
}

async function scheduledJobs(stores: Stores) {
  return stores.fileEngine.all<{
    kind: string;
    status: string;
    result_json: string | null;
    error_json: string | null;
  }>(
    "SELECT kind, status, result_json, error_json FROM jobs WHERE kind LIKE 'scheduled:%' ORDER BY created_at",
  );
}

describe('the in-process scheduler', async () => {
  const stores = await openStores();

  it('never overlaps two runs of a task: triggers during a run are gathered into one more run', async () => {
    let active = 0;
    let most = 0;
    const seen: unknown[] = [];
    let release: () => void = () => undefined;
    let reachedWait: () => void = () => undefined;
    const firstWaiting = new Promise<void>((resolve) => {
      reachedWait = resolve;
    });
    const task: ScheduledTask = {
      name: 'slow',
      intervalMs: 0,
      run: async (inputs) => {
        active += 1;
        most = Math.max(most, active);
        seen.push(inputs);
        if (seen.length === 1)
          await new Promise<void>((resolve) => {
            release = resolve;
            reachedWait();
          });
        active -= 1;
      },
    };
    const scheduler = new Scheduler(stores, [task], { attempts: 1, backoffMs: 10 });
    scheduler.trigger('slow', ['2026-01']);
    await new Promise((resolve) => setImmediate(resolve));
    scheduler.trigger('slow', ['2026-02']);
    scheduler.trigger('slow', ['2026-03']);
    await firstWaiting;
    release();
    await scheduler.idle();
    assert.equal(most, 1);
    assert.deepEqual(seen, [[['2026-01']], [['2026-02'], ['2026-03']]]);
    await scheduler.stop();
  });

  it('retries a failing run with backoff and reports it; a not-found answer is a skip, not a failure', async () => {
    let calls = 0;
    const outcomes: string[] = [];
    const tasks: ScheduledTask[] = [
      {
        name: 'flaky',
        intervalMs: 0,
        run: async () => {
          calls += 1;
          if (calls < 3) throw new Error('temporary');
          return { ok: true };
        },
      },
      {
        name: 'broken',
        intervalMs: 0,
        run: async () => {
          throw new TollgateError('ALERTS_BROKEN', 'always broken', 'unavailable');
        },
      },
      {
        name: 'nothing',
        intervalMs: 0,
        run: async () => {
          throw new TollgateError('CATALOG_MISSING', 'no catalogue', 'not-found');
        },
      },
    ];
    const scheduler = new Scheduler(stores, tasks, {
      attempts: 3,
      backoffMs: 10,
      onRun: (run) => outcomes.push(`${run.task}:${run.outcome}:${run.attempts}`),
    });
    for (const task of tasks) scheduler.trigger(task.name);
    await scheduler.idle();
    assert.deepEqual(outcomes.sort(), ['broken:failed:3', 'flaky:succeeded:3', 'nothing:skipped:1']);
    const jobs = await scheduledJobs(stores);
    const byKind = Object.fromEntries(jobs.map((job) => [job.kind, job]));
    assert.equal(byKind['scheduled:flaky']!.status, 'succeeded');
    assert.equal(byKind['scheduled:broken']!.status, 'failed');
    assert.equal(JSON.parse(byKind['scheduled:broken']!.error_json!).code, 'ALERTS_BROKEN');
    assert.match(byKind['scheduled:nothing']!.result_json!, /skipped/);
    await scheduler.stop();
  });

  it('runs tasks on their interval until stopped', async () => {
    let runs = 0;
    const scheduler = new Scheduler(
      stores,
      [
        {
          name: 'tick',
          intervalMs: 20,
          run: async () => {
            runs += 1;
          },
        },
      ],
      {
        attempts: 1,
        backoffMs: 10,
      },
    );
    scheduler.start();
    while (runs < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    await scheduler.stop();
    assert.ok(runs >= 2);
    const stoppedAt = runs;
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(runs, stoppedAt, 'no run after stop');
  });
});
