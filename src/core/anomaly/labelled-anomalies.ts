import { seededRandom } from '../forecast/robust-stats.js';
import type { Anomaly } from './detect-anomalies.js';
import { drawSeriesShape, generateCostSeries } from './synthetic-cost-series.js';

export const ANOMALY_KINDS = ['spike', 'drop', 'level-shift', 'ramp'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/**
 * One injected anomaly. `start..end` (indices, inclusive) is when a detector may rightly flag
 * it: the days of a spike or drop; for a persistent change (level shift, ramp) the change plus
 * the 28 days a trailing baseline needs before the new level becomes the normal.
 */
export interface AnomalyLabel {
  kind: AnomalyKind;
  start: number;
  end: number;
  /** Multiplier applied at the anomaly's height. */
  factor: number;
}

export interface LabelledSeries {
  values: number[];
  labels: AnomalyLabel[];
}

const SETTLE_DAYS = 28;

/**
 * Generates `count` seeded series of `length` days; about a quarter are clean, the rest carry one
 * or two labelled anomalies of random kind placed after 56 days of history, labels never overlapping.
 */
export function generateLabelledSeries(seed: number, count: number, length = 210): LabelledSeries[] {
  const random = seededRandom(seed);
  const out: LabelledSeries[] = [];
  for (let i = 0; i < count; i++) {
    const values = generateCostSeries(drawSeriesShape(random), length, random);
    const labels: AnomalyLabel[] = [];
    const wanted = random() < 0.25 ? 0 : random() < 0.6 ? 1 : 2;
    let earliest = 56;
    for (let k = 0; k < wanted; k++) {
      const kind = ANOMALY_KINDS[Math.floor(random() * ANOMALY_KINDS.length)]!;
      const start = earliest + Math.floor(random() * 14);
      const label = injectAnomaly(values, kind, start, random);
      if (label.end >= length) break;
      labels.push(label);
      earliest = label.end + 8;
      if (earliest + 30 > length) break;
    }
    out.push({ values, labels });
  }
  return out;
}

function injectAnomaly(
  values: number[],
  kind: AnomalyKind,
  start: number,
  random: () => number,
): AnomalyLabel {
  const n = values.length;
  if (kind === 'spike' || kind === 'drop') {
    const days = 1 + Math.floor(random() * 3);
    const factor = kind === 'spike' ? 1.5 + random() * 2.5 : 0.1 + random() * 0.45;
    for (let t = start; t < Math.min(n, start + days); t++) values[t]! *= factor;
    return { kind, start, end: start + days - 1, factor };
  }
  const up = random() < 0.6;
  if (kind === 'level-shift') {
    const factor = up ? 1.35 + random() * 0.65 : 0.4 + random() * 0.3;
    for (let t = start; t < n; t++) values[t]! *= factor;
    return { kind, start, end: start + SETTLE_DAYS - 1, factor };
  }
  const rampDays = 7 + Math.floor(random() * 15);
  const factor = up ? 1.5 + random() * 1 : 0.35 + random() * 0.3;
  for (let t = start; t < n; t++) {
    const progress = Math.min(1, (t - start + 1) / rampDays);
    values[t]! *= 1 + (factor - 1) * progress;
  }
  return { kind, start, end: start + rampDays + SETTLE_DAYS - 1, factor };
}

export interface DetectionScore {
  labels: number;
  detectedLabels: number;
  falseAlarms: number;
  precision: number;
  recall: number;
  /** Mean days from a label's start to the first detection inside it. */
  meanDelay: number;
}

/**
 * Event-based scoring: a label is found when an anomaly starts inside its span; an anomaly
 * starting in no span is a false alarm. Precision = found labels / (found labels + false alarms),
 * so a detector cannot raise its precision by flickering inside one label.
 */
export function scoreDetections(series: { labels: AnomalyLabel[]; found: Anomaly[] }[]): DetectionScore {
  let labels = 0;
  let detectedLabels = 0;
  let falseAlarms = 0;
  let delayTotal = 0;
  for (const { labels: truth, found } of series) {
    labels += truth.length;
    for (const label of truth) {
      const hits = found.filter((a) => a.startIndex >= label.start && a.startIndex <= label.end);
      if (hits.length > 0) {
        detectedLabels += 1;
        delayTotal += Math.min(...hits.map((a) => a.startIndex)) - label.start;
      }
    }
    falseAlarms += found.filter(
      (a) => !truth.some((l) => a.startIndex >= l.start && a.startIndex <= l.end),
    ).length;
  }
  const precision = detectedLabels + falseAlarms === 0 ? 0 : detectedLabels / (detectedLabels + falseAlarms);
  return {
    labels,
    detectedLabels,
    falseAlarms,
    precision,
    recall: labels === 0 ? 0 : detectedLabels / labels,
    meanDelay: detectedLabels === 0 ? Number.NaN : delayTotal / detectedLabels,
  };
}
