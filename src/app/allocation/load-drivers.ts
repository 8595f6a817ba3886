import { parseDriverCsv } from '../../core/allocation/parse-driver-csv.js';
import type { Stores } from '../../ports/stores.js';
import { type Actor, recordAudit } from '../audit/record-audit.js';
import { requireCurrentCatalog } from './manage-catalog.js';
import { invalidFileError, readTextFile } from './read-yaml-sources.js';

/**
 * Loads a driver CSV in one transaction: every (period, driver) in the file replaces what was
 * loaded for it before. Any bad row rejects the whole file. Closed periods keep their
 * allocation whatever the drivers say now.
 */
export async function loadDrivers(stores: Stores, path: string, by: Actor) {
  const actor = by.name;
  const { index } = await requireCurrentCatalog(stores);
  const { values, problems } = parseDriverCsv(path, await readTextFile(path), new Set(index.teams.keys()));
  if (problems.length > 0) throw invalidFileError('DRIVERS_INVALID', `The driver file ${path}`, problems);
  return stores.transaction(async () => {
    await stores.allocation.drivers.replaceDrivers(values, path);
    const pairs = [...new Set(values.map((value) => `${value.period} ${value.driver}`))].sort();
    await stores.allocation.audit.record({
      actor,
      action: 'drivers.load',
      subject: path,
      detail: { rows: values.length, pairs },
    });
    await recordAudit(stores, by, {
      action: 'drivers.load',
      target: `drivers:${path}`,
      after: { rows: values.length, pairs },
    });
    return {
      path,
      rows: values.length,
      replaced: pairs,
      drivers: await stores.allocation.drivers.listDrivers(),
    };
  });
}
