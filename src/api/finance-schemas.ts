import { z } from 'zod';
import type { buildStatement } from '../app/allocation/build-statement.js';
import type { explainAllocation } from '../app/allocation/explain-allocation.js';
import type { closePeriod, listPeriods, reopenPeriod } from '../app/allocation/manage-periods.js';
import type { diffRuleVersions, restoreRuleVersion } from '../app/allocation/manage-rules.js';
import type { measureQuality } from '../app/allocation/measure-quality.js';
import type { previewRules } from '../app/allocation/preview-rules.js';
import type { BudgetStatusReport } from '../app/budget/budget-status-report.js';
import type { describeBudget } from '../app/budget/manage-budgets.js';
import type { ScopeForecast } from '../app/forecast/forecast-costs.js';
import { ALERT_SEVERITIES, type AlertRecord } from '../core/alerting/alert-model.js';
import type { CatalogVersion } from '../core/catalog/catalog-model.js';
import type { RuleSetVersion } from '../ports/allocation-stores.js';
import { corePart, decimalText } from './api-schemas.js';

/**
 * Response schemas of the finance and allocation routes, each tied by `satisfies` to the type
 * its use case returns: a top-level field added or removed there fails tsc until the schema
 * (and so the OpenAPI document and the dashboard's generated types) follows.
 */
type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

type Budget = ReturnType<typeof describeBudget>;
export const budgetSchema = z.object({
  name: z.string(),
  scope: z.array(z.string()),
  period: corePart<Budget['period']>(),
  fiscalYearStartMonth: z.number().int(),
  amount: decimalText,
  currency: z.string(),
  metric: corePart<Budget['metric']>(),
  class: corePart<Budget['class']>(),
  thresholds: z.array(z.string()),
  burnRate: corePart<Budget['burnRate']>(),
}) satisfies z.ZodType<Budget>;

export const budgetStatusReportSchema = z.object({
  status: corePart<BudgetStatusReport['status']>(),
  forecast: corePart<BudgetStatusReport['forecast']>(),
  scopeKey: z.string(),
  series: corePart<BudgetStatusReport['series']>(),
}) satisfies z.ZodType<BudgetStatusReport>;

export const scopeForecastSchema = z.object({
  scopeKey: z.string(),
  group: z.string().nullable(),
  currency: z.string(),
  historyFrom: z.string(),
  dataThrough: z.string(),
  forecast: corePart<ScopeForecast['forecast']>(),
  total: z.object({
    point: decimalText,
    lo80: decimalText,
    hi80: decimalText,
    lo95: decimalText,
    hi95: decimalText,
  }),
  snapshotId: z.number().int().nullable(),
}) satisfies z.ZodType<ScopeForecast>;

export const alertSchema = z.object({
  id: z.number().int(),
  key: z.string(),
  budget: z.string(),
  kind: z.enum(['burn-rate', 'threshold', 'anomaly']),
  severity: z.enum(ALERT_SEVERITIES),
  title: z.string(),
  details: z.record(z.string(), z.unknown()),
  status: z.enum(['open', 'acknowledged', 'resolved']),
  openedAt: z.string(),
  lastSeenAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  silenced: z.boolean(),
}) satisfies z.ZodType<AlertRecord>;

type Statement = Result<typeof buildStatement>;
export const statementSchema = z.object({
  team: z.object({
    id: z.string(),
    name: z.string(),
    costCentre: z.string(),
    businessUnit: z.string().nullable(),
  }),
  period: z.string(),
  model: corePart<Statement['model']>(),
  subsidyPercent: z.string(),
  metric: z.literal('effective'),
  run: z.object({
    id: z.number().int(),
    ruleSetVersion: z.number().int(),
    catalogVersion: z.number().int(),
    loadIds: z.array(z.number().int()),
    startedAt: z.string(),
  }),
  closed: z.boolean(),
  currencies: z.array(corePart<Statement['currencies'][number]>()),
}) satisfies z.ZodType<Statement>;

