import { type Assignment, type LicenceUsage, USAGE_FIELDS } from './contract-model.js';
import { RECORD_ID, RecordFields, TEAM_NAME } from './record-fields.js';

const MAX_QUANTITY = 10_000_000;

/**
 * Reads usage rows (licenceId, assignee, team, quantity; quantity 1 when blank) into one usage
 * per licence, in the order licences first appear. Each problem is named by `label(row)`; an
 * assignee given twice for one licence is a problem (one holder, one row).
 */
export function readLicenceUsage(
  rows: readonly Record<string, unknown>[],
  label: (index: number) => string,
): { usages: LicenceUsage[]; problems: string[] } {
  const problems: string[] = [];
  const byLicence = new Map<string, { assignments: Assignment[]; rows: Map<string, number> }>();
  rows.forEach((raw, index) => {
    const fields = new RecordFields(raw, USAGE_FIELDS);
    const licenceId = fields.name('licenceId', RECORD_ID, 'a licence id');
    const assignee = fields.required('assignee');
    const team = fields.name('team', TEAM_NAME, 'a team name');
    const quantity = fields.integer('quantity', 1, MAX_QUANTITY, 1);
    for (const problem of fields.problems) problems.push(`${label(index)}: ${problem}`);
    if (fields.problems.length > 0) return;
    const usage = byLicence.get(licenceId) ?? {
      assignments: [] as Assignment[],
      rows: new Map<string, number>(),
    };
    byLicence.set(licenceId, usage);
    const first = usage.rows.get(assignee);
    if (first !== undefined) {
      problems.push(`${label(index)}: ${assignee} already holds ${licenceId} at ${label(first)}`);
      return;
    }
    usage.rows.set(assignee, index);
    usage.assignments.push({ assignee, team, quantity });
  });
  const usages = [...byLicence].map(([licenceId, usage]) => ({ licenceId, assignments: usage.assignments }));
  return { usages, problems };
}
