import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { copyDuckDbToPostgres } from '../../adapters/copy/copy-duckdb-to-postgres.js';
import type { DuckDbDatabase } from '../../adapters/duckdb/duckdb-database.js';
import type { PgDatabase } from '../../adapters/postgres/pg-database.js';
import { openTollgate } from '../../app/open-tollgate.js';
import { isPostgresUrl, loadConfig } from '../../config/tollgate-config.js';
import { TollgateError } from '../../core/errors.js';
import { printJson } from '../cli-context.js';
/**
 * `tollgate copy --from <file.duckdb> --to postgres://...`: moves an embedded database to server
 * mode. The target is migrated first; the copy is one transaction, checked (row counts, exact
 * sums) before it commits.
 */
export async function runCopy(flags: { from: string; to: string; replace?: boolean; json?: boolean }) {
  if (isPostgresUrl(flags.from)) {
    throw new TollgateError(
      'COPY_SOURCE_NOT_FILE',
      '--from names the embedded DuckDB file to copy (such as ./tollgate.duckdb), not a PostgreSQL URL.',
      'usage',
    );
  }
  if (!isPostgresUrl(flags.to)) {
    throw new TollgateError(
      'COPY_TARGET_NOT_POSTGRES',
      '--to must be a PostgreSQL URL (postgres://user:password@host:port/database); server mode runs on PostgreSQL.',
      'usage',
    );
  }
  const from = resolve(flags.from);
  if (!existsSync(from) || !statSync(from).isFile()) {
    throw new TollgateError(
      'COPY_SOURCE_MISSING',
      `There is no database file ${from}; give the embedded database's path with --from.`,
      'not-found',
    );
  }
  const targetConfig = loadConfig({ db: flags.to });
  const source = await openTollgate(loadConfig({ db: from }));
  try {
    const target = await openTollgate({
      ...targetConfig,
      postgres: { ...targetConfig.postgres, migrateOnStart: true },
    });
    try {
      const summary = await copyDuckDbToPostgres(
        (source as unknown as { db: DuckDbDatabase }).db,
        (target as unknown as { pg: PgDatabase }).pg,
        {
          replace: flags.replace === true,
          onTable: ({ table, rows }) => {
            if (!flags.json) process.stderr.write(`copied ${table}: ${rows} rows\n`);
          },
        },
      );
      if (flags.json) {
        printJson(summary);
        return;
      }
      const rows = summary.tables.reduce((sum, table) => sum + table.rows, 0);
      process.stdout.write(
        `Copied ${summary.tables.length} tables (${rows} rows) and ${summary.sequences} sequences into PostgreSQL; row counts and sums checked.\n`,
      );
      for (const total of summary.totals) {
        process.stdout.write(
          `  ${total.table} ${total.currency ?? '(none)'}: billed ${total.billed}, effective ${total.effective}\n`,
        );
      }
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
