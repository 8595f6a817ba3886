import pg from 'pg';
import PgBoss from 'pg-boss';
import { TollgateError } from '../../../core/errors.js';
import type { JobHandlers, JobQueue, JobRequest, JobRunEvents } from '../../../ports/job-queue.js';
import type { JobRecord, JobStore } from '../../../ports/job-store.js';
import { classifyJobError, describeJobError, secondsSince, WORKER_LOST } from '../../jobs/job-outcome.js';
import { JobLiveness } from './job-liveness.js';
import { checkScheduleInterval, slotStart } from './schedule-slots.js';

/** pg-boss keeps its tables in this schema of Tollgate's database. */
export const QUEUE_SCHEMA = 'tollgate_queue';
const JOBS_QUEUE = 'tollgate-jobs';
/** Scheduled kinds each have a queue of their own ('short': at most one waiting at a time). */
const SCHEDULED_QUEUES: Record<string, string> = {
  'scheduled:alerts': 'tollgate-scheduled-alerts',
  'scheduled:forecasts': 'tollgate-scheduled-forecasts',
  'scheduled:allocation': 'tollgate-scheduled-allocation',
};
const ALL_QUEUES = [JOBS_QUEUE, ...Object.values(SCHEDULED_QUEUES)];
/**
 * Interval runs that never overlap: a run that finds another in progress is recorded as
 * skipped (the next interval comes soon). Re-allocation is not one of them: a request for new
 * data must run even while another period (or the same one, serialised by the database) runs.
 */
const EXCLUSIVE_KINDS = new Set(['scheduled:alerts', 'scheduled:forecasts']);
const SCHEDULER_USER = 'system:scheduler';

export interface PgBossQueueOptions {
  url: string;
  jobs: JobStore;
  handlers: JobHandlers;
  /** Jobs this process runs at once; 0 enqueues only (an API process with --workers 0). */
  concurrency: number;
  /** Attempts of a job (the first included) when its worker dies or the database fails it. */
  attempts: number;
  /** Wait before the first retry, doubled (with jitter) for each further one. */
  retryDelaySeconds: number;
  /** A job running longer than this is stopped and retried. */
  timeoutSeconds: number;
  /** How often a process with workers looks for jobs whose worker died. */
  livenessCheckSeconds: number;
  /** A job is judged only once it has been active this long (its worker has taken its lock by then). */
  livenessGraceSeconds: number;
  /** Queue schedules: every this many minutes; undefined: not scheduled (TOLLGATE_SCHEDULER=off). */
  schedules?: { alertsMinutes: number; forecastsMinutes: number };
  /** Seconds between polls of an idle worker. */
  pollingSeconds: number;
  /** How often this process looks for a schedule slot that is due (default 30 s); 0: never by itself. */
  scheduleCheckSeconds?: number;
  /** The time schedules are checked at (tests give a fixed one). */
  now?: () => Date;
  events?: JobRunEvents;
  onLog?(level: 'info' | 'warn' | 'error', fields: Record<string, unknown>, message: string): void;
}

interface QueuedData {
  kind: string;
  createdBy: string;
  input: Record<string, unknown>;
  work?: Record<string, unknown>;
}

/**
 * Server mode's queue: pg-boss on Tollgate's PostgreSQL (schema tollgate_queue), shared by
 * every API process and worker.
 * 1. enqueue records the job (queued) in Tollgate's job store, then sends it under the same id;
 *    any worker of any process fetches it (SKIP LOCKED: a job runs once).
 * 2. A worker holds a liveness lock while it runs a job (JobLiveness). Each process with workers
 *    looks now and then for active jobs nobody holds and fails them in pg-boss, which retries
 *    them with backoff up to `attempts`; the work of a job is one transaction (or idempotent
 *    ones), so the retry finds nothing half done.
 * 3. A refusal (bad input, conflict) is recorded failed at once, not retried; a skip (nothing
 *    to do) is recorded succeeded with its reason.
 * 4. Progress goes to the pg-boss row of the running job, so GET /jobs/:id answered by any API
 *    process shows it; a job waiting for a retry shows as queued with its last error.
 * 5. Scheduled jobs are sent by slot: every process with schedules on looks now and then for
 *    the current interval slot of each scheduled kind, and sends its job only after claiming the
 *    slot (a row keyed by kind and slot start) in the same transaction as pg-boss's insert, so
 *    a slot's job is sent exactly once across any number of processes. A run of a scheduled
 *    kind also takes an exclusive lock, so two runs never overlap.
 */
