/** One field of a budget that differs between two versions, as budgets.yaml writes it. */
export interface BudgetFieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields that differ between two versions of a budget, each given as budgets.yaml writes it
 * (`describeBudget`), in the order the later version lists them; a missing version (before the
 * first save, or a removal) has no fields, so every field of the other one is a change.
 */
export function diffBudgetVersions(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): BudgetFieldChange[] {
  const fields = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
  return fields
    .filter((field) => field !== 'name')
    .map((field) => ({ field, before: before?.[field] ?? null, after: after?.[field] ?? null }))
    .filter((change) => !sameValue(change.before, change.after));
}
