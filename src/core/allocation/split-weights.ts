import { Decimal } from '../money.js';
import type { CompiledRuleSet, CompiledShared } from './compile-rule-set.js';
import { quantiseWeights } from './split-amount.js';

/** A usage metric per team and period, loaded with `tollgate drivers load`. */
export interface DriverValue {
  period: string;
  driver: string;
  team: string;
  quantity: string;
}

/** The effective cost mapped directly to a team in one period and currency. */
export interface DirectTotal {
  period: string;
  currency: string;
  team: string;
  effectiveCost: string;
}

export interface WeightSet {
  period: string;
  currency: string;
  ruleIndex: number;
  /**
   * Targets with a non-zero weight, in target order; `before` is the units of the targets
   * before this one (the running total that cumulative rounding starts this target's part at).
   */
  weights: { targetIndex: number; units: bigint; before: bigint }[];
}

/** A shared rule that found cost to split but nothing to split it by: that cost stays unallocated. */
export interface EmptySplit {
  period: string;
  currency: string;
  ruleId: string;
  reason: string;
}

/**
 * The weights of every shared rule for every (period, currency) that has lines to split.
 * - even: one each; fixed: the percentages; driver: the loaded quantities of the period;
 * - proportional: the targets' direct effective cost in the same period and currency. The same
 *   ratio splits both metrics, so a shared line's billed and effective cost go to the same owners.
 * When every weight is zero (no direct cost, no driver data, negative-only credits) the cost is
 * not spread some other way: it stays `unallocated`, with the rule and the reason recorded, so
 * the analyst sees it and fixes the drivers or targets rather than trusting a guess.
 */
export function computeSplitWeights(
  rules: CompiledRuleSet,
  keys: { period: string; currency: string; ruleIndex: number }[],
  directTotals: DirectTotal[],
  drivers: DriverValue[],
): { sets: WeightSet[]; empty: EmptySplit[] } {
  const direct = new Map(
    directTotals.map((row) => [`${row.period}|${row.currency}|${row.team}`, row.effectiveCost]),
  );
  const driverOf = new Map(drivers.map((row) => [`${row.period}|${row.driver}|${row.team}`, row.quantity]));
  const sets: WeightSet[] = [];
  const empty: EmptySplit[] = [];
  const sorted = [...keys].sort(
    (a, b) =>
      a.period.localeCompare(b.period) || a.currency.localeCompare(b.currency) || a.ruleIndex - b.ruleIndex,
  );
  for (const key of sorted) {
    const rule = rules.shared[key.ruleIndex]!;
    const raw = rawWeights(rule, key.period, key.currency, direct, driverOf);
    const quantised = quantiseWeights(raw);
    if (quantised === null) {
      empty.push({ period: key.period, currency: key.currency, ruleId: rule.id, reason: emptyReason(rule) });
      continue;
    }
    let before = 0n;
    const weights: WeightSet['weights'] = [];
    quantised.forEach((units, targetIndex) => {
      if (units === 0n) return;
      weights.push({ targetIndex, units, before });
      before += units;
    });
    sets.push({ ...key, weights });
  }
  return { sets, empty };
}

function rawWeights(
  rule: CompiledShared,
  period: string,
  currency: string,
  direct: Map<string, string>,
  driverOf: Map<string, string>,
): Decimal[] {
  return rule.targets.map((target): Decimal => {
    const team = target.owner.team!;
    switch (rule.method) {
      case 'even':
        return new Decimal(1);
      case 'fixed':
        return new Decimal(rule.shares?.[team] ?? 0);
      case 'driver':
        return new Decimal(driverOf.get(`${period}|${rule.driver}|${team}`) ?? 0);
      default:
        return new Decimal(direct.get(`${period}|${currency}|${team}`) ?? 0);
    }
  });
}

function emptyReason(rule: CompiledShared): string {
  switch (rule.method) {
    case 'proportional':
      return `its targets (${rule.targets.map((target) => target.owner.team).join(', ')}) have no positive direct cost in this period and currency, so there is nothing to be proportional to`;
    case 'driver':
      return `driver '${rule.driver}' has no positive quantity for its targets in this period; load its quantities for the period`;
    default:
      return 'every share is zero';
  }
}
