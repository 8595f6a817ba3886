import type { CompiledRuleSet } from './compile-rule-set.js';
import type { WeightSet } from './split-weights.js';

/** Columns of the split weights working table, with types both SQL engines take. */
export const SPLIT_WEIGHT_COLUMNS = [
  ['period', 'TEXT'],
  ['currency', 'TEXT'],
  ['rule_index', 'INTEGER'],
  ['target_index', 'INTEGER'],
  ['team', 'TEXT'],
  ['cost_centre', 'TEXT'],
  ['business_unit', 'TEXT'],
  ['units', 'BIGINT'],
  ['before_hi', 'BIGINT'],
  ['before_lo', 'BIGINT'],
  ['through_hi', 'BIGINT'],
  ['through_lo', 'BIGINT'],
] as const;

/** The running totals are split at 10^6 so the store's products stay inside 64 bits. */
const HALF = 1_000_000n;

/**
 * One working-table row per (weight set, target): the target's owner, its parts per 10^12 and
 * the running totals before and through it (each as high and low halves), which is all the
 * store needs to compute a target's part of every line on its own (print-allocation-sql.ts).
 */
export function printSplitWeightRows(
  rules: CompiledRuleSet,
  sets: WeightSet[],
): Record<(typeof SPLIT_WEIGHT_COLUMNS)[number][0], string | number | null>[] {
  return sets.flatMap((set) => {
    const rule = rules.shared[set.ruleIndex]!;
    return set.weights.map((weight) => {
      const owner = rule.targets[weight.targetIndex]!.owner;
      const through = weight.before + weight.units;
      return {
        period: set.period,
        currency: set.currency,
        rule_index: set.ruleIndex,
        target_index: weight.targetIndex,
        team: owner.team ?? null,
        cost_centre: owner.costCentre ?? null,
        business_unit: owner.businessUnit ?? null,
        units: weight.units.toString(),
        before_hi: (weight.before / HALF).toString(),
        before_lo: (weight.before % HALF).toString(),
        through_hi: (through / HALF).toString(),
        through_lo: (through % HALF).toString(),
      };
    });
  });
}
