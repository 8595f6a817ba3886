import type { CatalogIndex, OwnerPath } from '../catalog/catalog-index.js';
import { type EnvironmentAlias, listEnvironmentAliases } from '../catalog/resolve-environment.js';
import type { Condition, RuleSet, SplitMethod } from './rule-set-model.js';

export interface CompiledMapping {
  index: number;
  id: string;
  conditions: Condition[];
  owner: OwnerPath;
}

export interface CompiledTarget {
  /** Position in the rule's targets, sorted by team id: the order of cumulative rounding. */
  index: number;
  owner: OwnerPath;
}

export interface CompiledShared {
  index: number;
  id: string;
  conditions: Condition[];
  method: SplitMethod;
  driver: string | null;
  /** For `fixed`: percentage per team. */
  shares: Record<string, string> | null;
  targets: CompiledTarget[];
}

/** A rule set with every owner resolved against one catalogue version: what both evaluators run. */
export interface CompiledRuleSet {
  mapping: CompiledMapping[];
  shared: CompiledShared[];
  /**
   * The catalogue's environment tag words: a line's environment when its rule sets none (a
   * rule's `set.environment` wins), read from its env/environment tags (resolve-environment.ts).
   */
  environmentAliases: EnvironmentAlias[];
}

export function compileRuleSet(ruleSet: RuleSet, catalog: CatalogIndex): CompiledRuleSet {
  return {
    mapping: ruleSet.mapping.map((rule, index) => ({
      index,
      id: rule.id,
      conditions: rule.conditions,
      owner: catalog.resolveOwner(rule.set),
    })),
    shared: ruleSet.shared.map((rule, index) => ({
      index,
      id: rule.id,
      conditions: rule.conditions,
      method: rule.method,
      driver: rule.driver ?? null,
      shares: rule.shares ?? null,
      targets: [...rule.targets].sort().map((team, targetIndex) => ({
        index: targetIndex,
        owner: { ...catalog.resolveOwner({ team }), service: null, environment: null },
      })),
    })),
    environmentAliases: listEnvironmentAliases(catalog.catalog.environments),
  };
}
