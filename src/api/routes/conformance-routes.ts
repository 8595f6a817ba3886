import { z } from 'zod';
import {
  type ConformanceReport,
  reportConformance,
} from '../../app/governance/conformance/report-conformance.js';
import {
  CONFORMANCE_CHECKS,
  type ConformanceCheck,
} from '../../core/governance/conformance/conformance-findings.js';
import { defineRoute } from '../route-spec.js';

const check = z.enum(CONFORMANCE_CHECKS as [ConformanceCheck, ...ConformanceCheck[]]);
const tally = z.object({ count: z.number().int(), cost: z.string() });

const conformanceReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  team: z.string().nullable(),
  currency: z.string(),
  governedEnvironments: z.array(z.string()),
  rules: z.record(check, z.string()),
  gateLookbackHours: z.number(),
  deployments: z.number().int(),
  breaches: z.number().int(),
  breachCost: z.string(),
  rows: z.array(
    z.object({
      team: z.string(),
      period: z.string(),
      deployments: z.number().int(),
      breaches: z.number().int(),
      breachCost: z.string(),
      checks: z.record(check, tally),
    }),
  ),
  findings: z.array(
    z.object({
      deploymentId: z.string(),
      service: z.string(),
      environment: z.string(),
      version: z.string(),
      startedAt: z.string(),
      changeType: z.string(),
      changeId: z.string().nullable(),
      checks: z.array(check),
      cost: z.string(),
    }),
  ),
  reviews: z.object({
    asOf: z.string(),
    rule: z
      .object({
        withinDays: z.number().int(),
        changeTypes: z.array(z.enum(['standard', 'normal', 'emergency'])),
        deploymentOutcomes: z.array(z.enum(['succeeded', 'failed', 'rolled_back'])),
        estimatedCostAbove: z.string().optional(),
      })
      .nullable(),
    required: z.number().int(),
    reviewed: z.number().int(),
    due: z.number().int(),
    overdue: z.number().int(),
    late: z.number().int(),
    rows: z.array(
      z.object({
        team: z.string(),
        period: z.string(),
        required: z.number().int(),
        reviewed: z.number().int(),
        due: z.number().int(),
        overdue: z.number().int(),
      }),
    ),
    open: z.array(
      z.object({
        changeId: z.string(),
        service: z.string(),
        team: z.string(),
        changeType: z.enum(['standard', 'normal', 'emergency']),
        reasons: z.array(z.string()),
        implementedAt: z.string(),
        dueAt: z.string(),
        state: z.enum(['reviewed', 'due', 'overdue']),
        reviewedAt: z.string().nullable(),
        late: z.boolean(),
      }),
    ),
  }),
}) satisfies z.ZodType<ConformanceReport>;

/** The governance conformance report. */
export const conformanceRoutes = [
  defineRoute({
    id: 'getConformance',
    method: 'GET',
    path: '/api/v1/conformance',
    summary:
      'Production deployments started in [from, to) checked against the process (no change, no gate decision, deployed after a deny, approved after deployment, outside windows or in freezes without break-glass, emergency), by team and month with their cost, and the post-implementation reviews due and overdue as of asOf; like tollgate conformance',
    tag: 'governance',
    permission: 'governance:read',
    query: z
      .object({
        from: z.string().max(40).describe('period start, YYYY-MM-DD'),
        to: z.string().max(40).describe('period end (exclusive), YYYY-MM-DD'),
        team: z.string().max(200).optional(),
        asOf: z
          .string()
          .max(40)
          .optional()
          .describe('post-implementation reviews due or overdue as of this time (ISO-8601); now by default'),
      })
      .strict(),
    response: conformanceReportSchema,
    errors: { 400: 'A bad period, asOf or unknown team (CONFORMANCE_BAD_PERIOD, UNKNOWN_TEAM)' },
    // The catalogue, policy, deployments, freezes and break-glass come from the server's read
    // cache (emptied by every write to them); the gate's log and the reviews from the database.
    handler: async ({ query, services }) => reportConformance(services.cachedStores, query),
  }),
];
