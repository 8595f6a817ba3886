import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { TollgateError } from '../../core/errors.js';
import { readRegisterCsv } from '../../ingest/assets/read-register-csv.js';
import type { Stores } from '../../ports/stores.js';
import { parseYamlText } from '../governance/governance-context.js';

/**
 * The records of a register file: a CSV with a header row, or YAML/JSON holding a list under
 * `key` (or the list itself). Each record is an object of fields, checked by the caller.
 */
export async function readRegisterFile(
  stores: Stores,
  path: string,
  key: string,
): Promise<Record<string, unknown>[]> {
  if (extname(path).toLowerCase() === '.csv') return readRegisterCsv(stores.fileEngine, path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new TollgateError('FILE_NOT_FOUND', `Cannot read ${path}; check the path.`, 'not-found');
  }
  return registerRecords(parseYamlText(text, path), path, key);
}

/** The list of records in a parsed YAML or JSON document: `{<key>: [...]}` or a bare list. */
export function registerRecords(document: unknown, what: string, key: string): Record<string, unknown>[] {
  const list = Array.isArray(document)
    ? document
    : document && typeof document === 'object'
      ? (document as Record<string, unknown>)[key]
      : undefined;
  if (!Array.isArray(list) || list.some((item) => !item || typeof item !== 'object' || Array.isArray(item))) {
    throw new TollgateError(
      'REGISTER_SHAPE',
      `${what} must hold a list of objects under '${key}:' (or be that list); nothing was changed.`,
    );
  }
  return list as Record<string, unknown>[];
}
