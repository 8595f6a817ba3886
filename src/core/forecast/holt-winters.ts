/**
 * Additive Holt-Winters (ETS(A,Ad,A)) with a weekly season and a damped trend.
 *
 * 1. Initialise the level with the mean of the first season, the trend with the change between
 *    the first two seasonal means, the seasonal terms with the first season's deviations.
 * 2. Run the damped-trend recursions of Gardner & McKenzie (1985), as written in Hyndman &
 *    Athanasopoulos, "Forecasting: Principles and Practice" (3rd ed.), section 8.3:
 *      level_t  = a (y_t - s_{t-m}) + (1 - a)(level_{t-1} + phi trend_{t-1})
 *      trend_t  = b (level_t - level_{t-1}) + (1 - b) phi trend_{t-1}
 *      season_t = g (y_t - level_t) + (1 - g) s_{t-m}
 * 3. Pick (a, b, g, phi) from a small grid by the smallest sum of squared one-step errors;
 *    a grid keeps the fit deterministic and fast enough to refit at every backtest origin.
 * 4. Forecast h days ahead: level + (phi + ... + phi^h) trend + the matching seasonal term.
 */
const ALPHAS = [0.05, 0.1, 0.2, 0.35, 0.5];
const BETAS = [0.01, 0.05, 0.15];
const GAMMAS = [0.05, 0.15, 0.3];
const PHIS = [0.8, 0.9, 0.98];

interface HoltWintersState {
  level: number;
  trend: number;
  season: number[];
  sse: number;
}

function runRecursions(
  history: readonly number[],
  m: number,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
): HoltWintersState {
  const first = history.slice(0, m);
  const second = history.slice(m, 2 * m);
  const firstMean = first.reduce((s, v) => s + v, 0) / m;
  const secondMean = second.length === m ? second.reduce((s, v) => s + v, 0) / m : firstMean;
  let level = firstMean;
  let trend = (secondMean - firstMean) / m;
  const season = first.map((value) => value - firstMean);
  let sse = 0;
  for (let t = m; t < history.length; t++) {
    const y = history[t]!;
    const s = season[t % m]!;
    const predicted = level + phi * trend + s;
    sse += (y - predicted) ** 2;
    const previousLevel = level;
    level = alpha * (y - s) + (1 - alpha) * (previousLevel + phi * trend);
    trend = beta * (level - previousLevel) + (1 - beta) * phi * trend;
    season[t % m] = gamma * (y - level) + (1 - gamma) * s;
  }
  return { level, trend, season, sse };
}

export function forecastHoltWinters(history: readonly number[], horizon: number, season = 7): number[] {
  const n = history.length;
  let best: (HoltWintersState & { phi: number }) | undefined;
  for (const alpha of ALPHAS)
    for (const beta of BETAS)
      for (const gamma of GAMMAS)
        for (const phi of PHIS) {
          const state = runRecursions(history, season, alpha, beta, gamma, phi);
          if (!best || state.sse < best.sse) best = { ...state, phi };
        }
  const { level, trend, phi } = best!;
  const out: number[] = [];
  let damping = 0;
  for (let h = 1; h <= horizon; h++) {
    damping += phi ** h;
    out.push(level + damping * trend + best!.season[(n + h - 1) % season]!);
  }
  return out;
}
