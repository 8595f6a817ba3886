import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DuckDbDatabase } from '../../src/adapters/duckdb/duckdb-database.js';
import { loadMigrations, migrateDuckDb } from '../../src/adapters/duckdb/duckdb-migrations.js';
import { periodTable, replacePeriodTable } from '../../src/adapters/duckdb/duckdb-period-allocations.js';
import { ALLOCATED_COLUMNS } from '../../src/core/allocation/print-allocation-sql.js';
import { makeTempDir } from '../support/temp-dir.js';

const dir = makeTempDir();

/** The columns of migration 010's allocated_lines (a period table has the stored parts as well). */
const COLUMNS = ALLOCATED_COLUMNS.join(', ');

/** One allocated row of a run (the columns of migration 010's allocated_lines). */
const row = (runId: number, period: string, sourceRow: number, team: string, amount: string) =>
  `(${runId}, '${period}', 1, 'bill.csv', ${sourceRow}, 'USD', 'direct', 'map-1', NULL, NULL, '${team}', NULL, NULL, NULL, NULL, ${amount}, ${amount})`;

async function rows(db: DuckDbDatabase): Promise<string[]> {
  const found = await db.all<{ line: string }>(
    `SELECT period || ' ' || CAST(run_id AS VARCHAR) || ' ' || team || ' ' || CAST(billed_cost AS VARCHAR) AS line
     FROM allocated_lines ORDER BY ALL`,
  );
  return found.map((entry) => entry.line);
}

describe('DuckDB allocated lines, one table per billing period (migration 014)', () => {
  it('keeps the rows of runs made before it, and a new run replaces only its own period', async () => {
    const db = await DuckDbDatabase.open({
      path: join(dir, 'upgrade.duckdb'),
      memoryLimit: '128MB',
      threads: 1,
    });
    try {
      const migrations = await loadMigrations();
      // A database as it was before 014, with the allocations of two periods.
      await migrateDuckDb(
        db,
        migrations.filter((migration) => migration.version !== 14),
      );
      await db.run(
        `INSERT INTO allocated_lines VALUES ${row(1, '2026-01', 1, 'payments', '10.5')}, ${row(2, '2026-02', 2, 'search', '7.25')}`,
      );
      assert.deepEqual(await migrateDuckDb(db, migrations), [14]);
      assert.deepEqual(await rows(db), [
        '2026-01 1 payments 10.5000000000000000',
        '2026-02 2 search 7.2500000000000000',
      ]);

      // A run of February: its old rows leave, its table is new, January is untouched.
      await db.transaction(async () => {
        const table = await replacePeriodTable(db, '2026-02');
        assert.equal(table, periodTable('2026-02'));
        await db.run(`INSERT INTO ${table} (${COLUMNS}) VALUES ${row(3, '2026-02', 2, 'checkout', '7.25')}`);
      });
      assert.deepEqual(await rows(db), [
        '2026-01 1 payments 10.5000000000000000',
        '2026-02 3 checkout 7.2500000000000000',
      ]);

      // Run again, and a run that fails: the view shows the last committed run only.
      await db.transaction(async () => {
        const table = await replacePeriodTable(db, '2026-02');
        await db.run(`INSERT INTO ${table} (${COLUMNS}) VALUES ${row(4, '2026-02', 2, 'search', '7.25')}`);
      });
      await assert.rejects(
        db.transaction(async () => {
          const table = await replacePeriodTable(db, '2026-02');
          await db.run(`INSERT INTO ${table} (${COLUMNS}) VALUES ${row(5, '2026-02', 2, 'nobody', '7.25')}`);
          throw new Error('the run fails after writing');
        }),
        /fails after writing/,
      );
      assert.deepEqual(await rows(db), [
        '2026-01 1 payments 10.5000000000000000',
        '2026-02 4 search 7.2500000000000000',
      ]);
      const left = await db.one<{ n: string }>(
        'SELECT CAST(count(*) AS VARCHAR) AS n FROM allocated_lines_base',
      );
      assert.equal(left!.n, '1', 'only January is still in the table from before the migration');
    } finally {
      db.close();
    }
  });

  it('names period tables only for billing periods', () => {
    assert.equal(periodTable('2026-11'), 'allocated_lines_p2026_11');
    assert.throws(() => periodTable("2026-11'; DROP TABLE cost_lines; --"));
    assert.throws(() => periodTable('2026-1'));
  });
});
