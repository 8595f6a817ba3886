export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface JobRecord {
  id: string;
  kind: string;
  status: JobStatus;
  createdBy: string;
  input: Record<string, unknown>;
  progress: Record<string, unknown> | null;
  result: unknown;
  error: { code: string; message: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface JobStore {
  insertJob(job: Pick<JobRecord, 'id' | 'kind' | 'createdBy' | 'input'>): Promise<JobRecord>;
  getJob(id: string): Promise<JobRecord | undefined>;
  /** Newest first; `kind` matches a kind or its prefix before ':' (scheduled matches scheduled:alerts). */
  listJobs(filter: { kind?: string; status?: JobStatus; limit: number }): Promise<JobRecord[]>;
  markRunning(id: string): Promise<void>;
  finishJob(
    id: string,
    outcome:
      | { status: 'succeeded'; result: unknown }
      | { status: 'failed'; error: { code: string; message: string } },
  ): Promise<void>;
  /** Jobs left queued or running by a server that stopped; they are failed with `error`. */
  failUnfinishedJobs(error: { code: string; message: string }): Promise<JobRecord[]>;
}
