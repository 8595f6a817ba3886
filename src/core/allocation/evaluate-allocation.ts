import { type OwnerPath, UNALLOCATED_OWNER } from '../catalog/catalog-index.js';
import { ENVIRONMENT_TAG_KEYS, resolveTaggedEnvironment } from '../catalog/resolve-environment.js';
import { TollgateError } from '../errors.js';
import { Decimal } from '../money.js';
import type { CompiledRuleSet } from './compile-rule-set.js';
import { lookupTag, type MatchableLine, matchAll } from './match-line.js';
import type { SplitMethod } from './rule-set-model.js';
import { amountToUnits, MAX_SPLIT_UNITS, splitUnits, unitsToAmount } from './split-amount.js';
import { computeSplitWeights, type DirectTotal, type DriverValue, type EmptySplit } from './split-weights.js';

export interface CostLineInput extends MatchableLine {
  /** Identifies the line (load, file, row in the store). */
  key: string;
  /** Billing period, YYYY-MM. */
  period: string;
  currency: string;
  billedCost: string;
  effectiveCost: string;
}

export type AllocationKind = 'direct' | 'shared' | 'unallocated';

export interface AllocatedAmount {
  key: string;
  period: string;
  currency: string;
  kind: AllocationKind;
  /** The rule that decided; null for lines no rule matched. */
  ruleId: string | null;
  method: SplitMethod | null;
  driver: string | null;
  owner: OwnerPath;
  billedCost: string;
  effectiveCost: string;
}

export interface AllocationResult {
  rows: AllocatedAmount[];
  emptySplits: EmptySplit[];
}

/**
 * The reference allocation, in memory; the store's SQL must give exactly these rows.
 * 1. Classify each line: the first shared rule that matches, else the first mapping rule,
 *    else none.
 * 2. A mapping-rule line goes whole to the rule's owner ('direct'); an unclaimed line to
 *    `unallocated`.
 * 3. Sum direct effective cost per (period, currency, team): the proportional weights.
 * 4. Weigh every shared rule per (period, currency) (split-weights.ts); a split with no weight
 *    leaves its lines `unallocated`, recorded with the rule.
 * 5. Split each shared line's billed and effective cost by cumulative rounding at the stored
 *    scale (split-amount.ts), so the parts add up to the line exactly.
 * 6. Every row's environment is its rule's `set.environment`, else the line's env/environment
 *    tag resolved to a catalogue environment, else none (amounts never depend on it).
 */
export function evaluateAllocation(
  lines: CostLineInput[],
  rules: CompiledRuleSet,
  drivers: DriverValue[],
): AllocationResult {
  const rows: AllocatedAmount[] = [];
  const tagged = (line: CostLineInput) =>
    resolveTaggedEnvironment(
      ENVIRONMENT_TAG_KEYS.map((key) => lookupTag(line.tags, key, false)),
      rules.environmentAliases,
    );
  const placed = (owner: OwnerPath, line: CostLineInput): OwnerPath =>
    owner.environment === null ? { ...owner, environment: tagged(line) } : owner;
  const sharedLines: { line: CostLineInput; ruleIndex: number }[] = [];
  const direct = new Map<string, DirectTotal>();
  for (const line of lines) {
    const shared = rules.shared.find((rule) => matchAll(rule.conditions, line));
    if (shared) {
      sharedLines.push({ line, ruleIndex: shared.index });
      continue;
    }
    const mapping = rules.mapping.find((rule) => matchAll(rule.conditions, line));
    rows.push(
      amountRow(
        line,
        mapping ? 'direct' : 'unallocated',
        mapping?.id ?? null,
        placed(mapping?.owner ?? UNALLOCATED_OWNER, line),
      ),
    );
    if (mapping?.owner.team) {
      const key = `${line.period}|${line.currency}|${mapping.owner.team}`;
      const total = direct.get(key) ?? {
        period: line.period,
        currency: line.currency,
        team: mapping.owner.team,
        effectiveCost: '0',
      };
      total.effectiveCost = new Decimal(total.effectiveCost).plus(line.effectiveCost).toString();
      direct.set(key, total);
    }
  }

  const keys = new Map<string, { period: string; currency: string; ruleIndex: number }>();
  for (const { line, ruleIndex } of sharedLines)
    keys.set(`${line.period}|${line.currency}|${ruleIndex}`, {
      period: line.period,
      currency: line.currency,
      ruleIndex,
    });
  const { sets, empty } = computeSplitWeights(rules, [...keys.values()], [...direct.values()], drivers);
  const setOf = new Map(sets.map((set) => [`${set.period}|${set.currency}|${set.ruleIndex}`, set]));

  for (const { line, ruleIndex } of sharedLines) {
    const rule = rules.shared[ruleIndex]!;
    const set = setOf.get(`${line.period}|${line.currency}|${ruleIndex}`);
    if (!set) {
      rows.push(amountRow(line, 'unallocated', rule.id, placed(UNALLOCATED_OWNER, line)));
      continue;
    }
    const billed = splitUnits(
      checkedUnits(line.billedCost, line.key),
      set.weights.map((weight) => weight.units),
    );
    const effective = splitUnits(
      checkedUnits(line.effectiveCost, line.key),
      set.weights.map((weight) => weight.units),
    );
    set.weights.forEach((weight, index) => {
      rows.push({
        key: line.key,
        period: line.period,
        currency: line.currency,
        kind: 'shared',
        ruleId: rule.id,
        method: rule.method,
        driver: rule.driver,
        owner: placed(rule.targets[weight.targetIndex]!.owner, line),
        billedCost: unitsToAmount(billed[index]!),
        effectiveCost: unitsToAmount(effective[index]!),
      });
    });
  }
  return { rows, emptySplits: empty };
}

function amountRow(
  line: CostLineInput,
  kind: AllocationKind,
  ruleId: string | null,
  owner: OwnerPath,
): AllocatedAmount {
  return {
    key: line.key,
    period: line.period,
    currency: line.currency,
    kind,
    ruleId,
    method: null,
    driver: null,
    owner,
    billedCost: new Decimal(line.billedCost).toString(),
    effectiveCost: new Decimal(line.effectiveCost).toString(),
  };
}

export function checkedUnits(amount: string, key: string): bigint {
  const units = amountToUnits(amount);
  if (units >= MAX_SPLIT_UNITS || units <= -MAX_SPLIT_UNITS) {
    throw new TollgateError(
      'ALLOC_AMOUNT_TOO_LARGE',
      `Line ${key} carries ${amount}, more than a shared cost split can take (10^10 per line); check the source file.`,
    );
  }
  return units;
}
