import { z } from 'zod';
import { findDataRange } from '../../app/costs/find-data-range.js';
import { listReportingCurrencies } from '../../app/currency/list-reporting-currencies.js';
import {
  type DeploymentCalendar,
  describeDeploymentCalendar,
} from '../../app/governance/gate/describe-deployment-calendar.js';
import { COST_METRICS } from '../../core/costs/cost-query.js';
import { decimalText } from '../api-schemas.js';
import { defineRoute } from '../route-spec.js';

const freezeSchema = z.object({
  id: z.string(),
  environment: z.string(),
  cron: z.string().nullable(),
  from: z.string().nullable(),
  until: z.string().nullable(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  timeZone: z.string().describe('IANA zone a recurring freeze is read in'),
  activeNow: z.boolean(),
});

const breakGlassSchema = z.object({
  id: z.string(),
  environment: z.string(),
  service: z.string().nullable(),
  by: z.string(),
  reason: z.string(),
  from: z.string(),
  until: z.string(),
  activeNow: z.boolean(),
});

/**
 * What the dashboard asks before anything else: the data's currencies and last days (a month
 * query and one month of days, not every day of every currency), and the deployment calendar at one moment (what the on-call view shows
 * as "in force").
 */
export const dashboardRoutes = [
  defineRoute({
    id: 'getDataRange',
    method: 'GET',
    path: '/api/v1/data-range',
    summary:
      'The currencies of the cost lines (largest total first), each with its total and the last day with data: what a cost view needs before it asks anything else',
    tag: 'costs',
    permission: 'costs:read',
    query: z.object({ metric: z.enum(COST_METRICS).default('effective') }),
    response: z.object({
      metric: z.enum(COST_METRICS),
      currencies: z.array(
        z.object({
          currency: z.string(),
          total: decimalText,
          lastDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        }),
      ),
      reportingCurrency: z.string().nullable().describe('the configured reporting currency, if any'),
      reportingCurrencies: z
        .array(z.string())
        .describe(
          'currencies every figure can be converted into (GET /costs currency=): the configured one and those of stored rates',
        ),
    }),
    handler: async ({ query, services }) => ({
      ...(await findDataRange(services.stores, query.metric)),
      ...(await listReportingCurrencies(services.stores.exchangeRates, services.config.reportingCurrency)),
    }),
  }),
  defineRoute({
    id: 'getDeploymentCalendar',
    method: 'GET',
    path: '/api/v1/calendar',
    summary:
      'Freezes, deployment windows and break-glass records, and for each environment whether deployments may go at a moment (default now)',
    tag: 'governance',
    permission: 'governance:read',
    query: z.object({
      at: z.string().max(40).optional().describe('ISO date or date-time (UTC when no zone); default now'),
    }),
    response: z.object({
      at: z.string(),
      environments: z.array(
        z.object({
          environment: z.string(),
          frozenBy: z.array(z.string()),
          windowOpen: z.boolean(),
          unrestricted: z.boolean(),
          nextOpening: z.string().nullable(),
          timeZone: z.string().describe("IANA zone of the environment's windows"),
          localTime: z
            .string()
            .describe('the moment on that clock, such as "Friday 2026-03-27 16:05 Europe/Berlin"'),
          breakGlass: z.string().nullable(),
          mayDeploy: z.boolean(),
        }),
      ),
      freezes: z.array(freezeSchema),
      windows: z.array(z.object({ environment: z.string(), cron: z.string(), timeZone: z.string() })),
      breakGlass: z.array(breakGlassSchema),
    }) satisfies z.ZodType<DeploymentCalendar>,
    errors: { 400: 'The time is not an ISO date or date-time (CALENDAR_BAD_TIME)' },
    handler: async ({ query, services }) => describeDeploymentCalendar(services.stores, query.at),
  }),
];
