/**
 * Folds every `factor` consecutive points into one: the mean of the present points times
 * `factor`, which is their sum when none is missing and an estimate of it across gaps. NaN where
 * the whole group is missing. Used to judge sub-daily series hour by hour: a single 5-minute
 * blip is noise, an hour that costs more is an anomaly worth an alert.
 */
export function coarsenSeries(values: readonly number[], factor: number): number[] {
  const out: number[] = [];
  for (let from = 0; from < values.length; from += factor) {
    let sum = 0;
    let count = 0;
    for (let i = from; i < Math.min(values.length, from + factor); i++)
      if (Number.isFinite(values[i])) {
        sum += values[i]!;
        count += 1;
      }
    out.push(count === 0 ? Number.NaN : (sum / count) * factor);
  }
  return out;
}
