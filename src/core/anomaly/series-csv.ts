import { TollgateError } from '../errors.js';

export interface RegularSeries {
  /** Epoch milliseconds of index 0. */
  startMs: number;
  /** Milliseconds between points. */
  stepMs: number;
  /** One value per step; NaN where the CSV had no row. */
  values: number[];
  /** Points per season: a day of points for sub-daily data, 7 for daily data. */
  period: number;
  /** Points per day (1 for daily data). */
  pointsPerDay: number;
  /** Rows averaged into a shared step (duplicates, or irregular timestamps snapped to the grid). */
  mergedRows: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Steps a series is snapped to: each divides a day, so the daily season is whole. */
const GRID_STEPS_MINUTES = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440];

function fail(message: string): never {
  throw new TollgateError('SERIES_INVALID', message, 'invalid-input');
}

/** A timestamp without a zone is read as UTC, so the result does not depend on the machine. */
function parseTime(stamp: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(stamp)) return Date.parse(`${stamp}T00:00:00Z`);
  const naive = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)$/.exec(stamp);
  if (naive) return Date.parse(`${naive[1]}T${naive[2]}Z`);
  return Date.parse(stamp);
}

/**
 * Reads a `timestamp,value` CSV (header required, any column order, extra columns ignored)
 * into a regular series.
 * 1. The step is the most common gap between consecutive timestamps, rounded up to the nearest
 *    grid step that divides a day (1 minute ... 1 day); a gap longer than a day is refused.
 * 2. Each row falls in the step that contains it (counted from the first timestamp); rows
 *    sharing a step (duplicates, jittered sensors) are averaged; steps with no row are gaps.
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
  const rows: [number, number][] = lines.slice(1).map((line, index) => {
    const cells = line.split(',').map((cell) => cell.trim().replace(/^"|"$/g, ''));
    const stamp = cells[timeColumn] ?? '';
    const time = parseTime(stamp);
    const value = Number(cells[valueColumn]);
    const row = index + 2;
    if (Number.isNaN(time)) fail(`${name} line ${row}: timestamp '${stamp}' is not a date or ISO timestamp.`);
    if (cells[valueColumn] === undefined || cells[valueColumn] === '' || !Number.isFinite(value))
      fail(`${name} line ${row}: value '${cells[valueColumn] ?? ''}' is not a number.`);
    return [time, value];
  });
  rows.sort((a, b) => a[0] - b[0]);
  const stepMs = gridStep(
    rows.map(([time]) => time),
    name,
  );
  const startMs = rows[0]![0];
  const length = Math.floor((rows[rows.length - 1]![0] - startMs) / stepMs) + 1;
  const sums = new Array<number>(length).fill(0);
  const counts = new Array<number>(length).fill(0);
  for (const [time, value] of rows) {
    const index = Math.floor((time - startMs) / stepMs);
    sums[index]! += value;
    counts[index]! += 1;
  }
  const values = sums.map((sum, i) => (counts[i]! > 0 ? sum / counts[i]! : Number.NaN));
  const pointsPerDay = DAY_MS / stepMs;
  return {
    startMs,
    stepMs,
    values,
    period: pointsPerDay === 1 ? 7 : pointsPerDay,
    pointsPerDay,
    mergedRows: rows.length - counts.filter((c) => c > 0).length,
  };
}

function gridStep(times: readonly number[], name: string): number {
  const gaps = new Map<number, number>();
  for (let i = 1; i < times.length; i++) {
    const gap = times[i]! - times[i - 1]!;
    if (gap > 0) gaps.set(gap, (gaps.get(gap) ?? 0) + 1);
  }
  if (gaps.size === 0) fail(`${name} has a single timestamp; a series needs many points in time.`);
  const [commonGap] = [...gaps.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
  const minutes = GRID_STEPS_MINUTES.find((step) => step * MINUTE_MS >= commonGap);
  if (minutes === undefined)
    fail(
      `${name} has points ${Math.round(commonGap / DAY_MS)} days apart most often; the detector needs daily or finer data, so resample it to daily first.`,
    );
  return minutes * MINUTE_MS;
}
