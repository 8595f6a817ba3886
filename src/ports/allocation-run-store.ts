import type { CompiledRuleSet } from '../core/allocation/compile-rule-set.js';
import type { DriverValue, EmptySplit } from '../core/allocation/split-weights.js';

/** Where an allocation is written: the stored result, or a scratch table for previews. */
export type AllocationTable = 'allocated_lines' | 'allocation_preview';

export interface CurrencyTotals {
  currency: string;
  billedCost: string;
  effectiveCost: string;
}

export interface KindTotals extends CurrencyTotals {
  kind: 'direct' | 'shared' | 'unallocated';
}

export interface PeriodInputs {
  lineCount: number;
  loadIds: number[];
  totals: CurrencyTotals[];
}

export interface AllocationRun {
  id: number;
  period: string;
  startedAt: string;
  runBy: string;
  status: 'current' | 'replaced';
  ruleSetVersion: number;
  catalogVersion: number;
  loadIds: number[];
  lineCount: number;
  totals: {
    currency: string;
    ingested: CurrencyTotals;
    allocated: CurrencyTotals;
    unallocated: CurrencyTotals;
  }[];
  emptySplits: EmptySplit[];
}

export type OwnerDimension = 'team' | 'service' | 'cost_centre' | 'business_unit' | 'environment';

export interface OwnerTotal {
  owner: string | null;
  currency: string;
  billedCost: string;
  effectiveCost: string;
}

/** Allocation runs and the allocated lines they wrote. */
export interface AllocationRunStore {
  /** The period's cost lines as they are now: how many, from which loads, totals per currency. */
  periodInputs(period: string): Promise<PeriodInputs>;
  /** Runs the compiled rules over the period in SQL and writes the rows into `table`. */
  computeAllocation(input: {
    runId: number;
    period: string;
    rules: CompiledRuleSet;
    drivers: DriverValue[];
    table: AllocationTable;
  }): Promise<{ emptySplits: EmptySplit[] }>;
  kindTotals(period: string, table: AllocationTable): Promise<KindTotals[]>;
  ownerTotals(period: string, table: AllocationTable, dimension: OwnerDimension): Promise<OwnerTotal[]>;
  /** Empties the preview table (created on first use). */
  resetPreview(): Promise<void>;
  deletePeriodAllocation(period: string): Promise<void>;
  nextRunId(): Promise<number>;
  insertRun(run: AllocationRun): Promise<void>;
  markRunsReplaced(period: string): Promise<void>;
  listRuns(period?: string): Promise<AllocationRun[]>;
  currentRun(period: string): Promise<AllocationRun | undefined>;
}
