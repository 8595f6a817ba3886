import { z } from 'zod';
import { findDataRange } from '../../app/costs/find-data-range.js';
import { COST_METRICS } from '../../core/costs/cost-query.js';
import { TollgateError } from '../../core/errors.js';
import {
  activeBreakGlass,
  activeFreezes,
  checkWindow,
  freezeActive,
} from '../../core/governance/gate/deployment-calendar.js';
import { isIsoTimestamp, normaliseTimestamp } from '../../core/governance/governance-types.js';
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
    }),
    handler: async ({ query, services }) => findDataRange(services.stores, query.metric),
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
          breakGlass: z.string().nullable(),
          mayDeploy: z.boolean(),
        }),
      ),
      freezes: z.array(freezeSchema),
      windows: z.array(z.object({ environment: z.string(), cron: z.string() })),
      breakGlass: z.array(breakGlassSchema),
    }),
    errors: { 400: 'The time is not an ISO date or date-time (CALENDAR_BAD_TIME)' },
    handler: async ({ query, services }) => {
      if (query.at !== undefined && !isIsoTimestamp(query.at)) {
        throw new TollgateError(
          'CALENDAR_BAD_TIME',
          `'${query.at}' is not a time; write an ISO date or date-time such as 2025-12-24 or 2025-12-24T09:30:00Z.`,
          'usage',
        );
      }
      const at = query.at === undefined ? new Date().toISOString() : normaliseTimestamp(query.at);
      const moment = new Date(at);
      const { stores } = services;
      const [freezes, breakGlass, policy, catalog] = await Promise.all([
        stores.governance.changes.listFreezes(),
        stores.governance.changes.listBreakGlass(),
        stores.governance.currentPolicy(),
        stores.catalog.currentCatalog(),
      ]);
      const windows = (policy?.policy.windows ?? []).map((window) => ({
        environment: window.environment,
        cron: window.cron,
      }));
      // Every environment the catalogue knows, and any other a freeze or window names.
      const names = new Set<string>(catalog?.catalog.environments.map((environment) => environment.id) ?? []);
      for (const item of [...freezes, ...windows]) if (item.environment !== '*') names.add(item.environment);
      const environments = [...names].sort().map((environment) => {
        const frozenBy = activeFreezes(freezes, environment, moment).map((freeze) => freeze.id);
        const window = checkWindow(policy?.policy.windows ?? [], environment, moment);
        // Break-glass for the whole environment (not one service) lifts its freezes and windows.
        const glass = activeBreakGlass(
          breakGlass.filter((item) => item.service === undefined),
          environment,
          '',
          moment,
        );
        return {
          environment,
          frozenBy,
          windowOpen: window.open,
          unrestricted: window.unrestricted,
          nextOpening: window.nextOpening ?? null,
          breakGlass: glass?.id ?? null,
          mayDeploy: glass !== undefined || (frozenBy.length === 0 && window.open),
        };
      });
      return {
        at,
        environments,
        freezes: freezes.map((freeze) => ({
          id: freeze.id,
          environment: freeze.environment,
          cron: freeze.cron ?? null,
          from: freeze.from ?? null,
          until: freeze.until ?? null,
          reason: freeze.reason,
          createdBy: freeze.createdBy,
          createdAt: freeze.createdAt,
          activeNow: freezeActive(freeze, freeze.environment, moment),
        })),
        windows,
        breakGlass: breakGlass.map((item) => ({
          id: item.id,
          environment: item.environment,
          service: item.service ?? null,
          by: item.by,
          reason: item.reason,
          from: item.from,
          until: item.until,
          activeNow: Date.parse(item.from) <= moment.getTime() && moment.getTime() < Date.parse(item.until),
        })),
      };
    },
  }),
];