export class PgBossJobQueue implements JobQueue {
  private readonly boss: PgBoss;
  private readonly pool: pg.Pool;
  private readonly sessions: pg.Pool;
  private readonly liveness: JobLiveness;
  private readonly active = new Map<string, Promise<unknown>>();
  private readonly progressWrites = new Map<string, number>();
  private reaper: NodeJS.Timeout | undefined;
  private scheduleTimer: NodeJS.Timeout | undefined;
  private accepting = true;
  private workersStarted = false;

  private constructor(private readonly options: PgBossQueueOptions) {
    this.boss = new PgBoss({
      connectionString: options.url,
      schema: QUEUE_SCHEMA,
      application_name: 'tollgate-queue',
      max: Math.max(2, Math.min(options.concurrency + 2, 10)),
      supervise: true,
      // Tollgate sends scheduled jobs by claimed slot (sendDueSchedules), not by pg-boss's cron.
      schedule: false,
      migrate: true,
    });
    this.boss.on('error', (error) =>
      options.onLog?.('error', { err: error }, 'job queue error (it keeps polling)'),
    );
    // The process id tells an operator (and pg_locks) which worker holds a job.
    const applicationName = `tollgate-worker:${process.pid}`;
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.concurrency + 3,
      application_name: applicationName,
      // A short query that cannot get a connection in this time fails instead of hanging.
      connectionTimeoutMillis: 30_000,
    });
    // Every worker (one per unit of concurrency, one per scheduled queue) holds up to two
    // sessions while its job runs: the job's liveness lock and a scheduled kind's run lock.
    const workers = options.concurrency + Object.keys(SCHEDULED_QUEUES).length;
    this.sessions = new pg.Pool({
      connectionString: options.url,
      max: 2 * workers,
      application_name: applicationName,
    });
    this.pool.on('error', () => undefined);
    this.sessions.on('error', () => undefined);
    this.liveness = new JobLiveness(this.sessions, this.pool);
  }

  /** Installs or upgrades pg-boss's schema (under its own advisory lock), creates the queues and schedules. */
  static async open(options: PgBossQueueOptions): Promise<PgBossJobQueue> {
    const queue = new PgBossJobQueue(options);
    try {
      await queue.boss.start();
      const retry = {
        retryLimit: Math.max(0, options.attempts - 1),
        retryDelay: options.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: options.timeoutSeconds,
      };
      await queue.ensureQueue(JOBS_QUEUE, { ...retry, policy: 'standard' });
      for (const name of Object.values(SCHEDULED_QUEUES))
        await queue.ensureQueue(name, { ...retry, policy: 'short' });
      await queue.applySchedules();
      queue.startScheduleTimer();
    } catch (error) {
      await queue.close();
      throw error;
    }
    return queue;
  }

  private async ensureQueue(name: string, options: Omit<PgBoss.Queue, 'name'>): Promise<void> {
    await this.boss.createQueue(name, { name, ...options });
    await this.boss.updateQueue(name, { name, ...options });
  }

  /** Checks the intervals, and removes the cron schedules earlier versions kept in pg-boss. */
  private async applySchedules(): Promise<void> {
    for (const queue of [SCHEDULED_QUEUES['scheduled:alerts']!, SCHEDULED_QUEUES['scheduled:forecasts']!])
      await this.boss.unschedule(queue);
    for (const { minutes, setting } of this.scheduledKinds()) checkScheduleInterval(minutes, setting);
  }

  private scheduledKinds(): { kind: string; minutes: number; setting: string }[] {
    const schedules = this.options.schedules;
    if (!schedules) return [];
    return [
      {
        kind: 'scheduled:alerts',
        minutes: schedules.alertsMinutes,
        setting: 'TOLLGATE_ALERT_INTERVAL_MINUTES',
      },
      {
        kind: 'scheduled:forecasts',
        minutes: schedules.forecastsMinutes,
        setting: 'TOLLGATE_FORECAST_INTERVAL_HOURS',
      },
    ];
  }

  private startScheduleTimer(): void {
    const seconds = this.options.scheduleCheckSeconds ?? 30;
    if (!this.options.schedules || seconds === 0) return;
    const now = this.options.now ?? (() => new Date());
    // As a cron schedule does, a process sends slots that begin while it runs: starting (or
    // restarting) mid-interval does not run the interval's work at once.
    const startedAt = now();
    const check = () => {
      this.sendDueSchedules(now(), startedAt).catch((error) =>
        this.options.onLog?.(
          'error',
          { err: error },
          'scheduled jobs could not be sent (next check retries)',
        ),
      );
    };
    check();
    this.scheduleTimer = setInterval(check, seconds * 1000);
    this.scheduleTimer.unref();
  }

  /**
   * Sends the job of each scheduled kind whose slot at `at` no process has claimed yet (and
   * that begins no earlier than `notBefore`, when given), and answers the ids it sent. The claim and pg-boss's insert commit together: a process that
   * dies between them leaves the slot unclaimed for the next check.
   */
  async sendDueSchedules(at: Date, notBefore?: Date): Promise<string[]> {
    const sent: string[] = [];
    for (const { kind, minutes } of this.scheduledKinds()) {
      if (notBefore && Date.parse(slotStart(minutes, at)) < notBefore.getTime()) continue;
      const id = crypto.randomUUID();
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const claimed = await client.query(
          `INSERT INTO job_schedule_slots (kind, slot_start, job_id, claimed_at)
           VALUES ($1, CAST($2 AS TIMESTAMPTZ) AT TIME ZONE 'UTC', $3, now() AT TIME ZONE 'UTC')
           ON CONFLICT (kind, slot_start) DO NOTHING`,
          [kind, slotStart(minutes, at), id],
        );
        if (claimed.rowCount === 1) {
          const data: QueuedData = { kind, createdBy: SCHEDULER_USER, input: {} };
          const db = { executeSql: (text: string, values: unknown[]) => client.query(text, values) };
          // null: a run of this kind is still waiting ('short' queue), and it does this slot's work.
          if ((await this.boss.send(SCHEDULED_QUEUES[kind]!, data, { id, db })) !== null) sent.push(id);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    }
    return sent;
  }

  async recoverInterrupted(): Promise<JobRecord[]> {
    // Nothing to fail: a job whose worker died is retried by the workers (see reapAbandoned).
    return [];
  }

  async enqueue(request: JobRequest): Promise<JobRecord> {
    if (!this.accepting) {
      throw new TollgateError(
        'SERVER_STOPPING',
        'The server is shutting down; try again in a moment.',
        'unavailable',
      );
    }
    if (!this.options.handlers[request.kind]) {
      throw new TollgateError('JOB_KIND_UNKNOWN', `There is no job kind '${request.kind}'.`, 'internal');
    }
    const queue = SCHEDULED_QUEUES[request.kind] ?? JOBS_QUEUE;
    const record = await this.options.jobs.insertJob({
      id: crypto.randomUUID(),
      kind: request.kind,
      createdBy: request.createdBy,
      input: request.input,
    });
    const data: QueuedData = {
      kind: request.kind,
      createdBy: request.createdBy,
      input: request.input,
      ...(request.work ? { work: request.work } : {}),
    };
    try {
      const sent = await this.boss.send(queue, data, { id: record.id });
      // A scheduled kind takes one waiting run at a time; the one waiting does this one's work.
      if (sent === null) {
        await this.options.jobs.finishJob(record.id, {
          status: 'succeeded',
          result: { skipped: 'a run of this kind was already waiting and does this work' },
        });
        return (await this.options.jobs.getJob(record.id)) ?? record;
      }
    } catch (error) {
      // Recorded but never queued: say so on the record rather than leave it waiting forever.
      await this.options.jobs
        .finishJob(record.id, { status: 'failed', error: describeJobError(error) })
        .catch(() => undefined);
      throw error;
    }
    return record;
  }

  /**
   * Asks for a scheduled kind to run soon (re-allocation after new data), once per `key`
   * while one is waiting; answers whether a new run was queued.
   */
  async requestScheduled(kind: string, input: Record<string, unknown>, key: string): Promise<boolean> {
    const queue = SCHEDULED_QUEUES[kind];
    if (!queue)
      throw new TollgateError('JOB_KIND_UNKNOWN', `There is no scheduled kind '${kind}'.`, 'internal');
    const data: QueuedData = { kind, createdBy: SCHEDULER_USER, input };
    return (await this.boss.send(queue, data, { singletonKey: key })) !== null;
  }

  async getJob(id: string): Promise<JobRecord | undefined> {
    const record = await this.options.jobs.getJob(id);
    if (!record || (record.status !== 'running' && record.status !== 'queued')) return record;
    const { rows } = await this.pool
      .query<{
        state: string;
        output: Record<string, unknown> | null;
        retry_count: number;
        start_after: Date;
      }>(
        `SELECT state, output, retry_count, start_after FROM ${QUEUE_SCHEMA}.job WHERE id = $1 AND name = ANY($2)`,
        [id, ALL_QUEUES],
      )
      .catch(() => ({ rows: [] }));
    const live = rows[0];
    if (!live) return record;
    if (live.state === 'active')
      return { ...record, status: 'running', progress: live.output ?? record.progress };
    if (live.state === 'retry' || live.state === 'created') {
      return {
        ...record,
        status: 'queued',
        progress:
          live.retry_count > 0 || live.state === 'retry'
            ? { retrying: true, nextAttemptAfter: live.start_after.toISOString(), lastError: live.output }
            : record.progress,
      };
    }
    return record;
  }

  async startWorkers(): Promise<void> {
    if (this.workersStarted || this.options.concurrency === 0) return;
    this.workersStarted = true;
    const work = {
      batchSize: 1,
      includeMetadata: true as const,
      pollingIntervalSeconds: this.options.pollingSeconds,
    };
    for (let slot = 0; slot < this.options.concurrency; slot++) {
      await this.boss.work<QueuedData>(JOBS_QUEUE, work, ([job]) => this.runFetched(JOBS_QUEUE, job!));
    }
    for (const queue of Object.values(SCHEDULED_QUEUES))
      await this.boss.work<QueuedData>(queue, work, ([job]) => this.runFetched(queue, job!));
    const sweep = () => {
      void this.reapAbandoned().catch((error: unknown) =>
        this.options.onLog?.(
          'warn',
          { err: error },
          'looking for jobs whose worker died failed; will look again',
        ),
      );
    };
    this.reaper = setInterval(sweep, this.options.livenessCheckSeconds * 1000);
    this.reaper.unref();
  }

  /** Active jobs whose worker's lock is gone are failed in pg-boss, which retries them. */
  async reapAbandoned(): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string; name: string }>(
      `SELECT id, name FROM ${QUEUE_SCHEMA}.job
        WHERE name = ANY($1) AND state = 'active' AND started_on < now() - make_interval(secs => $2)`,
      [ALL_QUEUES, this.options.livenessGraceSeconds],
    );
    const abandoned = new Set(await this.liveness.findAbandoned(rows.map((row) => row.id)));
    for (const row of rows.filter((candidate) => abandoned.has(candidate.id))) {
      await this.boss.fail(row.name, row.id, { ...WORKER_LOST, at: new Date().toISOString() });
      const after = await this.boss.getJobById<QueuedData>(row.name, row.id);
      this.options.onLog?.(
        'warn',
        { jobId: row.id, queue: row.name, state: after?.state },
        after?.state === 'failed'
          ? 'job lost its worker on its last attempt: marked failed'
          : 'job lost its worker: queued for another attempt',
      );
      if (after?.state === 'failed') {
        const handler = this.options.handlers[after.data.kind];
        await handler?.cleanup?.(after.data).catch(() => undefined);
        await this.options.jobs.finishJob(row.id, { status: 'failed', error: WORKER_LOST });
      }
    }
    return [...abandoned];
  }

  private async runFetched(queue: string, job: PgBoss.JobWithMetadata<QueuedData>): Promise<unknown> {
    const run = this.runAttempt(queue, job);
    this.active.set(job.id, run);
    try {
      return await run;
    } finally {
      this.active.delete(job.id);
      this.progressWrites.delete(job.id);
    }
  }

  /** One attempt of one job; throws only to ask pg-boss for a retry (or to record its last failure). */
  private async runAttempt(queue: string, job: PgBoss.JobWithMetadata<QueuedData>): Promise<unknown> {
    const { data } = job;
    const handler = this.options.handlers[data.kind];
    const attempt = job.retryCount + 1;
    const lastAttempt = job.retryCount >= job.retryLimit;
    const started = performance.now();
    const finished = (outcome: 'succeeded' | 'failed' | 'skipped') =>
      this.options.events?.onFinished?.({
        id: job.id,
        kind: data.kind,
        outcome,
        seconds: secondsSince(started),
      });
    // The liveness lock is taken first: until it is held, the reaper of any process would judge
    // this active job abandoned once its grace has passed (a loaded machine can stretch the few
    // queries before it past the grace).
    const release = await this.liveness.hold(job.id);
    try {
      return await this.runHeld(queue, job, handler, attempt, lastAttempt, finished);
    } finally {
      await release();
    }
  }

  /** The attempt once its liveness lock is held. */
  private async runHeld(
    queue: string,
    job: PgBoss.JobWithMetadata<QueuedData>,
    handler: JobHandlers[string] | undefined,
    attempt: number,
    lastAttempt: boolean,
    finished: (outcome: 'succeeded' | 'failed' | 'skipped') => void,
  ): Promise<unknown> {
    const { data } = job;
    const request: JobRequest = { ...data };
    const jobs = this.options.jobs;
    // Scheduled runs are recorded when a worker first takes them (a schedule sends no record).
    if (!(await jobs.getJob(job.id)))
      await jobs.insertJob({ id: job.id, kind: data.kind, createdBy: data.createdBy, input: data.input });
    if (!handler) {
      const error = {
        code: 'JOB_KIND_UNKNOWN',
        message: `No handler for job kind '${data.kind}' in this version; upgrade the workers.`,
      };
      await jobs.finishJob(job.id, { status: 'failed', error });
      finished('failed');
      return { failed: error };
    }
    const exclusive = EXCLUSIVE_KINDS.has(data.kind)
      ? await this.liveness.claimExclusive(data.kind)
      : undefined;
    if (EXCLUSIVE_KINDS.has(data.kind) && !exclusive) {
      await jobs.finishJob(job.id, {
        status: 'succeeded',
        result: { skipped: 'another run of this scheduled job was in progress' },
      });
      finished('skipped');
      return { skipped: true };
    }
    this.options.onLog?.('info', { jobId: job.id, kind: data.kind, attempt }, 'job started');
    try {
      await jobs.markRunning(job.id);
      // An attempt given up on (its worker judged lost) must not overwrite the verdict or the
      // attempt that replaced it when it ends after all.
      const givenUp = async () => {
        const given = !(await this.stillOwned(queue, job.id, job.retryCount));
        if (given)
          this.options.onLog?.(
            'warn',
            { jobId: job.id, kind: data.kind, attempt },
            'attempt ended after it was given up; its outcome is not recorded',
          );
        return given;
      };
      try {
        const result = await handler.run(request, {
          id: job.id,
          attempt,
          report: (progress) => this.writeProgress(queue, job.id, progress),
        });
        if (await givenUp()) return { givenUp: true };
        await handler.cleanup?.(request).catch(() => undefined);
        await jobs.finishJob(job.id, { status: 'succeeded', result: result ?? null });
        this.options.onLog?.('info', { jobId: job.id, kind: data.kind, attempt }, 'job succeeded');
        finished('succeeded');
        return { succeeded: true };
      } catch (error) {
        if (await givenUp()) return { givenUp: true };
        const kind = classifyJobError(handler, error);
        const willRetry = kind === 'transient' && !lastAttempt && this.accepting;
        if (kind === 'skip') {
          await handler.cleanup?.(request).catch(() => undefined);
          await jobs.finishJob(job.id, {
            status: 'succeeded',
            result: { skipped: describeJobError(error).message },
          });
          finished('skipped');
          return { skipped: true };
        }
        this.options.events?.onError?.({ id: job.id, kind: data.kind, attempt, willRetry }, error);
        if (kind === 'transient' && !lastAttempt) throw describeJobError(error);
        await handler.cleanup?.(request).catch(() => undefined);
        await jobs.finishJob(job.id, { status: 'failed', error: describeJobError(error) });
        finished('failed');
        return { failed: describeJobError(error) };
      }
    } finally {
      await exclusive?.();
    }
  }

  /** True while this attempt (fetched at `retryCount`) is still the job's active one. */
  private async stillOwned(queue: string, id: string, retryCount: number): Promise<boolean> {
    const { rows } = await this.pool.query<{ state: string; retry_count: number }>(
      `SELECT state, retry_count FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND id = $2`,
      [queue, id],
    );
    return rows[0]?.state === 'active' && rows[0].retry_count === retryCount;
  }

  /** At most two progress writes a second per job; they are best effort. */
  private writeProgress(queue: string, id: string, progress: Record<string, unknown>): void {
    const now = Date.now();
    const last = this.progressWrites.get(id) ?? 0;
    if (now - last < 500 && progress.phase !== 'done') return;
    this.progressWrites.set(id, now);
    void this.pool
      .query(`UPDATE ${QUEUE_SCHEMA}.job SET output = $3 WHERE name = $1 AND id = $2 AND state = 'active'`, [
        queue,
        id,
        JSON.stringify(progress),
      ])
      .catch(() => undefined);
  }

  async drain(graceMs: number): Promise<string[]> {
    this.accepting = false;
    clearInterval(this.reaper);
    clearInterval(this.scheduleTimer);
    // No new fetches; the jobs already taken go on below.
    for (const queue of ALL_QUEUES) await this.boss.offWork(queue).catch(() => undefined);
    const running = [...this.active.keys()];
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.active.values()]),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      }),
    ]);
    clearTimeout(timer);
    const left = running.filter((id) => this.active.has(id));
    await this.close();
    return left;
  }

  get running(): number {
    return this.active.size;
  }

  /**
   * Stops polling and closes the connections; jobs still running here are failed in pg-boss
   * and so retried by another worker (their transactions end with this process).
   */
  private async close(): Promise<void> {
    clearInterval(this.scheduleTimer);
    await this.boss.stop({ graceful: true, wait: true, timeout: 1000 }).catch(() => undefined);
    this.liveness.abandonAll();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([this.pool.end().catch(() => undefined), this.sessions.end().catch(() => undefined)]),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 2000);
      }),
    ]);
    clearTimeout(timer);
  }
}
