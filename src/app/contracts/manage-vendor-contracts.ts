import type { VendorContract } from '../../core/contracts/contract-model.js';
import { readVendorContract } from '../../core/contracts/read-vendor-contract.js';
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
 * Loads vendor contracts (from a file or the API): every record is read and its owner looked up
 * in the current catalogue first, and any problem refuses the whole load; then each contract is
 * created or versioned as one audited change (`contracts.create` / `contracts.update`).
 */
export async function loadVendorContracts(
  stores: Stores,
  records: readonly Record<string, unknown>[],
  source: { what: string; firstLine: number | null },
  actor: string,
  recordChange: RecordChange,
): Promise<RegisterChange> {
  const label = recordLabel(source.firstLine, 'contract');
  const { index } = await requireCurrentCatalog(stores);
  const problems: string[] = [];
  const contracts: VendorContract[] = [];
  records.forEach((record, position) => {
    const read = readVendorContract(record);
    for (const problem of read.problems) problems.push(`${label(position)}: ${problem}`);
    const team = rawText(record, 'ownerTeam');
    if (team !== '' && !index.teams.has(team))
      problems.push(`${label(position)}: ownerTeam '${team}' is not a team of the service catalogue`);
    if (read.contract) contracts.push(read.contract);
  });
  problems.push(...duplicateIdProblems(records, label));
  if (problems.length > 0) throw invalidRecords('CONTRACT_INVALID', source.what, problems);
  if (contracts.length === 0)
    throw new TollgateError('CONTRACT_INVALID', `${source.what} holds no contracts; nothing was changed.`);
  return saveRegisterRecords(
    stores,
    'vendor-contract',
    contracts.map((contract) => ({ id: contract.id, record: contract })),
    { actor, action: 'contracts', recordChange },
  );
}

export async function requireContract(stores: Stores, id: string): Promise<VendorContract> {
  const found = (await stores.contracts.listCurrent('vendor-contract')).find((version) => version.id === id);
  if (!found) {
    throw new TollgateError(
      'CONTRACT_NOT_FOUND',
      `There is no vendor contract ${id}; list the contracts to see their ids, or load it first.`,
      'not-found',
    );
  }
  return found.record;
}
