import { type Assignment, type LicenceUsage, USAGE_FIELDS } from './contract-model.js';
import { RECORD_ID, RecordFields, TEAM_NAME } from './record-fields.js';

const MAX_QUANTITY = 10_000_000;

/** Who held one licence as of one day. */
export interface DatedLicenceUsage {
  asOf: string;
  usage: LicenceUsage;
}

/**
 * Reads usage rows (licenceId, assignee, team, quantity, asOf; quantity 1 when blank, asOf
 * `defaultAsOf` when blank) into one usage per licence and day, in the order they first
 * appear. Each problem is named by `label(row)`; an assignee given twice for one licence on
 * one day is a problem (one holder, one row).
 */
export function readLicenceUsage(
  rows: readonly Record<string, unknown>[],
  label: (index: number) => string,
  defaultAsOf: string,
): { usages: DatedLicenceUsage[]; problems: string[] } {
  const problems: string[] = [];
  const bySnapshot = new Map<
    string,
    { licenceId: string; asOf: string; assignments: Assignment[]; rows: Map<string, number> }
  >();
  rows.forEach((raw, index) => {
    const undated = raw.asOf === undefined || raw.asOf === null || String(raw.asOf).trim() === '';
    const fields = new RecordFields(undated ? { ...raw, asOf: defaultAsOf } : raw, USAGE_FIELDS);
    const licenceId = fields.name('licenceId', RECORD_ID, 'a licence id');
    const assignee = fields.required('assignee');
    const team = fields.name('team', TEAM_NAME, 'a team name');
    const quantity = fields.integer('quantity', 1, MAX_QUANTITY, 1);
    const asOf = fields.date('asOf');
    for (const problem of fields.problems) problems.push(`${label(index)}: ${problem}`);
    if (fields.problems.length > 0) return;
    const key = `${licenceId}\u0000${asOf}`;
    const snapshot = bySnapshot.get(key) ?? {
      licenceId,
      asOf,
      assignments: [] as Assignment[],
      rows: new Map(),
    };
    bySnapshot.set(key, snapshot);
    const first = snapshot.rows.get(assignee);
    if (first !== undefined) {
      problems.push(
        `${label(index)}: ${assignee} already holds ${licenceId} as of ${asOf} at ${label(first)}`,
      );
      return;
    }
    snapshot.rows.set(assignee, index);
    snapshot.assignments.push({ assignee, team, quantity });
  });
  const usages = [...bySnapshot.values()].map(({ licenceId, asOf, assignments }) => ({
    asOf,
    usage: { licenceId, assignments },
  }));
  return { usages, problems };
}
