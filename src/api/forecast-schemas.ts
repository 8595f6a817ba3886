import { z } from 'zod';
import type { ScopeSeries } from '../app/forecast/load-charge-series.js';
import type { BudgetStatus } from '../core/budget/budget-status.js';
import { FORECAST_METHODS } from '../core/forecast/forecast-methods.js';
import type { MoneyForecast } from '../core/forecast/forecast-money.js';

/** Forecast money: exact decimal text at the stated scale (6 decimals); point = usage + recurring. */
const forecastMoney = z.string().describe('exact decimal text, 6 decimals');

/** A forecast, a budget's status and the daily series they are computed from, as the API answers them. */
export const costForecastSchema = z.object({
  firstForecastDay: z.string(),
  days: z.array(
    z.object({
      date: z.string(),
      point: forecastMoney,
      lo80: forecastMoney,
      hi80: forecastMoney,
      lo95: forecastMoney,
      hi95: forecastMoney,
      usage: forecastMoney,
      recurring: forecastMoney,
    }),
  ),
  method: z.enum(FORECAST_METHODS),
  reason: z.string(),
  backtest: z.array(
    z.object({
      method: z.enum(FORECAST_METHODS),
      mase: z.number(),
    }),
  ),
  intervalSource: z.string(),
  warnings: z.array(z.string()),
  calendarCharges: z
    .array(
      z.object({
        billedAs: z.enum(['usage', 'one-time']),
        slot: z.union([z.number().int(), z.literal('last')]),
        amount: forecastMoney,
        months: z.number().int(),
        description: z.string(),
      }),
    )
    .describe(
      'Charges the history shows recurring on a day of the month whatever their ChargeFrequency says; forecast as recurring',
    ),
}) satisfies z.ZodType<MoneyForecast>;

export const budgetStatusSchema = z.object({
  budget: z.string(),
  period: z.object({
    start: z.string(),
    end: z.string(),
    days: z.number(),
    label: z.string(),
  }),
  asOf: z.string(),
  dataThrough: z.string().nullable(),
  amount: z.string(),
  currency: z.string(),
  metric: z.string(),
  actual: z.string(),
  remaining: z.string().describe('amount minus actual, exact; negative when overspent'),
  forecastTotal: z.string(),
  forecastInterval: z.object({
    lo80: z.string(),
    hi80: z.string(),
    lo95: z.string(),
    hi95: z.string(),
  }),
  varianceVsBudget: z.string(),
  variancePercent: z.number(),
  previousForecastTotal: z.string().nullable(),
  varianceVsPreviousForecast: z.string().nullable(),
  daysElapsed: z.number(),
  daysLeft: z.number(),
  runRate: z.string(),
  requiredDailyRate: z.string(),
  budgetedDailyRate: z.string(),
  lastDay: z.string(),
  method: z.string(),
  mase: z.number().nullable(),
  intervalSource: z.string(),
  warnings: z.array(z.string()),
}) satisfies z.ZodType<BudgetStatus>;

export const scopeSeriesSchema = z.object({
  group: z.string().nullable(),
  currency: z.string(),
  lastDay: z.string(),
  series: z.object({
    firstDay: z.string(),
    usage: z.array(z.string()).describe('exact decimal text per day from firstDay'),
    recurring: z.array(z.string()).describe('exact decimal text per day from firstDay'),
    oneTime: z.array(z.string()).describe('exact decimal text per day from firstDay'),
  }),
}) satisfies z.ZodType<ScopeSeries>;
