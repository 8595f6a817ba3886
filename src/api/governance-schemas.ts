import { z } from 'zod';
import type { ApprovalRecord, ChangeRequest } from '../core/governance/change-request.js';
import type { GateDecision } from '../core/governance/decide-deployment.js';
import type { BreakGlass, Freeze } from '../core/governance/deployment-calendar.js';
import { CHANGE_TYPES, DEPLOYMENT_OUTCOMES } from '../core/governance/governance-types.js';
import type { IncidentRecord } from '../core/governance/incident-record.js';
import type { CostedDeployment } from '../core/governance/unit-costs.js';
import { decimalText } from './api-schemas.js';

/**
 * Response schemas of the governance routes, each tied to the core type it serialises: a
 * field added to or removed from the type that the schema does not follow fails tsc (here by
 * `satisfies`, and in the routes, where the handler returns the core type).
 */
const changeType = z.enum(CHANGE_TYPES);
const optionalText = z.string().optional();

export const gateDecisionSchema = z.object({
  decision: z.enum(['allow', 'deny']),
  reasons: z.array(
    z.object({
      check: z.enum([
        'change-model',
        'release',
        'change-request',
        'budget',
        'approvals',
        'sign-off',
        'window',
        'freeze',
        'post-implementation-review',
      ]),
      ok: z.boolean(),
      detail: z.string(),
    }),
  ),
  service: z.string(),
  environment: z.string(),
  changeType,
  version: z.string().nullable(),
  releaseId: z.string().nullable(),
  changeId: z.string().nullable(),
  at: z.string(),
  policyVersion: z.string(),
  budget: z.object({
    currency: z.string(),
    amount: decimalText.nullable(),
    spent: decimalText,
    estimate: decimalText,
    headroom: decimalText.nullable(),
  }),
  requiredApprovals: z.array(
    z.object({
      role: z.string(),
      quorum: z.number().int(),
      eligible: z.number().int(),
      approvedBy: z.array(z.string()),
      missing: z.number().int(),
    }),
  ),
}) satisfies z.ZodType<GateDecision>;

export const changeSchema = z.object({
  id: z.string(),
  service: z.string(),
  environment: z.string(),
  changeType,
  releaseId: optionalText,
  version: optionalText,
  requestedBy: z.string(),
  estimatedCost: decimalText,
  justification: z
    .object({ reason: z.string(), expediteCost: decimalText, costOfDelayPerWeek: decimalText })
    .optional(),
  status: z.enum(['open', 'rejected', 'closed']),
  createdAt: z.string(),
  readyAt: z.string(),
  closedAt: optionalText,
}) satisfies z.ZodType<ChangeRequest>;

export const approvalSchema = z.object({
  changeId: z.string(),
  approver: z.string(),
  role: z.string(),
  kind: z.enum(['approval', 'sign-off']),
  decision: z.enum(['approve', 'reject']),
  comment: optionalText,
  at: z.string(),
}) satisfies z.ZodType<ApprovalRecord>;

export const freezeSchema = z.object({
  id: z.string(),
  environment: z.string(),
  cron: optionalText,
  from: optionalText,
  until: optionalText,
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
}) satisfies z.ZodType<Freeze>;

export const breakGlassSchema = z.object({
  id: z.string(),
  environment: z.string(),
  service: optionalText,
  by: z.string(),
  reason: z.string(),
  from: z.string(),
  until: z.string(),
  createdAt: z.string(),
}) satisfies z.ZodType<BreakGlass>;

export const deploymentSchema = z.object({
  id: z.string(),
  deliveryKey: z.string(),
  source: z.enum(['cli', 'api', 'generic', 'github', 'gitlab', 'argocd']),
  service: z.string(),
  version: z.string(),
  commitSha: optionalText,
  committedAt: optionalText,
  environment: z.string(),
  pipelineRun: optionalText,
  startedAt: z.string(),
  finishedAt: z.string(),
  outcome: z.enum(DEPLOYMENT_OUTCOMES),
  changeType,
  releaseId: optionalText,
  changeRequestId: optionalText,
  triggeredBy: z.string(),
  pipelineMinutes: decimalText,
  cost: z.object({
    modelVersion: z.string(),
    currency: z.string(),
    pipeline: decimalText,
    environment: decimalText,
    documentation: decimalText,
    cabReview: decimalText,
    execution: decimalText,
    licences: decimalText,
    rollbackWork: decimalText,
    deployment: decimalText,
    total: decimalText,
  }),
}) satisfies z.ZodType<CostedDeployment>;

export const incidentSchema = z.object({
  id: z.string(),
  deliveryKey: z.string(),
  source: z.string(),
  service: z.string(),
  environment: z.string(),
  title: z.string(),
  severity: z.string(),
  startedAt: z.string(),
  resolvedAt: optionalText,
  deploymentId: optionalText,
}) satisfies z.ZodType<IncidentRecord>;
