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
  /**
   * Each owner's cost split by how it was assigned, per owner dimension; null for a run stored
   * before runs kept it. Per currency its rows add up to the run's ingested totals exactly.
   */
  ownerSources: OwnerSourceTotals[] | null;
}

/** The owner totals of one dimension, split by how each part was assigned. */
export interface OwnerSourceTotals {
  dimension: OwnerDimension;
  totals: OwnerSourceTotal[];
}

export type OwnerDimension = 'team' | 'service' | 'cost_centre' | 'business_unit' | 'environment';

export interface OwnerTotal {
  owner: string | null;
  currency: string;
  billedCost: string;
  effectiveCost: string;
}

/**
 * How an owner got a part of its cost: `rule`, split to it by a shared-cost allocation rule;
 * `mapping`, given to it whole by a mapping rule (the line's tags or columns name the owner);
 * `unallocated`, claimed by no rule (or by a shared rule with nothing to split by).
 */
export type OwnerSource = 'rule' | 'mapping' | 'unallocated';
export const OWNER_SOURCES: readonly OwnerSource[] = ['rule', 'mapping', 'unallocated'];

/** The part of an owner's cost in one currency that one rule (or none) assigned. */
export interface OwnerSourceTotal extends OwnerTotal {
  source: OwnerSource;
  /** The rule that assigned it (an unallocated part names the shared rule that had nothing to split by, else null). */
  ruleId: string | null;
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
  /** ownerTotals split by how each part was assigned (source and rule), in one scan. */
  ownerSourceTotals(
    period: string,
    table: AllocationTable,
    dimension: OwnerDimension,
  ): Promise<OwnerSourceTotal[]>;
  /** Empties the preview table (created on first use). */
  resetPreview(): Promise<void>;
  deletePeriodAllocation(period: string): Promise<void>;
  nextRunId(): Promise<number>;
  insertRun(run: AllocationRun): Promise<void>;
  markRunsReplaced(period: string): Promise<void>;
  listRuns(period?: string): Promise<AllocationRun[]>;
  currentRun(period: string): Promise<AllocationRun | undefined>;
}
