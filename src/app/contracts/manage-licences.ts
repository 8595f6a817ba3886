import { readLicence } from '../../core/contracts/read-licence.js';
import type { Stores } from '../../ports/stores.js';
import type { RegisterChange } from '../assets/manage-asset-register.js';
import type { RecordChange } from '../audit/record-audit.js';
import { loadRegisterRecords } from './load-register-records.js';
import { rawText } from './save-register-records.js';

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
  const contracts = new Set(
    (await stores.contracts.listCurrent('vendor-contract')).map((version) => version.id),
  );
  return loadRegisterRecords(
    stores,
    {
      register: 'licence',
      noun: 'licence',
      plural: 'licences',
      code: 'LICENCE_INVALID',
      action: 'licences',
      read: (record) => {
        const read = readLicence(record);
        return read.licence ? { value: read.licence, problems: read.problems } : { problems: read.problems };
      },
      checkLinks: (record) => {
        const contractId = rawText(record, 'contractId');
        return contractId !== '' && !contracts.has(contractId)
          ? [`contractId '${contractId}' is not a vendor contract; load the contract first`]
          : [];
      },
    },
    records,
    source,
    actor,
    recordChange,
  );
}
