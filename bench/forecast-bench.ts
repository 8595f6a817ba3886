/**
 * Forecast accuracy, measured on held-out days: for every daily series Tollgate forecasts the
 * next 28 days from the history only, the whole pipeline a scope's forecast goes through
 * (forecastCostSeries: calendar charges found and split out, the model chosen by rolling-origin
 * backtest, recurring charges on the calendar), and is scored on what the bill then held:
 * MASE (mean absolute error over the history's in-sample seasonal-naive MAE, Hyndman & Koehler
 * 2006) next to seasonal-naive forecasting the same days in the same run, and how often the
 * actual day fell inside the 80% and 95% intervals.
 *
 * Two data sets (`--only demo` or `--only generated` for one): (1) generated dated series with trend, weekly and monthly seasonality, level
 * shifts, a monthly fee and a month-end tax, all on one series (no ChargeFrequency to help);
 * (2) the demo organisation's year of billing (`tollgate demo`, loaded into a temporary
 * database), the whole bill of each team tag and each service.
 * Targets (issue 19): MASE at least 20% below seasonal-naive's on average; coverage within 5
 * points of nominal. Each is printed met or not met.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDuckDbStores } from '../src/adapters/open-duckdb-stores.js';
import { loadChargeSeries } from '../src/app/forecast/load-charge-series.js';
import { toModelSeries } from '../src/core/forecast/exact-charge-series.js';
import { type ChargeSeries, forecastCostSeries } from '../src/core/forecast/forecast-cost-series.js';
import { drawForecastShape, generateForecastSeries } from '../src/core/forecast/generated-forecast-series.js';
import { seededRandom } from '../src/core/forecast/robust-stats.js';
import { seasonalNaiveScale } from '../src/core/forecast/rolling-backtest.js';
import { forecastSeasonalNaive } from '../src/core/forecast/seasonal-naive.js';

const HORIZON = 28;
/**
 * Rolling-origin evaluation (Tashman 2000; Hyndman & Athanasopoulos, "Forecasting: Principles
 * and Practice", 5.10 time series cross-validation): forecast origins a week apart, the latest
 * HORIZON days before the end, the earliest so that the held-out days span the last
 * 4 x HORIZON days. Every day of that span is forecast from up to four origins at different
 * leads, so one event (the demo's holiday season) is scored from before and after it shows,
 * not by whichever single origin happens to precede it.
 */
const ORIGIN_STEP = 7;
const ORIGINS = 13;
/** Days the held-out forecasts span, the generated series' room past their 182 days of history. */
const SPAN = (ORIGINS - 1) * ORIGIN_STEP + HORIZON;
const REPO = fileURLToPath(new URL('..', import.meta.url));

interface Score {
  series: number;
  forecasts: number;
  mase: number;
  naiveMase: number;
  covered80: number;
  covered95: number;
  chosen: Record<string, number>;
  withCalendarCharges: number;
  /** Coverage of the 80% and 95% intervals per origin (1 = the latest HORIZON days). */
  byOrigin: { origin: number; points: number; covered80: number; covered95: number }[];
}

/**
 * Scores the pipeline from ORIGINS origins per series, ORIGIN_STEP days apart (the last
 * HORIZON days, the HORIZON days a week before them, ...), each forecast from the history
 * before its origin only.
 */
function scoreSeries(all: ChargeSeries[]): Score {
  const chosen: Record<string, number> = {};
  let total = 0;
  let naiveTotal = 0;
  let covered80 = 0;
  let covered95 = 0;
  let points = 0;
  let withCalendarCharges = 0;
  let forecasts = 0;
  const byOrigin = Array.from({ length: ORIGINS }, (_, index) => ({
    origin: index + 1,
    points: 0,
    covered80: 0,
    covered95: 0,
  }));
  for (const series of all)
    for (let origin = 1; origin <= ORIGINS; origin++) {
      const length = series.usage.length - HORIZON - (origin - 1) * ORIGIN_STEP;
      if (length < 90) continue;
      forecasts += 1;
      const history: ChargeSeries = {
        firstDay: series.firstDay,
        usage: series.usage.slice(0, length),
        recurring: series.recurring.slice(0, length),
        oneTime: series.oneTime.slice(0, length),
      };
      const bill = series.usage.map((value, t) => value + series.recurring[t]! + series.oneTime[t]!);
      const historyBill = bill.slice(0, length);
      const actual = bill.slice(length, length + HORIZON);
      const scale = seasonalNaiveScale(historyBill);
      const forecast = forecastCostSeries(history, HORIZON);
      chosen[forecast.method] = (chosen[forecast.method] ?? 0) + 1;
      if (forecast.calendarCharges.length > 0) withCalendarCharges += 1;
      const naive = forecastSeasonalNaive(historyBill, HORIZON);
      let error = 0;
      let naiveError = 0;
      actual.forEach((value, lead) => {
        const day = forecast.days[lead]!;
        error += Math.abs(value - day.point);
        naiveError += Math.abs(value - naive[lead]!);
        const inside80 = value >= day.lo80 && value <= day.hi80;
        const inside95 = value >= day.lo95 && value <= day.hi95;
        const atOrigin = byOrigin[origin - 1]!;
        if (inside80) covered80 += 1;
        if (inside95) covered95 += 1;
        points += 1;
        atOrigin.points += 1;
        atOrigin.covered80 += inside80 ? 1 : 0;
        atOrigin.covered95 += inside95 ? 1 : 0;
      });
      total += error / HORIZON / scale;
      naiveTotal += naiveError / HORIZON / scale;
    }
  return {
    series: all.length,
    forecasts,
    mase: total / forecasts,
    naiveMase: naiveTotal / forecasts,
    covered80: covered80 / points,
    covered95: covered95 / points,
    chosen,
    withCalendarCharges,
    byOrigin: byOrigin.filter((entry) => entry.points > 0),
  };
}

