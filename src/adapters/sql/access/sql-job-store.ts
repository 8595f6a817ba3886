import type { JobRecord, JobStatus, JobStore } from '../../../ports/job-store.js';
import type { SqlDatabase } from '../sql-database.js';

interface JobRow extends Record<string, unknown> {
  id: string;
  kind: string;
  status: JobStatus;
  created_by: string;
  input_json: string;
  progress_json: string | null;
  result_json: string | null;
  error_json: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

function parse<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

function toJob(row: JobRow): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    createdBy: row.created_by,
    input: JSON.parse(row.input_json) as Record<string, unknown>,
    progress: parse(row.progress_json),
    result: parse(row.result_json),
    error: parse(row.error_json),
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** Jobs and their outcome, in the same table and SQL on DuckDB and PostgreSQL. */
export class SqlJobStore implements JobStore {
  constructor(private readonly db: SqlDatabase) {}

  async insertJob(job: Pick<JobRecord, 'id' | 'kind' | 'createdBy' | 'input'>): Promise<JobRecord> {
    const createdAt = new Date().toISOString();
    await this.db.run(
      `INSERT INTO jobs VALUES ($id, $kind, 'queued', $createdBy, $input, NULL, NULL, NULL, $createdAt, NULL, NULL)`,
      { id: job.id, kind: job.kind, createdBy: job.createdBy, input: JSON.stringify(job.input), createdAt },
    );
    return {
      ...job,
      status: 'queued',
      progress: null,
      result: null,
      error: null,
      createdAt,
      startedAt: null,
      finishedAt: null,
    };
  }

  async getJob(id: string): Promise<JobRecord | undefined> {
    const row = await this.db.one<JobRow>('SELECT * FROM jobs WHERE id = $id', { id });
    return row && toJob(row);
  }

  async listJobs(filter: { kind?: string; status?: JobStatus; limit: number }): Promise<JobRecord[]> {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: filter.limit };
    if (filter.kind !== undefined) {
      where.push('(kind = $kind OR starts_with(kind, $kindPrefix))');
      params.kind = filter.kind;
      params.kindPrefix = `${filter.kind}:`;
    }
    if (filter.status !== undefined) {
      where.push('status = $status');
      params.status = filter.status;
    }
    const rows = await this.db.all<JobRow>(
      `SELECT * FROM jobs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id LIMIT $limit`,
      params,
    );
    return rows.map(toJob);
  }

  async markRunning(id: string): Promise<void> {
    await this.db.run("UPDATE jobs SET status = 'running', started_at = $now WHERE id = $id", {
      id,
      now: new Date().toISOString(),
    });
  }

  async finishJob(
    id: string,
    outcome:
      | { status: 'succeeded'; result: unknown }
      | { status: 'failed'; error: { code: string; message: string } },
  ): Promise<void> {
    await this.db.run(
      'UPDATE jobs SET status = $status, result_json = $result, error_json = $error, finished_at = $now WHERE id = $id',
      {
        id,
        status: outcome.status,
        result: outcome.status === 'succeeded' ? JSON.stringify(outcome.result ?? null) : null,
        error: outcome.status === 'failed' ? JSON.stringify(outcome.error) : null,
        now: new Date().toISOString(),
      },
    );
  }

  /**
   * One statement, so a job another process finishes meanwhile is either failed here and
   * returned, or neither. Each job comes back as it was before: an unfinished job has no
   * result, error or finish time yet, and it is running exactly when markRunning gave it a
   * start time (RETURNING sees only the new row, on both engines).
   */
  async failUnfinishedJobs(error: { code: string; message: string }): Promise<JobRecord[]> {
    const rows = await this.db.all<JobRow>(
      `UPDATE jobs SET status = 'failed', error_json = $error, finished_at = $now
       WHERE status IN ('queued', 'running')
       RETURNING id, kind, CASE WHEN started_at IS NULL THEN 'queued' ELSE 'running' END AS status, created_by,
         input_json, progress_json, result_json, CAST(NULL AS TEXT) AS error_json, created_at, started_at,
         CAST(NULL AS TEXT) AS finished_at`,
      { error: JSON.stringify(error), now: new Date().toISOString() },
    );
    // Oldest first, bytewise as the created_at column compares.
    const key = (job: JobRecord) => `${job.createdAt}\u0000${job.id}`;
    return rows.map(toJob).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
}
