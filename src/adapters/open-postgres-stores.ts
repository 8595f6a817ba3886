import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TollgateError } from '../core/errors.js';
import type { Stores } from '../ports/stores.js';
import { DuckDbDatabase } from './duckdb/duckdb-database.js';
import type { Migration } from './duckdb/duckdb-migrations.js';
import { createPgAllocationEngine } from './postgres/pg-allocation-engine.js';
import { createPgCostEngine } from './postgres/pg-cost-engine.js';
import { describePgUrl, PgDatabase } from './postgres/pg-database.js';
import { createPgFocusFileWriter } from './postgres/pg-focus-file-writer.js';
import { loadPgMigrations, migratePostgres } from './postgres/pg-migrations.js';
import { postgresDialect } from './postgres/postgres-dialect.js';
import { lockedAuditWriter } from './sql/access/locked-audit-writer.js';
import { createSqlAccessStores } from './sql/access/sql-access-stores.js';
import { createSqlAllocationStores } from './sql/allocation/create-sql-allocation-stores.js';
import { SqlCatalogStore } from './sql/allocation/sql-catalog-store.js';
import { SqlAssetStore } from './sql/assets/sql-asset-store.js';
import { SqlContractStore } from './sql/contracts/sql-contract-store.js';
import { SqlLicenceUsageStore } from './sql/contracts/sql-licence-usage-store.js';
import { SqlCostStore } from './sql/costs/sql-cost-store.js';
import { SqlStateStore } from './sql/costs/sql-state-store.js';
import { SqlExchangeRateStore } from './sql/currency/sql-exchange-rate-store.js';
import { SqlFocusExportStore } from './sql/export/sql-focus-export-store.js';
import { SqlAlertFeedbackStore } from './sql/finance/sql-alert-feedback-store.js';
import { SqlAlertStore } from './sql/finance/sql-alert-store.js';
import { SqlBudgetStore } from './sql/finance/sql-budget-store.js';
import { SqlForecastStore } from './sql/finance/sql-forecast-store.js';
import { SqlFocusDatasetStore } from './sql/focus-datasets/sql-focus-dataset-store.js';
import { SequenceDecisionAppender } from './sql/governance/sequence-decision-appender.js';
import { createSqlGovernanceStores } from './sql/governance/sql-governance-stores.js';
import { SqlInvoiceStore } from './sql/invoices/sql-invoice-store.js';
import { SqlJournalStore } from './sql/journal/sql-journal-store.js';
import { SqlNoticeStore } from './sql/notices/sql-notice-store.js';
import { quoteLiteral } from './sql/sql-text.js';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  poolSize: number;
  /** How long to keep retrying an unreachable server at start, in milliseconds. */
  connectRetryMs: number;
  /** Apply pending migrations on open (tollgate migrate does it explicitly). */
  migrate: boolean;
  /** The in-memory DuckDB that reads billing files: its memory limit and threads. */
  memoryLimit: string;
  threads: number;
}

/** Without migrating on start, a database behind this build's schema is refused with what to run. */
async function requireMigrated(pg: PgDatabase, migrations: Migration[]): Promise<void> {
  const table = await pg.one<{ present: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS present",
  );
  const applied = new Set(
    table?.present
      ? (await pg.all<{ version: number }>('SELECT version FROM schema_migrations')).map((row) =>
          Number(row.version),
        )
      : [],
  );
  const missing = migrations.filter((migration) => !applied.has(migration.version));
  if (missing.length > 0) {
    throw new TollgateError(
      'DB_NOT_MIGRATED',
      `PostgreSQL at ${describePgUrl(pg.url)} lacks migrations ${missing.map((migration) => String(migration.version).padStart(3, '0')).join(', ')}; run tollgate migrate (migration on start is off: TOLLGATE_MIGRATE_ON_START=false).`,
      'unavailable',
    );
  }
}

export type PostgresStores = Stores & {
  pg: PgDatabase;
  fileDb: DuckDbDatabase;
  /** Migrations this build ships and those the database has: readiness compares them. */
  schemaVersions(): Promise<{ applied: number[]; expected: number[] }>;
};

/**
 * Server mode: every store in one PostgreSQL database shared by all processes, and an
 * in-memory DuckDB per process that only reads billing files (the file engine). One user
 * action is one PostgreSQL transaction; inside it the file engine works on one DuckDB
 * connection of its own (a session), so an ingest's staging tables stay together while other
 * ingests run side by side.
 */
export async function openPostgresStores(options: PostgresStoreOptions): Promise<PostgresStores> {
  const pg = await PgDatabase.open({
    url: options.url,
    poolSize: options.poolSize,
    connectRetryMs: options.connectRetryMs,
  });
  let fileDb: DuckDbDatabase | undefined;
  try {
    const migrations = await loadPgMigrations();
    if (options.migrate) await migratePostgres(pg, migrations);
    else await requireMigrated(pg, migrations);
    fileDb = await DuckDbDatabase.open({
      path: ':memory:',
      memoryLimit: options.memoryLimit,
      threads: options.threads,
    });
    const files = fileDb;
    // The file engine is in memory: past its memory limit it spills to a private folder under
    // TMPDIR (not the working directory, which a service may not be able to write).
    await files.run(`SET temp_directory = ${quoteLiteral(join(tmpdir(), `tollgate-duckdb-${process.pid}`))}`);
    return {
      pg,
      fileDb: files,
      costs: new SqlCostStore(pg, postgresDialect, createPgCostEngine(pg)),
      state: new SqlStateStore(pg, postgresDialect),
      governance: createSqlGovernanceStores(
        pg,
        postgresDialect,
        new SequenceDecisionAppender(pg, postgresDialect),
      ),
      budgets: new SqlBudgetStore(pg, postgresDialect),
      forecasts: new SqlForecastStore(pg, postgresDialect),
      alerts: new SqlAlertStore(pg, postgresDialect),
      catalog: new SqlCatalogStore(pg, postgresDialect),
      allocation: createSqlAllocationStores(pg, postgresDialect, createPgAllocationEngine(pg)),
      access: createSqlAccessStores(pg, postgresDialect, lockedAuditWriter(pg)),
      exchangeRates: new SqlExchangeRateStore(pg, postgresDialect),
      assets: new SqlAssetStore(pg, postgresDialect),
      fileEngine: files,
      exports: new SqlFocusExportStore(postgresDialect, createPgFocusFileWriter(pg, files)),
      invoices: new SqlInvoiceStore(pg, postgresDialect),
      transaction: (work) => pg.transaction(() => files.session(work)),
      focusDatasets: new SqlFocusDatasetStore(pg, postgresDialect),
      journal: new SqlJournalStore(pg, postgresDialect, createPgAllocationEngine(pg).allocatedJoin),
      contracts: new SqlContractStore(pg, postgresDialect),
      alertFeedback: new SqlAlertFeedbackStore(pg, postgresDialect),
      notices: new SqlNoticeStore(pg, postgresDialect),
      licenceUsage: new SqlLicenceUsageStore(pg, postgresDialect),
      schemaVersions: async () => {
        const table = await pg.one<{ present: boolean }>(
          "SELECT to_regclass('schema_migrations') IS NOT NULL AS present",
        );
        const rows = table?.present
          ? await pg.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')
          : [];
        return {
          applied: rows.map((row) => Number(row.version)),
          expected: migrations.map((migration) => migration.version),
        };
      },
      close: async () => {
        files.close();
        await pg.close();
      },
    };
  } catch (error) {
    fileDb?.close();
    await pg.close().catch(() => undefined);
    throw error;
  }
}
