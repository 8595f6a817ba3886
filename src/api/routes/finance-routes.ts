import { z } from 'zod';
import { acknowledgeAlertAudited } from '../../app/alerting/audited-alert-writes.js';
import { buildStatement } from '../../app/allocation/build-statement.js';
import { listPeriods } from '../../app/allocation/manage-periods.js';
import { diffRuleVersions, restoreRuleVersion } from '../../app/allocation/manage-rules.js';
import {
  defaultRequiredTags,
  maskUntaggedResources,
  measureQuality,
} from '../../app/allocation/measure-quality.js';
import { writeStatementPdf } from '../../app/allocation/statement-pdf.js';
import { reportBudgetStatus, todayUtc } from '../../app/budget/budget-status-report.js';
import { describeBudget, requireBudget } from '../../app/budget/manage-budgets.js';
import { reportBudgetStatusesInCurrency } from '../../app/budget/report-budget-statuses-in-currency.js';
import { reportNamedBudgetStatuses } from '../../app/budget/report-named-budget-statuses.js';
import { forecastCosts, parseHorizon } from '../../app/forecast/forecast-costs.js';
import { forecastCostsInCurrency } from '../../app/forecast/forecast-costs-in-currency.js';
import { allocationJobRequest } from '../../app/jobs/allocation-job.js';
import { canSeeDetail } from '../../core/access/roles.js';
import { CHARGEBACK_MODELS } from '../../core/allocation/team-statement.js';
import { COST_METRICS, parseFilter } from '../../core/costs/cost-query.js';
import { TollgateError } from '../../core/errors.js';
import { idParams, jobSchema, queryFlag } from '../api-schemas.js';
import { budgetConversionSchema, forecastAnswerSchema } from '../converted-answer-schemas.js';
import {
  alertSchema,
  budgetSchema,
  budgetStatusReportSchema,
  catalogVersionSchema,
  periodsSchema,
  qualitySchema,
  restoredRulesSchema,
  ruleDiffSchema,
  ruleSetVersionSchema,
  statementSchema,
} from '../finance-schemas.js';
import { keptAnswer } from '../kept-answers.js';
import { defineRoute } from '../route-spec.js';

const manyStrings = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));
const period = z.string().min(7).max(20).describe('a month, YYYY-MM');

const statementQuery = z.object({
  team: z.string().min(1).max(200),
  period,
  model: z.enum(CHARGEBACK_MODELS).default('showback'),
  subsidy: z.string().max(20).optional().describe('share paid centrally under the partial model, e.g. 0.25'),
  currency: z
    .string()
    .max(10)
    .optional()
    .describe("reporting currency (ISO 4217): every line converted at its charge day's rate"),
});

