import { LICENCE_LINE_COLUMNS, licenceCostLines } from '../../core/contracts/licence-cost-lines.js';
import { TollgateError } from '../../core/errors.js';
import type { Stores } from '../../ports/stores.js';
import type { RecordChange } from '../audit/record-audit.js';
import { ingestGeneratedLines } from '../costs/ingest-generated-lines.js';
import { currentLicenceUsage } from './report-licences.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Posts licence cost as cost lines, through the same path as a billing export (as the asset
 * register posts depreciation):
 * 1. every licence's price is spread over its term and split among the teams holding it, the
 *    owner taking the shelfware (licenceCostLines), for the months up to `through`;
 * 2. the lines are written as one CSV (writeCsv) in a private temporary folder;
 * 3. that file is ingested like any export (an audited load), so posting again replaces the
 *    months it repeats, with each licence's newest usage snapshot.
 */
export async function postLicenceCosts(
  stores: Stores,
  options: { through: string; recordChange: RecordChange },
) {
  if (!MONTH.test(options.through)) {
    throw new TollgateError(
      'LICENCE_BAD_MONTH',
      `'${options.through}' is not a month; give the last month to post as YYYY-MM.`,
      'usage',
    );
  }
  const usages = await currentLicenceUsage(stores);
  const licences = (await stores.contracts.listCurrent('licence')).map(({ record }) => ({
    licence: record,
    usage: usages.get(record.id),
  }));
  const lines = licenceCostLines(licences, options.through);
  if (lines.length === 0) {
    throw new TollgateError(
      'LICENCES_NOTHING_TO_POST',
      `No licence term starts by ${options.through}; load the licences first. Nothing was posted.`,
      'conflict',
    );
  }
  const loaded = await ingestGeneratedLines(stores, {
    header: LICENCE_LINE_COLUMNS,
    lines,
    fileName: `licence-cost-through-${options.through}.csv`,
    recordChange: options.recordChange,
  });
  return {
    through: options.through,
    licences: new Set(lines.map((line) => line[LICENCE_LINE_COLUMNS.indexOf('x_licence_id')])).size,
    lines: lines.length,
    ...loaded,
  };
}
