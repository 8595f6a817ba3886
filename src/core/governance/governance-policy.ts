import { z } from 'zod';
import { TollgateError } from '../errors.js';
import { Decimal, isDecimalText } from '../money.js';
import { isTimeZone } from '../time/zoned-time.js';
import type { DeploymentCostModel } from './deployments/deployment-cost-model.js';
import { parseCron } from './gate/cron-expression.js';
import {
  APPROVER_ROLES,
  type ApproverRole,
  CHANGE_TYPES,
  type ChangeType,
  SPEND_CLASSES,
} from './governance-types.js';
import { DEFAULT_REVIEW_WITHIN_DAYS } from './reviews/reviews-due.js';

const decimalText = z
  .union([z.string(), z.number()])
  .transform((value) => String(value))
  .refine((value) => isDecimalText(value), 'must be a decimal number such as "1200.00"');
const role = z.enum(APPROVER_ROLES);

const requirementSchema = z.object({
  role,
  /** N of the M people who hold the role for the service. */
  quorum: z.number().int().min(1).default(1),
});

const thresholdSchema = z.object({
  /** Every condition given must hold for the rule to apply. */
  when: z
    .object({
      estimatedCostAbove: decimalText.optional(),
      overrunAmountAbove: decimalText.optional(),
      overrunPercentAbove: decimalText.optional(),
      spendClass: z.enum(SPEND_CLASSES).optional(),
      criticality: z.array(z.enum(['low', 'medium', 'high', 'critical'])).optional(),
      production: z.boolean().optional(),
    })
    .strict(),
  require: z.array(requirementSchema).default([]),
  postImplementationReview: z.boolean().default(false),
  /** A threshold that covers a budget overrun lets the change go over budget once its approvals are in. */
  description: z.string().optional(),
});

const effortSchema = z.object({
  documentationHours: decimalText,
  cabReviewHours: decimalText,
  executionHours: decimalText,
});

const riskPreApprovalSchema = z
  .object({
    /** The highest failure probability (0 to 1) that is still low risk, e.g. "0.05". */
    maxFailureProbability: decimalText.refine(
      (value) => new Decimal(value).greaterThanOrEqualTo(0) && new Decimal(value).lessThanOrEqualTo(1),
      'must be a probability from 0 to 1 such as "0.05"',
    ),
    /** The most money (the change's cost plus its expected outage cost) a pre-approved change may put at stake. */
    maxMoneyAtStake: decimalText,
    /** Production deployments of history the organisation needs before it trusts its own rates. */
    minDeployments: z.number().int().min(1).default(30),
    criticality: z.array(z.enum(['low', 'medium', 'high', 'critical'])).default(['low', 'medium']),
  })
  .strict();

const changeModelSchema = z
  .object({
    description: z.string().optional(),
    /** Standard changes: pre-approved while within budget and under maxEstimatedCost. */
    preApproved: z.boolean().default(false),
    maxEstimatedCost: decimalText.optional(),
    approvals: z.array(requirementSchema).default([]),
    thresholds: z.array(thresholdSchema).default([]),
    /** When the service owner's financial sign-off is needed before the deployment goes. */
    financialSignOff: z.enum(['never', 'production', 'always']).default('never'),
    /** What the gate does when no budget is configured for the release. */
    whenNoBudget: z.enum(['allow', 'deny']).default('deny'),
    /** Outside a deployment window: deny, or allow with a cost-benefit justification. */
    outOfCycle: z.enum(['deny', 'with-justification']).default('deny'),
    effort: effortSchema,
    /** Money-aware risk: a change this model covers goes without its approvals when low risk. */
    riskPreApproval: riskPreApprovalSchema.optional(),
  })
  .strict();

const roleAssignmentSchema = z.object({
  person: z.string().min(1),
  role,
  /** Services the person holds the role for; all services when absent. */
  services: z.array(z.string()).optional(),
});

