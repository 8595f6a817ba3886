import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { addCostEntriesFile, addCostEntryRows } from '../../src/app/costs/add-cost-entries.js';
import { queryCosts } from '../../src/app/costs/query-costs.js';
import { Decimal } from '../../src/core/money.js';
import type { Stores } from '../../src/ports/stores.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { ENGINES, openFreshStores } from '../support/open-both-engines.js';
import { REPO_ROOT } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const EXAMPLE_CSV = join(REPO_ROOT, 'examples/costs/it-costs.csv');
const EXAMPLE_YAML = join(REPO_ROOT, 'examples/costs/it-costs.yaml');
const dir = makeTempDir();

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The example CSV's totals per currency, summed here independently of Tollgate's reader. */
function independentTotals(csv: string): Record<string, string> {
  const [header, ...rows] = csv
    .trim()
    .split('\n')
    .map((line) => line.split(','));
  const at = (name: string) => header!.indexOf(name);
  const totals: Record<string, Decimal> = {};
  for (const cells of rows) {
    const amount = cells[at('amount')]
      ? new Decimal(cells[at('amount')]!)
      : new Decimal(cells[at('quantity')]!).times(cells[at('unit_price')]!);
    const currency = cells[at('currency')]!;
    totals[currency] = (totals[currency] ?? new Decimal(0)).plus(amount);
  }
  return Object.fromEntries(Object.entries(totals).map(([currency, total]) => [currency, total.toFixed()]));
}

async function billedTotals(stores: Stores): Promise<Record<string, string>> {
  const report = await queryCosts(stores.costs, { groupBy: [], metric: 'billed', filters: [] });
  return Object.fromEntries(
    report.totals.map((total) => [total.currency, new Decimal(total.cost).toFixed()]),
  );
}

/** What a user could see changed: loads, every line's day-level figures, the audit chain's head. */
async function visibleState(stores: Stores): Promise<string> {
  const loads = await stores.state.listLoads({ includeInactive: true });
  const costs = await queryCosts(stores.costs, {
    groupBy: ['day', 'billing-account', 'provider', 'service', 'charge-category'],
    metric: 'billed',
    filters: [],
  });
  const audit = await stores.access.audit.lastEntry();
  return JSON.stringify({ loads: loads.map(({ loadedAt, ...load }) => load), costs, audit: audit?.seq ?? 0 });
}

