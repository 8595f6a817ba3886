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
import type { AllocationRun } from '../ports/allocation-run-store.js';
import type { RuleSetVersion } from '../ports/allocation-stores.js';
import { decimalText } from './api-schemas.js';
import { budgetStatusSchema, costForecastSchema, scopeSeriesSchema } from './forecast-schemas.js';
import { ruleChangeSchema, ruleSetSchema } from './rule-set-schemas.js';

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
  period: z.enum(['month', 'quarter', 'fiscal-year']),
  fiscalYearStartMonth: z.number().int(),
  amount: decimalText,
  currency: z.string(),
  metric: z.enum(['billed', 'effective', 'list', 'contracted']),
  class: z.enum(['opex', 'capex']),
  thresholds: z.array(z.string()),
  burnRate: z.object({
    pageFastBurn: z.number(),
    pageSlowBurn: z.number(),
    ticketSlowBurn: z.number(),
    ticketMinElapsedDays: z.number(),
  }),
}) satisfies z.ZodType<Budget>;

export const budgetStatusReportSchema = z.object({
  status: budgetStatusSchema,
  forecast: costForecastSchema.nullable(),
  scopeKey: z.string(),
  series: scopeSeriesSchema,
}) satisfies z.ZodType<BudgetStatusReport>;

export const scopeForecastSchema = z.object({
  scopeKey: z.string(),
  group: z.string().nullable(),
  currency: z.string(),
  historyFrom: z.string(),
  dataThrough: z.string(),
  forecast: costForecastSchema,
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
  kind: z.enum(['burn-rate', 'threshold', 'anomaly', 'renewal']),
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

/** A billed and an effective amount, as every statement line and total carries them. */
const amounts = { billedCost: decimalText, effectiveCost: decimalText };

type Statement = Result<typeof buildStatement>;
export const statementSchema = z.object({
  team: z.object({
    id: z.string(),
    name: z.string(),
    costCentre: z.string(),
    businessUnit: z.string().nullable(),
  }),
  period: z.string(),
  model: z.enum(['showback', 'full', 'partial']),
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
  currencies: z.array(
    z.object({
      currency: z.string(),
      direct: z.array(
        z.object({
          service: z.string().nullable(),
          provider: z.string().nullable(),
          providerService: z.string().nullable(),
          ...amounts,
        }),
      ),
      shared: z.array(
        z.object({
          ruleId: z.string(),
          method: z.string(),
          driver: z.string().nullable(),
          ...amounts,
        }),
      ),
      adjustments: z.array(
        z.object({
          provider: z.string().nullable(),
          providerService: z.string().nullable(),
          ...amounts,
        }),
      ),
      credits: z.array(
        z.object({
          provider: z.string().nullable(),
          providerService: z.string().nullable(),
          ...amounts,
        }),
      ),
      environments: z.array(z.object({ environment: z.string().nullable(), ...amounts })),
      totals: z.object({
        direct: z.object(amounts),
        shared: z.object(amounts),
        adjustments: z.object(amounts),
        credits: z.object(amounts),
        total: z.object(amounts),
      }),
      recovery: z.object({
        charged: z.string(),
        subsidised: z.string(),
      }),
    }),
  ),
  conversion: z
    .object({
      currency: z.string(),
      rateBasis: z.literal('day'),
      rounding: z.string(),
      byCurrency: z.array(
        z.object({
          currency: z.string(),
          ...amounts,
          convertedBilledCost: decimalText,
          convertedEffectiveCost: decimalText,
        }),
      ),
    })
    .nullable()
    .describe('set when a reporting currency was asked: each billing currency and its converted sums'),
}) satisfies z.ZodType<Statement>;

type Quality = Result<typeof measureQuality>;
export const qualitySchema = z.object({
  period: z.string(),
  metric: z.literal('effective'),
  lineCount: z.number().int(),
  totals: z.array(
    z.object({
      currency: z.string(),
      effectiveCost: z.string(),
    }),
  ),
  tagCoverage: z.array(
    z.object({
      total: z.string(),
      percent: z.string(),
      tag: z.string(),
      currency: z.string(),
      taggedCost: z.string(),
    }),
  ),
  unallocated: z
    .array(
      z.object({
        currency: z.string(),
        unallocatedCost: z.string(),
        total: z.string(),
        percent: z.string(),
        goalPercent: z.string(),
        withinGoal: z.boolean().nullable(),
      }),
    )
    .nullable(),
  allocationRun: z.object({ id: z.number().int(), ruleSetVersion: z.number().int() }).nullable(),
  unknownTagValues: z.array(
    z.object({
      tag: z.string(),
      value: z.string(),
      currency: z.string(),
      effectiveCost: z.string(),
    }),
  ),
  unplacedEnvironmentTags: z
    .array(
      z.object({
        tag: z.string(),
        value: z.string(),
        names: z.string().nullable(),
        currency: z.string(),
        effectiveCost: z.string(),
      }),
    )
    .nullable(),
  untaggedResources: z.array(
    z.object({
      resourceId: z.string().nullable(),
      serviceName: z.string().nullable(),
      currency: z.string(),
      effectiveCost: z.string(),
    }),
  ),
}) satisfies z.ZodType<Quality>;

const ownerSourceTotalSchema = z.object({
  owner: z.string().nullable(),
  currency: z.string(),
  source: z.enum(['rule', 'mapping', 'unallocated']),
  ruleId: z.string().nullable(),
  billedCost: decimalText,
  effectiveCost: decimalText,
});

const allocationRunSchema = z.object({
  id: z.number(),
  period: z.string(),
  startedAt: z.string(),
  runBy: z.string(),
  status: z.enum(['current', 'replaced']),
  ruleSetVersion: z.number(),
  catalogVersion: z.number(),
  loadIds: z.array(z.number()),
  lineCount: z.number(),
  totals: z.array(
    z.object({
      currency: z.string(),
      ingested: z.object({
        currency: z.string(),
        ...amounts,
      }),
      allocated: z.object({
        currency: z.string(),
        ...amounts,
      }),
      unallocated: z.object({
        currency: z.string(),
        ...amounts,
      }),
    }),
  ),
  emptySplits: z.array(
    z.object({
      period: z.string(),
      currency: z.string(),
      ruleId: z.string(),
      reason: z.string(),
    }),
  ),
  ownerSources: z
    .array(
      z.object({
        dimension: z.enum(['team', 'service', 'cost_centre', 'business_unit', 'environment']),
        totals: z.array(ownerSourceTotalSchema),
      }),
    )
    .nullable(),
}) satisfies z.ZodType<AllocationRun>;

type Periods = Result<typeof listPeriods>;
export const periodsSchema = z.object({
  closed: z.array(
    z.object({
      period: z.string(),
      closedAt: z.string(),
      closedBy: z.string(),
    }),
  ),
  runs: z.array(allocationRunSchema),
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
  catalog: z.object({
    businessUnits: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        parent: z.string().optional(),
      }),
    ),
    costCentres: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        businessUnit: z.string(),
      }),
    ),
    teams: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        costCentre: z.string(),
        parent: z.string().optional(),
      }),
    ),
    services: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        ownerTeam: z.string(),
        costCentre: z.string(),
        criticality: z.enum(['low', 'medium', 'high', 'critical']),
        environments: z.array(z.string()),
      }),
    ),
    environments: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        production: z.boolean(),
      }),
    ),
  }),
}) satisfies z.ZodType<CatalogVersion>;

