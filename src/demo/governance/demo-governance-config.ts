import type { RateCard } from '../../core/governance/releases/rate-card.js';

/**
 * The demo organisation's governance set-up for its billing year (2025, USD): who approves
 * what, the rate card, deployment windows and the deployment cost model. People are named per
 * team of the demo organisation; the year ends with a change freeze.
 */
export const DEMO_SERVICE_OWNERS: Record<string, string> = {
  payments: 'priya',
  checkout: 'marco',
  catalog: 'lena',
  search: 'tom',
  mobile: 'aiko',
  identity: 'omar',
  'data-platform': 'sofia',
  ml: 'raj',
  platform: 'nina',
  observability: 'ben',
};

export const DEMO_CAB = ['carla', 'dmitri', 'elena', 'felix'];

/**
 * The dashboard's demo approver (`tollgate demo --serve` signs in as this user): a CAB member
 * in the policy, so approving a waiting change in the Approvals inbox counts towards its quorum.
 */
export const DEMO_APPROVER = 'demo-approver';

/** Teams that run small, regular changes as standard (pre-approved) changes. */
export const DEMO_STANDARD_TEAMS = new Set(['platform', 'observability', 'search']);

export const DEMO_RATE_CARD: RateCard = {
  entries: [
    {
      role: 'engineer',
      hourlyRate: '95',
      currency: 'USD',
      effectiveFrom: '2024-07-01',
      effectiveTo: '2025-06-30',
    },
    { role: 'engineer', hourlyRate: '99', currency: 'USD', effectiveFrom: '2025-07-01' },
    {
      role: 'sre',
      hourlyRate: '105',
      currency: 'USD',
      effectiveFrom: '2024-07-01',
      effectiveTo: '2025-06-30',
    },
    { role: 'sre', hourlyRate: '110', currency: 'USD', effectiveFrom: '2025-07-01' },
    { role: 'tech-writer', hourlyRate: '70', currency: 'USD', effectiveFrom: '2024-07-01' },
    { role: 'cab-member', hourlyRate: '120', currency: 'USD', effectiveFrom: '2024-07-01' },
    { role: 'release-manager', hourlyRate: '110', currency: 'USD', effectiveFrom: '2024-07-01' },
  ],
};

/** The year-end change freeze on production: every minute from 15 to 31 December (UTC). */
export const DEMO_YEAR_END_FREEZE = {
  environment: 'prod',
  cron: '* * 15-31 12 *',
  reason: 'Year-end peak trading freeze',
};

export function demoPolicyDocument(serviceOwners: { person: string; services: string[] }[]) {
  return {
    version: '2025.1',
    currency: 'USD',
    roles: [
      ...serviceOwners.map((owner) => ({
        person: owner.person,
        role: 'service-owner',
        services: owner.services,
      })),
      { person: 'grace', role: 'budget-owner' },
      { person: 'henry', role: 'budget-owner' },
      { person: 'fatima', role: 'finance' },
      { person: 'li', role: 'finance' },
      ...[...DEMO_CAB, DEMO_APPROVER].map((person) => ({ person, role: 'cab' })),
      { person: 'victoria', role: 'executive' },
    ],
    changeModels: {
      standard: {
        description: 'Small, regular, low-risk changes: pre-approved within budget.',
        preApproved: true,
        maxEstimatedCost: '800',
        whenNoBudget: 'allow',
        effort: { documentationHours: '0.25', cabReviewHours: '0', executionHours: '0.5' },
      },
      normal: {
        description: 'Assessed by the service owner and the CAB; money thresholds add approvers.',
        approvals: [
          { role: 'service-owner', quorum: 1 },
          { role: 'cab', quorum: 2 },
        ],
        thresholds: [
          {
            description: 'large change',
            when: { estimatedCostAbove: '5000' },
            require: [{ role: 'finance', quorum: 1 }],
          },
          {
            description: 'over budget',
            when: { overrunAmountAbove: '0' },
            require: [{ role: 'budget-owner', quorum: 1 }],
          },
          {
            description: 'far over budget',
            when: { overrunPercentAbove: '10' },
            require: [{ role: 'executive', quorum: 1 }],
          },
          {
            description: 'capital spend',
            when: { spendClass: 'capex' },
            require: [{ role: 'finance', quorum: 1 }],
          },
          {
            description: 'critical service',
            when: { criticality: ['critical'] },
            require: [{ role: 'cab', quorum: 3 }],
          },
        ],
        financialSignOff: 'production',
        // A release carries its own budget, which the gate checks; a routine normal change
        // outside any release is paid from its team's run budget, so it needs none here.
        whenNoBudget: 'allow',
        outOfCycle: 'with-justification',
        effort: { documentationHours: '2', cabReviewHours: '1.5', executionHours: '1' },
      },
      emergency: {
        description: 'Restore service now; costly emergencies need the executive and a review afterwards.',
        approvals: [{ role: 'service-owner', quorum: 1 }],
        thresholds: [
          {
            description: 'costly emergency',
            when: { estimatedCostAbove: '1500' },
            require: [{ role: 'executive', quorum: 1 }],
            postImplementationReview: true,
          },
        ],
        whenNoBudget: 'allow',
        outOfCycle: 'with-justification',
        effort: { documentationHours: '0.5', cabReviewHours: '0.5', executionHours: '2' },
      },
    },
    windows: [
      { environment: 'prod', cron: '* 8-17 * * 1-4', description: 'Monday to Thursday, 08:00-17:59 UTC' },
    ],
    costModel: {
      version: 'demo-cpd-1',
      runnerRatePerMinute: '0.008',
      environmentHourlyRates: { prod: '9.5', 'non-production': '2.2' },
      roles: {
        documentation: 'tech-writer',
        cabReview: 'cab-member',
        execution: 'engineer',
        rollback: 'sre',
      },
      rollbackHours: '3',
      licencePerDeployment: '2.5',
    },
    attributionWindowHours: 24,
    // A failed production deployment is reviewed within ten working days; so is a costly
    // emergency, which its change model's threshold marks for review.
    postImplementationReviews: { withinDays: 14, changeTypes: [], deploymentOutcomes: ['failed'] },
  };
}
