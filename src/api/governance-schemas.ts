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
import { DORA_DEFINITIONS } from '../core/governance/deployments/dora-metrics.js';
import type { IncidentRecord } from '../core/governance/deployments/incident-record.js';
import { ITIL_DEFINITIONS } from '../core/governance/deployments/itil-metrics.js';
import type { CostedDeployment } from '../core/governance/deployments/unit-costs.js';
import type { GateDecision } from '../core/governance/gate/decide-deployment.js';
import type { BreakGlass, Freeze } from '../core/governance/gate/deployment-calendar.js';
import type { ChangeModel } from '../core/governance/governance-policy.js';
import { APPROVER_ROLES, CHANGE_TYPES, DEPLOYMENT_OUTCOMES } from '../core/governance/governance-types.js';
import { decimalText, fixedTexts } from './api-schemas.js';
import { releaseConversionSchema } from './converted-answer-schemas.js';

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
        'risk',
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
    spentAsOf: z.string().nullable(),
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
  timeZone: optionalText.describe('IANA zone a recurring freeze is read in'),
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

const releaseRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  services: z.array(z.string()),
  status: z.enum(['open', 'closed']),
  currency: z.string(),
  budget: z.string().optional(),
  plannedDate: z.string(),
  costOfDelayPerWeek: z.string(),
  spendClass: z.enum(['capex', 'opex']),
  spendReason: z.string(),
  estimate: z.object({
    labour: z.array(
      z.object({
        role: z.string(),
        hours: z.string(),
      }),
    ),
    licences: z.array(
      z.object({
        name: z.string(),
        amount: z.string(),
      }),
    ),
    environments: z.array(
      z.object({
        stage: z.string(),
        environmentClass: z.string(),
        hours: z.string(),
      }),
    ),
    environmentRates: z.record(z.string(), z.string()),
    contingency: z
      .union([
        z.object({
          percent: z.string(),
        }),
        z.object({
          amount: z.string(),
        }),
      ])
      .optional(),
  }),
  createdAt: z.string(),
  closedAt: z.string().optional(),
});

const releaseCostEstimateSchema = z.object({
  currency: z.string(),
  lines: z.array(
    z.object({
      kind: z.enum(['labour', 'licence', 'environment']),
      item: z.string(),
      quantity: z.string(),
      rate: z.string(),
      amount: z.string(),
    }),
  ),
  labour: z.string(),
  licences: z.string(),
  environments: z.string(),
  subtotal: z.string(),
  contingency: z.string(),
  total: z.string(),
});

type Created = Result<typeof createRelease>;
export const createdReleaseSchema = z.object({
  release: releaseRecordSchema,
  estimate: releaseCostEstimateSchema,
}) satisfies z.ZodType<Created>;

type Estimate = Result<typeof estimateWithCorrection>;
export const releaseEstimateSchema = z.object({
  release: z.string(),
  currency: z.string(),
  estimate: releaseCostEstimateSchema,
  correctionFactors: z.array(
    z.object({
      service: z.string(),
      releases: z.number(),
      ignoredReleases: z.array(z.object({ releaseId: z.string(), reason: z.string() })),
      measured: z.string().nullable(),
      factor: z.string(),
      applied: z.boolean(),
      basis: z.string(),
      failureRate: z.number(),
    }),
  ),
  correctionFactor: z.string(),
  correctionBasis: z.string(),
  correctedTotal: decimalText,
}) satisfies z.ZodType<Estimate>;

type Actuals = Result<typeof closeRelease>['actuals'];
const actualsSchema = z.object({
  labour: decimalText.nullable(),
  cloud: decimalText.nullable(),
  pipeline: decimalText.nullable(),
  deploymentProcess: decimalText.nullable(),
  known: decimalText,
  complete: z.boolean(),
  missing: z.array(z.enum(['cloud', 'labour', 'pipeline', 'deploymentProcess'])),
  cloudMethod: z.enum(['tags', 'window']),
  deploymentCount: z.number().int(),
  failedDeployments: z.number().int(),
}) satisfies z.ZodType<Actuals>;

type Closing = Result<typeof closeRelease>;
export const releaseClosingSchema = z.object({
  closedAt: z.string(),
  estimate: decimalText,
  actuals: actualsSchema,
  variance: z.object({
    estimate: z.string(),
    actual: z.string(),
    actualComplete: z.boolean(),
    variance: z.string().nullable(),
    variancePercent: z.string().nullable(),
    varianceUnknown: z.string().nullable(),
    budget: z.string().nullable(),
    budgetRemaining: z.string().nullable(),
  }),
}) satisfies z.ZodType<Closing>;

