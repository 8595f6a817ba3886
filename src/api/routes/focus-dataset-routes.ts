import { z } from 'zod';
import { listFocusDatasetRecords, MAX_DATASET_RECORDS } from '../../app/costs/list-focus-datasets.js';
import { FOCUS_DATASET_NAMES } from '../../core/focus/focus-datasets.js';
import { decimalText } from '../api-schemas.js';
import { defineRoute } from '../route-spec.js';

const recordSchema = z.object({
  recordKey: z.string().describe('JSON array of the key column values'),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  amount: decimalText.nullable(),
  currency: z.string().nullable(),
  label: z.string().nullable(),
  attributes: z.record(z.string(), z.string().nullable()),
  sourceFile: z.string(),
  sourceRow: z.number().int(),
  loadedAt: z.string(),
});

export const focusDatasetRoutes = [
  defineRoute({
    id: 'listFocusDatasetRecords',
    method: 'GET',
    path: '/api/v1/focus-datasets/:dataset',
    summary:
      'The records of a FOCUS dataset that is not cost lines (ContractCommitment, BillingPeriod, InvoiceDetail), loaded through ingest (as tollgate datasets --json)',
    tag: 'sources',
    permission: 'sources:read',
    params: z.object({ dataset: z.enum(FOCUS_DATASET_NAMES as [string, ...string[]]) }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(MAX_DATASET_RECORDS).default(100) }),
    response: z.array(recordSchema),
    handler: async ({ params, query, services }) =>
      listFocusDatasetRecords(services.stores, params.dataset, query.limit),
  }),
];
