import type { ContractRegister, ContractRegisterRecords } from '../../core/contracts/contract-model.js';
import { TollgateError } from '../../core/errors.js';
import type { Stores } from '../../ports/stores.js';
import type { RegisterChange } from '../assets/manage-asset-register.js';
import type { RecordChange } from '../audit/record-audit.js';

const MAX_PROBLEMS = 50;

/** One refusal listing every problem, record by record; `code` names the register's refusal. */
export function invalidRecords(code: string, what: string, problems: readonly string[]): TollgateError {
  const shown = problems.slice(0, MAX_PROBLEMS).map((problem) => `  ${problem}`);
  if (problems.length > MAX_PROBLEMS) shown.push(`  ... and ${problems.length - MAX_PROBLEMS} more`);
  return new TollgateError(
    code,
    `${what} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was changed. Fix them and try again:\n${shown.join('\n')}`,
    'invalid-input',
    { problems: [...problems] },
  );
}

/** Labels record i of a file: its CSV line (the header is line 1), or its place in a list. */
export function recordLabel(firstLine: number | null, noun: string) {
  return (index: number) => (firstLine === null ? `${noun} ${index + 1}` : `line ${firstLine + index}`);
}

/** A record's field as trimmed text ('' when absent or not text), for checks across records. */
export function rawText(record: Record<string, unknown>, field: string): string {
  const value = record[field];
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/** Problems for the same id given twice in one load, each record named by its own position. */
export function duplicateIdProblems(
  records: readonly Record<string, unknown>[],
  label: (index: number) => string,
): string[] {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  records.forEach((record, index) => {
    const id = rawText(record, 'id');
    if (id === '') return;
    const first = seen.get(id);
    if (first !== undefined)
      problems.push(`${label(index)}: duplicate id '${id}', already given at ${label(first)}`);
    else seen.set(id, index);
  });
  return problems;
}

/**
 * Saves checked records of one register in one transaction: new ids get version 1, changed
 * ones their next version, identical ones nothing; each change is one audit entry
 * (`<action>.create` or `.update`) with the record before and after.
 */
export async function saveRegisterRecords<R extends ContractRegister>(
  stores: Stores,
  register: R,
  records: readonly { id: string; record: ContractRegisterRecords[R] }[],
  options: { actor: string; action: string; recordChange: RecordChange },
): Promise<RegisterChange> {
  return stores.transaction(async () => {
    const current = new Map(
      (await stores.contracts.listCurrent(register)).map((version) => [version.id, version]),
    );
    const changed = records.filter(({ id, record }) => {
      const before = current.get(id);
      return !before || JSON.stringify(before.record) !== JSON.stringify(record);
    });
    const versions = await stores.contracts.saveVersions(register, changed, options.actor);
    const result: RegisterChange = { created: [], updated: [], unchanged: [] };
    for (const [index, { id, record }] of changed.entries()) {
      const before = current.get(id);
      (before ? result.updated : result.created).push(id);
      await options.recordChange({
        action: `${options.action}.${before ? 'update' : 'create'}`,
        target: `${register}:${id}`,
        before: before ? { version: before.version, record: before.record } : null,
        after: { version: versions[index], record },
      });
    }
    result.unchanged = records.filter((entry) => !changed.includes(entry)).map(({ id }) => id);
    return result;
  });
}
