import { z } from 'zod';
import {
  type CiCostReport,
  reportCiCost,
  reportEnvironmentTco,
} from '../../app/governance/delivery/report-delivery-costs.js';
import type { EnvironmentTcoReport } from '../../core/governance/delivery/environment-tco.js';
import { decimalText } from '../api-schemas.js';
import { defineRoute } from '../route-spec.js';

const period = {
  from: z.string().max(40).describe('period start, YYYY-MM-DD'),
  to: z.string().max(40).describe('period end (exclusive), YYYY-MM-DD'),
};

const environmentTcoSchema = z.object({
  from: z.string(),
  to: z.string(),
  idleDays: z.number().int(),
  environments: z.array(
    z.object({
      environment: z.string(),
      currency: z.string(),
      cost: decimalText,
      daysWithCost: z.number().int(),
      hours: z.number().int(),
      costPerHour: decimalText,
    }),
  ),
  idle: z.array(
    z.object({
      service: z.string(),
      environment: z.string(),
      currency: z.string(),
      cost: decimalText,
      lastDeployment: z.string().nullable(),
    }),
  ),
  warnings: z.array(z.string()),
}) satisfies z.ZodType<EnvironmentTcoReport>;

const ciCostSchema = z.object({
  from: z.string(),
  to: z.string(),
  ciService: z.string(),
  shares: z.array(
    z.object({
      currency: z.string(),
      bill: decimalText,
      minutes: decimalText,
      deployments: z.array(
        z.object({
          id: z.string(),
          service: z.string(),
          environment: z.string(),
          outcome: z.string(),
          minutes: decimalText,
          cost: decimalText,
        }),
      ),
      pipelines: z.array(
        z.object({
          service: z.string(),
          deployments: z.number().int(),
          minutes: decimalText,
          cost: decimalText,
        }),
      ),
      apportioned: decimalText.nullable(),
      reconciles: z.boolean(),
      costPerMinute: decimalText.nullable(),
      costPerDeployment: decimalText.nullable(),
      costPerRollback: decimalText.nullable(),
    }),
  ),
  processCostPerDeployment: z.object({ currency: z.string(), amount: decimalText }).nullable(),
  warnings: z.array(z.string()),
}) satisfies z.ZodType<CiCostReport>;

/** What delivery costs from the bill: environments and the CI runners. */
export const deliveryCostRoutes = [
  defineRoute({
    id: 'getEnvironmentTco',
    method: 'GET',
    path: '/api/v1/delivery/environments',
    summary:
      'Allocated cost per environment per hour it existed, and idle environments with their cost; like tollgate delivery environments',
    tag: 'governance',
    permission: 'governance:read',
    query: z
      .object({
        ...period,
        idleDays: z.coerce.number().int().min(1).max(366).default(14).describe('days without a deployment'),
      })
      .strict(),
    response: environmentTcoSchema,
    errors: {
      400: 'A bad period or idle days (DELIVERY_BAD_PERIOD, DELIVERY_BAD_IDLE_DAYS, REQUEST_INVALID)',
    },
    handler: async ({ query, services }) => reportEnvironmentTco(services.stores, query),
  }),
  defineRoute({
    id: 'getCiCost',
    method: 'GET',
    path: '/api/v1/delivery/pipelines',
    summary:
      "The CI runners' bill apportioned to pipelines and deployments by minutes, reconciling exactly; like tollgate delivery pipelines",
    tag: 'governance',
    permission: 'governance:read',
    query: z
      .object({
        ...period,
        ciService: z.string().max(200).describe('the catalogue service whose cost is the CI bill'),
      })
      .strict(),
    response: ciCostSchema,
    errors: {
      400: 'A bad period (DELIVERY_BAD_PERIOD, REQUEST_INVALID)',
      404: 'An unknown CI service, or no catalogue (UNKNOWN_SERVICE, CATALOG_MISSING)',
    },
    handler: async ({ query, services }) => reportCiCost(services.stores, query),
  }),
];
