import type { MappingRule, RuleSet, SharedRule } from './rule-set-model.js';

/** A rule as the diff shows it: its line in the file is left out (Omit on each member, not on the union, keeps their fields). */
export type PlacedRule = Omit<MappingRule, 'line'> | Omit<SharedRule, 'line'>;

export interface RuleChange {
  list: 'mapping' | 'shared';
  id: string;
  change: 'added' | 'removed' | 'changed' | 'moved';
  /** Position (1-based) in each version; order decides which rule wins. */
  before: { position: number; rule: PlacedRule } | null;
  after: { position: number; rule: PlacedRule } | null;
}

function withoutLine(rule: MappingRule | SharedRule): PlacedRule {
  const { line: _line, ...rest } = rule;
  return rest;
}

/**
 * What changed between two rule sets, rule by rule (matched by id): added, removed, changed
 * (conditions, owner, split) or moved (same rule, different place in the order — which can
 * change which rule wins). Line numbers are ignored.
 */
export function diffRuleSets(
  before: RuleSet,
  after: RuleSet,
): { tagKeysChanged: boolean; changes: RuleChange[] } {
  const changes: RuleChange[] = [];
  for (const list of ['shared', 'mapping'] as const) {
    const old: (MappingRule | SharedRule)[] = before[list];
    const next: (MappingRule | SharedRule)[] = after[list];
    const oldIds = old.map((rule) => rule.id);
    const nextIds = next.map((rule) => rule.id);
    // Rules kept in both, in the new order; a kept rule moved when its rank among kept rules differs.
    const keptOld = oldIds.filter((id) => nextIds.includes(id));
    const keptNew = nextIds.filter((id) => oldIds.includes(id));
    old.forEach((rule, index) => {
      if (!nextIds.includes(rule.id))
        changes.push({
          list,
          id: rule.id,
          change: 'removed',
          before: { position: index + 1, rule: withoutLine(rule) },
          after: null,
        });
    });
    next.forEach((rule, index) => {
      const oldIndex = oldIds.indexOf(rule.id);
      const entry = { position: index + 1, rule: withoutLine(rule) };
      if (oldIndex < 0) {
        changes.push({ list, id: rule.id, change: 'added', before: null, after: entry });
        return;
      }
      const previous = { position: oldIndex + 1, rule: withoutLine(old[oldIndex]!) };
      if (JSON.stringify(previous.rule) !== JSON.stringify(entry.rule))
        changes.push({ list, id: rule.id, change: 'changed', before: previous, after: entry });
      else if (keptOld.indexOf(rule.id) !== keptNew.indexOf(rule.id))
        changes.push({ list, id: rule.id, change: 'moved', before: previous, after: entry });
    });
  }
  return { tagKeysChanged: before.tagKeys !== after.tagKeys, changes };
}
