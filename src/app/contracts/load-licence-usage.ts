import { isCalendarDate } from '../../core/assets/calendar-months.js';
import { readLicenceUsage } from '../../core/contracts/read-licence-usage.js';
import { TollgateError } from '../../core/errors.js';
import type { Stores } from '../../ports/stores.js';
import { requireCurrentCatalog } from '../allocation/manage-catalog.js';
import type { RegisterChange } from '../assets/manage-asset-register.js';
import type { RecordChange } from '../audit/record-audit.js';
import { todayUtc } from '../budget/budget-status-report.js';
import { invalidRecords, rawText, recordLabel } from './save-register-records.js';

/** The id a snapshot goes by in results and the audit log: licence and day. */
export const snapshotId = (licenceId: string, asOf: string) => `${licenceId}@${asOf}`;

/**
 * Loads who held licences as of a day (rows of licenceId, assignee, team, quantity and asOf,
 * a blank asOf taking `options.asOf`, default today UTC). The rows of each licence and day
 * become that day's snapshot, replacing one loaded before for the same day; other days and
 * licences the file does not name keep theirs. Each changed snapshot is one audited change
 * (`licences.usage.create` / `.update`); loading the same file again changes nothing. Unknown
 * licences or teams, bad days or quantities and an assignee twice on one day refuse the file.
 */
export async function loadLicenceUsage(
  stores: Stores,
  rows: readonly Record<string, unknown>[],
  source: { what: string; firstLine: number | null },
  actor: string,
  recordChange: RecordChange,
  options: { asOf?: string } = {},
): Promise<RegisterChange> {
  const defaultAsOf = options.asOf ?? todayUtc();
  if (!isCalendarDate(defaultAsOf))
    throw new TollgateError(
      'USAGE_INVALID',
      `The as-of day '${defaultAsOf}' is not a date; give it as YYYY-MM-DD. Nothing was changed.`,
    );
  const label = recordLabel(source.firstLine, 'row');
  const { index } = await requireCurrentCatalog(stores);
  const licences = new Set((await stores.contracts.listCurrent('licence')).map((version) => version.id));
  const { usages, problems } = readLicenceUsage(rows, label, defaultAsOf);
  rows.forEach((row, position) => {
    const licenceId = rawText(row, 'licenceId');
    const team = rawText(row, 'team');
    if (licenceId !== '' && !licences.has(licenceId))
      problems.push(`${label(position)}: licenceId '${licenceId}' is not a licence; load the licence first`);
    if (team !== '' && !index.teams.has(team))
      problems.push(`${label(position)}: team '${team}' is not a team of the service catalogue`);
  });
  if (problems.length > 0) throw invalidRecords('USAGE_INVALID', source.what, problems);
  if (usages.length === 0)
    throw new TollgateError('USAGE_INVALID', `${source.what} holds no assignments; nothing was changed.`);
  return stores.transaction(async () => {
    const before = new Map(
      (
        await stores.licenceUsage.findSnapshots(
          usages.map(({ asOf, usage }) => ({ licenceId: usage.licenceId, asOf })),
        )
      ).map((snapshot) => [snapshotId(snapshot.licenceId, snapshot.asOf), snapshot.usage]),
    );
    const result: RegisterChange = { created: [], updated: [], unchanged: [] };
    const changed = usages.filter(({ asOf, usage }) => {
      const id = snapshotId(usage.licenceId, asOf);
      const previous = before.get(id);
      if (previous && JSON.stringify(previous) === JSON.stringify(usage)) {
        result.unchanged.push(id);
        return false;
      }
      (previous ? result.updated : result.created).push(id);
      return true;
    });
    await stores.licenceUsage.replaceSnapshots(changed, actor);
    for (const { asOf, usage } of changed) {
      const id = snapshotId(usage.licenceId, asOf);
      const previous = before.get(id);
      await recordChange({
        action: `licences.usage.${previous ? 'update' : 'create'}`,
        target: `licence-usage:${id}`,
        before: previous ? { asOf, record: previous } : null,
        after: { asOf, record: usage },
      });
    }
    return result;
  });
}
