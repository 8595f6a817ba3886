import { createDuckDbAllocationEngine } from '../../src/adapters/duckdb/duckdb-allocation-engine.js';
import { DuckDbDatabase } from '../../src/adapters/duckdb/duckdb-database.js';
import { duckDbDialect } from '../../src/adapters/duckdb/duckdb-dialect.js';
import { loadMigrations, migrateDuckDb } from '../../src/adapters/duckdb/duckdb-migrations.js';
import { SqlAllocationRunStore } from '../../src/adapters/sql/allocation/sql-allocation-run-store.js';
import type { LineRecord } from './allocation-fixtures.js';

/** An in-memory store with the ingestion and allocation tables (migrations below 020 only). */
export async function openAllocationDb(): Promise<DuckDbDatabase> {
  const db = await DuckDbDatabase.open({ path: ':memory:', memoryLimit: '1GB', threads: 2 });
  await migrateDuckDb(
    db,
    (await loadMigrations()).filter((migration) => migration.version < 20),
  );
  return db;
}

/** The shared run store over an embedded database, as the composition root makes it. */
export function openAllocationRunStore(db: DuckDbDatabase): SqlAllocationRunStore {
  return new SqlAllocationRunStore(db, duckDbDialect, createDuckDbAllocationEngine(db));
}

/** Replaces the store's cost lines with these, keyed 1|file.csv|<n> like toLines(). */
export async function storeLines(db: DuckDbDatabase, raw: LineRecord[]) {
  await db.run('DELETE FROM cost_lines');
  if (raw.length === 0) return;
  const rows = raw.map((line, index) => ({
    source_row: index + 1,
    period: `${line.period}-01 00:00:00`,
    currency: line.currency,
    billed: line.billedCost,
    effective: line.effectiveCost,
    service: line.service,
    account: line.account,
    tags: line.tags === null ? null : JSON.stringify(line.tags),
  }));
  await db.run(
    `INSERT INTO cost_lines BY NAME
     SELECT 1 AS load_id, 'file.csv' AS source_file, r.source_row, CAST(r.period AS TIMESTAMP) AS billing_period_start,
       r.currency AS billing_currency, CAST(r.billed AS DECIMAL(38,16)) AS billed_cost,
       CAST(r.effective AS DECIMAL(38,16)) AS effective_cost, r.service AS service_name, r.account AS sub_account_id, r.tags
     FROM (SELECT unnest(from_json($rows, '[{"source_row":"BIGINT","period":"VARCHAR","currency":"VARCHAR","billed":"VARCHAR","effective":"VARCHAR","service":"VARCHAR","account":"VARCHAR","tags":"VARCHAR"}]'), recursive := true)) r`,
    { rows: JSON.stringify(rows) },
  );
}
