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
}) satisfies z.ZodType<ConformanceReport>;

/** The governance conformance report. */
export const conformanceRoutes = [
  defineRoute({
    id: 'getConformance',
    method: 'GET',
    path: '/api/v1/conformance',
    summary:
      'Production deployments started in [from, to) checked against the process (no change, no gate decision, deployed after a deny, approved after deployment, outside windows or in freezes without break-glass, emergency), by team and month with their cost, like tollgate conformance',
    tag: 'governance',
    permission: 'governance:read',
    query: z
      .object({
        from: z.string().max(40).describe('period start, YYYY-MM-DD'),
        to: z.string().max(40).describe('period end (exclusive), YYYY-MM-DD'),
        team: z.string().max(200).optional(),
      })
      .strict(),
    response: conformanceReportSchema,
    errors: { 400: 'A bad period or unknown team (CONFORMANCE_BAD_PERIOD, UNKNOWN_TEAM)' },
    handler: async ({ query, services }) => reportConformance(services.stores, query),
  }),
];
