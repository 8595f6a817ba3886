import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { TollgateError } from '../../core/errors.js';
import type { SqlEngine, SqlParams, SqlRow } from '../../ports/sql-engine.js';
import { positionalValues, toPositional } from './named-params.js';

export interface PgOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Connections this process keeps open at most. */
  poolSize: number;
  /** How long to keep retrying an unreachable server at start, in milliseconds (0: try once). */
  connectRetryMs: number;
}

/** Values come back as DuckDB's JSON rows give them, so stores read both engines alike. */
const RAW_TEXT_TYPES = new Set([
  pg.types.builtins.TIMESTAMP,
  pg.types.builtins.TIMESTAMPTZ,
  pg.types.builtins.DATE,
  pg.types.builtins.JSON,
  pg.types.builtins.JSONB,
  pg.types.builtins.NUMERIC,
  pg.types.builtins.INT8,
]);
const rawText = (value: string) => value;
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    RAW_TEXT_TYPES.has(oid) ? rawText : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Errors after which a transaction may simply be run again (serialization failure, deadlock). */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;
/** Errors that mean the server is not there (yet): refused, unknown host, starting up, shutting down. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P03',
  '57P01',
]);

/**
 * A PostgreSQL database used by this process (server mode). Many processes share it, so unlike
 * the embedded file there is no single writer: transactions run concurrently under PostgreSQL's
 * own isolation, a store that must check-then-act takes an advisory lock for its area
 * (lockArea), and a transaction that loses a serialization race or a deadlock is run again.
 * Statements issued while a transaction runs (found through AsyncLocalStorage) go to its client.
 */
export class PgDatabase implements SqlEngine {
  private readonly current = new AsyncLocalStorage<pg.PoolClient>();

  private constructor(
    readonly url: string,
    readonly pool: pg.Pool,
  ) {}

