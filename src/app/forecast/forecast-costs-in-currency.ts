import { type RateBasis, rateDayOf } from '../../core/currency/convert-amount.js';
import { RateTable } from '../../core/currency/rate-table.js';
import type { FieldLabels } from '../../core/field-labels.js';
import { addMoneyForecasts, convertMoneyForecast } from '../../core/forecast/convert-money-forecast.js';
import { sumForecastDays } from '../../core/forecast/forecast-money.js';
import { Decimal } from '../../core/money.js';
import type { Stores } from '../../ports/stores.js';
import { listRatesBothWays, missingRates, requireReportingCurrency } from '../costs/convert-cost-report.js';
import { type ForecastRequest, forecastCosts, type ScopeForecast } from './forecast-costs.js';

/** How a converted forecast was converted: the rule, and the one rate each billing currency took. */
export interface ForecastConversion {
  currency: string;
  rule: string;
  /** One unit of each converted billing currency in `currency`, on the rate day used. */
  rates: { from: string; rateDay: string; oneUnit: string }[];
}

export type ForecastAnswer = ScopeForecast & { conversion: ForecastConversion | null };

export const FUTURE_RATE_RULE =
  "every forecast day is converted at the last known rate: the rate of the data's last charge day (its month's first day on the month basis), the rate the last actual day was converted at; the future's own rates are not known";

/**
 * Forecasts in one reporting currency.
 * 1. Forecast each scope in its billing currency (forecastCosts: one scope per group and
 *    currency; every scope ends on the data's last day).
 * 2. Convert each day of each foreign scope, bounds included, at the last known rate (the
 *    rate of the data's last day, by the rate basis) through the same RateTable and rounding as
 *    GET /costs `currency=`; no rate for that day refuses with RATE_MISSING naming day and pair.
 * 3. Add up the converted scopes of each group day by day (addMoneyForecasts), totals exact.
 * Nothing is saved: snapshots are scored in their billing currency.
 */
export async function forecastCostsInCurrency(
  stores: Stores,
  request: Omit<ForecastRequest, 'save'>,
  currency: string,
  rateBasis: RateBasis,
  labels: FieldLabels<'asOf' | 'currency'> = {},
): Promise<ForecastAnswer[]> {
  requireReportingCurrency(currency, labels);
  const scopes = await forecastCosts(stores, { ...request, save: false }, labels);
  const lastDay = scopes[0]!.dataThrough;
  const rateDay = rateDayOf(lastDay, rateBasis);
  const foreign = [
    ...new Set(scopes.map((scope) => scope.currency).filter((code) => code !== currency)),
  ].sort();
  const table = new RateTable(
    currency,
    foreign.length > 0 ? await listRatesBothWays(stores.exchangeRates, [lastDay], currency, rateBasis) : [],
  );
  const missing = foreign.filter((from) => !table.has(from, rateDay));
  if (missing.length > 0)
    throw missingRates(
      missing.map((from) => `${rateDay} ${from}->${currency}`),
      currency,
      rateBasis,
    );
  const conversion: ForecastConversion = {
    currency,
    rule: FUTURE_RATE_RULE,
    rates: foreign.map((from) => ({
      from,
      rateDay,
      oneUnit: table.convert(new Decimal(1), from, rateDay)!.toFixed(),
    })),
  };
  const groups = new Map<string, ScopeForecast[]>();
  for (const scope of scopes) {
    const key = JSON.stringify(scope.group);
    groups.set(key, [...(groups.get(key) ?? []), scope]);
  }
  const answers = [...groups.values()].map((parts): ForecastAnswer => {
    const forecast = addMoneyForecasts(
      parts.map((part) => ({
        label: part.currency,
        forecast: convertMoneyForecast(
          part.forecast,
          (amount) => table.convert(amount, part.currency, rateDay)!,
        ),
      })),
    );
    const sum = (pick: 'point' | 'lo80' | 'hi80' | 'lo95' | 'hi95') =>
      sumForecastDays(forecast.days, pick).toFixed();
    const first = parts[0]!;
    return {
      ...first,
      currency,
      historyFrom: parts.map((part) => part.historyFrom).sort()[0]!,
      forecast,
      total: {
        point: sum('point'),
        lo80: sum('lo80'),
        hi80: sum('hi80'),
        lo95: sum('lo95'),
        hi95: sum('hi95'),
      },
      snapshotId: null,
      conversion,
    };
  });
  return answers.sort(
    (a, b) => new Decimal(b.total.point).comparedTo(a.total.point) || a.scopeKey.localeCompare(b.scopeKey),
  );
}