function verdict(ok: boolean): string {
  return ok ? 'met' : 'not met';
}

function report(name: string, score: Score): void {
  const ratio = score.mase / score.naiveMase;
  console.log(
    `${name}: ${score.series} series, ${score.forecasts} forecasts (up to ${ORIGINS} origins each, ${ORIGIN_STEP} days apart), ${HORIZON}-day held-out horizon`,
  );
  console.log(
    `  methods chosen: ${Object.entries(score.chosen)
      .map(([m, n]) => `${m}=${n}`)
      .join(' ')}; calendar charges found in ${score.withCalendarCharges}`,
  );
  console.log(
    `  MASE tollgate=${score.mase.toFixed(3)} seasonal-naive=${score.naiveMase.toFixed(3)} ratio=${ratio.toFixed(3)} ` +
      `(target <= 0.800: ${verdict(ratio <= 0.8)})`,
  );
  console.log(
    `  interval coverage: 80%=${(score.covered80 * 100).toFixed(1)}% (target 75-85: ${verdict(Math.abs(score.covered80 - 0.8) <= 0.05)}) ` +
      `95%=${(score.covered95 * 100).toFixed(1)}% (target 90-100: ${verdict(Math.abs(score.covered95 - 0.95) <= 0.05)})`,
  );
  // Per origin, so a regime change (the demo's holiday season) shows as the figures of the
  // origins before and after it rather than hiding in the average.
  console.log(
    `  coverage by origin, 80%/95%, origin = days before the end the forecast was made: ${score.byOrigin
      .map(
        (entry) =>
          `${HORIZON + (entry.origin - 1) * ORIGIN_STEP}d ` +
          `${((entry.covered80 / entry.points) * 100).toFixed(1)}/${((entry.covered95 / entry.points) * 100).toFixed(1)}`,
      )
      .join(' ')}`,
  );
}

/** The machine is shared: every figure is printed with the load it was measured under. */
function printLoad(when: string): void {
  console.log(
    `load average ${when} (1/5/15 min): ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  );
}

printLoad('at start');

// `--only demo` or `--only generated` scores one data set (the demo alone takes a few minutes
// against the whole run's 8 to 12); both by default.
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? process.argv[onlyAt + 1] : undefined;
if (only !== undefined && only !== 'demo' && only !== 'generated') {
  console.error(`--only takes demo or generated, not ${only ?? 'nothing'}`);
  process.exit(2);
}

// (1) Generated series: 182 days of history before the earliest origin, from a fixed first day.
const random = seededRandom(7);
const LENGTH = 182 + SPAN;
const generated = Array.from({ length: only === 'demo' ? 0 : 150 }, () => {
  const series = generateForecastSeries(drawForecastShape(random, LENGTH), '2025-01-01', LENGTH, random);
  return {
    firstDay: series.firstDay,
    usage: series.total,
    recurring: new Array<number>(LENGTH).fill(0),
    oneTime: new Array<number>(LENGTH).fill(0),
  };
});
if (only !== 'demo')
  report(
    'generated (seed 7; trend, weekly and monthly seasonality, level shifts, fees, taxes)',
    scoreSeries(generated),
  );
if (only === 'generated') {
  printLoad('at end');
  process.exit(0);
}

// (2) The demo organisation, generated and loaded in a temporary folder.
// Its interval coverage falls short of the target because of one event: the first lasting level
// change of its year (commerce usage +15% from 15 November, src/demo/generate-demo-billing.ts).
// Forecasts made after it, whose history shows it, cover at about nominal (80.4% / 91.2%);
// those made before it whose horizon crosses it cover 59.1% / 69.5%, and they alone hold the
// average under 75% / 90% (73.5% / 86.8% even were the later ones exactly nominal). Their
// histories show no lasting shift to estimate a shift risk from, and recency-weighted
// conformal scores (Barber et al. 2023) gain under one point; widening every interval enough
// (x1.5) over-covers the generated series (93.2% at 80%). Measured 2026-12-07.

// `--demo-db FILE` scores an already loaded demo database instead (it is only read).
const given = process.argv.indexOf('--demo-db');
const dir = mkdtempSync(join(tmpdir(), 'tollgate-forecast-bench-'));
try {
  const db = given > 0 ? process.argv[given + 1]! : join(dir, 'demo.duckdb');
  const demo =
    given > 0
      ? { status: 0, stderr: '' }
      : spawnSync(
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
  const series: ChargeSeries[] = [];
  try {
    for (const groupBy of ['tag:team', 'service'] as const) {
      for (const scope of await loadChargeSeries(stores.forecasts, {
        filters: [],
        metric: 'effective',
        groupBy,
      })) {
        // A series needs two months of history past the backtest's own needs to be scored fairly.
        if (scope.series.usage.length >= 120) series.push(toModelSeries(scope.series));
      }
    }
  } finally {
    await stores.close();
  }
  const score = scoreSeries(series);
  report('demo organisation (tollgate demo --rows 30000, whole bill per team tag and per service)', score);
  console.log(`forecast mase=${score.mase.toFixed(2)} seasonal_naive_mase=${score.naiveMase.toFixed(2)}`);
  printLoad('at end');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
