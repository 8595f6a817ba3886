import { z } from 'zod';
import type { postLicenceCosts } from '../app/contracts/post-licence-costs.js';
import type { ContractSummary } from '../app/contracts/report-contracts.js';
import type { LicenceSummary } from '../app/contracts/report-licences.js';
import { LICENCE_METRICS, type SlaBreach, type VendorContract } from '../core/contracts/contract-model.js';
import type { RenewalNotice } from '../core/contracts/renewal-notices.js';
import { decimalText } from './api-schemas.js';

/** Response schemas of the contract and licence routes, each tied to the type it serialises by `satisfies`. */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const versionInfo = { version: z.number().int(), changedAt: z.string(), changedBy: z.string() };

export const contractSchema = z.object({
  id: z.string(),
  vendor: z.string(),
  ownerTeam: z.string(),
  currency: z.string(),
  startsOn: date,
  endsOn: date,
  noticeDays: z.number().int(),
  autoRenews: z.boolean(),
  committedSpend: decimalText.nullable(),
  escalationPercent: decimalText,
  monthlyFee: decimalText.nullable(),
  slas: z.array(
    z.object({
      name: z.string(),
      target: decimalText,
      measurement: z.string(),
      credits: z.array(z.object({ below: decimalText, creditPercent: decimalText })),
    }),
  ),
}) satisfies z.ZodType<VendorContract>;

export const contractSummarySchema = z.object({
  id: z.string(),
  vendor: z.string(),
  ownerTeam: z.string(),
  currency: z.string(),
  startsOn: date,
  endsOn: date,
  noticeBy: date,
  autoRenews: z.boolean(),
  committedSpend: decimalText.nullable(),
  actualSpend: decimalText.nullable().describe('null: no bill line of the vendor in the term (not zero)'),
  commitmentRemaining: decimalText.nullable(),
  focusCommitment: decimalText
    .nullable()
    .describe('sum of loaded FOCUS ContractCommitment records; null: none'),
  slaCount: z.number().int(),
  breaches: z.number().int(),
  creditOwed: decimalText,
  creditReceived: decimalText,
  version: z.number().int(),
}) satisfies z.ZodType<ContractSummary>;

export const slaBreachSchema = z.object({
  id: z.string(),
  contractId: z.string(),
  sla: z.string(),
  month: z.string(),
  measured: decimalText,
  incidentId: z.string().nullable(),
  creditOwed: decimalText,
  creditReceived: decimalText.nullable(),
  receivedOn: date.nullable(),
}) satisfies z.ZodType<SlaBreach>;

export const slaBreachVersionSchema = z.object({ id: z.string(), record: slaBreachSchema, ...versionInfo });

export const contractDetailSchema = z.object({
  contract: contractSchema,
  noticeBy: date,
  version: z.number().int(),
  breaches: z.array(slaBreachSchema.extend({ version: z.number().int() })),
  history: z.array(z.object(versionInfo)),
});

export const renewalNoticeSchema = z.object({
  contractId: z.string(),
  vendor: z.string(),
  ownerTeam: z.string(),
  endsOn: date,
  renewsOn: date,
  autoRenews: z.boolean(),
  noticeBy: date,
  daysToNotice: z.number().int(),
  status: z.enum(['notice-due', 'notice-passed']),
}) satisfies z.ZodType<RenewalNotice>;

export const renewalsSchema = z.object({
  asOf: date,
  within: z.number().int(),
  notices: z.array(renewalNoticeSchema),
});

export const renewalAlertsSchema = z.object({
  asOf: date,
  notices: z.array(renewalNoticeSchema),
  opened: z.array(
    z.object({ id: z.number().int(), key: z.string(), severity: z.string(), title: z.string() }),
  ),
  stillOpen: z.array(z.number().int()),
  resolved: z.array(z.number().int()),
  deliveries: z.array(
    z.object({
      alertId: z.number().int(),
      webhookId: z.number().int(),
      delivered: z.boolean(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
    }),
  ),
});

export const licenceSummarySchema = z.object({
  licenceId: z.string(),
  product: z.string(),
  metric: z.enum(LICENCE_METRICS),
  entitled: z.number().int(),
  used: z.number().int().nullable().describe('null: no usage loaded for the licence (not zero)'),
  shortfall: z.number().int().nullable(),
  shortfallCost: decimalText.nullable(),
  shelfware: z.number().int().nullable(),
  shelfwareCost: decimalText.nullable(),
  currency: z.string(),
  status: z.enum(['compliant', 'shortfall', 'shelfware', 'no-usage']),
  contractId: z.string(),
  ownerTeam: z.string(),
  startsOn: date,
  endsOn: date,
  price: decimalText,
  version: z.number().int(),
  usageAsOf: date.nullable().describe('the day of the usage snapshot the figures come from; null: no usage'),
}) satisfies z.ZodType<LicenceSummary>;

export const postedLicenceCostSchema = z.object({
  through: z.string(),
  licences: z.number().int(),
  lines: z.number().int(),
  status: z.enum(['loaded', 'already-loaded', 'validated']),
  loadId: z.number().int().nullable(),
  billingPeriods: z.array(z.string()),
  totals: z.array(z.object({ currency: z.string(), amount: decimalText })),
}) satisfies z.ZodType<Awaited<ReturnType<typeof postLicenceCosts>>>;
