import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkFocusFile } from '../../src/app/export/check-focus-file.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const dir = makeTempDir();
const db = join(dir, 'check.duckdb');
const SAMPLE = '../shared/data/focus/FOCUS-Sample-Data/focus_sample.csv';

describe('tollgate focus check', () => {
  it('reports what the real FOCUS 1.0 sample breaks, by rule id and rows', () =>
    withStores(db, async (stores) => {
      const result = await checkFocusFile(stores, SAMPLE);
      assert.equal(result.version, '1.0');
      assert.equal(result.rows, 1000);
      const failed = Object.fromEntries(result.failures.map((failure) => [failure.id, failure.rows]));
      // SOURCES.md: timestamps without T and Z, Usage-based on 7 Oracle rows, NULL written as text.
      assert.equal(failed['ChargePeriodStart.type'], 1000);
      assert.equal(failed['ChargeFrequency.allowed-values'], 7);
      assert.equal(failed['Tags.type'], 289);
      assert.equal(failed['BilledCost.type'], undefined);
      assert.ok(result.mustFailures > 0);
    }));

  it('passes a file that keeps the rules, and counts each broken rule on a broken copy', () =>
    withStores(db, async (stores) => {
      const header =
        'BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,BillingPeriodStart,ChargeCategory,ChargeDescription,ChargeFrequency,ChargePeriodEnd,ChargePeriodStart,ChargeType,EffectiveCost,ListCost,ContractedCost,InvoiceIssuer,Provider,Publisher,ServiceCategory,ServiceName,AllocatedMethodId,AllocatedMethodDetails';
      const good = join(dir, 'good.csv');
      const row = (cost: string, category: string, end: string, details: string) =>
        `${cost},a1,A,USD,2026-02-01T00:00:00Z,2026-01-01T00:00:00Z,${category},d,Usage-Based,${end},2026-01-05T00:00:00Z,Usage,1,1,1,I,P,P,Compute,EC2,,${details}`;
      writeFileSync(good, `${header}\n${row('1.5', 'Usage', '2026-01-06T00:00:00Z', '')}\n`);
      const bad = join(dir, 'bad.csv');
      writeFileSync(
        bad,
        `${header}\n${row('1.5', 'Usage', '2026-01-06T00:00:00Z', '')}\n${row('abc', 'Use', '2026-01-04T00:00:00Z', '"{""a"":1}"')}\n`,
      );
      const passed = await checkFocusFile(stores, good);
      assert.equal(passed.version, '1.3');
      const mustFailed = passed.failures
        .filter((failure) => failure.level === 'MUST')
        .map((failure) => failure.id);
      // The 1.0 names in this header (ChargeType, Provider...) are not 1.2's: presence fails for those.
      assert.ok(
        mustFailed.every((id) => id.endsWith('.presence')),
        mustFailed.join(', '),
      );
      const failed = await checkFocusFile(stores, bad);
      const rows = Object.fromEntries(failed.failures.map((failure) => [failure.id, failure.rows]));
      assert.equal(rows['BilledCost.type'], 1);
      assert.equal(rows['ChargeCategory.allowed-values'], 1);
      assert.equal(rows['ChargePeriod.order'], 1);
      assert.equal(rows['AllocatedMethodDetails.requires-method'], 1);
    }));

  it('refuses a missing or unreadable file', () =>
    withStores(db, async (stores) => {
      await expectRefusal(
        () => checkFocusFile(stores, join(dir, 'nope.csv')),
        'FOCUS_CHECK_NO_FILE',
        'not-found',
        /does not exist/,
      );
      const binary = join(dir, 'broken.parquet');
      writeFileSync(binary, 'not parquet');
      await expectRefusal(
        () => checkFocusFile(stores, binary),
        'FOCUS_CHECK_UNREADABLE',
        'invalid-input',
        /could not be read/,
      );
    }));

  it('exits 1 on a MUST failure, with the failed rules listed', async () => {
    const result = await runCli(['focus', 'check', SAMPLE, '--db', db]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /MUST {3}ChargeFrequency\.allowed-values: 7 rows/);
    assert.match(result.stderr, /error \[FOCUS_CHECK_FAILED\]/);
  });
});
