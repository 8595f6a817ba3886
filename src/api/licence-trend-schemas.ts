import { z } from 'zod';
import { LICENCE_METRICS } from '../core/contracts/contract-model.js';
import { decimalText } from './api-schemas.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const month = z.string().regex(/^\d{4}-\d{2}$/);

export const licenceTrendQuerySchema = z.object({
  from: z.string().max(7).describe('first month, YYYY-MM'),
  to: z.string().max(7).describe('last month, YYYY-MM'),
  product: z.string().min(1).max(200).optional().describe("only this product's licences"),
});

const licenceMonthSchema = z.object({
  month,
  asOf: date.nullable().describe('the day of the snapshot in force at the month end; null: none yet'),
  used: z.number().int().nullable().describe('null: no usage known by the month end (not zero)'),
  shortfall: z.number().int().nullable(),
  shortfallCost: decimalText.nullable().describe('for the days of the month in the term'),
  shelfware: z.number().int().nullable(),
  shelfwareCost: decimalText.nullable().describe('for the days of the month in the term'),
  status: z.enum(['compliant', 'shortfall', 'shelfware', 'no-usage']),
});

export const licenceTrendSchema = z.object({
  from: month,
  to: month,
  product: z.string().optional(),
  licences: z.array(
    z.object({
      licenceId: z.string(),
      product: z.string(),
      metric: z.enum(LICENCE_METRICS),
      entitled: z.number().int(),
      currency: z.string(),
      peak: z
        .object({ used: z.number().int(), asOf: date })
        .nullable()
        .describe('the most units held in the range and the first day seen; null: no usage'),
      months: z.array(licenceMonthSchema),
    }),
  ),
  totals: z.array(
    z.object({
      month,
      currency: z.string(),
      shortfallCost: decimalText.nullable().describe('null: no licence of the currency had usage'),
      shelfwareCost: decimalText.nullable(),
      missing: z.array(z.string()).describe('licences in force with no usage known, left out of the sums'),
    }),
  ),
});
