import { z } from 'zod';
import { auditRecorder } from '../../app/audit/record-audit.js';
import { loadLicenceUsage } from '../../app/contracts/load-licence-usage.js';
import { loadLicences } from '../../app/contracts/manage-licences.js';
import { postLicenceCosts } from '../../app/contracts/post-licence-costs.js';
import { reportLicenceUsage } from '../../app/contracts/report-licence-usage.js';
import { listLicenceCompliance } from '../../app/contracts/report-licences.js';
import { registerChangeSchema } from '../asset-schemas.js';
import { licenceSummarySchema, postedLicenceCostSchema } from '../contract-schemas.js';
import { licenceTrendQuerySchema, licenceTrendSchema } from '../licence-trend-schemas.js';
import { defineRoute } from '../route-spec.js';

const record = z.record(z.string(), z.unknown());

export const licenceRoutes = [
  defineRoute({
    id: 'listLicences',
    method: 'GET',
    path: '/api/v1/licences',
    summary: 'Every licence against its usage: shortfall (compliance risk) and shelfware, with their cost',
    tag: 'licences',
    permission: 'costs:read',
    query: z.object({
      asOf: z
        .string()
        .max(10)
        .optional()
        .describe('YYYY-MM-DD: the newest usage snapshot on or before it (default the newest)'),
    }),
    response: z.array(licenceSummarySchema),
    errors: { 400: 'asOf is not a date (LICENCE_BAD_DATE)' },
    handler: async ({ query, services }) => listLicenceCompliance(services.stores, query.asOf),
  }),
  defineRoute({
    id: 'getLicenceTrend',
    method: 'GET',
    path: '/api/v1/licences/trend',
    summary:
      'Licence shortfall and shelfware month by month over a range, with their cost, and each licence’s peak usage (like tollgate licences trend)',
    tag: 'licences',
    permission: 'costs:read',
    query: licenceTrendQuerySchema,
    response: licenceTrendSchema,
    errors: {
      400: 'from or to is not a month, out of order or too far apart (LICENCE_BAD_RANGE)',
      404: 'No licence is for that product (LICENCE_PRODUCT_UNKNOWN)',
    },
    handler: async ({ query, services }) => reportLicenceUsage(services.stores, query),
  }),
  defineRoute({
    id: 'loadLicences',
    method: 'POST',
    path: '/api/v1/licences/load',
    summary:
      'Load licence entitlements like tollgate licences load; each needs a loaded contract; one bad licence refuses all',
    tag: 'licences',
    permission: 'sources:write',
    body: z
      .object({
        licences: z
          .array(record.describe('licence fields as in examples/contracts/licences.schema.json'))
          .max(100_000),
      })
      .strict(),
    response: registerChangeSchema,
    errors: {
      409: 'No catalogue is applied (CATALOG_MISSING)',
      422: 'A licence is not valid or names no loaded contract (LICENCE_INVALID); nothing was saved',
    },
    handler: async ({ body, principal, actor, services }) =>
      loadLicences(
        services.stores,
        body.licences,
        { what: 'The licences sent', firstLine: null },
        principal!.name,
        auditRecorder(services.stores, actor),
      ),
  }),
  defineRoute({
    id: 'loadLicenceUsage',
    method: 'POST',
    path: '/api/v1/licences/usage',
    summary:
      'Load who held licences as of a day (licenceId, assignee, team, quantity, asOf); each licence and day gets this snapshot, replacing that day’s',
    tag: 'licences',
    permission: 'sources:write',
    body: z
      .object({
        usage: z.array(record.describe('licenceId, assignee, team, quantity, asOf')).max(1_000_000),
        asOf: z.string().max(10).optional().describe('YYYY-MM-DD for rows without asOf (default today UTC)'),
      })
      .strict(),
    response: registerChangeSchema,
    errors: {
      409: 'No catalogue is applied (CATALOG_MISSING)',
      422: 'A row is not valid, or names an unknown licence or team (USAGE_INVALID); nothing was saved',
    },
    handler: async ({ body, principal, actor, services }) =>
      loadLicenceUsage(
        services.stores,
        body.usage,
        { what: 'The usage sent', firstLine: null },
        principal!.name,
        auditRecorder(services.stores, actor),
        body.asOf === undefined ? {} : { asOf: body.asOf },
      ),
  }),
  defineRoute({
    id: 'postLicenceCosts',
    method: 'POST',
    path: '/api/v1/licences/costs',
    summary:
      'Post licence cost up to a month as cost lines split among the teams holding them, like tollgate licences post (an audited load)',
    tag: 'licences',
    permission: 'sources:write',
    body: z.object({ through: z.string().max(7).describe('last month to post, YYYY-MM') }).strict(),
    response: postedLicenceCostSchema,
    errors: {
      400: 'through is not a month (LICENCE_BAD_MONTH)',
      409: 'No licence term starts by that month (LICENCES_NOTHING_TO_POST)',
    },
    handler: async ({ body, actor, services }) =>
      postLicenceCosts(services.stores, {
        through: body.through,
        recordChange: auditRecorder(services.stores, actor),
      }),
  }),
];
