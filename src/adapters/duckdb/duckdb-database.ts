import { AsyncLocalStorage } from 'node:async_hooks';
import { type DuckDBConnection, DuckDBInstance, type DuckDBPreparedStatement } from '@duckdb/node-api';
import { TollgateError } from '../../core/errors.js';
import type { SqlEngine, SqlParams, SqlRow } from '../../ports/sql-engine.js';

export interface DuckDbOptions {
  /** Database file, or ':memory:'. */
  path: string;
  /** DuckDB's memory_limit; beyond it DuckDB spills to temp_directory instead of growing. */
  memoryLimit: string;
  threads: number;
}

/**
 * One DuckDB file opened by this process. DuckDB lets one process hold a file for writing;
 * a second process gets a lock error, which is turned into a message that says who holds it.
 *
 * Concurrency (the API server runs many requests at once):
 * 1. A transaction gets a connection of its own; every statement issued while it runs (found
 *    through AsyncLocalStorage) goes to that connection, so its temp tables and uncommitted
 *    rows stay its own and a concurrent request never joins it by accident.
 * 2. Transactions run one at a time (a single writer), so two writers never conflict; those
 *    that queue up meanwhile share one commit (group commit, see drainQueue).
 * 3. Statements outside a transaction run in autocommit on a small pool of connections.
 * 4. A statement with parameters run for its effect (run: inserts, updates) is prepared once
 *    per connection and kept (the most recently used PREPARED_PER_CONNECTION of them): parsing
 *    and planning cost more than running a small insert. DuckDB binds a kept statement again
 *    when the catalogue changed since it was prepared (a table altered, dropped or re-created),
 *    so nothing goes stale. Statements whose rows are read (all, one) are prepared afresh each
 *    time: rows read through a re-executed kept statement came back with corrupted long
 *    strings (DuckDB 1.5.6 node API; seen reading deployments' cost_json), so reads do not
 *    keep them.
 */
