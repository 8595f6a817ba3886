import type { OwnerDimension } from './allocation-run-store.js';

export interface AmountByRule {
  kind: 'direct' | 'shared' | 'unallocated';
  ruleId: string | null;
  method: string | null;
  driver: string | null;
  currency: string;
  lines: number;
  billedCost: string;
  effectiveCost: string;
}

export interface AllocatedLineDetail {
  loadId: number;
  sourceFile: string;
  sourceRow: number;
  providerName: string | null;
  serviceName: string | null;
  resourceId: string | null;
  chargeCategory: string | null;
  kind: string;
  ruleId: string | null;
  currency: string;
  billedCost: string;
  effectiveCost: string;
}

export interface StatementRow {
  kind: 'direct' | 'shared' | 'unallocated';
  ruleId: string | null;
  method: string | null;
  driver: string | null;
  service: string | null;
  providerName: string | null;
  serviceName: string | null;
  chargeCategory: string | null;
  /** The environment the allocation placed the cost in (its rule's, else the line's tag), or null. */
  environment: string | null;
  currency: string;
  /** The charge day (YYYY-MM-DD) the amounts were spent on: the day a conversion uses the rate of. */
  day: string;
  billedCost: string;
  effectiveCost: string;
}

export interface QualityFigures {
  totals: { currency: string; effectiveCost: string }[];
  tagCoverage: { tag: string; currency: string; taggedCost: string }[];
  unknownTagValues: { tag: string; value: string; currency: string; effectiveCost: string }[];
  untaggedResources: {
    resourceId: string | null;
    serviceName: string | null;
    currency: string;
    effectiveCost: string;
  }[];
}

/** Read-only questions over allocated lines joined to the cost lines behind them. */
export interface AllocationReportStore {
  amountsByRule(period: string, dimension: OwnerDimension, owner: string): Promise<AmountByRule[]>;
  largestLines(
    period: string,
    dimension: OwnerDimension,
    owner: string,
    limit: number,
  ): Promise<AllocatedLineDetail[]>;
  statementRows(period: string, team: string): Promise<StatementRow[]>;
  qualityFigures(input: {
    period: string;
    requiredTags: string[];
    /** Tag key -> the catalogue ids its values should be. */
    knownValues: Record<string, string[]>;
    top: number;
  }): Promise<QualityFigures>;
}
