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
 * 4. The bounds are kept in the model's order around the point (lo95 <= lo80 <= point <= hi80
 *    <= hi95): taking the recurring part back out in floating point can move a bound by one unit
 *    of the last decimal past the point when the recurring part is large.
 */
export function toMoneyForecast(forecast: CostForecast): MoneyForecast {
  const { days, calendarCharges, ...rest } = forecast;
  return {
    ...rest,
    days: days.map((day) => {
      const usage = forecastAmount(day.usage);
      const recurring = forecastAmount(day.recurring);
      const bound = (value: number) => forecastAmount(value - day.recurring).plus(recurring);
      const point = usage.plus(recurring);
      const lo80 = Decimal.min(bound(day.lo80), point);
      const hi80 = Decimal.max(bound(day.hi80), point);
      return {
        date: day.date,
        point: point.toFixed(FORECAST_SCALE),
        lo80: lo80.toFixed(FORECAST_SCALE),
        hi80: hi80.toFixed(FORECAST_SCALE),
        lo95: Decimal.min(bound(day.lo95), lo80).toFixed(FORECAST_SCALE),
        hi95: Decimal.max(bound(day.hi95), hi80).toFixed(FORECAST_SCALE),
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
