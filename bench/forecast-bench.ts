/**
 * Forecast accuracy on realistic daily cost series: for every series, Tollgate picks a method
 * by rolling-origin backtest on the first 182 days only, forecasts the next 28, and is scored
 * on those held-out days (MASE: mean absolute error over the in-sample seasonal-naive MAE),
 * next to seasonal-naive forecasting the same days in the same run.
 */
import { drawSeriesShape, generateCostSeries } from '../src/core/anomaly/synthetic-cost-series.js';
import { FORECAST_METHODS, METHOD_FUNCTIONS } from '../src/core/forecast/forecast-methods.js';
import { forecastSeries } from '../src/core/forecast/forecast-series.js';
import { seededRandom } from '../src/core/forecast/robust-stats.js';
import { seasonalNaiveScale } from '../src/core/forecast/rolling-backtest.js';

const SEED = 7;
const SERIES = 120;
const HISTORY = 182;
const HORIZON = 28;

const random = seededRandom(SEED);
const chosenCounts: Record<string, number> = Object.fromEntries(FORECAST_METHODS.map((m) => [m, 0]));
let chosenTotal = 0;
let naiveTotal = 0;
let covered80 = 0;
let covered95 = 0;
let scored = 0;
const started = performance.now();
for (let i = 0; i < SERIES; i++) {
  const values = generateCostSeries(drawSeriesShape(random), HISTORY + HORIZON, random);
  const history = values.slice(0, HISTORY);
  const actual = values.slice(HISTORY);
  const scale = seasonalNaiveScale(history);
  const forecast = forecastSeries(history, HORIZON);
  chosenCounts[forecast.method]! += 1;
  const naive = METHOD_FUNCTIONS['seasonal-naive'](history, HORIZON);
  let chosenError = 0;
  let naiveError = 0;
  actual.forEach((value, lead) => {
    const point = forecast.points[lead]!;
    chosenError += Math.abs(value - point.point);
    naiveError += Math.abs(value - naive[lead]!);
    if (value >= point.lo80 && value <= point.hi80) covered80 += 1;
    if (value >= point.lo95 && value <= point.hi95) covered95 += 1;
    scored += 1;
  });
  chosenTotal += chosenError / HORIZON / scale;
  naiveTotal += naiveError / HORIZON / scale;
}
const seconds = (performance.now() - started) / 1000;
const mase = chosenTotal / SERIES;
const naiveMase = naiveTotal / SERIES;
console.log(
  `${SERIES} series, ${HISTORY} days of history, ${HORIZON}-day held-out horizon (seed ${SEED}), ${seconds.toFixed(1)} s`,
);
console.log(
  `methods chosen: ${Object.entries(chosenCounts)
    .map(([m, n]) => `${m}=${n}`)
    .join(' ')}`,
);
console.log(
  `interval coverage: 80%=${(covered80 / scored).toFixed(3)} 95%=${(covered95 / scored).toFixed(3)}`,
);
console.log(`ratio chosen/seasonal-naive: ${(mase / naiveMase).toFixed(3)}`);
console.log(`forecast mase=${mase.toFixed(2)} seasonal_naive_mase=${naiveMase.toFixed(2)}`);