  static async open(options: PgOptions): Promise<PgDatabase> {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize,
      types: TYPES,
      options: '-c TimeZone=UTC -c DateStyle=ISO',
      application_name: 'tollgate',
      connectionTimeoutMillis: 10_000,
    });
    // An idle client whose server went away must not bring the process down; the next query
    // gets a fresh connection.
    pool.on('error', () => undefined);
    const database = new PgDatabase(options.url, pool);
    await database.waitUntilReachable(options.connectRetryMs);
    return database;
  }

  /**
   * Retries with exponential backoff (0.25 s doubling to 5 s) until the server answers or the
   * time is up, then fails with a message that says where it looked.
   */
  private async waitUntilReachable(retryMs: number): Promise<void> {
    const deadline = Date.now() + retryMs;
    let delay = 250;
    for (;;) {
      try {
        await this.pool.query('SELECT 1');
        return;
      } catch (error) {
        if (!isUnreachable(error) || Date.now() + delay > deadline) {
          await this.pool.end().catch(() => undefined);
          throw translatePgError(this.url, error);
        }
        await sleep(delay);
        delay = Math.min(delay * 2, 5000);
      }
    }
  }

  async all<T extends SqlRow = SqlRow>(sql: string, params?: SqlParams): Promise<T[]> {
    const query = toPositional(sql);
    const values = positionalValues(query, params);
    const client = this.current.getStore();
    // A read outside a transaction that lands on a connection the server dropped (restart,
    // failover, idle kill) is simply asked again on another; anything else fails cleanly.
    const attempts = client || !READ_ONLY.test(sql) ? 1 : this.pool.options.max + 1;
    for (let attempt = 1; ; attempt++) {
      try {
        // Without values the simple protocol runs, which also takes several statements (migrations).
        const target = client ?? this.pool;
        const result =
          values.length > 0 ? await target.query(query.text, values) : await target.query(query.text);
        return (Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows) as T[];
      } catch (error) {
        if (attempt < attempts && isConnectionLost(error)) continue;
        throw translatePgError(this.url, error);
      }
    }
  }

  async one<T extends SqlRow = SqlRow>(sql: string, params?: SqlParams): Promise<T | undefined> {
    const rows = await this.all<T>(sql, params);
    return rows[0];
  }

  async run(sql: string, params?: SqlParams): Promise<void> {
    await this.all(sql, params);
  }

  /** True while the caller runs inside a transaction of this database. */
  inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  /**
   * Runs `work` in one transaction: committed when it returns, rolled back when it throws.
   * Nested calls join the outer transaction. A serialization failure or deadlock reruns the
   * whole of `work` (up to 5 times), so `work` must not have effects outside the database
   * before it returns.
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.current.getStore()) return work();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.runTransaction(work);
      } catch (error) {
        const code = pgCode(error);
        if (!code || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw error;
        await sleep(10 * attempt + Math.floor(Math.random() * 20));
      }
    }
  }

  private async runTransaction<T>(work: () => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw translatePgError(this.url, error);
    }
    let broken = false;
    try {
      await client.query('BEGIN');
      try {
        const result = await this.current.run(client, work);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  /**
   * Serialises the transactions that touch one area (ingest, allocation, governance, ...)
   * across every process, until the caller's transaction ends. Outside a transaction it
   * does nothing, since there is nothing to protect.
   */
  async lockArea(area: string): Promise<void> {
    if (!this.current.getStore()) return;
    await this.run('SELECT pg_advisory_xact_lock(hashtext($area))', { area: `tollgate:${area}` });
  }

  /** Lends one client (the transaction's, or a pooled one) for streaming work such as COPY. */
  async withClient<T>(use: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const inTransaction = this.current.getStore();
    if (inTransaction) return use(inTransaction);
    const client = await this.pool.connect();
    try {
      return await use(client);
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function pgCode(error: unknown): string | undefined {
  if (error instanceof TollgateError) return pgCode(error.cause);
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** A statement that only reads, so asking again cannot apply anything twice. */
const READ_ONLY =
  /^\s*(SELECT|SHOW)\b(?![\s\S]*\b(INSERT|UPDATE|DELETE|MERGE|nextval|setval|pg_advisory)\b)/i;

function isConnectionLost(error: unknown): boolean {
  const code = pgCode(error);
  if (code === '57P01' || code === '57P02' || code === 'ECONNRESET' || code === 'EPIPE') return true;
  return (
    error instanceof Error &&
    /Connection terminated|Client has encountered a connection error/i.test(error.message)
  );
}

function isUnreachable(error: unknown): boolean {
  const code = pgCode(error);
  if (code && UNREACHABLE.has(code)) return true;
  return error instanceof Error && /timeout|terminated|Connection terminated/i.test(error.message);
}

/** Where a URL points, without its password, for messages and logs. */
export function describePgUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the configured PostgreSQL server';
  }
}

/** Connection failures become an `unavailable` error that says what to check; SQL errors pass through. */
function translatePgError(url: string, error: unknown): unknown {
  if (!isUnreachable(error)) {
    const code = pgCode(error);
    if (code === '28P01' || code === '28000') {
      return new TollgateError(
        'DB_AUTH_FAILED',
        `PostgreSQL at ${describePgUrl(url)} refused the credentials. Check the user and password in TOLLGATE_DB.`,
        'unavailable',
      );
    }
    if (code === '3D000') {
      return new TollgateError(
        'DB_NOT_FOUND',
        `The database ${describePgUrl(url)} does not exist. Create it (createdb) or fix the name in TOLLGATE_DB.`,
        'unavailable',
      );
    }
    if (code === '53100') {
      return new TollgateError(
        'DB_DISK_FULL',
        `PostgreSQL at ${describePgUrl(url)} has run out of disk space; nothing of this change was kept. Free space on the server and run it again.`,
        'unavailable',
      );
    }
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  const wrapped = new TollgateError(
    'DB_UNREACHABLE',
    `Cannot reach PostgreSQL at ${describePgUrl(url)} (${message.split('\n')[0]}). ` +
      'Check that the server is running and that TOLLGATE_DB (or --db) points at it; nothing was changed.',
    'unavailable',
  );
  wrapped.cause = error;
  return wrapped;
}
