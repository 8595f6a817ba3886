import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { applyRules } from '../../src/app/allocation/manage-rules.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import type { Stores } from '../../src/ports/stores.js';
import { writeCsv } from '../support/csv-text.js';
import { readFocusSample } from '../support/focus-sample.js';

// The catalogue has production, staging and test: no development environment.
const CATALOG = readFileSync(new URL('../governance/fixtures/catalog.yaml', import.meta.url), 'utf8');

const RULES = `mapping:
  - id: docs-in-staging
    when:
      tag:team: team-web
    set: { team: team-web, environment: staging }
  - id: payments
    when:
      tag:team: team-pay
    set: { team: team-pay }
`;

/** March 2026, one line a tag case: amounts are powers of two. */
export const LINES: { cost: string; tags: Record<string, string> }[] = [
  { cost: '1', tags: { team: 'team-pay', env: 'prd' } },
  { cost: '2', tags: { team: 'team-pay', env: 'dev' } }, // names development: not in the catalogue
  { cost: '4', tags: { team: 'team-pay', environment: 'Development ' } }, // the same, other key
  { cost: '8', tags: { team: 'team-pay', env: 'blue' } }, // no environment word
  { cost: '16', tags: { team: 'team-web', env: 'dev' } }, // the rule sets staging: nothing to report
  { cost: '32', tags: { team: 'team-pay', env: 'qa' } }, // qa is test, in the catalogue
];

function writeBill(path: string) {
  const sample = readFocusSample();
  const col = (name: string) => sample.header.indexOf(name);
  const template = sample.rows.find(
    (row) => row[col('ProviderName')] === 'AWS' && row[col('ChargeCategory')] === 'Usage',
  )!;
  const rows = LINES.map((line, index) => {
    const row = [...template];
    row[col('BillingPeriodStart')] = '2026-03-01 00:00:00';
    row[col('BillingPeriodEnd')] = '2026-04-01 00:00:00';
    row[col('ChargePeriodStart')] = '2026-03-04 00:00:00';
    row[col('ChargePeriodEnd')] = '2026-03-04 23:00:00';
    row[col('ResourceId')] = `r-${index}`;
    row[col('BillingAccountId')] = 'acc-eur';
    for (const name of ['BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost'])
      row[col(name)] = line.cost;
    row[col('BillingCurrency')] = 'EUR';
    row[col('Tags')] = JSON.stringify(line.tags);
    return row;
  });
  writeFileSync(path, writeCsv([sample.header, ...rows]));
}

/** Applies the catalogue and rules and loads March 2026's bill (not yet allocated) into `stores`. */
export async function loadEnvironmentTagBill(stores: Stores, dir: string): Promise<void> {
  writeFileSync(join(dir, 'catalog.yaml'), CATALOG);
  writeFileSync(join(dir, 'rules.yaml'), RULES);
  writeBill(join(dir, 'bill.csv'));
  await applyCatalog(stores, join(dir, 'catalog.yaml'), commandLineActor());
  await applyRules(stores, join(dir, 'rules.yaml'), { actor: commandLineActor() });
  await ingestBillingFiles(stores, [join(dir, 'bill.csv')], {
    onError: 'fail',
    dryRun: false,
    rejectReportPath: join(dir, 'rejects.csv'),
  });
}
