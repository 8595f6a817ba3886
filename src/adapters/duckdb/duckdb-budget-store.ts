import type { Budget, BudgetScope, BudgetThreshold, BurnRatePolicy } from '../../core/budget/budget-model.js';
import type { CostMetric } from '../../core/costs/cost-query.js';
import type { BudgetStore } from '../../ports/budget-store.js';
import type { DuckDbDatabase } from './duckdb-database.js';

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
}
