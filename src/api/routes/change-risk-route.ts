import { z } from 'zod';
import { showChangeRisk } from '../../app/governance/risk/assess-change-risk.js';
import type { ChangeRisk } from '../../core/governance/risk/change-risk.js';
import { decimalText, idParams } from '../api-schemas.js';
import { defineRoute } from '../route-spec.js';

const failRate = z.object({
  failures: z.number().int(),
  deployments: z.number().int(),
  smoothed: decimalText.describe('the rate shrunk toward the wider one'),
});

const changeRiskSchema = z.object({
  version: z.string(),
  at: z.string(),
  service: z.string(),
  team: z.string(),
  criticality: z.enum(['low', 'medium', 'high', 'critical']),
  currency: z.string(),
  estimatedCost: decimalText,
  organisation: failRate,
  serviceRate: failRate,
  teamRate: failRate,
  daysSinceLastFailure: z.number().int().nullable(),
  recencyFactor: decimalText,
  costRatio: decimalText.nullable().describe("the estimate against the median of the service's earlier ones"),
  sizeFactor: decimalText,
  failureProbability: decimalText,
  recoveryHours: decimalText.nullable(),
  revenuePerOutageHour: decimalText.nullable(),
  expectedOutageCost: decimalText
    .nullable()
    .describe('null when the recovery time or the revenue per outage hour is unknown'),
  moneyAtStake: decimalText,
  preApproval: z.object({ eligible: z.boolean(), reasons: z.array(z.string()) }).nullable(),
  summary: z.string(),
}) satisfies z.ZodType<ChangeRisk>;

/** A change's money-aware risk, as the gate would weigh it now (or at `at`); reads only. */
export const changeRiskRoute = defineRoute({
  id: 'getChangeRisk',
  method: 'GET',
  path: '/api/v1/changes/:id/risk',
  summary:
    "A change request's risk from the organisation's own history and the money at stake, with every input and whether its change model would pre-approve it; like tollgate changes risk",
  tag: 'governance',
  permission: 'governance:read',
  params: idParams,
  query: z.object({
    at: z.string().max(40).optional().describe('ISO-8601 time to assess as of (default now)'),
  }),
  response: changeRiskSchema,
  errors: {
    400: 'A time that is not ISO-8601 (RISK_BAD_TIME)',
    404: 'No such change, or no catalogue or policy (CHANGE_NOT_FOUND, CATALOG_MISSING, POLICY_MISSING)',
  },
  handler: async ({ params, query, services }) =>
    showChangeRisk(services.stores, { changeId: params.id, at: query.at }),
});
