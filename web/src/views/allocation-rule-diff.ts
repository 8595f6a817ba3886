type Side = { position: number; rule: unknown } | null;

const text = (value: unknown) => (value === undefined ? '(none)' : JSON.stringify(value));

/**
 * What changed in one rule between two versions, one line per top-level field that differs
 * ("method: \"driver\" → \"even\""), plus its position when it moved; the whole rule stays
 * available beside it.
 */
export function describeRuleChanges(before: Side, after: Side): string[] {
  if (!before || !after) return [];
  const lines: string[] = [];
  if (before.position !== after.position) lines.push(`position: ${before.position} → ${after.position}`);
  const old = (before.rule ?? {}) as Record<string, unknown>;
  const next = (after.rule ?? {}) as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(old), ...Object.keys(next)])]) {
    if (JSON.stringify(old[key]) !== JSON.stringify(next[key]))
      lines.push(`${key}: ${text(old[key])} → ${text(next[key])}`);
  }
  return lines;
}
