import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { daysFrom, ingestFixture, weeklyCost } from '../budgets/cost-fixture.js';
import { REPO_ROOT, runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

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
    const result = await runCli([
      'anomalies',
      'detect',
      '--series',
      writeSeries('hourly.csv', rows),
      '--json',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const anomalies = JSON.parse(result.stdout);
    assert.equal(anomalies.length, 1);
    assert.equal(anomalies[0].start, new Date(start + (168 * 6 + 30) * 3_600_000).toISOString());
  });

  it('refuses a broken series with a clear message', async () => {
    const cases: [string, RegExp, number][] = [
      [
        writeSeries('cols.csv', [['2026-01-01', 1]], 'time,amount'),
        /SERIES_INVALID.*needs columns "timestamp" and "value"/,
        1,
      ],
      [
        writeSeries('nan.csv', [['2026-01-01', 'lots']]),
        /SERIES_INVALID.*line 2: value 'lots' is not a number/,
        1,
      ],
      [writeSeries('date.csv', [['yesterday', 1]]), /SERIES_INVALID.*timestamp 'yesterday' is not a date/, 1],
      [
        writeSeries('dup.csv', [
          ['2026-01-01', 1],
          ['2026-01-01', 2],
        ]),
        /SERIES_INVALID.*appears twice/,
        1,
      ],
      [
        writeSeries(
          'short.csv',
          daysFrom('2026-01-01', 20).map((d): [string, number] => [d, 5]),
        ),
        /SERIES_TOO_SHORT.*has 20 points.*at least 42/,
        1,
      ],
      [join(dir, 'missing.csv'), /SERIES_UNREADABLE/, 1],
    ];
    for (const [path, pattern, code] of cases) {
      const result = await runCli(['anomalies', 'detect', '--series', path]);
      assert.equal(result.code, code, `${path}: ${result.stderr}`);
      assert.match(result.stderr, pattern);
      assert.equal(result.stdout, '');
    }
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
    for (const args of [
      ['catalog', 'apply', join(fixtures, 'catalog.yaml')],
      ['changes', 'policy', 'apply', join(fixtures, 'governance.yaml')],
      ['ratecard', 'apply', join(fixtures, 'rates.yaml')],
      [
        'deploy',
        'record',
        '--service',
        'payments',
        '--env',
        'production',
        '--version',
        '1.2.3',
        '--start',
        '2026-05-11T10:00:00Z',
        '--end',
        '2026-05-11T10:20:00Z',
        '--outcome',
        'succeeded',
        '--triggered-by',
        'alice',
      ],
    ]) {
      const result = await runCli(['--db', db, ...args]);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
    }
  });

  it('finds the spike with expected vs actual, impact, top contributors and the deployment just before', async () => {
    const result = await runCli(['--db', db, 'anomalies', 'detect', '--by', 'tag:team', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const anomalies = JSON.parse(result.stdout);
    assert.equal(anomalies.length, 1, JSON.stringify(anomalies));
    const [anomaly] = anomalies;
    assert.equal(anomaly.group, 'payments');
    assert.equal(anomaly.start, '2026-05-12');
    assert.equal(anomaly.end, '2026-05-13');
    assert.equal(anomaly.direction, 'spike');
    assert.ok(Number(anomaly.impact) > 150, anomaly.impact);
    const top = (dimension: string) =>
      anomaly.contributors.find((c: { dimension: string }) => c.dimension === dimension);
    assert.equal(top('service').value, 'AWS Lambda');
    assert.equal(top('region').value, 'eu-west-1');
    assert.equal(top('resource').value, 'fn-runaway');
    assert.deepEqual(
      anomaly.deploymentsBefore.map((d: { service: string; version: string }) => `${d.service} ${d.version}`),
      ['payments 1.2.3'],
    );
    const text = await runCli(['--db', db, 'anomalies', 'detect', '--by', 'tag:team']);
    assert.match(text.stdout, /deployed just before: payments 1\.2\.3 to production/);
    assert.match(text.stdout, /SPIKE tag:team=payments 2026-05-12\.\.2026-05-13/);
  });

  it('keeps a 300% jump worth cents below the minimum impact', async () => {
    const result = await runCli(['--db', db, 'anomalies', 'detect', '--filter', 'tag:team=tiny', '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), []);
    const all = await runCli([
      '--db',
      db,
      'anomalies',
      'detect',
      '--filter',
      'tag:team=tiny',
      '--min-impact',
      '0',
      '--json',
    ]);
    assert.deepEqual(
      JSON.parse(all.stdout).map((a: { start: string }) => a.start),
      ['2026-05-12'],
    );
  });
});
