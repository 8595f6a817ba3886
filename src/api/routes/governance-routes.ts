import { z } from 'zod';
import { decideChangeAsActor } from '../../app/governance/audited/change-writes.js';
import { recordDeploymentAudited } from '../../app/governance/audited/delivery-writes.js';
import { addFreezeAudited } from '../../app/governance/audited/freeze-writes.js';
import { listChanges, showChange } from '../../app/governance/changes/manage-changes.js';
import { computeGovernanceKpis } from '../../app/governance/deployments/compute-governance-kpis.js';
import { listDeploymentsBetween } from '../../app/governance/deployments/list-deployments.js';
import { decideGate } from '../../app/governance/gate/decide-gate.js';
import { listFreezes } from '../../app/governance/gate/manage-freezes.js';
import { listReleases, showRelease } from '../../app/governance/releases/manage-releases.js';
import { deliverQueuedNotice } from '../../app/notices/notify-governance.js';
import { decimalText, idParams } from '../api-schemas.js';
import { askedReleaseCurrency, releaseCurrencyQuery } from '../converted-answer-schemas.js';
import {
  approvalSchema,
  breakGlassSchema,
  changeSchema,
  deploymentSchema,
  freezeSchema,
  gateDecisionSchema,
  kpisSchema,
  releaseRowSchema,
  releaseSchema,
} from '../governance-schemas.js';
import { defineRoute } from '../route-spec.js';

export const gateRequest = z
  .object({
    service: z.string().min(1).max(200),
    environment: z.string().min(1).max(200),
    releaseId: z.string().max(200).optional(),
    version: z.string().max(200).optional(),
    changeType: z.enum(['standard', 'normal', 'emergency']).optional(),
    estimate: decimalText.optional(),
    changeId: z.string().max(200).optional(),
    at: z.string().max(40).optional().describe('decide as of this ISO-8601 time (default now)'),
  })
  .strict();

const deploymentInput = z
  .object({
    deliveryId: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('idempotency key: the same id is recorded once'),
    service: z.string().min(1).max(200),
    environment: z.string().min(1).max(200),
    version: z.string().min(1).max(200),
    commitSha: z.string().max(100).optional(),
    committedAt: z.string().max(40).optional(),
    pipelineRun: z.string().max(500).optional(),
    startedAt: z.string().max(40),
    finishedAt: z.string().max(40),
    outcome: z.enum(['succeeded', 'failed', 'rolled_back']),
    changeType: z.enum(['standard', 'normal', 'emergency']).default('normal'),
    releaseId: z.string().max(200).optional(),
    changeRequestId: z.string().max(200).optional(),
    pipelineMinutes: decimalText.default('0'),
  })
  .strict();