type ReleaseRow = Result<typeof listReleases>[number];
export const releaseRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['open', 'closed']),
  services: z.array(z.string()),
  plannedDate: z.string(),
  currency: z.string(),
  budget: decimalText.nullable(),
  estimate: decimalText,
  actual: decimalText,
  missing: z.array(z.enum(['cloud', 'labour', 'pipeline', 'deploymentProcess'])),
  variance: z.string().nullable(),
  varianceUnknown: z.string().nullable(),
  conversion: releaseConversionSchema,
  error: z
    .object({ code: z.string(), message: z.string() })
    .nullable()
    .describe('why the release is in its own currency instead of the one asked (RATE_MISSING), or null'),
}) satisfies z.ZodType<ReleaseRow>;

/** Labour booked to a release, priced at the rate card's rate for its role on its day. */
export const timeEntrySchema = z.object({
  releaseId: z.string(),
  person: z.string(),
  role: z.string(),
  hours: z.string(),
  date: z.string(),
  hourlyRate: z.string(),
  amount: z.string(),
  note: z.string().optional(),
});

type Shown = Result<typeof showRelease>;
export const releaseSchema = z.object({
  release: releaseRecordSchema,
  estimate: releaseCostEstimateSchema,
  actuals: actualsSchema,
  variance: z.object({
    estimate: z.string(),
    actual: z.string(),
    actualComplete: z.boolean(),
    variance: z.string().nullable(),
    variancePercent: z.string().nullable(),
    varianceUnknown: z.string().nullable(),
    budget: z.string().nullable(),
    budgetRemaining: z.string().nullable(),
  }),
  timeEntries: z.array(timeEntrySchema),
  closing: z.unknown().optional(),
  notes: z.array(z.string()),
  conversion: releaseConversionSchema,
}) satisfies z.ZodType<Shown>;

const approverRole = z.enum(APPROVER_ROLES);
const changeModelSchema = z.object({
  preApproved: z.boolean(),
  approvals: z.array(
    z.object({
      role: approverRole,
      quorum: z.number(),
    }),
  ),
  thresholds: z.array(
    z.object({
      when: z.object({
        estimatedCostAbove: z.string().optional(),
        overrunAmountAbove: z.string().optional(),
        overrunPercentAbove: z.string().optional(),
        spendClass: z.enum(['capex', 'opex']).optional(),
        criticality: z.array(z.enum(['low', 'medium', 'high', 'critical'])).optional(),
        production: z.boolean().optional(),
      }),
      require: z.array(
        z.object({
          role: approverRole,
          quorum: z.number(),
        }),
      ),
      postImplementationReview: z.boolean(),
      description: z.string().optional(),
    }),
  ),
  financialSignOff: z.enum(['never', 'production', 'always']),
  whenNoBudget: z.enum(['allow', 'deny']),
  outOfCycle: z.enum(['deny', 'with-justification']),
  effort: z.object({
    documentationHours: z.string(),
    cabReviewHours: z.string(),
    executionHours: z.string(),
  }),
  description: z.string().optional(),
  maxEstimatedCost: z.string().optional(),
}) satisfies z.ZodType<ChangeModel>;

type Policy = Result<typeof requirePolicy>;
export const policyVersionSchema = z.object({
  version: z.number().int(),
  appliedAt: z.string(),
  appliedBy: z.string(),
  sourcePath: z.string(),
  policy: z.object({
    version: z.string(),
    currency: z.string(),
    roles: z.array(
      z.object({
        person: z.string(),
        role: approverRole,
        services: z.array(z.string()).optional(),
      }),
    ),
    changeModels: z.object({
      standard: changeModelSchema,
      normal: changeModelSchema,
      emergency: changeModelSchema,
    }),
    windows: z.array(
      z.object({
        environment: z.string(),
        cron: z.string(),
        description: z.string().optional(),
        timeZone: z.string().optional().describe("the window's own IANA zone; the policy's when absent"),
      }),
    ),
    timeZone: z.string().describe('IANA zone windows are read in (UTC by default)'),
    costModel: z.object({
      version: z.string(),
      runnerRatePerMinute: z.string(),
      environmentHourlyRates: z.record(z.string(), z.string()),
      roles: z.object({
        documentation: z.string(),
        cabReview: z.string(),
        execution: z.string(),
        rollback: z.string(),
      }),
      rollbackHours: z.string(),
      licencePerDeployment: z.string(),
    }),
    attributionWindowHours: z.number(),
  }),
}) satisfies z.ZodType<Policy>;

export const appliedPolicySchema = policyVersionSchema.pick({
  version: true,
  policy: true,
}) satisfies z.ZodType<Result<typeof applyPolicy>>;

/** A rate card's entries: the hourly rate of each role over the days it applies. */
const rateCardSchema = z.object({
  entries: z.array(
    z.object({
      role: z.string(),
      hourlyRate: z.string(),
      currency: z.string(),
      effectiveFrom: z.string(),
      effectiveTo: z.string().optional(),
    }),
  ),
});

