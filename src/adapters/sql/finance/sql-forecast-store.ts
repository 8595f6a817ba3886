import { type Dimension, usesAllocatedLines } from '../../../core/costs/cost-query.js';
import type {
  ChargeClass,
  ChargeDayCost,
  ChargeSeriesQuery,
  ForecastSnapshot,
  ForecastStore,
  NewForecastSnapshot,
  SnapshotDay,
} from '../../../ports/forecast-store.js';
import { buildCostQuerySql } from '../costs/cost-query-sql.js';
import { textColumns } from '../sql-columns.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

/** Fixed SQL per charge class; the scope's filters are bound by the shared cost query builder. */
const CHARGE_CLASS_WHERE: Record<ChargeClass, string> = {
  usage: "charge_frequency IS NULL OR charge_frequency NOT IN ('Recurring', 'One-Time')",
  recurring: "charge_frequency = 'Recurring'",
  'one-time': "charge_frequency = 'One-Time'",
};

const DAY_COLUMNS = ['date', 'point', 'lo80', 'hi80', 'lo95', 'hi95'] as const;

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

function toSnapshot(row: SnapshotRow): ForecastSnapshot {
  return {
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
  };
}

/** Daily charges and forecast snapshots, in the same tables and SQL on DuckDB and PostgreSQL. */
export class SqlForecastStore implements ForecastStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
  ) {}

  /** One pass over the lines per charge class (cost lines are month-partitioned in PostgreSQL, and each pass prunes). */
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
        this.dialect,
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
           CAST($first AS DATE), $horizon, $method, CAST($mase AS DOUBLE PRECISION), $source, $warnings, ${this.dialect.nowUtc})
         RETURNING CAST(id AS TEXT) AS id`,
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
           SELECT CAST($id AS BIGINT), CAST(d.date AS DATE), CAST(d.point AS NUMERIC(38,16)),
             CAST(d.lo80 AS NUMERIC(38,16)), CAST(d.hi80 AS NUMERIC(38,16)),
             CAST(d.lo95 AS NUMERIC(38,16)), CAST(d.hi95 AS NUMERIC(38,16))
           FROM ${this.dialect.jsonRows('days', textColumns(DAY_COLUMNS), 'd')}`,
          {
            id,
            days: JSON.stringify(
              snapshot.days.map((day) =>
                Object.fromEntries(DAY_COLUMNS.map((column) => [column, day[column]])),
              ),
            ),
          },
        );
      }
      return id;
    });
  }

  async listSnapshots(scopeKey?: string): Promise<ForecastSnapshot[]> {
    const d = this.dialect;
    const rows = await this.db.all<SnapshotRow>(
      `SELECT CAST(id AS TEXT) AS id, scope_key, filters, metric, currency, ${d.dateColumn('first_day')}, horizon_days,
         method, mase, interval_source, warnings, ${d.timestampText('created_at')} AS created_at
       FROM forecast_snapshots ${scopeKey === undefined ? '' : 'WHERE scope_key = $scope'}
       ORDER BY forecast_snapshots.created_at DESC, forecast_snapshots.id DESC`,
      scopeKey === undefined ? {} : { scope: scopeKey },
    );
    return rows.map(toSnapshot);
  }

  async snapshotDays(id: number): Promise<SnapshotDay[]> {
    const d = this.dialect;
    return this.db.all<SnapshotDay & Record<string, unknown>>(
      `SELECT ${d.dateColumn('day', 'date')}, ${d.moneyColumn('point')}, ${d.moneyColumn('lo80')}, ${d.moneyColumn('hi80')},
         ${d.moneyColumn('lo95')}, ${d.moneyColumn('hi95')}
       FROM forecast_snapshot_days WHERE snapshot_id = $id ORDER BY forecast_snapshot_days.day`,
      { id },
    );
  }
}
