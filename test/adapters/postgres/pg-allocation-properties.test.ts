import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { createPgAllocationEngine } from '../../../src/adapters/postgres/pg-allocation-engine.js';
import { PgDatabase } from '../../../src/adapters/postgres/pg-database.js';
import { loadPgMigrations, migratePostgres } from '../../../src/adapters/postgres/pg-migrations.js';
import { ensureMonthPartitions } from '../../../src/adapters/postgres/pg-month-partitions.js';
import { postgresDialect } from '../../../src/adapters/postgres/postgres-dialect.js';
import { SqlAllocationRunStore } from '../../../src/adapters/sql/allocation/sql-allocation-run-store.js';
import { evaluateAllocation } from '../../../src/core/allocation/evaluate-allocation.js';
import type { EmptySplit } from '../../../src/core/allocation/split-weights.js';
import { Decimal } from '../../../src/core/money.js';
import {
  compileForTest,
  driversArbitrary,
  type LineRecord,
  lineArbitrary,
  PERIODS,
  ruleSetArbitrary,
  toLines,
} from '../../allocation/allocation-fixtures.js';
import { sharedPostgresCluster } from '../../support/postgres-cluster.js';

/** Replaces the cost lines with these, keyed 1|file.csv|<n> like toLines(). */
async function storeLines(db: PgDatabase, raw: LineRecord[]) {
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
    `INSERT INTO cost_lines (load_id, source_file, source_row, billing_period_start, billing_currency, billed_cost,
       effective_cost, service_name, sub_account_id, tags)
     SELECT 1, 'file.csv', r.source_row, CAST(r.period AS TIMESTAMP), r.currency, CAST(r.billed AS NUMERIC(38,16)),
       CAST(r.effective AS NUMERIC(38,16)), r.service, r.account, CAST(r.tags AS JSONB)
     FROM jsonb_to_recordset(CAST($rows AS JSONB)) AS r(source_row BIGINT, period TEXT, currency TEXT, billed TEXT,
       effective TEXT, service TEXT, account TEXT, tags TEXT)`,
    { rows: JSON.stringify(rows) },
  );
}

const canonical = (row: {
  key: string;
  kind: string;
  ruleId: string | null;
  team: string | null;
  costCentre: string | null;
  billedCost: string;
  effectiveCost: string;
}) =>
  [
    row.key,
    row.kind,
    row.ruleId,
    row.team,
    row.costCentre,
    new Decimal(row.billedCost).toString(),
    new Decimal(row.effectiveCost).toString(),
  ].join(' ');

describe('PostgreSQL allocation SQL against the reference evaluator', () => {
  let db: PgDatabase;
  let store: SqlAllocationRunStore;
  before(async () => {
    const cluster = await sharedPostgresCluster();
    db = await PgDatabase.open({ url: await cluster.createDatabase(), poolSize: 4, connectRetryMs: 0 });
    await migratePostgres(
      db,
      (await loadPgMigrations()).filter((migration) => migration.version < 20),
    );
    await ensureMonthPartitions(
      db,
      PERIODS.map((period) => `${period}-01`),
    );
    store = new SqlAllocationRunStore(db, postgresDialect, createPgAllocationEngine(db));
  });
  after(async () => {
    await db?.close();
  });

  it('gives exactly the rows the evaluator gives (regexes, ignored key case, exact splits), on random rule sets and lines', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineArbitrary, { maxLength: 40 }),
        ruleSetArbitrary,
        driversArbitrary,
        async (raw, ruleSet, drivers) => {
          await storeLines(db, raw);
          const rules = compileForTest(ruleSet);
          const expected = evaluateAllocation(toLines(raw), rules, drivers);
          const actual: string[] = [];
          const emptySplits: EmptySplit[] = [];
          for (const period of PERIODS) {
            const rows = await db.transaction(async () => {
              const result = await store.computeAllocation({
                runId: 1,
                period,
                rules,
                drivers,
                table: 'allocation_preview',
              });
              emptySplits.push(...result.emptySplits);
              return db.all<Record<string, string | null>>(
                `SELECT load_id || '|' || source_file || '|' || source_row AS key, kind, rule_id, team, cost_centre,
                 CAST(billed_cost AS TEXT) AS billed, CAST(effective_cost AS TEXT) AS effective FROM allocation_preview`,
              );
            });
            actual.push(
              ...rows.map((row) =>
                canonical({
                  key: row.key!,
                  kind: row.kind!,
                  ruleId: row.rule_id ?? null,
                  team: row.team ?? null,
                  costCentre: row.cost_centre ?? null,
                  billedCost: row.billed!,
                  effectiveCost: row.effective!,
                }),
              ),
            );
          }
          const wanted = expected.rows.map((row) =>
            canonical({ ...row, team: row.owner.team, costCentre: row.owner.costCentre }),
          );
          assert.deepEqual(actual.sort(), wanted.sort());
          assert.deepEqual(
            emptySplits.map((split) => `${split.period} ${split.currency} ${split.ruleId}`).sort(),
            expected.emptySplits.map((split) => `${split.period} ${split.currency} ${split.ruleId}`).sort(),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