for (const engine of ENGINES) {
  describe(`costs add on ${engine}`, async () => {
    const stores = await openFreshStores(engine);
    after(() => stores.close());

    it('adds the example CSV: every currency total equals an independent sum of the file, to the last decimal', async () => {
      const result = await addCostEntriesFile(stores, EXAMPLE_CSV, { dryRun: false });
      assert.equal(result.status, 'loaded');
      assert.equal(result.ledger, 'it-costs');
      assert.equal(result.entries, 8);
      const expected = independentTotals(readFileSync(EXAMPLE_CSV, 'utf8'));
      assert.deepEqual(await billedTotals(stores), expected);
      assert.deepEqual(
        Object.fromEntries(result.totals.map((total) => [total.currency, total.cost])),
        expected,
      );
      // An annual licence: 40 seats x 599.00 = 23960.00 over 365 days, whole cents, exact.
      const licence = await queryCosts(stores.costs, {
        groupBy: ['month'],
        metric: 'effective',
        filters: [{ dimension: 'provider', values: ['JetBrains'] }],
      });
      assert.equal(licence.rows.length, 12);
      assert.equal(new Decimal(licence.totals[0]!.cost).toFixed(), '23960');
      for (const row of licence.rows) assert.ok(new Decimal(row.cost).decimalPlaces() <= 2, row.cost);
      const categories = await queryCosts(stores.costs, {
        groupBy: ['charge-category', 'service-category', 'tag:team'],
        metric: 'billed',
        filters: [{ dimension: 'provider', values: ['Equinix'] }],
      });
      assert.deepEqual(categories.rows[0]!.dimensions, {
        'charge-category': 'Usage',
        'service-category': 'Other',
        'tag:team': 'shared',
      });
    });

    it('adding the same file again changes nothing', async () => {
      const before = await visibleState(stores);
      const again = await addCostEntriesFile(stores, EXAMPLE_CSV, { dryRun: false });
      assert.equal(again.status, 'already-loaded');
      assert.equal(await visibleState(stores), before);
    });

    it('a changed file of the same ledger replaces what the earlier one brought, never adding to it', async () => {
      const changed = file(
        'it-costs.csv',
        'kind,provider,service,start,end,currency,amount\nsaas,Atlassian,Jira Cloud,2026-02-01,2026-02-28,USD,1900.00\n',
      );
      const result = await addCostEntriesFile(stores, changed, { dryRun: false });
      assert.equal(result.status, 'loaded');
      assert.ok(result.replaced.length > 0);
      assert.deepEqual(await billedTotals(stores), { USD: '1900' });
      const loads = await stores.state.listLoads({ includeInactive: true });
      assert.equal(loads.find((load) => load.id !== result.loadId)?.status, 'replaced');
    });

    it('adds the YAML example and the API form under their own ledgers, beside the CSV ledger', async () => {
      const yaml = await addCostEntriesFile(stores, EXAMPLE_YAML, { dryRun: false });
      assert.equal(yaml.ledger, 'it-costs-2026');
      assert.deepEqual(yaml.totals, [
        { currency: 'EUR', cost: '74460' },
        { currency: 'USD', cost: '1830' },
      ]);
      const api = await addCostEntryRows(
        stores,
        {
          ledger: 'contractors',
          lines: [
            {
              kind: 'labour',
              provider: 'Internal',
              service: 'QA',
              start: '2026-03-02',
              end: '2026-03-06',
              currency: 'GBP',
              quantity: '37.5',
              unit_price: '61.20',
            },
          ],
        },
        { dryRun: false },
      );
      assert.equal(api.linesLoaded, 5);
      assert.deepEqual(await billedTotals(stores), { EUR: '74460', GBP: '2295', USD: '3730' });
    });

    it('a dry run checks and spreads the file and writes nothing', async () => {
      const before = await visibleState(stores);
      const result = await addCostEntriesFile(stores, EXAMPLE_CSV, { dryRun: true, ledger: 'trial' });
      assert.equal(result.status, 'validated');
      assert.equal(result.linesLoaded, 31 + 31 + 365 + 365 + 31 + 1 + 90 + 31);
      assert.equal(await visibleState(stores), before);
    });

    describe('broken files are refused whole, named by file, row, field and value, the database as before', () => {
      const header =
        'kind,provider,service,start,end,currency,amount,quantity,unit_price,tags,charge_category';
      const good = 'saas,Atlassian,Jira,2026-01-01,2026-01-31,USD,100.00,,,team=a,';
      const cases: [string, string, string, RegExp][] = [
        [
          'wrong type: amount is text',
          `${header}\n${good}\nsaas,X,Y,2026-01-01,,USD,12O.00,,,,`,
          'COSTS_FILE_INVALID',
          /row 2, field amount, value '12O\.00': not a number/,
        ],
        [
          'currency column missing',
          'kind,provider,service,start,amount\nsaas,X,Y,2026-01-01,10',
          'COSTS_FILE_INVALID',
          /row 1, field currency, value '': required/,
        ],
        [
          'unknown currency',
          `${header}\nsaas,X,Y,2026-01-01,,XYZ,10,,,,`,
          'COSTS_FILE_INVALID',
          /field currency, value 'XYZ': not an ISO 4217/,
        ],
        [
          'impossible day',
          `${header}\nsaas,X,Y,2026-02-30,,USD,10,,,,`,
          'COSTS_FILE_INVALID',
          /field start, value '2026-02-30': not a calendar day/,
        ],
        [
          'end before start',
          `${header}\nsaas,X,Y,2026-03-01,2026-02-01,USD,10,,,,`,
          'COSTS_FILE_INVALID',
          /field end, value '2026-02-01': before start/,
        ],
        [
          'unknown kind',
          `${header}\nlunch,X,Y,2026-03-01,,USD,10,,,,`,
          'COSTS_FILE_INVALID',
          /field kind, value 'lunch': write one of labour/,
        ],
        [
          'both amount and quantity',
          `${header}\nlabour,X,Y,2026-03-01,,USD,10,2,5,,`,
          'COSTS_FILE_INVALID',
          /give either amount or quantity and unit_price/,
        ],
        [
          'quantity without a price',
          `${header}\nlabour,X,Y,2026-03-01,,USD,,2,,,`,
          'COSTS_FILE_INVALID',
          /field unit_price, value '': required with the other one/,
        ],
        [
          'negative usage',
          `${header}\nsaas,X,Y,2026-03-01,,USD,-10,,,,`,
          'COSTS_FILE_INVALID',
          /negative; a refund or discount is charge_category Credit/,
        ],
        [
          'a typo in a column name',
          'kind,provider,service,start,currency,amout\nsaas,X,Y,2026-03-01,USD,10',
          'COSTS_FILE_INVALID',
          /field amout, value '10': unknown field/,
        ],
        [
          'bad tags',
          `${header}\nsaas,X,Y,2026-03-01,,USD,10,,,team,`,
          'COSTS_FILE_INVALID',
          /field tags, value 'team'/,
        ],
        [
          'too many decimals',
          `${header}\nsaas,X,Y,2026-03-01,,USD,0.12345678901234567,,,,`,
          'COSTS_FILE_INVALID',
          /more than 16 decimals/,
        ],
        [
          'truncated mid-quote',
          `${header}\n${good}\nsaas,"X,Y,2026-03`,
          'COSTS_FILE_UNREADABLE',
          /not a readable CSV file/,
        ],
        ['no rows', `${header}\n`, 'COSTS_FILE_EMPTY', /has no cost rows/],
        [
          'ten-year typo',
          `${header}\nsaas,X,Y,2026-03-01,2206-03-01,USD,10,,,,`,
          'COSTS_FILE_INVALID',
          /spans 65744 days; at most 3660/,
        ],
      ];
      for (const [name, content, code, message] of cases) {
        it(name, async () => {
          const path = file(`broken-${name.replaceAll(/\W+/g, '-')}.csv`, content);
          const before = await visibleState(stores);
          const text = await expectRefusal(
            () => addCostEntriesFile(stores, path, { dryRun: false }),
            code,
            'invalid-input',
            message,
          );
          if (code === 'COSTS_FILE_INVALID') assert.match(text, new RegExp(`${path}: row \\d+`));
          assert.equal(await visibleState(stores), before);
        });
      }
      it('YAML that is not a list of lines', async () => {
        const path = file('broken.yaml', 'ledger: x\nlines: { kind: saas }\n');
        const before = await visibleState(stores);
        await expectRefusal(
          () => addCostEntriesFile(stores, path, { dryRun: false }),
          'COSTS_FILE_SHAPE',
          'invalid-input',
          /a list under lines:/,
        );
        assert.equal(await visibleState(stores), before);
      });
      it('a file of another kind', async () => {
        const path = file('costs.xlsx', 'PK');
        await expectRefusal(
          () => addCostEntriesFile(stores, path, { dryRun: false }),
          'COSTS_FILE_FORMAT',
          'invalid-input',
          /\.csv or \.yaml/,
        );
      });
      it('a ledger name that is not one', async () => {
        const before = await visibleState(stores);
        await expectRefusal(
          () => addCostEntriesFile(stores, EXAMPLE_CSV, { dryRun: false, ledger: "'; drop" }),
          'COSTS_BAD_LEDGER',
          'usage',
          /not a usable name/,
        );
        assert.equal(await visibleState(stores), before);
      });
    });
  });
}
