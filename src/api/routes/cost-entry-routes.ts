import { z } from 'zod';
import { auditRecorder } from '../../app/audit/record-audit.js';
import { addCostEntryRows } from '../../app/costs/add-cost-entries.js';
import { queryFlag } from '../api-schemas.js';
import { defineRoute } from '../route-spec.js';

const periodSchema = z.object({
  providerName: z.string(),
  billingAccountId: z.string(),
  billingPeriodStart: z.string(),
});

export const costEntryRoutes = [
  defineRoute({
    id: 'addCostEntries',
    method: 'POST',
    path: '/api/v1/costs/entries',
    summary:
      "Add costs no bill carries (labour, licences, invoices, support, SaaS, hardware, data centre): the YAML costs file as JSON (schemas/cost-entries.schema.json). The body is its ledger's whole truth: it replaces what an earlier body of the same ledger brought (audited); the same body again changes nothing.",
    tag: 'costs',
    permission: 'sources:write',
    query: z.object({ dryRun: queryFlag }),
    body: z
      .object({
        ledger: z.string().min(1).max(100),
        lines: z.array(z.record(z.string(), z.unknown())).min(1).max(100_000),
      })
      .strict(),
    status: 201,
    response: z.object({
      status: z.enum(['loaded', 'already-loaded', 'validated']),
      loadId: z.number().int().nullable(),
      source: z.string(),
      ledger: z.string(),
      entries: z.number().int(),
      linesLoaded: z.number().int(),
      periods: z.array(
        periodSchema.extend({
          billingCurrency: z.string(),
          rowCount: z.number().int(),
          billedCost: z.string(),
          effectiveCost: z.string(),
        }),
      ),
      totals: z.array(z.object({ currency: z.string(), cost: z.string() })),
      replaced: z.array(z.object({ loadId: z.number().int(), period: periodSchema })),
    }),
    errors: { 422: 'A line is invalid: each problem names its row, field and value (COSTS_FILE_INVALID)' },
    handler: async ({ body, query, actor, services }) =>
      addCostEntryRows(services.stores, body, {
        dryRun: query.dryRun,
        recordChange: auditRecorder(services.stores, actor),
      }),
  }),
];
