import { Decimal } from '../money.js';
import {
  FORECAST_SCALE,
  type ForecastFigure,
  type ForecastMoneyDay,
  type MoneyForecast,
  sumForecastDays,
} from './forecast-money.js';

/** Converts one amount into the reporting currency (the caller's rate table and rounding rule). */
export type ConvertFigure = (amount: Decimal) => Decimal;

const BOUNDS = ['lo80', 'hi80', 'lo95', 'hi95'] as const;

/** A converted figure at the forecast's stated scale (half to even, as the conversion rounds). */
function toScale(value: Decimal): Decimal {
  return value.toDecimalPlaces(FORECAST_SCALE, Decimal.ROUND_HALF_EVEN);
}

/**
 * A forecast in another currency, every day at the one rate `convert` applies.
 * 1. Usage and recurring are converted and brought to FORECAST_SCALE, once each.
 * 2. The point is their exact sum, as toMoneyForecast makes it (point = usage + recurring).
 * 3. Each bound's usage part (bound less recurring) is converted and scaled, plus the converted
 *    recurring: a positive rate keeps the bounds in their order around the point.
 */
export function convertMoneyForecast(forecast: MoneyForecast, convert: ConvertFigure): MoneyForecast {
  const scaled = (amount: string) => toScale(convert(new Decimal(amount)));
  return {
    ...forecast,
    days: forecast.days.map((day) => {
      const usage = scaled(day.usage);
      const recurring = scaled(day.recurring);
      const bound = (value: string) =>
        toScale(convert(new Decimal(value).minus(day.recurring)))
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
    calendarCharges: forecast.calendarCharges.map((charge) => ({
      ...charge,
      amount: scaled(charge.amount).toFixed(FORECAST_SCALE),
    })),
  };
}

/**
 * One forecast of several currencies' forecasts of the same days, all already in one currency.
 * 1. Each day's figures are added up exactly (the forecasts start on the same day: every scope
 *    of one request ends on the data's last day).
 * 2. The bounds are added up too: the band holds when the currencies' spend moves together and
 *    is wider than needed when it does not; intervalSource says so.
 * 3. The method and backtest are the largest forecast's (by point total); the reason names each.
 */
export function addMoneyForecasts(
  parts: readonly { label: string; forecast: MoneyForecast }[],
): MoneyForecast {
  if (parts.length === 1) return parts[0]!.forecast;
  const ranked = [...parts].sort((a, b) =>
    sumForecastDays(b.forecast.days, 'point').comparedTo(sumForecastDays(a.forecast.days, 'point')),
  );
  const largest = ranked[0]!.forecast;
  const length = Math.min(...parts.map((part) => part.forecast.days.length));
  const figures: ForecastFigure[] = ['point', ...BOUNDS, 'usage', 'recurring'];
  const days: ForecastMoneyDay[] = largest.days.slice(0, length).map((first, index) => {
    const day = { date: first.date } as ForecastMoneyDay;
    for (const figure of figures)
      day[figure] = parts
        .reduce((sum, part) => sum.plus(part.forecast.days[index]![figure]), new Decimal(0))
        .toFixed(FORECAST_SCALE);
    return day;
  });
  return {
    ...largest,
    days,
    reason: ranked
      .map((part) => `${part.label}: ${part.forecast.method}, ${part.forecast.reason}`)
      .join('; '),
    intervalSource: `each billing currency's own interval (${largest.intervalSource}), added up: as wide as when their spend moves together`,
    warnings: ranked.flatMap((part) => part.forecast.warnings.map((warning) => `${part.label}: ${warning}`)),
    calendarCharges: ranked.flatMap((part) =>
      part.forecast.calendarCharges.map((charge) => ({
        ...charge,
        description: `${part.label}: ${charge.description}`,
      })),
    ),
  };
}
