import type { DriverValue } from '../../core/allocation/split-weights.js';
import type { DriverStore, DriverSummary } from '../../ports/allocation-stores.js';
import type { DuckDbDatabase } from './duckdb-database.js';

export class DuckDbDriverStore implements DriverStore {
  constructor(private readonly db: DuckDbDatabase) {}

  async replaceDrivers(values: DriverValue[], sourcePath: string): Promise<void> {
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
       SELECT r.period, r.driver, r.team, CAST(r.quantity AS DECIMAL(38,16)), now()::TIMESTAMP, $path
       FROM (SELECT unnest(from_json($rows, '[{"period":"VARCHAR","driver":"VARCHAR","team":"VARCHAR","quantity":"VARCHAR"}]'), recursive := true)) r`,
      { rows: JSON.stringify(values), path: sourcePath },
    );
  }

  async driversFor(period: string): Promise<DriverValue[]> {
    return this.db.all<DriverValue & Record<string, unknown>>(
      `SELECT period, driver, team, CAST(quantity AS VARCHAR) AS quantity FROM driver_values
       WHERE period = $period ORDER BY driver, team`,
      { period },
    );
  }

  async listDrivers(): Promise<DriverSummary[]> {
    const rows = await this.db.all<{ period: string; driver: string; teams: string; total: string }>(
      `SELECT period, driver, CAST(count(*) AS VARCHAR) AS teams, CAST(sum(quantity) AS VARCHAR) AS total
       FROM driver_values GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    return rows.map((row) => ({ ...row, teams: Number(row.teams) }));
  }
}
