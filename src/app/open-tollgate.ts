import { openDuckDbStores } from '../adapters/duckdb/open-duckdb-stores.js';
import type { TollgateConfig } from '../config/tollgate-config.js';
import type { Stores } from '../ports/stores.js';

/**
 * The composition root: configuration -> adapters -> stores. The CLI and the API server both
 * start here; neither builds adapters itself.
 */
export async function openTollgate(config: TollgateConfig): Promise<Stores> {
  return openDuckDbStores({ path: config.db, memoryLimit: config.memoryLimit, threads: config.threads });
}
