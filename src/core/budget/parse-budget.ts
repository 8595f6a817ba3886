import { z } from 'zod';
import {
  type CostFilter,
  isOwnerDimension,
  mergeFilters,
  type OwnerDimension,
  parseFilter,
  parseMetric,
} from '../costs/cost-query.js';
import { isKnownCurrency } from '../currency-codes.js';
import { TollgateError } from '../errors.js';
import { isDecimalText, parseMoney } from '../money.js';
import {
  type Budget,
  type BudgetScope,
  type BudgetThreshold,
  COST_CLASSES,
  DEFAULT_BURN_RATE,
  DEFAULT_THRESHOLDS,
  OWNER_KINDS,
  type OwnerKind,
  PERIOD_KINDS,
} from './budget-model.js';

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Owner kinds as cost query dimensions (the catalogue's service is `catalog-service` there). */
const OWNER_DIMENSION_OF: Record<OwnerKind, OwnerDimension> = {
  team: 'team',
  service: 'catalog-service',
  'cost-centre': 'cost-centre',
  'business-unit': 'business-unit',
  environment: 'environment',
};

function invalid(message: string): never {
  throw new TollgateError('BUDGET_INVALID', message, 'invalid-input');
}

/**
 * Parses one scope term: `dim=value` as in `tollgate costs --filter` (service=..., tag:team=...),
 * or `owner:<kind>=<id>` for an owner from the catalogue (team, service, cost-centre,
 * business-unit, environment).
 */
export function parseScopeTerms(terms: readonly string[]): BudgetScope {
  const filters: CostFilter[] = [];
  let owner: BudgetScope['owner'];
  for (const term of terms) {
    const match = /^owner:([a-z-]+)=(.*)$/.exec(term.trim());
    if (match) {
      const kind = match[1]!;
      if (!(OWNER_KINDS as readonly string[]).includes(kind))
        throw new TollgateError(
          'BUDGET_UNKNOWN_SCOPE',
          `Unknown owner kind '${kind}' in scope '${term}'. Use owner:<kind>=<id> with kind one of: ${OWNER_KINDS.join(', ')}.`,
          'usage',
        );
      if (owner) invalid(`A budget has at most one owner; '${term}' is a second one.`);
      if (match[2]!.trim() === '') invalid(`Scope '${term}' names no owner id.`);
      owner = { kind: kind as OwnerKind, id: match[2]!.trim() };
      // The owner is a filter on allocated lines, the same mechanism as tags and columns.
      filters.push({ dimension: OWNER_DIMENSION_OF[owner.kind], values: [owner.id] });
      continue;
    }
    try {
      filters.push(parseFilter(term));
    } catch (error) {
      if (error instanceof TollgateError)
        throw new TollgateError('BUDGET_UNKNOWN_SCOPE', `Scope '${term}': ${error.message}`, 'usage');
      throw error;
    }
  }
  if (filters.length === 0 && !owner)
    invalid(
      'A budget needs a scope: one or more dim=value terms (for example tag:team=payments or service=Amazon EC2).',
    );
  return owner ? { filters: mergeFilters(filters), owner } : { filters: mergeFilters(filters) };
}

/** `actual:50`, `forecast:80`: the basis and the percent of the budget. */
export function parseThreshold(text: string): BudgetThreshold {
  const match = /^(actual|forecast):(\d+(\.\d+)?)%?$/.exec(text.trim());
  if (!match || Number(match[2]) <= 0 || Number(match[2]) > 1000)
    invalid(
      `Threshold '${text}' is not basis:percent; write for example actual:50 or forecast:100 (1-1000).`,
    );
  return { basis: match[1] as BudgetThreshold['basis'], percent: Number(match[2]) };
}

const burnRateSchema = z
  .object({
    pageFastBurn: z.number().positive().max(1000),
    pageSlowBurn: z.number().positive().max(1000),
    ticketSlowBurn: z.number().positive().max(1000),
    ticketMinElapsedDays: z.number().int().min(0).max(366),
  })
  .partial()
  .strict();

/** What a user writes, on the command line or in budgets.yaml. */
export const budgetInputSchema = z
  .object({
    name: z.string(),
    scope: z.union([z.string(), z.array(z.string())]),
    period: z.enum(PERIOD_KINDS).default('month'),
    fiscalYearStartMonth: z.number().int().min(1).max(12).default(1),
    amount: z.union([z.string(), z.number()]),
    currency: z.string(),
    metric: z.string().default('effective'),
    class: z.enum(COST_CLASSES).default('opex'),
    thresholds: z.array(z.string()).optional(),
    burnRate: burnRateSchema.optional(),
  })
  .strict();

export type BudgetInput = z.input<typeof budgetInputSchema>;

/** Validates a budget as the user wrote it; every rule says what to write instead. */
export function parseBudget(input: unknown, where = 'budget'): Budget {
  const parsed = budgetInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    invalid(`${where}: ${issue.path.join('.') || 'entry'}: ${issue.message}.`);
  }
  const value = parsed.data;
  if (!NAME.test(value.name))
    invalid(`${where}: name '${value.name}' must be lower-case letters, digits, '.', '_' or '-' (1-64).`);
  const amountText = String(value.amount).trim();
  if (!isDecimalText(amountText)) invalid(`${where}: amount '${amountText}' is not a decimal number.`);
  const amount = parseMoney(amountText);
  if (amount.lte(0))
    invalid(`${where}: amount ${amountText} must be greater than zero; a budget is money you may spend.`);
  const currency = value.currency.trim().toUpperCase();
  if (!isKnownCurrency(currency)) invalid(`${where}: currency '${value.currency}' is not an ISO 4217 code.`);
  const scope = parseScopeTerms(Array.isArray(value.scope) ? value.scope : [value.scope]);
  const metric = parseMetric(value.metric);
  if (
    scope.filters.some((f) => isOwnerDimension(f.dimension)) &&
    metric !== 'billed' &&
    metric !== 'effective'
  )
    invalid(
      `${where}: an owner scope is measured on allocated cost, which has billed and effective cost only; measure it on effective or billed cost.`,
    );
  return {
    name: value.name,
    scope,
    period: value.period,
    fiscalYearStartMonth: value.fiscalYearStartMonth,
    amount: amount.toString(),
    currency,
    metric,
    costClass: value.class,
    thresholds: value.thresholds ? value.thresholds.map(parseThreshold) : DEFAULT_THRESHOLDS,
    burnRate: { ...DEFAULT_BURN_RATE, ...value.burnRate },
  };
}

/** The scope as the user would write it again (filters, then the owner). */
export function formatScope(scope: BudgetScope): string[] {
  const ownerDimension = scope.owner ? OWNER_DIMENSION_OF[scope.owner.kind] : undefined;
  const terms = scope.filters
    .filter((filter) => filter.dimension !== ownerDimension)
    .flatMap((filter) => filter.values.map((value) => `${filter.dimension}=${value ?? ''}`));
  if (scope.owner) terms.push(`owner:${scope.owner.kind}=${scope.owner.id}`);
  return terms;
}
