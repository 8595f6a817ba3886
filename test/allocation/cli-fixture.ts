import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCsv } from '../support/csv-text.js';
import { readFocusSample } from '../support/focus-sample.js';

interface LineSpec {
  period: '2026-01' | '2026-02';
  provider: string;
  service: string;
  account: string;
  resource: string;
  billed: string;
  effective: string;
  tags?: Record<string, string>;
  category?: string;
}

/**
 * A small month-end: real FOCUS rows (the FinOps Foundation sample) rewritten into two
 * billing periods with tags, accounts and services that a catalogue and rules can allocate.
 */
export const FIXTURE_LINES: LineSpec[] = [
  {
    period: '2026-01',
    provider: 'AWS',
    service: 'Amazon Elastic Compute Cloud',
    account: 'acc-shop',
    resource: 'i-pay-1',
    billed: '120.00',
    effective: '100.00',
    tags: { team: 'payments' },
  },
  {
    period: '2026-01',
    provider: 'AWS',
    service: 'Amazon Elastic Compute Cloud',
    account: 'acc-shop',
    resource: 'i-pay-2',
    billed: '80.00',
    effective: '80.00',
    tags: { Team: 'payments' },
  },
  {
    period: '2026-01',
    provider: 'AWS',
    service: 'Amazon Simple Storage Service',
    account: 'acc-shop',
    resource: 'bucket-search',
    billed: '30.00',
    effective: '30.00',
    tags: { TEAM: 'search' },
  },
  {
    period: '2026-01',
    provider: 'AWS',
    service: 'Amazon Elastic Compute Cloud',
    account: 'acc-search',
    resource: 'i-search-1',
    billed: '90.00',
    effective: '90.00',
  },
  {
    period: '2026-01',
    provider: 'Microsoft',
    service: 'Azure Kubernetes Service',
    account: 'sub-platform',
    resource: 'aks-shared',
    billed: '100.00',
    effective: '100.00',
    tags: { team: 'platform' },
  },
  {
    period: '2026-01',
    provider: 'AWS',
    service: 'AWS Support (Business)',
    account: 'acc-shop',
    resource: 'support',
    billed: '50.00',
    effective: '50.00',
  },
  {
    period: '2026-01',
    provider: 'AWS',
    service: 'Amazon Relational Database Service',
    account: 'acc-shop',
    resource: 'db-orphan',
    billed: '10.00',
    effective: '10.00',
    tags: { team: 'ghosts' },
  },
  {
    period: '2026-01',
    provider: 'AWS',
    service: 'Amazon Elastic Compute Cloud',
    account: 'acc-shop',
    resource: 'i-pay-1',
    billed: '-5.00',
    effective: '-5.00',
    tags: { team: 'payments' },
    category: 'Credit',
  },
  {
    period: '2026-02',
    provider: 'AWS',
    service: 'Amazon Elastic Compute Cloud',
    account: 'acc-shop',
    resource: 'i-pay-1',
    billed: '110.00',
    effective: '110.00',
    tags: { team: 'payments' },
  },
  {
    period: '2026-02',
    provider: 'Microsoft',
    service: 'Azure Kubernetes Service',
    account: 'sub-platform',
    resource: 'aks-shared',
    billed: '100.00',
    effective: '100.00',
    tags: { team: 'platform' },
  },
];

export const CATALOG_YAML = `business_units:
  - id: retail
    name: Retail
cost_centres:
  - id: cc-100
    name: Shop
    business_unit: retail
  - id: cc-200
    name: Platform
    business_unit: retail
teams:
  - id: payments
    name: Payments
    cost_centre: cc-100
  - id: search
    name: Search
    cost_centre: cc-100
  - id: platform
    name: Platform
    cost_centre: cc-200
services:
  - id: checkout-api
    name: Checkout API
    owner_team: payments
    criticality: critical
    environments: [production]
environments:
  - id: production
    name: Production
    production: true
`;

export const RULES_YAML = `tag_keys: case-insensitive
shared:
  - id: platform-cluster
    when:
      service_name: Azure Kubernetes Service
    split: driver
    driver: cpu-hours
    targets: [payments, search]
  - id: support
    when:
      service_name: { prefix: AWS Support }
    split: proportional
    targets: [payments, search]
mapping:
  - id: payments-tag
    when:
      tag:team: payments
    set: { team: payments, service: checkout-api, environment: production }
  - id: search-tag
    when:
      tag:team: search
    set: { team: search }
  - id: search-account
    when:
      sub_account_id: acc-search
    set: { team: search }
`;

export const DRIVERS_CSV = `period,driver,team,quantity
2026-01,cpu-hours,payments,300
2026-01,cpu-hours,search,100
`;

export function writeFixture(dir: string) {
  const sample = readFocusSample();
  const col = (name: string) => {
    const index = sample.header.indexOf(name);
    if (index < 0) throw new Error(`sample has no ${name}`);
    return index;
  };
  const template = sample.rows.find(
    (row) => row[col('ProviderName')] === 'AWS' && row[col('ChargeCategory')] === 'Usage',
  )!;
  const rows = FIXTURE_LINES.map((line, index) => {
    const row = [...template];
    const next = line.period === '2026-01' ? '2026-02' : '2026-03';
    row[col('BillingPeriodStart')] = `${line.period}-01 00:00:00`;
    row[col('BillingPeriodEnd')] = `${next}-01 00:00:00`;
    row[col('ChargePeriodStart')] = `${line.period}-${String(10 + (index % 10)).padStart(2, '0')} 00:00:00`;
    row[col('ChargePeriodEnd')] = `${line.period}-${String(10 + (index % 10)).padStart(2, '0')} 01:00:00`;
    row[col('ProviderName')] = line.provider;
    row[col('ServiceName')] = line.service;
    row[col('SubAccountId')] = line.account;
    row[col('ResourceId')] = line.resource;
    row[col('BilledCost')] = line.billed;
    row[col('EffectiveCost')] = line.effective;
    row[col('ListCost')] = line.billed;
    row[col('ContractedCost')] = line.billed;
    row[col('ChargeCategory')] = line.category ?? 'Usage';
    row[col('Tags')] = line.tags ? JSON.stringify(line.tags) : '';
    return row;
  });
  const paths = {
    billing: join(dir, 'billing.csv'),
    catalog: join(dir, 'catalog.yaml'),
    rules: join(dir, 'rules.yaml'),
    drivers: join(dir, 'drivers.csv'),
  };
  writeFileSync(paths.billing, writeCsv([sample.header, ...rows]));
  writeFileSync(paths.catalog, CATALOG_YAML);
  writeFileSync(paths.rules, RULES_YAML);
  writeFileSync(paths.drivers, DRIVERS_CSV);
  return paths;
}
