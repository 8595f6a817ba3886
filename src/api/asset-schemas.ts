import { z } from 'zod';
import type { CapexOpexRow } from '../app/assets/capex-opex-rollup.js';
import type { RegisterChange } from '../app/assets/manage-asset-register.js';
import type { postDepreciation } from '../app/assets/post-depreciation.js';
import type { reconcileAssets } from '../app/assets/reconcile-assets.js';
import type { AssetSummary } from '../app/assets/report-assets.js';
import {
  ASSET_STATUSES,
  type Asset,
  DEPRECIATION_METHODS,
  MONTH_CONVENTIONS,
} from '../core/assets/asset-model.js';
import type { DepreciationMonth } from '../core/assets/depreciation-schedule.js';
import { decimalText } from './api-schemas.js';

/** Response schemas of the asset routes, each tied to the type it serialises by `satisfies`. */
const nullableText = z.string().nullable();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const assetSchema = z.object({
  id: z.string(),
  assetClass: z.string(),
  ownerTeam: z.string(),
  ownerService: nullableText,
  location: nullableText,
  currency: z.string(),
  acquiredOn: date,
  acquisitionCost: decimalText,
  inServiceOn: date.nullable(),
  usefulLifeMonths: z.number().int(),
  salvageValue: decimalText,
  method: z.enum(DEPRECIATION_METHODS),
  convention: z.enum(MONTH_CONVENTIONS),
  status: z.enum(ASSET_STATUSES),
  retiredOn: date.nullable(),
  disposedOn: date.nullable(),
  impairments: z.array(z.object({ on: date, amount: decimalText })),
  hostname: nullableText,
  serial: nullableText,
  resourceId: nullableText,
}) satisfies z.ZodType<Asset>;

export const assetSummarySchema = z.object({
  id: z.string(),
  assetClass: z.string(),
  ownerTeam: z.string(),
  ownerService: nullableText,
  location: nullableText,
  status: z.enum(ASSET_STATUSES),
  currency: z.string(),
  acquisitionCost: decimalText,
  bookValue: decimalText,
  chargedInMonth: decimalText,
  version: z.number().int(),
}) satisfies z.ZodType<AssetSummary>;

export const assetListSchema = z.object({ asOf: z.string(), assets: z.array(assetSummarySchema) });

const depreciationMonthSchema = z.object({
  month: z.string(),
  depreciation: decimalText,
  impairment: decimalText,
  writeOff: decimalText,
  bookValue: decimalText,
}) satisfies z.ZodType<DepreciationMonth>;

const versionFields = {
  asset: assetSchema,
  version: z.number().int(),
  changedAt: z.string(),
  changedBy: z.string(),
};

export const assetVersionSchema = z.object(versionFields);

export const assetDetailSchema = z.object({
  ...versionFields,
  schedule: z.array(depreciationMonthSchema),
  history: z.array(
    z.object({
      version: z.number().int(),
      changedAt: z.string(),
      changedBy: z.string(),
      status: z.enum(ASSET_STATUSES),
    }),
  ),
});

export const assetUpdateSchema = z.object({ ...versionFields, changed: z.boolean() });

export const registerChangeSchema = z.object({
  created: z.array(z.string()),
  updated: z.array(z.string()),
  unchanged: z.array(z.string()),
}) satisfies z.ZodType<RegisterChange>;

export const postedDepreciationSchema = z.object({
  through: z.string(),
  assets: z.number().int(),
  lines: z.number().int(),
  status: z.enum(['loaded', 'already-loaded', 'validated']),
  loadId: z.number().int().nullable(),
  billingPeriods: z.array(z.string()),
  totals: z.array(z.object({ currency: z.string(), amount: decimalText })),
}) satisfies z.ZodType<Awaited<ReturnType<typeof postDepreciation>>>;

export const capexOpexSchema = z.array(
  z.object({
    month: z.string(),
    owner: z.string().nullable(),
    currency: z.string(),
    capex: decimalText,
    opex: decimalText,
  }) satisfies z.ZodType<CapexOpexRow>,
);

const seenResourceSchema = z.object({
  source: z.enum(['billing', 'discovery']),
  resourceId: nullableText,
  hostname: nullableText,
  serial: nullableText,
});

export const reconciliationSchema = z.object({
  matched: z.array(
    z.object({
      assetId: z.string(),
      sources: z.array(z.enum(['billing', 'discovery'])),
      by: z.array(z.enum(['resource-id', 'hostname', 'serial'])),
    }),
  ),
  notSeen: z.array(z.string()),
  notInRegister: z.array(seenResourceSchema),
  counts: z.object({
    assets: z.number().int(),
    matched: z.number().int(),
    notSeen: z.number().int(),
    notInRegister: z.number().int(),
  }),
}) satisfies z.ZodType<Awaited<ReturnType<typeof reconcileAssets>>>;
