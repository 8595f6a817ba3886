import type { JobRecord } from './job-store.js';

/**
 * A job as it is asked for: everything in it is plain JSON, so it can wait in a queue and run
 * in another process. `input` is recorded and shown by GET /api/v1/jobs/:id; `work` is what the
 * handler needs beyond it (an upload's path, the audit actor) and is never shown to clients.
 */
export interface JobRequest {
  kind: string;
  createdBy: string;
  input: Record<string, unknown>;
  work?: Record<string, unknown>;
}

export interface JobContext {
  id: string;
  /** 1 on the first attempt, 2 on the first retry, ... */
  attempt: number;
  /** Live progress, shown by GET /api/v1/jobs/:id while the job runs. */
  report(progress: Record<string, unknown>): void;
}

/**
 * What runs one kind of job. A handler's work is one database transaction (or several that
 * each stand alone and are idempotent), so a retry after a worker died never applies half of it.
 */
export interface JobHandler {
  run(request: JobRequest, context: JobContext): Promise<unknown>;
  /**
   * After the last attempt, whatever its outcome, and before that outcome is recorded: a job
   * shown finished has left nothing behind (removes an upload's spool folder).
   */
  cleanup?(request: JobRequest): Promise<void>;
  /** An error that means "nothing to do" (no catalogue, no budgets): recorded as a skip, not a failure. */
  isSkip?(error: unknown): boolean;
}

export type JobHandlers = Readonly<Record<string, JobHandler>>;

export interface JobRunEvents {
  onFinished?(job: {
    id: string;
    kind: string;
    outcome: 'succeeded' | 'failed' | 'skipped';
    seconds: number;
  }): void;
  onError?(job: { id: string; kind: string; attempt: number; willRetry: boolean }, error: unknown): void;
}

/**
 * Where long work goes: the API enqueues and answers with the job; handlers looked up by kind
 * run it, in this process (embedded mode) or in any worker process (server mode).
 */
export interface JobQueue {
  /** Records the job as queued, then hands it to a worker; answers the record. */
  enqueue(request: JobRequest): Promise<JobRecord>;
  /** A job as stored, with its live progress while it runs. */
  getJob(id: string): Promise<JobRecord | undefined>;
  /** Marks failed what a previous process left unfinished (embedded mode; server mode retries instead). */
  recoverInterrupted(): Promise<JobRecord[]>;
  /** Starts running jobs in this process (no-op for a queue with no workers here). */
  startWorkers(): Promise<void>;
  /**
   * Stops taking and running jobs; waits up to `graceMs` for those running here. Answers the
   * ids of those that did not finish (marked interrupted in embedded mode, retried elsewhere
   * in server mode).
   */
  drain(graceMs: number): Promise<string[]>;
  /** Jobs queued or running in this process. */
  readonly running: number;
}
