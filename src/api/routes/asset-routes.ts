import { z } from 'zod';
import { rollUpCapexOpex } from '../../app/assets/capex-opex-rollup.js';
import { createAsset, loadAssetRegister, updateAsset } from '../../app/assets/manage-asset-register.js';
import { postDepreciation } from '../../app/assets/post-depreciation.js';
import { reconcileAssets } from '../../app/assets/reconcile-assets.js';
import { listAssetSummaries, showAsset } from '../../app/assets/report-assets.js';
import { auditRecorder } from '../../app/audit/record-audit.js';
import { ASSET_STATUSES } from '../../core/assets/asset-model.js';
import {
  assetDetailSchema,
  assetListSchema,
  assetUpdateSchema,
  assetVersionSchema,
  capexOpexSchema,
  postedDepreciationSchema,
  reconciliationSchema,
  registerChangeSchema,
} from '../asset-schemas.js';
import { defineRoute } from '../route-spec.js';

/** An asset as the register file writes it; checked field by field by the use case, like a file's row. */
const assetRecord = z
  .record(z.string(), z.unknown())
  .describe('asset fields as in examples/assets/asset-register.schema.json');
const assetId = z.object({ id: z.string().min(1).max(100) });

export const assetRoutes = [
  defineRoute({
    id: 'listAssets',
    method: 'GET',
    path: '/api/v1/assets',
    summary: 'Every asset in the register as it is now, with its book value at the end of a month',
    tag: 'assets',
    permission: 'costs:read',
    query: z.object({
      asOf: z.string().max(7).optional().describe('YYYY-MM, default this month'),
      team: z.string().max(200).optional(),
      status: z.enum(ASSET_STATUSES).optional(),
    }),
    response: assetListSchema,
    errors: { 400: 'asOf is not a month (ASSET_BAD_MONTH)' },
    handler: async ({ query, services }) => {
      const asOf = query.asOf ?? new Date().toISOString().slice(0, 7);
      return { asOf, assets: await listAssetSummaries(services.stores, { ...query, asOf }) };
    },
  }),
  defineRoute({
    id: 'getAsset',
    method: 'GET',
    path: '/api/v1/assets/:id',
    summary: 'One asset: its fields, its monthly depreciation schedule and its versions',
    tag: 'assets',
    permission: 'costs:read',
    params: assetId,
    response: assetDetailSchema,
    errors: { 404: 'No such asset (ASSET_NOT_FOUND)' },
    handler: async ({ params, services }) => showAsset(services.stores, params.id),
  }),
  defineRoute({
    id: 'createAsset',
    method: 'POST',
    path: '/api/v1/assets',
    summary: 'Add one asset to the register (audited); an id already there is refused',
    tag: 'assets',
    permission: 'sources:write',
    body: assetRecord,
    response: assetVersionSchema,
    status: 201,
    errors: {
      409: 'The id is already in the register (ASSET_EXISTS), or no catalogue is applied (CATALOG_MISSING)',
      422: 'The asset is not valid (ASSET_INVALID, every problem listed); nothing was saved',
    },
    handler: async ({ body, principal, actor, services }) =>
      createAsset(services.stores, body, principal!.name, auditRecorder(services.stores, actor)),
  }),
  defineRoute({
    id: 'updateAsset',
    method: 'PATCH',
    path: '/api/v1/assets/:id',
    summary:
      'Change some fields of an asset (null clears one); saved as its next version and audited unless nothing changed',
    tag: 'assets',
    permission: 'sources:write',
    params: assetId,
    body: assetRecord,
    response: assetUpdateSchema,
    errors: {
      404: 'No such asset (ASSET_NOT_FOUND)',
      422: 'The changed asset is not valid (ASSET_INVALID); nothing was saved',
    },
    handler: async ({ params, body, principal, actor, services }) =>
      updateAsset(services.stores, params.id, body, principal!.name, auditRecorder(services.stores, actor)),
  }),
  defineRoute({
    id: 'loadAssets',
    method: 'POST',
    path: '/api/v1/assets/load',
    summary:
      'Load many assets like tollgate assets load: new ids added, changed ones versioned, each change audited; one bad asset refuses all',
    tag: 'assets',
    permission: 'sources:write',
    body: z.object({ assets: z.array(assetRecord).max(100_000) }).strict(),
    response: registerChangeSchema,
    errors: {
      422: 'An asset is not valid (ASSET_INVALID, every problem listed by position); nothing was saved',
    },
    handler: async ({ body, principal, actor, services }) =>
      loadAssetRegister(
        services.stores,
        body.assets,
        { what: 'The assets sent', firstLine: null },
        principal!.name,
        auditRecorder(services.stores, actor),
      ),
  }),
  defineRoute({
    id: 'postDepreciation',
    method: 'POST',
    path: '/api/v1/assets/depreciation',
    summary:
      "Post the register's depreciation up to a month as cost lines, like tollgate assets post (an audited load)",
    tag: 'assets',
    permission: 'sources:write',
    body: z.object({ through: z.string().max(7).describe('last month to post, YYYY-MM') }).strict(),
    response: postedDepreciationSchema,
    errors: {
      400: 'through is not a month (ASSET_BAD_MONTH)',
      409: 'Nothing depreciates up to that month (ASSETS_NOTHING_TO_POST)',
    },
    handler: async ({ body, actor, services }) =>
      postDepreciation(services.stores, {
        through: body.through,
        recordChange: auditRecorder(services.stores, actor),
      }),
  }),
  defineRoute({
    id: 'getCapexOpex',
    method: 'GET',
    path: '/api/v1/assets/capex-opex',
    summary: 'CAPEX (posted depreciation) and OPEX (every other cost line) per owner and month',
    tag: 'assets',
    permission: 'costs:read',
    query: z.object({
      by: z
        .string()
        .max(200)
        .default('tag:team')
        .describe('tag:team, tag:service, or team / catalog-service after allocation'),
      from: z.string().max(10).optional(),
      to: z.string().max(10).optional(),
    }),
    response: capexOpexSchema,
    errors: { 400: 'by is not an owner, or from/to not dates (ASSET_BAD_OWNER, QUERY_BAD_DATE)' },
    handler: async ({ query, services }) => rollUpCapexOpex(services.stores, query),
  }),
  defineRoute({
    id: 'reconcileAssets',
    method: 'POST',
    path: '/api/v1/assets/reconciliation',
    summary:
      'The register against billing lines and discovery rows sent (hostname, serial, resourceId): matched, not seen, not in the register; changes nothing',
    tag: 'assets',
    permission: 'costs:detail',
    body: z
      .object({
        discovery: z
          .array(z.record(z.string(), z.unknown()))
          .max(100_000)
          .optional()
          .describe('discovery rows: hostname, serial, resourceId'),
        provider: z.string().max(200).optional(),
        from: z.string().max(10).optional(),
        to: z.string().max(10).optional(),
      })
      .strict(),
    response: reconciliationSchema,
    errors: {
      422: 'A discovery row is not one (DISCOVERY_INVALID)',
      400: 'from/to not dates (QUERY_BAD_DATE)',
    },
    handler: async ({ body, services }) =>
      reconcileAssets(services.stores, {
        ...(body.discovery ? { discovery: { what: 'discovery row', rows: body.discovery } } : {}),
        provider: body.provider,
        from: body.from,
        to: body.to,
      }),
  }),
];
