import { z } from 'zod';
import { convertedJson, queryCostsAsAsked } from '../../app/costs/query-costs-as-asked.js';
import { splitCostRemainder } from '../../app/costs/split-cost-remainder.js';
import { AccessError } from '../../core/access/access-error.js';
import { maskIdentifier } from '../../core/access/mask-identifier.js';
import { canSeeDetail } from '../../core/access/roles.js';
import {
  COST_METRICS,
  type CostFilter,
  parseCostFilter,
  parseDimension,
} from '../../core/costs/cost-query.js';
import { formatMoney } from '../../core/money.js';
import { defineRoute } from '../route-spec.js';

/** Dimensions whose values identify resources and accounts; masked for readers without detail rights. */
const DETAIL_DIMENSIONS = new Set(['resource', 'billing-account', 'sub-account']);

const manyStrings = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));

export const costRoutes = [
  defineRoute({
    id: 'queryCosts',
    method: 'GET',
    path: '/api/v1/costs',
    summary:
      'What did we spend: one metric summed by dimensions, one row per currency (same dimensions, filters, metrics and JSON as tollgate costs --json)',
    tag: 'costs',
    permission: 'costs:read',
    query: z.object({
      from: z.string().max(10).optional().describe('first charge day, inclusive (YYYY-MM-DD)'),
      to: z.string().max(10).optional().describe('end charge day, exclusive (YYYY-MM-DD)'),
      by: z
        .string()
        .max(500)
        .default('')
        .describe('comma-separated dimensions: service, month, tag:team, ...'),
      metric: z.enum(COST_METRICS).default('effective'),
      filter: manyStrings.describe(
        'dimension=value keeps, dimension!=value leaves out; repeatable (tag:team= for a missing tag)',
      ),
      top: z.coerce.number().int().min(1).max(10_000).optional(),
      currency: z
        .string()
        .max(7)
        .optional()
        .describe(
          'show every amount in this currency, converted per charge day; billing for each billing currency (default: the configured reporting currency, else billing)',
        ),
    }),
    response: z.object({
      metric: z.enum(COST_METRICS),
      from: z.string().nullable(),
      to: z.string().nullable(),
      rows: z.array(z.record(z.string(), z.string().nullable())),
      remainder: z
        .array(z.object({ currency: z.string(), cost: z.string() }))
        .describe(
          'with top=N: the groups past the N largest, summed per currency (not a group, never ranked); rows plus remainder are the total. Empty without top',
        ),
      monthsWithoutAllocation: z
        .array(z.string())
        .describe(
          'grouped or filtered by an owner (team, cost-centre, ...): the months (YYYY-MM) in range with cost lines but no allocation run, whose cost these rows leave out. Empty otherwise',
        ),
      reportingCurrency: z.string().optional(),
      rateBasis: z.enum(['day', 'month']).optional(),
      billingTotals: z.array(z.object({ currency: z.string(), cost: z.string() })).optional(),
    }),
    errors: { 409: 'A day with spend has no exchange rate into the asked currency (RATE_MISSING)' },
    handler: async ({ query, principal, services, reply }) => {
      const groupBy = query.by
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
        .map(parseDimension);
      const filters: CostFilter[] = query.filter.map((text) => parseCostFilter(text));
      const ownerTag = `tag:${services.config.ownerTag}`;
      const owners = filters
        .filter((filter) => filter.dimension === ownerTag && !filter.exclude)
        .flatMap((filter) => filter.values);
      const detail = principal !== null && canSeeDetail(principal.role, principal.scopes, owners);
      if (!detail && filters.some((filter) => DETAIL_DIMENSIONS.has(filter.dimension))) {
        throw new AccessError(
          'AUTH_DETAIL_FORBIDDEN',
          `Filtering by resource or account needs resource-level rights${principal?.scopes.length ? ` (yours cover ${ownerTag}=${principal.scopes.join(', ')}; add that filter)` : ''}.`,
          403,
        );
      }
      const report = await queryCostsAsAsked(
        services.stores,
        { from: query.from, to: query.to, groupBy, metric: query.metric, filters },
        query.top,
        {
          currency: query.currency ?? services.config.reportingCurrency ?? 'billing',
          rateBasis: services.config.rateBasis,
        },
        {},
      );
      const split = splitCostRemainder(report.rows);
      const masked = detail ? [] : groupBy.filter((dimension) => DETAIL_DIMENSIONS.has(dimension));
      if (masked.length > 0) reply.header('x-tollgate-masked', masked.join(','));
      return {
        metric: report.query.metric,
        from: report.query.from ?? null,
        to: report.query.to ?? null,
        rows: split.ranked.map((row) => {
          const dimensions = { ...row.dimensions };
          for (const dimension of masked)
            dimensions[dimension] = maskIdentifier(dimensions[dimension] ?? null);
          return { ...dimensions, currency: row.currency, cost: formatMoney(row.cost) };
        }),
        remainder: split.remainder,
        monthsWithoutAllocation: report.monthsWithoutAllocation,
        ...convertedJson(report),
      };
    },
  }),
];
