import { randomUUID } from 'node:crypto';
import { isTollgateError } from '../../core/errors.js';
import type { Stores } from '../../ports/stores.js';

export interface ScheduledTask {
  name: string;
  /** Time between runs; 0 runs only when triggered. */
  intervalMs: number;
  run(input: unknown): Promise<unknown>;
}

export interface SchedulerOptions {
  /** Attempts per run (the first included) before the run is reported failed. */
  attempts: number;
  /** Wait before the first retry; doubled for each further one. */
  backoffMs: number;
  onRun?(run: {
    task: string;
    outcome: 'succeeded' | 'failed' | 'skipped';
    seconds: number;
    attempts: number;
    error?: unknown;
  }): void;
}

/**
 * The in-process scheduler of `tollgate serve` (embedded mode).
 * 1. Each task runs on its interval (timers do not keep the process alive) or when triggered.
 * 2. Two runs of one task never overlap: a trigger during a run is remembered and served by
 *    one more run right after it, with the inputs gathered meanwhile.
 * 3. A failing run is retried with exponential backoff (backoffMs, 2x, 4x...) up to
 *    `attempts`, then reported; each run is recorded as a job (kind scheduled:<task>), so
 *    GET /api/v1/jobs/:id and the metrics show it.
 * 4. A task that says it has nothing to do (a not-found or *_MISSING error: no catalogue, no
 *    budgets) is recorded as skipped; a refusal (bad input, conflict) is reported without
 *    retrying, as waiting will not change it.
 */
export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly pending = new Map<string, unknown[]>();
  private stopped = false;
  private readonly sleeping = new Set<() => void>();

  constructor(
    private readonly stores: Stores,
    private readonly tasks: ScheduledTask[],
    private readonly options: SchedulerOptions,
  ) {}

  start(): void {
    for (const task of this.tasks) if (task.intervalMs > 0) this.schedule(task);
  }

  /** Asks for a run now; `input` is handed to the run (several triggers are gathered). */
  trigger(name: string, input?: unknown): void {
    const task = this.tasks.find((candidate) => candidate.name === name);
    if (!task || this.stopped) return;
    const queued = this.pending.get(name) ?? [];
    if (input !== undefined) queued.push(input);
    this.pending.set(name, queued);
    if (!this.running.has(name)) this.launch(task);
  }

  /** Stops the timers and waits for runs in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
    for (const wake of this.sleeping) wake();
    await Promise.allSettled([...this.running.values()]);
  }

  /** Settles when no run is in progress (tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** A backoff wait that stop() cuts short. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleeping.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleeping.add(wake);
    });
  }

  private schedule(task: ScheduledTask): void {
    const timer = setTimeout(() => {
      this.trigger(task.name);
      if (!this.stopped) this.schedule(task);
    }, task.intervalMs);
    timer.unref();
    this.timers.set(task.name, timer);
  }

  private launch(task: ScheduledTask): void {
    const inputs = this.pending.get(task.name) ?? [];
    this.pending.delete(task.name);
    const run = this.runWithRetries(task, inputs).finally(() => {
      this.running.delete(task.name);
      if (this.pending.has(task.name) && !this.stopped) this.launch(task);
    });
    this.running.set(task.name, run);
  }

  private async runWithRetries(task: ScheduledTask, inputs: unknown[]): Promise<void> {
    const started = performance.now();
    const id = randomUUID();
    const jobs = this.stores.access.jobs;
    await jobs.insertJob({
      id,
      kind: `scheduled:${task.name}`,
      createdBy: 'system:scheduler',
      input: { inputs },
    });
    await jobs.markRunning(id);
    let lastError: unknown;
    let attempts = 0;
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      attempts = attempt;
      try {
        const result = await task.run(inputs);
        await jobs.finishJob(id, { status: 'succeeded', result: result ?? null });
        this.options.onRun?.({
          task: task.name,
          outcome: 'succeeded',
          seconds: seconds(started),
          attempts: attempt,
        });
        return;
      } catch (error) {
        lastError = error;
        if (isTollgateError(error) && (error.kind === 'not-found' || /_MISSING$/.test(error.code))) {
          await jobs.finishJob(id, { status: 'succeeded', result: { skipped: error.message } });
          this.options.onRun?.({
            task: task.name,
            outcome: 'skipped',
            seconds: seconds(started),
            attempts: attempt,
          });
          return;
        }
        // A refusal (bad input, a conflict) will not change by waiting: report it at once.
        const refusal = isTollgateError(error) && ['usage', 'invalid-input', 'conflict'].includes(error.kind);
        if (refusal) break;
        if (attempt < this.options.attempts && !this.stopped) {
          await this.sleep(this.options.backoffMs * 2 ** (attempt - 1));
        }
      }
    }
    const described = isTollgateError(lastError)
      ? { code: lastError.code, message: lastError.message }
      : {
          code: 'SCHEDULED_RUN_FAILED',
          message: `The scheduled ${task.name} run failed ${attempts} times; the server log has the details.`,
        };
    await jobs.finishJob(id, { status: 'failed', error: described }).catch(() => undefined);
    this.options.onRun?.({
      task: task.name,
      outcome: 'failed',
      seconds: seconds(started),
      attempts,
      error: lastError,
    });
  }
}

function seconds(started: number): number {
  return (performance.now() - started) / 1000;
}
