import { TollgateError } from '../errors.js';

export interface RegularSeries {
  /** Epoch milliseconds of index 0. */
  startMs: number;
  /** Milliseconds between points. */
  stepMs: number;
  /** One value per step; NaN where the CSV had no row. */
  values: number[];
  /** Points per week (7 for daily, 168 for hourly): the detector's seasonal period. */
  period: number;
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

function fail(message: string): never {
  throw new TollgateError('SERIES_INVALID', message, 'invalid-input');
}

/**
 * Reads a `timestamp,value` CSV (header required, any column order, extra columns ignored)
 * into a regular series: the step is the smallest gap between timestamps; it must divide a
 * week so that the weekly season has a whole number of points.
 */
export function parseSeriesCsv(text: string, name = 'the series'): RegularSeries {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length < 2)
    fail(`${name} has no data rows; write a header "timestamp,value" and one row per point.`);
  const header = lines[0]!.split(',').map((cell) => cell.trim().replace(/^"|"$/g, '').toLowerCase());
  const timeColumn = header.indexOf('timestamp');
  const valueColumn = header.indexOf('value');
  if (timeColumn < 0 || valueColumn < 0)
    fail(`${name} needs columns "timestamp" and "value" in its header; it has: ${header.join(', ')}.`);
  const points = new Map<number, number>();
  lines.slice(1).forEach((line, index) => {
    const cells = line.split(',').map((cell) => cell.trim().replace(/^"|"$/g, ''));
    const stamp = cells[timeColumn] ?? '';
    const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(stamp) ? `${stamp}T00:00:00Z` : stamp);
    const value = Number(cells[valueColumn]);
    const row = index + 2;
    if (Number.isNaN(time)) fail(`${name} line ${row}: timestamp '${stamp}' is not a date or ISO timestamp.`);
    if (cells[valueColumn] === undefined || cells[valueColumn] === '' || !Number.isFinite(value))
      fail(`${name} line ${row}: value '${cells[valueColumn] ?? ''}' is not a number.`);
    if (points.has(time))
      fail(`${name} line ${row}: timestamp ${stamp} appears twice; aggregate duplicates first.`);
    points.set(time, value);
  });
  const times = [...points.keys()].sort((a, b) => a - b);
  let stepMs = Number.POSITIVE_INFINITY;
  for (let i = 1; i < times.length; i++) stepMs = Math.min(stepMs, times[i]! - times[i - 1]!);
  if (!Number.isFinite(stepMs)) fail(`${name} has a single point; a series needs many.`);
  if (WEEK_MS % stepMs !== 0 || stepMs > DAY_MS)
    fail(
      `${name} has points ${stepMs / 1000} s apart, which is not daily or a whole division of a day; resample it to daily, hourly or every N minutes.`,
    );
  const startMs = times[0]!;
  const length = Math.round((times[times.length - 1]! - startMs) / stepMs) + 1;
  const values = new Array<number>(length).fill(Number.NaN);
  for (const time of times) {
    const offset = (time - startMs) / stepMs;
    if (!Number.isInteger(offset))
      fail(`${name}: timestamps are not on a regular grid of ${stepMs / 1000} s.`);
    values[offset] = points.get(time)!;
  }
  return { startMs, stepMs, values, period: WEEK_MS / stepMs };
}
