import { TollgateError } from '../errors.js';
import { Decimal } from '../money.js';
import type { CostForecast, DetectedCalendarCharge } from './forecast-cost-series.js';

/**
 * The stated scale of forecast money: a model computes in floating point, and its answer becomes
 * exact decimal text at 6 decimals (below any currency's minor unit) before it leaves the domain.
 * Snapshots store the same text, so a stored forecast is the one that was shown.
 */
export const FORECAST_SCALE = 6;

/** One forecast day in exact money: point = usage + recurring, each bound = usage's + recurring. */
export interface ForecastMoneyDay {
  date: string;
  point: string;
  lo80: string;
  hi80: string;
  lo95: string;
  hi95: string;
  usage: string;
  recurring: string;
}

export interface ForecastMoneyCharge extends Omit<DetectedCalendarCharge, 'amount'> {
  amount: string;
}

/** A scope's forecast as every interface gives it: the model's description, money as decimal text. */
export interface MoneyForecast extends Omit<CostForecast, 'days' | 'calendarCharges'> {
  days: ForecastMoneyDay[];
  calendarCharges: ForecastMoneyCharge[];
}

export type ForecastBound = 'point' | 'lo80' | 'hi80' | 'lo95' | 'hi95';
/** Any money figure of a forecast day. */
export type ForecastFigure = Exclude<keyof ForecastMoneyDay, 'date'>;

/** A model's float as exact money at FORECAST_SCALE; a non-finite value is a model fault, never 0. */
export function forecastAmount(value: number): Decimal {
  if (!Number.isFinite(value))
    throw new TollgateError(
      'FORECAST_NOT_FINITE',
      `The forecast model produced ${value}; report this with the scope's history (the figure is not shown as 0).`,
      'internal',
    );
  return new Decimal(value.toFixed(FORECAST_SCALE));
}

/**
 * Converts a model's forecast to exact money.
 * 1. Usage and recurring are rounded once each to FORECAST_SCALE.
 * 2. The point is their exact sum, so a day splits into its parts without a remainder.
 * 3. Each bound is the usage model's bound (the day's bound less its recurring part, which the
 *    model added as known), rounded, plus the same recurring text: bounds and point share it.
 */
export function toMoneyForecast(forecast: CostForecast): MoneyForecast {
  const { days, calendarCharges, ...rest } = forecast;
  return {
    ...rest,
    days: days.map((day) => {
      const usage = forecastAmount(day.usage);
      const recurring = forecastAmount(day.recurring);
      const bound = (value: number) =>
        forecastAmount(value - day.recurring)
          .plus(recurring)
          .toFixed(FORECAST_SCALE);
      return {
        date: day.date,
        point: usage.plus(recurring).toFixed(FORECAST_SCALE),
        lo80: bound(day.lo80),
        hi80: bound(day.hi80),
        lo95: bound(day.lo95),
        hi95: bound(day.hi95),
        usage: usage.toFixed(FORECAST_SCALE),
        recurring: recurring.toFixed(FORECAST_SCALE),
      };
    }),
    calendarCharges: calendarCharges.map((charge) => ({
      ...charge,
      amount: forecastAmount(charge.amount).toFixed(FORECAST_SCALE),
    })),
  };
}

/** The exact sum of one figure over forecast days (a period's or horizon's total). */
export function sumForecastDays(days: readonly ForecastMoneyDay[], pick: ForecastFigure): Decimal {
  return days.reduce((total, day) => total.plus(day[pick]), new Decimal(0));
}
