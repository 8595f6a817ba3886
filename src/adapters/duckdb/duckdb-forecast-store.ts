import { type Dimension, usesAllocatedLines } from '../../core/costs/cost-query.js';
import type {
  ChargeClass,
  ChargeDayCost,
  ChargeSeriesQuery,
  ForecastSnapshot,
  ForecastStore,
  NewForecastSnapshot,
  SnapshotDay,
} from '../../ports/forecast-store.js';
import { buildCostQuerySql } from '../sql/costs/cost-query-sql.js';
import type { DuckDbDatabase } from './duckdb-database.js';
import { duckDbDialect } from './duckdb-dialect.js';

/** Fixed SQL per charge class; the scope's filters are bound by the shared cost query builder. */
const CHARGE_CLASS_WHERE: Record<ChargeClass, string> = {
  usage: "charge_frequency IS NULL OR charge_frequency NOT IN ('Recurring', 'One-Time')",
  recurring: "charge_frequency = 'Recurring'",
  'one-time': "charge_frequency = 'One-Time'",
};

interface SnapshotRow extends Record<string, unknown> {
  id: string;
  scope_key: string;
  filters: string;
  metric: ForecastSnapshot['metric'];
  currency: string;
  first_day: string;
  horizon_days: number;
  method: string;
  mase: number | null;
  interval_source: string;
  warnings: string;
  created_at: string;
}

export class DuckDbForecastStore implements ForecastStore {
  constructor(private readonly db: DuckDbDatabase) {}

  async dailyCharges(query: ChargeSeriesQuery): Promise<ChargeDayCost[]> {
    const out: ChargeDayCost[] = [];
    const groupBy: Dimension[] = query.groupBy ? ['day', query.groupBy] : ['day'];
    const costQuery = {
      from: query.from,
      to: query.to,
      filters: query.filters,
      metric: query.metric,
      groupBy,
    };
    // Owner scopes read allocated lines (each line's share per owner), others the cost lines.
    const base = usesAllocatedLines(costQuery) ? 'allocated_cost_lines' : 'cost_lines';
    for (const charge of Object.keys(CHARGE_CLASS_WHERE) as ChargeClass[]) {
      const built = buildCostQuerySql(
        costQuery,
        duckDbDialect,
        `(SELECT * FROM ${base} WHERE ${CHARGE_CLASS_WHERE[charge]}) AS scoped_lines`,
      );
      const rows = await this.db.all<Record<string, string | null>>(built.sql, built.params);
      for (const row of rows) {
        out.push({
          day: row[built.aliases[0]!] as string,
          charge,
          group: query.groupBy ? (row[built.aliases[1]!] ?? null) : null,
          currency: row.currency as string,
          cost: row.cost as string,
        });
      }
    }
    return out.sort((a, b) => a.day.localeCompare(b.day));
  }

  async saveSnapshot(snapshot: NewForecastSnapshot): Promise<number> {
    const row = await this.db.one<{ id: string }>(
      "SELECT nextval('forecast_snapshot_id_seq')::VARCHAR AS id",
    );
    const id = Number(row!.id);
    await this.db.run(
      `INSERT INTO forecast_snapshots VALUES ($id, $scope, $filters, $metric, $currency, CAST($first AS DATE), $horizon, $method,
         $mase, $source, $warnings, now()::TIMESTAMP)`,
      {
        id,
        scope: snapshot.scopeKey,
        filters: JSON.stringify(snapshot.filters),
        metric: snapshot.metric,
        currency: snapshot.currency,
        first: snapshot.firstDay,
        horizon: snapshot.horizonDays,
        method: snapshot.method,
        mase: snapshot.mase,
        source: snapshot.intervalSource,
        warnings: JSON.stringify(snapshot.warnings),
      },
    );
    for (const day of snapshot.days) {
      await this.db.run(
        `INSERT INTO forecast_snapshot_days VALUES ($id, CAST($day AS DATE), CAST($point AS DECIMAL(38,16)),
           CAST($lo80 AS DECIMAL(38,16)), CAST($hi80 AS DECIMAL(38,16)), CAST($lo95 AS DECIMAL(38,16)), CAST($hi95 AS DECIMAL(38,16)))`,
        {
          id,
          day: day.date,
          point: day.point,
          lo80: day.lo80,
          hi80: day.hi80,
          lo95: day.lo95,
          hi95: day.hi95,
        },
      );
    }
    return id;
  }

  async listSnapshots(scopeKey?: string): Promise<ForecastSnapshot[]> {
    const rows = await this.db.all<SnapshotRow>(
      `SELECT id::VARCHAR AS id, scope_key, filters, metric, currency, strftime(first_day, '%Y-%m-%d') AS first_day, horizon_days,
         method, mase, interval_source, warnings, strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created_at
       FROM forecast_snapshots ${scopeKey === undefined ? '' : 'WHERE scope_key = $scope'}
       ORDER BY forecast_snapshots.created_at DESC, forecast_snapshots.id DESC`,
      scopeKey === undefined ? {} : { scope: scopeKey },
    );
    return rows.map((row) => ({
      id: Number(row.id),
      scopeKey: row.scope_key,
      filters: JSON.parse(row.filters) as ForecastSnapshot['filters'],
      metric: row.metric,
      currency: row.currency,
      firstDay: row.first_day,
      horizonDays: Number(row.horizon_days),
      method: row.method,
      mase: row.mase === null ? null : Number(row.mase),
      intervalSource: row.interval_source,
      warnings: JSON.parse(row.warnings) as string[],
      createdAt: row.created_at,
    }));
  }

  async snapshotDays(id: number): Promise<SnapshotDay[]> {
    return this.db.all<SnapshotDay & Record<string, unknown>>(
      `SELECT strftime(day, '%Y-%m-%d') AS date, point::VARCHAR AS point, lo80::VARCHAR AS lo80, hi80::VARCHAR AS hi80,
         lo95::VARCHAR AS lo95, hi95::VARCHAR AS hi95 FROM forecast_snapshot_days WHERE snapshot_id = $id ORDER BY day`,
      { id },
    );
  }
}
