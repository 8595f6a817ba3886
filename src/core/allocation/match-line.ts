import type { Condition, MatchColumn } from './rule-set-model.js';

/** A cost line as the rules see it: its text columns and its tags. */
export interface MatchableLine {
  columns: Partial<Record<MatchColumn, string | null>>;
  tags: Record<string, unknown> | null;
}

/**
 * A tag's value. With `ignoreKeyCase`, the key written exactly wins; otherwise, among keys
 * equal ignoring case (`Team`, `TEAM`), the one that sorts first by code point — the same
 * choice the store makes, whatever order the keys came in.
 */
export function lookupTag(
  tags: Record<string, unknown> | null,
  key: string,
  ignoreKeyCase: boolean,
): string | null {
  if (tags === null) return null;
  const exact = tagText(tags[key]);
  if (!ignoreKeyCase || exact !== null) return exact;
  const lower = key.toLowerCase();
  const candidates = Object.keys(tags)
    .filter((candidate) => candidate.toLowerCase() === lower)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return candidates.length === 0 ? null : tagText(tags[candidates[0]!]);
}

function tagText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const compiled = new Map<string, RegExp>();

export function matchCondition(condition: Condition, line: MatchableLine): boolean {
  const value =
    condition.field.kind === 'column'
      ? (line.columns[condition.field.column] ?? null)
      : lookupTag(line.tags, condition.field.key, condition.field.ignoreKeyCase);
  switch (condition.op) {
    case 'missing':
      return (value === null || value === '') === condition.missing;
    case 'equals':
      return value === condition.value;
    case 'in':
      return value !== null && condition.values.includes(value);
    case 'prefix':
      return (value ?? '').startsWith(condition.value);
    case 'regex': {
      if (value === null) return false;
      let regex = compiled.get(condition.pattern);
      if (!regex) {
        regex = new RegExp(condition.pattern);
        compiled.set(condition.pattern, regex);
      }
      return regex.test(value);
    }
  }
}

export function matchAll(conditions: Condition[], line: MatchableLine): boolean {
  return conditions.every((condition) => matchCondition(condition, line));
}
