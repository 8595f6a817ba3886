import { TollgateError } from '../../core/errors.js';
import { parseRecordNumber } from '../../core/record-number.js';
import type { LoadRecord } from '../../ports/state-store.js';
import type { Stores } from '../../ports/stores.js';
import { auditRecorder, commandLineActor, type RecordChange } from '../audit/record-audit.js';

export async function listSources(stores: Stores, includeInactive: boolean): Promise<LoadRecord[]> {
  return stores.state.listLoads({ includeInactive });
}

/** Removes a load in one transaction: its lines go, its record stays (status removed) for the history. */
export async function removeSource(
  stores: Stores,
  idText: string,
  recordChange?: RecordChange,
): Promise<{ loadId: number; linesDeleted: number }> {
  const loadId = parseRecordNumber(idText);
  if (loadId === undefined) {
    throw new TollgateError(
      'SOURCE_BAD_ID',
      `'${idText}' is not a load id; use a load number from the list of sources.`,
      'usage',
    );
  }
  const load = await stores.state.getLoad(loadId);
  if (!load || load.status === 'removed') {
    throw new TollgateError(
      'SOURCE_NOT_FOUND',
      `There is no load #${loadId}; the list of sources shows the loads.`,
      'not-found',
    );
  }
  return stores.transaction(async () => {
    const linesDeleted = await stores.costs.deleteLoadLines(loadId);
    await stores.state.markLoadRemoved(loadId);
    await (recordChange ?? auditRecorder(stores, commandLineActor()))({
      action: 'sources.remove',
      target: `load:${loadId}`,
      before: {
        status: load.status,
        inputPath: load.inputPath,
        contentHash: load.contentHash,
        rowCount: load.rowCount,
      },
      after: { status: 'removed', linesDeleted },
    });
    return { loadId, linesDeleted };
  });
}
