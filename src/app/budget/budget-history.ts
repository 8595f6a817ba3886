import { type BudgetFieldChange, diffBudgetVersions } from '../../core/budget/diff-budget-versions.js';
import { TollgateError } from '../../core/errors.js';
import type { BudgetVersion } from '../../ports/budget-store.js';
import type { Stores } from '../../ports/stores.js';
import { describeBudget } from './manage-budgets.js';

/** A version as budgets.yaml writes it: `budget` null means this version removed it. */
export interface DescribedBudgetVersion {
  version: number;
  changedBy: string;
  changedAt: string;
  change: 'created' | 'updated' | 'removed';
  budget: ReturnType<typeof describeBudget> | null;
}

function describeVersion(
  version: BudgetVersion,
  previous: BudgetVersion | undefined,
): DescribedBudgetVersion {
  return {
    version: version.version,
    changedBy: version.changedBy,
    changedAt: version.changedAt,
    change: version.budget === null ? 'removed' : previous?.budget ? 'updated' : 'created',
    budget: version.budget === null ? null : describeBudget(version.budget),
  };
}

async function requireHistory(stores: Stores, name: string): Promise<BudgetVersion[]> {
  const versions = await stores.budgets.listBudgetVersions(name);
  if (versions.length === 0)
    throw new TollgateError(
      'BUDGET_NOT_FOUND',
      `No budget named '${name}' was ever saved; the budgets list shows their names.`,
      'not-found',
    );
  return versions;
}

/** Every version of a budget, oldest first, including the one that removed it. */
export async function listBudgetHistory(stores: Stores, name: string): Promise<DescribedBudgetVersion[]> {
  const versions = await requireHistory(stores, name);
  return versions.map((version, n) => describeVersion(version, versions[n - 1]));
}

export interface BudgetDiff {
  name: string;
  from: number;
  to: number;
  changes: BudgetFieldChange[];
}

/**
 * What changed in a budget between two of its versions, field by field. Without `from` and
 * `to`, the latest version against the one before it (against nothing for a first version).
 * `labels` name the two numbers as the caller's interface does (`--from`, `from`).
 */
export async function diffBudgetHistory(
  stores: Stores,
  name: string,
  range: { from?: number | undefined; to?: number | undefined },
  labels: { from: string; to: string },
): Promise<BudgetDiff> {
  const versions = await requireHistory(stores, name);
  const latest = versions[versions.length - 1]!.version;
  const to = range.to ?? latest;
  const from = range.from ?? to - 1;
  const find = (number: number, label: string) => {
    if (number === 0 && label === labels.from) return null;
    const found = versions.find((version) => version.version === number);
    if (!found)
      throw new TollgateError(
        'BUDGET_VERSION_NOT_FOUND',
        `Budget ${name} has versions 1 to ${latest}; ${label} ${number} is not one of them.`,
        'not-found',
      );
    return found;
  };
  const before = find(from, labels.from);
  const after = find(to, labels.to);
  if (from >= to)
    throw new TollgateError(
      'BUDGET_VERSION_ORDER',
      `${labels.from} (${from}) must be an earlier version than ${labels.to} (${to}).`,
      'invalid-input',
    );
  const described = (version: BudgetVersion | null) =>
    version?.budget ? (describeBudget(version.budget) as Record<string, unknown>) : null;
  return { name, from, to, changes: diffBudgetVersions(described(before), described(after)) };
}
