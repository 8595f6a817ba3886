import { isPostgresUrl, type TollgateConfig } from '../config/tollgate-config.js';
import type { Stores } from '../ports/stores.js';

/**
 * The composition root: configuration -> adapters -> stores. The CLI and the API server both
 * start here; neither builds adapters itself. A postgres:// database is server mode (every
 * store in PostgreSQL, an in-memory DuckDB to read billing files); anything else is a DuckDB
 * file (embedded mode). Each engine's adapters are imported only when used: a CLI command on a
 * DuckDB file does not load the PostgreSQL driver.
 */
export async function openTollgate(config: TollgateConfig): Promise<Stores> {
  if (isPostgresUrl(config.db)) {
    const { openPostgresStores } = await import('../adapters/open-postgres-stores.js');
    return openPostgresStores({
      url: config.db,
      poolSize: config.postgres.poolSize,
      connectRetryMs: config.postgres.connectRetryMs,
      migrate: config.postgres.migrateOnStart,
      memoryLimit: config.memoryLimit,
      threads: config.threads,
    });
  }
  const { openDuckDbStores } = await import('../adapters/open-duckdb-stores.js');
  return openDuckDbStores({ path: config.db, memoryLimit: config.memoryLimit, threads: config.threads });
}
