import type { JobRecord } from '../../ports/job-store.js';
import { type JobRow, SqlJobStore, toJob } from '../sql/sql-job-store.js';

/** The shared job store, with the one statement PostgreSQL needs when several processes share the table. */
export class PgJobStore extends SqlJobStore {
  override async failUnfinishedJobs(error: { code: string; message: string }): Promise<JobRecord[]> {
    // One statement that returns each job as it was before (as the DuckDB store does), so a job
    // another process finishes meanwhile is either failed here and returned, or neither.
    const rows = await this.db.all<JobRow>(
      `UPDATE jobs SET status = 'failed', error_json = $error, finished_at = $now
       FROM (SELECT * FROM jobs WHERE status IN ('queued', 'running') FOR UPDATE) AS before
       WHERE jobs.id = before.id AND jobs.status IN ('queued', 'running')
       RETURNING before.*`,
      { error: JSON.stringify(error), now: new Date().toISOString() },
    );
    return rows
      .map(toJob)
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  }
}
