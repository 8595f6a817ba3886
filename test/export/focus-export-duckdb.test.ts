import { join } from 'node:path';
import { periodTable } from '../../src/adapters/duckdb/duckdb-period-allocations.js';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { ALLOCATED_COLUMNS } from '../../src/core/allocation/print-allocation-sql.js';
import { runFocusExportStoreContract } from '../contracts/focus-export-store.contract.js';
import { makeTempDir } from '../support/temp-dir.js';

const dir = makeTempDir();
let counter = 0;
runFocusExportStoreContract(
  'DuckDB',
  () => openDuckDbStores({ path: join(dir, `export-${counter++}.duckdb`), memoryLimit: '256MB', threads: 1 }),
  {
    all: (stores, sql) => stores.db.all(sql),
    run: (stores, sql) => stores.db.run(sql),
    allocatedTable: periodTable,
    // As a database held a run from before: its rows in allocated_lines_base, under a view that
    // has no column for the parts (migration 014's).
    forgetStoredShares: async (stores, period) => {
      const columns = ALLOCATED_COLUMNS.join(', ');
      await stores.db.run(
        `INSERT INTO allocated_lines_base (${columns}) SELECT ${columns} FROM ${periodTable(period)}`,
      );
      await stores.db.run('CREATE OR REPLACE VIEW allocated_lines AS SELECT * FROM allocated_lines_base');
      await stores.db.run(`DROP TABLE ${periodTable(period)}`);
    },
  },
);
