import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectWithTrailingMean } from '../../src/core/anomaly/baseline-detector.js';
import { detectAnomalies } from '../../src/core/anomaly/detect-anomalies.js';
import { generateLabelledSeries, scoreDetections } from '../../src/core/anomaly/labelled-anomalies.js';
import { normalDraw, seededRandom } from '../../src/core/forecast/robust-stats.js';

const WEEK = [100, 104, 103, 101, 98, 55, 50];

function weekly(days: number, seed = 3, scale = 1): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: days }, (_, t) => scale * WEEK[t % 7]! * Math.exp(0.03 * normalDraw(random)));
}

describe('detectAnomalies', () => {
  it('finds nothing in a clean weekly series (weekends are not anomalies)', () => {
    assert.deepEqual(detectAnomalies(weekly(140)), []);
  });

  it('finds a spike with its start, expected vs actual and impact', () => {
    const values = weekly(120);
    values[100]! *= 3;
    const [anomaly, ...rest] = detectAnomalies(values);
    assert.equal(rest.length, 0);
    assert.equal(anomaly!.startIndex, 100);
    assert.equal(anomaly!.endIndex, 100);
    assert.equal(anomaly!.direction, 'spike');
    assert.ok(Math.abs(anomaly!.expected - values[100]! / 3) < 10, `expected ${anomaly!.expected}`);
    assert.ok(Math.abs(anomaly!.impact - (anomaly!.actual - anomaly!.expected)) < 1e-9);
    assert.ok(anomaly!.score > 5);
  });

  it('finds a drop and a level shift, signed', () => {
    const values = weekly(150, 8);
    for (let t = 90; t < 150; t++) values[t]! *= 0.5;
    const anomalies = detectAnomalies(values);
    assert.equal(anomalies[0]!.startIndex, 90);
    assert.equal(anomalies[0]!.direction, 'drop');
    assert.ok(anomalies[0]!.impact < 0 && anomalies[0]!.score < 0);
  });

  it('ignores a 300% jump worth a few dollars when a minimum impact is set', () => {
    const values = weekly(120, 5, 0.02); // about $2 a day
    values[100]! *= 4;
    assert.equal(detectAnomalies(values).length, 1);
    assert.equal(detectAnomalies(values, { minImpact: 10 }).length, 0);
  });

  it('does not score before three seasons (21 days) of history, and skips missing points', () => {
    const values = weekly(60);
    values[18]! *= 10;
    values[50] = Number.NaN;
    assert.ok(detectAnomalies(values).every((a) => a.startIndex !== 18));
    values[18]! /= 10;
    values[25]! *= 10;
    assert.deepEqual(
      detectAnomalies(values).map((a) => a.startIndex),
      [25],
    );
  });

  it('keeps scoring across gaps: a third of the points missing, a spike still found alone', () => {
    const values = weekly(120, 21).map((v, t) => (t % 3 === 1 ? Number.NaN : v));
    values[99]! *= 3;
    assert.deepEqual(
      detectAnomalies(values).map((a) => a.startIndex),
      [99],
    );
  });

  it('follows a steady trend without alarms and still finds a drop on it', () => {
    const random = seededRandom(17);
    const values = Array.from(
      { length: 150 },
      (_, t) => WEEK[t % 7]! * (1 + 0.01 * t) * Math.exp(0.03 * normalDraw(random)),
    );
    assert.deepEqual(detectAnomalies(values), []);
    values[130]! *= 0.3;
    assert.deepEqual(
      detectAnomalies(values).map((a) => [a.startIndex, a.direction]),
      [[130, 'drop']],
    );
  });

  it('works on an hourly series with a weekly period of 168 points', () => {
    const random = seededRandom(11);
    const values = Array.from(
      { length: 168 * 8 },
      (_, t) => (10 + 5 * Math.sin((2 * Math.PI * t) / 24)) * Math.exp(0.03 * normalDraw(random)),
    );
    values[168 * 7 + 5]! += 40;
    const anomalies = detectAnomalies(values, { period: 168 });
    assert.deepEqual(
      anomalies.map((a) => a.startIndex),
      [168 * 7 + 5],
    );
  });
});

describe('labelled anomaly set', () => {
  it('is reproducible from its seed and labels lie inside the series', () => {
    const a = generateLabelledSeries(99, 20);
    const b = generateLabelledSeries(99, 20);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, generateLabelledSeries(100, 20));
    for (const series of a)
      for (const label of series.labels) assert.ok(label.start >= 56 && label.end < 210);
  });

  it('scores precision, recall and delay event by event', () => {
    const anomaly = (startIndex: number) => ({
      startIndex,
      endIndex: startIndex,
      direction: 'spike' as const,
      expected: 1,
      actual: 2,
      impact: 1,
      score: 6,
    });
    const score = scoreDetections([
      {
        labels: [
          { kind: 'spike', start: 60, end: 61, factor: 2 },
          { kind: 'ramp', start: 100, end: 140, factor: 2 },
        ],
        found: [anomaly(60), anomaly(61), anomaly(103), anomaly(150)],
      },
      { labels: [{ kind: 'drop', start: 70, end: 70, factor: 0.5 }], found: [] },
    ]);
    assert.equal(score.labels, 3);
    assert.equal(score.detectedLabels, 2);
    assert.equal(score.falseAlarms, 1);
    assert.equal(score.precision, 2 / 3);
    assert.equal(score.recall, 2 / 3);
    assert.equal(score.meanDelay, 1.5);
  });

  it('beats the trailing-mean baseline on a labelled set', () => {
    const set = generateLabelledSeries(12, 150);
    const ours = scoreDetections(set.map((s) => ({ labels: s.labels, found: detectAnomalies(s.values) })));
    const base = scoreDetections(
      set.map((s) => ({ labels: s.labels, found: detectWithTrailingMean(s.values) })),
    );
    assert.ok(ours.precision >= 0.8 && ours.recall >= 0.8, JSON.stringify(ours));
    assert.ok(ours.precision > base.precision && ours.recall > base.recall);
  });
});
