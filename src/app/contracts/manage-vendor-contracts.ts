import type { VendorContract } from '../../core/contracts/contract-model.js';
import { readVendorContract } from '../../core/contracts/read-vendor-contract.js';
import { TollgateError } from '../../core/errors.js';
import type { Stores } from '../../ports/stores.js';
import type { RegisterChange } from '../assets/manage-asset-register.js';
import type { RecordChange } from '../audit/record-audit.js';
import { loadRegisterRecords } from './load-register-records.js';

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
  return loadRegisterRecords(
    stores,
    {
      register: 'vendor-contract',
      noun: 'contract',
      plural: 'contracts',
      code: 'CONTRACT_INVALID',
      action: 'contracts',
      read: (record) => {
        const read = readVendorContract(record);
        return read.contract
          ? { value: read.contract, problems: read.problems }
          : { problems: read.problems };
      },
    },
    records,
    source,
    actor,
    recordChange,
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
