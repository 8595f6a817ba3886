import { z } from 'zod';
import { computeDoraReport } from '../../app/governance/dora/compute-dora-report.js';
import type { IncidentCostReport } from '../../app/governance/incidents/list-incident-costs.js';
import { listIncidentCosts } from '../../app/governance/incidents/list-incident-costs.js';
import type { Dora2024Report, DoraMetrics } from '../../core/governance/dora/dora-2024.js';
import { defineRoute } from '../route-spec.js';

const band = z.enum(['elite', 'high', 'medium', 'low']).nullable();
const hoursOrNull = z.number().nullable();
const doraMetricsShape = {
  deploymentFrequency: z.object({
    deployments: z.number().int(),
    deploymentDays: z.number().int(),
    perDay: hoursOrNull,
    perWeek: hoursOrNull,
    band,
  }),
  changeLeadTime: z.object({
    count: z.number().int(),
    medianHours: hoursOrNull,
    p90Hours: hoursOrNull,
    band,
  }),
  changeFailRate: z.object({
    failures: z.number().int(),
    rate: hoursOrNull,
    band,
    failedDeploymentIds: z.array(z.string()),
  }),
  failedDeploymentRecoveryTime: z.object({
    failures: z.number().int(),
    recovered: z.number().int(),
    unrecoveredDeploymentIds: z.array(z.string()),
    medianHours: hoursOrNull,
    p90Hours: hoursOrNull,
    band,
  }),
  deploymentReworkRate: z.object({
    rework: z.number().int(),
    rate: hoursOrNull,
    band: z.null(),
    reworkDeploymentIds: z.array(z.string()),
  }),
  incidentsWithoutDeployment: z.number().int(),
};
const metricNames = {
  deploymentFrequency: z.string(),
  changeLeadTime: z.string(),
  changeFailRate: z.string(),
  failedDeploymentRecoveryTime: z.string(),
  deploymentReworkRate: z.string(),
};

const doraReportSchema = z.object({
  version: z.string(),
  source: z.string(),
  definitions: z.object(metricNames),
  bands: z.object(metricNames),
  from: z.string(),
  to: z.string(),
  attributionWindowHours: z.number(),
  ...doraMetricsShape,
  byService: z.array(z.object({ service: z.string(), team: z.string(), ...doraMetricsShape })),
  byTeam: z.array(z.object({ team: z.string(), services: z.array(z.string()), ...doraMetricsShape })),
}) satisfies z.ZodType<Omit<Dora2024Report, 'definitions' | 'bands'> & { byService: DoraMetrics[] }>;

const money = z.string().nullable();
const incidentCostReportSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  service: z.string().nullable(),
  currency: z.string(),
  incidents: z.array(
    z.object({
      incidentId: z.string(),
      service: z.string(),
      severity: z.string(),
      startedAt: z.string(),
      resolvedAt: z.string().nullable(),
      currency: z.string(),
      outageHours: money,
      hoursToDetect: money,
      responders: z.array(z.object({ role: z.string(), hours: z.string(), hourlyRate: money, cost: money })),
      responderCost: money,
      revenueImpact: money,
      slaCredits: money,
      total: money,
      missing: z.array(z.string()),
    }),
  ),
  totals: z.object({
    incidents: z.number().int(),
    incomplete: z.number().int(),
    responderCost: z.string(),
    revenueImpact: z.string(),
    slaCredits: z.string(),
    total: z.string(),
  }),
}) satisfies z.ZodType<IncidentCostReport>;

const periodQuery = {
  from: z.string().max(40).optional().describe('period start, YYYY-MM-DD (default 90 days before to)'),
  to: z.string().max(40).optional().describe('period end (exclusive), YYYY-MM-DD (default now)'),
  service: z.string().max(200).optional(),
};

/** The five DORA 2024 metrics and what incidents cost. */
export const doraRoutes = [
  defineRoute({
    id: 'getDora',
    method: 'GET',
    path: '/api/v1/dora',
    summary:
      'The five DORA 2024 metrics over [from, to) per service and team, with definitions, version and performance bands, like tollgate dora',
    tag: 'governance',
    permission: 'governance:read',
    query: z.object({ ...periodQuery, team: z.string().max(200).optional() }).strict(),
    response: doraReportSchema,
    errors: { 400: 'A bad period, unknown service or team (KPI_BAD_PERIOD, UNKNOWN_SERVICE, UNKNOWN_TEAM)' },
    handler: async ({ query, services }) => computeDoraReport(services.stores, query),
  }),
  defineRoute({
    id: 'getIncidentCosts',
    method: 'GET',
    path: '/api/v1/incidents/costs',
    summary:
      'What incidents that started in [from, to) cost: responders at the rate card, revenue impact, SLA credits, each missing part named, like tollgate incident costs',
    tag: 'governance',
    permission: 'governance:read',
    query: z.object(periodQuery).strict(),
    response: incidentCostReportSchema,
    errors: { 400: 'A bad period or unknown service (KPI_BAD_PERIOD, UNKNOWN_SERVICE)' },
    handler: async ({ query, services }) => listIncidentCosts(services.stores, query),
  }),
];
