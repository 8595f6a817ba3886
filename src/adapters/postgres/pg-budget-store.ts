import type { Budget, BudgetScope, BudgetThreshold, BurnRatePolicy } from '../../core/budget/budget-model.js';
import type { CostMetric } from '../../core/costs/cost-query.js';
import type { BudgetStore } from '../../ports/budget-store.js';
import type { ChargeDayCost, ChargeSeriesQuery } from '../../ports/forecast-store.js';
import type { PgDatabase } from './pg-database.js';
import { PgForecastStore } from './pg-forecast-store.js';

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

const SELECT = `SELECT name, scope, period_kind, fiscal_year_start_month, amount::TEXT AS amount, currency, metric,
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

export class PgBudgetStore implements BudgetStore {
  constructor(private readonly db: PgDatabase) {}

  /**
   * One upsert keyed by name, so two processes saving the same budget at once cannot both
   * create it; the first creation time is kept. `xmax = 0` holds for a row this statement
   * inserted (not one it updated).
   */
  async saveBudget(budget: Budget): Promise<'created' | 'updated'> {
    const row = await this.db.one<{ created: boolean }>(
      `INSERT INTO budgets VALUES ($name, $scope, $period, $fiscal, CAST($amount AS NUMERIC(38,16)), $currency, $metric,
         $class, $thresholds, $burn, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
       ON CONFLICT (name) DO UPDATE SET scope = excluded.scope, period_kind = excluded.period_kind,
         fiscal_year_start_month = excluded.fiscal_year_start_month, amount = excluded.amount,
         currency = excluded.currency, metric = excluded.metric, cost_class = excluded.cost_class,
         thresholds = excluded.thresholds, burn_rate = excluded.burn_rate, updated_at = excluded.updated_at
       RETURNING (xmax = 0) AS created`,
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
      },
    );
    return row?.created ? 'created' : 'updated';
  }

  async getBudget(name: string): Promise<Budget | undefined> {
    const row = await this.db.one<BudgetRow>(`${SELECT} WHERE name = $name`, { name });
    return row ? toBudget(row) : undefined;
  }

  async listBudgets(): Promise<Budget[]> {
    return (await this.db.all<BudgetRow>(`${SELECT} ORDER BY name`)).map(toBudget);
  }

  async removeBudget(name: string): Promise<boolean> {
    const removed = await this.db.all('DELETE FROM budgets WHERE name = $name RETURNING name', { name });
    return removed.length > 0;
  }

  /**
   * PostgreSQL reads the lines once per charge class, as its forecast store does: its cost
   * lines are partitioned by month and the history window prunes them, and it has no
   * SELECT * REPLACE to carry the class through the shared cost query in one pass.
   */
  scanDailyCharges(query: ChargeSeriesQuery): Promise<ChargeDayCost[]> {
    return new PgForecastStore(this.db).dailyCharges(query);
  }
}
