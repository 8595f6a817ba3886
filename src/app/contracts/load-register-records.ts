import type { ContractRegister, ContractRegisterRecords } from '../../core/contracts/contract-model.js';
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

/** How one register's load reads and checks its records; the rest of a load is the same for all. */
export interface RegisterLoad<R extends ContractRegister> {
  register: R;
  /** What one record is called in a problem ("licence", "contract") and the load as a whole. */
  noun: string;
  plural: string;
  /** The refusal's code, and the audit action's prefix. */
  code: string;
  action: string;
  read(record: Record<string, unknown>): { value?: ContractRegisterRecords[R]; problems: string[] };
  /** Checks against other registers (e.g. the contract a licence names), as problems. */
  checkLinks?(record: Record<string, unknown>): string[];
}

/**
 * Loads records of one register (from a file or the API): every record is read, its owner team
 * looked up in the current catalogue and its links checked first, and any problem refuses the
 * whole load; then each record is created or versioned as one audited change.
 */
export async function loadRegisterRecords<R extends ContractRegister>(
  stores: Stores,
  load: RegisterLoad<R>,
  records: readonly Record<string, unknown>[],
  source: { what: string; firstLine: number | null },
  actor: string,
  recordChange: RecordChange,
): Promise<RegisterChange> {
  const label = recordLabel(source.firstLine, load.noun);
  const { index } = await requireCurrentCatalog(stores);
  const problems: string[] = [];
  const values: ContractRegisterRecords[R][] = [];
  records.forEach((record, position) => {
    const read = load.read(record);
    for (const problem of read.problems) problems.push(`${label(position)}: ${problem}`);
    for (const problem of load.checkLinks?.(record) ?? []) problems.push(`${label(position)}: ${problem}`);
    const team = rawText(record, 'ownerTeam');
    if (team !== '' && !index.teams.has(team))
      problems.push(`${label(position)}: ownerTeam '${team}' is not a team of the service catalogue`);
    if (read.value) values.push(read.value);
  });
  problems.push(...duplicateIdProblems(records, label));
  if (problems.length > 0) throw invalidRecords(load.code, source.what, problems);
  if (values.length === 0)
    throw new TollgateError(load.code, `${source.what} holds no ${load.plural}; nothing was changed.`);
  return saveRegisterRecords(
    stores,
    load.register,
    values.map((value) => ({ id: (value as { id: string }).id, record: value })),
    { actor, action: load.action, recordChange },
  );
}
