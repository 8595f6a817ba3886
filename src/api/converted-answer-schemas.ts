import { z } from 'zod';
import type { BudgetConversion } from '../app/budget/report-budget-statuses-in-currency.js';
import type { ForecastAnswer } from '../app/forecast/forecast-costs-in-currency.js';
import { decimalText } from './api-schemas.js';
import { scopeForecastSchema } from './finance-schemas.js';

/** GET /forecasts: a scope's forecast, and how it was converted when a reporting currency was asked. */
export const forecastAnswerSchema = scopeForecastSchema.extend({
  conversion: z
    .object({
      currency: z.string(),
      rule: z.string().describe('how forecast days, which have no rate of their own, are converted'),
      rates: z.array(z.object({ from: z.string(), rateDay: z.string(), oneUnit: decimalText })),
    })
    .nullable()
    .describe('null when each billing currency is forecast apart'),
}) satisfies z.ZodType<ForecastAnswer>;

/** GET /budgets/status currency=: how a budget in another currency was restated in the asked one. */
export const budgetConversionSchema = z.object({
  currency: z.string(),
  budgetAmount: decimalText,
  budgetCurrency: z.string(),
  amountRateDay: z.string(),
  rule: z.string(),
}) satisfies z.ZodType<BudgetConversion>;
