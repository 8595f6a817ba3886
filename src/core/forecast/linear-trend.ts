/**
 * Linear trend with weekly offsets: least squares of cost on the day number with one intercept
 * per weekday (the within-weekday estimator, so the weekly shape does not bend the slope).
 * The plain regression some tools use, kept as a candidate so backtesting says when it is
 * good enough.
 */
export function forecastLinearTrend(history: readonly number[], horizon: number, season = 7): number[] {
  const n = history.length;
  if (n === 0) return new Array(horizon).fill(0);
  const sumT: number[] = new Array(season).fill(0);
  const sumY: number[] = new Array(season).fill(0);
  const counts: number[] = new Array(season).fill(0);
  for (let t = 0; t < n; t++) {
    const phase = t % season;
    sumT[phase] = sumT[phase]! + t;
    sumY[phase] = sumY[phase]! + history[t]!;
    counts[phase] = counts[phase]! + 1;
  }
  const meanT = sumT.map((total, phase) => (counts[phase]! > 0 ? total / counts[phase]! : 0));
  const meanY = sumY.map((total, phase) => (counts[phase]! > 0 ? total / counts[phase]! : 0));
  let covariance = 0;
  let variance = 0;
  for (let t = 0; t < n; t++) {
    const phase = t % season;
    covariance += (t - meanT[phase]!) * (history[t]! - meanY[phase]!);
    variance += (t - meanT[phase]!) ** 2;
  }
  const slope = variance === 0 ? 0 : covariance / variance;
  const overall = history.reduce((s, v) => s + v, 0) / n;
  return Array.from({ length: horizon }, (_, step) => {
    const t = n + step;
    const phase = t % season;
    const intercept =
      counts[phase]! > 0 ? meanY[phase]! - slope * meanT[phase]! : overall - slope * ((n - 1) / 2);
    return intercept + slope * t;
  });
}