type Card = Result<typeof requireRateCard>;
export const rateCardVersionSchema = z.object({
  version: z.number().int(),
  appliedAt: z.string(),
  appliedBy: z.string(),
  sourcePath: z.string(),
  card: rateCardSchema,
}) satisfies z.ZodType<Card>;

export const appliedRateCardSchema = z.object({
  version: z.number().int(),
  entries: z.number().int(),
  card: rateCardSchema,
}) satisfies z.ZodType<Result<typeof applyRateCard>>;

type Kpis = Result<typeof computeGovernanceKpis>;
export const kpisSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  service: z.string().nullable(),
  dora: z.object({
    definitionsVersion: z.string(),
    definitions: fixedTexts(DORA_DEFINITIONS),
    from: z.string(),
    to: z.string(),
    attributionWindowHours: z.number(),
    deploymentFrequency: z.array(
      z.object({
        service: z.string(),
        environment: z.string(),
        deploymentDays: z.number(),
        weeks: z.number(),
        perWeek: z.number(),
      }),
    ),
    byService: z.array(
      z.object({
        deployments: z.number(),
        leadTime: z.object({
          count: z.number(),
          medianHours: z.number().nullable(),
          p90Hours: z.number().nullable(),
        }),
        changeFailureRate: z.object({
          failures: z.number(),
          rate: z.number().nullable(),
          failedDeploymentIds: z.array(z.string()),
        }),
        timeToRestore: z.object({
          failures: z.number(),
          restored: z.number(),
          medianHours: z.number().nullable(),
          p90Hours: z.number().nullable(),
        }),
        service: z.string(),
      }),
    ),
    deployments: z.number(),
    leadTime: z.object({
      count: z.number(),
      medianHours: z.number().nullable(),
      p90Hours: z.number().nullable(),
    }),
    changeFailureRate: z.object({
      failures: z.number(),
      rate: z.number().nullable(),
      failedDeploymentIds: z.array(z.string()),
    }),
    timeToRestore: z.object({
      failures: z.number(),
      restored: z.number(),
      medianHours: z.number().nullable(),
      p90Hours: z.number().nullable(),
    }),
  }),
  itil: z.object({
    definitions: fixedTexts(ITIL_DEFINITIONS),
    successRate: z.object({
      deployments: z.number(),
      succeeded: z.number(),
      rate: z.number().nullable(),
    }),
    scheduleAdherence: z.object({
      planned: z.number(),
      onTime: z.number(),
      rate: z.number().nullable(),
      late: z.array(z.string()),
    }),
    backlogThroughput: z.object({
      opened: z.number(),
      closed: z.number(),
      closedPerWeek: z.number(),
      openAtEnd: z.number(),
    }),
    leadTimeToDeploy: z.object({
      count: z.number(),
      medianHours: z.number().nullable(),
    }),
  }),
  unitCosts: z.object({
    currency: z.string(),
    deployments: z.number(),
    total: z.string(),
    perDeployment: z.string().nullable(),
    perEnvironmentHour: z.array(
      z.object({
        environment: z.string(),
        hours: z.string(),
        cost: z.string(),
        perHour: z.string().nullable(),
      }),
    ),
    rollbacks: z.number(),
    perRollback: z.string().nullable(),
    byServiceMonth: z.array(
      z.object({
        month: z.string(),
        service: z.string(),
        team: z.string(),
        deployments: z.number(),
        cost: z.string(),
      }),
    ),
    byTeamMonth: z.array(
      z.object({
        month: z.string(),
        team: z.string(),
        deployments: z.number(),
        cost: z.string(),
      }),
    ),
    teamFrequencyVsCost: z.array(
      z.object({
        team: z.string(),
        deploymentsPerWeek: z.number(),
        perDeployment: z.string(),
      }),
    ),
  }),
}) satisfies z.ZodType<Kpis>;

type ProcessCost = Result<typeof computeServiceProcessCost>;
export const processCostSchema = z.object({
  service: z.string(),
  changes: z.number().int(),
  months: z.number(),
  setupCost: decimalText,
  assumptions: z.array(z.string()),
  current: z.object({
    runCost: z.string(),
    opportunityCost: z.string(),
    total: z.string(),
    perChange: z.string(),
    perMonth: z.string(),
  }),
  whatIf: z.object({
    runCost: z.string(),
    opportunityCost: z.string(),
    total: z.string(),
    perChange: z.string(),
    perMonth: z.string(),
  }),
  savingPerMonth: z.string(),
  lines: z.array(
    z.object({
      changeId: z.string(),
      changeType: z.enum(['standard', 'normal', 'emergency']),
      whatIfType: z.enum(['standard', 'normal', 'emergency']),
      waitHours: z.number(),
      runCost: z.string(),
      opportunityCost: z.string(),
      whatIfRunCost: z.string(),
      whatIfOpportunityCost: z.string(),
    }),
  ),
  currency: z.string(),
}) satisfies z.ZodType<ProcessCost>;