type Quality = Result<typeof measureQuality>;
export const qualitySchema = z.object({
  period: z.string(),
  metric: z.literal('effective'),
  lineCount: z.number().int(),
  totals: corePart<Quality['totals']>(),
  tagCoverage: corePart<Quality['tagCoverage']>(),
  unallocated: corePart<Quality['unallocated']>(),
  allocationRun: z.object({ id: z.number().int(), ruleSetVersion: z.number().int() }).nullable(),
  unknownTagValues: corePart<Quality['unknownTagValues']>(),
  untaggedResources: z.array(corePart<Quality['untaggedResources'][number]>()),
}) satisfies z.ZodType<Quality>;

type Periods = Result<typeof listPeriods>;
export const periodsSchema = z.object({
  closed: z.array(corePart<Periods['closed'][number]>()),
  runs: z.array(corePart<Periods['runs'][number]>()),
}) satisfies z.ZodType<Periods>;

export const closedPeriodSchema = z.object({
  period: z.string(),
  closedAt: z.string(),
  closedBy: z.string(),
}) satisfies z.ZodType<Result<typeof closePeriod>>;

type Reopened = Result<typeof reopenPeriod>;
export const reopenedPeriodSchema = z.object({
  period: z.string(),
  reopened: z.boolean(),
  previouslyClosed: closedPeriodSchema,
}) satisfies z.ZodType<Reopened>;

export const catalogVersionSchema = z.object({
  version: z.number().int(),
  contentHash: z.string(),
  appliedAt: z.string(),
  appliedBy: z.string(),
  catalog: corePart<CatalogVersion['catalog']>(),
}) satisfies z.ZodType<CatalogVersion>;

export const ruleSetVersionSchema = z.object({
  version: z.number().int(),
  appliedAt: z.string(),
  appliedBy: z.string(),
  effectiveFrom: z.string(),
  sourcePath: z.string(),
  restoredFrom: z.number().int().nullable(),
  yamlText: z.string(),
  ruleSet: corePart<RuleSetVersion['ruleSet']>(),
}) satisfies z.ZodType<RuleSetVersion>;

type Diff = Result<typeof diffRuleVersions>;
const versionPoint = z.object({ version: z.number().int(), effectiveFrom: z.string() });
export const ruleDiffSchema = z.object({
  from: versionPoint,
  to: versionPoint,
  effectiveFromChanged: z.boolean(),
  tagKeysChanged: z.boolean(),
  changes: z.array(corePart<Diff['changes'][number]>()),
}) satisfies z.ZodType<Diff>;

export const restoredRulesSchema = z.object({
  version: ruleSetVersionSchema,
  frozenPeriods: z.array(z.string()),
}) satisfies z.ZodType<Result<typeof restoreRuleVersion>>;

type Preview = Result<typeof previewRules>;
export const rulePreviewSchema = z.object({
  period: z.string(),
  dimension: corePart<Preview['dimension']>(),
  currentVersion: z.number().int().nullable(),
  moves: z.array(corePart<Preview['moves'][number]>()),
  unallocated: z.array(
    z.object({
      currency: z.string(),
      total: decimalText,
      before: decimalText,
      after: decimalText,
      beforeShare: z.string(),
      afterShare: z.string(),
    }),
  ),
  emptySplits: z.array(corePart<Preview['emptySplits'][number]>()),
  warnings: z.array(z.string()),
}) satisfies z.ZodType<Preview>;

type Explain = Result<typeof explainAllocation>;
export const explainSchema = z.object({
  period: z.string(),
  dimension: corePart<Explain['dimension']>(),
  owner: z.string(),
  run: corePart<Explain['run']>(),
  rules: z.array(corePart<Explain['rules'][number]>()),
  lines: z.array(corePart<Explain['lines'][number]>()),
}) satisfies z.ZodType<Explain>;
