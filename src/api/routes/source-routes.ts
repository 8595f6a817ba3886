import { z } from 'zod';
import { auditRecorder } from '../../app/audit/record-audit.js';
import { listSources, removeSource } from '../../app/costs/manage-sources.js';
import { maskSecrets } from '../../core/access/mask-secrets.js';
import { canSeeDetail } from '../../core/access/roles.js';
import { decimalText, idParams, queryFlag } from '../api-schemas.js';
import { defineRoute } from '../route-spec.js';

const loadSchema = z.object({
  id: z.number().int(),
  sourceFormat: z.string(),
  focusVersion: z.string().nullable(),
  inputPath: z.string(),
  contentHash: z.string(),
  fileCount: z.number().int(),
  rowCount: z.number().int(),
  rejectedCount: z.number().int(),
  warnings: z.record(z.string(), z.number()),
  status: z.enum(['active', 'replaced', 'removed']),
  loadedAt: z.string(),
  files: z.array(z.object({ path: z.string(), sha256: z.string(), bytes: z.number(), rowCount: z.number() })),
  periods: z.array(
    z.object({
      providerName: z.string(),
      billingAccountId: z.string().nullable(),
      billingPeriodStart: z.string(),
      billingCurrency: z.string(),
      rowCount: z.number().int(),
      billedCost: decimalText,
      effectiveCost: decimalText,
      replacedByLoadId: z.number().int().nullable(),
    }),
  ),
});

export const sourceRoutes = [
  defineRoute({
    id: 'listSources',
    method: 'GET',
    path: '/api/v1/sources',
    summary: 'What has been loaded (as tollgate sources --json); account numbers masked without costs:detail',
    tag: 'sources',
    permission: 'sources:read',
    query: z.object({ all: queryFlag.describe('include replaced and removed loads') }),
    response: z.array(loadSchema),
    handler: async ({ query, principal, services }) => {
      const loads = await listSources(services.stores, query.all);
      if (principal && canSeeDetail(principal.role, principal.scopes, [])) return loads;
      // The account numbers are masked in every field, paths included (exports are often filed by account).
      const accounts = loads.flatMap((load) => load.periods.map((period) => period.billingAccountId));
      return maskSecrets(loads, accounts);
    },
  }),
  defineRoute({
    id: 'removeSource',
    method: 'DELETE',
    path: '/api/v1/sources/:id',
    summary: 'Remove one load: its cost lines are deleted, its record kept as removed (audited)',
    tag: 'sources',
    permission: 'sources:write',
    params: idParams,
    response: z.object({ loadId: z.number().int(), linesDeleted: z.number().int() }),
    errors: { 404: 'No such load (SOURCE_NOT_FOUND)' },
    handler: async ({ params, actor, services }) =>
      removeSource(services.stores, params.id, auditRecorder(services.stores, actor)),
  }),
];
