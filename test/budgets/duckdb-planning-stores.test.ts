import { join } from 'node:path';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { makeTempDir } from '../support/temp-dir.js';
import { runPlanningStoresContract } from './planning-stores.contract.js';

const dir = makeTempDir();
let counter = 0;

runPlanningStoresContract('DuckDB', () =>
  openDuckDbStores({ path: join(dir, `planning-${counter++}.duckdb`), memoryLimit: '256MB', threads: 1 }),
);
