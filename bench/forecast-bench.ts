/**
 * Forecast accuracy, measured on held-out days: for every daily series Tollgate picks a method
 * by rolling-origin backtest on the history only, forecasts the next 28 days, and is scored on
 * them (MASE: mean absolute error over the in-sample seasonal-naive MAE), next to seasonal-naive
 * forecasting the same days in the same run.
 *
 * Two data sets: (1) synthetic cost series (weekly profile, growth, a wandering level, noise);
 * (2) the demo organisation's year of billing (`tollgate demo`, loaded into a temporary
 * database), one usage series per team tag and per service. The summary line is the demo's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDuckDbStores } from '../src/adapters/open-duckdb-stores.js';
import { loadChargeSeries } from '../src/app/forecast/load-charge-series.js';
import { drawSeriesShape, generateCostSeries } from '../src/core/anomaly/synthetic-cost-series.js';
import { FORECAST_METHODS, METHOD_FUNCTIONS } from '../src/core/forecast/forecast-methods.js';
import { forecastSeries } from '../src/core/forecast/forecast-series.js';
import { seededRandom } from '../src/core/forecast/robust-stats.js';
import { seasonalNaiveScale } from '../src/core/forecast/rolling-backtest.js';

const HORIZON = 28;
const REPO = fileURLToPath(new URL('..', import.meta.url));

interface Score {
  series: number;
  mase: number;
  naiveMase: number;
  covered80: number;
  covered95: number;
  chosen: Record<string, number>;
}

function scoreSeries(all: number[][]): Score {
  const chosen: Record<string, number> = Object.fromEntries(FORECAST_METHODS.map((m) => [m, 0]));
  let total = 0;
  let naiveTotal = 0;
  let covered80 = 0;
  let covered95 = 0;
  let points = 0;
  for (const values of all) {
    const history = values.slice(0, -HORIZON);
    const actual = values.slice(-HORIZON);
    const scale = seasonalNaiveScale(history);
    const forecast = forecastSeries(history, HORIZON);
    chosen[forecast.method]! += 1;
    const naive = METHOD_FUNCTIONS['seasonal-naive'](history, HORIZON);
    let error = 0;
    let naiveError = 0;
    actual.forEach((value, lead) => {
      const point = forecast.points[lead]!;
      error += Math.abs(value - point.point);
      naiveError += Math.abs(value - naive[lead]!);
      if (value >= point.lo80 && value <= point.hi80) covered80 += 1;
      if (value >= point.lo95 && value <= point.hi95) covered95 += 1;
      points += 1;
    });
    total += error / HORIZON / scale;
    naiveTotal += naiveError / HORIZON / scale;
  }
  return {
    series: all.length,
    mase: total / all.length,
    naiveMase: naiveTotal / all.length,
    covered80: covered80 / points,
    covered95: covered95 / points,
    chosen,
  };
}

function report(name: string, score: Score): void {
  console.log(`${name}: ${score.series} series, ${HORIZON}-day held-out horizon`);
  console.log(
    `  methods chosen: ${Object.entries(score.chosen)
      .map(([m, n]) => `${m}=${n}`)
      .join(' ')}`,
  );
  console.log(
    `  MASE chosen=${score.mase.toFixed(3)} seasonal-naive=${score.naiveMase.toFixed(3)} ratio=${(score.mase / score.naiveMase).toFixed(3)}`,
  );
  console.log(`  interval coverage: 80%=${score.covered80.toFixed(3)} 95%=${score.covered95.toFixed(3)}`);
}

// (1) Synthetic series.
const random = seededRandom(7);
const synthetic = Array.from({ length: 120 }, () =>
  generateCostSeries(drawSeriesShape(random), 182 + HORIZON, random),
);
report('synthetic (seed 7)', scoreSeries(synthetic));

// (2) The demo organisation, generated and loaded in a temporary folder.
const dir = mkdtempSync(join(tmpdir(), 'tollgate-forecast-bench-'));
try {
  const db = join(dir, 'demo.duckdb');
  const demo = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(REPO, 'src/cli/main.ts'),
      '--db',
      db,
      'demo',
      '--rows',
      '30000',
      '--out',
      join(dir, 'exports'),
      '--json',
    ],
    { cwd: REPO, encoding: 'utf8' },
  );
  if (demo.status !== 0) throw new Error(`tollgate demo failed: ${demo.stderr}`);
  const stores = await openDuckDbStores({ path: db, memoryLimit: '512MB', threads: 2 });
  const series: number[][] = [];
  try {
    for (const groupBy of ['tag:team', 'service'] as const) {
      for (const scope of await loadChargeSeries(stores.forecasts, {
        filters: [],
        metric: 'effective',
        groupBy,
      })) {
        // A series needs two months of history past the backtest's own needs to be scored fairly.
        if (scope.series.usage.length >= 120) series.push(scope.series.usage);
      }
    }
  } finally {
    await stores.close();
  }
  const score = scoreSeries(series);
  report('demo organisation (tollgate demo --rows 30000, usage per team tag and per service)', score);
  console.log(`forecast mase=${score.mase.toFixed(2)} seasonal_naive_mase=${score.naiveMase.toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
