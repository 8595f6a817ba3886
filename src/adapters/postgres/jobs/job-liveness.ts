import type pg from 'pg';

/** The first key of Tollgate's two-key advisory locks for jobs ('TGJB'). */
const JOB_LOCK_CLASS = 0x54474a42;
const REAPER_LOCK = 'tollgate:job-reaper';

/**
 * Which running jobs still have a live worker. A worker holds a session advisory lock named
 * after the job on a connection of its own for as long as the job runs; when the worker
 * process dies, PostgreSQL ends its session and the lock goes with it. A job that is active in
 * the queue but whose lock anyone can take has lost its worker.
 */
export class JobLiveness {
  private readonly held = new Set<pg.PoolClient>();

  /**
   * `sessions` serves only the sessions held for the length of a job, and is sized so every
   * worker can hold its own: a held session never waits for a short query, nor a short query
   * (on `queries`) for a held session.
   */
  constructor(
    private readonly sessions: pg.Pool,
    private readonly queries: pg.Pool,
  ) {}

  /** A held session the server drops (restart, failover) must not bring the process down. */
  private async connect(pool: pg.Pool): Promise<pg.PoolClient> {
    const client = await pool.connect();
    client.on('error', () => undefined);
    return client;
  }

  /** Holds the job's lock until `release` is called (or the process dies). */
  async hold(jobId: string): Promise<() => Promise<void>> {
    const client = await this.connect(this.sessions);
    this.held.add(client);
    try {
      await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [JOB_LOCK_CLASS, jobId]);
    } catch (error) {
      this.held.delete(client);
      client.release(true);
      throw error;
    }
    return async () => {
      if (!this.held.delete(client)) return;
      let broken = false;
      await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [JOB_LOCK_CLASS, jobId]).catch(() => {
        broken = true;
      });
      client.release(broken);
    };
  }

  /**
   * Drops the sessions of jobs still running here (shutdown after the grace period): their
   * locks go, so another process's workers retry them at once.
   */
  abandonAll(): void {
    for (const client of this.held) client.release(true);
    this.held.clear();
  }

  /**
   * Among `candidates` (active in the queue), those no live worker holds. Runs under a lock of
   * its own, so two processes never judge the same job at once; answers [] when another
   * process is already looking.
   */
  async findAbandoned(candidates: string[]): Promise<string[]> {
    if (candidates.length === 0) return [];
    const client = await this.connect(this.queries);
    let broken = false;
    try {
      const { rows } = await client.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS ok',
        [REAPER_LOCK],
      );
      if (!rows[0]?.ok) return [];
      try {
        const abandoned: string[] = [];
        for (const id of candidates) {
          const taken = await client.query<{ ok: boolean }>(
            'SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok',
            [JOB_LOCK_CLASS, id],
          );
          if (!taken.rows[0]?.ok) continue;
          await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [JOB_LOCK_CLASS, id]);
          abandoned.push(id);
        }
        return abandoned;
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [REAPER_LOCK]);
      }
    } catch (error) {
      broken = true;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /**
   * Tries to become the one run of a scheduled kind across every process; answers a release,
   * or undefined when another run holds it (two runs of one scheduled job never overlap).
   */
  async claimExclusive(name: string): Promise<(() => Promise<void>) | undefined> {
    const client = await this.connect(this.sessions);
    const { rows } = await client
      .query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [`tollgate:run:${name}`])
      .catch((error: unknown) => {
        client.release(true);
        throw error;
      });
    if (!rows[0]?.ok) {
      client.release();
      return undefined;
    }
    this.held.add(client);
    return async () => {
      if (!this.held.delete(client)) return;
      let broken = false;
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`tollgate:run:${name}`]).catch(() => {
        broken = true;
      });
      client.release(broken);
    };
  }
}
