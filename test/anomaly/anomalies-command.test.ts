import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import type { CostAnomalyRequest } from '../../src/app/anomaly/detect-cost-anomalies.js';
import { detectCostAnomalies } from '../../src/app/anomaly/detect-cost-anomalies.js';
import { detectSeriesAnomalies } from '../../src/app/anomaly/detect-series-anomalies.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { applyPolicy, applyRateCard } from '../../src/app/governance/apply-governance-config.js';
import { recordDeployment } from '../../src/app/governance/deployments/record-deployments.js';
import { parseDimension, parseFilter } from '../../src/core/costs/cost-query.js';
import { daysFrom, ingestFixture, weeklyCost } from '../budgets/cost-fixture.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { REPO_ROOT, runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const dir = makeTempDir();
const db = join(dir, 'anomalies.duckdb');

function writeSeries(name: string, rows: [string, number | string][], header = 'timestamp,value'): string {
  const path = join(dir, name);
  writeFileSync(path, `${header}\n${rows.map(([t, v]) => `${t},${v}`).join('\n')}\n`);
  return path;
}

describe('tollgate anomalies detect --series', () => {
  it('prints the anomalies of a daily CSV as JSON with start, end, expected, actual and score', async () => {
    const rows = daysFrom('2026-01-01', 100).map((day, i): [string, number] => [
      day,
      Number(weeklyCost(day, 200)) * (i === 80 ? 3 : 1) * (i >= 90 ? 0.4 : 1),
    ]);
    const result = await runCli(['anomalies', 'detect', '--series', writeSeries('daily.csv', rows)]);
    assert.equal(result.code, 0, result.stderr);
    const anomalies = JSON.parse(result.stdout);
    assert.deepEqual(
      anomalies.map((a: { start: string; end: string; direction: string }) => [a.start, a.direction]),
      [
        ['2026-03-22', 'spike'],
        ['2026-04-01', 'drop'],
      ],
    );
    const spike = anomalies[0];
    assert.deepEqual(Object.keys(spike).slice(0, 2), ['start', 'end']);
    for (const key of ['expected', 'actual', 'score']) assert.equal(typeof spike[key], 'number');
    assert.ok(Math.abs(spike.actual - rows[80]![1]) < 1e-3);
    assert.ok(spike.score > 5);
  });

  it('handles an hourly series with a weekly period of 168 points', async () => {
    const start = Date.parse('2026-03-02T00:00:00Z');
    const rows = Array.from({ length: 168 * 7 }, (_, i): [string, number] => [
      new Date(start + i * 3_600_000).toISOString(),
      10 + 5 * Math.sin((2 * Math.PI * i) / 24) + 0.2 * Math.sin(i * 1.7) + (i === 168 * 6 + 30 ? 25 : 0),
    ]);
    const { anomalies } = await detectSeriesAnomalies(writeSeries('hourly.csv', rows), { minImpact: 0 });
    assert.equal(anomalies.length, 1);
    assert.equal(anomalies[0]?.start, new Date(start + (168 * 6 + 30) * 3_600_000).toISOString());
  });

  it('refuses a broken series with a clear message', async () => {
    const cases: [string, string, RegExp][] = [
      [
        writeSeries('cols.csv', [['2026-01-01', 1]], 'time,amount'),
        'SERIES_INVALID',
        /needs columns "timestamp" and "value"/,
      ],
      [
        writeSeries('nan.csv', [['2026-01-01', 'lots']]),
        'SERIES_INVALID',
        /line 2: value 'lots' is not a number/,
      ],
      [writeSeries('date.csv', [['yesterday', 1]]), 'SERIES_INVALID', /timestamp 'yesterday' is not a date/],
      [writeSeries('single.csv', [['2026-01-01', 1]]), 'SERIES_INVALID', /single timestamp/],
      [
        writeSeries('sparse.csv', [
          ['2026-01-01', 1],
          ['2026-01-03', 2],
        ]),
        'SERIES_INVALID',
        /2 days apart most often.*resample it to daily/,
      ],
      [
        writeSeries(
          'short.csv',
          daysFrom('2026-01-01', 20).map((d): [string, number] => [d, 5]),
        ),
        'SERIES_TOO_SHORT',
        /has 20 points.*more than 21/,
      ],
      [join(dir, 'missing.csv'), 'SERIES_UNREADABLE', /Cannot read .*missing\.csv/],
    ];
    for (const [path, code, message] of cases)
      await expectRefusal(
        () => detectSeriesAnomalies(path, { minImpact: 0 }),
        code,
        'invalid-input',
        message,
      );
  });

  it('exits 1 with the error line and prints nothing for a broken series; 2 for a bad option', async () => {
    const result = await runCli(['anomalies', 'detect', '--series', join(dir, 'sparse.csv')]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /^error \[SERIES_INVALID\]: .*days apart/);
    assert.equal(result.stdout, '');
    const badImpact = await runCli(['anomalies', 'detect', '--series', 'x.csv', '--min-impact', '-3']);
    assert.equal(badImpact.code, 2);
  });
});

