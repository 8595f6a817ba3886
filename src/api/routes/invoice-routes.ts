import { z } from 'zod';
import { reconcileInvoices } from '../../app/invoices/reconcile-invoices.js';
import { defineRoute } from '../route-spec.js';

const amount = z.string();

export const invoiceRoutes = [
  defineRoute({
    id: 'reconcileInvoices',
    method: 'GET',
    path: '/api/v1/invoices/reconciliation',
    summary:
      "Each invoice of a period against its lines' billed cost (by invoice id, else account and period), the difference explained by category",
    tag: 'allocation',
    permission: 'costs:read',
    query: z
      .object({
        period: z.string().min(1).max(20).describe('a month, YYYY-MM'),
        tolerance: z
          .string()
          .max(40)
          .optional()
          .describe('largest difference that still reconciles (default 0)'),
      })
      .strict(),
    response: z.object({
      period: z.string(),
      tolerance: z.string(),
      reconciled: z.boolean(),
      invoices: z.array(
        z.object({
          invoiceId: z.string(),
          billingAccountId: z.string(),
          currency: z.string(),
          matchedBy: z.enum(['invoice-id', 'account-period']),
          lines: z.number(),
          invoiceTotal: amount,
          linesTotal: amount,
          difference: amount,
          explained: z.array(
            z.object({
              category: z.enum(['tax', 'credits', 'rounding', 'lines missing', 'lines not invoiced']),
              amount,
            }),
          ),
          notInvoiced: amount,
          reconciled: z.boolean(),
        }),
      ),
    }),
    errors: { 404: 'The period has no invoices (INVOICES_NONE)' },
    handler: async ({ query, services }) => reconcileInvoices(services.stores, query),
  }),
];
