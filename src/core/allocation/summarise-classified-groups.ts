import { Decimal } from '../money.js';
import type { CompiledRuleSet } from './compile-rule-set.js';
import type { DirectTotal } from './split-weights.js';

/** Effective cost of the classified lines of one (period, currency, shared rule, mapping rule). */
export interface ClassifiedGroup {
  period: string;
  currency: string;
  /** The shared rule that claimed the lines, or null. */
  sharedRule: number | null;
  /** The mapping rule that claimed them (only when no shared rule did), or null. */
  mappingRule: number | null;
  effectiveCost: string;
  /** True when a line of the group carries 10^10 or more (billed or effective). */
  oversized: boolean;
}

/**
 * What the split weights need, from one grouped scan of the classified lines instead of three:
 * 1. Direct totals: the groups of a mapping rule whose owner has a team, summed per (period,
 *    currency, team) in exact decimals (several rules can map to one team).
 * 2. Shared keys: the (period, currency, shared rule) groups, i.e. lines to split.
 * 3. Whether a line to split is too large for exact integer splitting (the store then reads
 *    which one, for the message).
 */
export function summariseClassifiedGroups(
  rules: CompiledRuleSet,
  groups: ClassifiedGroup[],
): {
  directTotals: DirectTotal[];
  sharedKeys: { period: string; currency: string; ruleIndex: number }[];
  oversized: boolean;
} {
  const direct = new Map<string, { period: string; currency: string; team: string; sum: Decimal }>();
  const sharedKeys: { period: string; currency: string; ruleIndex: number }[] = [];
  let oversized = false;
  for (const group of groups) {
    if (group.sharedRule !== null) {
      sharedKeys.push({ period: group.period, currency: group.currency, ruleIndex: group.sharedRule });
      oversized ||= group.oversized;
      continue;
    }
    if (group.mappingRule === null) continue;
    const team = rules.mapping[group.mappingRule]?.owner.team;
    if (!team) continue;
    const key = `${group.period}|${group.currency}|${team}`;
    const total = direct.get(key) ?? {
      period: group.period,
      currency: group.currency,
      team,
      sum: new Decimal(0),
    };
    total.sum = total.sum.plus(group.effectiveCost);
    direct.set(key, total);
  }
  return {
    directTotals: [...direct.values()].map((total) => ({
      period: total.period,
      currency: total.currency,
      team: total.team,
      effectiveCost: total.sum.toString(),
    })),
    sharedKeys,
    oversized,
  };
}