export class DuckDbDatabase implements SqlEngine {
  private readonly current = new AsyncLocalStorage<Scope>();
  private readonly prepared = new WeakMap<DuckDBConnection, Map<string, KeptStatement>>();
  private readonly idle: DuckDBConnection[] = [];
  private readonly open: DuckDBConnection[] = [];
  private readonly queued: QueuedWork[] = [];
  private writing = false;

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
  ) {}

  static async open(options: DuckDbOptions): Promise<DuckDbDatabase> {
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(options.path, {
        memory_limit: options.memoryLimit,
        threads: String(options.threads),
      });
    } catch (error) {
      throw translateOpenError(options.path, error);
    }
    const database = new DuckDbDatabase(options.path, instance);
    database.release(await database.connect());
    return database;
  }

  async all<T extends SqlRow = SqlRow>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.withConnection(async (connection) => {
      const reader = await connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJson() as T[];
    });
  }

  async one<T extends SqlRow = SqlRow>(sql: string, params?: SqlParams): Promise<T | undefined> {
    const rows = await this.all<T>(sql, params);
    return rows[0];
  }

  async run(sql: string, params?: SqlParams): Promise<void> {
    await this.withConnection(async (connection) => {
      if (params === undefined) await connection.run(sql);
      else
        await this.runKept(
          connection,
          sql,
          params,
          (statement) => statement.run(),
          () => connection.run(sql, params),
        );
    });
  }

  /**
   * Calls `hook` once the current transaction has committed (true) or rolled back (false);
   * outside a transaction the statements already committed, so it is called at once. Stores
   * that keep something in memory (the audit chain's head) learn here whether it became true.
   */
  afterTransaction(hook: (committed: boolean) => void): void {
    const scope = this.current.getStore();
    if (scope?.settled) scope.settled.push(hook);
    else hook(true);
  }

  /** Runs a statement with parameters through the connection's kept prepared statement. */
  private async runKept<T>(
    connection: DuckDBConnection,
    sql: string,
    params: SqlParams,
    execute: (statement: DuckDBPreparedStatement) => Promise<T>,
    runFresh: () => Promise<T>,
  ): Promise<T> {
    let kept = this.prepared.get(connection);
    if (!kept) {
      kept = new Map();
      this.prepared.set(connection, kept);
    }
    let entry = kept.get(sql);
    if (entry?.busy || (!entry && sql.length > MAX_KEPT_SQL_LENGTH)) {
      // In use by a concurrent statement of the same transaction, or too long to be worth
      // keeping (multi-row inserts): prepared afresh, as before.
      return runFresh();
    }
    if (!entry) {
      let statement: DuckDBPreparedStatement;
      try {
        statement = await connection.prepare(sql);
      } catch {
        // Several statements in one text cannot be prepared at once; the driver runs them.
        return runFresh();
      }
      if (kept.has(sql)) {
        // Another statement of this transaction prepared the same text meanwhile: use this one once.
        try {
          statement.bind(params);
          return await execute(statement);
        } finally {
          statement.destroySync();
        }
      }
      entry = { statement, busy: false };
      if (kept.size >= PREPARED_PER_CONNECTION) {
        for (const [oldest, old] of kept) {
          if (old.busy) continue;
          kept.delete(oldest);
          old.statement.destroySync();
          break;
        }
      }
    } else kept.delete(sql);
    kept.set(sql, entry);
    entry.busy = true;
    try {
      entry.statement.clearBindings();
      entry.statement.bind(params);
      return await execute(entry.statement);
    } catch (error) {
      if (kept.get(sql) === entry) kept.delete(sql);
      entry.statement.destroySync();
      throw error;
    } finally {
      entry.busy = false;
    }
  }

  /**
   * Runs `work` in one transaction: committed when it returns, rolled back when it throws.
   * Nested calls join the outer transaction, so use cases compose without half-commits.
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.current.getStore()) return work();
    return new Promise<T>((resolve, reject) => {
      this.queued.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.writing) void this.drainQueue();
    });
  }

  /**
   * Group commit: one writer at a time, and the transactions that queued up while it wrote run
   * together, in order, in one database transaction with one commit (a commit costs far more
   * than a small append). Each still sees the ones before it, as if run alone in that order.
   * When any of them fails, the group is rolled back and each is run again alone, so one
   * failure never undoes another's work.
   */
  private async drainQueue(): Promise<void> {
    this.writing = true;
    try {
      while (this.queued.length > 0) {
        const group = this.queued.splice(0, MAX_GROUP_COMMIT);
        if (group.length === 1) {
          await this.runQueued(group[0]!);
          continue;
        }
        const results: unknown[] = [];
        try {
          await this.runTransaction(async () => {
            for (const item of group) results.push(await item.work());
          });
          for (const [index, item] of group.entries()) item.resolve(results[index]);
        } catch {
          for (const item of group) await this.runQueued(item);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async runQueued(item: QueuedWork): Promise<void> {
    try {
      item.resolve(await this.runTransaction(item.work));
    } catch (error) {
      item.reject(error);
    }
  }

  private async runTransaction<T>(work: () => Promise<T>): Promise<T> {
    const connection = await this.acquire();
    const scope: Scope = { connection, settled: [] };
    let committed = false;
    try {
      await connection.run('BEGIN TRANSACTION');
      try {
        const result = await this.current.run(scope, work);
        await connection.run('COMMIT');
        committed = true;
        return result;
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      this.release(connection);
      for (const hook of scope.settled!) hook(committed);
    }
  }

  /**
   * Stores shared with PostgreSQL lock an area before a check-then-act; an embedded file has
   * one writer at a time already, so there is nothing to take.
   */
  async lockArea(_area: string): Promise<void> {}

  /**
   * Runs `work` with one connection of its own in autocommit, without the writer queue: the
   * server-mode file engine (an in-memory database that only reads billing files) needs its
   * temp tables to stay on one connection per ingest, while ingests run side by side.
   */
  async session<T>(work: () => Promise<T>): Promise<T> {
    if (this.current.getStore()) return work();
    const connection = await this.acquire();
    try {
      return await this.current.run({ connection }, work);
    } finally {
      this.release(connection);
    }
  }

  /** Whether the caller runs inside a write transaction (whose uncommitted rows it may read). */
  inTransaction(): boolean {
    return this.current.getStore()?.settled !== undefined;
  }

  progress(): { percentage: number; rows: number } | undefined {
    const connection = this.current.getStore()?.connection;
    if (!connection) return undefined;
    const { percentage, rows_processed } = connection.progress;
    return percentage < 0 ? undefined : { percentage, rows: Number(rows_processed) };
  }

  close(): void {
    for (const connection of this.open) connection.closeSync();
    this.instance.closeSync();
  }

  private async withConnection<T>(use: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const inTransaction = this.current.getStore()?.connection;
    if (inTransaction) return use(inTransaction);
    const connection = await this.acquire();
    try {
      return await use(connection);
    } finally {
      this.release(connection);
    }
  }

  private async acquire(): Promise<DuckDBConnection> {
    return this.idle.pop() ?? this.connect();
  }

  private release(connection: DuckDBConnection): void {
    if (this.idle.length < MAX_IDLE_CONNECTIONS) this.idle.push(connection);
    else {
      connection.closeSync();
      this.open.splice(this.open.indexOf(connection), 1);
    }
  }

  private async connect(): Promise<DuckDBConnection> {
    const connection = await this.instance.connect();
    await connection.run("SET TimeZone = 'UTC'");
    // Progress is tracked (for the ingest progress bar) but never printed by DuckDB itself.
    await connection.run('SET enable_progress_bar = true');
    await connection.run('SET enable_progress_bar_print = false');
    this.open.push(connection);
    return connection;
  }
}

const MAX_IDLE_CONNECTIONS = 4;
/** Prepared statements kept per connection (least recently used dropped first). */
const PREPARED_PER_CONNECTION = 64;
/** Longer statement texts (generated multi-row inserts) are not kept. */
const MAX_KEPT_SQL_LENGTH = 4000;

/** What a transaction (or a session) runs on: its connection, and hooks for when it settles. */
interface Scope {
  connection: DuckDBConnection;
  /** Only in a transaction: called with whether it committed. */
  settled?: ((committed: boolean) => void)[];
}

interface KeptStatement {
  statement: DuckDBPreparedStatement;
  busy: boolean;
}
/** At most this many queued transactions share one commit. */
const MAX_GROUP_COMMIT = 64;

interface QueuedWork {
  work: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

function translateOpenError(path: string, error: unknown): TollgateError {
  const message = error instanceof Error ? error.message : String(error);
  const lock = /Conflicting lock is held in (.*?) \(PID (\d+)\)/.exec(message);
  if (lock) {
    return new TollgateError(
      'DB_LOCKED',
      `The database ${path} is in use by another process (${lock[1]}, PID ${lock[2]}). ` +
        'Wait for it to finish or stop it; an embedded database serves one process at a time ' +
        '(run `tollgate serve` and use the API, or server mode on PostgreSQL, to share it).',
      'unavailable',
    );
  }
  if (/read-only|Permission denied|Read-only file system/i.test(message)) {
    return new TollgateError(
      'DB_READ_ONLY',
      `Cannot write to the database ${path}: ${message.split('\n')[0]}. ` +
        'Check the file and folder permissions, or point --db (TOLLGATE_DB) at a writable location.',
      'unavailable',
    );
  }
  return new TollgateError(
    'DB_OPEN_FAILED',
    `Cannot open the database ${path}: ${message.split('\n')[0]}. ` +
      'Check that the path is a Tollgate DuckDB file, or point --db (TOLLGATE_DB) elsewhere.',
    'unavailable',
  );
}
