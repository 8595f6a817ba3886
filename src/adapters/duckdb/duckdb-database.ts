import { AsyncLocalStorage } from 'node:async_hooks';
import type {
  DuckDBAppender,
  DuckDBConnection,
  DuckDBInstance,
  DuckDBPreparedStatement,
  DuckDBTimestampValue,
} from '@duckdb/node-api';
import { TollgateError } from '../../core/errors.js';
import type { SqlEngine, SqlParams, SqlRow } from '../../ports/sql-engine.js';
import { duckdb } from './duckdb-driver.js';

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
 * 5. Append-only logs written on every request (decisions, audit entries) use append: in a
 *    transaction their rows ride along with the next statement or the COMMIT (see
 *    runTransaction), so recording a gate decision is one call into DuckDB, not four.
 */
export class DuckDbDatabase implements SqlEngine {
  private readonly current = new AsyncLocalStorage<Scope>();
  private readonly prepared = new WeakMap<DuckDBConnection, Map<string, KeptStatement>>();
  private readonly idle: DuckDBConnection[] = [];
  private readonly open: DuckDBConnection[] = [];
  private readonly queued: QueuedWork[] = [];
  private writing = false;
  /** Connections left tracking progress by a transaction that failed (see withProgress). */
  private readonly trackingProgress = new Set<DuckDBConnection>();

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
  ) {}

  static async open(options: DuckDbOptions): Promise<DuckDbDatabase> {
    let instance: DuckDBInstance;
    try {
      instance = await duckdb.DuckDBInstance.create(options.path, {
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
    const scope = this.current.getStore();
    if (scope?.settled && (!scope.begun || scope.deferred!.length > 0)) {
      // BEGIN and the held-back writes go in the same call as the read, when its parameters can be literals.
      const text = withLiteralParams(sql, params ?? {});
      if (text !== undefined) return (await this.sendHeldBackWith(scope, text)) as T[];
    }
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
   * Appends rows to `table`. In a transaction the rows are held back and sent as one INSERT
   * with the transaction's next statement or its COMMIT (in the same call), so an append costs
   * no call into DuckDB of its own: each awaited call waits for the event loop to come back to
   * it, which on a busy server cost more than the insert. A bad row (a duplicate key, a NULL
   * in a NOT NULL column) then fails that statement or the commit, and so the transaction.
   * Outside a transaction (or for text an SQL literal cannot carry: a NUL character) the rows
   * go through DuckDB's appender at once. `columns` gives every column of the table in order.
   */
  async append(
    table: string,
    columns: readonly AppendColumn[],
    rows: readonly (readonly AppendValue[])[],
  ): Promise<void> {
    if (rows.length === 0) return;
    const scope = this.current.getStore();
    const insert = scope?.settled ? insertStatement(table, columns, rows) : undefined;
    if (scope && insert !== undefined) {
      scope.deferred!.push(insert);
      return;
    }
    await this.withConnection(async (connection) => {
      appendRows(await connection.createAppender(table), columns, rows);
    });
  }

  /**
   * Runs a write whose outcome the caller does not read (see SqlDatabase.runHeldBack). In a
   * transaction it is held back as appends are: its text, with its parameters written as
   * literals, goes with the transaction's next statement or its COMMIT, in the same call, so
   * the statements after it see its rows. Outside a transaction, or with a parameter that is
   * not text (or text an SQL literal cannot carry), it runs at once.
   */
  async runHeldBack(sql: string, params: SqlParams = {}): Promise<void> {
    const scope = this.current.getStore();
    const text = scope?.settled ? withLiteralParams(sql, params) : undefined;
    if (scope && text !== undefined) {
      scope.deferred!.push(text);
      return;
    }
    await this.run(sql, params);
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

  /**
   * One transaction on a connection of its own. BEGIN is sent with the first statement and
   * appends wait until the next statement or the commit (see append), so a transaction that
   * only appends (the gate's records) is one call into DuckDB: BEGIN, the inserts and COMMIT
   * in one text, run on the thread pool while the event loop serves other requests.
   */
  private async runTransaction<T>(work: () => Promise<T>): Promise<T> {
    const connection = await this.acquire();
    const scope: Scope = { connection, settled: [], begun: false, deferred: [] };
    let committed = false;
    try {
      const result = await this.current.run(scope, work);
      await this.finish(scope);
      committed = true;
      return result;
    } catch (error) {
      // Also after a failed BEGIN/inserts/COMMIT text: DuckDB stops at the failing statement
      // and leaves its transaction open. Without one, ROLLBACK only says so.
      await scope.sent?.catch(() => undefined);
      if (scope.begun) await connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      this.release(connection);
      for (const hook of scope.settled!) hook(committed);
    }
  }

  /** Sends what the transaction still holds back, then COMMIT, in one call (nothing: no call). */
  private async finish(scope: Scope): Promise<void> {
    await scope.sent;
    if (!scope.begun && scope.deferred!.length === 0) return;
    await scope.connection.run([...takeHeldBack(scope), 'COMMIT'].join(';\n'));
  }

  /**
   * Before a statement of a transaction: sends BEGIN (when not sent yet) and the held-back
   * appends, so the statement sees them. Statements of one transaction issued at once wait
   * for the same send, so none can run ahead of BEGIN.
   */
  private sendHeldBack(scope: Scope): Promise<void> {
    if (scope.begun && scope.deferred!.length === 0) return scope.sent ?? Promise.resolve();
    const text = takeHeldBack(scope).join(';\n');
    const previous = scope.sent ?? Promise.resolve();
    scope.sent = previous.then(async () => {
      await scope.connection.run(text);
    });
    return scope.sent;
  }

  /**
   * Sends what the transaction holds back (BEGIN, appends, held-back writes) and then a read,
   * in one text and one call; answers the read's rows (DuckDB answers a text's last statement).
   */
  private async sendHeldBackWith(scope: Scope, read: string): Promise<SqlRow[]> {
    const text = [...takeHeldBack(scope), read].join(';\n');
    let rows: SqlRow[] = [];
    scope.sent = (scope.sent ?? Promise.resolve()).then(async () => {
      rows = (await scope.connection.runAndReadAll(text)).getRowObjectsJson() as SqlRow[];
    });
    await scope.sent;
    return rows;
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

  /**
   * Tracks progress on the caller's connection while `work` runs (ingest's progress bar).
   * Tracking is off otherwise: it cost every statement of the API server 7-9% of its time.
   */
  async withProgress<T>(work: () => Promise<T>): Promise<T> {
    const connection = this.current.getStore()?.connection;
    if (!connection) return work();
    await this.run('SET enable_progress_bar = true');
    try {
      return await work();
    } finally {
      // In a transaction the work's failure aborted, no statement runs until the rollback: the
      // setting is then turned off when the connection is next taken from the pool, and the
      // work's own error is the one the caller sees.
      await this.run('SET enable_progress_bar = false').catch(() => this.trackingProgress.add(connection));
    }
  }

  close(): void {
    for (const connection of this.open) connection.closeSync();
    this.instance.closeSync();
  }

  private async withConnection<T>(use: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const scope = this.current.getStore();
    if (scope) {
      if (scope.settled) await this.sendHeldBack(scope);
      return use(scope.connection);
    }
    const connection = await this.acquire();
    try {
      return await use(connection);
    } finally {
      this.release(connection);
    }
  }

  private async acquire(): Promise<DuckDBConnection> {
    const connection = this.idle.pop();
    if (!connection) return this.connect();
    if (this.trackingProgress.delete(connection)) await connection.run('SET enable_progress_bar = false');
    return connection;
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
    // Progress is tracked only while ingest asks (withProgress), and never printed by DuckDB.
    await connection.run('SET enable_progress_bar = false');
    await connection.run('SET enable_progress_bar_print = false');
    this.open.push(connection);
    return connection;
  }
}

/** What a transaction has not sent yet (BEGIN, when not sent, and held-back inserts), now counted as sent. */
function takeHeldBack(scope: Scope): string[] {
  const held = [...(scope.begun ? [] : ['BEGIN TRANSACTION']), ...scope.deferred!];
  scope.begun = true;
  scope.deferred = [];
  return held;
}

/**
 * The statement with each $name parameter written as a literal (text quoted, a safe integer as
 * digits); undefined when a parameter is of another kind, holds a NUL character, or is named
 * in the text but not given.
 */
function withLiteralParams(sql: string, params: SqlParams): string | undefined {
  let usable = true;
  const text = sql.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = (params as Record<string, unknown>)[name];
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    if (typeof value !== 'string' || value.includes('\0')) {
      usable = false;
      return '';
    }
    return `'${value.replaceAll("'", "''")}'`;
  });
  return usable ? text : undefined;
}

/** How append writes a column's values: strings to VARCHAR or (ISO-8601) to TIMESTAMP, integers to BIGINT. */
export type AppendColumn = 'varchar' | 'timestamp' | 'bigint';
export type AppendValue = string | number | bigint | null;

/**
 * The rows as one INSERT with literal values (undefined when a text holds a NUL character,
 * which DuckDB's SQL text cannot carry). Strings are quoted with doubled quotes; times are
 * written in UTC to the microsecond, as the appender would store them. Plain literals: a cast
 * or a function call per value costs binding time in every INSERT.
 */
function insertStatement(
  table: string,
  columns: readonly AppendColumn[],
  rows: readonly (readonly AppendValue[])[],
): string | undefined {
  const tuples: string[] = [];
  for (const row of rows) {
    if (row.length !== columns.length) {
      throw new Error(`append: a row has ${row.length} values for ${columns.length} columns`);
    }
    const literals: string[] = [];
    for (const [index, kind] of columns.entries()) {
      const value = row[index];
      if (value === null || value === undefined) literals.push('NULL');
      else if (kind === 'bigint') literals.push(String(BigInt(value)));
      else if (kind === 'timestamp') literals.push(`TIMESTAMP '${timestampValue(String(value)).toString()}'`);
      else {
        const text = String(value);
        if (text.includes('\0')) return undefined;
        literals.push(`'${text.replaceAll("'", "''")}'`);
      }
    }
    tuples.push(`(${literals.join(', ')})`);
  }
  return `INSERT INTO "${table.replaceAll('"', '""')}" VALUES ${tuples.join(', ')}`;
}

/** Appends and flushes the rows; on failure the appender is cleared, so closing it appends nothing. */
function appendRows(
  appender: DuckDBAppender,
  columns: readonly AppendColumn[],
  rows: readonly (readonly AppendValue[])[],
): void {
  try {
    for (const row of rows) {
      if (row.length !== columns.length) {
        throw new Error(`append: a row has ${row.length} values for ${columns.length} columns`);
      }
      for (const [index, kind] of columns.entries()) {
        const value = row[index];
        if (value === null || value === undefined) appender.appendNull();
        else if (kind === 'bigint') appender.appendBigInt(BigInt(value));
        else if (kind === 'timestamp') appender.appendTimestamp(timestampValue(String(value)));
        else appender.appendVarchar(String(value));
      }
      appender.endRow();
    }
    appender.flushSync();
  } catch (error) {
    appender.clear();
    throw error;
  } finally {
    appender.closeSync();
  }
}

/**
 * An ISO-8601 time as DuckDB's TIMESTAMP (microseconds since 1970, UTC): a time without a
 * zone is taken as UTC, one with an offset is moved to UTC, and digits below the millisecond
 * (which Date.parse drops) are kept.
 */
export function timestampValue(text: string): DuckDBTimestampValue {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const zoned = dateOnly || /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`;
  const millis = Date.parse(zoned);
  if (Number.isNaN(millis)) throw new Error(`append: '${text}' is not an ISO-8601 time`);
  const fraction = /[T ]\d{2}:\d{2}:\d{2}\.(\d+)/.exec(text)?.[1] ?? '';
  const belowMillis = BigInt(fraction.slice(3, 6).padEnd(3, '0'));
  return new duckdb.DuckDBTimestampValue(BigInt(millis) * 1000n + belowMillis);
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
  /** Only in a transaction: whether BEGIN has been sent. */
  begun?: boolean;
  /** Only in a transaction: appends held back until the next statement or the commit. */
  deferred?: string[];
  /** Only in a transaction: the last send of held-back statements (statements wait for it). */
  sent?: Promise<void>;
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
