import { type Condition, fieldName, type RuleSet } from './rule-set-model.js';

function conditionKey(condition: Condition): string {
  const field = `${fieldName(condition.field)}${condition.field.kind === 'tag' && condition.field.ignoreKeyCase ? '/i' : ''}`;
  switch (condition.op) {
    case 'equals':
      return `${field} equals ${JSON.stringify(condition.value)}`;
    case 'in':
      return `${field} in ${JSON.stringify([...new Set(condition.values)].sort())}`;
    case 'prefix':
      return `${field} prefix ${JSON.stringify(condition.value)}`;
    case 'regex':
      return `${field} regex ${JSON.stringify(condition.pattern)}`;
    case 'missing':
      return `${field} missing ${condition.missing}`;
  }
}

/** True when every line `later` matches is matched by `earlier` too. */
function covers(earlier: Condition[], later: Condition[]): boolean {
  const laterKeys = new Set(later.map(conditionKey));
  return earlier.every((condition) => {
    if (laterKeys.has(conditionKey(condition))) return true;
    // `in` covers an `equals` (or a smaller `in`) on the same field.
    if (condition.op !== 'in') return false;
    return later.some(
      (other) =>
        fieldName(other.field) === fieldName(condition.field) &&
        ((other.op === 'equals' && condition.values.includes(other.value)) ||
          (other.op === 'in' && other.values.every((value) => condition.values.includes(value)))),
    );
  });
}

/**
 * Rules that can never match: first match wins, shared rules before mapping rules, so a rule
 * is dead when an earlier rule (or any shared rule, for a mapping rule) matches every line it
 * would (same conditions or fewer; an `in` covers an `equals` of one of its values).
 */
export function findUnreachableRules(ruleSet: RuleSet): { line: number; message: string }[] {
  const found: { line: number; message: string }[] = [];
  const ordered = [
    ...ruleSet.shared.map((rule) => ({ rule, list: 'shared' })),
    ...ruleSet.mapping.map((rule) => ({ rule, list: 'mapping' })),
  ];
  ordered.forEach(({ rule, list }, index) => {
    const shadow = ordered
      .slice(0, index)
      .find((earlier) => covers(earlier.rule.conditions, rule.conditions));
    if (shadow) {
      found.push({
        line: rule.line,
        message: `${list} rule '${rule.id}' can never match: ${shadow.list} rule '${shadow.rule.id}' (line ${shadow.rule.line}) comes first and matches every line it would`,
      });
    }
  });
  return found;
}