const timeZoneName = z
  .string()
  .refine(isTimeZone, 'is not a time zone; give an IANA name such as Europe/Berlin, or UTC');

const windowSchema = z.object({
  environment: z.string().min(1),
  /** Cron expression of the minutes when deployments may go, on the clock of the window's time zone. */
  cron: z.string().refine((value) => {
    try {
      parseCron(value);
      return true;
    } catch {
      return false;
    }
  }, 'does not parse as a five-field cron expression (minute hour day-of-month month day-of-week)'),
  description: z.string().optional(),
  /** The window's own IANA time zone; the policy's timeZone when absent. */
  timeZone: timeZoneName.optional(),
});

const costModelSchema = z.object({
  version: z.string().min(1),
  runnerRatePerMinute: decimalText,
  environmentHourlyRates: z.record(z.string(), decimalText),
  roles: z.object({
    documentation: z.string(),
    cabReview: z.string(),
    execution: z.string(),
    rollback: z.string(),
  }),
  rollbackHours: decimalText,
  licencePerDeployment: decimalText.default('0'),
});

/** Which changes need a post-implementation review, and within how many days of implementation. */
const reviewRuleSchema = z
  .object({
    withinDays: z.number().int().min(1).max(365).default(DEFAULT_REVIEW_WITHIN_DAYS),
    changeTypes: z.array(z.enum(CHANGE_TYPES)).default(['emergency']),
    deploymentOutcomes: z.array(z.enum(['failed', 'rolled_back'])).default(['failed', 'rolled_back']),
    estimatedCostAbove: decimalText.optional(),
  })
  .strict();

export const governancePolicySchema = z
  .object({
    version: z.union([z.string(), z.number()]).transform(String),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
    roles: z.array(roleAssignmentSchema).default([]),
    changeModels: z.object({
      standard: changeModelSchema,
      normal: changeModelSchema,
      emergency: changeModelSchema,
    }),
    windows: z.array(windowSchema).default([]),
    /** The IANA time zone windows are read in (each window may name its own); UTC by default. */
    timeZone: timeZoneName.default('UTC'),
    costModel: costModelSchema,
    /** DORA: an incident this many hours after a deployment of the service counts as its failure. */
    attributionWindowHours: z.number().positive().default(24),
    /** Post-implementation reviews: absent, no change needs one. */
    postImplementationReviews: reviewRuleSchema.optional(),
  })
  .strict();

export type GovernancePolicy = z.infer<typeof governancePolicySchema>;
export type ChangeModel = GovernancePolicy['changeModels'][ChangeType];
export type ApprovalRequirement = { role: ApproverRole; quorum: number };
export type RoleAssignment = GovernancePolicy['roles'][number];
export type DeploymentWindow = GovernancePolicy['windows'][number];

/** Validates a governance policy document (parsed YAML): change models, roles, windows, cost model. */
export function parseGovernancePolicy(document: unknown): GovernancePolicy {
  const result = governancePolicySchema.safeParse(document);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new TollgateError(
      'POLICY_INVALID',
      `The governance policy is invalid at ${issue.path.join('.') || '(top)'}: ${issue.message}. ` +
        'Fix the file and apply it again; the current policy is unchanged.',
    );
  }
  return result.data;
}

export function deploymentCostModel(policy: GovernancePolicy): DeploymentCostModel {
  return { ...policy.costModel, currency: policy.currency };
}

export function changeEfforts(policy: GovernancePolicy) {
  return Object.fromEntries(CHANGE_TYPES.map((type) => [type, policy.changeModels[type].effort])) as Record<
    ChangeType,
    ChangeModel['effort']
  >;
}

/** People holding `role` for `service`. */
export function holdersOfRole(policy: GovernancePolicy, roleName: ApproverRole, service: string): string[] {
  return [
    ...new Set(
      policy.roles
        .filter(
          (assignment) =>
            assignment.role === roleName && (!assignment.services || assignment.services.includes(service)),
        )
        .map((assignment) => assignment.person),
    ),
  ].sort();
}