export const ruleSetVersionSchema = z.object({
  version: z.number().int(),
  appliedAt: z.string(),
  appliedBy: z.string(),
  effectiveFrom: z.string(),
  sourcePath: z.string(),
  restoredFrom: z.number().int().nullable(),
  yamlText: z.string(),
  ruleSet: ruleSetSchema,
}) satisfies z.ZodType<RuleSetVersion>;

type Diff = Result<typeof diffRuleVersions>;
const versionPoint = z.object({ version: z.number().int(), effectiveFrom: z.string() });
export const ruleDiffSchema = z.object({
  from: versionPoint,
  to: versionPoint,
  effectiveFromChanged: z.boolean(),
  tagKeysChanged: z.boolean(),
  changes: z.array(ruleChangeSchema),
}) satisfies z.ZodType<Diff>;

export const restoredRulesSchema = z.object({
  version: ruleSetVersionSchema,
  frozenPeriods: z.array(z.string()),
}) satisfies z.ZodType<Result<typeof restoreRuleVersion>>;

type Preview = Result<typeof previewRules>;
export const rulePreviewSchema = z.object({
  period: z.string(),
  dimension: z.enum(['team', 'service', 'cost_centre', 'business_unit', 'environment']),
  currentVersion: z.number().int().nullable(),
  moves: z.array(
    z.object({
      owner: z.string().nullable(),
      currency: z.string(),
      before: z.string(),
      after: z.string(),
      change: z.string(),
    }),
  ),
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
  emptySplits: z.array(
    z.object({
      period: z.string(),
      currency: z.string(),
      ruleId: z.string(),
      reason: z.string(),
    }),
  ),
  sources: z.array(ownerSourceTotalSchema),
  warnings: z.array(z.string()),
}) satisfies z.ZodType<Preview>;

type Explain = Result<typeof explainAllocation>;
export const explainSchema = z.object({
  period: z.string(),
  dimension: z.enum(['team', 'service', 'cost_centre', 'business_unit', 'environment']),
  owner: z.string(),
  run: allocationRunSchema,
  rules: z.array(
    z.object({
      kind: z.enum(['unallocated', 'shared', 'direct']),
      ruleId: z.string().nullable(),
      method: z.string().nullable(),
      driver: z.string().nullable(),
      currency: z.string(),
      lines: z.number(),
      ...amounts,
      environmentFrom: z.enum(['rule', 'tag']).nullable(),
    }),
  ),
  lines: z.array(
    z.object({
      loadId: z.number(),
      sourceFile: z.string(),
      sourceRow: z.number(),
      providerName: z.string().nullable(),
      serviceName: z.string().nullable(),
      resourceId: z.string().nullable(),
      chargeCategory: z.string().nullable(),
      kind: z.string(),
      ruleId: z.string().nullable(),
      currency: z.string(),
      ...amounts,
    }),
  ),
}) satisfies z.ZodType<Explain>;
