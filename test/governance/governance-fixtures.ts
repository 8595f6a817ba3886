import type { Catalog } from '../../src/core/catalog/catalog-model.js';
import { type GovernancePolicy, parseGovernancePolicy } from '../../src/core/governance/governance-policy.js';
import type { RateCard } from '../../src/core/governance/releases/rate-card.js';

/** A small catalogue: payments (critical) and docs-site (low), three environments. */
export const CATALOG: Catalog = {
  businessUnits: [{ id: 'retail', name: 'Retail' }],
  costCentres: [{ id: 'cc-100', name: 'Digital', businessUnit: 'retail' }],
  teams: [
    { id: 'team-pay', name: 'Payments team', costCentre: 'cc-100' },
    { id: 'team-web', name: 'Web team', costCentre: 'cc-100' },
  ],
  services: [
    {
      id: 'payments',
      name: 'Payments',
      ownerTeam: 'team-pay',
      costCentre: 'cc-100',
      criticality: 'critical',
      environments: ['production', 'staging'],
    },
    {
      id: 'docs-site',
      name: 'Docs site',
      ownerTeam: 'team-web',
      costCentre: 'cc-100',
      criticality: 'low',
      environments: ['production', 'staging'],
    },
  ],
  environments: [
    { id: 'production', name: 'Production', production: true },
    { id: 'staging', name: 'Staging', production: false },
    { id: 'test', name: 'Test', production: false },
  ],
};

export const RATE_CARD: RateCard = {
  entries: [
    { role: 'engineer', hourlyRate: '100', currency: 'EUR', effectiveFrom: '2026-01-01' },
    { role: 'cab-member', hourlyRate: '120', currency: 'EUR', effectiveFrom: '2026-01-01' },
    { role: 'tech-writer', hourlyRate: '80', currency: 'EUR', effectiveFrom: '2026-01-01' },
  ],
};

/** The policy document as a user writes it (YAML shape). */
export const POLICY_DOCUMENT = {
  version: '2026.1',
  currency: 'EUR',
  roles: [
    { person: 'olivia', role: 'service-owner', services: ['payments'] },
    { person: 'sam', role: 'service-owner', services: ['docs-site'] },
    { person: 'bea', role: 'budget-owner' },
    { person: 'fiona', role: 'finance' },
    { person: 'carl', role: 'cab' },
    { person: 'cathy', role: 'cab' },
    { person: 'chen', role: 'cab' },
    { person: 'eve', role: 'executive' },
  ],
  changeModels: {
    standard: {
      preApproved: true,
      maxEstimatedCost: '1000',
      whenNoBudget: 'deny',
      effort: { documentationHours: '0.25', cabReviewHours: '0', executionHours: '0.5' },
    },
    normal: {
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
      whenNoBudget: 'deny',
      outOfCycle: 'with-justification',
      effort: { documentationHours: '2', cabReviewHours: '1.5', executionHours: '1' },
    },
    emergency: {
      approvals: [{ role: 'service-owner', quorum: 1 }],
      thresholds: [
        {
          description: 'costly emergency',
          when: { estimatedCostAbove: '2000' },
          require: [{ role: 'executive', quorum: 1 }],
          postImplementationReview: true,
        },
      ],
      whenNoBudget: 'allow',
      outOfCycle: 'with-justification',
      effort: { documentationHours: '0.5', cabReviewHours: '0.5', executionHours: '2' },
    },
  },
  windows: [{ environment: 'production', cron: '* 9-16 * * 1-4', description: 'Mon-Thu 09:00-16:59 UTC' }],
  costModel: {
    version: 'cpd-1',
    runnerRatePerMinute: '0.008',
    environmentHourlyRates: { production: '12', 'non-production': '3' },
    roles: {
      documentation: 'tech-writer',
      cabReview: 'cab-member',
      execution: 'engineer',
      rollback: 'engineer',
    },
    rollbackHours: '3',
    licencePerDeployment: '5',
  },
  attributionWindowHours: 24,
};

export function makePolicy(
  overrides: (document: typeof POLICY_DOCUMENT) => unknown = (d) => d,
): GovernancePolicy {
  return parseGovernancePolicy(overrides(structuredClone(POLICY_DOCUMENT)));
}
