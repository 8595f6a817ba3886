import type { Budget, BudgetScope, BudgetThreshold, BurnRatePolicy } from '../../core/budget/budget-model.js';
import {
  type ColumnDimension,
  type CostMetric,
  type Dimension,
  usesAllocatedLines,
} from '../../core/costs/cost-query.js';
import type { BudgetStore } from '../../ports/budget-store.js';
import type { ChargeClass, ChargeDayCost, ChargeSeriesQuery } from '../../ports/forecast-store.js';
import { buildCostQuerySql } from '../sql/costs/cost-query-sql.js';
import type { DuckDbDatabase } from './duckdb-database.js';
import { duckDbDialect } from './duckdb-dialect.js';
import { DuckDbForecastStore } from './duckdb-forecast-store.js';

interface BudgetRow extends Record<string, unknown> {
  name: string;
  scope: string;
  period_kind: Budget['period'];
  fiscal_year_start_month: number;
  amount: string;
  currency: string;
  metric: CostMetric;
  cost_class: Budget['costClass'];
  thresholds: string;
  burn_rate: string;
}

/** The charge class of a line, as the forecast store's three passes split them. */
const CHARGE_CLASS = `CASE WHEN charge_frequency = 'Recurring' THEN 'recurring'
  WHEN charge_frequency = 'One-Time' THEN 'one-time' ELSE 'usage' END`;
const CLASS_ORDER: ChargeClass[] = ['usage', 'recurring', 'one-time'];

/** Text columns a daily-charges query can borrow to carry the charge class (one it does not use). */
const CARRIERS: { dimension: ColumnDimension; column: string }[] = [
  { dimension: 'pricing-category', column: 'pricing_category' },
  { dimension: 'charge-category', column: 'charge_category' },
  { dimension: 'service-category', column: 'service_category' },
];

const SELECT = `SELECT name, scope, period_kind, fiscal_year_start_month, amount::VARCHAR AS amount, currency, metric,
  cost_class, thresholds, burn_rate FROM budgets`;

function toBudget(row: BudgetRow): Budget {
  return {
    name: row.name,
    scope: JSON.parse(row.scope) as BudgetScope,
    period: row.period_kind,
    fiscalYearStartMonth: Number(row.fiscal_year_start_month),
    amount: row.amount.includes('.') ? row.amount.replace(/\.?0+$/, '') : row.amount,
    currency: row.currency,
    metric: row.metric,
    costClass: row.cost_class,
    thresholds: JSON.parse(row.thresholds) as BudgetThreshold[],
    burnRate: JSON.parse(row.burn_rate) as BurnRatePolicy,
  };
}

export class DuckDbBudgetStore implements BudgetStore {
  constructor(private readonly db: DuckDbDatabase) {}

  async saveBudget(budget: Budget): Promise<'created' | 'updated'> {
    const existing = await this.db.one<{ created_at: string }>(
      'SELECT created_at::VARCHAR AS created_at FROM budgets WHERE name = $name',
      { name: budget.name },
    );
    await this.db.run('DELETE FROM budgets WHERE name = $name', { name: budget.name });
    await this.db.run(
      `INSERT INTO budgets VALUES ($name, $scope, $period, $fiscal, CAST($amount AS DECIMAL(38,16)), $currency, $metric,
         $class, $thresholds, $burn, COALESCE(CAST($created AS TIMESTAMP), now()::TIMESTAMP), now()::TIMESTAMP)`,
      {
        name: budget.name,
        scope: JSON.stringify(budget.scope),
        period: budget.period,
        fiscal: budget.fiscalYearStartMonth,
        amount: budget.amount,
        currency: budget.currency,
        metric: budget.metric,
        class: budget.costClass,
        thresholds: JSON.stringify(budget.thresholds),
        burn: JSON.stringify(budget.burnRate),
        created: existing?.created_at ?? null,
      },
    );
    return existing ? 'updated' : 'created';
  }

  async getBudget(name: string): Promise<Budget | undefined> {
    const row = await this.db.one<BudgetRow>(`${SELECT} WHERE name = $name`, { name });
    return row ? toBudget(row) : undefined;
  }

  async listBudgets(): Promise<Budget[]> {
    return (await this.db.all<BudgetRow>(`${SELECT} ORDER BY name`)).map(toBudget);
  }

  async removeBudget(name: string): Promise<boolean> {
    const existing = await this.db.one('SELECT 1 AS found FROM budgets WHERE name = $name', { name });
    if (!existing) return false;
    await this.db.run('DELETE FROM budgets WHERE name = $name', { name });
    return true;
  }

  /**
   * One pass instead of one per charge class: the lines are read through a projection where a
   * column the query neither filters nor groups by carries the charge class (DuckDB's
   * SELECT * REPLACE), and the shared cost query groups by it. The same rows as
   * `dailyCharges`, in day order (then usage, recurring, one-time); a query that uses every
   * carrier column takes the three passes.
   */
  async scanDailyCharges(query: ChargeSeriesQuery): Promise<ChargeDayCost[]> {
    const groupBy: Dimension[] = query.groupBy ? ['day', query.groupBy] : ['day'];
    const used = new Set<string>([...groupBy, ...query.filters.map((filter) => filter.dimension)]);
    const carrier = CARRIERS.find((candidate) => !used.has(candidate.dimension));
    if (!carrier) return new DuckDbForecastStore(this.db).dailyCharges(query);
    const costQuery = {
      from: query.from,
      to: query.to,
      filters: query.filters,
      metric: query.metric,
      groupBy: [...groupBy, carrier.dimension],
    };
    const base = usesAllocatedLines(costQuery) ? 'allocated_cost_lines' : 'cost_lines';
    const built = buildCostQuerySql(
      costQuery,
      duckDbDialect,
      `(SELECT * REPLACE (${CHARGE_CLASS} AS ${carrier.column}) FROM ${base}) AS scoped_lines`,
    );
    const rows = await this.db.all<Record<string, string | null>>(built.sql, built.params);
    const classAlias = built.aliases[groupBy.length]!;
    return rows
      .map((row) => ({
        day: row[built.aliases[0]!] as string,
        charge: row[classAlias] as ChargeClass,
        group: query.groupBy ? (row[built.aliases[1]!] ?? null) : null,
        currency: row.currency as string,
        cost: row.cost as string,
      }))
      .sort(
        (a, b) => a.day.localeCompare(b.day) || CLASS_ORDER.indexOf(a.charge) - CLASS_ORDER.indexOf(b.charge),
      );
  }
}