export const financeRoutes = [
  defineRoute({
    id: 'startAllocationRun',
    method: 'POST',
    path: '/api/v1/allocation/runs',
    summary: 'Allocate a period or range (YYYY-MM or YYYY-MM..YYYY-MM) as a job; answers 202 with the job',
    tag: 'allocation',
    permission: 'allocation:run',
    body: z.object({ period: z.string().min(7).max(20) }).strict(),
    status: 202,
    response: jobSchema,
    handler: async ({ body, actor, services, reply }) => {
      const job = await services.jobs.enqueue(
        allocationJobRequest(actor.name, body.period, {
          name: actor.name,
          tokenId: actor.tokenId,
          address: actor.address,
        }),
      );
      reply.header('location', `/api/v1/jobs/${job.id}`);
      return job;
    },
  }),
  defineRoute({
    id: 'listPeriods',
    method: 'GET',
    path: '/api/v1/periods',
    summary: 'Closed periods and the current allocation run of each period',
    tag: 'allocation',
    permission: 'sources:read',
    response: periodsSchema,
    handler: async ({ services }) => listPeriods(services.stores),
  }),
  defineRoute({
    id: 'getStatement',
    method: 'GET',
    path: '/api/v1/statements',
    summary: 'A team statement for a month: showback or chargeback (full, partial with a subsidy)',
    tag: 'allocation',
    permission: 'costs:read',
    query: statementQuery,
    response: statementSchema,
    errors: { 409: 'A charge day has no exchange rate into the asked currency (RATE_MISSING)' },
    handler: async ({ query, services }) => buildStatement(services.stores, query),
  }),
  defineRoute({
    id: 'getStatementPdf',
    method: 'GET',
    path: '/api/v1/statements/pdf',
    summary:
      'A team statement for a month as a PDF (application/pdf): the lines and totals of the CSV with their currency, the period and the rule set version',
    tag: 'allocation',
    permission: 'costs:read',
    raw: true,
    query: statementQuery,
    response: z.string(),
    errors: { 409: 'A charge day has no exchange rate into the asked currency (RATE_MISSING)' },
    handler: async ({ query, services, reply }) => {
      const statement = await buildStatement(services.stores, query);
      reply.header('content-type', 'application/pdf');
      reply.header(
        'content-disposition',
        `attachment; filename="statement-${statement.team.id}-${statement.period}.pdf"`,
      );
      reply.header('x-tollgate-allocation-run', String(statement.run.id));
      reply.header('x-tollgate-rule-set-version', String(statement.run.ruleSetVersion));
      await reply.send(await writeStatementPdf(statement));
      return undefined;
    },
  }),
  defineRoute({
    id: 'getQuality',
    method: 'GET',
    path: '/api/v1/quality',
    summary:
      'Allocation quality for a month: tag coverage, unallocated ratio, unknown tag values, untagged resources',
    tag: 'allocation',
    permission: 'sources:read',
    query: z.object({
      period,
      requiredTag: manyStrings.describe(
        'a tag every line should carry; repeatable (default: the owner tag, service, environment)',
      ),
      top: z.coerce.number().int().min(1).max(1000).default(10),
    }),
    response: qualitySchema,
    handler: async ({ query, principal, services, reply }) => {
      const report = await measureQuality(
        services.stores,
        {
          period: query.period,
          requiredTags:
            query.requiredTag.length > 0 ? query.requiredTag : defaultRequiredTags(services.config.ownerTag),
          top: query.top,
        },
        { requiredTags: 'requiredTag' },
      );
      if (principal && canSeeDetail(principal.role, principal.scopes, [])) return report;
      reply.header('x-tollgate-masked', 'resource');
      return maskUntaggedResources(report);
    },
  }),
  defineRoute({
    id: 'getCatalog',
    method: 'GET',
    path: '/api/v1/catalog',
    summary: 'The current service catalogue (teams, services, environments, owners)',
    tag: 'allocation',
    permission: 'costs:read',
    response: catalogVersionSchema,
    errors: { 404: 'No catalogue applied (CATALOG_MISSING)' },
    handler: async ({ services }) => {
      const current = await services.stores.catalog.currentCatalog();
      if (!current)
        throw new TollgateError(
          'CATALOG_MISSING',
          'No service catalogue has been applied yet; apply one with POST /api/v1/catalog.',
          'not-found',
        );
      return current;
    },
  }),
  defineRoute({
    id: 'listBudgets',
    method: 'GET',
    path: '/api/v1/budgets',
    summary: 'Budgets as written in budgets.yaml',
    tag: 'budgets',
    permission: 'budgets:read',
    response: z.array(budgetSchema),
    handler: async ({ services }) => (await services.stores.budgets.listBudgets()).map(describeBudget),
  }),
  defineRoute({
    id: 'getBudgetStatuses',
    method: 'GET',
    path: '/api/v1/budgets/status',
    summary:
      "Every budget's status as of a day in one answer (the same status and forecast as /budgets/:name/status, with grouped queries); a budget that cannot be measured carries its error",
    tag: 'budgets',
    permission: 'budgets:read',
    query: z.object({
      asOf: z.string().max(10).optional().describe('YYYY-MM-DD, default today'),
      budget: manyStrings.describe('only these budgets (repeatable); default all'),
      currency: z
        .string()
        .max(10)
        .default('billing')
        .describe(
          "reporting currency (ISO 4217): each budget measured in it (spend per charge day's rate, the amount at the status's last day's rate); 'billing' (the default): each in its own currency",
        ),
    }),
    response: z.object({
      asOf: z.string(),
      budgets: z.array(
        z.object({
          name: z.string(),
          budget: budgetSchema,
          status: budgetStatusReportSchema.shape.status.nullable(),
          forecast: budgetStatusReportSchema.shape.forecast,
          scopeKey: z.string().nullable(),
          error: z.object({ code: z.string(), message: z.string() }).nullable(),
          conversion: budgetConversionSchema
            .nullable()
            .describe("how the budget was restated in the asked currency; null in the budget's own"),
        }),
      ),
    }),
    errors: {
      400: 'asOf is not a date (BUDGET_BAD_DATE), or currency is not an ISO 4217 code (CURRENCY_UNKNOWN)',
      404: 'A budget asked for does not exist (BUDGET_NOT_FOUND)',
    },
    handler: async ({ query, services }) => {
      const asOf = query.asOf ?? todayUtc();
      if (query.currency !== 'billing')
        return reportBudgetStatusesInCurrency(
          services.stores,
          query.budget,
          asOf,
          services.config.rateBasis,
          query.currency,
        );
      const answer = await reportNamedBudgetStatuses(
        services.stores,
        query.budget,
        asOf,
        services.config.rateBasis,
      );
      return { ...answer, budgets: answer.budgets.map((entry) => ({ ...entry, conversion: null })) };
    },
  }),
  defineRoute({
    id: 'getBudgetStatus',
    method: 'GET',
    path: '/api/v1/budgets/:name/status',
    summary: 'Spend against a budget in its period as of a day: actual, forecast, thresholds',
    tag: 'budgets',
    permission: 'budgets:read',
    params: z.object({ name: z.string().min(1).max(200) }),
    query: z.object({ asOf: z.string().max(10).optional().describe('YYYY-MM-DD, default today') }),
    response: budgetStatusReportSchema,
    handler: async ({ params, query, services }) => {
      const budget = await requireBudget(services.stores, params.name);
      return reportBudgetStatus(
        services.stores,
        budget,
        query.asOf ?? todayUtc(),
        {},
        services.config.rateBasis,
      );
    },
  }),
  defineRoute({
    id: 'getForecast',
    method: 'GET',
    path: '/api/v1/forecasts',
    summary: 'Forecast spend per scope with intervals (not saved; tollgate forecast --save keeps snapshots)',
    tag: 'budgets',
    permission: 'budgets:read',
    query: z.object({
      filter: manyStrings.describe('dimension=value, repeatable'),
      metric: z.enum(COST_METRICS).default('effective'),
      horizon: z.string().max(10).default('90d'),
      history: z.string().max(10).default('182d'),
      asOf: z.string().max(10).optional(),
      currency: z
        .string()
        .max(10)
        .default('billing')
        .describe(
          "reporting currency (ISO 4217): every billing currency's forecast converted at the last known rate (the data's last charge day) and added up; 'billing' (the default) forecasts each billing currency apart",
        ),
    }),
    response: z.array(forecastAnswerSchema),
    errors: { 409: "The data's last charge day has no exchange rate into the asked currency (RATE_MISSING)" },
    handler: async ({ query, services }) => {
      const request = {
        filters: query.filter.map((text) => parseFilter(text)),
        metric: query.metric,
        horizon: parseHorizon(query.horizon),
        historyDays: parseHorizon(query.history),
        ...(query.asOf ? { asOf: query.asOf } : {}),
      };
      // Fitting the models is the slow part (not the read): an unchanged bill gives the same answer.
      return keptAnswer(
        services.cachedStores,
        `forecasts:${JSON.stringify([request, query.currency])}`,
        async () => {
          if (query.currency !== 'billing')
            return forecastCostsInCurrency(
              services.stores,
              request,
              query.currency,
              services.config.rateBasis,
            );
          const forecasts = await forecastCosts(services.stores, { ...request, save: false });
          return forecasts.map((forecast) => ({ ...forecast, conversion: null }));
        },
      );
    },
  }),
  defineRoute({
    id: 'listAlerts',
    method: 'GET',
    path: '/api/v1/alerts',
    summary: 'Open alerts (all with ?all), optionally for one budget',
    tag: 'budgets',
    permission: 'budgets:read',
    query: z.object({ all: queryFlag, budget: z.string().max(200).optional() }),
    response: z.array(alertSchema),
    handler: async ({ query, services }) =>
      services.stores.alerts.listAlerts({
        all: query.all,
        ...(query.budget ? { budget: query.budget } : {}),
      }),
  }),
  defineRoute({
    id: 'acknowledgeAlert',
    method: 'POST',
    path: '/api/v1/alerts/:id/acknowledge',
    summary: 'Acknowledge an open alert as the token user (audited)',
    tag: 'budgets',
    permission: 'budgets:write',
    params: idParams,
    response: alertSchema,
    handler: async ({ params, principal, actor, services }) =>
      acknowledgeAlertAudited(services.stores, { actor, principal: principal! }, params.id),
  }),
  defineRoute({
    id: 'listRuleVersions',
    method: 'GET',
    path: '/api/v1/rules/versions',
    summary: 'Every applied rule set version, with when it takes effect and who applied it',
    tag: 'allocation',
    permission: 'sources:read',
    response: z.array(ruleSetVersionSchema.omit({ yamlText: true, ruleSet: true })),
    handler: async ({ services }) => services.stores.allocation.rules.listRuleSetVersions(),
  }),
  defineRoute({
    id: 'diffRuleVersions',
    method: 'GET',
    path: '/api/v1/rules/diff',
    summary: 'What changed between two rule set versions',
    tag: 'allocation',
    permission: 'sources:read',
    query: z.object({ from: z.string().min(1).max(20), to: z.string().min(1).max(20) }),
    response: ruleDiffSchema,
    handler: async ({ query, services }) => diffRuleVersions(services.stores, query.from, query.to),
  }),
  defineRoute({
    id: 'restoreRuleVersion',
    method: 'POST',
    path: '/api/v1/rules/versions/:id/restore',
    summary: 'Apply an earlier rule set version again as a new version (history is kept; audited)',
    tag: 'allocation',
    permission: 'allocation:run',
    params: idParams,
    body: z
      .object({ effectiveFrom: z.string().max(20).optional() })
      .strict()
      .optional(),
    status: 201,
    response: restoredRulesSchema,
    handler: async ({ params, body, actor, services }) =>
      restoreRuleVersion(services.stores, params.id, {
        actor,
        effectiveFrom: body?.effectiveFrom || undefined,
      }),
  }),
];
