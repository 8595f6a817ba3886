import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { coarsenSeries } from '../../src/core/anomaly/coarsen-series.js';
import { detectRegularSeries } from '../../src/core/anomaly/detect-regular-series.js';
import { parseSeriesCsv } from '../../src/core/anomaly/series-csv.js';
import { detectWithTrailingSigma } from '../../src/core/anomaly/trailing-sigma-baseline.js';
import { scoreWindows } from '../../src/core/anomaly/window-scoring.js';
import { normalDraw, seededRandom } from '../../src/core/forecast/robust-stats.js';
import { REPO_ROOT } from '../support/run-cli.js';

const NAB = join(REPO_ROOT, '..', 'shared', 'data', 'anomaly-nab');
const HOUR = 3_600_000;

describe('parseSeriesCsv on real-world timestamps', () => {
  it('snaps jittered timestamps to a grid, averages rows sharing a step and reads naive times as UTC', () => {
    const text = [
      'timestamp,value',
      '2026-03-01 00:00:00,10',
      '2026-03-01 00:05:00,20',
      '2026-03-01 00:05:00,40',
      '2026-03-01 00:11:00,5',
      '2026-03-01 00:20:00,7',
    ].join('\n');
    const series = parseSeriesCsv(text);
    assert.equal(series.startMs, Date.parse('2026-03-01T00:00:00Z'));
    assert.equal(series.stepMs, 5 * 60_000);
    assert.equal(series.pointsPerDay, 288);
    assert.deepEqual(series.values.slice(0, 3), [10, 30, 5]);
    assert.ok(Number.isNaN(series.values[3]));
    assert.equal(series.values[4], 7);
    assert.equal(series.mergedRows, 1);
  });

  it('reads every labelled NAB series, irregular traffic sensors and a duplicated hour included', () => {
    const labels = JSON.parse(readFileSync(join(NAB, 'labels-combined-windows.json'), 'utf8'));
    for (const file of Object.keys(labels)) {
      const series = parseSeriesCsv(readFileSync(join(NAB, 'data', file), 'utf8'), file);
      assert.ok(series.values.length > 1000, file);
    }
  });
});

describe('coarsenSeries', () => {
  it('sums groups of points and estimates the sum across gaps; an empty group stays missing', () => {
    assert.deepEqual(coarsenSeries([1, 2, 3, Number.NaN, 5, 6], 2), [3, 6, 11]);
    const empty = coarsenSeries([Number.NaN, Number.NaN, 1, 1], 2);
    assert.ok(Number.isNaN(empty[0]));
    assert.equal(empty[1], 2);
  });
});

describe('scoreWindows', () => {
  it('counts windows found, false runs of an hour once, and F1', () => {
    const score = scoreWindows([
      {
        windows: [[100 * HOUR, 110 * HOUR]],
        detections: [105 * HOUR, 106 * HOUR, 20 * HOUR, 20.5 * HOUR, 50 * HOUR],
      },
      { windows: [[10 * HOUR, 12 * HOUR]], detections: [] },
    ]);
    assert.deepEqual(
      { windows: score.windows, found: score.foundWindows, falseRuns: score.falseRuns },
      { windows: 2, found: 1, falseRuns: 2 },
    );
    assert.equal(score.precision, 1 / 3);
    assert.equal(score.recall, 1 / 2);
    assert.ok(Math.abs(score.f1 - 0.4) < 1e-12);
  });
});

describe('detectRegularSeries on sub-daily data', () => {
  it('folds a 5-minute series into hours and finds a two-hour burst once, reporting sums', () => {
    const random = seededRandom(5);
    const values = Array.from(
      { length: 288 * 8 },
      (_, t) => (20 + 8 * Math.sin((2 * Math.PI * t) / 288)) * Math.exp(0.1 * normalDraw(random)),
    );
    const burst = 288 * 6 + 120;
    for (let t = burst; t < burst + 24; t++) values[t]! *= 2.5;
    const series = { startMs: 0, stepMs: 300_000, values, period: 288, pointsPerDay: 288, mergedRows: 0 };
    const found = detectRegularSeries(series, {});
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(found[0]!.startIndex, burst);
    assert.equal(found[0]!.alertIndex, burst + 11);
    const truth = values.slice(burst, burst + 24).reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(found[0]!.actual - truth) < 1e-6);
  });

  it('on real tweet volumes, finds the labelled windows with F1 at least twice the trailing 4-sigma rule', () => {
    const labels = JSON.parse(readFileSync(join(NAB, 'labels-combined-windows.json'), 'utf8'));
    const ours = [];
    const base = [];
    for (const name of ['CRM', 'FB', 'IBM']) {
      const file = `realTweets/Twitter_volume_${name}.csv`;
      const series = parseSeriesCsv(readFileSync(join(NAB, 'data', file), 'utf8'), file);
      const windows = (labels[file] as [string, string][]).map(
        ([a, b]) =>
          [
            Date.parse(`${a.slice(0, 19).replace(' ', 'T')}Z`),
            Date.parse(`${b.slice(0, 19).replace(' ', 'T')}Z`),
          ] as const,
      );
      const at = (index: number) => series.startMs + index * series.stepMs;
      ours.push({ windows, detections: detectRegularSeries(series, {}).map((a) => at(a.alertIndex)) });
      base.push({
        windows,
        detections: detectWithTrailingSigma(series.values, 288).map((a) => at(a.startIndex)),
      });
    }
    const mine = scoreWindows(ours);
    const theirs = scoreWindows(base);
    assert.ok(mine.recall >= 0.75, JSON.stringify(mine));
    assert.ok(mine.f1 >= 2 * theirs.f1, `${JSON.stringify(mine)} vs ${JSON.stringify(theirs)}`);
  });
});

describe('detectWithTrailingSigma', () => {
  it('flags a point beyond 4 standard deviations of the trailing points, not one within', () => {
    const values = [10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 30, 10, 12];
    const found = detectWithTrailingSigma(values, 7);
    assert.deepEqual(
      found.map((a) => [a.startIndex, a.direction]),
      [[10, 'spike']],
    );
  });
});
