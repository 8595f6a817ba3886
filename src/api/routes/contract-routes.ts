import { z } from 'zod';
import { openNotifier } from '../../app/alerting/open-notifier.js';
import { auditRecorder } from '../../app/audit/record-audit.js';
import { todayUtc } from '../../app/budget/budget-status-report.js';
import { loadVendorContracts } from '../../app/contracts/manage-vendor-contracts.js';
import { recordCreditReceived, recordSlaBreach } from '../../app/contracts/record-sla-breach.js';
import { listRenewals, raiseRenewalAlerts } from '../../app/contracts/renewal-alerts.js';
import { listContractSummaries, showContract } from '../../app/contracts/report-contracts.js';
import { registerChangeSchema } from '../asset-schemas.js';
import {
  contractDetailSchema,
  contractSummarySchema,
  renewalAlertsSchema,
  renewalsSchema,
  slaBreachVersionSchema,
} from '../contract-schemas.js';
import { defineRoute } from '../route-spec.js';

/** A record as the contracts file writes it; checked field by field by the use case, like a file's row. */
const contractRecord = z
  .record(z.string(), z.unknown())
  .describe('contract fields as in examples/contracts/vendor-contracts.schema.json');
const window = z.object({
  asOf: z.string().max(10).optional().describe('YYYY-MM-DD, default today (UTC)'),
  within: z
    .string()
    .max(5)
    .optional()
    .describe(
      'days ahead to look, 0 to 3660 (default the server setting TOLLGATE_RENEWAL_WINDOW_DAYS, else 90)',
    ),
});

export const contractRoutes = [
  defineRoute({
    id: 'listContracts',
    method: 'GET',
    path: '/api/v1/contracts',
    summary:
      'Every vendor contract: notice deadline, committed against actual spend from the bills, SLA credits owed and received',
    tag: 'contracts',
    permission: 'costs:read',
    response: z.array(contractSummarySchema),
    handler: async ({ services }) => listContractSummaries(services.stores),
  }),
  defineRoute({
    id: 'getContractRenewals',
    method: 'GET',
    path: '/api/v1/contracts/renewals',
    summary: 'Contracts whose notice deadline falls within the window (or passed while they still run)',
    tag: 'contracts',
    permission: 'costs:read',
    query: window,
    response: renewalsSchema,
    errors: { 400: 'asOf is not a day or within not a number of days (RENEWAL_BAD_WINDOW)' },
    handler: async ({ query, services }) => {
      const asOf = query.asOf ?? todayUtc();
      const within = query.within ?? services.config.renewalWindowDays;
      const notices = await listRenewals(services.stores, asOf, within);
      return { asOf, within: Number(within), notices };
    },
  }),
  defineRoute({
    id: 'getContract',
    method: 'GET',
    path: '/api/v1/contracts/:id',
    summary: 'One contract: its terms, service levels, breaches with their credits, and its versions',
    tag: 'contracts',
    permission: 'costs:read',
    params: z.object({ id: z.string().min(1).max(100) }),
    response: contractDetailSchema,
    errors: { 404: 'No such contract (CONTRACT_NOT_FOUND)' },
    handler: async ({ params, services }) => showContract(services.stores, params.id),
  }),
  defineRoute({
    id: 'loadContracts',
    method: 'POST',
    path: '/api/v1/contracts/load',
    summary:
      'Load vendor contracts like tollgate contracts load: new ids added, changed ones versioned, each change audited; one bad contract refuses all',
    tag: 'contracts',
    permission: 'sources:write',
    body: z.object({ contracts: z.array(contractRecord).max(10_000) }).strict(),
    response: registerChangeSchema,
    errors: {
      409: 'No catalogue is applied (CATALOG_MISSING)',
      422: 'A contract is not valid (CONTRACT_INVALID, every problem listed by position); nothing was saved',
    },
    handler: async ({ body, principal, actor, services }) =>
      loadVendorContracts(
        services.stores,
        body.contracts,
        { what: 'The contracts sent', firstLine: null },
        principal!.name,
        auditRecorder(services.stores, actor),
      ),
  }),
  defineRoute({
    id: 'recordSlaBreach',
    method: 'POST',
    path: '/api/v1/contracts/breaches',
    summary:
      "Record a missed service level for a month (audited); the credit owed is computed from the contract's schedule",
    tag: 'contracts',
    permission: 'sources:write',
    body: z
      .object({
        contractId: z.string().max(100),
        sla: z.string().max(200),
        month: z.string().max(7).describe('YYYY-MM'),
        measured: z.string().max(40).describe('level reached, in percent'),
        incidentId: z.string().max(100).optional(),
      })
      .strict(),
    response: slaBreachVersionSchema,
    status: 201,
    errors: {
      404: 'No such contract or incident (CONTRACT_NOT_FOUND, INCIDENT_NOT_FOUND)',
      409: 'The breach of that SLA and month is already recorded (SLA_BREACH_EXISTS)',
      422: 'Not a breach, or not valid (SLA_BREACH_INVALID, SLA_MET, SLA_UNKNOWN, SLA_OUTSIDE_TERM); nothing was saved',
    },
    handler: async ({ body, principal, actor, services }) =>
      recordSlaBreach(services.stores, body, principal!.name, auditRecorder(services.stores, actor)),
  }),
  defineRoute({
    id: 'recordSlaCredit',
    method: 'POST',
    path: '/api/v1/contracts/breach-credits',
    summary: "Record the credit a vendor paid for a breach, as the breach's next version (audited)",
    tag: 'contracts',
    permission: 'sources:write',
    body: z
      .object({
        breachId: z.string().max(400),
        amount: z.string().max(40),
        receivedOn: z.string().max(10).describe('YYYY-MM-DD'),
      })
      .strict(),
    response: slaBreachVersionSchema,
    errors: {
      404: 'No such breach (SLA_BREACH_NOT_FOUND)',
      422: 'The credit is not valid or more than owed (SLA_CREDIT_INVALID); nothing was saved',
    },
    handler: async ({ body, principal, actor, services }) =>
      recordCreditReceived(
        services.stores,
        body.breachId,
        { amount: body.amount, receivedOn: body.receivedOn },
        principal!.name,
        auditRecorder(services.stores, actor),
      ),
  }),
  defineRoute({
    id: 'raiseRenewalAlerts',
    method: 'POST',
    path: '/api/v1/contracts/renewal-alerts',
    summary:
      'Raise an alert for each notice deadline within the window and notify the alert webhooks; alerts no longer due resolve',
    tag: 'contracts',
    permission: 'sources:write',
    body: window.strict(),
    response: renewalAlertsSchema,
    errors: { 400: 'asOf is not a day or within not a number of days (RENEWAL_BAD_WINDOW)' },
    handler: async ({ body, actor, services }) =>
      raiseRenewalAlerts(
        services.stores,
        openNotifier({ allowPrivate: services.config.webhookAllowPrivate }),
        body.asOf ?? todayUtc(),
        body.within ?? services.config.renewalWindowDays,
        actor,
      ),
  }),
];
