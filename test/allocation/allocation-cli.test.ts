import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { Decimal } from '../../src/core/money.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { RULES_YAML, writeFixture } from './cli-fixture.js';
import { cliSession, comparable } from './cli-session.js';

const dir = makeTempDir();
const paths = writeFixture(dir);

const { db, ok, json, refused, write } = cliSession(dir, 'allocation.duckdb');

interface RunJson {
  period: string;
  id: number;
  totals: {
    currency: string;
    ingested: { billedCost: string; effectiveCost: string };
    allocated: { billedCost: string; effectiveCost: string };
    unallocated: { billedCost: string; effectiveCost: string };
  }[];
  emptySplits: { ruleId: string }[];
  ownerSources: { dimension: string; totals: SourceJson[] }[] | null;
}

interface SourceJson {
  owner: string | null;
  currency: string;
  source: 'rule' | 'mapping' | 'unallocated';
  ruleId: string | null;
  billedCost: string;
  effectiveCost: string;
}

/** Per currency and metric, rule + mapping + unallocated must equal the ingested total exactly. */
function assertSourcesConserve(sources: SourceJson[], ingested: RunJson['totals'], what: string) {
  for (const total of ingested) {
    for (const metric of ['billedCost', 'effectiveCost'] as const) {
      const sum = sources
        .filter((row) => row.currency === total.currency)
        .reduce((acc, row) => acc.plus(row[metric]), new Decimal(0));
      assert.ok(sum.equals(total.ingested[metric]), `${what} ${total.currency} ${metric}: ${sum}`);
    }
  }
}

async function teamCosts(metric = 'effective') {
  const report = await json<{ rows: { team: string; currency: string; cost: string }[] }>(
    'costs',
    '--by',
    'team',
    '--from',
    '2026-01-01',
    '--to',
    '2026-02-01',
    '--metric',
    metric,
  );
  return Object.fromEntries(report.rows.map((row) => [row.team, new Decimal(row.cost).toString()]));
}

