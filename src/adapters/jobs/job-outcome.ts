import { isTollgateError } from '../../core/errors.js';
import type { JobHandler } from '../../ports/job-queue.js';

/** The message a job gets when the process running it stopped before it finished. */
export const INTERRUPTED = {
  code: 'JOB_INTERRUPTED',
  message:
    'The server stopped before this job finished; nothing of it was committed. Submit it again (a file that did load is recognised and not loaded twice).',
};

/** The message a job gets when its worker died on every attempt it was given. */
export const WORKER_LOST = {
  code: 'JOB_WORKER_LOST',
  message:
    'The worker running this job stopped before it finished, on every attempt; nothing of the unfinished attempts was committed. Check the workers (memory, time limits) and submit it again.',
};

export type ErrorClass = 'skip' | 'refusal' | 'transient';

/**
 * How a failed attempt is treated:
 * - skip: the handler says there was nothing to do (recorded as succeeded, with the reason);
 * - refusal: bad input, a conflict, something missing: trying again cannot change it;
 * - transient: the database went away, a worker ran out of something: worth another attempt.
 */
export function classifyJobError(handler: JobHandler | undefined, error: unknown): ErrorClass {
  if (handler?.isSkip?.(error)) return 'skip';
  if (isTollgateError(error) && error.kind !== 'unavailable' && error.kind !== 'internal') return 'refusal';
  return 'transient';
}

/** What a client sees of a failure: a Tollgate error as it is, anything else without internals. */
export function describeJobError(error: unknown): { code: string; message: string } {
  if (isTollgateError(error)) return { code: error.code, message: error.message };
  return {
    code: 'JOB_FAILED',
    message: 'The job failed on the server; the server log has the details under this job id.',
  };
}

export function secondsSince(started: number): number {
  return (performance.now() - started) / 1000;
}
