import { z } from 'zod';
import { diffBudgetHistory, listBudgetHistory } from '../../app/budget/budget-history.js';
import { describeBudget, removeBudget, setBudget } from '../../app/budget/manage-budgets.js';
import { decimalText } from '../api-schemas.js';
import { budgetSchema } from '../finance-schemas.js';
import { defineRoute } from '../route-spec.js';

const nameParams = z.object({ name: z.string().min(1).max(64).describe('budget name') });
const version = z.coerce.number().int().min(1).max(1_000_000);

const budgetBody = z
  .object({
    scope: z
      .array(z.string().min(1).max(500))
      .min(1)
      .max(50)
      .describe('cost lines it covers, as costs filters (tag:team=payments) or owner:team=<id>'),
    period: z.enum(['month', 'quarter', 'fiscal-year']).optional(),
    fiscalYearStartMonth: z.number().int().min(1).max(12).optional(),
    amount: decimalText.describe('amount per period, exact decimal text, greater than zero'),
    currency: z.string().min(3).max(3),
    metric: z.enum(['billed', 'effective', 'list', 'contracted']).optional(),
    class: z.enum(['opex', 'capex']).optional(),
    thresholds: z.array(z.string().max(40)).max(20).optional().describe('basis:percent, e.g. forecast:100'),
    burnRate: z
      .object({
        pageFastBurn: z.number().positive().max(1000),
        pageSlowBurn: z.number().positive().max(1000),
        ticketSlowBurn: z.number().positive().max(1000),
        ticketMinElapsedDays: z.number().int().min(0).max(366),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

const budgetVersionSchema = z.object({
  version: z.number().int(),
  changedBy: z.string(),
  changedAt: z.string(),
  change: z.enum(['created', 'updated', 'removed']),
  budget: budgetSchema.nullable(),
});

/** Budgets written over HTTP (versioned and audited, as the CLI writes them) and their history. */
export const budgetWriteRoutes = [
  defineRoute({
    id: 'putBudget',
    method: 'PUT',
    path: '/api/v1/budgets/:name',
    summary: 'Create or replace a budget (a new version; budget owners: only budgets of their teams)',
    tag: 'budgets',
    permission: 'budgets:write',
    params: nameParams,
    body: budgetBody,
    response: z.object({
      action: z.enum(['created', 'updated']),
      version: z.number().int(),
      budget: budgetSchema,
    }),
    errors: {
      422: 'The budget is not valid or matches no cost lines (BUDGET_INVALID, BUDGET_UNKNOWN_SCOPE)',
    },
    handler: async ({ params, body, principal, actor, services }) => {
      const result = await setBudget(services.stores, { name: params.name, ...body }, actor, principal);
      return { action: result.action, version: result.version, budget: describeBudget(result.budget) };
    },
  }),
  defineRoute({
    id: 'removeBudget',
    method: 'DELETE',
    path: '/api/v1/budgets/:name',
    summary: 'Remove a budget; its history keeps a last version that records the removal',
    tag: 'budgets',
    permission: 'budgets:write',
    params: nameParams,
    response: z.object({ name: z.string(), version: z.number().int() }),
    errors: { 404: 'No such budget (BUDGET_NOT_FOUND)' },
    handler: async ({ params, principal, actor, services }) =>
      removeBudget(services.stores, params.name, actor, principal),
  }),
  defineRoute({
    id: 'listBudgetVersions',
    method: 'GET',
    path: '/api/v1/budgets/:name/versions',
    summary: 'Every version of a budget, oldest first: who saved or removed it, when, and what it was',
    tag: 'budgets',
    permission: 'budgets:read',
    params: nameParams,
    response: z.array(budgetVersionSchema),
    errors: { 404: 'No budget of this name was ever saved (BUDGET_NOT_FOUND)' },
    handler: async ({ params, services }) => listBudgetHistory(services.stores, params.name),
  }),
  defineRoute({
    id: 'diffBudgetVersions',
    method: 'GET',
    path: '/api/v1/budgets/:name/diff',
    summary: 'What changed in a budget between two versions (default: the latest against the one before)',
    tag: 'budgets',
    permission: 'budgets:read',
    params: nameParams,
    query: z.object({
      from: version.optional().describe('the earlier version (default: the one before to)'),
      to: version.optional().describe('the later version (default: the latest)'),
    }),
    response: z.object({
      name: z.string(),
      from: z.number().int(),
      to: z.number().int(),
      changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
    }),
    errors: {
      404: 'No such budget or version (BUDGET_NOT_FOUND, BUDGET_VERSION_NOT_FOUND)',
      422: 'from is not earlier than to (BUDGET_VERSION_ORDER)',
    },
    handler: async ({ params, query, services }) =>
      diffBudgetHistory(
        services.stores,
        params.name,
        { from: query.from, to: query.to },
        { from: 'from', to: 'to' },
      ),
  }),
];
