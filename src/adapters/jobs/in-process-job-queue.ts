import { randomUUID } from 'node:crypto';
import { TollgateError } from '../../core/errors.js';
import type { JobHandlers, JobQueue, JobRequest, JobRunEvents } from '../../ports/job-queue.js';
import type { JobRecord, JobStore } from '../../ports/job-store.js';
import { classifyJobError, describeJobError, INTERRUPTED, secondsSince } from './job-outcome.js';

/**
 * The queue of embedded mode: jobs run in this process after the request that asked for them
 * has been answered with the job id.
 * 1. A job is recorded as queued before the request is answered, so it is never lost silently.
 * 2. Jobs run one at a time, in order: each is one writing transaction, and the embedded
 *    database takes one writer at a time anyway.
 * 3. Its end (result or error) is recorded; a process killed mid-job leaves it queued or
 *    running, and the next start marks it failed with JOB_INTERRUPTED (its transaction never
 *    committed). There are no retries here: the one process that could retry is the one that
 *    stopped.
 */
export class InProcessJobQueue implements JobQueue {
  private readonly progress = new Map<string, Record<string, unknown>>();
  private tail: Promise<void> = Promise.resolve();
  private readonly pending = new Set<string>();
  private accepting = true;
  private stopped = false;

  constructor(
    private readonly jobs: JobStore,
    private readonly handlers: JobHandlers,
    private readonly events: JobRunEvents = {},
  ) {}

  async recoverInterrupted(): Promise<JobRecord[]> {
    return this.jobs.failUnfinishedJobs(INTERRUPTED);
  }

  async startWorkers(): Promise<void> {
    // Jobs start as they are enqueued; there is nothing to poll.
  }

  async enqueue(request: JobRequest): Promise<JobRecord> {
    if (!this.accepting) {
      throw new TollgateError(
        'SERVER_STOPPING',
        'The server is shutting down; try again in a moment.',
        'unavailable',
      );
    }
    if (!this.handlers[request.kind]) {
      throw new TollgateError('JOB_KIND_UNKNOWN', `There is no job kind '${request.kind}'.`, 'internal');
    }
    const job = await this.jobs.insertJob({
      id: randomUUID(),
      kind: request.kind,
      createdBy: request.createdBy,
      input: request.input,
    });
    this.pending.add(job.id);
    this.tail = this.tail.then(() => this.run(job, request));
    return job;
  }

  async getJob(id: string): Promise<JobRecord | undefined> {
    const job = await this.jobs.getJob(id);
    if (!job) return undefined;
    const live = this.progress.get(id);
    return live && job.status === 'running' ? { ...job, progress: live } : job;
  }

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
    if (left.length > 0) await this.jobs.failUnfinishedJobs(INTERRUPTED);
    return left;
  }

  get running(): number {
    return this.pending.size;
  }

  private async run(job: JobRecord, request: JobRequest): Promise<void> {
    // Queued behind a drain that ran out of time: already marked interrupted.
    if (this.stopped) return;
    const handler = this.handlers[request.kind]!;
    const started = performance.now();
    const finished = (outcome: 'succeeded' | 'failed' | 'skipped') =>
      this.events.onFinished?.({ id: job.id, kind: job.kind, outcome, seconds: secondsSince(started) });
    // The outcome is recorded after the clean-up, so a job shown finished has left nothing behind.
    let outcome: JobOutcome;
    try {
      await this.jobs.markRunning(job.id);
      const result = await handler.run(request, {
        id: job.id,
        attempt: 1,
        report: (progress) => this.progress.set(job.id, progress),
      });
      outcome = { record: { status: 'succeeded', result }, event: 'succeeded' };
    } catch (error) {
      if (classifyJobError(handler, error) === 'skip') {
        outcome = {
          record: { status: 'succeeded', result: { skipped: describeJobError(error).message } },
          event: 'skipped',
        };
      } else {
        this.events.onError?.({ id: job.id, kind: job.kind, attempt: 1, willRetry: false }, error);
        outcome = { record: { status: 'failed', error: describeJobError(error) }, event: 'failed' };
      }
    }
    try {
      await handler.cleanup?.(request).catch(() => undefined);
      await this.jobs
        .finishJob(job.id, outcome.record)
        .catch((error: unknown) =>
          this.events.onError?.({ id: job.id, kind: job.kind, attempt: 1, willRetry: false }, error),
        );
      finished(outcome.event);
    } finally {
      this.pending.delete(job.id);
      this.progress.delete(job.id);
    }
  }
}

interface JobOutcome {
  record: Parameters<JobStore['finishJob']>[1];
  event: 'succeeded' | 'failed' | 'skipped';
}
