import { join } from 'node:path';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { runInvoiceSettlementContract } from '../contracts/invoice-settlement.contract.js';
import { runInvoiceStoreContract } from '../contracts/invoice-store.contract.js';
import { makeTempDir } from '../support/temp-dir.js';

const dir = makeTempDir();
let counter = 0;
runInvoiceStoreContract('DuckDB', () =>
  openDuckDbStores({ path: join(dir, `invoices-${counter++}.duckdb`), memoryLimit: '256MB', threads: 1 }),
);
runInvoiceSettlementContract('DuckDB', () =>
  openDuckDbStores({ path: join(dir, `settlement-${counter++}.duckdb`), memoryLimit: '256MB', threads: 1 }),
);
