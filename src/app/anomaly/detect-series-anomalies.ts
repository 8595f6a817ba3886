import { readFile } from 'node:fs/promises';
import type { AnomalySettings } from '../../core/anomaly/detect-anomalies.js';
import { detectRegularSeries, minimumSeriesPoints } from '../../core/anomaly/detect-regular-series.js';
import { parseSeriesCsv } from '../../core/anomaly/series-csv.js';
import { TollgateError } from '../../core/errors.js';

export interface SeriesAnomaly {
  start: string;
  end: string;
  direction: 'spike' | 'drop';
  expected: number;
  actual: number;
  impact: number;
  score: number;
}

/**
 * Runs the cost anomaly detector on a `timestamp,value` CSV from anywhere. Sub-daily series are
 * judged hour by hour, so expected, actual and impact are sums over the anomaly's points.
 */
export async function detectSeriesAnomalies(
  path: string,
  settings: Partial<Pick<AnomalySettings, 'threshold' | 'minImpact'>>,
): Promise<{ points: number; period: number; anomalies: SeriesAnomaly[] }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new TollgateError(
      'SERIES_UNREADABLE',
      `Cannot read ${path}: ${(error as Error).message}. Give the path of a CSV with timestamp,value columns.`,
      'invalid-input',
    );
  }
  const series = parseSeriesCsv(text, path);
  const needed = minimumSeriesPoints(series);
  if (series.values.length <= needed) {
    throw new TollgateError(
      'SERIES_TOO_SHORT',
      `${path} has ${series.values.length} points; the detector learns the series' season (a week of daily points, a day of finer ones) and its own error first, so it needs more than ${needed} (three seasons).`,
      'invalid-input',
    );
  }
  const daily = series.stepMs === 86_400_000;
  const label = (index: number) => {
    const iso = new Date(series.startMs + index * series.stepMs).toISOString();
    return daily ? iso.slice(0, 10) : iso;
  };
  const anomalies = detectRegularSeries(series, settings);
  return {
    points: series.values.length,
    period: series.period,
    anomalies: anomalies.map((a) => ({
      start: label(a.startIndex),
      end: label(a.endIndex),
      direction: a.direction,
      expected: round(a.expected),
      actual: round(a.actual),
      impact: round(a.impact),
      score: round(a.score),
    })),
  };
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
