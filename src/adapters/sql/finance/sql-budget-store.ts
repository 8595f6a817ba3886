import type {
  Budget,
  BudgetScope,
  BudgetThreshold,
  BurnRatePolicy,
} from '../../../core/budget/budget-model.js';
import type { CostMetric } from '../../../core/costs/cost-query.js';
import type { BudgetStore, BudgetVersion } from '../../../ports/budget-store.js';
import type { ChargeDayCost, ChargeSeriesQuery } from '../../../ports/forecast-store.js';
import { trimMoney } from '../sql-columns.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';
import { scanDailyChargesOnce } from './scan-daily-charges.js';
import { SqlForecastStore } from './sql-forecast-store.js';

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

function toBudget(row: BudgetRow): Budget {
  return {
    name: row.name,
    scope: JSON.parse(row.scope) as BudgetScope,
    period: row.period_kind,
    fiscalYearStartMonth: Number(row.fiscal_year_start_month),
    amount: trimMoney(row.amount),
    currency: row.currency,
    metric: row.metric,
    costClass: row.cost_class,
    thresholds: JSON.parse(row.thresholds) as BudgetThreshold[],
    burnRate: JSON.parse(row.burn_rate) as BurnRatePolicy,
  };
}

function budgetParams(budget: Budget) {
  return {
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
  };
}

interface VersionRow extends Record<string, unknown> {
  name: string;
  version: number;
  budget: string | null;
  changed_by: string;
  changed_at: string;
}

function toVersion(row: VersionRow): BudgetVersion {
  return {
    name: row.name,
    version: Number(row.version),
    budget: row.budget === null ? null : (JSON.parse(row.budget) as Budget),
    changedBy: row.changed_by,
    changedAt: row.changed_at,
  };
}

/** Budgets by name, in the same table and SQL on DuckDB and PostgreSQL. */
export class SqlBudgetStore implements BudgetStore {
  private readonly passes: SqlForecastStore;

  /**
   * `readableRelation`: the cost engine's way to a rollup (CostLinesEngine.readableRelation),
   * for the daily charges read from rollups; a relation as is where rollups are always current.
   */
  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
    private readonly readableRelation: (relation: string) => Promise<string> = async (relation) => relation,
  ) {
    this.passes = new SqlForecastStore(db, dialect);
  }

  /**
   * Replaces the budget of this name, keeping its first creation time. The name's area is
   * held until commit, so two processes saving the same new budget at once create it once:
   * the second waits, then finds the first one's row and updates it (PostgreSQL; the
   * embedded file has one writer).
   */
  saveBudget(budget: Budget): Promise<'created' | 'updated'> {
    return this.db.transaction(async () => {
      await this.db.lockArea(`budget:${budget.name}`);
      const updated = await this.db.all(
        `UPDATE budgets SET scope = $scope, period_kind = $period, fiscal_year_start_month = CAST($fiscal AS INTEGER),
           amount = CAST($amount AS NUMERIC(38,16)), currency = $currency, metric = $metric, cost_class = $class,
           thresholds = $thresholds, burn_rate = $burn, updated_at = ${this.dialect.nowUtc}
         WHERE name = $name RETURNING name`,
        budgetParams(budget),
      );
      if (updated.length > 0) return 'updated';
      await this.db.run(
        `INSERT INTO budgets VALUES ($name, $scope, $period, CAST($fiscal AS INTEGER), CAST($amount AS NUMERIC(38,16)),
           $currency, $metric, $class, $thresholds, $burn, ${this.dialect.nowUtc}, ${this.dialect.nowUtc})`,
        budgetParams(budget),
      );
      return 'created';
    });
  }

  async getBudget(name: string): Promise<Budget | undefined> {
    const row = await this.db.one<BudgetRow>(`${this.select()} WHERE name = $name`, { name });
    return row ? toBudget(row) : undefined;
  }

  async listBudgets(): Promise<Budget[]> {
    return (await this.db.all<BudgetRow>(`${this.select()} ORDER BY name`)).map(toBudget);
  }

  async removeBudget(name: string): Promise<boolean> {
    const removed = await this.db.all('DELETE FROM budgets WHERE name = $name RETURNING name', { name });
    return removed.length > 0;
  }

  /** Numbers the version under the name's lock, so two writers never take the same number. */
  appendBudgetVersion(name: string, budget: Budget | null, changedBy: string): Promise<BudgetVersion> {
    return this.db.transaction(async () => {
      await this.db.lockArea(`budget:${name}`);
      const last = await this.db.one<{ version: number | null }>(
        'SELECT MAX(version) AS version FROM budget_versions WHERE name = $name',
        { name },
      );
      const version = Number(last?.version ?? 0) + 1;
      await this.db.run(
        `INSERT INTO budget_versions VALUES ($name, CAST($version AS INTEGER), $budget, $changedBy, ${this.dialect.nowUtc})`,
        { name, version, budget: budget === null ? null : JSON.stringify(budget), changedBy },
      );
      const row = await this.db.one<VersionRow>(
        `${this.selectVersions()} AND version = CAST($version AS INTEGER)`,
        {
          name,
          version,
        },
      );
      return toVersion(row!);
    });
  }

  async listBudgetVersions(name: string): Promise<BudgetVersion[]> {
    const rows = await this.db.all<VersionRow>(`${this.selectVersions()} ORDER BY version`, { name });
    return rows.map(toVersion);
  }

  /** One pass where the engine can carry the charge class through the cost query; else one per class. */
  async scanDailyCharges(query: ChargeSeriesQuery): Promise<ChargeDayCost[]> {
    return (
      (await scanDailyChargesOnce(this.db, this.dialect, query, this.readableRelation)) ??
      this.passes.dailyCharges(query)
    );
  }

  private selectVersions(): string {
    return `SELECT name, version, budget, changed_by, ${this.dialect.isoColumn('changed_at')}
      FROM budget_versions WHERE name = $name`;
  }

  private select(): string {
    return `SELECT name, scope, period_kind, fiscal_year_start_month, ${this.dialect.moneyColumn('amount')}, currency,
      metric, cost_class, thresholds, burn_rate FROM budgets`;
  }
}
