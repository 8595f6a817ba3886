import { join } from 'node:path';
import { openPostgresStores } from '../../src/adapters/open-postgres-stores.js';
import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import type { Stores } from '../../src/ports/stores.js';
import { sharedPostgresCluster } from './postgres-cluster.js';
import { makeTempDir } from './temp-dir.js';

export const ENGINES = ['DuckDB', 'PostgreSQL'] as const;
export type EngineName = (typeof ENGINES)[number];

/** A fresh database on the engine: a DuckDB file in a temp folder, or a new PostgreSQL database of the shared cluster. */
export async function openFreshStores(engine: EngineName): Promise<Stores> {
  if (engine === 'DuckDB') return openTollgate(loadConfig({ db: join(makeTempDir(), 'fresh.duckdb') }, {}));
  return openPostgresStores({
    url: await (await sharedPostgresCluster()).createDatabase(),
    poolSize: 4,
    connectRetryMs: 0,
    migrate: true,
    memoryLimit: '256MB',
    threads: 1,
  });
}
