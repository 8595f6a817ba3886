/**
 * Seasonal-naive: each future day repeats the same weekday of the last observed week. The
 * baseline every other method must beat; with less than one season it repeats the mean.
 */
export function forecastSeasonalNaive(history: readonly number[], horizon: number, season = 7): number[] {
  const n = history.length;
  if (n === 0) return new Array(horizon).fill(0);
  if (n < season) {
    const average = history.reduce((sum, value) => sum + value, 0) / n;
    return new Array(horizon).fill(average);
  }
  return Array.from({ length: horizon }, (_, step) => history[n - season + (step % season)]!);
}