describe('tollgate anomalies detect on stored costs', () => {
  before(async () => {
    // Payments runs two services; on 2026-05-12 and 13 a runaway job in eu-west-1 multiplies one
    // by five. The tiny team's cost quadruples the same days: from 50 cents to 2 dollars.
    const lines = daysFrom('2026-02-01', 102).flatMap((day) => {
      const runaway = day === '2026-05-12' || day === '2026-05-13';
      return [
        { day, cost: weeklyCost(day, 80), team: 'payments', region: 'us-east-1' },
        {
          day,
          cost: weeklyCost(day, runaway ? 160 : 30),
          team: 'payments',
          service: 'AWS Lambda',
          region: runaway ? 'eu-west-1' : 'us-east-1',
          resource: runaway ? 'fn-runaway' : 'fn-steady',
        },
        { day, cost: weeklyCost(day, runaway ? 2 : 0.5), team: 'tiny', service: 'Amazon SNS' },
      ];
    });
    await ingestFixture(db, dir, 'costs.csv', lines);
    // A deployment the day before the spike, recorded the way CI records it.
    const fixtures = join(REPO_ROOT, 'test', 'governance', 'fixtures');
    const read = (name: string) => readFileSync(join(fixtures, name), 'utf8');
    await withStores(db, async (stores) => {
      await applyCatalog(stores, join(fixtures, 'catalog.yaml'), commandLineActor());
      await applyPolicy(stores, read('governance.yaml'), join(fixtures, 'governance.yaml'), 'alice');
      await applyRateCard(stores, read('rates.yaml'), join(fixtures, 'rates.yaml'), 'alice');
      await recordDeployment(
        stores,
        {
          source: 'cli',
          service: 'payments',
          environment: 'production',
          version: '1.2.3',
          startedAt: '2026-05-11T10:00:00Z',
          finishedAt: '2026-05-11T10:20:00Z',
          outcome: 'succeeded',
          changeType: 'normal',
          triggeredBy: 'alice',
          pipelineMinutes: '0',
        },
        'alice',
      );
      // An unrelated service deployed in the same hours: its cost did not move, so it is no suspect.
      await recordDeployment(
        stores,
        {
          source: 'cli',
          service: 'docs-site',
          environment: 'production',
          version: '9.9.9',
          startedAt: '2026-05-11T11:00:00Z',
          finishedAt: '2026-05-11T11:05:00Z',
          outcome: 'succeeded',
          changeType: 'normal',
          triggeredBy: 'alice',
          pipelineMinutes: '0',
        },
        'alice',
      );
    });
  });

  /** What `tollgate anomalies detect` asks for with its defaults (90 days, effective cost, impact 10). */
  function detect(request: Partial<CostAnomalyRequest>) {
    return withStores(db, (stores) =>
      detectCostAnomalies(stores, {
        filters: [],
        metric: 'effective',
        days: 90,
        minImpact: 10,
        tagKeys: [],
        ...request,
      }),
    );
  }

  it('finds the spike with expected vs actual, impact, top contributors and the deployment just before', async () => {
    const anomalies = await detect({ groupBy: parseDimension('tag:team') });
    assert.equal(anomalies.length, 1, JSON.stringify(anomalies));
    const [anomaly] = anomalies;
    assert.equal(anomaly!.group, 'payments');
    assert.equal(anomaly!.start, '2026-05-12');
    assert.equal(anomaly!.end, '2026-05-13');
    assert.equal(anomaly!.direction, 'spike');
    assert.ok(Number(anomaly!.impact) > 150, String(anomaly!.impact));
    const top = (dimension: string) => anomaly!.contributors.find((c) => c.dimension === dimension);
    assert.equal(top('service')?.value, 'AWS Lambda');
    assert.equal(top('region')?.value, 'eu-west-1');
    assert.equal(top('resource')?.value, 'fn-runaway');
    assert.deepEqual(
      anomaly!.deploymentsBefore.map((d) => `${d.service} ${d.version}`),
      ['payments 1.2.3'],
    );
    assert.equal(anomaly!.deploymentsBefore[0]!.matchedBy, 'tag:team=payments');
    assert.deepEqual(anomaly!.deploymentWindow, { from: '2026-05-10 00:00:00', to: '2026-05-13 00:00:00' });
  });

  it('prints the spike and the deployment before it, and the same anomalies as JSON (CLI)', async () => {
    const text = await runCli(['--db', db, 'anomalies', 'detect', '--by', 'tag:team']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /deployed just before: payments 1\.2\.3 to production/);
    assert.doesNotMatch(text.stdout, /docs-site/);
    assert.match(text.stdout, /SPIKE tag:team=payments 2026-05-12\.\.2026-05-13/);
    const json = await runCli(['--db', db, 'anomalies', 'detect', '--by', 'tag:team', '--json']);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(
      JSON.parse(json.stdout),
      JSON.parse(JSON.stringify(await detect({ groupBy: parseDimension('tag:team') }))),
    );
  });

  it('keeps a 300% jump worth cents below the minimum impact', async () => {
    const tiny = [parseFilter('tag:team=tiny')];
    assert.deepEqual(await detect({ filters: tiny }), []);
    assert.deepEqual(
      (await detect({ filters: tiny, minImpact: 0 })).map((a) => a.start),
      ['2026-05-12'],
    );
  });
});
