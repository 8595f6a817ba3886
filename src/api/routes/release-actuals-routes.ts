import { z } from 'zod';
import { rebaselineRelease } from '../../app/governance/releases/rebaseline-release.js';
import {
  type ReleaseActualsReport,
  reportReleaseActuals,
} from '../../app/governance/releases/release-actuals-report.js';
import type { ReleaseBaseline } from '../../core/governance/releases/release-model.js';
import { decimalText, idParams } from '../api-schemas.js';
import {
  askedReleaseCurrency,
  releaseConversionSchema,
  releaseCurrencyQuery,
} from '../converted-answer-schemas.js';
import { defineRoute } from '../route-spec.js';

const sourceSchema = z.object({
  what: z.string(),
  amount: decimalText,
  costs: z
    .object({ from: z.string().optional(), to: z.string().optional(), filters: z.array(z.string()) })
    .optional()
    .describe('the cost query (GET /api/v1/costs) that lists the lines behind this amount'),
});

const actualsReportSchema = z.object({
  release: z.object({
    id: z.string(),
    name: z.string(),
    status: z.enum(['open', 'closed']),
    services: z.array(z.string()),
    currency: z.string(),
  }),
  actuals: z.object({
    currency: z.string(),
    window: z.object({ from: z.string(), to: z.string() }).nullable(),
    cloudMethod: z.enum(['tags', 'window']),
    driver: z.string(),
    parts: z.array(
      z.object({
        part: z.enum(['cloud', 'labour', 'pipeline', 'deploymentProcess']),
        amount: decimalText.nullable().describe('null when the data this part needs is missing'),
        method: z.string(),
        sources: z.array(sourceSchema),
      }),
    ),
    known: decimalText,
    complete: z.boolean(),
    warnings: z.array(z.string()),
  }),
  baselines: z.array(
    z.object({
      version: z.number().int(),
      reason: z.string(),
      createdAt: z.string(),
      createdBy: z.string().nullable(),
      estimate: decimalText,
      variance: decimalText.nullable(),
      variancePercent: z.string().nullable(),
      varianceUnknown: z.string().nullable(),
    }),
  ),
  notes: z.array(z.string()),
  conversion: releaseConversionSchema,
}) satisfies z.ZodType<ReleaseActualsReport>;

const baselineSchema = z.object({
  releaseId: z.string(),
  version: z.number().int(),
  estimate: z.record(z.string(), z.unknown()),
  total: decimalText,
  reason: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});

/** A release's actuals from the bill, and its re-baselining. */
export const releaseActualsRoutes = [
  defineRoute({
    id: 'getReleaseActuals',
    method: 'GET',
    path: '/api/v1/releases/:id/actuals',
    summary:
      'Actual cost from the bill, part by part with sources (allocated cloud cost, labour booked, pipeline, deployment process), missing parts named, variance against every baseline; like tollgate release actuals',
    tag: 'governance',
    permission: 'governance:read',
    params: idParams,
    query: releaseCurrencyQuery,
    response: actualsReportSchema,
    errors: {
      400: 'currency is not an ISO 4217 code (CURRENCY_UNKNOWN)',
      404: 'No such release, or no rate card (RELEASE_NOT_FOUND, RATECARD_MISSING)',
      409: 'A day to convert has no exchange rate (RATE_MISSING names the days and pairs)',
    },
    handler: async ({ params, query, services }) =>
      reportReleaseActuals(
        services.stores,
        params.id,
        askedReleaseCurrency(query.currency, services.config.rateBasis),
      ),
  }),
  defineRoute({
    id: 'rebaselineRelease',
    method: 'POST',
    path: '/api/v1/releases/:id/baselines',
    summary:
      'Re-baseline an open release: a new estimate version with its reason, the earlier ones kept; like tollgate release rebaseline (audited)',
    tag: 'governance',
    permission: 'governance:write',
    params: idParams,
    body: z
      .object({
        reason: z.string().max(2000).describe('why the estimate changes'),
        estimate: z
          .record(z.string(), z.unknown())
          .describe('the new estimate: labour, licences, environments, environmentRates, contingency'),
      })
      .strict(),
    status: 201,
    response: baselineSchema,
    errors: {
      400: 'No reason, or a broken estimate (REBASELINE_NO_REASON, RELEASE_INVALID)',
      404: 'No such release (RELEASE_NOT_FOUND)',
      409: 'The release is closed (RELEASE_CLOSED)',
      422: 'A role or environment class the rate card cannot price',
    },
    handler: async ({ params, body, actor, services }) =>
      (await rebaselineRelease(
        services.stores,
        { releaseId: params.id, estimate: body.estimate, reason: body.reason },
        actor,
        'estimate',
      )) as ReleaseBaseline & { estimate: Record<string, unknown> },
  }),
];
