import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { loadInvoices } from '../../app/invoices/load-invoices.js';
import {
  acceptInvoiceDifference,
  listInvoiceTolerances,
  removeInvoiceTolerance,
  setInvoiceTolerance,
} from '../../app/invoices/manage-invoice-settlement.js';
import { reconcileInvoices } from '../../app/invoices/reconcile-invoices.js';
import { INVOICE_STATUSES } from '../../core/invoices/invoice-status.js';
import { TOLERANCE_SCOPES } from '../../core/invoices/invoice-tolerance.js';
import { defineRoute } from '../route-spec.js';
import { receiveUpload } from '../upload-file.js';

const amount = z.string();
const scope = z.enum(['default', 'provider', 'account']);

const toleranceSchema = z.object({
  scope,
  key: z.string(),
  absolute: amount.nullable(),
  percent: amount.nullable(),
});
const storedToleranceSchema = toleranceSchema.extend({
  setBy: z.string(),
  setAt: z.string(),
  description: z.string(),
});
const acceptanceSchema = z.object({
  invoiceId: z.string(),
  difference: amount,
  reason: z.string(),
  acceptedBy: z.string(),
  acceptedAt: z.string(),
});
const reconciliationSchema = z.object({
  invoiceId: z.string(),
  billingAccountId: z.string(),
  providerName: z.string().nullable(),
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
  allowed: amount.describe('the largest difference allowed on this invoice'),
  tolerance: toleranceSchema
    .nullable()
    .describe('the configured tolerance that applied (null: exact or the one asked for)'),
  status: z.enum(INVOICE_STATUSES as [string, ...string[]]),
  acceptance: acceptanceSchema.nullable(),
});
const periodReconciliationSchema = z.object({
  period: z.string(),
  tolerance: z.string().nullable(),
  reconciled: z.boolean(),
  settled: z.boolean().describe('every invoice matched, within tolerance or accepted: the period may close'),
  invoices: z.array(reconciliationSchema),
});

export const invoiceRoutes = [
  defineRoute({
    id: 'reconcileInvoices',
    method: 'GET',
    path: '/api/v1/invoices/reconciliation',
    summary:
      "Each invoice of a period against its lines' billed cost (by invoice id, else account and period), the difference explained by category, with its status (matched, within tolerance, accepted, open)",
    tag: 'allocation',
    permission: 'costs:read',
    query: z
      .object({
        period: z.string().min(1).max(20).describe('a month, YYYY-MM'),
        tolerance: z
          .string()
          .max(40)
          .optional()
          .describe('one tolerance for every invoice instead of the configured ones (to look, not to close)'),
      })
      .strict(),
    response: periodReconciliationSchema,
    errors: { 404: 'The period has no invoices (INVOICES_NONE)' },
    handler: async ({ query, services }) => reconcileInvoices(services.stores, query),
  }),
  defineRoute({
    id: 'uploadInvoices',
    method: 'POST',
    path: '/api/v1/invoices',
    summary:
      'Load a plain invoice CSV (invoice_id,account,period,currency,amount,tax) sent as the body (text/csv with ?filename=) or multipart; same ids are replaced (audited). A bad file changes nothing.',
    tag: 'allocation',
    permission: 'sources:write',
    bodyKind: 'upload',
    uploadTypes: ['text/csv', 'application/octet-stream', 'multipart/form-data'],
    query: z.object({
      filename: z
        .string()
        .max(200)
        .optional()
        .describe('file name for a raw body, e.g. invoices-2026-01.csv'),
    }),
    status: 201,
    response: z.object({
      name: z.string(),
      invoices: z.array(
        z.object({
          invoiceId: z.string(),
          billingAccountId: z.string(),
          period: z.string(),
          currency: z.string(),
          amount,
          tax: amount,
        }),
      ),
    }),
    errors: {
      413: 'The file is over TOLLGATE_UPLOAD_LIMIT (UPLOAD_TOO_LARGE)',
      415: 'Unsupported Content-Type (REQUEST_UNSUPPORTED_MEDIA_TYPE)',
      422: 'Problems by line (INVOICES_INVALID, INVOICES_UNREADABLE)',
    },
    handler: async ({ request, query, actor, services }) => {
      const spool = join(services.uploadDir, `invoices-${randomUUID()}`);
      try {
        const upload = await receiveUpload(request, spool, query.filename, services.config.uploadLimitBytes);
        const loaded = await loadInvoices(services.stores, actor, upload.path, `upload:${upload.name}`);
        return { name: upload.name, invoices: loaded.invoices };
      } finally {
        await rm(spool, { recursive: true, force: true });
      }
    },
  }),
  defineRoute({
    id: 'listInvoiceTolerances',
    method: 'GET',
    path: '/api/v1/invoices/tolerances',
    summary:
      'The configured invoice tolerances: per billing account, per provider and the default (none: exact)',
    tag: 'allocation',
    permission: 'costs:read',
    response: z.object({ tolerances: z.array(storedToleranceSchema) }),
    handler: async ({ services }) => listInvoiceTolerances(services.stores),
  }),
  defineRoute({
    id: 'setInvoiceTolerance',
    method: 'PUT',
    path: '/api/v1/invoices/tolerances',
    summary:
      'Set the tolerance of an account, a provider or the default: an absolute amount, a percent of the invoice total, or both (the smaller applies); audited',
    tag: 'allocation',
    permission: 'allocation:run',
    body: z
      .object({
        scope: z
          .string()
          .max(20)
          .describe(`one of ${TOLERANCE_SCOPES.join(', ')}`),
        key: z.string().max(200).optional().describe('the provider name or billing account id'),
        absolute: z.string().max(40).optional(),
        percent: z.string().max(40).optional(),
      })
      .strict(),
    response: toleranceSchema.extend({ description: z.string() }),
    handler: async ({ body, actor, services }) => setInvoiceTolerance(services.stores, actor, body),
  }),
  defineRoute({
    id: 'removeInvoiceTolerance',
    method: 'DELETE',
    path: '/api/v1/invoices/tolerances/:scope',
    summary: 'Remove the tolerance of an account, a provider or the default (audited)',
    tag: 'allocation',
    permission: 'allocation:run',
    params: z.object({ scope: z.string().max(20) }),
    query: z.object({ key: z.string().max(200).optional() }).strict(),
    response: z.object({ scope: z.string(), key: z.string(), removed: z.literal(true) }),
    errors: { 404: 'No such tolerance (INVOICE_TOLERANCE_NOT_FOUND)' },
    handler: async ({ params, query, actor, services }) =>
      removeInvoiceTolerance(services.stores, actor, { scope: params.scope, key: query.key }),
  }),
  defineRoute({
    id: 'acceptInvoiceDifference',
    method: 'POST',
    path: '/api/v1/invoices/:invoiceId/accept',
    summary:
      "Accept an invoice's present difference with a reason (audited: who, when, why, how much); it holds while the difference stays the same",
    tag: 'allocation',
    permission: 'allocation:run',
    params: z.object({ invoiceId: z.string().min(1).max(200) }),
    body: z.object({ reason: z.string().max(2000) }).strict(),
    response: z.object({ invoice: reconciliationSchema, acceptance: acceptanceSchema }),
    errors: {
      404: 'No such invoice (INVOICE_NOT_FOUND)',
      409: 'Matched or within tolerance: nothing to accept (INVOICE_NOTHING_TO_ACCEPT)',
    },
    handler: async ({ params, body, actor, services }) =>
      acceptInvoiceDifference(services.stores, actor, { invoiceId: params.invoiceId, reason: body.reason }),
  }),
];
