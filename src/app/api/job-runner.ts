import { randomUUID } from 'node:crypto';
import { isTollgateError, TollgateError } from '../../core/errors.js';
import type { JobRecord } from '../../ports/job-store.js';
import type { Stores } from '../../ports/stores.js';

export interface JobContext {
  id: string;
  /** Progress kept in memory and shown by GET /jobs/:id while the job runs. */
  report(progress: Record<string, unknown>): void;
}

export interface JobEvents {
  onFinished?(job: { id: string; kind: string; outcome: 'succeeded' | 'failed'; seconds: number }): void;
  onError?(job: { id: string; kind: string }, error: unknown): void;
}

/** The message a job gets when the server stopped before it finished. */
export const INTERRUPTED = {
  code: 'JOB_INTERRUPTED',
  message:
    'The server stopped before this job finished; nothing of it was committed. Submit it again (a file that did load is recognised and not loaded twice).',
};

/**
 * Runs long work (ingestion, allocation) after the request that asked for it has been
 * answered with the job id.
 * 1. A job is recorded as queued before the request is answered, so it is never lost silently.
 * 2. Jobs run one at a time, in order: each is one writing transaction, and the database takes
 *    one writer at a time anyway.
 * 3. Its end (result or error) is recorded; a server killed mid-job leaves it queued or running,
 *    and the next start marks it failed with JOB_INTERRUPTED (its transaction never committed).
 */
export class JobRunner {
  private readonly progress = new Map<string, Record<string, unknown>>();
  private tail: Promise<void> = Promise.resolve();
  private readonly pending = new Set<string>();
  private accepting = true;
  private stopped = false;

  constructor(
    private readonly stores: Stores,
    private readonly events: JobEvents = {},
  ) {}

  /** Fails the jobs a previous server left unfinished; call once at start-up. */
  async recoverInterrupted(): Promise<JobRecord[]> {
    return this.stores.access.jobs.failUnfinishedJobs(INTERRUPTED);
  }

  async submit(
    kind: string,
    createdBy: string,
    input: Record<string, unknown>,
    work: (context: JobContext) => Promise<unknown>,
    cleanup?: () => Promise<void>,
  ): Promise<JobRecord> {
    if (!this.accepting) {
      throw new TollgateError(
        'SERVER_STOPPING',
        'The server is shutting down; try again in a moment.',
        'unavailable',
      );
    }
    const job = await this.stores.access.jobs.insertJob({ id: randomUUID(), kind, createdBy, input });
    this.pending.add(job.id);
    this.tail = this.tail.then(() => this.run(job, work).finally(() => cleanup?.()));
    return job;
  }

  /** A job as stored, with its live progress while it runs. */
  async getJob(id: string): Promise<JobRecord | undefined> {
    const job = await this.stores.access.jobs.getJob(id);
    if (!job) return undefined;
    const live = this.progress.get(id);
    return live && job.status === 'running' ? { ...job, progress: live } : job;
  }

  /**
   * Stops taking jobs and waits up to `graceMs` for the queued and running ones; those still
   * unfinished are marked interrupted and their ids returned.
   */
  async drain(graceMs: number): Promise<string[]> {
    this.accepting = false;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.tail,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      }),
    ]);
    clearTimeout(timer);
    this.stopped = true;
    const left = [...this.pending];
    if (left.length > 0) await this.stores.access.jobs.failUnfinishedJobs(INTERRUPTED);
    return left;
  }

  get running(): number {
    return this.pending.size;
  }

  private async run(job: JobRecord, work: (context: JobContext) => Promise<unknown>): Promise<void> {
    // Queued behind a drain that ran out of time: already marked interrupted.
    if (this.stopped) return;
    const started = performance.now();
    const finished = (outcome: 'succeeded' | 'failed') =>
      this.events.onFinished?.({
        id: job.id,
        kind: job.kind,
        outcome,
        seconds: (performance.now() - started) / 1000,
      });
    try {
      await this.stores.access.jobs.markRunning(job.id);
      const result = await work({ id: job.id, report: (progress) => this.progress.set(job.id, progress) });
      await this.stores.access.jobs.finishJob(job.id, { status: 'succeeded', result });
      finished('succeeded');
    } catch (error) {
      this.events.onError?.(job, error);
      const described = isTollgateError(error)
        ? { code: error.code, message: error.message }
        : {
            code: 'JOB_FAILED',
            message: 'The job failed on the server; the server log has the details under this job id.',
          };
      await this.stores.access.jobs
        .finishJob(job.id, { status: 'failed', error: described })
        .catch(() => undefined);
      finished('failed');
    } finally {
      this.pending.delete(job.id);
      this.progress.delete(job.id);
    }
  }
}
