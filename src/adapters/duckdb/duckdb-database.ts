import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
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
 */
export class DuckDbDatabase implements SqlEngine {
  private transactionDepth = 0;

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
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
    const connection = await instance.connect();
    await connection.run("SET TimeZone = 'UTC'");
    return new DuckDbDatabase(options.path, instance, connection);
  }

  async all<T extends SqlRow = SqlRow>(sql: string, params?: SqlParams): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJson() as T[];
  }

  async one<T extends SqlRow = SqlRow>(sql: string, params?: SqlParams): Promise<T | undefined> {
    const rows = await this.all<T>(sql, params);
    return rows[0];
  }

  async run(sql: string, params?: SqlParams): Promise<void> {
    await this.connection.run(sql, params);
  }

  /**
   * Runs `work` in one transaction: committed when it returns, rolled back when it throws.
   * Nested calls join the outer transaction, so use cases compose without half-commits.
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.transactionDepth > 0) return work();
    await this.run('BEGIN TRANSACTION');
    this.transactionDepth = 1;
    try {
      const result = await work();
      await this.run('COMMIT');
      return result;
    } catch (error) {
      await this.run('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      this.transactionDepth = 0;
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
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
