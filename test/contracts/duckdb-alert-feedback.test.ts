import { join } from 'node:path';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { makeTempDir } from '../support/temp-dir.js';
import { runAlertFeedbackContract } from './alert-feedback-store.contract.js';

runAlertFeedbackContract('DuckDB', () =>
  openDuckDbStores({ path: join(makeTempDir(), 'feedback.duckdb'), memoryLimit: '256MB', threads: 1 }),
);