describe('allocation end to end (CLI)', () => {
  before(async () => {
    await ok('ingest', paths.billing);
  });

  it('validates and applies the catalogue as versions; the same content is not stored twice', async () => {
    assert.match(
      await ok('catalog', 'validate', paths.catalog),
      /is valid: 1 business units, 2 cost centres, 3 teams/,
    );
    assert.equal(
      (await json<{ status: string; version: number }>('catalog', 'apply', paths.catalog)).version,
      1,
    );
    assert.equal((await json<{ status: string }>('catalog', 'apply', paths.catalog)).status, 'unchanged');
  });

  it('checks, applies rules and drivers, and allocates a range with exact conservation', async () => {
    const check = await json<{ valid: boolean; mappingRules: number; sharedRules: number }>(
      'rules',
      'check',
      paths.rules,
    );
    assert.deepEqual([check.valid, check.mappingRules, check.sharedRules], [true, 3, 2]);
    await ok('rules', 'apply', paths.rules);
    await ok('drivers', 'load', paths.drivers);
    const summary = await json<{ runs: RunJson[]; skipped: string[] }>(
      'allocate',
      '--period',
      '2026-01..2026-02',
    );
    assert.deepEqual(
      summary.runs.map((run) => run.period),
      ['2026-01', '2026-02'],
    );
    for (const run of summary.runs) {
      for (const total of run.totals) {
        for (const metric of ['billedCost', 'effectiveCost'] as const) {
          assert.ok(
            new Decimal(total.allocated[metric])
              .plus(total.unallocated[metric])
              .equals(total.ingested[metric]),
            `${run.period} ${metric} does not add up`,
          );
        }
      }
    }
    // Each run keeps every owner dimension's totals split by how they were assigned.
    for (const run of summary.runs) {
      assert.deepEqual(
        run.ownerSources?.map((sources) => sources.dimension),
        ['team', 'service', 'cost_centre', 'business_unit', 'environment'],
      );
      for (const sources of run.ownerSources!) assertSourcesConserve(sources.totals, run.totals, run.period);
    }
    const januaryTeams = summary.runs[0]!.ownerSources![0]!.totals;
    const payments = januaryTeams.filter((row) => row.owner === 'payments');
    // The explain test below reads the same 175 by the payments-tag mapping rule.
    assert.equal(
      new Decimal(payments.find((row) => row.ruleId === 'payments-tag')!.effectiveCost).toString(),
      '175',
    );
    assert.deepEqual(payments.map((row) => `${row.source} ${row.ruleId}`).sort(), [
      'mapping payments-tag',
      'rule platform-cluster',
      'rule support',
    ]);
    // 2026-02 has no cpu-hours: the platform split stays unallocated and says so.
    assert.deepEqual(
      summary.runs[1]!.emptySplits.map((split) => split.ruleId),
      ['platform-cluster'],
    );
    const teams = await teamCosts();
    // Payments: direct 100 + 80 - 5 (credit), 3/4 of the 100 platform cost by cpu-hours, and its
    // share of the 50 of support proportional to direct cost (175 of 295, weights at 10^-12).
    const support = new Decimal(teams.payments!).minus(175).minus(75);
    assert.ok(
      support.minus(new Decimal(50).times(175).dividedBy(295)).abs().lessThan('1e-10'),
      `support share ${support}`,
    );
    assert.ok(new Decimal(teams.search!).minus(120).minus(25).plus(support).equals(50));
    assert.equal(teams.unallocated, '10');
    assert.ok(new Decimal(teams.payments!).plus(teams.search!).plus(teams.unallocated!).equals(455));
  });

  it('re-running a period replaces it, never double counts', async () => {
    const before = await teamCosts('billed');
    const again = await json<{ replacedRunIds: number[] }>('allocate', '--period', '2026-01');
    assert.equal(again.replacedRunIds.length, 1);
    assert.deepEqual(await teamCosts('billed'), before);
  });

  it('explains a team figure by rule and by largest lines', async () => {
    const explained = await json<{
      rules: { ruleId: string; method: string | null; driver: string | null; effectiveCost: string }[];
      lines: { sourceRow: number; resourceId: string }[];
    }>('explain', '--team', 'payments', '--period', '2026-01');
    const byRule = Object.fromEntries(explained.rules.map((rule) => [rule.ruleId, rule]));
    assert.equal(new Decimal(byRule['payments-tag']!.effectiveCost).toString(), '175');
    assert.equal(byRule['platform-cluster']!.driver, 'cpu-hours');
    assert.equal(byRule.support!.method, 'proportional');
    assert.equal(explained.lines[0]!.resourceId, 'i-pay-1');
  });

  it('previews a candidate rule set without storing anything', async () => {
    const candidate = write('rules-v2.yaml', RULES_YAML.replace(/ {2}- id: search-account[\s\S]*$/, ''));
    const before = comparable(await snapshotDatabase(db), await snapshotDatabase(db));
    const preview = await json<{
      moves: { owner: string; change: string }[];
      unallocated: { before: string; after: string }[];
      sources: SourceJson[];
    }>('rules', 'preview', candidate, '--period', '2026-01');
    assert.deepEqual(comparable(await snapshotDatabase(db), before), before);
    const moved = Object.fromEntries(preview.moves.map((move) => [move.owner, new Decimal(move.change)]));
    assert.ok(moved.unallocated!.equals(90), 'the 90 of acc-search becomes unallocated');
    assert.ok(moved.search!.isNegative());
    assert.ok(
      preview.moves.reduce((sum, move) => sum.plus(move.change), new Decimal(0)).isZero(),
      'a preview moves cost, it never creates or loses any',
    );
    // With the candidate, search-account no longer maps anything: its 90 is unallocated.
    const january = (await json<{ runs: RunJson[] }>('allocate', '--period', '2026-01')).runs[0]!;
    assertSourcesConserve(preview.sources, january.totals, 'preview');
    assert.ok(!preview.sources.some((row) => row.ruleId === 'search-account'));
    const unallocated = preview.sources.filter((row) => row.source === 'unallocated');
    assert.ok(
      unallocated.reduce((sum, row) => sum.plus(row.effectiveCost), new Decimal(0)).equals(100),
      'the 10 unallocated before, and the 90 of acc-search',
    );
    assert.match(
      await ok('rules', 'preview', candidate, '--period', '2026-01'),
      /assigned by[\s\S]*payments +USD +mapping rule +payments-tag/,
    );
  });

  it('keeps every version: apply, history, diff, restore', async () => {
    const candidate = write('rules-v2.yaml', RULES_YAML.replace(/ {2}- id: search-account[\s\S]*$/, ''));
    await ok('rules', 'apply', candidate, '--effective-from', '2026-02');
    const diff = await json<{ changes: { id: string; change: string }[]; effectiveFromChanged: boolean }>(
      'rules',
      'diff',
      '1',
      '2',
    );
    assert.deepEqual(
      diff.changes.map((change) => `${change.change} ${change.id}`),
      ['removed search-account'],
    );
    assert.equal(diff.effectiveFromChanged, true);
    const restored = await json<{ version: number; restoredFrom: number }>('rules', 'restore', '1');
    assert.deepEqual([restored.version, restored.restoredFrom], [3, 1]);
    const history = await json<{ version: number }[]>('rules', 'history');
    assert.deepEqual(
      history.map((version) => version.version),
      [1, 2, 3],
    );
  });

  it('freezes a closed period: allocate refuses it until it is reopened', async () => {
    await ok('periods', 'close', '2026-01');
    const stderr = await refused('ALLOC_PERIOD_CLOSED', 1, 'allocate', '--period', '2026-01');
    assert.match(stderr, /Reopen 2026-01 \(audited\)/);
    await refused('PERIOD_ALREADY_CLOSED', 1, 'periods', 'close', '2026-01');
    await ok('periods', 'reopen', '2026-01', '--reason', 'late credit');
    await ok('allocate', '--period', '2026-01');
  });

  it('writes a team statement under each chargeback model, in json, csv and html', async () => {
    interface StatementJson {
      currencies: {
        totals: {
          shared: { effectiveCost: string };
          total: { effectiveCost: string };
          credits: { effectiveCost: string };
        };
        shared: { ruleId: string; method: string; driver: string | null }[];
        recovery: { charged: string; subsidised: string };
      }[];
      run: { ruleSetVersion: number };
    }
    const teams = await teamCosts();
    const showback = await json<StatementJson>('statement', '--team', 'payments', '--period', '2026-01');
    const usd = showback.currencies[0]!;
    assert.ok(new Decimal(usd.totals.total.effectiveCost).equals(teams.payments!));
    assert.ok(new Decimal(usd.totals.credits.effectiveCost).equals(-5));
    assert.deepEqual(usd.shared.map((row) => `${row.ruleId} ${row.method} ${row.driver}`).sort(), [
      'platform-cluster driver cpu-hours',
      'support proportional null',
    ]);
    assert.equal(usd.recovery.charged, '0');
    const full = await json<StatementJson>(
      'statement',
      '--team',
      'payments',
      '--period',
      '2026-01',
      '--model',
      'full',
    );
    assert.ok(new Decimal(full.currencies[0]!.recovery.charged).equals(teams.payments!));
    const partial = await json<StatementJson>(
      'statement',
      '--team',
      'payments',
      '--period',
      '2026-01',
      '--model',
      'partial',
      '--subsidy',
      '50',
    );
    const shared = new Decimal(partial.currencies[0]!.totals.shared.effectiveCost);
    assert.ok(new Decimal(partial.currencies[0]!.recovery.subsidised).equals(shared.dividedBy(2)));
    assert.ok(
      new Decimal(partial.currencies[0]!.recovery.charged).plus(shared.dividedBy(2)).equals(teams.payments!),
    );
    const csv = await ok('statement', '--team', 'payments', '--period', '2026-01', '--format', 'csv');
    assert.match(
      csv,
      /^team,period,rule_set_version,section,currency,item,detail,billed_cost,effective_cost\n/,
    );
    assert.match(csv, /payments,2026-01,\d+,shared,USD,platform-cluster,driver by cpu-hours,75\.0+,75\.0+/);
    const html = await ok('statement', '--team', 'payments', '--period', '2026-01', '--format', 'html');
    assert.match(html, /<!doctype html>[\s\S]*<h1>Payments \(payments\)/);
    await refused(
      'STATEMENT_BAD_MODEL',
      2,
      'statement',
      '--team',
      'payments',
      '--period',
      '2026-01',
      '--model',
      'free',
    );
    await refused(
      'STATEMENT_BAD_SUBSIDY',
      2,
      'statement',
      '--team',
      'payments',
      '--period',
      '2026-01',
      '--model',
      'partial',
    );
    await refused('STATEMENT_UNKNOWN_TEAM', 1, 'statement', '--team', 'ghosts', '--period', '2026-01');
  });

  it("writes every team's statement into a folder in one run, the same documents as one team at a time", async () => {
    const out = join(dir, 'statements');
    const said = await ok(
      'statement',
      '--all-teams',
      '--period',
      '2026-01',
      '--format',
      'csv',
      '--out-dir',
      out,
    );
    const files = readdirSync(out).sort();
    assert.deepEqual(files, [
      'statement-payments-2026-01.csv',
      'statement-platform-2026-01.csv',
      'statement-search-2026-01.csv',
    ]);
    assert.match(said, /^Wrote 3 statements of 2026-01 to /);
    for (const team of ['payments', 'platform', 'search']) {
      const alone = await ok('statement', '--team', team, '--period', '2026-01', '--format', 'csv');
      assert.equal(readFileSync(join(out, `statement-${team}-2026-01.csv`), 'utf8'), alone, team);
    }
    const pdfs = join(dir, 'statement-pdfs');
    await ok('statement', '--all-teams', '--period', '2026-01', '--format', 'pdf', '--out-dir', pdfs);
    for (const file of readdirSync(pdfs))
      assert.equal(readFileSync(join(pdfs, file)).subarray(0, 5).toString(), '%PDF-');
    // Broken: no target, both targets, no folder, a file for many, a folder for one, a period not allocated.
    const nowhere = join(dir, 'statements-refused');
    for (const args of [
      ['--period', '2026-01'],
      ['--team', 'payments', '--all-teams', '--out-dir', nowhere, '--period', '2026-01'],
      ['--all-teams', '--period', '2026-01'],
      ['--all-teams', '--out', join(nowhere, 'all.csv'), '--out-dir', nowhere, '--period', '2026-01'],
      ['--team', 'payments', '--out-dir', nowhere, '--period', '2026-01'],
    ])
      await refused('STATEMENT_BAD_TARGET', 2, 'statement', ...args);
    await refused(
      'ALLOC_NOT_RUN',
      1,
      'statement',
      '--all-teams',
      '--out-dir',
      nowhere,
      '--period',
      '2025-07',
    );
    assert.equal(existsSync(nowhere), false);
  });

  it('measures allocation quality: tag coverage, unallocated ratio, unknown values, untagged resources', async () => {
    const report = await json<{
      tagCoverage: { tag: string; percent: string }[];
      unallocated: { percent: string; withinGoal: boolean }[];
      unknownTagValues: { tag: string; value: string; effectiveCost: string }[];
      untaggedResources: { resourceId: string }[];
    }>('quality', '--period', '2026-01', '--required-tags', 'team');
    // Tagged: 100 + 80 + 30 + 100 + 10 - 5 of 455 (keys read ignoring case).
    assert.deepEqual(
      report.tagCoverage.map((row) => `${row.tag} ${row.percent}`),
      ['team 69.23'],
    );
    assert.deepEqual(
      report.unallocated.map((row) => [row.percent, row.withinGoal]),
      [['2.20', true]],
    );
    assert.deepEqual(
      report.unknownTagValues.map((row) => `${row.tag}=${row.value}`),
      ['team=ghosts'],
    );
    assert.deepEqual(
      report.untaggedResources.map((row) => row.resourceId),
      ['i-search-1', 'support'],
    );
    await refused('QUALITY_BAD_TAGS', 2, 'quality', '--period', '2026-01', '--required-tags', ',');
    // Without --required-tags: the owner tag, service and environment, the API's default too.
    const byDefault = await json<{ tagCoverage: { tag: string }[] }>('quality', '--period', '2026-01');
    assert.deepEqual(
      [...new Set(byDefault.tagCoverage.map((row) => row.tag))],
      ['team', 'service', 'environment'],
    );
  });

  it('refuses an explain or quality --top outside 1 to 1000, saying what to write, the database unchanged', async () => {
    const before = await snapshotDatabase(db);
    for (const args of [
      ['explain', '--team', 'payments', '--period', '2026-01', '--top', '0'],
      ['quality', '--period', '2026-01', '--top', '1001'],
      ['quality', '--period', '2026-01', '--top', '2.5'],
    ]) {
      const result = await runCli(['--db', db, ...args]);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(
        result.stderr,
        /'--top <n>' argument '[^']+' is invalid\. write a whole number from 1 to 1000\./,
      );
      assert.equal(result.stdout, '');
    }
    assert.deepEqual(await snapshotDatabase(db), before);
  });

  it('groups allocated cost by every owner dimension and refuses list cost on owners', async () => {
    for (const dimension of ['cost-centre', 'business-unit', 'catalog-service', 'environment']) {
      const report = await json<{ rows: { cost: string }[] }>(
        'costs',
        '--by',
        dimension,
        '--from',
        '2026-01-01',
        '--to',
        '2026-02-01',
      );
      const total = report.rows.reduce((sum, row) => sum.plus(row.cost), new Decimal(0));
      assert.ok(total.equals(455), `${dimension} totals ${total}`);
    }
    await refused('QUERY_OWNER_METRIC', 2, 'costs', '--by', 'team', '--metric', 'list');
  });
});