export const governanceRoutes = [
  defineRoute({
    id: 'gateDecision',
    method: 'POST',
    path: '/api/v1/gate',
    summary:
      'May this deployment go? The same decision as tollgate gate, with every reason (200 for allow and deny alike)',
    tag: 'governance',
    permission: 'gate:decide',
    body: gateRequest,
    response: gateDecisionSchema,
    errors: { 404: 'No catalogue or policy applied (CATALOG_MISSING, POLICY_MISSING)' },
    handler: async ({ body, actor, services }) => {
      const { decision, denialNotice } = await decideGate(
        services.cachedStores,
        services.gateRecords,
        body,
        actor,
      );
      services.metrics.gateDecisions.inc({ outcome: decision.decision });
      // A denial tells the service's owners (their channels), once per version and reasons.
      await deliverQueuedNotice(
        services.stores,
        { allowPrivate: services.config.webhookAllowPrivate },
        denialNotice,
      );
      return decision;
    },
  }),
  defineRoute({
    id: 'recordDeployment',
    method: 'POST',
    path: '/api/v1/deployments',
    summary:
      'Record a finished deployment (priced with the cost model and rate card); a repeated deliveryId is refused',
    tag: 'governance',
    permission: 'governance:write',
    body: deploymentInput,
    status: 201,
    response: deploymentSchema,
    errors: { 409: 'Already recorded (DEPLOYMENT_DUPLICATE)' },
    handler: async ({ body, principal, actor, services }) => {
      const { deliveryId, ...input } = body;
      const recorded = await recordDeploymentAudited(
        services.stores,
        { actor, principal: principal! },
        {
          ...input,
          source: 'api',
          triggeredBy: actor.name,
          deliveryKey: deliveryId === undefined ? undefined : `api:${deliveryId}`,
        },
      );
      return recorded.deployment;
    },
  }),
  defineRoute({
    id: 'listDeployments',
    method: 'GET',
    path: '/api/v1/deployments',
    summary:
      'Recorded deployments with their cost, by service, environment, release and when they finished (from inclusive, to exclusive)',
    tag: 'governance',
    permission: 'governance:read',
    query: z.object({
      service: z.string().max(200).optional(),
      environment: z.string().max(200).optional(),
      releaseId: z.string().max(200).optional(),
      from: z.string().max(40).optional().describe('ISO date or date-time: finished at or after'),
      to: z.string().max(40).optional().describe('ISO date or date-time: finished before'),
    }),
    response: z.array(deploymentSchema),
    errors: { 400: 'from or to is not an ISO date or date-time (DEPLOYMENTS_BAD_TIME)' },
    handler: async ({ query, services }) => listDeploymentsBetween(services.stores, query),
  }),
  defineRoute({
    id: 'listChanges',
    method: 'GET',
    path: '/api/v1/changes',
    summary: 'Change requests, filtered by service and status',
    tag: 'governance',
    permission: 'governance:read',
    query: z.object({
      service: z.string().max(200).optional(),
      status: z.enum(['open', 'rejected', 'closed']).optional(),
    }),
    response: z.array(changeSchema),
    handler: async ({ query, services }) => listChanges(services.stores, query),
  }),
  defineRoute({
    id: 'getChange',
    method: 'GET',
    path: '/api/v1/changes/:id',
    summary: 'A change request and its approvals',
    tag: 'governance',
    permission: 'governance:read',
    params: idParams,
    response: z.object({ change: changeSchema, approvals: z.array(approvalSchema) }),
    handler: async ({ params, services }) => showChange(services.stores, params.id),
  }),
  defineRoute({
    id: 'decideChange',
    method: 'POST',
    path: '/api/v1/changes/:id/decisions',
    summary:
      'Approve, reject or sign off a change as the token user (budget owners and approvers: only for their teams)',
    tag: 'governance',
    permission: 'approvals:decide',
    params: idParams,
    body: z
      .object({
        decision: z.enum(['approve', 'reject']),
        kind: z.enum(['approval', 'sign-off']).default('approval'),
        role: z
          .string()
          .min(1)
          .max(100)
          .describe('the policy role you approve as, e.g. service-owner, budget-owner, cab'),
        comment: z.string().max(2000).optional(),
      })
      .strict(),
    status: 201,
    response: approvalSchema,
    errors: {
      404: 'No such change (CHANGE_NOT_FOUND)',
      409: 'Not allowed now (approved twice, own change, closed...)',
    },
    handler: async ({ params, body, principal, actor, services }) =>
      decideChangeAsActor(
        services.stores,
        { actor, principal: principal! },
        { changeId: params.id, ...body },
      ),
  }),
  defineRoute({
    id: 'listFreezes',
    method: 'GET',
    path: '/api/v1/freezes',
    summary: 'Deployment freezes (recurring and one-off) and break-glass overrides',
    tag: 'governance',
    permission: 'governance:read',
    response: z.object({ freezes: z.array(freezeSchema), breakGlass: z.array(breakGlassSchema) }),
    handler: async ({ services }) => listFreezes(services.stores),
  }),
  defineRoute({
    id: 'addFreeze',
    method: 'POST',
    path: '/api/v1/freezes',
    summary:
      'Freeze deployments to an environment, recurring (cron) or from/until (audited); the gate denies from the next decision',
    tag: 'governance',
    permission: 'governance:write',
    body: z
      .object({
        environment: z.string().min(1).max(200).describe("an environment of the catalogue, or '*'"),
        cron: z
          .string()
          .min(1)
          .max(200)
          .optional()
          .describe('recurring: minute hour day month weekday, on the clock of timeZone'),
        timeZone: z
          .string()
          .min(1)
          .max(100)
          .optional()
          .describe(
            "recurring: IANA zone the cron is read in, such as Europe/Berlin (default: the policy's zone)",
          ),
        from: z.string().max(40).optional().describe('one-off: ISO-8601 start'),
        until: z.string().max(40).optional().describe('one-off: ISO-8601 end'),
        reason: z.string().min(1).max(1000),
      })
      .strict(),
    status: 201,
    response: freezeSchema,
    errors: { 404: 'Unknown environment (UNKNOWN_ENVIRONMENT)' },
    handler: async ({ body, principal, actor, services }) =>
      addFreezeAudited(services.stores, { actor, principal: principal! }, body),
  }),
  defineRoute({
    id: 'listReleases',
    method: 'GET',
    path: '/api/v1/releases',
    summary: 'Releases with budget, estimate and spend',
    tag: 'governance',
    permission: 'governance:read',
    query: releaseCurrencyQuery,
    response: z.array(releaseRowSchema),
    errors: {
      400: 'currency is not an ISO 4217 code (CURRENCY_UNKNOWN)',
      409: "A day of the bill has no rate into a release's own currency (RATE_MISSING)",
    },
    // From the gate cache's bill group: every release's actuals are measured from the bill.
    handler: async ({ query, services }) =>
      listReleases(services.cachedStores, askedReleaseCurrency(query.currency, services.config.rateBasis)),
  }),
  defineRoute({
    id: 'getRelease',
    method: 'GET',
    path: '/api/v1/releases/:id',
    summary: 'One release: estimate, actuals and variance',
    tag: 'governance',
    permission: 'governance:read',
    params: idParams,
    query: releaseCurrencyQuery,
    response: releaseSchema,
    errors: {
      400: 'currency is not an ISO 4217 code (CURRENCY_UNKNOWN)',
      409: 'A day to convert has no exchange rate (RATE_MISSING names the days and pairs)',
    },
    handler: async ({ params, query, services }) =>
      showRelease(
        services.cachedStores,
        params.id,
        undefined,
        askedReleaseCurrency(query.currency, services.config.rateBasis),
      ),
  }),
  defineRoute({
    id: 'getKpis',
    method: 'GET',
    path: '/api/v1/kpis',
    summary: 'DORA and ITIL KPIs with unit costs over [from, to) (default the last 90 days)',
    tag: 'governance',
    permission: 'governance:read',
    query: z.object({
      from: z.string().max(40).optional(),
      to: z.string().max(40).optional(),
      service: z.string().max(200).optional(),
    }),
    response: kpisSchema,
    // Catalogue, policy, deployments, releases and changes come from the server's read cache
    // (emptied by every write to them), so a dashboard's KPIs cost one database read (incidents).
    handler: async ({ query, services }) => computeGovernanceKpis(services.cachedStores, query),
  }),
];
