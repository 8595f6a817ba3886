import { forecastHoltWinters } from './holt-winters.js';
import { forecastLinearTrend } from './linear-trend.js';
import { forecastSeasonalNaive } from './seasonal-naive.js';

export const FORECAST_METHODS = ['seasonal-naive', 'holt-winters', 'linear-trend'] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];

export type ForecastFunction = (history: readonly number[], horizon: number) => number[];

export const METHOD_FUNCTIONS: Record<ForecastMethod, ForecastFunction> = {
  'seasonal-naive': (history, horizon) => forecastSeasonalNaive(history, horizon),
  'holt-winters': (history, horizon) => forecastHoltWinters(history, horizon),
  'linear-trend': (history, horizon) => forecastLinearTrend(history, horizon),
};

export const METHOD_DESCRIPTIONS: Record<ForecastMethod, string> = {
  'seasonal-naive': 'seasonal-naive (each weekday repeats last week)',
  'holt-winters': 'ETS / Holt-Winters, additive weekly season, damped trend',
  'linear-trend': 'linear trend (least squares) with weekly offsets',
};
