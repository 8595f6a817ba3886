import type { CostFilter, CostMetric, Dimension } from '../core/costs/cost-query.js';

/** FOCUS ChargeFrequency in three classes: 'Usage-Based' (or missing), 'Recurring', 'One-Time'. */
export type ChargeClass = 'usage' | 'recurring' | 'one-time';

export interface ChargeDayCost {
  day: string;
  charge: ChargeClass;
  /** The value of the grouping dimension, when one was asked. */
  group: string | null;
  currency: string;
  cost: string;
}

export interface ChargeSeriesQuery {
  filters: CostFilter[];
  metric: CostMetric;
  /** Inclusive first day, exclusive end day (YYYY-MM-DD). */
  from?: string;
  to?: string;
  groupBy?: Dimension;
}

export interface SnapshotDay {
  date: string;
  point: string;
  lo80: string;
  hi80: string;
  lo95: string;
  hi95: string;
}

export interface ForecastSnapshot {
  id: number;
  scopeKey: string;
  /** The cost filters that select the scope's lines (a --by group is one more filter). */
  filters: CostFilter[];
  metric: CostMetric;
  currency: string;
  firstDay: string;
  horizonDays: number;
  method: string;
  mase: number | null;
  intervalSource: string;
  warnings: string[];
  createdAt: string;
}

export type NewForecastSnapshot = Omit<ForecastSnapshot, 'id' | 'createdAt'> & { days: SnapshotDay[] };

/** Daily cost series split by charge frequency, and the forecasts made from them. */
export interface ForecastStore {
  dailyCharges(query: ChargeSeriesQuery): Promise<ChargeDayCost[]>;
  saveSnapshot(snapshot: NewForecastSnapshot): Promise<number>;
  /** Snapshots, newest first; of one scope when given. */
  listSnapshots(scopeKey?: string): Promise<ForecastSnapshot[]>;
  snapshotDays(id: number): Promise<SnapshotDay[]>;
}
