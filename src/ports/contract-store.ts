import type { ContractRegister, ContractRegisterRecords } from '../core/contracts/contract-model.js';

/** One version of a record of a register, with who changed it when. */
export interface RecordVersion<T> {
  id: string;
  record: T;
  version: number;
  changedAt: string;
  changedBy: string;
}

/**
 * Licences, their usage, vendor contracts and SLA breaches, each a register of versioned
 * records keyed by id. Nothing is overwritten: saving a record adds its next version (1 for a
 * new id), and the newest version is the record as it is now.
 */
export interface ContractStore {
  /** Adds one version per record (in one statement); returns the version each got, in order. */
  saveVersions<R extends ContractRegister>(
    register: R,
    records: readonly { id: string; record: ContractRegisterRecords[R] }[],
    changedBy: string,
  ): Promise<number[]>;
  /** Every record of the register as it is now, by id. */
  listCurrent<R extends ContractRegister>(register: R): Promise<RecordVersion<ContractRegisterRecords[R]>[]>;
  /** Every version of one record, oldest first (empty for an unknown id). */
  history<R extends ContractRegister>(
    register: R,
    id: string,
  ): Promise<RecordVersion<ContractRegisterRecords[R]>[]>;
}
