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
import type { PgDatabase } from './pg-database.js';
import { postgresDialect } from './postgres-dialect.js';

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

export class PgForecastStore implements ForecastStore {
  constructor(private readonly db: PgDatabase) {}

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
        postgresDialect,
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

  /** The snapshot and its days in one transaction, the days in one statement (a JSON array). */
  saveSnapshot(snapshot: NewForecastSnapshot): Promise<number> {
    return this.db.transaction(async () => {
      const row = await this.db.one<{ id: string }>(
        `INSERT INTO forecast_snapshots VALUES (nextval('forecast_snapshot_id_seq'), $scope, $filters, $metric, $currency,
           CAST($first AS DATE), $horizon, $method, CAST($mase AS DOUBLE PRECISION), $source, $warnings, now() AT TIME ZONE 'UTC')
         RETURNING id::TEXT AS id`,
        {
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
      const id = Number(row!.id);
      if (snapshot.days.length > 0) {
        await this.db.run(
          `INSERT INTO forecast_snapshot_days
           SELECT CAST($id AS BIGINT), CAST(d->>'date' AS DATE), CAST(d->>'point' AS NUMERIC(38,16)),
             CAST(d->>'lo80' AS NUMERIC(38,16)), CAST(d->>'hi80' AS NUMERIC(38,16)),
             CAST(d->>'lo95' AS NUMERIC(38,16)), CAST(d->>'hi95' AS NUMERIC(38,16))
           FROM jsonb_array_elements(CAST($days AS JSONB)) AS d`,
          {
            id,
            days: JSON.stringify(
              snapshot.days.map((day) => ({
                date: day.date,
                point: day.point,
                lo80: day.lo80,
                hi80: day.hi80,
                lo95: day.lo95,
                hi95: day.hi95,
              })),
            ),
          },
        );
      }
      return id;
    });
  }

  async listSnapshots(scopeKey?: string): Promise<ForecastSnapshot[]> {
    const rows = await this.db.all<SnapshotRow>(
      `SELECT id::TEXT AS id, scope_key, filters, metric, currency, to_char(first_day, 'YYYY-MM-DD') AS first_day, horizon_days,
         method, mase, interval_source, warnings, to_char(created_at, 'YYYY-MM-DD HH24:MI:SS') AS created_at
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
      `SELECT to_char(day, 'YYYY-MM-DD') AS date, point::TEXT AS point, lo80::TEXT AS lo80, hi80::TEXT AS hi80,
         lo95::TEXT AS lo95, hi95::TEXT AS hi95 FROM forecast_snapshot_days WHERE snapshot_id = $id ORDER BY day`,
      { id },
    );
  }
}
