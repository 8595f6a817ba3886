import { openDuckDbStores } from '../adapters/open-duckdb-stores.js';
import { openPostgresStores } from '../adapters/open-postgres-stores.js';
import { isPostgresUrl, type TollgateConfig } from '../config/tollgate-config.js';
import type { Stores } from '../ports/stores.js';

/**
 * The composition root: configuration -> adapters -> stores. The CLI and the API server both
 * start here; neither builds adapters itself. A postgres:// database is server mode (every
 * store in PostgreSQL, an in-memory DuckDB to read billing files); anything else is a DuckDB
 * file (embedded mode).
 */
export async function openTollgate(config: TollgateConfig): Promise<Stores> {
  if (isPostgresUrl(config.db)) {
    return openPostgresStores({
      url: config.db,
      poolSize: config.postgres.poolSize,
      connectRetryMs: config.postgres.connectRetryMs,
      migrate: config.postgres.migrateOnStart,
      memoryLimit: config.memoryLimit,
      threads: config.threads,
    });
  }
  return openDuckDbStores({ path: config.db, memoryLimit: config.memoryLimit, threads: config.threads });
}
