import type { Licence } from '../../core/contracts/contract-model.js';
import { readLicence } from '../../core/contracts/read-licence.js';
import { TollgateError } from '../../core/errors.js';
import type { Stores } from '../../ports/stores.js';
import { requireCurrentCatalog } from '../allocation/manage-catalog.js';
import type { RegisterChange } from '../assets/manage-asset-register.js';
import type { RecordChange } from '../audit/record-audit.js';
import {
  duplicateIdProblems,
  invalidRecords,
  rawText,
  recordLabel,
  saveRegisterRecords,
} from './save-register-records.js';

/**
 * Loads licence entitlements: each is read, its contract must already be in the contract
 * register and its owner in the catalogue; any problem refuses the whole load. Then each is
 * created or versioned as one audited change (`licences.create` / `licences.update`).
 */
export async function loadLicences(
  stores: Stores,
  records: readonly Record<string, unknown>[],
  source: { what: string; firstLine: number | null },
  actor: string,
  recordChange: RecordChange,
): Promise<RegisterChange> {
  const label = recordLabel(source.firstLine, 'licence');
  const { index } = await requireCurrentCatalog(stores);
  const contracts = new Set(
    (await stores.contracts.listCurrent('vendor-contract')).map((version) => version.id),
  );
  const problems: string[] = [];
  const licences: Licence[] = [];
  records.forEach((record, position) => {
    const read = readLicence(record);
    for (const problem of read.problems) problems.push(`${label(position)}: ${problem}`);
    const contractId = rawText(record, 'contractId');
    if (contractId !== '' && !contracts.has(contractId))
      problems.push(
        `${label(position)}: contractId '${contractId}' is not a vendor contract; load the contract first`,
      );
    const team = rawText(record, 'ownerTeam');
    if (team !== '' && !index.teams.has(team))
      problems.push(`${label(position)}: ownerTeam '${team}' is not a team of the service catalogue`);
    if (read.licence) licences.push(read.licence);
  });
  problems.push(...duplicateIdProblems(records, label));
  if (problems.length > 0) throw invalidRecords('LICENCE_INVALID', source.what, problems);
  if (licences.length === 0)
    throw new TollgateError('LICENCE_INVALID', `${source.what} holds no licences; nothing was changed.`);
  return saveRegisterRecords(
    stores,
    'licence',
    licences.map((licence) => ({ id: licence.id, record: licence })),
    { actor, action: 'licences', recordChange },
  );
}
