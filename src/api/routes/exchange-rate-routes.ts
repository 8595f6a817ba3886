import { z } from 'zod';
import { auditRecorder } from '../../app/audit/record-audit.js';
import { addRates, listRates } from '../../app/currency/manage-exchange-rates.js';
import { defineRoute } from '../route-spec.js';

const rateSchema = z.object({ date: z.string(), from: z.string(), to: z.string(), rate: z.string() });

export const exchangeRateRoutes = [
  defineRoute({
    id: 'listExchangeRates',
    method: 'GET',
    path: '/api/v1/rates',
    summary: 'The stored exchange rates (1 from = rate to), by pair and day',
    tag: 'costs',
    permission: 'costs:read',
    query: z.object({
      from: z.string().max(10).optional().describe('first day, inclusive (YYYY-MM-DD)'),
      to: z.string().max(10).optional().describe('last day, inclusive (YYYY-MM-DD)'),
      fromCurrency: z.string().max(3).optional(),
      toCurrency: z.string().max(3).optional(),
    }),
    response: z.object({
      rates: z.array(
        rateSchema.extend({
          filledFrom: z.string().nullable().describe('the published day a filled-forward rate is from'),
          source: z.string(),
          loadedAt: z.string(),
        }),
      ),
    }),
    handler: async ({ query, services }) => ({
      rates: await listRates(
        services.stores,
        {
          fromDay: query.from,
          toDay: query.to,
          fromCurrency: query.fromCurrency,
          toCurrency: query.toCurrency,
        },
        { fromDay: 'from', toDay: 'to' },
      ),
    }),
  }),
  defineRoute({
    id: 'addExchangeRates',
    method: 'POST',
    path: '/api/v1/rates',
    summary:
      'Add or change exchange rates (audited). A gap or a duplicate day is refused and nothing is saved; rates of a closed month are held back until it is reopened.',
    tag: 'costs',
    permission: 'sources:write',
    body: z
      .object({
        rates: z.array(rateSchema).min(1).max(100_000),
        fillForward: z
          .boolean()
          .optional()
          .describe(
            'give each day the rates skip the last published rate (recorded as filled from that day)',
          ),
      })
      .strict(),
    status: 201,
    response: z.object({
      source: z.string(),
      added: z.number().int(),
      changed: z.number().int(),
      unchanged: z.number().int(),
      frozen: z.array(z.object({ period: z.string(), rates: z.number().int() })),
      fillForward: z.boolean(),
      filled: z.array(z.object({ pair: z.string(), days: z.number().int() })),
    }),
    errors: { 422: 'A rate is invalid, duplicated or leaves a gap (RATES_INVALID)' },
    handler: async ({ body, actor, services }) =>
      addRates(services.stores, body.rates, auditRecorder(services.stores, actor), body.fillForward === true),
  }),
];
