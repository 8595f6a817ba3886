import type { DriverValue } from '../../../core/allocation/split-weights.js';
import type { DriverStore, DriverSummary } from '../../../ports/allocation-stores.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

const DRIVER_ROW_COLUMNS = [
  ['period', 'TEXT'],
  ['driver', 'TEXT'],
  ['team', 'TEXT'],
  ['quantity', 'TEXT'],
] as const;

/** Usage drivers per period and team; a load replaces each (period, driver) pair it carries. */
export class SqlDriverStore implements DriverStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
  ) {}

  async replaceDrivers(values: DriverValue[], sourcePath: string): Promise<void> {
    await this.db.transaction(async () => {
      // Two processes loading drivers for the same period replace one after the other.
      await this.db.lockArea('drivers');
      const pairs = new Map(values.map((value) => [`${value.period}|${value.driver}`, value]));
      for (const pair of pairs.values()) {
        await this.db.run('DELETE FROM driver_values WHERE period = $period AND driver = $driver', {
          period: pair.period,
          driver: pair.driver,
        });
      }
      if (values.length === 0) return;
      await this.db.run(
        `INSERT INTO driver_values
         SELECT r.period, r.driver, r.team, CAST(r.quantity AS NUMERIC(38,16)), ${this.dialect.nowUtc}, $path
         FROM ${this.dialect.jsonRows('rows', DRIVER_ROW_COLUMNS)}`,
        { rows: JSON.stringify(values), path: sourcePath },
      );
    });
  }

  async driversFor(period: string): Promise<DriverValue[]> {
    return this.db.all<DriverValue & Record<string, unknown>>(
      `SELECT period, driver, team, CAST(quantity AS TEXT) AS quantity FROM driver_values
       WHERE period = $period ORDER BY driver, team`,
      { period },
    );
  }

  async listDrivers(): Promise<DriverSummary[]> {
    const rows = await this.db.all<{ period: string; driver: string; teams: string; total: string }>(
      `SELECT period, driver, CAST(count(*) AS TEXT) AS teams, ${this.dialect.moneyText('sum(quantity)')} AS total
       FROM driver_values GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    return rows.map((row) => ({ ...row, teams: Number(row.teams) }));
  }
}
