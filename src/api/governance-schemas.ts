import { z } from 'zod';
import type { applyPolicy, applyRateCard } from '../app/governance/apply-governance-config.js';
import type {
  computeGovernanceKpis,
  computeServiceProcessCost,
} from '../app/governance/deployments/compute-governance-kpis.js';
import type { requirePolicy, requireRateCard } from '../app/governance/governance-context.js';
import type {
  closeRelease,
  createRelease,
  estimateWithCorrection,
  listReleases,
  showRelease,
} from '../app/governance/releases/manage-releases.js';
import type { ApprovalRecord, ChangeRequest } from '../core/governance/changes/change-request.js';
import type { IncidentRecord } from '../core/governance/deployments/incident-record.js';
import type { CostedDeployment } from '../core/governance/deployments/unit-costs.js';
import type { GateDecision } from '../core/governance/gate/decide-deployment.js';
import type { BreakGlass, Freeze } from '../core/governance/gate/deployment-calendar.js';
import { CHANGE_TYPES, DEPLOYMENT_OUTCOMES } from '../core/governance/governance-types.js';
import { corePart, decimalText } from './api-schemas.js';

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
  detectedAt: optionalText,
  affectedServices: z.array(z.string()).optional(),
  responders: z.array(z.object({ role: z.string(), hours: z.string() })).optional(),
  slaCredits: optionalText,
}) satisfies z.ZodType<IncidentRecord>;

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

type Created = Result<typeof createRelease>;
export const createdReleaseSchema = z.object({
  release: corePart<Created['release']>(),
  estimate: corePart<Created['estimate']>(),
}) satisfies z.ZodType<Created>;

type Estimate = Result<typeof estimateWithCorrection>;
export const releaseEstimateSchema = z.object({
  release: z.string(),
  currency: z.string(),
  estimate: corePart<Estimate['estimate']>(),
  correctionFactors: z.array(corePart<Estimate['correctionFactors'][number]>()),
  correctionFactor: z.string(),
  correctionBasis: z.string(),
  correctedTotal: decimalText,
}) satisfies z.ZodType<Estimate>;

type Actuals = Result<typeof closeRelease>['actuals'];
const actualsSchema = z.object({
  labour: decimalText,
  deployments: decimalText,
  cloud: decimalText,
  deploymentCount: z.number().int(),
  failedDeployments: z.number().int(),
}) satisfies z.ZodType<Actuals>;

type Closing = Result<typeof closeRelease>;
export const releaseClosingSchema = z.object({
  closedAt: z.string(),
  estimate: decimalText,
  actuals: actualsSchema,
  variance: corePart<Closing['variance']>(),
}) satisfies z.ZodType<Closing>;

type ReleaseRow = Result<typeof listReleases>[number];
export const releaseRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: corePart<ReleaseRow['status']>(),
  services: z.array(z.string()),
  plannedDate: z.string(),
  currency: z.string(),
  budget: decimalText.nullable(),
  estimate: decimalText,
  actual: decimalText,
  variance: z.string(),
}) satisfies z.ZodType<ReleaseRow>;

type Shown = Result<typeof showRelease>;
export const releaseSchema = z.object({
  release: corePart<Shown['release']>(),
  estimate: corePart<Shown['estimate']>(),
  actuals: actualsSchema,
  variance: corePart<Shown['variance']>(),
  timeEntries: z.array(corePart<Shown['timeEntries'][number]>()),
  closing: z.unknown().optional(),
  notes: z.array(z.string()),
}) satisfies z.ZodType<Shown>;

type Policy = Result<typeof requirePolicy>;
export const policyVersionSchema = z.object({
  version: z.number().int(),
  appliedAt: z.string(),
  appliedBy: z.string(),
  sourcePath: z.string(),
  policy: corePart<Policy['policy']>(),
}) satisfies z.ZodType<Policy>;

export const appliedPolicySchema = policyVersionSchema.pick({
  version: true,
  policy: true,
}) satisfies z.ZodType<Result<typeof applyPolicy>>;

type Card = Result<typeof requireRateCard>;
export const rateCardVersionSchema = z.object({
  version: z.number().int(),
  appliedAt: z.string(),
  appliedBy: z.string(),
  sourcePath: z.string(),
  card: corePart<Card['card']>(),
}) satisfies z.ZodType<Card>;

export const appliedRateCardSchema = z.object({
  version: z.number().int(),
  entries: z.number().int(),
  card: corePart<Card['card']>(),
}) satisfies z.ZodType<Result<typeof applyRateCard>>;

type Kpis = Result<typeof computeGovernanceKpis>;
export const kpisSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  service: z.string().nullable(),
  dora: corePart<Kpis['dora']>(),
  itil: corePart<Kpis['itil']>(),
  unitCosts: corePart<Kpis['unitCosts']>(),
}) satisfies z.ZodType<Kpis>;

type ProcessCost = Result<typeof computeServiceProcessCost>;
export const processCostSchema = z.object({
  service: z.string(),
  changes: z.number().int(),
  months: z.number(),
  setupCost: decimalText,
  assumptions: z.array(z.string()),
  current: corePart<ProcessCost['current']>(),
  whatIf: corePart<ProcessCost['whatIf']>(),
  savingPerMonth: z.string(),
  lines: z.array(corePart<ProcessCost['lines'][number]>()),
  currency: z.string(),
}) satisfies z.ZodType<ProcessCost>;
