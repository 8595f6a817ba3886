import { z } from 'zod';
import type { BudgetConversion } from '../app/budget/report-budget-statuses-in-currency.js';
import type { ForecastAnswer } from '../app/forecast/forecast-costs-in-currency.js';
import type { ReleaseConversion } from '../app/governance/releases/release-conversion.js';
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

/** The release views' currency=: how a release's money was restated in the asked currency. */
export const releaseConversionSchema = z
  .object({
    currency: z.string(),
    releaseCurrency: z.string(),
    rateBasis: z.enum(['day', 'month']),
    estimateRateDay: z.string().describe('the day whose rate converted the estimate and the budget'),
    rule: z.string().describe("which day's rate converted each part"),
  })
  .nullable()
  .describe("null in the release's own currency") satisfies z.ZodType<ReleaseConversion | null>;

/** The query parameter of the release views: a reporting currency, or each release in its own. */
export const releaseCurrencyQuery = z.object({
  currency: z
    .string()
    .max(10)
    .default('release')
    .describe(
      "reporting currency (ISO 4217): every amount converted into it, each part at its own day's rate (the answer's conversion says which); 'release' (the default): each release in its own currency",
    ),
});

export { askedReleaseCurrency } from '../app/governance/releases/release-conversion.js';
